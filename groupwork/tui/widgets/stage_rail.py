"""The twelve stages as a rail: each stage's status and how many criteria are met."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from groupwork import models as m
from groupwork.tui.formatting import stage_name

STATUS_MARK = {
    m.StageStatus.COMPLETED: ("✓", "green"),
    m.StageStatus.IN_PROGRESS: ("▶", "bold yellow"),
    m.StageStatus.NOT_STARTED: ("·", "dim"),
}

STAGE_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "minus", "equals_sign")
"""The key that opens each stage's workspace from the dashboard (stage n is index n-1)."""
RAIL_WIDTH = 30
"""Cells the rail takes (keep in step with ``StageRail { width }`` in groupwork.tcss)."""
STAGE_KEY_LABELS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-", "=")


@dataclass(frozen=True)
class RailStage:
    """What the rail shows for one stage."""

    number: int
    status: m.StageStatus
    criteria_met: int
    criteria_total: int
    current: bool


class StageRail(OptionList):
    """Pick a stage; Enter posts ``StageChosen``."""

    class StageChosen(Message):
        """The facilitator chose a stage to open."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    def show_stages(self, stages: list[RailStage]) -> None:
        """Replace the rail's content (keeps the highlighted stage)."""
        highlighted = self.highlighted
        self.clear_options()
        for stage in stages:
            mark, style = STATUS_MARK[stage.status]
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{mark} ", style=style)
            line.append(f"{STAGE_KEY_LABELS[stage.number - 1]} ", style="dim")
            counts = f" {stage.criteria_met}/{stage.criteria_total}" if stage.criteria_total else ""
            # One line per stage: the name gives way (cell width, so Thai marks count as 0).
            name = Text(stage_name(stage.number), style="bold" if stage.current else "")
            name.truncate(max(RAIL_WIDTH - 9 - len(counts), 4), overflow="ellipsis")
            line.append_text(name)
            if counts:
                met_style = "green" if stage.criteria_met == stage.criteria_total else "dim"
                line.append(counts, style=met_style)
            self.add_option(Option(line, id=str(stage.number)))
        current = next((s.number for s in stages if s.current), 1)
        self.highlighted = highlighted if highlighted is not None else current - 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.StageChosen(int(event.option.id)))
