"""What each of the twelve stages shows and offers in its workspace, in one table.

A stage's guide (purpose, prompts, completion criteria) is its file in ``sessions/stages/``,
read by ``groupwork.stages``; its report block is in ``groupwork.report``. What the workspace
adds on top is here: the sections of records it keeps, the prompt of its narrative and the
actions (revising a rule, withdrawing a member, appointing a role) it offers beside add/edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from groupwork.i18n import N_


@dataclass(frozen=True)
class StageSpec:
    """The workspace of one stage."""

    sections: list[str]
    """Keys of ``SECTIONS``, in the order they are shown."""
    narrative_prompt: str | None = None
    """Marked with N_: what the narrative asks, when it is the stage's main record."""
    actions: frozenset[str] = field(default_factory=frozenset)
    """Workspace actions this stage offers beside add and edit (see ``StageWorkspaceScreen``)."""


STAGES: dict[int, StageSpec] = {
    1: StageSpec(["problem"]),
    2: StageSpec(["members", "consents", "selection"], actions=frozenset({"withdraw_member"})),
    # Relationship building is told in the stage narrative (key n).
    3: StageSpec(
        [],
        N_("How did members come to accept each other and see their problem as shared?"),
    ),
    4: StageSpec(["rules"], actions=frozenset({"revise_rule", "retire_rule"})),
    5: StageSpec(["assessments", "issues"]),
    6: StageSpec(["goals"]),
    7: StageSpec(["dialogue"]),
    8: StageSpec(["tasks"]),
    9: StageSpec(["reviews"], actions=frozenset({"appoint_role"})),
    10: StageSpec(["situations", "reassessments"]),
    11: StageSpec(["analysis", "goals"]),
    12: StageSpec(
        ["handover"],
        N_("The new plan: what the group decided to do next, and who leads it."),
        actions=frozenset({"appoint_role"}),
    ),
}

STAGE_SECTIONS: dict[int, list[str]] = {n: spec.sections for n, spec in STAGES.items()}
"""The sections each stage's workspace shows, in order. Every stage also has its narrative."""

NARRATIVE_PROMPTS = {n: s.narrative_prompt for n, s in STAGES.items() if s.narrative_prompt}
"""Stages whose narrative is their main record get a specific prompt."""
