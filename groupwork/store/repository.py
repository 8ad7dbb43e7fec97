"""The repository: every read and write groupwork makes, as a typed Protocol.

Everything above the store (operations, report, charts, exchange, the doors) needs only
these methods: models and ids in, models out, no SQL, no connection, no driver types. The
SQLite ``Store`` (``groupwork.store.store``) implements it with sqlite-utils; a second engine
(e.g. PostgreSQL with psycopg 3) is a new module in ``groupwork/store/`` implementing the
same methods, plus its own opening; nothing outside the store changes.

Every write is committed when the method returns; ``transaction()`` groups several writes
so they land together or not at all (nested use is allowed).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Protocol, TypeVar, runtime_checkable

from groupwork.models_lazy import models as m
from groupwork.store.audit import AuditEntry
from groupwork.store.drafts import FormDrafts
from groupwork.store.rows import (
    AbsentMemberRow,
    CoordinatorTaskRow,
    DigestGroupRow,
    GroupListRow,
    GroupStatusRow,
    HomeListShape,
    MemberTurnsRow,
    TaskFilter,
)

ModelT = TypeVar("ModelT", bound="m.Record")


@runtime_checkable
class Repository(Protocol):
    """groupwork's data, spoken in models (see the module docstring)."""

    path: Path | None
    """The database file, or None for an in-memory or server database."""

    @property
    def encrypted(self) -> bool:
        """True when the data is encrypted at rest."""
        ...

    # --- the connection's life and transactions -------------------------------------------

    def close(self) -> None:
        """Let go of the database."""
        ...

    def transaction(self) -> AbstractContextManager[Repository]:
        """Group several writes so they land together or not at all."""
        ...

    # --- any record, by model class and id ---------------------------------------------------

    def add(self, record: ModelT) -> ModelT:
        """Insert a new record (its id must be new). Returns it."""
        ...

    def save(self, record: ModelT) -> ModelT:
        """Insert or update a record by id. Returns it."""
        ...

    def get(self, model_cls: type[ModelT], record_id: str) -> ModelT:
        """The record with ``record_id``, or ``NotFoundError``."""
        ...

    def delete(self, model_cls: type[m.Record], record_id: str) -> None:
        """Delete one record by id."""
        ...

    def count(self, model_cls: type[m.Record]) -> int:
        """How many records of ``model_cls`` are stored."""
        ...

    @property
    def drafts(self) -> FormDrafts:
        """Drafts of forms being filled in: kept as the person types, cleared on save."""
        ...

    def of_group(
        self, model_cls: type[ModelT], group_id: str, order_by: str | None = None
    ) -> list[ModelT]:
        """The group's records of ``model_cls``; ``order_by`` names model fields only."""
        ...

    def records_of_group(self, model_cls: type[ModelT], group_id: str) -> list[ModelT]:
        """The group's records of ``model_cls`` in the order written (export)."""
        ...

    def existing_ids(self, model_cls: type[m.Record], ids: list[str]) -> set[str]:
        """Which of ``ids`` are already ids of stored ``model_cls`` records (import)."""
        ...

    # --- groups and members --------------------------------------------------------------------

    def groups(self) -> list[m.Group]:
        """All groups, by name."""
        ...

    def find_group(self, ref: str) -> m.Group:
        """A group by id, unique id prefix or name; else ``NotFoundError``."""
        ...

    def groups_named(self, name: str) -> list[m.Group]:
        """The groups called exactly ``name``."""
        ...

    def has_group(self, group_id: str) -> bool:
        """True when a group with this id is stored."""
        ...

    def members(self, group_id: str, *, selected_only: bool = False) -> list[m.Member]:
        """The group's members, by pseudonym."""
        ...

    def find_member(self, group_id: str, ref: str) -> m.Member:
        """A member of the group by id, pseudonym or real name; else ``NotFoundError``."""
        ...

    def members_anywhere(self, ref: str) -> list[m.Member]:
        """Members of any group whose id or pseudonym is ``ref``."""
        ...

    def consents(self, member_id: str) -> list[m.Consent]:
        """A member's consent records, oldest first."""
        ...

    def current_consent(self, member_id: str) -> m.Consent | None:
        """The consent record in force for a member, if any."""
        ...

    def group_consents(self, group_id: str) -> list[m.Consent]:
        """Every consent record of the group's members, oldest first."""
        ...

    def consents_of_groups(self, group_ids: Iterable[str]) -> dict[str, list[m.Consent]]:
        """Every consent record of the members of each of ``group_ids``, by group."""
        ...

    # --- stages and what they record -----------------------------------------------------------

    def stage_progress(self, group_id: str) -> dict[int, m.StageProgress]:
        """Progress for all twelve stages."""
        ...

    def save_stage_progress(self, progress: m.StageProgress) -> m.StageProgress:
        """Store one stage's progress (one per group and stage)."""
        ...

    def ground_rules(self, group_id: str, *, by_agreement: bool = False) -> list[m.GroundRule]:
        """The group's ground rules as written, or by the day agreed."""
        ...

    def assessments(
        self, group_id: str, kind: m.AssessmentKind | None = None
    ) -> list[m.Assessment]:
        """The group's assessments (of one kind, or all), by the day made."""
        ...

    def group_issues(self, group_id: str, *, by_date: bool = False) -> list[m.GroupIssue]:
        """The group's issues as written, or by the day raised."""
        ...

    def goals(self, group_id: str, *, ties_as_written: bool = False) -> list[m.Goal]:
        """The group's goals by priority."""
        ...

    def reviews(self, group_id: str) -> list[m.Review]:
        """The group's periodic reviews, by the day held."""
        ...

    def new_situations(self, group_id: str) -> list[m.NewSituation]:
        """The new situations the group met, by the day identified."""
        ...

    def handover_steps(self, group_id: str) -> list[m.HandoverStep]:
        """The steps of handing the group over, by the day taken."""
        ...

    def group_ratings(self, group_id: str) -> list[m.Rating]:
        """Every member's rating of the group's sessions, on every scale."""
        ...

    def rating_scales(self, group_id: str) -> list[m.RatingScale]:
        """The scales the group rates its sessions on, oldest first."""
        ...

    def endorsements(self, group_id: str) -> list[m.Endorsement]:
        """The group's endorsements, the one in force last."""
        ...

    def closure_reflection(self, group_id: str) -> m.ClosureReflection | None:
        """The worker's closure reflection, or None."""
        ...

    def other_name_decisions(self, group_id: str) -> dict[str, bool]:
        """The worker's choices about possible non-member names: name -> replace?"""
        ...

    def replaced_other_names(self, group_id: str) -> list[str]:
        """Names of non-members the worker chose to replace in shared outputs."""
        ...

    def people_around(self, group_id: str) -> list[m.PersonAround]:
        """The register of people around the group (not members), in the order added."""
        ...

    def shared_files(self, group_id: str) -> list[m.SharedFile]:
        """The files groupwork wrote with the group's data (the register), oldest first."""
        ...

    def decide_other_name(self, group_id: str, name: str, *, replace: bool) -> m.OtherNameDecision:
        """Store the choice to replace (or keep) ``name``; a later choice overrides."""
        ...

    def name_decisions(self, group_id: str) -> list[m.NameDecision]:
        """A person's decisions about undecided occurrences of names, oldest first."""
        ...

    def decide_name(self, decision: m.NameDecision) -> m.NameDecision:
        """Keep a decision about one occurrence; a later one for the same place overrides."""
        ...

    # --- sessions and what happens in them -------------------------------------------------------

    def sessions(self, group_id: str) -> list[m.Session]:
        """The group's sessions in order."""
        ...

    def session_by_number(self, group_id: str, number: int) -> m.Session:
        """Session ``number`` of the group, or ``NotFoundError``."""
        ...

    def next_session_number(self, group_id: str) -> int:
        """The number the group's next new session gets."""
        ...

    def attendance(self, session_id: str) -> list[m.Attendance]:
        """Attendance marks of one session."""
        ...

    def group_attendance(self, group_id: str) -> list[m.Attendance]:
        """Every attendance mark in the group's sessions."""
        ...

    def record_attendance(
        self, session_id: str, member_id: str, status: m.AttendanceStatus, reason: str = ""
    ) -> m.Attendance:
        """Mark a member's attendance at a session (replacing an earlier mark)."""
        ...

    def record_turn(self, event: m.ParticipationEvent) -> m.ParticipationEvent:
        """Commit one participation event."""
        ...

    def participation(self, session_id: str) -> list[m.ParticipationEvent]:
        """A session's participation events in time order."""
        ...

    def group_participation(self, group_id: str) -> list[m.ParticipationEvent]:
        """Every participation event in the group's sessions, in time order."""
        ...

    def group_marks(self, session_id: str) -> list[m.GroupMark]:
        """A session's group-state marks in time order."""
        ...

    def marks_of_sessions(self, session_ids: list[str]) -> list[m.GroupMark]:
        """The group-state marks of several sessions, in time order."""
        ...

    def session_has_marks_or_tasks(self, session_id: str) -> bool:
        """True when a group mark was made, or a task agreed, in the session."""
        ...

    def nudges_shown(self, session_id: str) -> list[m.NudgeShown]:
        """The nudges the recorder showed in one session (and its mutes), in time order."""
        ...

    def group_nudges_shown(self, group_id: str) -> list[m.NudgeShown]:
        """The nudges shown in every session of the group (and its mutes), in time order."""
        ...

    def nudge_settings(self, group_id: str) -> m.NudgeSettings | None:
        """The group's own thresholds for the nudges, or None (the stage's defaults)."""
        ...

    # --- the course of sessions: stable keys, ratings, the live recorder ----------------------

    def member_key_slots(self, group_id: str) -> dict[str, int]:
        """Each member's recorder key slot (0 is the first key), for members given one."""
        ...

    def assign_member_key_slots(self, group_id: str, member_ids: list[str]) -> dict[str, int]:
        """Give members without a slot the lowest free ones (never renumbered); every slot."""
        ...

    def rating_scale(self, group_id: str) -> m.RatingScale | None:
        """The scale the group rates sessions on (its first), or None."""
        ...

    def ratings(self, session_id: str) -> list[m.Rating]:
        """The ratings given in one session."""
        ...

    def replace_ratings(self, session_id: str, ratings: list[m.Rating]) -> list[m.Rating]:
        """Store a session's ratings together, replacing a member's earlier score on a scale."""
        ...

    def start_live_recording(self) -> object | None:
        """Settings for the live recorder: short lock waits, no checkpoint inside a commit.

        Returns a handle for ``stop_live_recording`` (None when nothing needs stopping)."""
        ...

    def live_writer(self) -> Repository | None:
        """A second store on the same database, for the recorder's writer thread (None when
        the database has no second connection: the recorder then writes on this one)."""
        ...

    def worker_reader(self) -> Repository | None:
        """A second store on the same database for a worker thread's reads (None when the
        database has no second connection: read on this one)."""
        ...

    def waiting_briefly(self) -> AbstractContextManager[None]:
        """Writes in the block wait only briefly for another process's lock (then busy)."""
        ...

    def stop_live_recording(self, handle: object | None) -> None:
        """Back to ordinary settings after recording."""
        ...

    # --- tasks -------------------------------------------------------------------------------------

    def tasks(
        self,
        group_id: str | None = None,
        *,
        assignee_id: str | None = None,
        statuses: Iterable[m.TaskStatus] | None = None,
        overdue_on: date | None = None,
    ) -> list[m.Task]:
        """Tasks across groups, filtered; ``overdue_on`` keeps open tasks due before that day."""
        ...

    # --- the coordinator's views across groups (small rows, pseudonyms only) -----------------

    def group_list(self, today: date) -> list[GroupListRow]:
        """Every group by name with its stage, next session and overdue count."""
        ...

    def home_groups(
        self, today: date, *, limit: int | None = None, ids: Collection[str] | None = None
    ) -> list[GroupListRow]:
        """Groups as home lists them (running first, then closed, by name); ``limit``: the
        first rows only; ``ids``: these groups only. A closed group's open tasks are not
        counted as overdue."""
        ...

    def home_changes_since(self, seen: object | None) -> tuple[object, frozenset[str]] | None:
        """The groups whose home rows a write changed since ``seen`` (a value this method
        returned; None: only that value), with the value to give next time; None where the
        engine cannot tell (then read everything). SQLite's list every writer's changes
        (``store/home_changes.py``); PostgreSQL's this connection's own, and None once
        another connection wrote (``store/postgres/change_notices.py``). ``HOME_CHANGES_ALL``
        among them: the list itself changed."""
        ...

    def change_mark(self) -> object | None:
        """A value that differs once anything home lists (groups, sessions, tasks) may have
        been written since it was taken, by any connection; None where the engine cannot tell
        (then read again). SQLite's moves with any commit; PostgreSQL's with the server's
        change notices (``store/postgres/change_notices.py``)."""
        ...

    def home_list_shape(self) -> HomeListShape:
        """Every group's name, the stages they are at and how many there are (no figures)."""
        ...

    def group_count(self, *, closed: bool = True) -> int:
        """How many groups the database holds (without the closed ones if not ``closed``)."""
        ...

    def group_status(
        self,
        today: date,
        *,
        limit: int | None = None,
        offset: int = 0,
        recent_sessions: int = 4,
        closed: bool = True,
    ) -> list[GroupStatusRow]:
        """Groups by name with where each stands; ``limit``/``offset`` page through them
        (without the closed ones if not ``closed``)."""
        ...

    def coordinator_tasks(
        self,
        task_filter: TaskFilter,
        today: date,
        *,
        sort: str = "due",
        descending: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[CoordinatorTaskRow]:
        """Tasks across groups matching ``task_filter``, one page of them, sorted."""
        ...

    def iter_coordinator_tasks(
        self, task_filter: TaskFilter, today: date, *, batch: int = 1000
    ) -> Iterator[CoordinatorTaskRow]:
        """Every task matching ``task_filter`` by due date, read a batch at a time."""
        ...

    def count_coordinator_tasks(self, task_filter: TaskFilter, today: date) -> tuple[int, int]:
        """How many tasks match ``task_filter``, and how many of those are overdue."""
        ...

    def names_in_groups(self, group_ids: Iterable[str]) -> dict[str, list[str]]:
        """Per group: members', registered people's and replaced non-members' real names."""
        ...

    def absent_members(self, group_ids: Iterable[str]) -> list[AbsentMemberRow]:
        """Current members who came to neither of their group's last two held sessions."""
        ...

    def recent_member_turns(
        self, group_ids: Iterable[str], sessions: int = 3
    ) -> list[MemberTurnsRow]:
        """Every current member's turns over the group's last ``sessions`` held sessions."""
        ...

    def digest(self, since: date, today: date, *, before_sessions: int = 3) -> list[DigestGroupRow]:
        """Per group, what happened from ``since`` to ``today``."""
        ...

    # --- health ------------------------------------------------------------------------------

    def quick_problems(self) -> list[str]:
        """Damage a quick check of every page finds (empty when sound)."""
        ...

    def integrity_problems(self) -> list[str]:
        """Damage the full integrity check finds (empty when sound)."""
        ...

    def foreign_key_problems(self) -> list[str]:
        """Records whose links point at nothing (empty when every link holds)."""
        ...

    # --- erasure and the audit log (groupwork.safety) ----------------------------------------

    def every_record(self) -> Iterator[m.Record]:
        """Every stored record of every model, in every group (erasure searches them all)."""
        ...

    def member_assessments(self, member_id: str) -> list[m.Assessment]:
        """Every assessment of one member."""
        ...

    def record_erasure(self, member_id: str, group_id: str) -> None:
        """Add the audit entry of an erasure (no values)."""
        ...

    def purge_freed_bytes(self) -> str:
        """Remove the old bytes of changed data from storage (a ``PurgeOutcome`` value)."""
        ...

    def audit_owners(self, group_id: str) -> dict[str, str]:
        """The member each of the group's assessments and consents is about (id -> id)."""
        ...

    def audit_entries(self, group_id: str | None = None) -> list[AuditEntry]:
        """The audit log, oldest first (of one group when ``group_id`` is given)."""
        ...
