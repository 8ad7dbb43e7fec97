"""Everything the Group Work Review needs, read from the store once.

``gather_review_data`` makes one pass over the store and returns a ``ReviewData`` of plain
models. Every later step (pseudonymising, Markdown, charts) works on this object only, so the
report is reproducible from it and never reads the database half-way through.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from groupwork import models as m
from groupwork.errors import NotYoursError
from groupwork.i18n import _
from groupwork.privacy.consent_withheld import ConsentWithheld
from groupwork.privacy.withheld import Withheld, withhold_withdrawn


@dataclass
class ReviewData:
    """The records of one group, as the report sees them."""

    group: m.Group
    members: list[m.Member]
    """Everyone considered for the group (candidates too), by pseudonym."""
    consents: dict[str, m.Consent | None]
    """The consent in force per member id."""
    stages: dict[int, m.StageProgress]
    rules: list[m.GroundRule]
    assessments: list[m.Assessment]
    issues: list[m.GroupIssue]
    goals: list[m.Goal]
    tasks: list[m.Task]
    sessions: list[m.Session]
    attendance: list[m.Attendance]
    events: list[m.ParticipationEvent]
    marks: list[m.GroupMark]
    reviews: list[m.Review]
    situations: list[m.NewSituation]
    handover: list[m.HandoverStep]
    endorsement: m.Endorsement | None
    consent_history: dict[str, list[m.Consent]] = field(default_factory=dict)
    """Every consent record per member id, oldest first (withdrawals included)."""
    scales: list[m.RatingScale] = field(default_factory=list)
    ratings: list[m.Rating] = field(default_factory=list)
    reflection: m.ClosureReflection | None = None
    """The worker's own reflection at closure, once written."""
    today: date = field(default_factory=date.today)
    withheld: dict[str, Withheld] = field(default_factory=dict)
    """Members whose consent was withdrawn in full (see ``privacy.withheld``), by id."""
    consent_withheld: ConsentWithheld = field(default_factory=ConsentWithheld)
    """What consent kept out beyond a withdrawn member's records (``consent_withheld``)."""
    people_around: list[m.PersonAround] = field(default_factory=list)
    """The register of people around the group: shown by role (``privacy.links``)."""

    @property
    def participants(self) -> list[m.Member]:
        """Selected members and anyone else who attended or spoke (a member who withdrew):
        the people of the attendance and participation figures, so the two agree."""
        took_part = {a.member_id for a in self.attendance} | {e.actor_id for e in self.events}
        return [x for x in self.members if x.is_selected or x.id in took_part]

    @property
    def selected_members(self) -> list[m.Member]:
        """The members the group works with."""
        return [x for x in self.members if x.is_selected]

    @property
    def held_sessions(self) -> list[m.Session]:
        """Sessions that took place, in order."""
        return [s for s in self.sessions if s.status == m.SessionStatus.HELD]

    def sessions_for_stage(self, stage: int) -> list[m.Session]:
        """Held sessions in which ``stage`` was worked on."""
        return [s for s in self.held_sessions if stage in s.stages]


def refuse_a_coordinator(store) -> None:
    """``NotYoursError`` for a coordinator login (``store/postgres/agency.py``): the review is
    made from records a coordinator does not read."""
    if getattr(store, "views_only", False):
        raise NotYoursError(
            _(
                "The Group Work Review is written by the group's facilitator: a coordinator "
                "reads pseudonyms and figures, not the records it is made from. Nothing was "
                "written."
            )
        )


def gather_review_data(store, group_id: str, today: date | None = None) -> ReviewData:
    """Read every record of the group needed for the review."""
    refuse_a_coordinator(store)
    group = store.get(m.Group, group_id)
    members = store.members(group_id)
    sessions = store.sessions(group_id)
    # One query for all sessions' marks rather than one per session.
    marks = store.marks_of_sessions([s.id for s in sessions])
    endorsements = store.endorsements(group_id)
    # Every consent record in one query, by member (oldest first; the last is in force).
    history: dict[str, list[m.Consent]] = {x.id: [] for x in members}
    for record in store.group_consents(group_id):
        history.setdefault(record.member_id, []).append(record)
    data = ReviewData(
        group=group,
        members=members,
        consents={x_id: (found[-1] if found else None) for x_id, found in history.items()},
        consent_history=history,
        scales=store.rating_scales(group_id),
        ratings=store.group_ratings(group_id),
        reflection=store.closure_reflection(group_id),
        stages=store.stage_progress(group_id),
        rules=store.ground_rules(group_id, by_agreement=True),
        assessments=store.assessments(group_id),
        issues=store.group_issues(group_id, by_date=True),
        goals=store.goals(group_id, ties_as_written=True),
        tasks=store.tasks(group_id),
        sessions=sessions,
        attendance=store.group_attendance(group_id),
        events=store.group_participation(group_id),
        marks=marks,
        reviews=store.reviews(group_id),
        situations=store.new_situations(group_id),
        handover=store.handover_steps(group_id),
        endorsement=endorsements[-1] if endorsements else None,
        today=today or date.today(),
        people_around=store.people_around(group_id),
    )
    return withhold_withdrawn(data)
