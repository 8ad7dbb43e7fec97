"""The group-work domain as pydantic v2 models.

Everything a facilitator records about a group, following the twelve essentials of the Group
Work Review (see docs/data-model.md). Validation happens here, once: a bad value raises a
``ValidationError`` that ``groupwork.errors.render_validation_error`` turns into
"field: what is wrong" lines in Thai or English.

Every record has an ``id`` that stays unique when two facilitators' databases are merged
(a random UUID), and records that belong to a group carry its ``group_id``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from groupwork.i18n import N_, _

FACILITATOR = "facilitator"
"""The actor id used for the facilitator's own turns in participation events."""

STAGE_NUMBERS = range(1, 13)

# Clean text. A control character (ESC, other C0/C1 codes) typed or imported would reach the
# terminal as an escape sequence and crash the docx writer; a lone surrogate cannot be stored;
# a direction override (U+202A-E, U+2066-9) makes a name or title display as something else.
# Newline and tab are text in notes; names and titles are one line.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _clean_text_error(text: str, *, lines: bool, bidi: bool) -> str | None:
    """What makes ``text`` unclean (translated), or None when it is clean."""
    for ch in text:
        code = ord(ch)
        if 0xD800 <= code <= 0xDFFF:
            return _("holds a broken character (a lone surrogate, U+{code:04X})").format(code=code)
        if (code < 0x20 or 0x7F <= code <= 0x9F) and not (lines and ch in "\n\t"):
            return _("holds a control character (U+{code:04X}); remove it").format(code=code)
        if not bidi and ch in _BIDI_CONTROLS:
            return _(
                "holds a direction override (U+{code:04X}) that can disguise the text; remove it"
            ).format(code=code)
    return None


def _clean_line(text: str) -> str:
    """A name or title: one line, no control characters, no direction overrides."""
    problem = _clean_text_error(text, lines=False, bidi=False)
    if problem:
        raise ValueError(problem)
    return text


def _clean_short(text: str) -> str:
    """A short text: newline and tab allowed, nothing else invisible, no direction overrides."""
    problem = _clean_text_error(text, lines=True, bidi=False)
    if problem:
        raise ValueError(problem)
    return text


def _clean_long(text: str) -> str:
    """Notes and other long text: Windows line ends become newlines; newline and tab allowed."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    problem = _clean_text_error(text, lines=True, bidi=True)
    if problem:
        raise ValueError(problem)
    return text


# Lengths keep one careless paste (or a hostile import) from filling the disk.
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_clean_line),
]
Title = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500),
    AfterValidator(_clean_line),
]
"""The title of a goal or task: one line, like a name."""
ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=500), AfterValidator(_clean_short)
]
LongText = Annotated[str, StringConstraints(max_length=100_000), AfterValidator(_clean_long)]
Identifier = Annotated[str, StringConstraints(min_length=1, max_length=64)]


def new_id() -> str:
    """A fresh record id that will not collide with another database's ids."""
    return uuid.uuid4().hex


def utc_now() -> datetime:
    """Now, as an aware UTC datetime (what the store writes)."""
    return datetime.now(UTC)


class Record(BaseModel):
    """Base for every stored record."""

    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, str_strip_whitespace=False, frozen=False
    )

    id: Identifier = Field(default_factory=new_id)
    """Unique across databases, so groups from two facilitators can be merged."""


class GroupRecord(Record):
    """A record that belongs to one group."""

    group_id: Identifier


# --- enumerations ------------------------------------------------------------------------
# Values are stored; captions are translated where shown (see ``caption``).


class GroupStatus(StrEnum):
    PLANNING = "planning"
    ACTIVE = "active"
    CLOSED = "closed"


class Formality(StrEnum):
    FORMAL = "formal"
    INFORMAL = "informal"


