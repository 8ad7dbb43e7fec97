"""A stage's completion criteria as the stage workspace lists them: met or not, and why."""

from __future__ import annotations

from textual.content import Content

from groupwork import models as m
from groupwork.i18n import _
from groupwork.labels import field_label


def criteria_text(store, group_id: str, number: int, progress: m.StageProgress) -> Content:
    """One line per criterion of stage ``number`` (✓ met, ✗ not, with what the records
    say), then the reason the stage was completed anyway, if one was given.

    Built from styled pieces, not markup: a detail or a reason is shown as typed, brackets
    and all (``groupwork.tui.typed_text``)."""
    try:
        from groupwork.stages import check_stage
    except ImportError:
        return Content(_("The stage guides are not available yet."))
    lines = []
    for result in check_stage(store, group_id, number):
        mark = ("✓", "green") if result.met else ("✗", "red")
        line = Content.assemble(mark, " ", result.criterion.text())
        if result.detail:  # the space unstyled, as the line may wrap there
            line = Content.assemble(line, " ", (f"({result.detail})", "dim"))
        lines.append(line)
    if progress.override_reason:
        label = field_label(m.StageProgress, "override_reason")
        lines.append(Content.styled(f"{label}: {progress.override_reason}", "dim"))
    return Content("\n").join(lines) if lines else Content(_("No criteria for this stage."))
