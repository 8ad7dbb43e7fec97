"""The parameters each completion check takes, validated when a stage guide is loaded.

Each check in ``groupwork.criteria`` validates its ``[[criteria]]`` parameters with one of these
small models, so a typo in a guide fails at load, not when a facilitator opens the stage.
"""

from __future__ import annotations

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from groupwork import models as m
from groupwork.i18n import N_
from groupwork.store.converters import TABLES

# --- check parameters ----------------------------------------------------------------
# Each check validates its params with a small model, so a typo in a guide fails at load.


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NoParams(_Params):
    """A check that takes no parameters."""


class MinParams(_Params):
    """At least ``min`` of something (sessions, rules, reviews, ...)."""

    min: int = Field(default=1, ge=0, le=1000)


class FieldsParams(_Params):
    """The ``Group`` fields that must be filled in (``group_fields_filled``)."""

    fields: list[str] = Field(min_length=1)

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, fields: list[str]) -> list[str]:
        unknown = [f for f in fields if f not in m.Group.model_fields]
        if unknown:
            raise ValueError(f"not fields of a group: {', '.join(unknown)}")
        return fields


class HeldSessionsParams(MinParams):
    """At least ``min`` held sessions (``min_held_sessions``)."""

    for_stage: bool = False
    """Count only held sessions that list this stage among the stages worked on."""


class ConsentParams(_Params):
    """The scope every selected member's consent in force must cover."""

    scope: m.ConsentScope = m.ConsentScope.RECORDED


class NarrativeParams(_Params):
    """The fewest characters the stage's narrative must have (``stage_narrative``)."""

    min_chars: int = Field(default=1, ge=1, le=10_000)


class AssessedParams(_Params):
    """The kind of assessment every selected member must have (``every_selected_member_assessed``)."""

    kind: m.AssessmentKind = m.AssessmentKind.INITIAL


class DecisionsParams(_Params):
    """The selection decisions that must carry a reason (``decisions_have_reasons``)."""

    decisions: list[m.SelectionDecision] = Field(
        default_factory=lambda: [
            m.SelectionDecision.SELECTED,
            m.SelectionDecision.NOT_SELECTED,
            m.SelectionDecision.DECLINED,
            m.SelectionDecision.WITHDREW,
        ],
        min_length=1,
    )


class RecordsParams(MinParams):
    """At least ``min`` records of one table, optionally of one kind (``min_records``)."""

    record: str
    """A table of records that belong to a group (``group_issues``, ``assessments``, ...)."""
    kind: str | None = None
    """Count only records of this kind (for tables whose records have a ``kind``)."""

    @model_validator(mode="after")
    def _known_record(self) -> Self:
        model = _GROUP_TABLES.get(self.record)
        if model is None:
            raise ValueError(
                f"unknown record table {self.record!r}; use one of {sorted(_GROUP_TABLES)}"
            )
        if self.kind is not None:
            info = model.model_fields.get("kind")
            if info is None:
                raise ValueError(f"{self.record} records have no kind")
            info.annotation(self.kind)  # an enum: raises ValueError for an unknown kind
        return self


class HorizonsParams(_Params):
    """The goal horizons the group's goals must cover (``goal_horizons_covered``)."""

    horizons: list[m.GoalHorizon] = Field(default_factory=lambda: list(m.GoalHorizon), min_length=1)


class SituationsParams(_Params):
    """Whether each new situation's joint analysis must come with changes to goals and plans."""

    with_plan_changes: bool = False


class HandoverParams(MinParams):
    """At least ``min`` handover steps, optionally in given facilitator roles."""

    roles: list[m.FacilitatorRole] = Field(default_factory=list)
    """Count only steps where the facilitator took one of these roles (all steps if empty)."""


class LeadershipParams(_Params):
    """Roles of which at least one selected member must hold one (``member_leadership_role``)."""

    roles: list[m.MemberRole] = Field(
        default_factory=lambda: [m.MemberRole.MEMBER_LEADER], min_length=1
    )


_GROUP_TABLES: dict[str, type[m.GroupRecord]] = {
    table: model for model, table in TABLES.items() if issubclass(model, m.GroupRecord)
}


# Captions for the record tables ``min_records`` may count.
RECORD_LABELS: dict[str, str] = {
    "members": N_("Members"),
    "consents": N_("Consent records"),
    "stage_progress": N_("Stage records"),
    "ground_rules": N_("Ground rules"),
    "assessments": N_("Assessments"),
    "group_issues": N_("Group issues"),
    "goals": N_("Goals"),
    "tasks": N_("Tasks"),
    "sessions": N_("Sessions"),
    "rating_scales": N_("Rating scales"),
    "reviews": N_("Joint reviews"),
    "new_situations": N_("New situations"),
    "handover_steps": N_("Handover steps"),
    "endorsements": N_("Endorsements"),
}