class Openness(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class StageStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


class SelectionDecision(StrEnum):
    CANDIDATE = "candidate"
    INVITED = "invited"
    SELECTED = "selected"
    DECLINED = "declined"
    WITHDREW = "withdrew"


class MemberRole(StrEnum):
    MEMBER = "member"
    MEMBER_COORDINATOR = "member_coordinator"
    MEMBER_LEADER = "member_leader"


class ConsentScope(StrEnum):
    RECORDED = "recorded"
    """The member agreed that their data is recorded at all."""
    SHARED_IN_REPORT = "shared_in_report"
    """The member's real name may appear in a report printed with ``--names``."""
    SHARED_WITH_AGENCIES = "shared_with_agencies"
    """The member's data may be shared with the agencies named in the consent."""


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    LATE = "late"
    EXCUSED = "excused"
    ABSENT = "absent"


class SessionStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class TurnKind(StrEnum):
    SPOKE = "spoke"
    ASKED = "asked"
    SUPPORTED = "supported"
    CHALLENGED = "challenged"


class GroupMarkKind(StrEnum):
    SILENCE = "silence"
    CONFLICT = "conflict"
    LAUGHTER = "laughter"
    BREAKTHROUGH = "breakthrough"


class AssessmentKind(StrEnum):
    INITIAL = "initial"
    REASSESSMENT = "reassessment"


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class GoalHorizon(StrEnum):
    SHORT_TERM = "short_term"
    LONG_TERM = "long_term"


class GoalStatus(StrEnum):
    ACTIVE = "active"
    ACHIEVED = "achieved"
    REVISED = "revised"
    DROPPED = "dropped"


class TaskStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class SituationLevel(StrEnum):
    MEMBER = "member"
    GROUP = "group"


class FacilitatorRole(StrEnum):
    """The worker's role as the group matures (stage 12): from leading to consulting."""

    LEADING = "leading"
    CO_LEADING = "co_leading"
    OBSERVING = "observing"
    RESOURCE_LINKING = "resource_linking"
    CONSULTING = "consulting"


CAPTIONS: dict[str, str] = {
    # GroupStatus
    "planning": N_("planning"),
    "active": N_("active"),
    "closed": N_("closed"),
    # Formality / Openness
    "formal": N_("formal"),
    "informal": N_("informal"),
    "open": N_("open"),
    # StageStatus
    "not_started": N_("not started"),
    "in_progress": N_("in progress"),
    "completed": N_("completed"),
    # SelectionDecision
    "candidate": N_("candidate"),
    "invited": N_("invited"),
    "selected": N_("selected"),
    "declined": N_("declined"),
    "withdrew": N_("withdrew"),
    # MemberRole
    "member": N_("member"),
    "member_coordinator": N_("member coordinator"),
    "member_leader": N_("member leader"),
    # ConsentScope
    "recorded": N_("recorded"),
    "shared_in_report": N_("named in reports"),
    "shared_with_agencies": N_("shared with named agencies"),
    # AttendanceStatus
    "present": N_("present"),
    "late": N_("late"),
    "excused": N_("excused"),
    "absent": N_("absent"),
    # SessionStatus
    "planned": N_("planned"),
    "held": N_("held"),
    "cancelled": N_("cancelled"),
    # TurnKind
    "spoke": N_("spoke"),
    "asked": N_("asked"),
    "supported": N_("supported"),
    "challenged": N_("challenged"),
    # GroupMarkKind
    "silence": N_("silence"),
    "conflict": N_("conflict"),
    "laughter": N_("laughter"),
    "breakthrough": N_("breakthrough"),
    # AssessmentKind
    "initial": N_("initial"),
    "reassessment": N_("reassessment"),
    # RiskLevel
    "low": N_("low"),
    "medium": N_("medium"),
    "high": N_("high"),
    # GoalHorizon / GoalStatus
    "short_term": N_("short term"),
    "long_term": N_("long term"),
    "achieved": N_("achieved"),
    "revised": N_("revised"),
    "dropped": N_("dropped"),
    # TaskStatus
    "done": N_("done"),
    # SituationLevel
    "group": N_("group"),
    # FacilitatorRole
    "leading": N_("leading"),
    "co_leading": N_("co-leading"),
    "observing": N_("observing"),
    "resource_linking": N_("linking resources"),
    "consulting": N_("consulting"),
}


def caption(value: StrEnum | str) -> str:
    """The translated caption of an enum value ("in_progress" -> "in progress" / "กำลังดำเนินการ")."""
    raw = value.value if isinstance(value, StrEnum) else str(value)
    label = CAPTIONS.get(raw)
    return _(label) if label else raw


FIELD_LABELS: dict[str, str] = {
    "id": N_("Identifier"),
    "group_id": N_("Group"),
    "name": N_("Name"),
    "agency": N_("Agency"),
    "purpose": N_("Purpose"),
    "problem_situation": N_("Problem situation"),
    "rationale": N_("Why a group"),
    "target_population": N_("Target population"),
    "referral_sources": N_("Referral sources"),
    "selection_criteria": N_("Selection criteria"),
    "admission_rules": N_("Rules for admitting new members"),
    "formality": N_("Formal or informal"),
    "openness": N_("Open or closed"),
    "facilitators": N_("Facilitators"),
    "planned_sessions": N_("Planned sessions"),
    "start_date": N_("Start date"),
    "end_date": N_("End date"),
    "current_stage": N_("Current stage"),
    "status": N_("Status"),
    "real_name": N_("Real name"),
    "pseudonym": N_("Pseudonym or code"),
    "joined_on": N_("Joined on"),
    "left_on": N_("Left on"),
    "referral_source": N_("Referral source"),
    "decision": N_("Selection decision"),
    "decision_reason": N_("Reason for the decision"),
    "decided_on": N_("Decided on"),
    "orientation_given": N_("Orientation given"),
    "role": N_("Role"),
    "member_id": N_("Member"),
    "given_on": N_("Consent given on"),
    "scopes": N_("Consent scope"),
    "agencies": N_("Agencies"),
    "withdrawn_on": N_("Consent withdrawn on"),
    "stage": N_("Stage"),
    "started_on": N_("Started on"),
    "completed_on": N_("Completed on"),
    "narrative": N_("Narrative"),
    "unmet_criteria": N_("Unmet criteria"),
    "override_reason": N_("Override reason"),
    "text": N_("Text"),
    "proposed_by": N_("Proposed by"),
    "agreed_on": N_("Agreed on"),
    "retired_on": N_("Retired on"),
    "retired_reason": N_("Reason for retiring"),
    "revisions": N_("Revisions"),
    "revised_on": N_("Revised on"),
    "previous_text": N_("Previous text"),
    "reason": N_("Reason"),
    "kind": N_("Kind"),
    "assessed_on": N_("Assessed on"),
    "bio_psycho_social": N_("Bio-psycho-social"),
    "family": N_("Family"),
    "risk": N_("Risk"),
    "risk_level": N_("Risk level"),
    "needs": N_("Needs"),
    "strengths": N_("Strengths"),
    "severity": N_("Severity as felt by the member"),
    "title": N_("Title"),
    "description": N_("Description"),
    "raised_on": N_("Raised on"),
    "horizon": N_("Horizon"),
    "priority": N_("Priority"),
    "progress": N_("Progress"),
    "issue_ids": N_("Linked issues"),
    "set_on": N_("Set on"),
    "target_date": N_("Target date"),
    "assignee_ids": N_("Assignees"),
    "goal_id": N_("Goal"),
    "agreed_session_id": N_("Agreed in session"),
    "due_on": N_("Due date"),
    "done_session_id": N_("Done in session"),
    "done_on": N_("Done on"),
    "number": N_("Session number"),
    "held_on": N_("Date"),
    "started_at": N_("Started at"),
    "ended_at": N_("Ended at"),
    "cancel_reason": N_("Reason for cancelling"),
    "stages": N_("Stages worked on"),
    "plan": N_("Plan"),
    "notes": N_("Notes"),
    "questions": N_("Questions posed"),
    "themes": N_("Themes"),
    "feelings": N_("Feelings voiced"),
    "society_links": N_("Links to society"),
    "next_steps": N_("Next steps"),
    "session_id": N_("Session"),
    "actor_id": N_("Speaker"),
    "at": N_("Time"),
    "duration_seconds": N_("Duration (seconds)"),
    "responds_to_id": N_("Responding to"),
    "minimum": N_("Lowest score"),
    "maximum": N_("Highest score"),
    "scale_id": N_("Rating scale"),
    "score": N_("Score"),
    "goal_progress": N_("Goal progress"),
    "obstacles": N_("Obstacles"),
    "obstacle": N_("Obstacle"),
    "how_solved": N_("How it was solved"),
    "successes": N_("Successes"),
    "weaknesses": N_("Weaknesses"),
    "member_coordinator_id": N_("Member coordinator"),
    "level": N_("Level"),
    "identified_on": N_("Identified on"),
    "joint_analysis": N_("Joint analysis"),
    "plan_changes": N_("Changes to goals and plans"),
    "analysed_on": N_("Analysed on"),
    "facilitator_role": N_("Facilitator's role"),
    "member_role": N_("Member's role"),
    "taken_on": N_("Date"),
    "position": N_("Position"),
    "endorsed_on": N_("Endorsed on"),
    "created_at": N_("Created at"),
    "updated_at": N_("Updated at"),
}


def _as_utc(moment: date | datetime) -> date | datetime:
    # A time typed without a zone is taken as UTC (what the store writes), so a naive and an
    # aware time can be compared instead of raising TypeError.
    if isinstance(moment, datetime) and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _check_order(start: date | datetime | None, end: date | datetime | None, message: str) -> None:
    if start is not None and end is not None and _as_utc(end) < _as_utc(start):
        raise ValueError(message)


# --- the group and its members ----------------------------------------------------------


class Group(Record):
    """A group facing a shared problem, followed through the twelve stages.

    Stage 1's facts (problem, rationale, target population, referral sources) live here.
    """

    name: Name
    agency: ShortText = ""
    """The unit running the group (a provincial social development office, a shelter, an NGO)."""
    purpose: LongText = ""
    problem_situation: LongText = ""
    """The members' problem situation since intake."""
    rationale: LongText = ""
    """Why the group method was chosen over individual work."""
    target_population: ShortText = ""
    referral_sources: list[ShortText] = Field(default_factory=list, max_length=100)
    selection_criteria: LongText = ""
    """Stage 2: how members are selected."""
    admission_rules: LongText = ""
    """Stage 2: the rules, set by members, for admitting new members later."""
    formality: Formality = Formality.FORMAL
    openness: Openness = Openness.CLOSED
    facilitators: list[Name] = Field(default_factory=list, max_length=20)
    planned_sessions: int | None = Field(default=None, ge=1, le=500)
    start_date: date | None = None
    end_date: date | None = None
    current_stage: int = Field(default=1, ge=1, le=12)
    status: GroupStatus = GroupStatus.PLANNING
    created_at: datetime = Field(default_factory=utc_now)

    @model_validator(mode="after")
    def _dates_in_order(self) -> Self:
        _check_order(self.start_date, self.end_date, _("the end date is before the start date"))
        return self


class Member(GroupRecord):
    """A person in (or considered for) the group.

    ``real_name`` never leaves the building by default: reports and exports use ``pseudonym``.
    """

    real_name: Name
    pseudonym: Name
    """The code or pseudonym used in anything shared."""
    joined_on: date | None = None
    left_on: date | None = None
    referral_source: ShortText = ""
    decision: SelectionDecision = SelectionDecision.CANDIDATE
    decision_reason: LongText = ""
    decided_on: date | None = None
    orientation_given: bool = False
    """Stage 2: whether the member was told the group's purpose and activities."""
    role: MemberRole = MemberRole.MEMBER
    notes: LongText = ""
    erased: bool = False
    """True once the member's personal data was erased; the id stays so history is coherent."""

    @model_validator(mode="after")
    def _dates_in_order(self) -> Self:
        _check_order(self.joined_on, self.left_on, _("the leaving date is before the joining date"))
        return self

    @property
    def is_selected(self) -> bool:
        """Selected members are the ones the group works with (assessments, attendance)."""
        return self.decision == SelectionDecision.SELECTED


class Consent(GroupRecord):
    """Informed consent given by one member: when, and what it covers.

    A member may have several records over time; the latest one is in force. Withdrawal is
    recorded as a new record with ``withdrawn_on`` set.
    """

    member_id: Identifier
    given_on: date
    scopes: list[ConsentScope] = Field(default_factory=list, max_length=10)
    agencies: list[ShortText] = Field(default_factory=list, max_length=50)
    """Agencies the member agreed their data may be shared with."""
    withdrawn_on: date | None = None
    notes: LongText = ""

    @field_validator("scopes")
    @classmethod
    def _unique_scopes(cls, scopes: list[ConsentScope]) -> list[ConsentScope]:
        return sorted(set(scopes), key=list(ConsentScope).index)

    @model_validator(mode="after")
    def _agencies_need_scope(self) -> Self:
        if self.agencies and ConsentScope.SHARED_WITH_AGENCIES not in self.scopes:
            raise ValueError(_("agencies are named but sharing with agencies is not consented"))
        _check_order(
            self.given_on, self.withdrawn_on, _("consent is withdrawn before it was given")
        )
        return self

    def covers(self, scope: ConsentScope, on: date | None = None) -> bool:
        """True if this consent allows ``scope`` (and has not been withdrawn by ``on``)."""
        if self.withdrawn_on is not None and (on is None or self.withdrawn_on <= on):
            return False
        return scope in self.scopes


# --- stage progress ----------------------------------------------------------------------


class StageProgress(GroupRecord):
    """Where a group stands in one of the twelve stages, and the facilitator's narrative."""

    stage: int = Field(ge=1, le=12)
    status: StageStatus = StageStatus.NOT_STARTED
    started_on: date | None = None
    completed_on: date | None = None
    narrative: LongText = ""
    """The facilitator's own account of this stage, used in the Group Work Review."""
    unmet_criteria: list[ShortText] = Field(default_factory=list, max_length=50)
    """Ids of the completion criteria that were not met when the stage was completed."""
    override_reason: LongText = ""
    """Why the stage was completed although ``unmet_criteria`` were not met."""

    @model_validator(mode="after")
    def _override_needs_reason(self) -> Self:
        if (
            self.status == StageStatus.COMPLETED
            and self.unmet_criteria
            and not self.override_reason.strip()
        ):
            raise ValueError(_("a stage with unmet criteria can only be completed with a reason"))
        _check_order(
            self.started_on, self.completed_on, _("the stage is completed before it started")
        )
        return self


# --- ground rules ------------------------------------------------------------------------


class RuleRevision(BaseModel):
    """One change to a ground rule's wording."""

    model_config = ConfigDict(extra="forbid")

    revised_on: date
    previous_text: LongText
    reason: LongText = ""


class GroundRule(GroupRecord):
    """A rule the group agreed on (stage 4). The group, not the worker, owns its rules."""

    text: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=2000),
        AfterValidator(_clean_short),
    ]
    proposed_by: ShortText = ""
    """Who proposed it: a member's pseudonym, "facilitator" or "the group"."""
    proposed_by_member_id: Identifier | None = None
    agreed_on: date | None = None
    """None while the rule is only proposed."""
    revisions: list[RuleRevision] = Field(default_factory=list, max_length=200)
    retired_on: date | None = None
    retired_reason: LongText = ""

    @property
    def is_in_force(self) -> bool:
        """Agreed and not retired."""
        return self.agreed_on is not None and self.retired_on is None


