"""Migrations of the agency-roles work (issue 18): the coordinator reads no typed names."""

from __future__ import annotations

from sqlite_utils import Database

from groupwork.store.schema_initial import MIGRATIONS
from groupwork.store.shared_titles import SHARED_TITLES, backfill


@MIGRATIONS()
def m111_title_shared(db: Database) -> None:
    # Tasks' and goals' titles and groups' names as the coordinator may read them (names
    # replaced): written by the store on every save (store/shared_titles.py), filled here for
    # the rows already kept.
    for table, text, _group in SHARED_TITLES.values():
        db[table].add_column(f"{text}_shared", str)
    backfill(lambda sql, params: db.conn.execute(sql, params).fetchall())
