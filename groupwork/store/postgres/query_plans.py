"""Queries PostgreSQL plans well only in its own words (mixed into ``PgStore``).

The store writes each query once, in SQLite's dialect, and ``dialect.to_postgres`` translates
it. A few forms SQLite plans well have no good plan on PostgreSQL: those are here, still in the
words ``to_postgres`` translates (``:name`` placeholders, ``json_each``), and
``tests/pg/test_coordination_pg.py`` compares their answers with SQLite's.
"""

from __future__ import annotations

from groupwork.store.coordination import CAME


class PgQueryPlans:
    """PostgreSQL's own forms of the coordinator's queries."""

    # SQLite's form ("s.id in (select ... limit :n)", SQLite having no lateral join) is tested
    # here against every held session; a lateral join reads each group's last sessions from
    # the end of its index (the page's attendance: 2.1 -> 1.3 ms at agency scale).
    _recent_attendance_sql = f"""select j.value, s.held_on,
            (select count(*) from attendance a where a.session_id = s.id),
            (select count(*) from attendance a where a.session_id = s.id and a.status in {CAME})
        from json_each(:ids) j cross join lateral (
            select h.id, h.held_on, h.number from sessions h
            where h.group_id = j.value and h.status = 'held'
            order by h.held_on desc, h.number desc limit :n) s
        order by j.value, s.held_on, s.number"""