# --- assessment, issues, goals -----------------------------------------------------------


class Assessment(GroupRecord):
    """One member's assessment, done individually (stage 5) or as reassessment (stage 10).

    The four domains follow the guideline's case reviews: bio-psycho-social, family, risk and
    needs; plus strengths and how severe the problem feels to the member.
    """

    member_id: Identifier
    kind: AssessmentKind = AssessmentKind.INITIAL
    assessed_on: date
    bio_psycho_social: LongText = ""
    family: LongText = ""
    risk: LongText = ""
    risk_level: RiskLevel = RiskLevel.LOW
    needs: LongText = ""
    strengths: LongText = ""
    severity: int = Field(default=0, ge=0, le=10)
    """How severe or painful the problem is for the member, 0 (not at all) to 10."""
    notes: LongText = ""


class GroupIssue(GroupRecord):
    """An issue the group decided to take up (stage 5)."""

    title: Name
    description: LongText = ""
    raised_on: date | None = None


class Goal(GroupRecord):
    """A goal of the group, or of one member (``member_id`` set). Stage 6."""

    title: Title
    description: LongText = ""
    member_id: Identifier | None = None
    horizon: GoalHorizon = GoalHorizon.SHORT_TERM
    priority: int = Field(default=1, ge=1, le=99)
    """1 is the group's first priority."""
    status: GoalStatus = GoalStatus.ACTIVE
    progress: int = Field(default=0, ge=0, le=100)
    """Percent, as last judged together in a review."""
    issue_ids: list[Identifier] = Field(default_factory=list, max_length=100)
    set_on: date | None = None
    target_date: date | None = None

    @property
    def is_group_goal(self) -> bool:
        return self.member_id is None


