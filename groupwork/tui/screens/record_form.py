"""A modal that adds or edits one record through a ``ModelForm``.

Nothing typed is lost silently: every change is kept as a draft in the database (offered back
when the form is opened again after a crash), and Esc on a changed form asks whether to save,
discard or keep editing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Checkbox, Footer, Input, Select, SelectionList, TextArea

from groupwork.errors import DatabaseBusy, GroupworkError
from groupwork.i18n import N_, _
from groupwork.tui.screens.ask import Answer, AskScreen
from groupwork.tui.screens.base import GroupworkModal
from groupwork.tui.widgets.model_form import FieldSpec, ModelForm
from groupwork.tui.widgets.plain import Label, Static


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
        draft_key: str | None = None,
        group_id: str | None = None,
        intro: str = "",
    ) -> None:
        """``draft_key`` names the form's draft (None: no draft is kept); ``intro`` is shown
        above the fields (e.g. a rule's earlier wordings)."""
        super().__init__()
        self.form_title = title
        self.title_translated = title_translated
        self.model_cls = model_cls
        self.specs = specs
        self.base = base
        self.save_record = save
        self.initial = base if initial is None else initial
        self.transform = transform
        self.draft_key = draft_key
        self.group_id = group_id
        self.intro = intro
        self.restored = False
        self._form_closed = False
        self._saving = False
        self._pristine: dict[str, Any] | None = None
        """The form's values as opened; None until the widgets have settled."""

    def restore(self, values: dict[str, Any]) -> None:
        """Open with a kept draft's values (as typed) instead of the record's."""
        self.initial = values
        self.restored = True

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="form-dialog"):
            yield Label(self._title(), id="form-title", classes="dialog-title")
            if self.intro:
                yield Static(self.intro, id="form-intro", classes="form-intro")
            yield ModelForm(self.specs, self.initial, self.model_cls, id="form")
            yield Label(_("Ctrl+S save · Esc cancel"), id="form-keys", classes="dialog-hint")
        yield Footer()

    def on_mount(self) -> None:
        # Widgets post their first Changed events while mounting: remember the values after.
        self.call_after_refresh(self._settled)

    def _settled(self) -> None:
        self._pristine = self.query_one(ModelForm).raw_values()

    def changed(self) -> bool:
        """Whether the form holds something other than what it opened with."""
        if self._pristine is None:
            return self.restored
        return self.restored or self.query_one(ModelForm).raw_values() != self._pristine

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    @on(Checkbox.Changed)
    def _keep_draft(self) -> None:
        """Write the draft on every change, so a crash loses at most the key being pressed."""
        # Changed messages still bubbling up after a save or discard must not bring it back.
        if self.draft_key is None or self._pristine is None or self._form_closed or self._saving:
            return
        drafts = self.app.store.drafts
        # Never waits for another process's write (an import in another window): a draft
        # the lock refused is written by the next change, which carries all the values.
        if self.changed():
            drafts.keep_if_free(
                self.draft_key, self.group_id, self.query_one(ModelForm).raw_values()
            )
        else:
            drafts.clear_if_free(self.draft_key)

    def _forget_draft(self) -> None:
        self._form_closed = True
        if self.draft_key is not None:
            self.app.store.drafts.clear_if_free(self.draft_key)

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
        if self._saving:
            return
        form = self.query_one(ModelForm)
        record = form.build(self.model_cls, self.base, self.transform)
        if record is None:
            return
        try:
            # At once when the database is free (nearly always); when another process holds
            # the write lock, the save waits in a worker and the screen stays live.
            with self.app.store.waiting_briefly():
                saved = self.save_record(record)
        except DatabaseBusy:
            self._saving = True
            # Nothing typed meanwhile: the record being saved is the one shown. (The worker
            # holds the connection while it waits, so this screen reads nothing either.)
            self.query_one(ModelForm).disabled = True
            self.query_one("#form-keys", Label).update(
                _("Saving… another window or command is writing; this form closes once saved.")
            )
            self._save_waiting(record)
            return
        except GroupworkError as exc:
            form.show_message(exc.message)
            return
        self._saved(saved)

    def _saved(self, saved: BaseModel) -> None:
        self._forget_draft()
        self.dismiss(saved)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def _save_waiting(self, record: BaseModel) -> None:
        """Save with the store's full wait for the lock, off the UI thread."""
        try:
            saved = self.save_record(record)
        except GroupworkError as exc:
            self.app.call_from_thread(self._save_failed, exc.message)
            return
        except Exception as exc:  # not ours to word: the form opens again, then it is raised
            self.app.call_from_thread(self._save_failed, str(exc))
            raise
        self.app.call_from_thread(self._saved, saved)

    def _save_failed(self, message: str) -> None:
        self._saving = False
        self.query_one(ModelForm).disabled = False
        self.query_one("#form-keys", Label).update(_("Ctrl+S save · Esc cancel"))
        self.query_one(ModelForm).show_message(message)

    def action_cancel(self) -> None:
        """Close; when something was changed, ask first (save, discard, keep editing)."""
        if self._saving:  # the save under way decides
            return
        if not self.changed():
            self._forget_draft()
            self.dismiss(None)
            return

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
            elif choice == "discard":
                self._forget_draft()
                self.dismiss(None)

        self.app.push_screen(
            AskScreen(
                _("Unsaved changes"),
                _("You changed this form. Save the changes, discard them, or keep editing?"),
                [
                    Answer("s", _("Save"), "save"),
                    Answer("d", _("Discard"), "discard"),
                    Answer("k", _("Keep editing"), "keep"),
                ],
            ),
            answered,
        )
