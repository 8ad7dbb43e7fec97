"""What home needs to know about writes since its last read, on SQLite (mixed into ``Store``).

``change_mark`` says whether anything at all was committed; ``home_changes_since`` says which
groups' home rows may read differently. The second comes from ``home_changes``, a table that
triggers keep (``migrations_screens.m193_home_changes``): a row per group, numbered afresh each
time a write touches what home shows of it (the group's name, stage or status, a session's
day or status, a task's due day or status). Because triggers keep it, every writer is counted:
this connection, the recorder's own, another window, a command, an import.

Why: back from the recorder or a group's screen after a write, home read the figures of its
first 40 groups again (0.9 ms at agency scale, 5x one group's), and every group's on a worker
(20 ms). The rows of the one group written are all it needs.

PostgreSQL keeps no such table: a table every login writes would need its own row-level
security, and writers of one group would queue behind each other for its row. There each
connection lists the groups its own writes changed in a session setting (p093,
``store/postgres/change_notices.py``).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from groupwork.store.home_list import HOME_CHANGES_ALL

HOME_CHANGES_TABLE = """CREATE TABLE IF NOT EXISTS home_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id TEXT UNIQUE
)"""
"""A row per group written since the table was made, its ``id`` the latest change's number.
AUTOINCREMENT: a replaced row gets a number never used before (without it, the group written
last would get its own number back, and a home that had seen it would miss the change)."""


def _noted(group: str) -> str:
    """Statements that number the change of group ``group`` (an expression) afresh."""
    # A delete, then an insert: not INSERT OR REPLACE, since a trigger's own conflict clause
    # gives way to the one of the statement that fired it (sqlite-utils' upsert inserts OR
    # IGNORE: the group's old number would have stayed, and the change gone unseen).
    return (
        f"DELETE FROM home_changes WHERE group_id = {group}; "
        f"INSERT INTO home_changes (group_id) SELECT {group} WHERE {group} IS NOT NULL;"
    )


def _changed(columns: tuple[str, ...]) -> str:
    """A trigger's ``WHEN``: one of ``columns`` holds another value. sqlite-utils' upsert sets
    every column, so ``UPDATE OF`` alone would number a change for a session's notes."""
    return " OR ".join(f"old.{c} IS NOT new.{c}" for c in columns)


_GROUP_COLUMNS = ("name", "current_stage", "status")
HOME_CHANGES_TRIGGERS = {
    # A new group: home's list itself changed (the group is in no row home shows).
    "home_changes_groups_insert": f"AFTER INSERT ON groups BEGIN {_noted('new.id')} END",
    "home_changes_groups_update": (
        f"AFTER UPDATE OF {', '.join(_GROUP_COLUMNS)} ON groups "
        f"WHEN {_changed(_GROUP_COLUMNS)} BEGIN {_noted('new.id')} END"
    ),
    # A group gone: its number is not kept (nothing of an erased group stays behind); the
    # mark for "the list changed" says home must read it all.
    "home_changes_groups_delete": (
        "AFTER DELETE ON groups BEGIN DELETE FROM home_changes WHERE group_id = old.id; "
        f"{_noted(repr(HOME_CHANGES_ALL))} END"
    ),
}
for _table, _columns in (("sessions", ("held_on", "status")), ("tasks", ("due_on", "status"))):
    _watched = ("group_id", *_columns)
    HOME_CHANGES_TRIGGERS |= {
        f"home_changes_{_table}_insert": (
            f"AFTER INSERT ON {_table} BEGIN {_noted('new.group_id')} END"
        ),
        # A row moved to another group changes both groups' figures.
        f"home_changes_{_table}_update": (
            f"AFTER UPDATE OF {', '.join(_watched)} ON {_table} WHEN {_changed(_watched)} "
            f"BEGIN {_noted('old.group_id')} {_noted('new.group_id')} END"
        ),
        f"home_changes_{_table}_delete": (
            f"AFTER DELETE ON {_table} BEGIN {_noted('old.group_id')} END"
        ),
    }


class HomeChanges:
    """``change_mark`` and ``home_changes_since`` for the SQLite ``Store``."""

    db: Any

    def change_mark(self) -> tuple[int, int] | None:
        """A value that differs once anything was committed to the database since it was
        taken, by this connection (its count of changed rows) or any other (SQLite's
        ``data_version``): a screen whose mark is unchanged has nothing new to read."""
        conn = self.db.conn
        return conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes

    def home_changes_since(self, seen: int | None) -> tuple[int, frozenset[str]] | None:
        """The latest change's number and the ids of the groups changed after change ``seen``
        (None: none seen yet, only the number). ``HOME_CHANGES_ALL`` among the ids: the list
        itself changed. None when this database cannot tell (read everything again)."""
        # The sequence too: a number below ``seen`` means this is not the history ``seen``
        # came from (a database put in this one's place): everything is read again.
        # With ``seen`` None the second part reads no row, but still finds the table missing.
        sql = (
            "select seq, null from sqlite_sequence where name = 'home_changes' union all "
            "select id, group_id from home_changes where :seen is not null and id > :seen"
        )
        try:
            rows = self.db.conn.execute(sql, {"seen": seen}).fetchall()
        except sqlite3.OperationalError:  # no table (a file not upgraded): cannot tell
            return None
        latest = max((number for number, group in rows if group is None), default=0)
        if seen is None:
            return latest, frozenset()
        if latest < seen:
            return None
        return latest, frozenset(group for _number, group in rows if group is not None)