class Task(GroupRecord):
    """A task agreed in the group (stage 8): who does what, by when."""

    title: Title
    description: LongText = ""
    assignee_ids: list[Identifier] = Field(default_factory=list, max_length=50)
    """Members (or ``FACILITATOR``) who took the task on."""
    goal_id: Identifier | None = None
    agreed_session_id: Identifier | None = None
    due_on: date | None = None
    status: TaskStatus = TaskStatus.OPEN
    done_session_id: Identifier | None = None
    done_on: date | None = None
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)

    @field_validator("assignee_ids")
    @classmethod
    def _unique_assignees(cls, ids: list[str]) -> list[str]:
        return list(dict.fromkeys(ids))

    def is_overdue(self, today: date) -> bool:
        """Still open (or in progress) after its due date."""
        return (
            self.due_on is not None
            and self.due_on < today
            and self.status in (TaskStatus.OPEN, TaskStatus.IN_PROGRESS)
        )


# --- sessions and what happens in them ---------------------------------------------------


class Session(GroupRecord):
    """One meeting of the group."""

    number: int = Field(ge=1, le=10_000)
    held_on: date
    started_at: datetime | None = None
    ended_at: datetime | None = None
    status: SessionStatus = SessionStatus.PLANNED
    cancel_reason: LongText = ""
    stages: list[int] = Field(default_factory=list, max_length=12)
    """The stages worked on in this session."""
    plan: LongText = ""
    notes: LongText = ""
    questions: list[LongText] = Field(default_factory=list, max_length=500)
    """Stage 7: questions posed to the group."""
    themes: list[LongText] = Field(default_factory=list, max_length=500)
    feelings: list[LongText] = Field(default_factory=list, max_length=500)
    society_links: list[LongText] = Field(default_factory=list, max_length=500)
    """Links the group drew from individual problems to society (structure, culture)."""
    next_steps: LongText = ""

    @field_validator("stages")
    @classmethod
    def _valid_stages(cls, stages: list[int]) -> list[int]:
        for stage in stages:
            if stage not in STAGE_NUMBERS:
                raise ValueError(_("stages are numbered 1 to 12"))
        return sorted(set(stages))

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.status == SessionStatus.CANCELLED and not self.cancel_reason.strip():
            raise ValueError(_("a cancelled session needs a reason"))
        _check_order(self.started_at, self.ended_at, _("the session ends before it starts"))
        return self

    @property
    def is_open(self) -> bool:
        """Started and not yet closed: the recorder is (or was) running."""
        return self.started_at is not None and self.ended_at is None


