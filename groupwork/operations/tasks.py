"""Tasks (stage 8): a status change carries its date; a due date in the past needs a yes.

``done_on`` is what the review shows as "done on" and what the task-completion figures count,
so every door sets it the same way: moving a task to done dates it, reopening clears it.
"""

from __future__ import annotations

from datetime import date

from groupwork import models as m
from groupwork.errors import InvalidInputError
from groupwork.i18n import _
from groupwork.store.repository import Repository

NEXT_STATUS = {
    m.TaskStatus.OPEN: m.TaskStatus.IN_PROGRESS,
    m.TaskStatus.IN_PROGRESS: m.TaskStatus.DONE,
    m.TaskStatus.DONE: m.TaskStatus.OPEN,
    m.TaskStatus.DROPPED: m.TaskStatus.OPEN,
}
"""What the status key moves a task to: the usual path, and back to open to undo."""


class PastDueDateError(InvalidInputError):
    """A new task's due date is in the past: allowed only when the person confirms it."""


def with_status(task: m.Task, status: m.TaskStatus, on: date) -> m.Task:
    """``task`` with ``status``; done gets a done date (``on`` unless it has one), others none."""
    status = m.TaskStatus(status)
    if status == m.TaskStatus.DONE:
        done_on = task.done_on if task.status == m.TaskStatus.DONE and task.done_on else on
    else:
        done_on = None
    return task.model_copy(update={"status": status, "done_on": done_on, "updated_at": m.utc_now()})


def move_task(
    store: Repository, task_id: str, status: m.TaskStatus | None, on: date, reason: str = ""
) -> m.Task:
    """Move a task to ``status`` (None: the next one on the usual path) on the day ``on``.

    Dropping a task needs ``reason`` (why the group dropped it: the review says so); without
    one, ``InvalidInputError`` and nothing is changed.
    """
    task = store.get(m.Task, task_id)
    target = NEXT_STATUS[task.status] if status is None else status
    moved = with_status(task, target, on)
    if moved.status == m.TaskStatus.DROPPED and reason.strip():
        moved = moved.model_copy(update={"drop_reason": reason.strip()})
    if moved.drop_reason_missing(task):
        raise InvalidInputError([_(m.DROP_REASON_NEEDED)])
    return store.save(moved)


def save_task(store: Repository, old: m.Task | None, new: m.Task, on: date) -> m.Task:
    """Store a task added or edited in a form: its done date follows its status."""
    if new.status == m.TaskStatus.DONE:
        done_on = new.done_on or (old.done_on if old else None) or on
        new = new.model_copy(update={"done_on": done_on})
    elif new.done_on is not None:
        new = new.model_copy(update={"done_on": None})
    if old is not None:
        new = new.model_copy(update={"updated_at": m.utc_now()})
    return store.save(new)


def check_due_date(due_on: date | None, today: date, confirmed: bool) -> None:
    """Refuse a due date before today unless the person said it is meant (a paper record)."""
    if due_on is not None and due_on < today and not confirmed:
        raise PastDueDateError([_("The due date is in the past.")])
