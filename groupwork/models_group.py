"""The group itself, its members and their consent: the records everything else hangs on.

``groupwork.models`` re-exports them (``models.Group``, ``models.Member``, ``models.Consent``),
so callers keep importing from there.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Self

from pydantic import Field, field_validator, model_validator

from groupwork.enums import (
    ConsentScope,
    Formality,
    GroupStatus,
    MemberRole,
    Openness,
    SelectionDecision,
)
from groupwork.i18n import _
from groupwork.models_base import (
    GroupRecord,
    Identifier,
    LongText,
    Name,
    Record,
    ShortText,
    utc_now,
)
from groupwork.models_base import check_order as _check_order


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


class PersonAround(GroupRecord):
    """Someone around the group who is not a member: a partner, a relative, a village
    headman, a nurse, an official. The worker links them in notes by name
    (``groupwork.privacy.links``); everything shared shows ``role`` instead."""

    real_name: Name
    """The name the worker knows them by; never shared."""
    role: Name
    """What stands for them in shared outputs ("สามีของสมาชิก ก", "ผู้ใหญ่บ้าน")."""
    notes: LongText = ""
    """Who they are to the group, for the worker; never shared."""
    added_at: datetime = Field(default_factory=utc_now)


class SharedFile(GroupRecord):
    """A file groupwork wrote that leaves the database: a review, a chart, an export, a
    digest. One per group whose data is in it, so erasing a member can name every copy."""

    path: str = Field(min_length=1, max_length=4096)
    """Where it was written (absolute)."""
    kind: ShortText
    """``review``, ``chart``, ``export`` or ``digest``."""
    written_at: datetime = Field(default_factory=utc_now)
    member_ids: list[Identifier] = Field(default_factory=list, max_length=10_000)
    """The members of the group when it was written: whose data it may hold."""
    real_names: bool = False
    """True when it holds real names (a review with names, the unit's own export)."""
