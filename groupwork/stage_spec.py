"""The twelve stages, each in one place: its guide, form sections, criteria and report block.

Adding or changing a stage touches this table and the stage's guide file in
``sessions/stages/`` (purpose, prompts, completion criteria, the worker's text):

- the **guide** is the file ``guide_file`` names, read and checked by ``groupwork.stages``;
- the **criteria** are the guide's ``criteria`` (each names a check in ``groupwork.criteria``);
- the **form sections** are keys; the TUI maps each key to its section of records
  (``groupwork.tui.stage_forms.SECTIONS``), so the core never imports Textual;
- the **report block** is the function that compiles the stage's records in the Group Work
  Review, named as ``module:function`` and imported only when the review is built.

The TUI's workspace (``groupwork.tui.stage_forms.STAGES``) and the review
(``groupwork.report.sections.STAGE_RECORDS``) are read from ``STAGE_SPECS``; a test checks both.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from groupwork.i18n import N_

if TYPE_CHECKING:
    from groupwork import models as m
    from groupwork.stages import CriterionSpec, StageGuide

REPORT = "groupwork.report.sections"


@dataclass(frozen=True)
class StageSpec:
    """Everything that makes up one stage, or where it is."""

    number: int
    guide_file: str
    """The stage's guide in ``sessions/stages/`` (purpose, prompts, criteria, text)."""
    sections: list[str]
    """Keys of the workspace's sections of records, in the order they are shown."""
    report_block: str
    """``module:function`` compiling the stage's records in the review (see ``report_records``)."""
    narrative_prompt: str | None = None
    """Marked with N_: what the narrative asks, when it is the stage's main record."""
    actions: frozenset[str] = field(default_factory=frozenset)
    """Workspace actions beside add and edit (revising a rule, withdrawing a member ...)."""
    handover_target: float = 0.5
    """The facilitator's share of turns the group is moving toward in this stage (a fraction):
    high while the worker leads the forming group, falling as members take over (stage 12)."""

    def guide(self) -> StageGuide:
        """The stage's guide, as ``groupwork.stages`` read it from ``guide_file``."""
        from groupwork.stages import guide  # late: reading the guides is not needed to list specs

        return guide(self.number)

    def criteria(self) -> list[CriterionSpec]:
        """The stage's completion criteria (from its guide)."""
        return list(self.guide().criteria)

    def report_records(self) -> Callable[..., Any]:
        """The report function named by ``report_block`` (imported on first use)."""
        return _resolve(self.report_block)


@dataclass(frozen=True)
class NudgeThresholds:
    """When the recorder's quiet nudges speak (``groupwork.recording.nudges``): the defaults
    here, a group's own in ``models.NudgeSettings``."""

    silent_minutes: int = 15
    """A present member silent this many minutes (since the start or their arrival)."""
    silent_turns: int = 15
    """... or through this many turns of others."""
    dominant_factor: float = 2.0
    """One member above this many times the average share of the last turns."""
    window_turns: int = 20
    """The last turns compared for one voice taking over (judged once there are this many)."""
    facilitator_target: float = 0.5
    """The facilitator's share of all turns to stay at or under (the stage's handover target)."""
    facilitator_after_turns: int = 10
    """The facilitator's share is judged once the session has this many turns."""


def nudge_thresholds(stage: int, settings: m.NudgeSettings | None = None) -> NudgeThresholds:
    """The thresholds for a group in ``stage``: the defaults, the stage's handover target, and
    what the group set for itself (``settings``; an empty field keeps the default)."""
    chosen: dict[str, Any] = {"facilitator_target": stage_spec(stage).handover_target}
    if settings is not None:
        for name in ("silent_minutes", "silent_turns", "dominant_factor", "window_turns"):
            if getattr(settings, name) is not None:
                chosen[name] = getattr(settings, name)
        if settings.facilitator_target is not None:
            chosen["facilitator_target"] = settings.facilitator_target
    return NudgeThresholds(**chosen)


@cache
def _resolve(dotted: str) -> Callable[..., Any]:
    module, _sep, name = dotted.partition(":")
    return getattr(importlib.import_module(module), name)


# The facilitator's share of turns each stage moves toward: the worker leads the forming group,
# hands the talk to members through the middle stages and steps back to observer and consultant
# at the handover (the guideline's stage 12).
HANDOVER_TARGETS = {
    1: 0.6, 2: 0.6, 3: 0.55, 4: 0.5, 5: 0.45, 6: 0.45,
    7: 0.4, 8: 0.4, 9: 0.35, 10: 0.3, 11: 0.3, 12: 0.2,
}  # fmt: skip


def _spec(number: int, guide_file: str, sections: list[str], block: str, **more: Any) -> StageSpec:
    more.setdefault("handover_target", HANDOVER_TARGETS[number])
    return StageSpec(number, guide_file, sections, f"{REPORT}.{block}", **more)


STAGE_SPECS: dict[int, StageSpec] = {
    1: _spec(1, "01-problem-and-need.md", ["problem"], "early:stage1"),
    2: _spec(
        2,
        "02-formation.md",
        ["members", "consents", "selection"],
        "early:stage2",
        actions=frozenset({"withdraw_member"}),
    ),
    # Relationship building is told in the stage narrative (no sections of records).
    3: _spec(
        3,
        "03-relationship-building.md",
        [],
        "early:stage3",
        narrative_prompt=N_(
            "How did members come to accept each other and see their problem as shared?"
        ),
    ),
    4: _spec(
        4,
        "04-ground-rules.md",
        ["rules"],
        "early:stage4",
        actions=frozenset({"revise_rule", "retire_rule"}),
    ),
    5: _spec(5, "05-assessment-and-issues.md", ["assessments", "issues"], "assessment:stage5"),
    6: _spec(6, "06-goals-and-plan.md", ["goals"], "assessment:stage6"),
    7: _spec(7, "07-dialogue.md", ["dialogue"], "middle:stage7"),
    8: _spec(8, "08-task-assignment.md", ["tasks"], "middle:stage8"),
    9: _spec(
        9, "09-joint-review.md", ["reviews"], "middle:stage9", actions=frozenset({"appoint_role"})
    ),
    10: _spec(10, "10-new-situations.md", ["situations", "reassessments"], "late:stage10"),
    11: _spec(11, "11-joint-analysis.md", ["analysis", "goals"], "late:stage11"),
    12: _spec(
        12,
        "12-handover.md",
        ["handover"],
        "late:stage12",
        narrative_prompt=N_("The new plan: what the group decided to do next, and who leads it."),
        actions=frozenset({"appoint_role"}),
    ),
}
"""The twelve stages by number."""


def stage_spec(number: int) -> StageSpec:
    """The spec of stage ``number`` (1 to 12)."""
    return STAGE_SPECS[number]
