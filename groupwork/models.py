"""The group-work domain as pydantic v2 models.

Everything a facilitator records about a group, following the twelve essentials of the Group
Work Review (docs/data-model.md). Validation happens here, once: a bad value raises a
``ValidationError`` that ``errors.render_validation_error`` turns into "field: what is wrong"
lines in Thai or English. Every record has an ``id`` unique across merged databases (a random
UUID); records that belong to a group carry its ``group_id``.
"""

from __future__ import annotations

from datetime import date, datetime, time
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

from groupwork.enums import (
    AssessmentKind,
    AttendanceStatus,
    FacilitatorRole,
    GoalHorizon,
    GoalStatus,
    GroupMarkKind,
    RiskLevel,
    SessionStatus,
    SituationLevel,
    StageStatus,
    TaskStatus,
    TurnKind,
)

# Re-exported ("as" marks it) so ``models.X`` keeps working for what moved out: the enumerations
# (``groupwork.enums``), the base (``models_base``), the group and its members (``models_group``),
# labels and captions (``groupwork.labels``, where new callers import them from).
from groupwork.enums import ConsentScope as ConsentScope
from groupwork.enums import Formality as Formality
from groupwork.enums import GroupStatus as GroupStatus
from groupwork.enums import MemberRole as MemberRole
from groupwork.enums import NudgeKind as NudgeKind
from groupwork.enums import Openness as Openness
from groupwork.enums import SelectionDecision as SelectionDecision
from groupwork.i18n import N_, _
from groupwork.labels import CAPTIONS as CAPTIONS
from groupwork.labels import FIELD_LABELS as FIELD_LABELS
from groupwork.labels import caption as caption
from groupwork.models_base import (
    FACILITATOR,
    STAGE_NUMBERS,
    GroupRecord,
    Identifier,
    LongText,
    Name,
    Record,
    ShortText,
    Title,
    clean_short,
    utc_now,
)
from groupwork.models_base import check_order as _check_order
from groupwork.models_base import new_id as new_id
from groupwork.models_group import Consent as Consent
from groupwork.models_group import Group as Group
from groupwork.models_group import Member as Member
from groupwork.models_group import PersonAround as PersonAround
from groupwork.models_group import SharedFile as SharedFile
from groupwork.models_names import NameDecision as NameDecision
from groupwork.models_nudges import NudgeSettings as NudgeSettings
from groupwork.models_nudges import NudgeShown as NudgeShown

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
        AfterValidator(clean_short),
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


class GoalRevision(BaseModel):
    """One change to a goal's wording (stage 11: goals revised after a new situation)."""

    model_config = ConfigDict(extra="forbid")

    revised_on: date
    previous_title: Title
    previous_description: LongText = ""
    reason: LongText = ""


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
    revisions: list[GoalRevision] = Field(default_factory=list, max_length=200)
    """Earlier wordings, oldest first; the title and description are the wording in force."""

    def revised(self, new: Goal, on: date, reason: str = "") -> Goal:
        """``new`` with this goal's wording kept as a revision when the title or text changed."""
        if (new.title, new.description) == (self.title, self.description):
            return new
        revision = GoalRevision(
            revised_on=on,
            previous_title=self.title,
            previous_description=self.description,
            reason=reason,
        )
        return new.model_copy(update={"revisions": [*self.revisions, revision]})

    @property
    def is_group_goal(self) -> bool:
        """True for a goal of the whole group, False for one member's goal."""
        return self.member_id is None


DROP_REASON_NEEDED = N_(
    "A dropped task needs the reason the group dropped it: write it under "
    '"Why it was dropped". Nothing was saved.'
)
"""The message when a task becomes dropped with no reason (marked; translated when shown)."""


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
    drop_reason: LongText = ""
    """Why the group dropped the task; required when it becomes dropped."""
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)

    @field_validator("assignee_ids")
    @classmethod
    def _unique_assignees(cls, ids: list[str]) -> list[str]:
        return list(dict.fromkeys(ids))

    def drop_reason_missing(self, previous: Task | None) -> bool:
        """True when this task becomes dropped (it was not before) with no reason written.

        Checked on the change, not on every stored task: tasks dropped before the reason was
        recorded (and files exported then) still load.
        """
        becomes_dropped = self.status == TaskStatus.DROPPED and (
            previous is None or previous.status != TaskStatus.DROPPED
        )
        return becomes_dropped and not self.drop_reason.strip()

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
    planned_time: time | None = None
    """The time the session is planned to start (local time), when planned ahead."""
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
        """True when the facilitator, not a member, took this turn."""
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
    anchors: list[ShortText] = Field(default_factory=list, max_length=21)
    """The agency's own words for some scores, as "score=words" ("1=hardly at all")."""

    @model_validator(mode="after")
    def _range(self) -> Self:
        if self.maximum <= self.minimum:
            raise ValueError(_("the highest score must be above the lowest"))
        for anchor in self.anchors:
            score, sep, words = anchor.partition("=")
            try:
                value = int(score.strip())
            except ValueError:
                value = None
            if not sep or not words.strip() or value is None:
                raise ValueError(_("an anchor is written score=words, e.g. 1=hardly at all"))
            if not self.minimum <= value <= self.maximum:
                raise ValueError(_("an anchor's score is outside the scale"))
        return self

    def anchor_words(self) -> dict[int, str]:
        """The anchors by score."""
        pairs = (a.partition("=") for a in self.anchors)
        return {int(score.strip()): words.strip() for score, _sep, words in pairs}


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
