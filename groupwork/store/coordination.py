"""The coordinator's questions across groups, each answered in one or two SQL statements.

Cost grows with what a view shows, not with the database: every per-group figure is a range of
one index (``m120_coord_indexes``), aggregates are computed by SQLite, only the rows shown are
built (as the small rows of ``groupwork.store.rows``), and nothing goes through sqlite-utils'
table helpers (which read the schema before every query). Pseudonyms only, never real names."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from groupwork.store.rows import (
    TASK_SORTS,
    AbsentMemberRow,
    CoordinatorTaskRow,
    DigestGroupRow,
    GroupListRow,
    GroupStatusRow,
    MemberTurnsRow,
    SessionAttendance,
    StageChangeRow,
    TaskFilter,
)

_OPEN = "('open', 'in_progress')"
_CAME = "('present', 'late')"
_CURRENT_MEMBER = "m.decision = 'selected' and m.left_on is null and coalesce(m.erased, 0) = 0"
_OPEN_ONLY = {True: "", False: " where g.status <> 'closed'"}  # closed=False: ended, left out

_RECENT_HELD = """recent as (
    select s.id, s.group_id, s.held_on, row_number() over (
        partition by s.group_id order by s.held_on desc, s.number desc) as n
    from sessions s
    where s.status = 'held' and s.group_id in (select value from json_each(:ids)))"""
"""The held sessions of the groups in ``:ids``, newest first per group (``n`` = 1, 2, ...)."""

_OVERDUE_COUNT = f"""(select count(*) from tasks t where t.group_id = g.id
    and t.status in {_OPEN} and t.due_on < :today)"""
_NEXT_SESSION = """(select min(s.held_on) from sessions s where s.group_id = g.id
    and s.status = 'planned' and s.held_on >= :today)"""

_MAX_IDS = 30_000
"""Most member ids one filter passes (SQLite allows 32,766 parameters per statement)."""

_NAMED = 200
"""Most members called by one pseudonym passed to a query as their ids (more: a subquery)."""

_FEW = 2_000
"""Below this many matching task assignments a page of one person's tasks is read through
the assignees and sorted; from it on, by walking the tasks in the order shown (where the two
cost the same on the agency database: about 9 ms on SQLite, whose planner cannot tell)."""

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


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _ids_param(ids: Iterable[str]) -> str:
    """Ids as one JSON array parameter (read with json_each: no limit on how many)."""
    return json.dumps(list(ids))


class CoordinationQueries:
    """Read-only queries for the coordinator's views (mixed into ``Store``)."""

    db: Any

    def _rows(self, sql: str, params: dict[str, Any] | Sequence[Any] = ()) -> list[tuple]:
        return self._cursor(sql, params).fetchall()

    def _cursor(self, sql: str, params: dict[str, Any] | Sequence[Any] = ()) -> Any:
        return self.db.conn.execute(sql, params)

    # --- groups -------------------------------------------------------------------------

    def group_list(self, today: date) -> list[GroupListRow]:
        """Every group by name with its stage, next session and overdue count (one query)."""
        rows = self._rows(
            f"""select g.id, g.name, g.current_stage, g.status, {_NEXT_SESSION},
                {_OVERDUE_COUNT} from groups g order by g.name, g.id""",
            {"today": today.isoformat()},
        )
        return [
            GroupListRow(r[0], r[1], r[2] or 1, r[3] or "planning", _day(r[4]), r[5]) for r in rows
        ]

    def group_count(self, *, closed: bool = True) -> int:
        """How many groups the database holds (``closed=False``: not the closed ones)."""
        return self._rows("select count(*) from groups g" + _OPEN_ONLY[closed])[0][0]

    def group_status(
        self,
        today: date,
        *,
        limit: int | None = None,
        offset: int = 0,
        recent_sessions: int = 4,
        closed: bool = True,
    ) -> list[GroupStatusRow]:
        """Groups by name with where each stands (``closed=False``: not the closed ones);
        ``limit``/``offset`` page through them. Two statements whatever the page size: the
        figures (each a range of one index per group), then the attendance of the page's last
        ``recent_sessions`` held sessions."""
        rows = self._rows(
            f"""select g.id, g.name, g.facilitators, g.current_stage, g.status,
                (select p.started_on from stage_progress p
                  where p.group_id = g.id and p.stage = g.current_stage),
                g.start_date, g.planned_sessions,
                (select count(*) from sessions s where s.group_id = g.id and s.status = 'held'),
                (select count(*) from sessions s where s.group_id = g.id
                  and s.status = 'planned'),
                (select max(s.held_on) from sessions s where s.group_id = g.id
                  and s.status = 'held'),
                {_NEXT_SESSION},
                {_OVERDUE_COUNT},
                (select min(t.due_on) from tasks t where t.group_id = g.id
                  and t.status in {_OPEN} and t.due_on < :today)
            from groups g{_OPEN_ONLY[closed]} order by g.name, g.id limit :limit offset :offset""",
            {"today": today.isoformat(), "limit": -1 if limit is None else limit, "offset": offset},
        )
        recent = self._recent_attendance([r[0] for r in rows], recent_sessions)
        return [
            GroupStatusRow(
                id=r[0],
                name=r[1],
                facilitators=tuple(json.loads(r[2] or "[]")),
                current_stage=r[3] or 1,
                status=r[4] or "planning",
                stage_since=_day(r[5]),
                start_date=_day(r[6]),
                planned_sessions=r[7],
                sessions_held=r[8],
                sessions_scheduled=r[9],
                last_session=_day(r[10]),
                next_session=_day(r[11]),
                overdue=r[12],
                oldest_overdue=_day(r[13]),
                recent=tuple(recent.get(r[0], ())),
            )
            for r in rows
        ]

    def _recent_attendance(
        self, group_ids: list[str], sessions: int
    ) -> dict[str, list[SessionAttendance]]:
        """Each group's last ``sessions`` held sessions with their marks, oldest first."""
        if not group_ids:
            return {}
        rows = self._rows(
            f"""with {_RECENT_HELD}
            select r.group_id, r.held_on,
                (select count(*) from attendance a where a.session_id = r.id),
                (select count(*) from attendance a where a.session_id = r.id
                  and a.status in {_CAME})
            from recent r where r.n <= :n order by r.group_id, r.n desc""",
            {"ids": _ids_param(group_ids), "n": sessions},
        )
        found: dict[str, list[SessionAttendance]] = defaultdict(list)
        for group_id, held_on, marked, came in rows:
            found[group_id].append(SessionAttendance(date.fromisoformat(held_on), marked, came))
        return found

    # --- tasks across groups ------------------------------------------------------------

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
        if who and (for_count or self._few_assignments(who.format(a="a.assignee_id"), params)):
            # From the assignees' index (covered, m120): the matching tasks by id. A page
            # of a few members' tasks is read this way and sorted (walking the whole task
            # table in order to find a handful would read all of it: 470 ms on SQLite).
            clauses.append(
                "t.id in (select a.task_id from task_assignees a "
                f"where {who.format(a='a.assignee_id')})"
            )
        elif who:  # many: a page walks the table's order and stops after its rows
            # (+: find the task's few assignees by task, then test them)
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
        cost 22 ms of client time).
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
            parts.append(
                "{a} in (select m.id from members m where m.pseudonym = :member collate nocase)"
            )
        return f"({' or '.join(parts)})" if len(parts) > 1 else "".join(parts)

    def _few_assignments(self, who: str, params: dict[str, Any]) -> bool:
        """Whether fewer than ``_FEW`` task assignments match ``who``: an index range read
        that stops at ``_FEW``, so it costs well under a millisecond either way."""
        found = self._rows(
            f"select count(*) from (select 1 from task_assignees a where {who} limit {_FEW}) x",
            params,
        )[0][0]
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

    # --- members who stopped coming or speaking -----------------------------------------

    def absent_members(self, group_ids: Iterable[str]) -> list[AbsentMemberRow]:
        """Current members who came to neither of their group's last two held sessions (both
        marked: no mark is not guessed absent), with the newest held session they came to."""
        # That session: newest first, to the first they came to (a maximum over all: 3x slower).
        rows = self._rows(
            f"""with {_RECENT_HELD},
            missed as (
                select a.member_id, count(*) as c from recent r
                join attendance a on a.session_id = r.id
                where r.n <= 2 and a.status not in {_CAME} group by a.member_id)
            select m.group_id, g.name, m.id, m.pseudonym,
                (select s.held_on from sessions s where s.group_id = m.group_id
                  and s.status = 'held' and s.held_on is not null and exists (select 1
                  from attendance a where a.session_id = s.id and a.member_id = m.id
                  and a.status in {_CAME}) order by s.held_on desc limit 1)
            from missed x join members m on m.id = x.member_id join groups g on g.id = m.group_id
            where x.c = 2 and {_CURRENT_MEMBER}
            order by g.name, m.pseudonym""",
            {"ids": _ids_param(group_ids)},
        )
        return [AbsentMemberRow(r[0], r[1], r[2], r[3], _day(r[4])) for r in rows]

    def names_in_groups(self, group_ids: Iterable[str]) -> dict[str, list[str]]:
        """Per group: the real names its shared text must not show (members, the people
        around it, the non-members' names the worker chose to replace), in one query for a
        whole page of groups (``privacy.shareable`` looks for their letters first)."""
        rows = self._rows(
            """select group_id, real_name from members
                where group_id in (select value from json_each(:ids))
            union all select group_id, real_name from people_around
                where group_id in (select value from json_each(:ids))
            union all select group_id, name from other_name_decisions
                where replace = 1 and group_id in (select value from json_each(:ids))""",
            {"ids": _ids_param(group_ids)},
        )
        found: dict[str, list[str]] = {}
        for group_id, name in rows:
            found.setdefault(group_id, []).append(name)
        return found

    def recent_member_turns(
        self, group_ids: Iterable[str], sessions: int = 3
    ) -> list[MemberTurnsRow]:
        """Every current member's turns over the group's last ``sessions`` held sessions
        (groups with no held session yet are left out: there is nothing to compare)."""
        rows = self._rows(
            f"""with {_RECENT_HELD},
            turns as (
                select e.actor_id, count(*) as c from recent r
                join participation_events e on e.session_id = r.id
                where r.n <= :n group by e.actor_id)
            select m.group_id, g.name, m.id, m.pseudonym, coalesce(t.c, 0)
            from members m join groups g on g.id = m.group_id
            left join turns t on t.actor_id = m.id
            where m.group_id in (select group_id from recent) and {_CURRENT_MEMBER}
            order by g.name, m.pseudonym""",
            {"ids": _ids_param(group_ids), "n": sessions},
        )
        return [MemberTurnsRow(*r) for r in rows]

    # --- the digest ---------------------------------------------------------------------

    def digest(self, since: date, today: date, *, before_sessions: int = 3) -> list[DigestGroupRow]:
        """Per group, what happened from ``since`` to ``today`` (one query, plus one for the
        stage changes); attendance before is over the last ``before_sessions`` held ones."""
        params = {"since": since.isoformat(), "today": today.isoformat(), "k": before_sessions}
        # Each part is grouped once over its own index and joined by group: correlated
        # subqueries into a window CTE would compute the window again for every group.
        rows = self._rows(
            f"""with held as (
                select s.id, s.group_id, s.held_on >= :since as recent, row_number() over (
                    partition by s.group_id, s.held_on >= :since
                    order by s.held_on desc, s.number desc) as n
                from sessions s where s.status = 'held' and s.held_on <= :today),
            picked as (select * from held where recent or n <= :k),
            sess as (select group_id, count(*) as c from picked where recent group by group_id),
            marks as (
                select p.group_id, p.recent, count(*) as marked,
                    sum(a.status in {_CAME}) as came
                from picked p join attendance a on a.session_id = p.id
                group by p.group_id, p.recent),
            done as (select group_id, count(*) as c from tasks where status = 'done'
                and done_on >= :since and done_on <= :today group by group_id),
            late as (select group_id, count(*) as c from tasks where status in {_OPEN}
                and due_on >= :since and due_on < :today group by group_id)
            select g.id, g.name, coalesce(sess.c, 0), coalesce(done.c, 0), coalesce(late.c, 0),
                coalesce(mb.marked, 0), coalesce(mb.came, 0),
                coalesce(ms.marked, 0), coalesce(ms.came, 0)
            from groups g
            left join sess on sess.group_id = g.id
            left join done on done.group_id = g.id
            left join late on late.group_id = g.id
            left join marks mb on mb.group_id = g.id and not mb.recent
            left join marks ms on ms.group_id = g.id and ms.recent
            order by g.name, g.id""",
            params,
        )
        changes = self._stage_changes(since, today)
        return [DigestGroupRow(*r, stage_changes=tuple(changes.get(r[0], ()))) for r in rows]

    def _stage_changes(self, since: date, today: date) -> dict[str, list[StageChangeRow]]:
        rows = self._rows(
            """select group_id, stage, 'started', started_on from stage_progress
                where started_on >= :since and started_on <= :today
            union all
            select group_id, stage, 'completed', completed_on from stage_progress
                where completed_on >= :since and completed_on <= :today
            order by 1, 4, 2, 3 desc""",
            {"since": since.isoformat(), "today": today.isoformat()},
        )
        found: dict[str, list[StageChangeRow]] = defaultdict(list)
        for group_id, stage, change, on in rows:
            found[group_id].append(StageChangeRow(group_id, stage, change, date.fromisoformat(on)))
        return found
