"""A facilitation aid on screen: the plan sheet (before and during a session) or the feedback
after one, as ``groupwork.facilitation`` writes it (Markdown at the screen's width, scrolled).

The text is built again on each language switch (F9), so it reads in the language chosen.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from groupwork import models as m
from groupwork.errors import InvalidInputError
from groupwork.facilitation.documents import as_text
from groupwork.i18n import N_, _
from groupwork.report import model as d
from groupwork.tui.screens.base import GroupworkScreen
from groupwork.tui.widgets.key_footer import KeyFooter
from groupwork.tui.widgets.plain import Static


class FacilitationView(GroupworkScreen):
    """A document from the facilitation aids, full screen; Esc goes back."""

    DEFAULT_CSS = """
    FacilitationView #aid-text { padding: 0 1; }
    FacilitationView VerticalScroll { height: 1fr; }
    """
    BINDINGS = [Binding("escape", "back", N_("Back"))]

    def __init__(self, build: Callable[[], d.Document]) -> None:
        """``build`` makes the document (again after a language switch)."""
        super().__init__()
        self.build = build

    def compose(self) -> ComposeResult:
        width = max(40, min(100, (self.app.size.width or 80) - 4))
        with VerticalScroll():
            # Text, not markup: the records may hold brackets.
            try:
                shown = as_text(self.build(), width)
            except InvalidInputError as refused:  # e.g. a closed group has no next session
                shown = "\n".join(refused.lines)
            yield Static(Text(shown), id="aid-text")
        yield KeyFooter(compact=True)

    def action_back(self) -> None:
        self.dismiss(None)


def sheet_view(store, group_id: str, number: int | None = None) -> FacilitationView:
    """The plan sheet of session ``number`` (default: the next one), on screen."""
    from groupwork.facilitation.documents import sheet_document
    from groupwork.facilitation.sheet import plan_sheet
    from groupwork.operations.sessions import local_today

    return FacilitationView(
        lambda: sheet_document(plan_sheet(store, group_id, number, today=local_today()))
    )


def feedback_view(store, session: m.Session) -> FacilitationView:
    """The feedback on a held ``session`` with the dated evidence of the worker's practice."""
    from groupwork.facilitation.documents import evidence_blocks, feedback_document
    from groupwork.facilitation.evidence import practice_evidence
    from groupwork.facilitation.feedback import session_feedback

    def build() -> d.Document:
        group = store.get(m.Group, session.group_id)
        document = feedback_document(session_feedback(store, session.id), group.name)
        document.blocks += evidence_blocks(practice_evidence(store, group.id))
        return document

    return FacilitationView(build)


class FacilitationKeys:
    """The sessions screen's keys for the aids (a mixin: it uses ``highlighted``, ``group_id``)."""

    def action_plan_sheet(self) -> None:
        """The plan sheet: of the highlighted session if still to hold, else of the next one."""
        session = self.highlighted()  # type: ignore[attr-defined]
        number = None
        if session is not None and session.status == m.SessionStatus.PLANNED:
            number = session.number
        self.app.push_screen(sheet_view(self.app.store, self.group_id, number))  # type: ignore[attr-defined]

    def action_feedback(self) -> None:
        """The feedback on the highlighted session, once it was held."""
        session = self.highlighted()  # type: ignore[attr-defined]
        if session is None:
            return
        if session.status != m.SessionStatus.HELD:
            self.notify(_("Feedback comes once the session was held and closed."))  # type: ignore[attr-defined]
            return
        self.app.push_screen(feedback_view(self.app.store, session))  # type: ignore[attr-defined]