class Attendance(Record):
    """One member's attendance at one session."""

    session_id: Identifier
    member_id: Identifier
    status: AttendanceStatus
    reason: ShortText = ""
    recorded_at: datetime = Field(default_factory=utc_now)


class ParticipationEvent(Record):
    """A turn in the conversation: who, what kind, when, for how long, answering whom."""

    session_id: Identifier
    actor_id: Identifier
    """A member id, or ``FACILITATOR``."""
    kind: TurnKind = TurnKind.SPOKE
    at: datetime = Field(default_factory=utc_now)
    duration_seconds: float | None = Field(default=None, ge=0, le=24 * 3600)
    responds_to_id: Identifier | None = None
    """The member (or ``FACILITATOR``) whose turn this one answered."""

    @property
    def by_facilitator(self) -> bool:
        return self.actor_id == FACILITATOR


class GroupMark(Record):
    """A mark of the whole group's state at a moment: silence, conflict, laughter, breakthrough."""

    session_id: Identifier
    kind: GroupMarkKind
    at: datetime = Field(default_factory=utc_now)
    notes: ShortText = ""


class RatingScale(GroupRecord):
    """A scale the group rates sessions on (scores only; no copyrighted item wording)."""

    name: Name
    minimum: int = Field(default=1, ge=-100, le=100)
    maximum: int = Field(default=5, ge=-100, le=100)

    @model_validator(mode="after")
    def _range(self) -> Self:
        if self.maximum <= self.minimum:
            raise ValueError(_("the highest score must be above the lowest"))
        return self


