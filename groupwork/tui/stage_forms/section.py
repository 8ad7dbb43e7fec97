"""What a section of a stage's workspace is: one kind of record, its table columns and its form.

``SectionContext`` gives a section's columns and choices the store, the group, the record being
edited (if any) and the lookups they need; the cell helpers turn a record's fields into table
cells in the current language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from pydantic import BaseModel

from groupwork import models as m
from groupwork.i18n import _
from groupwork.models import caption
from groupwork.tui.formatting import clip, member_label, show_date
from groupwork.tui.widgets.model_form import FieldSpec


@dataclass
class SectionContext:
    """The store and group a section works on, with lookups its columns and choices need."""

    store: Any
    group_id: str
    record: BaseModel | None = None
    """The record being edited (None when adding, or when filling a table)."""
    typed: dict[str, Any] = field(default_factory=dict)
    """What the form asked that is no field of the record (a revision's reason), for saving."""

    @cached_property
    def members(self) -> dict[str, m.Member]:
        """Every member of the group by id (erased ones included: history stays coherent)."""
        return {mem.id: mem for mem in self.store.members(self.group_id)}

    @cached_property
    def goals(self) -> list[m.Goal]:
        """The group's goals in priority order."""
        return self.store.goals(self.group_id)

    def member_choices(self) -> list[tuple[str, str]]:
        """Every member not erased, as (label, id)."""
        return [(member_label(mem), mem.id) for mem in self.members.values() if not mem.erased]

    def current_member_choices(self, field_name: str) -> Callable[[], list[tuple[str, str]]]:
        """Choices of members who can hold a role today, plus whoever the record already names
        in ``field_name`` (so editing an old record never silently drops them)."""
        from groupwork.operations.roles import is_current

        def choices() -> list[tuple[str, str]]:
            kept = getattr(self.record, field_name, None)
            today = date.today()
            return [
                (member_label(mem), mem.id)
                for mem in self.members.values()
                if is_current(mem, today) or mem.id == kept
            ]

        return choices

    def assignee_choices(self) -> list[tuple[str, str]]:
        """The facilitator and the members, as task assignees."""
        return [(_("facilitator"), m.FACILITATOR), *self.member_choices()]

    def goal_choices(self) -> list[tuple[str, str]]:
        """The group's goals, as (title, id)."""
        return [(goal.title, goal.id) for goal in self.goals]


Column = tuple[str, Callable[[Any, SectionContext], str]]
Saver = Callable[[BaseModel | None, BaseModel, SectionContext], BaseModel]
"""Stores a record from a form: (record before the edit or None, record from the form, ctx)."""


def plain_save(old: BaseModel | None, new: BaseModel, ctx: SectionContext) -> BaseModel:
    """Store the record as the form built it."""
    return ctx.store.save(new)


@dataclass
class Section:
    """One kind of record a stage keeps."""

    key: str
    title: str
    """Marked with N_; translated when shown."""
    model: type[BaseModel]
    fields: Callable[[SectionContext], list[FieldSpec]]
    columns: list[Column] = field(default_factory=list)
    query: Callable[[Any, str], list[Any]] | None = None
    """The store query for the group's records of this section: ``(store, group_id) -> list``."""
    defaults: Callable[[SectionContext], dict[str, Any]] = lambda ctx: {}
    group_fields: bool = False
    """True: the section edits fields of the group itself (one record, shown as label/value)."""
    to_form: Callable[[dict[str, Any], SectionContext], dict[str, Any]] | None = None
    from_form: Callable[[dict[str, Any], SectionContext], dict[str, Any]] | None = None
    before_save: Saver | None = None
    """Checks or completes the record from the form before it is stored (returns it)."""
    save: Saver = plain_save
    """How a record from the form is stored: a domain operation where the record has rules."""

    def records(self, ctx: SectionContext) -> list[BaseModel]:
        """The group's records of this section."""
        if self.group_fields:
            return [ctx.store.get(m.Group, ctx.group_id)]
        assert self.query is not None, f"section {self.key} names no store query"
        return self.query(ctx.store, ctx.group_id)


def text_cell(name: str, width: int = 40) -> Callable[[Any, SectionContext], str]:
    """A text field, on one line, cut at a word to ``width`` cells."""

    def cell(record: Any, ctx: SectionContext) -> str:
        return clip(str(getattr(record, name) or ""), width)

    return flexible(cell)


def flexible(cell: Callable[[Any, SectionContext], str]) -> Callable[[Any, SectionContext], str]:
    """Mark a column that may be cut when the table is too wide (free text, lists of names);
    the others (dates, statuses, numbers) keep their width."""
    cell.flexible = True  # type: ignore[attr-defined]
    return cell


def is_flexible(cell: Callable[[Any, SectionContext], str]) -> bool:
    """Whether a column may be cut to fit the table (see ``flexible``)."""
    return getattr(cell, "flexible", False)


def date_cell(name: str) -> Callable[[Any, SectionContext], str]:
    """A date field as the person reads dates ("—" when unset)."""
    return lambda record, ctx: show_date(getattr(record, name))


def caption_cell(name: str) -> Callable[[Any, SectionContext], str]:
    """An enum field's caption in the current language."""
    return lambda record, ctx: caption(getattr(record, name))


def member_cell(name: str = "member_id") -> Callable[[Any, SectionContext], str]:
    """The member a field points at, by pseudonym."""

    def cell(record: Any, ctx: SectionContext) -> str:
        member_id = getattr(record, name)
        return member_label(ctx.members.get(member_id)) if member_id else "—"

    return flexible(cell)


def today(ctx: SectionContext) -> date:
    """The day a new record is dated by default."""
    return date.today()
