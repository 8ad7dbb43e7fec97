"""The coordinator's tasks across groups: a page of them filtered and sorted, and their count.

Each filter is a range of an index in the table's order or a set of ids looked up through its
own index, so a page stops after its rows and a count reads indexes only (issue 13). Split from
``groupwork.store.coordination`` (the group-status queries), which it shares helpers with."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from groupwork.store.coordination import _OPEN, _day, _ids_param
from groupwork.store.rows import TASK_SORTS, CoordinatorTaskRow, TaskFilter

_MAX_IDS = 30_000
"""Most member ids one filter passes (SQLite allows 32,766 parameters per statement)."""

_NAMED = 200
"""Most members called by one pseudonym passed to a query as their ids (more: a subquery)."""

_FEW = 2_000
"""Below this many matching task assignments a page of one person's tasks is read through
the assignees and sorted; from it on, by walking the tasks in the order shown (where the two
cost the same on the agency database: about 9 ms on SQLite, whose planner cannot tell)."""

_MEMBERS_CALLED = "{a} in (select m.id from members m where m.pseudonym = :member collate nocase)"
"""Assigned to a member called ``:member`` (more than ``_NAMED`` of them): SQLite lists them
all first, from the members' table (~1.9 ms for ดาว's 2,000 in the agency file), then finds
their assignments through the assignee index (a count, the few tasks of a rare name)."""
_BY_MEMBER = (
    "exists (select 1 from members m where m.id = {a} and m.pseudonym = :member collate nocase)"
)
"""The same, tested for the one member ``{a}`` names: for a page that walks the tasks in the
order shown and finds each one's few assignees (PostgreSQL plans either form so)."""

_DUE = "coalesce(t.due_on, '9999-12-31')"
"""The task tables' order (``migrations.DUE_LAST``, indexed): no due date sorts last."""

_TASK_SORT_SQL: dict[str, tuple[str, ...]] = {
    "due": (_DUE, "t.title"),
    "group": ("g.name", _DUE, "t.title"),
    "title": ("t.title",),
    "status": ("t.status", _DUE, "t.title"),
    "overdue": (
        f"case when t.status in {_OPEN} and t.due_on < :today then {_DUE} else '9999-12-31' end",
        "t.title",
    ),
}


