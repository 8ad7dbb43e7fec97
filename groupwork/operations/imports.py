"""Importing a group: every record passes the rules the other doors apply, then one transaction.

The export file is read and checked for form (fields, ids, references) by ``groupwork.exchange``;
this module applies the domain's own rules to what it holds, the same functions the TUI's and
the CLI's operations call: a member's decision has its reason (``check_member``), a rule's dates
agree (``check_rule``), a task's done date follows its status (as ``move_task`` sets it), and a
cancelled session holds no turns. A problem names the record; nothing is written then.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from groupwork import models as m
from groupwork.errors import GroupworkError, InvalidInputError
from groupwork.i18n import _
from groupwork.operations.members import check_member
from groupwork.operations.rules import check_rule
from groupwork.store.repository import Repository


def check_task(task: m.Task) -> None:
    """Refuse a task whose done date does not follow its status (done has one, others none)."""
    if task.status == m.TaskStatus.DONE and task.done_on is None:
        raise InvalidInputError([_("A task marked done needs the day it was done.")])
    if task.status != m.TaskStatus.DONE and task.done_on is not None:
        raise InvalidInputError([_("Only a task marked done has a day it was done.")])


CHECKS: dict[type[m.Record], Callable[[m.Record], None]] = {
    m.Member: check_member,
    m.GroundRule: check_rule,
    m.Task: check_task,
}
"""The domain check each kind of record passes on every door (form, CLI, import)."""

SESSION_RECORDS = (m.ParticipationEvent, m.GroupMark, m.Rating, m.Attendance)
"""Records that say a session took place: a cancelled session holds none of them."""


def _label(table: str, record: m.Record) -> str:
    return f"{table} {record.id[:12]}"


def record_problems(tables: Iterable[tuple[str, list[m.Record]]]) -> list[str]:
    """What breaks a domain rule among ``tables`` ((table name, records) pairs), record by record.

    Each line names the table and the record's id, then says the rule in the person's language.
    """
    tables = list(tables)
    problems: list[str] = []
    cancelled: dict[str, m.Session] = {}
    for table, records in tables:
        for record in records:
            if isinstance(record, m.Session) and record.status == m.SessionStatus.CANCELLED:
                cancelled[record.id] = record
            problems += rule_problems(table, record)
    for table, records in tables:
        for record in records:
            session = cancelled.get(getattr(record, "session_id", ""))
            if isinstance(record, SESSION_RECORDS) and session is not None:
                problems.append(cancelled_session_problem(table, record, session.number))
    return problems


def rule_problems(table: str, record: m.Record) -> list[str]:
    """What ``record`` (of ``table``) breaks of its own kind's rule (``CHECKS``), as lines."""
    check = CHECKS.get(type(record))
    if check is None:
        return []
    try:
        check(record)
    except InvalidInputError as exc:
        return [f"{_label(table, record)}: {line}" for line in exc.lines]
    return []


def cancelled_session_problem(table: str, record: m.Record, number: int) -> str:
    """The line for ``record`` saying that session ``number``, cancelled, took place."""
    refusal = _("Session {number} was cancelled; it cannot be recorded.")
    return f"{_label(table, record)}: {refusal.format(number=number)}"


def write_group(store: Repository, group: m.Group, records: Iterable[m.Record]) -> m.Group:
    """Write ``group`` and its ``records`` (in an order the foreign keys accept) in one transaction.

    A rule only the database knows (one progress row per stage, one attendance mark per member
    and session) rolls the whole transaction back and becomes ``InvalidInputError``.
    """
    try:
        with store.transaction():
            store.add(group)
            for record in records:
                store.add(record)
    except InvalidInputError:
        raise
    except GroupworkError as exc:
        raise InvalidInputError([str(exc), _("Nothing was imported.")]) from exc
    return group
