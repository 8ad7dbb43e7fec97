"""The end of a group's life: the head of unit's endorsement and closing the group.

Both are dated by the person who records them (never by the day a review file was made), and
both refuse a date the records contradict: a group is not closed before its last session, nor
endorsed before it began.
"""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError

from groupwork import models as m
from groupwork.dates import format_date
from groupwork.errors import InvalidInputError, invalid_input
from groupwork.i18n import _, ngettext
from groupwork.operations.sessions import local_today
from groupwork.operations.tasks import move_task
from groupwork.store.repository import Repository


def _not_after_today(on: date) -> None:
    if on > local_today():
        raise InvalidInputError([_("The date is after today: record it on the day it happens.")])


def _last_held(store: Repository, group_id: str) -> date | None:
    held = [s.held_on for s in store.sessions(group_id) if s.status == m.SessionStatus.HELD]
    return max(held) if held else None


def record_endorsement(
    store: Repository, group_id: str, name: str, position: str, on: date | None = None
) -> m.Endorsement:
    """The head of unit endorsed the group's review on ``on`` (default: today, when recorded).

    A new endorsement replaces the one in force (the earlier stays in the history).
    """
    on = on or local_today()
    _not_after_today(on)
    group = store.get(m.Group, group_id)
    first = group.start_date or min((s.held_on for s in store.sessions(group_id)), default=None)
    if first is not None and on < first:
        raise InvalidInputError(
            [
                _("The endorsement cannot be dated before the group began ({day}).").format(
                    day=format_date(first)
                )
            ]
        )
    try:
        record = m.Endorsement(group_id=group_id, name=name, position=position, endorsed_on=on)
    except ValidationError as exc:
        raise invalid_input(exc) from exc
    return store.save(record)


OPEN_TASK_CHOICES = ("drop", "keep")
"""What closing does with the group's open tasks: mark them dropped, or keep them open."""


def open_tasks(store: Repository, group_id: str) -> list[m.Task]:
    """The group's tasks still open or in progress (what closing must decide about)."""
    still = (m.TaskStatus.OPEN, m.TaskStatus.IN_PROGRESS)
    return [t for t in store.tasks(group_id) if t.status in still]


def close_group(
    store: Repository, group_id: str, on: date, tasks_choice: str | None = None
) -> m.Group:
    """The group ended on ``on``: its status is closed and ``on`` is its end date.

    Refused while a session is open or still planned, and before the last session held.
    Open tasks need the worker's ``tasks_choice``: ``"drop"`` marks each dropped ("the group
    closed on DAY") with the closure, ``"keep"`` leaves them open (members carry them on
    after handover; they stay on the coordinator's task list). Without one, refused.
    """
    if tasks_choice is not None and tasks_choice not in OPEN_TASK_CHOICES:
        raise InvalidInputError([_("Open tasks are either dropped or kept: choose drop or keep.")])
    _not_after_today(on)
    with store.transaction():
        group = store.get(m.Group, group_id)
        if group.status == m.GroupStatus.CLOSED:
            raise InvalidInputError(
                [
                    _("The group was already closed on {day}.").format(
                        day=format_date(group.end_date) if group.end_date else "?"
                    )
                ]
            )
        problems = []
        for session in store.sessions(group_id):
            if session.is_open:
                problems.append(
                    _("Session {number} is still being recorded: close it first.").format(
                        number=session.number
                    )
                )
            elif session.status == m.SessionStatus.PLANNED:
                problems.append(
                    _("Session {number} is still planned: cancel it first.").format(
                        number=session.number
                    )
                )
        last = _last_held(store, group_id)
        if last is not None and on < last:
            problems.append(
                _("The group cannot close before its last session ({day}).").format(
                    day=format_date(last)
                )
            )
        if group.start_date is not None and on < group.start_date:
            problems.append(_("The group cannot close before it began."))
        still_open = open_tasks(store, group_id)
        if still_open and tasks_choice is None:
            problems.append(
                ngettext(
                    "{count} task is still open: choose to drop it or keep it open.",
                    "{count} tasks are still open: choose to drop them or keep them open.",
                    len(still_open),
                ).format(count=len(still_open))
            )
        if problems:
            raise InvalidInputError(problems)
        if tasks_choice == "drop":
            # Written in the language of the person closing, as any reason they type.
            reason = _("The group closed on {day}.").format(day=format_date(on))
            for task in still_open:
                move_task(store, task.id, m.TaskStatus.DROPPED, on, reason)
        return store.save(group.model_copy(update={"status": m.GroupStatus.CLOSED, "end_date": on}))


def closing_tasks_line(count: int, tasks_choice: str | None) -> str:
    """What the closure did with ``count`` open tasks, for the closing message."""
    if tasks_choice == "drop":
        return ngettext(
            "{count} open task was marked dropped.",
            "{count} open tasks were marked dropped.",
            count,
        ).format(count=count)
    return ngettext(
        "{count} task stays open: the members carry it on, and it stays on the coordinator's "
        "task list.",
        "{count} tasks stay open: the members carry them on, and they stay on the coordinator's "
        "task list.",
        count,
    ).format(count=count)


def is_closed(group: m.Group) -> bool:
    """The group has ended: it leaves the active lists and is flagged no more."""
    return group.status == m.GroupStatus.CLOSED
