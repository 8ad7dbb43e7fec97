"""The coordinator's questions across groups, each answered in one or two SQL statements.

Cost grows with what a view shows, not with the database: every per-group figure is a range of
one index (``m120_coord_indexes``), aggregates are computed by SQLite, only the rows shown are
built (as the small rows of ``groupwork.store.rows``), and nothing goes through sqlite-utils'
table helpers (which read the schema before every query). Pseudonyms only, never real names."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from groupwork.store.rows import (
    AbsentMemberRow,
    DigestGroupRow,
    GroupListRow,
    GroupStatusRow,
    MemberTurnsRow,
    SessionAttendance,
    StageChangeRow,
)

_OPEN = "('open', 'in_progress')"
CAME = "('present', 'late')"
"""The attendance marks of a member who came (on time or late)."""
_CURRENT_MEMBER = "m.decision = 'selected' and m.left_on is null and coalesce(m.erased, 0) = 0"
_OPEN_ONLY = {True: "", False: " where g.status <> 'closed'"}  # closed=False: ended, left out

_RECENT_HELD = """recent as (
    select s.id, s.group_id, s.held_on, row_number() over (
        partition by s.group_id order by s.held_on desc, s.number desc) as n
    from sessions s
    where s.status = 'held' and s.group_id in (select value from json_each(:ids)))"""
"""The held sessions of the groups in ``:ids``, newest first per group (``n`` = 1, 2, ...)."""

# Each group's last ``:n`` held sessions with how many were marked and how many came, oldest
# first. Read per group from the end of its index, not by numbering every held session of the
# page's groups (700 at agency scale); the marks are counted from the index of attendance by
# session and status (``m192_attendance_by_status``): 2.0 -> 1.2 ms for a page of 34 groups.
_RECENT_ATTENDANCE = f"""select s.group_id, s.held_on,
        (select count(*) from attendance a where a.session_id = s.id),
        (select count(*) from attendance a where a.session_id = s.id and a.status in {CAME})
    from json_each(:ids) j join sessions s on s.id in (
        select h.id from sessions h where h.group_id = j.value and h.status = 'held'
        order by h.held_on desc, h.number desc limit :n)
    order by s.group_id, s.held_on, s.number"""

# A closed group's tasks kept open at its closing are its members' to carry on, not the
# group's overdue work: counted as none, as home counts them (store/home_list.py).
_OVERDUE_COUNT = f"""case when g.status = 'closed' then 0 else
    (select count(*) from tasks t where t.group_id = g.id
    and t.status in {_OPEN} and t.due_on < :today) end"""
_NEXT_SESSION = """(select min(s.held_on) from sessions s where s.group_id = g.id
    and s.status = 'planned' and s.held_on >= :today)"""


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _ids_param(ids: Iterable[str]) -> str:
    """Ids as one JSON array parameter (read with json_each: no limit on how many)."""
    return json.dumps(list(ids))


class CoordinationQueries:
    """Read-only queries for the coordinator's views (mixed into ``Store``)."""

    db: Any
    _recent_attendance_sql = _RECENT_ATTENDANCE  # PostgreSQL's: postgres/query_plans.py

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
                case when g.status = 'closed' then null else
                (select min(t.due_on) from tasks t where t.group_id = g.id
                  and t.status in {_OPEN} and t.due_on < :today) end
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
            self._recent_attendance_sql, {"ids": _ids_param(group_ids), "n": sessions}
        )
        found: dict[str, list[SessionAttendance]] = defaultdict(list)
        for group_id, held_on, marked, came in rows:
            found[group_id].append(SessionAttendance(date.fromisoformat(held_on), marked, came))
        return found

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
                where r.n <= 2 and a.status not in {CAME} group by a.member_id)
            select m.group_id, g.name, m.id, m.pseudonym,
                (select s.held_on from sessions s where s.group_id = m.group_id
                  and s.status = 'held' and s.held_on is not null and exists (select 1
                  from attendance a where a.session_id = s.id and a.member_id = m.id
                  and a.status in {CAME}) order by s.held_on desc limit 1)
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
                    sum(a.status in {CAME}) as came
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