class Rating(Record):
    """One member's score for one session on one scale."""

    session_id: Identifier
    member_id: Identifier
    scale_id: Identifier
    score: float = Field(ge=-100, le=100)


# --- review, new situations, handover, endorsement --------------------------------------


class GoalProgressNote(BaseModel):
    """Progress against one goal, as judged together in a periodic review."""

    model_config = ConfigDict(extra="forbid")

    goal_id: Identifier
    progress: int = Field(ge=0, le=100)
    notes: LongText = ""


class Obstacle(BaseModel):
    """An obstacle met and how the group solved it (or not yet)."""

    model_config = ConfigDict(extra="forbid")

    obstacle: LongText
    how_solved: LongText = ""


class Review(GroupRecord):
    """A periodic joint review (stage 9)."""

    held_on: date
    session_id: Identifier | None = None
    goal_progress: list[GoalProgressNote] = Field(default_factory=list, max_length=200)
    obstacles: list[Obstacle] = Field(default_factory=list, max_length=200)
    successes: LongText = ""
    weaknesses: LongText = ""
    member_coordinator_id: Identifier | None = None
    """A member the group appointed to coordinate (case-manage) the others, if any."""
    notes: LongText = ""


class NewSituation(GroupRecord):
    """A new situation found at member or group level (stage 10) and its joint analysis (11)."""

    level: SituationLevel = SituationLevel.GROUP
    member_id: Identifier | None = None
    description: LongText = Field(min_length=1)
    identified_on: date
    joint_analysis: LongText = ""
    """How members linked the new situation to their environment."""
    plan_changes: LongText = ""
    """How goals and plans were revised in response."""
    analysed_on: date | None = None

    @model_validator(mode="after")
    def _member_level_needs_member(self) -> Self:
        if self.level == SituationLevel.MEMBER and not self.member_id:
            raise ValueError(_("a member-level situation must name the member"))
        return self


