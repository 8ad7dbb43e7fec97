"""Turns the demo's content files into one complete group, written through the store.

``build_demo(store)`` writes a group of survivors of domestic violence meeting at a provincial
social development office over about four months. Everything it says comes from the TOML files
in ``groupwork/demo/content/`` (see ``groupwork.demo.content``); this module decides only how
those facts become records: ids, dates, timestamps, and in ``groupwork.demo.activity`` the
parts left to chance (who speaks when, who is late).

The same ``seed`` and ``today`` always give the same database, ids included (UUID5s derived
from the seed), so tests, screenshots and the report helper can rely on it.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from groupwork import models as m
from groupwork.demo import activity, course
from groupwork.demo.content import MORNING, day, load, session_dates
from groupwork.errors import GroupworkError
from groupwork.i18n import _
from groupwork.operations.rules import retire_rule, revise_rule
from groupwork.store import Store

DEMO_GROUP_NAME = "กลุ่มก้าวใหม่ (ตัวอย่าง)"
"""The demo group's name; ``groupwork demo`` refuses to build it twice."""

_NAMESPACE = uuid.UUID("5b0c7a52-3f0e-4c7e-9a55-2f1d6f2c2569")
_WORKER = "นักสังคมสงเคราะห์"
"""How the notes call the worker (never ผู้ประสานกลุ่ม: that reads as the member coordinator)."""
_TASK_AGREED_AFTER = timedelta(minutes=100)
"""Tasks are agreed near the end of a session."""
_UPDATED_AFTER = timedelta(minutes=60)
"""A task's status is changed during the session where it is reported."""


def risk_level(severity: int) -> m.RiskLevel:
    """The risk level the demo's worker gives for a severity (0-10) she assessed."""
    if severity >= 8:
        return m.RiskLevel.HIGH
    return m.RiskLevel.MEDIUM if severity >= 6 else m.RiskLevel.LOW


