"""The home screen's list of groups, a screenful first (mixed into ``Store``; both engines).

Home shows every group: those still running first, then the closed ones, each part by name.
At agency scale the figures of 2,000 groups take ~20 ms to read, so home reads the rows the
terminal shows first (``home_groups(limit=...)``), with what it needs to size its columns
for the whole list (``home_list_shape``: names and stages only, ~1 ms), and the rest after
its first paint.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date

from groupwork.store.rows import GroupListRow, HomeListShape

CLOSED_LAST = "case when coalesce(status, '') = 'closed' then 1 else 0 end"
"""1 for a closed group (listed after the running ones), else 0; a group without a status
runs. Indexed with the name and id (``migrations_screens.m191_home_order``, PostgreSQL's
p091): home's first rows are then the first entries of an index, not a sort of every group."""

HOME_CHANGES_ALL = "*"
"""Among the groups ``home_changes_since`` lists: the list itself changed (a group deleted, a
table emptied, too many to list), so no group's row is enough and home reads everything.
PostgreSQL's triggers write the same mark (p093)."""


class HomeListQueries:
    """Read-only queries for the home screen (mixed into ``Store``; SQL in SQLite's dialect,
    which the PostgreSQL store translates)."""

    _rows: Callable[..., list[tuple]]  # the store's own (SQLite's, or PgStore's translating)

    def home_groups(
        self, today: date, *, limit: int | None = None, ids: Collection[str] | None = None
    ) -> list[GroupListRow]:
        """Groups as home lists them: running ones first, then closed ones, each by name
        (then id), with the next planned session and the open tasks overdue on ``today``.

        A closed group's tasks kept open at its closing are not counted (0): they are the
        members' to carry on, not the group's overdue work. ``limit``: only the first rows;
        the figures are worked out for those rows only. ``ids``: only these groups' rows
        (those a write changed since home's last read; ids of no group are left out).
        """
        params: dict[str, object] = {
            "today": today.isoformat(),
            "limit": -1 if limit is None else limit,
        }
        chosen = ""
        if ids is not None:
            params |= {f"id{n}": group_id for n, group_id in enumerate(ids)}
            listed = ", ".join(f":id{n}" for n in range(len(ids)))
            chosen = f"where g.id in ({listed})" if ids else "where 0 = 1"
        # In the index's order, so a screenful reads that many groups and works out their
        # figures only (a sort of every group took 0.7 ms of home's first paint at 2,000).
        rows = self._rows(
            f"""select g.id, g.name, g.current_stage, g.status,
                (select min(s.held_on) from sessions s where s.group_id = g.id
                  and s.status = 'planned' and s.held_on >= :today),
                case when {CLOSED_LAST} = 1 then 0 else
                  (select count(*) from tasks t where t.group_id = g.id
                    and t.status in ('open', 'in_progress') and t.due_on < :today) end
            from groups g {chosen} order by {CLOSED_LAST}, g.name, g.id limit :limit""",
            params,
        )
        return [
            GroupListRow(
                r[0],
                r[1],
                r[2] or 1,
                r[3] or "planning",
                date.fromisoformat(r[4]) if r[4] else None,
                r[5],
            )
            for r in rows
        ]

    def home_list_shape(self) -> HomeListShape:
        """Every group's name, the stages they are at, and how many groups there are:
        what home needs to size its columns for the whole list before reading its figures."""
        rows = self._rows("select g.name, g.current_stage, g.status from groups g")
        return HomeListShape(
            names=tuple(r[0] for r in rows),
            stages=frozenset(r[1] or 1 for r in rows),
            count=len(rows),
        )