class HandoverStep(GroupRecord):
    """A step in handing leadership to members (stage 12)."""

    taken_on: date
    facilitator_role: FacilitatorRole
    member_id: Identifier | None = None
    member_role: ShortText = ""
    """What the member takes on (leading sessions, liaising with agencies, ...)."""
    notes: LongText = ""


class ClosureReflection(GroupRecord):
    """The worker's own reflection at closure, which the guideline asks of every review.

    One per group. Each field is the worker's prose; an empty one is shown in the review as
    still to be completed and listed by the review's pre-flight check.
    """

    knowledge_and_theory: LongText = ""
    """Knowledge, theories and concepts the worker drew on, and how."""
    teamwork_and_partners: LongText = ""
    """Teamwork, multidisciplinary work and partner agencies in the group's course."""
    practice_strengths: LongText = ""
    """Strengths of the worker's own practice with this group, and why they worked."""
    practice_weaknesses: LongText = ""
    """Weaknesses of the worker's own practice, and why."""
    recommendations: LongText = ""
    """Recommendations for the next practitioners and for the agency."""
    updated_at: datetime = Field(default_factory=utc_now)


class OtherNameDecision(GroupRecord):
    """The worker's choice about a word the pre-share check flagged as maybe the name of
    someone who is not a member (a partner, a child, an official): replace it in every shared
    output, or keep it (an ordinary word, a public body). One per group and word."""

    name: Name
    replace: bool
    decided_at: datetime = Field(default_factory=utc_now)


class Endorsement(GroupRecord):
    """The unit head's endorsement of the Group Work Review."""

    name: Name
    position: ShortText = ""
    endorsed_on: date | None = None
