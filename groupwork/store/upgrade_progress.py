"""Telling a person that the database is being updated, step by step, while it is.

Opening a database applies the migrations it has not had yet. On a large file a migration
that reads every row takes seconds, so whoever opens it (the CLI, the TUI) may listen: inside
``upgrade_listener(callback)`` each pending migration is applied on its own, and ``callback(n,
m)`` is called before the n-th of m. A new file is created, not updated, so it says nothing.
``store.migrations.upgrade_pending`` tells, without opening the file for writing, whether
opening it will update it (the TUI then opens it in a worker and shows the steps).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

Listener = Callable[[int, int], None]
"""Called with (this step, all steps), 1-based, before each step."""

_listeners: list[Listener] = []


@contextmanager
def upgrade_listener(listener: Listener) -> Iterator[None]:
    """Call ``listener(n, m)`` before each migration applied while this block runs."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


def apply_in_steps(db: Database, migrations: Migrations) -> None:
    """Apply the pending ``migrations``; one at a time, telling the listeners, when a file
    that already had some is being updated and someone listens."""
    listeners = list(_listeners)
    pending = [migration.name for migration in migrations.pending(db)]
    if not listeners or not pending or not migrations.applied(db):
        migrations.apply(db)
        return
    for index, _name in enumerate(pending):
        for listener in listeners:
            listener(index + 1, len(pending))
        migrations.apply(db, stop_before=pending[index + 1 :])


def upgrade_message(step: int, steps: int) -> str:
    """What a person is told while step ``step`` of ``steps`` runs, in their language."""
    from groupwork.i18n import _

    return _("Updating the database ({step} of {steps})…").format(step=step, steps=steps)
