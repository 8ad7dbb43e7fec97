"""Each of the twelve stages in one place: what it is made of, and where each part lives.

A stage of the Thai national guideline has five parts in groupwork:

- its **guide** (purpose, what to do, prompts, completion criteria as data): one Markdown file
  in ``sessions/stages/``, read and checked by ``groupwork.stages``;
- its **form sections** in the TUI workspace (keys of ``groupwork.tui.stage_forms.SECTIONS``,
  shown in this order), the prompt of its narrative when that is the stage's main record, and
  the **actions** the workspace offers beside add and edit;
- its **report block** in the Group Work Review (a function in ``groupwork.report.sections``,
  named ``module.function``).

This table is the one list of them: ``groupwork.stages`` checks each guide file against it,
the TUI builds its workspaces from it and the report its stage sections, and
``tests/test_stage_spec.py`` checks every part of every stage exists. Changing what a stage
shows, asks or reports is an edit here and in its guide. Names only, no imports of the parts:
the core must not depend on the TUI or the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from groupwork.i18n import N_


@dataclass(frozen=True)
class StageSpec:
    """Where every part of one stage lives (see the module docstring)."""

    number: int
    guide: str
    """The guide's file name in ``sessions/stages/`` (``NN-key.md``)."""
    form_sections: tuple[str, ...]
    """Keys of the TUI's ``SECTIONS``, in the order the workspace shows them."""
    report_block: str
    """``module.function`` in ``groupwork.report.sections``: the records its section lists."""
    narrative_prompt: str | None = None
    """Marked with N_: what the narrative asks, when it is the stage's main record."""
    actions: frozenset[str] = field(default_factory=frozenset)
    """Workspace actions this stage offers beside add and edit (``StageWorkspaceScreen``)."""


_SPECS = (
    StageSpec(1, "01-problem-and-need.md", ("problem",), "early.stage1"),
    StageSpec(
        2,
        "02-formation.md",
        ("members", "consents", "selection"),
        "early.stage2",
        actions=frozenset({"withdraw_member"}),
    ),
    # Relationship building is told in the stage narrative (key n).
    StageSpec(
        3,
        "03-relationship-building.md",
        (),
        "early.stage3",
        N_("How did members come to accept each other and see their problem as shared?"),
    ),
    StageSpec(
        4,
        "04-ground-rules.md",
        ("rules",),
        "early.stage4",
        actions=frozenset({"revise_rule", "retire_rule"}),
    ),
    StageSpec(5, "05-assessment-and-issues.md", ("assessments", "issues"), "assessment.stage5"),
    StageSpec(6, "06-goals-and-plan.md", ("goals",), "assessment.stage6"),
    StageSpec(7, "07-dialogue.md", ("dialogue",), "middle.stage7"),
    StageSpec(8, "08-task-assignment.md", ("tasks",), "middle.stage8"),
    StageSpec(
        9,
        "09-joint-review.md",
        ("reviews",),
        "middle.stage9",
        actions=frozenset({"appoint_role"}),
    ),
    StageSpec(10, "10-new-situations.md", ("situations", "reassessments"), "late.stage10"),
    StageSpec(11, "11-joint-analysis.md", ("analysis", "goals"), "late.stage11"),
    StageSpec(
        12,
        "12-handover.md",
        ("handover",),
        "late.stage12",
        N_("The new plan: what the group decided to do next, and who leads it."),
        actions=frozenset({"appoint_role"}),
    ),
)

STAGE_SPECS: dict[int, StageSpec] = {spec.number: spec for spec in _SPECS}
"""The twelve stages by number."""


def stage_spec(number: int) -> StageSpec:
    """The spec of stage ``number``; ``KeyError`` for a number that is not a stage."""
    return STAGE_SPECS[number]
