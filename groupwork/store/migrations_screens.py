"""Indexes for the first rows a screen shows at agency scale (issue 22): home's order, the
coordinator's attendance counts; the table that tells home which groups changed. Imported at
the end of ``store/migrations.py``; PostgreSQL's are in
``postgres/migrations/p091_screen_indexes.sql`` and ``p093_home_changes.sql``."""

from __future__ import annotations

from sqlite_utils import Database

from groupwork.store.home_changes import HOME_CHANGES_TABLE, HOME_CHANGES_TRIGGERS
from groupwork.store.home_list import CLOSED_LAST
from groupwork.store.schema_initial import MIGRATIONS


@MIGRATIONS()
def m191_home_order(db: Database) -> None:
    # Home lists running groups, then closed ones, each by name: its first screenful is then
    # the first entries of this index (the expression is the query's, letter for letter, as
    # SQLite matches an indexed expression by its text).
    db.execute(
        f"CREATE INDEX IF NOT EXISTS idx_groups_home_order ON groups ({CLOSED_LAST}, name, id)"
    )


@MIGRATIONS()
def m192_attendance_by_status(db: Database) -> None:
    # The coordinator's page counts, for each group's last four held sessions, the marks and
    # those who came: both counts are then a range of this index, not a row read per mark.
    db["attendance"].create_index(["session_id", "status"], if_not_exists=True)


@MIGRATIONS()
def m193_home_changes(db: Database) -> None:
    # Which groups' home rows a write touched, numbered (``store/home_changes.py``): back from
    # another screen, home reads the rows of those groups only. Empty at first: a home that
    # opens reads everything, and only changes after that are asked for.
    db.execute(HOME_CHANGES_TABLE)
    for name, body in HOME_CHANGES_TRIGGERS.items():
        db.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
