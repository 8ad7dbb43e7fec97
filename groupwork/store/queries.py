"""Intent-named reads of the SQLite store: each one query, named for what its caller wants.

Kept apart from ``store.py`` (opening, writing, generic record access) so each file stays
small. Every method takes ids and model classes and returns models; the SQL stays here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from groupwork.models_lazy import models as m
from groupwork.store.converters import table_name

if TYPE_CHECKING:
    from sqlite_utils import Database

ModelT = TypeVar("ModelT", bound="m.Record")

# Records found through their session or member rather than a group_id column: the SQL that
# reaches the group from them, by the field that links them.
_THROUGH = {
    "session_id": "session_id in (select id from sessions where group_id = ?)",
    "member_id": "member_id in (select id from members where group_id = ?)",
}


class RecordQueries:
    """The review's, the forms' and the exchange's reads (mixed into ``Store``)."""

    # Provided by Store (store.py), which this class is mixed into.
    db: Database
    _find: Callable[..., list[Any]]
    _count: Callable[..., int]
    of_group: Callable[..., list[Any]]
    save: Callable[..., Any]

    # --- the records of one group, in the order a reader expects them ---------------------

    def group_consents(self, group_id: str) -> list[m.Consent]:
        """Every consent record of the group's members, oldest first."""
        return self._find(m.Consent, "group_id = ?", [group_id], order_by="given_on, rowid")

    def consents_of_groups(self, group_ids: Iterable[str]) -> dict[str, list[m.Consent]]:
        """``group_consents`` of many groups (a page of them) in one read, by group."""
        found: dict[str, list[m.Consent]] = {}
        for consent in self._find(
            m.Consent,
            "group_id in (select value from json_each(?))",
            [json.dumps(list(group_ids))],
            order_by="given_on, rowid",
        ):
            found.setdefault(consent.group_id, []).append(consent)
        return found

    def ground_rules(self, group_id: str, *, by_agreement: bool = False) -> list[m.GroundRule]:
        """The group's ground rules as written; ``by_agreement``: by the day agreed, undated last."""
        order = "agreed_on is null, agreed_on, rowid" if by_agreement else "rowid"
        return self._find(m.GroundRule, "group_id = ?", [group_id], order_by=order)

    def assessments(
        self, group_id: str, kind: m.AssessmentKind | None = None
    ) -> list[m.Assessment]:
        """The group's assessments (of one ``kind``, or all), by the day made."""
        where, params = "group_id = ?", [group_id]
        if kind is not None:
            where += " and kind = ?"
            params.append(m.AssessmentKind(kind).value)
        return self._find(m.Assessment, where, params, order_by="assessed_on, rowid")

    def group_issues(self, group_id: str, *, by_date: bool = False) -> list[m.GroupIssue]:
        """The group's issues as written; ``by_date``: by the day raised."""
        order = "raised_on, rowid" if by_date else "rowid"
        return self._find(m.GroupIssue, "group_id = ?", [group_id], order_by=order)

    def goals(self, group_id: str, *, ties_as_written: bool = False) -> list[m.Goal]:
        """The group's goals by priority; ties by title, or as written (``ties_as_written``)."""
        order = "priority, rowid" if ties_as_written else "priority, title"
        return self._find(m.Goal, "group_id = ?", [group_id], order_by=order)

    def reviews(self, group_id: str) -> list[m.Review]:
        """The group's periodic reviews, by the day held."""
        return self._find(m.Review, "group_id = ?", [group_id], order_by="held_on, rowid")

    def new_situations(self, group_id: str) -> list[m.NewSituation]:
        """The new situations the group met, by the day identified."""
        return self._find(
            m.NewSituation, "group_id = ?", [group_id], order_by="identified_on, rowid"
        )

    def handover_steps(self, group_id: str) -> list[m.HandoverStep]:
        """The steps of handing the group over, by the day taken."""
        return self._find(m.HandoverStep, "group_id = ?", [group_id], order_by="taken_on, rowid")

    def group_ratings(self, group_id: str) -> list[m.Rating]:
        """Every member's rating of the group's sessions, on every scale, as recorded."""
        return self._find(m.Rating, _THROUGH["session_id"], [group_id], order_by="rowid")

    def rating_scales(self, group_id: str) -> list[m.RatingScale]:
        """The scales the group rates its sessions on, oldest first."""
        return self._find(m.RatingScale, "group_id = ?", [group_id], order_by="rowid")

    def endorsements(self, group_id: str) -> list[m.Endorsement]:
        """The group's endorsements, as written (the last is the one in force)."""
        return self._find(m.Endorsement, "group_id = ?", [group_id])

    def marks_of_sessions(self, session_ids: list[str]) -> list[m.GroupMark]:
        """The group-state marks of several sessions in one query, in time order."""
        if not session_ids:
            return []
        placeholders = ",".join("?" * len(session_ids))
        return self._find(
            m.GroupMark, f"session_id in ({placeholders})", session_ids, order_by="at, rowid"
        )

    def session_has_marks_or_tasks(self, session_id: str) -> bool:
        """True when a group mark was made, or a task agreed, in the session."""
        return bool(
            self._count(m.GroupMark, "session_id = ?", [session_id])
            or self._count(m.Task, "agreed_session_id = ?", [session_id])
        )

    # --- look-ups by name ------------------------------------------------------------------

    def groups_named(self, name: str) -> list[m.Group]:
        """The groups called exactly ``name``."""
        return self._find(m.Group, "name = ?", [name])

    def members_anywhere(self, ref: str) -> list[m.Member]:
        """Members of any group whose id or pseudonym (case-insensitive) is ``ref``."""
        return self._find(m.Member, "id = ? or lower(pseudonym) = lower(?)", [ref, ref])

    # --- whole groups, for export and import -------------------------------------------------

    def records_of_group(self, model_cls: type[ModelT], group_id: str) -> list[ModelT]:
        """The group's records of ``model_cls``, in the order they were written.

        Records without a ``group_id`` are reached through their session or member.
        """
        fields = model_cls.model_fields
        if "group_id" in fields:
            return self._find(model_cls, "group_id = ?", [group_id], order_by="rowid")
        for link, where in _THROUGH.items():
            if link in fields:
                return self._find(model_cls, where, [group_id], order_by="rowid")
        raise NotImplementedError(f"no rule for the {model_cls.__name__} records of one group")

    def has_group(self, group_id: str) -> bool:
        """True when a group with this id is stored."""
        return bool(self._count(m.Group, "id = ?", [group_id]))

    def existing_ids(self, model_cls: type[m.Record], ids: list[str]) -> set[str]:
        """Which of ``ids`` are already ids of stored ``model_cls`` records."""
        found: set[str] = set()
        table = table_name(model_cls)
        for start in range(0, len(ids), 500):  # stay under SQLite's limit on parameters
            chunk = ids[start : start + 500]
            placeholders = ",".join("?" * len(chunk))
            rows = self.db.execute(f"select id from [{table}] where id in ({placeholders})", chunk)
            found.update(row[0] for row in rows)
        return found

    # --- closure and the pre-share check --------------------------------------------------

    def closure_reflection(self, group_id: str) -> m.ClosureReflection | None:
        """The worker's closure reflection for the group, or None before one is written."""
        found = self.of_group(m.ClosureReflection, group_id)
        return found[0] if found else None

    def other_name_decisions(self, group_id: str) -> dict[str, bool]:
        """The worker's choices about possible non-member names: name -> replace?"""
        found = self._find(
            m.OtherNameDecision, "group_id = ?", [group_id], order_by="decided_at, rowid"
        )
        return {d.name: d.replace for d in found}

    def replaced_other_names(self, group_id: str) -> list[str]:
        """Names of non-members the worker chose to replace in shared outputs."""
        return sorted(
            name for name, replace in self.other_name_decisions(group_id).items() if replace
        )

    def people_around(self, group_id: str) -> list[m.PersonAround]:
        """The register of people around the group (not members), in the order added."""
        return self._find(m.PersonAround, "group_id = ?", [group_id], order_by="added_at, rowid")

    def shared_files(self, group_id: str) -> list[m.SharedFile]:
        """The files groupwork wrote with the group's data (the register), oldest first."""
        return self._find(m.SharedFile, "group_id = ?", [group_id], order_by="written_at, rowid")

    def decide_other_name(self, group_id: str, name: str, *, replace: bool) -> m.OtherNameDecision:
        """Keep the worker's choice to replace (or keep) ``name`` in the group's shared outputs;
        a later choice for the same name overrides the earlier one."""
        earlier = self._find(m.OtherNameDecision, "group_id = ? and name = ?", [group_id, name])
        decision = m.OtherNameDecision(group_id=group_id, name=name, replace=replace)
        if earlier:
            decision = earlier[0].model_copy(update={"replace": replace, "decided_at": m.utc_now()})
        return self.save(decision)

    def name_decisions(self, group_id: str) -> list[m.NameDecision]:
        """A person's decisions about undecided occurrences of names, oldest first."""
        return self._find(m.NameDecision, "group_id = ?", [group_id], order_by="decided_at, rowid")

    def decide_name(self, decision: m.NameDecision) -> m.NameDecision:
        """Keep a decision about one occurrence; a later one for the same place overrides."""
        key = [decision.group_id, decision.record_id, decision.field, decision.word]
        for earlier in self._find(
            m.NameDecision, "group_id = ? and record_id = ? and field = ? and word = ?", key
        ):
            if (earlier.before, earlier.after) == (decision.before, decision.after):
                self.delete(m.NameDecision, earlier.id)
        return self.save(decision)

    # --- tasks across groups ----------------------------------------------------------------

    def tasks(
        self,
        group_id: str | None = None,
        *,
        assignee_id: str | None = None,
        statuses: Iterable[m.TaskStatus] | None = None,
        overdue_on: date | None = None,
    ) -> list[m.Task]:
        """Tasks across groups, filtered; ``overdue_on`` keeps open tasks due before that day."""
        clauses, params = [], []
        if group_id is not None:
            clauses.append("group_id = ?")
            params.append(group_id)
        if assignee_id is not None:
            clauses.append("id in (select task_id from task_assignees where assignee_id = ?)")
            params.append(assignee_id)
        if statuses is not None:
            values = [m.TaskStatus(s).value for s in statuses]
            clauses.append(f"status in ({','.join('?' * len(values))})")
            params.extend(values)
        if overdue_on is not None:
            clauses.append(
                "due_on is not null and due_on < ? and status in ('open', 'in_progress')"
            )
            params.append(overdue_on.isoformat())
        where = " and ".join(clauses) if clauses else None
        return self._find(m.Task, where, params, order_by="due_on is null, due_on, title")
