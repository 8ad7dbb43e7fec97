"""A modal that adds or edits one record through a ``ModelForm``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Label

from groupwork.errors import GroupworkError
from groupwork.i18n import N_, _
from groupwork.tui.screens.base import GroupworkModal
from groupwork.tui.widgets.model_form import FieldSpec, ModelForm


class RecordFormScreen(GroupworkModal[BaseModel | None]):
    """Fill in a record; ``save`` stores it. Dismisses with the saved record, or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), priority=True),
        Binding("escape", "cancel", N_("Cancel")),
    ]

    def __init__(
        self,
        title: str,
        model_cls: type[BaseModel],
        specs: list[FieldSpec],
        base: dict[str, Any],
        save: Callable[[BaseModel], BaseModel],
        title_translated: Callable[[], str] | None = None,
        initial: dict[str, Any] | None = None,
        transform: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.title_translated = title_translated
        self.model_cls = model_cls
        self.specs = specs
        self.base = base
        self.save_record = save
        self.initial = base if initial is None else initial
        self.transform = transform

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="form-dialog"):
            yield Label(self._title(), id="form-title", classes="dialog-title")
            yield ModelForm(self.specs, self.initial, self.model_cls, id="form")
            yield Label(_("Ctrl+S save · Esc cancel"), id="form-keys", classes="dialog-hint")
        yield Footer()

    def _title(self) -> str:
        return self.title_translated() if self.title_translated else self.form_title

    def language_changed(self) -> None:
        # Keep what was typed: only the words around it change.
        self.query_one("#form-title", Label).update(self._title())
        self.query_one("#form-keys", Label).update(_("Ctrl+S save · Esc cancel"))
        form = self.query_one(ModelForm)
        form.relabel()
        if form.has_errors():
            # Messages already shown under fields follow the language too.
            form.build(self.model_cls, self.base, self.transform, announce=False)
        self.refresh_bindings()

    def action_save(self) -> None:
        form = self.query_one(ModelForm)
        record = form.build(self.model_cls, self.base, self.transform)
        if record is None:
            return
        try:
            saved = self.save_record(record)
        except GroupworkError as exc:
            form.show_message(exc.message)
            return
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)
