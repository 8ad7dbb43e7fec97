"""Migrations of the names-a branch (m181-m189)."""

from __future__ import annotations

from sqlite_utils import Database

from groupwork.store.schema_initial import MIGRATIONS
from groupwork.store.shared_titles import relink


@MIGRATIONS()
def m181_titles_by_link(db: Database) -> None:
    # Titles and group names holding a link token were kept for the coordinator with the
    # token in them (the pseudonym inside it): rendered again by id (store/shared_titles.py).
    relink(lambda sql, params: db.conn.execute(sql, params).fetchall())
