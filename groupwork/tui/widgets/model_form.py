"""A form built from a list of fields of a pydantic model.

Each field becomes the widget that suits it (Input, TextArea, Select, SelectionList,
Checkbox). ``ModelForm.build`` turns what was typed into a validated model; when pydantic
rejects it, each field shows its own message (in the person's language, through
``render_validation_error``) and nothing is returned, so nothing can be saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Input, Select, SelectionList, TextArea

from groupwork import typed_input
from groupwork.dates import BE_OFFSET, default_era
from groupwork.errors import InvalidInputError, render_validation_error
from groupwork.i18n import _, current_language
from groupwork.labels import caption, field_label
from groupwork.tui.widgets.linking import LinkingInput, LinkingTextArea, stored_text
from groupwork.tui.widgets.plain import Label, Static

LINKED_TEXT_FIELDS = frozenset({"title", "description", "member_role"})
"""One-line fields of free text in which ``@`` links a person (a task's title); names, dates
and codes are not."""
Choices = Callable[[], list[tuple[str, str]]]
"""(label, value) pairs, computed when the form is shown so labels follow the language."""


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form.

    kind: "text" (one line), "long" (several lines), "lines" (a list, one item a line),
    "date", "int", "bool", "select" (one of ``choices``), "multi" (several of ``choices``).
    """

    name: str
    kind: str = "text"
    choices: Choices | None = None
    label: str | None = None
    """A label (marked with N_) instead of the model's field label."""
    placeholder: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def caption(self, model: type[BaseModel] | None = None) -> str:
        """The field's label in the current language: ``label``, else ``model``'s label for it."""
        return _(self.label) if self.label else field_label(model, self.name)


def enum_choices(enum_cls: type[StrEnum]) -> Choices:
    """Choices for an enum field, captioned in the current language."""
    return lambda: [(caption(v), v.value) for v in enum_cls]


def date_text(value: date) -> str:
    """A date as a person edits it: 21/11/2569 where dates are read in the Buddhist Era, else ISO.

    ``typed_input.day`` reads both back, so a Thai worker edits the year she knows.
    """
    if default_era(current_language()) == "be":
        return f"{value.day}/{value.month}/{value.year + BE_OFFSET}"
    return value.isoformat()


def date_pattern() -> str:
    """How to type a date, shown in an empty date box: a pattern, never a date that could be
    read as the value (a grey "21/11/2569" looked filled in)."""
    if default_era(current_language()) == "be":
        return _("dd/mm/yyyy (Buddhist Era)")
    return _("yyyy-mm-dd")


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return date_text(value)
    return str(value)


class ModelForm(VerticalScroll):
    """The fields of one record; ``build`` validates them into a model."""

    def __init__(
        self,
        specs: list[FieldSpec],
        values: dict[str, Any],
        model: type[BaseModel] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.specs = specs
        self.initial = values
        self.model = model
        """The model the fields belong to, whose labels they show (None: labels by name)."""

    def compose(self) -> ComposeResult:
        for spec in self.specs:
            value = self.initial.get(spec.name)
            yield Label(spec.caption(self.model), id=f"label-{spec.name}", classes="field-label")
            yield self._widget_for(spec, value)
            yield Static("", id=f"error-{spec.name}", classes="field-error", markup=False)
        yield Static("", id="form-error", classes="field-error", markup=False)

    def _widget_for(self, spec: FieldSpec, value: Any):
        wid = f"field-{spec.name}"
        if spec.kind == "long":
            return LinkingTextArea(_as_text(value), id=wid, classes="field-long")
        if spec.kind == "lines":
            return LinkingTextArea(
                "\n".join(_as_text(v) for v in value or []), id=wid, classes="field-long"
            )
        if spec.kind == "bool":
            return Checkbox(spec.caption(self.model), bool(value), id=wid)
        if spec.kind == "select":
            options = spec.choices() if spec.choices else []
            current = _as_text(value) if value not in (None, "") else Select.NULL
            if current is not Select.NULL and current not in {v for _l, v in options}:
                current = Select.NULL
            # Labels as rich Text: an option list reads a str as markup (a member's name).
            shown = [(Text(label), v) for label, v in options]
            return Select(shown, value=current, id=wid, prompt=_("(none)"))
        if spec.kind == "multi":
            chosen = {_as_text(v) for v in value or []}
            options = spec.choices() if spec.choices else []
            return SelectionList(*[(Text(label), v, v in chosen) for label, v in options], id=wid)
        placeholder = spec.placeholder or (date_pattern() if spec.kind == "date" else "")
        if spec.name in LINKED_TEXT_FIELDS:
            return LinkingInput(_as_text(value), id=wid, placeholder=placeholder)
        return Input(_as_text(value), id=wid, placeholder=placeholder)

    def on_mount(self) -> None:
        if self.specs:
            self.query_one(f"#field-{self.specs[0].name}").focus()

    def relabel(self) -> None:
        """Show the labels in the current language (typed values stay)."""
        for spec in self.specs:
            self.query_one(f"#label-{spec.name}", Label).update(spec.caption(self.model))

    def raw_values(self) -> dict[str, Any]:
        """What the person entered, per field, before validation."""
        values: dict[str, Any] = {}
        for spec in self.specs:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, TextArea):
                text = stored_text(widget)  # a linked person as the token, not the name shown
                if spec.kind == "lines":
                    values[spec.name] = [line.strip() for line in text.splitlines() if line.strip()]
                else:
                    values[spec.name] = text
            elif isinstance(widget, Checkbox):
                values[spec.name] = widget.value
            elif isinstance(widget, Select):
                values[spec.name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, SelectionList):
                values[spec.name] = list(widget.selected)
            else:
                values[spec.name] = stored_text(widget).strip()
        return values

    def build(
        self,
        model_cls: type[BaseModel],
        base: dict[str, Any],
        transform: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
        announce: bool = True,
    ) -> BaseModel | None:
        """The record with the form's values over ``base``; None (and messages) if invalid.

        ``transform`` turns typed values into the model's shape (e.g. lines into nested
        records) before validation. ``announce=False`` only refreshes the messages under
        the fields (no notification, no jump to the first wrong field).
        """
        data = dict(base)
        raw = self.raw_values()
        date_errors = self._read_dates(raw)
        if transform:
            raw = transform(raw)
        for name, value in raw.items():
            if value == "" or value is None:
                info = model_cls.model_fields[name]
                if info.is_required():
                    # Left empty on purpose or not, a required field is reported as missing.
                    data.pop(name, None)
                    continue
                # An empty box means "not given": the field's default (None for optional dates).
                value = info.get_default(call_default_factory=True)
            data[name] = value
        self.clear_errors()
        try:
            record = model_cls.model_validate(data)
        except ValidationError as exc:
            record = None
            by_field = self._messages_by_field(exc)
        else:
            by_field = {}
        for name, message in date_errors.items():
            # The typed text, not pydantic's "field required" for the date left out.
            by_field[name] = [message]
        if not by_field:
            return record
        self.show_errors(by_field, announce)
        return None

    def _read_dates(self, raw: dict[str, Any]) -> dict[str, str]:
        """Turn typed dates in ``raw`` into dates (ISO, BE, day/month/year); errors by field.

        A date that cannot be read is left out of ``raw`` (so it is never saved) and its
        message names what was typed.
        """
        errors = {}
        for spec in self.specs:
            text = raw.get(spec.name)
            if spec.kind != "date" or not text:
                continue
            try:
                raw[spec.name] = typed_input.day(text)
            except InvalidInputError as exc:
                errors[spec.name] = exc.message
                del raw[spec.name]
        return errors

    def clear_errors(self) -> None:
        """Empty and hide every message under the fields and about the record."""
        for error in self.query(".field-error").results(Static):
            error.update("")
            error.remove_class("shown")

    def _messages_by_field(self, exc: ValidationError) -> dict[str, list[str]]:
        """pydantic's complaints by form field ("form" for those about the whole record)."""
        names = {spec.name for spec in self.specs}
        by_field: dict[str, list[str]] = {}
        for error, line in zip(
            exc.errors(include_url=False), render_validation_error(exc), strict=True
        ):
            loc = error.get("loc", ())
            target = str(loc[0]) if loc and str(loc[0]) in names else "form"
            message = line.split(": ", 1)[1] if target != "form" and ": " in line else line
            by_field.setdefault(target, []).append(message)
        return by_field

    def has_errors(self) -> bool:
        """Whether messages are shown under fields (or about the whole record)."""
        return bool(self.query(".field-error.shown"))

    def show_errors(self, by_field: dict[str, list[str]], announce: bool = True) -> None:
        """Put each message under its field; messages about the whole record at the bottom.

        A notification names every wrong field too: on a small terminal most of the form
        (and so most of the messages under the fields) is out of sight.
        """
        order = [spec.name for spec in self.specs] + ["form"]
        by_field = dict(sorted(by_field.items(), key=lambda item: order.index(item[0])))
        summary = [
            (f"{self._caption(name)}: " if name != "form" else "") + " ".join(messages)
            for name, messages in by_field.items()
        ]
        for target, messages in by_field.items():
            box = self.query_one(f"#error-{target}" if target != "form" else "#form-error", Static)
            box.update("\n".join(messages))
            box.add_class("shown")
        if not announce:
            return
        self.notify("\n".join(summary), title=_("Not saved"), severity="error", timeout=8)
        first = next(iter(by_field))
        if first != "form":
            # Bring the first wrong field (and its label) into view, then put the cursor in it.
            self.query_one(f"#field-{first}").focus(scroll_visible=False)
            self.scroll_to_widget(self.query_one(f"#label-{first}"), top=True, animate=False)

    def _caption(self, name: str) -> str:
        spec = next((s for s in self.specs if s.name == name), None)
        return spec.caption(self.model) if spec else field_label(self.model, name)

    def show_message(self, message: str) -> None:
        """A message about the whole record (e.g. the store refused it)."""
        box = self.query_one("#form-error", Static)
        box.update(message)
        box.add_class("shown")