class DemoBuilder:
    """Writes the demo group; one method per part, called in a fixed order by ``build``."""

    def __init__(self, store: Store, seed: int, today: date) -> None:
        self.store = store
        self.seed = seed
        self.today = today
        self.rng = random.Random(seed)
        schedule = load("group")["schedule"]
        self.cancelled: int = schedule["cancelled"]
        self.start = time.fromisoformat(schedule["start_utc"]).replace(tzinfo=UTC)
        self.length = timedelta(minutes=schedule["length_minutes"])
        self.dates = session_dates(today)
        self.group_id = self.id("group", "demo")
        self.member_ids: dict[str, str] = {}
        self.members: dict[str, m.Member] = {}
        self.session_ids: dict[int, str] = {}
        self.goal_ids: dict[str, str] = {}
        self.issue_ids: dict[str, str] = {}

    # --- helpers ---------------------------------------------------------------------

    def id(self, kind: str, key: object) -> str:
        """A stable id: the same seed, kind and key always give the same one."""
        return uuid.uuid5(_NAMESPACE, f"groupwork-demo/{self.seed}/{kind}/{key}").hex

    def day(self, spec: str) -> date:
        """A content date ("s7+4") as a day of this build."""
        return day(spec, self.dates)

    def session_start(self, n: int) -> datetime:
        """When session ``n`` began."""
        return datetime.combine(self.dates[n], self.start)

    def held(self) -> list[int]:
        """The numbers of the sessions that took place."""
        return [n for n in sorted(self.dates) if n != self.cancelled]

    def actor(self, key: str) -> str:
        """The id behind a pseudonym in the content, or the facilitator."""
        return m.FACILITATOR if key == m.FACILITATOR else self.member_ids[key]

    def add(self, record: m.Record) -> None:
        """Write one record (every part goes through here)."""
        self.store.add(record)

    # --- parts -----------------------------------------------------------------------

    def build(self) -> m.Group:
        """Write every part of the demo group, in the order the group lived it."""
        group = self.group()
        self.people()
        self.sessions()
        self.rules()
        self.assessments()
        self.issues_and_goals()
        self.tasks()
        activity.participation(self)
        activity.nudges(self)
        activity.ratings(self)
        course.reviews(self)
        course.situations(self)
        course.handover(self)
        course.stages(self)
        course.closure(self)
        return group

    def group(self) -> m.Group:
        """The group record itself."""
        content = load("group")
        agencies = content["agencies"]
        text = dict(content["group"])
        text["referral_sources"] = [agencies[k] for k in text["referral_sources"]]
        group = m.Group(
            id=self.group_id,
            name=DEMO_GROUP_NAME,
            formality=m.Formality.FORMAL,
            openness=m.Openness.CLOSED,
            planned_sessions=len(self.dates),
            start_date=self.dates[1],
            current_stage=12,
            status=m.GroupStatus.ACTIVE,
            created_at=datetime.combine(self.day(content["schedule"]["created"]), MORNING),
            **text,
        )
        self.add(group)
        return group

    def people(self) -> None:
        """Members, the candidates who never joined, and every consent record."""
        content = load("members")
        agencies = load("group")["agencies"]
        defaults = content["defaults"]
        for i, person in enumerate(content["members"], start=1):
            key = person["pseudonym"]
            self.member_ids[key] = self.id("member", key)
            left = person.get("left")
            member = m.Member(
                id=self.member_ids[key],
                group_id=self.group_id,
                real_name=person["real_name"],
                pseudonym=key,
                joined_on=self.day(defaults["joined"]),
                left_on=self.day(left) if left else None,
                referral_source=agencies[person["referral"]],
                decision=m.SelectionDecision(person.get("decision", "selected")),
                decision_reason=person.get("decision_reason", defaults["decision_reason"]),
                decided_on=self.day(person.get("decided", defaults["decided"])),
                orientation_given=True,
                role=m.MemberRole(person.get("role", "member")),
                notes=f"รหัสสมาชิก M{i:02d}",
            )
            # TODO(operations): a withdrawal goes through the members operation
            # ("withdraw a member", issue 9 item 2) once it is on main.
            self.add(member)
            self.members[key] = member
            scopes = [m.ConsentScope.RECORDED]
            if person["named_in_reports"]:
                scopes.append(m.ConsentScope.SHARED_IN_REPORT)
            if person.get("agencies"):
                scopes.append(m.ConsentScope.SHARED_WITH_AGENCIES)
            self.add(
                m.Consent(
                    id=self.id("consent", key),
                    group_id=self.group_id,
                    member_id=self.member_ids[key],
                    given_on=self.day(defaults["consent_given"]),
                    scopes=scopes,
                    agencies=[agencies[a] for a in person.get("agencies", [])],
                    notes=defaults["consent_notes"],
                )
            )
        # Later records (a narrower consent, a withdrawal): the old ones stay as history.
        for n, record in enumerate(content["consents"], start=2):
            withdrawn = record.get("withdrawn")
            self.add(
                m.Consent(
                    id=self.id("consent", f"{record['member']}/{n}"),
                    group_id=self.group_id,
                    member_id=self.member_ids[record["member"]],
                    given_on=self.day(record["given"]),
                    withdrawn_on=self.day(withdrawn) if withdrawn else None,
                    scopes=[m.ConsentScope(s) for s in record["scopes"]],
                    agencies=[agencies[a] for a in record.get("agencies", [])],
                    notes=record["notes"],
                )
            )
        for candidate in content["candidates"]:
            code = candidate["code"]
            self.member_ids[code] = self.id("member", code)
            self.add(
                m.Member(
                    id=self.member_ids[code],
                    group_id=self.group_id,
                    real_name=candidate["real_name"],
                    pseudonym=code,
                    referral_source=agencies[candidate["referral"]],
                    decision=m.SelectionDecision(candidate["decision"]),
                    decision_reason=candidate["reason"],
                    decided_on=self.day(candidate["decided"]),
                    orientation_given=candidate["oriented"],
                )
            )

    def members_on(self, when: date) -> list[str]:
        """Pseudonyms of the people who were members of the group on ``when``."""
        return [
            key
            for key, x in self.members.items()
            if x.joined_on <= when and (x.left_on is None or when < x.left_on)
        ]

    def sessions(self) -> None:
        """Every session with what happened in it, and its attendance."""
        content = load("sessions")
        texts = {s["number"]: s for s in content["sessions"]}
        for n in sorted(self.dates):
            self.session_ids[n] = self.id("session", n)
            which = {
                "id": self.session_ids[n],
                "group_id": self.group_id,
                "number": n,
                "held_on": self.dates[n],
            }
            # TODO(operations): start / cancel a session through the sessions operations
            # (branch `course`) once they are on main.
            if n == self.cancelled:
                self.add(
                    m.Session(
                        **which,
                        status=m.SessionStatus.CANCELLED,
                        cancel_reason=content["cancelled"]["reason"],
                        plan=content["cancelled"]["plan"],
                    )
                )
                continue
            text = texts[n]
            start = self.session_start(n)
            self.add(
                m.Session(
                    **which,
                    started_at=start,
                    ended_at=start + self.length,
                    status=m.SessionStatus.HELD,
                    stages=text["stages"],
                    plan=text["plan"],
                    notes=text["notes"],
                    questions=text.get("questions", []),
                    themes=text.get("themes", []),
                    feelings=text.get("feelings", []),
                    society_links=text.get("society_links", []),
                    next_steps=text.get("next_steps", ""),
                )
            )
            activity.attendance(self, n, text, content["excuses"])
            activity.marks(self, n, text.get("marks", []))

    def rules(self) -> None:
        """Ground rules, with the earlier wording of a revised one and a retired one."""
        for spec in load("rules")["rules"]:
            proposer = spec["proposed_by"]
            rule = m.GroundRule(
                id=self.id("rule", spec["key"]),
                group_id=self.group_id,
                text=spec["text"],
                proposed_by=proposer or _WORKER,
                proposed_by_member_id=self.member_ids[proposer] if proposer else None,
                agreed_on=self.day(spec["agreed"]),
            )
            self.add(rule)
            # Through the rules operations, as the TUI does: the earlier wording is kept.
            if "revised_text" in spec:
                revise_rule(
                    self.store,
                    rule.id,
                    spec["revised_text"],
                    self.day(spec["revised"]),
                    spec["revision_reason"],
                )
            if "retired" in spec:
                retire_rule(self.store, rule.id, self.day(spec["retired"]), spec["retired_reason"])

    def assessments(self) -> None:
        """Each member's own assessment, and the reassessments after new situations."""
        content = load("assessments")
        defaults = content["defaults"]
        initial: dict[str, dict[str, Any]] = {}
        for spec in content["assessments"]:
            initial[spec["member"]] = spec
            self.add(self._assessment(spec, m.AssessmentKind.INITIAL, defaults, spec["strengths"]))
        for spec in content["reassessments"]:
            strengths = f"{initial[spec['member']]['strengths']} {spec['strengths_added']}"
            self.add(self._assessment(spec, m.AssessmentKind.REASSESSMENT, {}, strengths))

    def _assessment(
        self, spec: dict[str, Any], kind: m.AssessmentKind, defaults: dict, strengths: str
    ) -> m.Assessment:
        return m.Assessment(
            id=self.id("assessment", f"{kind}/{spec['member']}"),
            group_id=self.group_id,
            member_id=self.member_ids[spec["member"]],
            kind=kind,
            assessed_on=self.day(spec.get("assessed", defaults.get("assessed", ""))),
            bio_psycho_social=spec["bio_psycho_social"],
            family=spec["family"],
            risk=spec["risk"],
            risk_level=risk_level(spec["severity"]),
            needs=spec["needs"],
            strengths=strengths,
            severity=spec["severity"],
            notes=defaults.get("notes", ""),
        )

    def issues_and_goals(self) -> None:
        """The group's issues and its goals (the group's and members' own)."""
        content = load("goals")
        for spec in content["issues"]:
            self.issue_ids[spec["key"]] = self.id("issue", spec["key"])
            self.add(
                m.GroupIssue(
                    id=self.issue_ids[spec["key"]],
                    group_id=self.group_id,
                    title=spec["title"],
                    description=spec["description"],
                    raised_on=self.day(spec["raised"]),
                )
            )
        set_on = self.dates[5]
        for spec in content["goals"]:
            self.goal_ids[spec["key"]] = self.id("goal", spec["key"])
            horizon = m.GoalHorizon(spec["horizon"])
            member = spec.get("member")
            self.add(
                m.Goal(
                    id=self.goal_ids[spec["key"]],
                    group_id=self.group_id,
                    title=spec["title"],
                    description=spec.get("description", ""),
                    member_id=self.member_ids[member] if member else None,
                    horizon=horizon,
                    priority=spec["priority"],
                    status=m.GoalStatus(spec["status"]),
                    progress=spec["progress"],
                    issue_ids=[self.issue_ids[i] for i in spec.get("issues", [])],
                    set_on=set_on,
                    target_date=set_on
                    + timedelta(days=60 if horizon == m.GoalHorizon.SHORT_TERM else 180),
                    revisions=self.goal_revisions(spec),
                )
            )

    def goal_revisions(self, spec: dict) -> list[m.GoalRevision]:
        """The earlier wording of a revised goal, with the day and the reason."""
        if "previous_title" not in spec:
            return []
        return [
            m.GoalRevision(
                revised_on=self.day(spec["revised"]),
                previous_title=spec["previous_title"],
                previous_description=spec.get("previous_description", ""),
                reason=spec["revision_reason"],
            )
        ]

    def tasks(self) -> None:
        """Tasks with their whole history: agreed, started, done early, on time or late,
        or dropped for a reason that came first."""
        for i, spec in enumerate(load("tasks")["tasks"], start=1):
            created = self.session_start(spec["agreed"]) + _TASK_AGREED_AFTER
            status = m.TaskStatus(spec["status"])
            done_on = self.day(spec["done"]) if "done" in spec else None
            reported = spec.get("reported")
            if reported is not None:
                updated = self.session_start(reported) + _UPDATED_AFTER
            elif "dropped" in spec:
                updated = datetime.combine(self.day(spec["dropped"]), self.start) + _UPDATED_AFTER
            elif "started" in spec:
                updated = datetime.combine(self.day(spec["started"]), MORNING)
            else:
                updated = created
            # TODO(operations): move a task's status through the tasks operation (branch
            # `forms`), which sets done_on and updated_at itself.
            self.add(
                m.Task(
                    id=self.id("task", i),
                    group_id=self.group_id,
                    title=spec["title"],
                    description=spec.get("description", ""),
                    assignee_ids=[self.actor(a) for a in spec["assignees"]],
                    goal_id=self.goal_ids[spec["goal"]],
                    agreed_session_id=self.session_ids[spec["agreed"]],
                    due_on=self.day(spec["due"]),
                    status=status,
                    done_session_id=self.session_ids[reported] if reported else None,
                    done_on=done_on,
                    drop_reason=spec.get("drop_reason", ""),
                    created_at=created,
                    updated_at=updated,
                )
            )


def find_demo(store: Store) -> m.Group | None:
    """The demo group in ``store``, if it was already built."""
    found = store.groups_named(DEMO_GROUP_NAME)
    return found[0] if found else None


def build_demo(store: Store, seed: int = 2569, today: date | None = None) -> m.Group:
    """Write the fictional demo group into ``store`` and return it.

    Sessions end two days before ``today`` (default: the real today), so some tasks are
    overdue. The same ``seed`` and ``today`` give an identical database. Everything is written
    in one transaction: an error leaves the store unchanged.
    """
    builder = DemoBuilder(store, seed, today or date.today())
    # The check is inside the transaction (which holds the write lock): two commands adding
    # the demo at once then give one demo group and one "already exists".
    with store.transaction():
        if find_demo(store) is not None:
            raise GroupworkError(_("The demo group already exists; nothing was changed."))
        return builder.build()


__all__ = ["DEMO_GROUP_NAME", "DemoBuilder", "build_demo", "find_demo", "risk_level"]
