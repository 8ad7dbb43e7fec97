"""The end of a group's life in the TUI: the head of unit's endorsement (``e`` on the
dashboard) and closing the group (``x``).

Both are forms over the record itself, saved through ``operations.group_life`` (the CLI's
``groupwork endorse`` and ``groupwork group close`` call the same), so the date is the one
typed, today by default: never the day a review file was made.
"""

from __future__ import annotations

from pydantic import BaseModel

from groupwork import models as m
from groupwork.i18n import N_, _, ngettext
from groupwork.operations.group_life import (
    close_group,
    closing_tasks_line,
    open_tasks,
    record_endorsement,
)
from groupwork.operations.sessions import local_today
from groupwork.tui.screens.record_form import RecordFormScreen
from groupwork.tui.widgets.model_form import FieldSpec

ENDORSEMENT_FIELDS = (
    FieldSpec("name", "text", label=N_("Head of unit's name")),
    FieldSpec("position", "text", label=N_("Position")),
    FieldSpec("endorsed_on", "date", label=N_("Endorsed on")),
)
CLOSING_FIELDS = (FieldSpec("end_date", "date", label=N_("The group ended on")),)
OPEN_TASKS_FIELD = FieldSpec(
    "open_tasks",
    "select",
    choices=lambda: [
        (_("Drop them (each marked dropped: the group closed)"), "drop"),
        (_("Keep them open (the members carry them on)"), "keep"),
    ],
    label=N_("Tasks still open"),
)
"""Shown only when tasks are open; nothing is chosen for the worker (closing refuses until)."""


def endorsement_title() -> str:
    """The endorsement form's title in the current language."""
    return _("Endorsement of the review by the head of unit")


def closing_title() -> str:
    """The closing form's title in the current language."""
    return _("Close the group")


class EndorsementScreen(RecordFormScreen):
    """Record (or replace) the head of unit's endorsement, dated today unless changed."""

    def __init__(self, store, group_id: str) -> None:
        earlier = store.endorsements(group_id)
        base = m.Endorsement(
            group_id=group_id,
            name=earlier[-1].name if earlier else "-",
            position=earlier[-1].position if earlier else "",
        ).model_dump()
        # The name is typed, not carried over as a placeholder: "-" only satisfies the model.
        initial = {
            **base,
            "name": earlier[-1].name if earlier else "",
            "endorsed_on": local_today(),
        }

        def save(record: BaseModel) -> BaseModel:
            assert isinstance(record, m.Endorsement)
            return record_endorsement(
                store, group_id, record.name, record.position, record.endorsed_on
            )

        super().__init__(
            endorsement_title(),
            m.Endorsement,
            list(ENDORSEMENT_FIELDS),
            base,
            save,
            endorsement_title,
            initial=initial,
        )


class CloseGroupScreen(RecordFormScreen):
    """Close the group on the day typed (today by default), deciding about its open tasks."""

    def __init__(self, store, group_id: str) -> None:
        group = store.get(m.Group, group_id)
        base = group.model_dump()
        initial = {**base, "end_date": local_today()}
        count = len(open_tasks(store, group_id))
        chosen: dict[str, str | None] = {}

        def keep_choice(values: dict) -> dict:
            # Not a field of the group: the choice goes to close_group, not into the record.
            chosen["open_tasks"] = values.pop("open_tasks", None)
            return values

        def save(record: BaseModel) -> BaseModel:
            assert isinstance(record, m.Group)
            choice = chosen.get("open_tasks")
            closed = close_group(store, group_id, record.end_date or local_today(), choice)
            if count:
                self.notify(closing_tasks_line(count, choice))
            return closed

        intro = _(
            "A closed group leaves the active lists and the coordinator's flags. Every "
            "session must be held or cancelled first."
        )
        if count:
            intro += "\n" + ngettext(
                "{count} task is still open: drop it, or keep it open (it stays on the "
                "coordinator's task list).",
                "{count} tasks are still open: drop them, or keep them open (they stay on the "
                "coordinator's task list).",
                count,
            ).format(count=count)
        super().__init__(
            closing_title(),
            m.Group,
            [*CLOSING_FIELDS, OPEN_TASKS_FIELD] if count else list(CLOSING_FIELDS),
            base,
            save,
            closing_title,
            initial=initial,
            transform=keep_choice,
            intro=intro,
        )