class CoordinatorTaskQueries:
    """The coordinator's task queries (mixed into ``Store``, beside ``CoordinationQueries``,
    whose ``_rows`` and ``_cursor`` they use)."""

    db: Any

    def _task_where(
        self, f: TaskFilter, today: date, *, for_count: bool = False
    ) -> tuple[str, dict[str, Any]]:
        """The WHERE clause on ``tasks t`` alone (no join), and its parameters.

        Each filter is either a range of an index in the table's order (status, due window,
        days overdue) or a set of ids looked up through its own index (group, facilitator,
        member), so a page stops after its rows and a count reads one index.
        """
        clauses = ["1"]
        params: dict[str, Any] = {"today": today.isoformat()}
        plus = "" if for_count else "+"
        if f.group_id:
            clauses.append("t.group_id = :group_id")
            params["group_id"] = f.group_id
        if f.group_name:
            # The groups first, then their ids as a parameter: a planner cannot tell how many
            # names hold the text (PostgreSQL guessed "many" and walked all 200,000 tasks in
            # due order; with the ids it probes the group index: 388 -> a few ms, issue 13).
            found = self._rows(
                "select id from groups where instr(lower(name), lower(?)) > 0",
                [f.group_name.strip()],
            )
            clauses.append("t.group_id in (select value from json_each(:gids))")
            params["gids"] = _ids_param(r[0] for r in found)
        if f.facilitator:
            clauses.append(
                "t.group_id in (select g2.id from groups g2, json_each(g2.facilitators) x "
                "where instr(lower(x.value), lower(:facilitator)) > 0)"
            )
            params["facilitator"] = f.facilitator.strip()
        who = self._assignee_condition(f, params)
        if who and (for_count or self._few_assignments(who, params)):
            # From the assignees' index (covered, m120): the matching tasks by id. A page
            # of a few members' tasks is read this way and sorted (walking the whole task
            # table in order to find a handful would read all of it: 470 ms on SQLite).
            clauses.append(
                "t.id in (select a.task_id from task_assignees a "
                f"where {who.format(a='a.assignee_id')})"
            )
        elif who:  # many: a page walks the table's order and stops after its rows
            # (+: find the task's few assignees by task, then test them; a member called by
            # the name, by that member's row: not a list of all of them made first)
            who = who.replace(_MEMBERS_CALLED, _BY_MEMBER)
            clauses.append(
                "exists (select 1 from task_assignees a where a.task_id = t.id "
                f"and {who.format(a='+a.assignee_id')})"
            )
        if len(f.statuses) == 1:
            # One status: the (status, due) index gives the page in order.
            clauses.append("t.status = :status")
            params["status"] = f.statuses[0]
        elif f.statuses:
            # Several: walk the due index and test each task's status (the unary + keeps the
            # planner from merging several status ranges, which needs a sort of all of them).
            clauses.append(f"{plus}t.status in (select value from json_each(:statuses))")
            params["statuses"] = json.dumps(list(f.statuses))
        if f.due_from:
            clauses.append(f"{_DUE} >= :due_from")
            params["due_from"] = f.due_from.isoformat()
        if f.due_to:
            clauses.append(f"{_DUE} <= :due_to")
            params["due_to"] = f.due_to.isoformat()
        if f.min_days_overdue is not None:
            # "At least n days late" is "due on or before today - n": a range of the index.
            clauses.append(f"{plus}t.status in {_OPEN} and {_DUE} <= :late_by")
            params["late_by"] = (today - timedelta(days=max(1, f.min_days_overdue))).isoformat()
        return " and ".join(clauses), params

    def _assignee_condition(self, f: TaskFilter, params: dict[str, Any]) -> str:
        """The filter's people as a condition on ``{a}``, an assignee id column of
        ``task_assignees a`` ('' for anyone).

        Members called by a pseudonym (case ignored) are looked up first, and up to
        ``_NAMED`` of them passed as literal ids, which a planner can size; more, as a
        subquery: a common name in a large agency is thousands of members, whose ids the
        client would otherwise send back as parameters (issue 13: 2,000 members called ดาว
        cost 22 ms of client time): ``_MEMBERS_CALLED``, the list of all of them, which a
        page that finds each task's few assignees turns into ``_BY_MEMBER``.
        """
        people = list(f.member_ids)
        name = f.member.strip() if f.member else ""
        if name.lower() == "facilitator":
            people.append("facilitator")
            name = ""
        elif name:
            found = self._rows(
                "select id from members where pseudonym = ? collate nocase limit ?",
                [name, _NAMED + 1],
            )
            if len(found) <= _NAMED:
                people += [r[0] for r in found] or [""]  # nobody: no assignee id is ''
                name = ""
        parts = []
        if people:
            names = [f"p{i}" for i in range(min(len(people), _MAX_IDS))]
            params.update(zip(names, people, strict=False))
            parts.append(f"{{a}} in ({', '.join(f':{n}' for n in names)})")
        if name:
            params["member"] = name
            parts.append(_MEMBERS_CALLED)
        return f"({' or '.join(parts)})" if len(parts) > 1 else "".join(parts)

    def _few_assignments(self, who: str, params: dict[str, Any]) -> bool:
        """Whether fewer than ``_FEW`` task assignments match ``who``: an index range read
        that stops at ``_FEW``, so it costs well under a millisecond either way.

        Members called by a name and no one else: read from the members by that name, then
        their assignments, stopping at ``_FEW`` (SQLite first listed all the members: 2 ms
        for ดาว's 2,000 against 0.14)."""
        if who == _MEMBERS_CALLED:
            rows = (
                "select 1 from members m join task_assignees a on a.assignee_id = m.id "
                "where m.pseudonym = :member collate nocase"
            )
        else:
            rows = f"select 1 from task_assignees a where {who.format(a='a.assignee_id')}"
        found = self._rows(f"select count(*) from ({rows} limit {_FEW}) x", params)[0][0]
        return found < _FEW

    def coordinator_tasks(
        self,
        task_filter: TaskFilter,
        today: date,
        *,
        sort: str = "due",
        descending: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[CoordinatorTaskRow]:
        """Tasks across groups matching ``task_filter``, one page of them, in one query."""
        sql, params = self._tasks_query(task_filter, today, sort, descending, limit, offset)
        return self._task_rows(self._rows(sql, params))

    def iter_coordinator_tasks(
        self, task_filter: TaskFilter, today: date, *, batch: int = 1000
    ) -> Iterator[CoordinatorTaskRow]:
        """Every task matching ``task_filter``, by due date, from one query read ``batch`` rows
        at a time: a command prints them as they come, in the memory of one batch."""
        cursor = self._cursor(*self._tasks_query(task_filter, today, "due", False, None, 0))
        while rows := cursor.fetchmany(batch):
            yield from self._task_rows(rows)

    def _tasks_query(self, task_filter, today, sort, descending, limit, offset):
        if sort not in TASK_SORTS:
            raise ValueError(f"unknown sort {sort!r}")
        where, params = self._task_where(task_filter, today)
        if sort == "overdue" and task_filter.min_days_overdue is not None:
            sort = "due"  # only overdue tasks: most overdue first is earliest due first
        parts = (*_TASK_SORT_SQL[sort], "t.id")
        order = ", ".join(f"{part} desc" if descending else part for part in parts)
        # The tasks drive the loop (CROSS JOIN), so a page is read in index order and stops;
        # sorted by group, the groups' name index drives instead.
        tables = (
            "groups g join tasks t on t.group_id = g.id"
            if sort == "group"
            else "tasks t cross join groups g on g.id = t.group_id"
        )
        params.update(limit=-1 if limit is None else limit, offset=offset)
        sql = f"""select t.id, t.group_id, g.name, t.title, t.due_on, t.status,
                case when t.status in {_OPEN} and t.due_on < :today
                  then cast(julianday(:today) - julianday(t.due_on) as integer) else 0
                end as days_overdue
            from {tables}
            where {where} order by {order} limit :limit offset :offset"""
        return sql, params

    def _task_rows(self, rows: list[tuple]) -> list[CoordinatorTaskRow]:
        assignees = self._assignee_pseudonyms([r[0] for r in rows])
        return [
            CoordinatorTaskRow(
                id=r[0],
                group_id=r[1],
                group_name=r[2],
                title=r[3],
                due_on=_day(r[4]),
                status=r[5],
                days_overdue=r[6],
                assignees=tuple(assignees.get(r[0], ())),
            )
            for r in rows
        ]

    def _assignee_pseudonyms(self, task_ids: list[str]) -> dict[str, list[str]]:
        """Each task's assignees by pseudonym (``facilitator`` as is), in the order assigned:
        one statement for the whole page, by the assignees' primary key."""
        if not task_ids:
            return {}
        rows = self._rows(
            """select a.task_id, coalesce(m.pseudonym, a.assignee_id) from task_assignees a
            left join members m on m.id = a.assignee_id
            where a.task_id in (select value from json_each(:ids))
            order by a.task_id, a.position""",
            {"ids": _ids_param(task_ids)},
        )
        found: dict[str, list[str]] = defaultdict(list)
        for task_id, who in rows:
            found[task_id].append(who)
        return found

    def count_coordinator_tasks(self, task_filter: TaskFilter, today: date) -> tuple[int, int]:
        """How many tasks match ``task_filter``, and how many of those are overdue."""
        where, params = self._task_where(task_filter, today, for_count=True)
        total, overdue = self._rows(
            # Overdue in terms of the indexed expression, so counting reads indexes only.
            f"""select count(*), coalesce(sum(t.status in {_OPEN} and {_DUE} < :today), 0)
            from tasks t where {where}""",
            params,
        )[0]
        return total, overdue
