"""Each task's and goal's title in its shareable form, kept beside the title as it was typed.

The coordinator's views (``store/postgres/agency.py``) show ``title_shared`` instead of the
title: names replaced as the review replaces them (``groupwork.shared_title``). The store
writes it whenever a task or goal is saved, and again for the whole group when a member or a
"replace this name" decision changes (a name typed before its person joined is then caught
too). Migrations fill it for rows written before it existed (``backfill``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from groupwork import models as m
from groupwork.shared_title import shareable_title

SHARED_TITLES = {m.Task: "tasks", m.Goal: "goals"}
"""The records whose title reaches the coordinator, and their tables."""

Fetch = Callable[[str, Sequence[Any]], list[tuple]]
"""Runs one statement (SQLite's ``?`` placeholders) and returns its rows as tuples."""


def _share(fetch: Fetch, table: str, group_id: str, record_id: str | None = None) -> None:
    where, params = "group_id = ?", [group_id]
    if record_id is not None:
        where, params = "id = ?", [record_id]
    titles = fetch(f"select id, title from {table} where {where}", params)
    if not titles:
        return
    people = fetch("select real_name, pseudonym from members where group_id = ?", [group_id])
    others = [
        row[0]
        for row in fetch(
            "select name from other_name_decisions where group_id = ? and replace = 1",
            [group_id],
        )
    ]
    for record, title in titles:
        fetch(
            f"update {table} set title_shared = ? where id = ? returning id",
            [shareable_title(title or "", people, others), record],
        )


def backfill(fetch: Fetch) -> None:
    """Fill ``title_shared`` where it is missing (rows written before the column existed)."""
    for table in SHARED_TITLES.values():
        groups = fetch(f"select distinct group_id from {table} where title_shared is null", [])
        for (group_id,) in groups:
            _share(fetch, table, group_id)


class SharedTitles:
    """Mixed into the stores: ``share_titles`` after every write (see the module docstring)."""

    _rows: Fetch

    def share_titles(self, record: m.Record) -> None:
        """Write the shareable title of ``record`` (a task or goal), or of every task and goal
        of its group when it is a member or a name decision."""
        table = SHARED_TITLES.get(type(record))
        if table is not None:
            _share(self._rows, table, record.group_id, record.id)
        elif isinstance(record, m.Member | m.OtherNameDecision):
            for table in SHARED_TITLES.values():
                _share(self._rows, table, record.group_id)
