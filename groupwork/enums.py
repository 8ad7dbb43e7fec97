"""The enumerations of the group-work domain: the values a record's choice fields take.

Values are what the store writes; never rename one (old databases and exports hold it).
Captions in Thai and English are in ``groupwork.labels``. ``groupwork.models`` re-exports
every enumeration, so ``models.TaskStatus`` keeps working.
"""

from __future__ import annotations

from enum import StrEnum


class GroupStatus(StrEnum):
    """Where the group is in its life: being planned, running, or closed."""

    PLANNING = "planning"
    ACTIVE = "active"
    CLOSED = "closed"


class Formality(StrEnum):
    """Whether the group is run formally (an agency's programme) or informally."""

    FORMAL = "formal"
    INFORMAL = "informal"


class Openness(StrEnum):
    """Whether new members may join once the group has started (stage 2 decides)."""

    OPEN = "open"
    CLOSED = "closed"


class StageStatus(StrEnum):
    """How far a group has come in one of the twelve stages."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


class SelectionDecision(StrEnum):
    """Where a person stands in selection (stage 2); only ``SELECTED`` members are worked with."""

    CANDIDATE = "candidate"
    INVITED = "invited"
    SELECTED = "selected"
    NOT_SELECTED = "not_selected"
    """The worker decided not to take the person into this group (the reason is recorded)."""
    DECLINED = "declined"
    WITHDREW = "withdrew"


class MemberRole(StrEnum):
    """A member's role in the group: a member may come to coordinate or lead the others."""

    MEMBER = "member"
    MEMBER_COORDINATOR = "member_coordinator"
    MEMBER_LEADER = "member_leader"


class ConsentScope(StrEnum):
    """What a member's consent covers; a member may give several."""

    RECORDED = "recorded"
    """The member agreed that their data is recorded at all."""
    SHARED_IN_REPORT = "shared_in_report"
    """The member's real name may appear in a report printed with ``--names``."""
    SHARED_WITH_AGENCIES = "shared_with_agencies"
    """The member's data may be shared with the agencies named in the consent."""


class AttendanceStatus(StrEnum):
    """A member's attendance at one session; ``EXCUSED`` is an absence with notice."""

    PRESENT = "present"
    LATE = "late"
    EXCUSED = "excused"
    ABSENT = "absent"


class SessionStatus(StrEnum):
    """A session's state: planned ahead, held, or cancelled (a cancelled one needs a reason)."""

    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class TurnKind(StrEnum):
    """What a turn in the conversation did, as the live recorder marks it."""

    SPOKE = "spoke"
    ASKED = "asked"
    SUPPORTED = "supported"
    CHALLENGED = "challenged"


class GroupMarkKind(StrEnum):
    """A moment in the whole group's life the recorder marks (not one member's turn)."""

    SILENCE = "silence"
    CONFLICT = "conflict"
    LAUGHTER = "laughter"
    BREAKTHROUGH = "breakthrough"


class AssessmentKind(StrEnum):
    """An assessment at the start (stage 5) or a later reassessment (stage 10)."""

    INITIAL = "initial"
    REASSESSMENT = "reassessment"


class RiskLevel(StrEnum):
    """The worker's judgement of a member's risk in an assessment."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class GoalHorizon(StrEnum):
    """Whether a goal is meant for the short or the long term (stage 6)."""

    SHORT_TERM = "short_term"
    LONG_TERM = "long_term"


class GoalStatus(StrEnum):
    """A goal's state; ``REVISED`` and ``DROPPED`` goals stay on record."""

    ACTIVE = "active"
    ACHIEVED = "achieved"
    REVISED = "revised"
    DROPPED = "dropped"


class TaskStatus(StrEnum):
    """A task's state on the task board; only open and in-progress tasks can be overdue."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class SituationLevel(StrEnum):
    """Whether a new situation (stage 10) concerns one member or the whole group."""

    MEMBER = "member"
    GROUP = "group"


class FacilitatorRole(StrEnum):
    """The worker's role as the group matures (stage 12): from leading to consulting."""

    LEADING = "leading"
    CO_LEADING = "co_leading"
    OBSERVING = "observing"
    RESOURCE_LINKING = "resource_linking"
    CONSULTING = "consulting"


class NudgeKind(StrEnum):
    """A quiet nudge the recorder showed the facilitator, or their muting of the nudges."""

    SILENT = "silent"
    """A present member has said nothing for a while (minutes, or turns of others)."""
    DOMINANT = "dominant"
    """One voice took over twice the average share of the last turns."""
    FACILITATOR = "facilitator"
    """The facilitator's share is above the stage's handover target."""
    LATE = "late"
    """A member arrived late and has not been checked in with yet."""
    MISSED = "missed"
    """A member missed the last session and has not been checked in with yet."""
    MUTED = "muted"
    """The facilitator muted the nudges for the session."""
    UNMUTED = "unmuted"
    """The facilitator turned the nudges back on."""
