"""Opening a section's add/edit form, with its draft offered back when one was kept."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel

from groupwork.dates import format_date
from groupwork.i18n import _
from groupwork.tui.stage_forms.section import Section, SectionContext
from groupwork.tui.stage_forms.sections import SECTIONS


def draft_key(group_id: str, form: str, record_id: str | None = None) -> str:
    """The key of a form's draft: one per group, form and record (``new`` when adding)."""
    return f"{group_id}:{form}:{record_id or 'new'}"


def push_form(screen, form, on_saved: Callable[[], None]) -> None:
    """Push ``form`` (a ``RecordFormScreen``); if a draft of it was kept, offer it back first.

    ``on_saved`` runs after a save. Esc on the offer leaves the draft where it is.
    """
    from groupwork.tui.screens.ask import Answer, AskScreen

    def done(saved: BaseModel | None) -> None:
        if saved is not None:
            on_saved()

    drafts = screen.app.store.drafts
    kept = drafts.get(form.draft_key) if form.draft_key else None
    if kept is None:
        screen.app.push_screen(form, done)
        return

    def answered(choice: str | None) -> None:
        if choice is None:
            return
        if choice == "restore":
            form.restore(kept.values)
        else:
            drafts.clear(form.draft_key)
        screen.app.push_screen(form, done)

    question = _(
        "This form was being filled in on {when} and was not saved. "
        "Go on with what was typed, or start again from the record?"
    ).format(when=f"{format_date(kept.saved_at.date())} {kept.saved_at:%H:%M}")
    screen.app.push_screen(
        AskScreen(
            _("Unsaved draft"),
            question,
            [
                Answer("r", _("Go on with the draft"), "restore"),
                Answer("d", _("Discard the draft"), "discard"),
            ],
        ),
        answered,
    )


def _form_values(section: Section, record: BaseModel | None, ctx: SectionContext) -> dict:
    if record is None:
        values = {"group_id": ctx.group_id, **section.defaults(ctx)}
    else:
        values = record.model_dump()
    if section.to_form:
        values = section.to_form(values, ctx)
    return values


def open_record_form(
    screen, group_id: str, section_key: str, record: BaseModel | None, on_saved: Callable[[], None]
) -> None:
    """Push the add (``record`` None) or edit form of a section; ``on_saved`` runs after a save."""
    from groupwork.tui.screens.record_form import RecordFormScreen

    section = SECTIONS[section_key]
    ctx = SectionContext(screen.app.store, group_id, record)
    values = _form_values(section, record, ctx)
    fields = section.fields(ctx)
    base = {} if record is None else record.model_dump()
    if record is None:
        base = {k: v for k, v in values.items() if k not in {s.name for s in fields}}

    def save(new: BaseModel) -> BaseModel:
        if section.before_save:
            new = section.before_save(record, new, ctx)
        return section.save(record, new, ctx)

    def title() -> str:
        verb = _("Add") if record is None else _("Edit")
        return f"{verb}: {_(section.title)}"

    transform = (lambda data: section.from_form(data, ctx)) if section.from_form else None
    form = RecordFormScreen(
        title(),
        section.model,
        fields,
        base,
        save,
        title,
        values,
        transform,
        draft_key=draft_key(group_id, section_key, getattr(record, "id", None)),
        group_id=group_id,
    )
    push_form(screen, form, on_saved)


def open_add_form(screen, group_id: str, section_key: str, on_saved: Callable[[], None]) -> None:
    """Push the form adding a new record of ``section_key``."""
    open_record_form(screen, group_id, section_key, None, on_saved)
