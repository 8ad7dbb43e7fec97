"""How fast row-level security is for a facilitator, measured through SET ROLE.

Starts a throwaway PostgreSQL server (tests/pg/pg_server.py), loads GROUPS groups with
SESSIONS sessions of EVENTS participation events each, gives one facilitator two of them, and
times (server-side, EXPLAIN ANALYZE execution time, best of 5) what the recorder and the
review read: the facilitator's whole participation table, and one group's events. Then the
same with the policy calling groupwork_my_groups() bare, per row, to show what the scalar
subquery saves. Usage: .venv/bin/python scripts/bench_agency_rls.py [GROUPS SESSIONS EVENTS]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "pg"))

import psycopg  # noqa: E402
from pg_server import start_test_server  # noqa: E402
from psycopg.rows import dict_row  # noqa: E402

from groupwork.store.postgres import PgStore  # noqa: E402

QUERIES = {
    "all my events": "select count(*) from participation_events",
    "one group's events": "select * from participation_events where session_id in "
    "(select id from sessions where group_id = 'g1') order by at, _seq",
    "my members": "select * from members",
}


def best_ms(conn, sql: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        plan = "\n".join(r["QUERY PLAN"] for r in conn.execute("explain (analyze) " + sql))
        times.append(float(re.search(r"Execution Time: ([\d.]+) ms", plan).group(1)))
    return min(times)


def main(groups: int = 200, sessions: int = 10, events: int = 100) -> None:
    server = start_test_server()
    if server is None:
        sys.exit("no PostgreSQL server installed")
    try:
        with psycopg.connect(server.dsn(), autocommit=True) as conn:
            conn.execute("create database bench")
        with PgStore.open(server.dsn("bench")) as store:
            store.init_agency()
            store.add_agency_user("dao", "facilitator")
        with psycopg.connect(server.dsn("bench"), autocommit=True, row_factory=dict_row) as c:
            c.execute(
                "insert into groups (id, name) select 'g' || g, 'group ' || g "
                "from generate_series(1, %s) g",
                [groups],
            )
            c.execute(
                "insert into members (id, group_id, real_name, pseudonym) select "
                "'m' || g || '_' || k, 'g' || g, 'name', 'M' || k "
                "from generate_series(1, %s) g, generate_series(1, 50) k",
                [groups],
            )
            c.execute(
                "insert into sessions (id, group_id, number) select 's' || g || '_' || s, "
                "'g' || g, s from generate_series(1, %s) g, generate_series(1, %s) s",
                [groups, sessions],
            )
            c.execute(
                "insert into participation_events (id, session_id, actor_id, kind, at) select "
                "'e' || g || '_' || s || '_' || e, 's' || g || '_' || s, 'facilitator', "
                "'spoke', '2026-03-02T10:00:00' from generate_series(1, %s) g, "
                "generate_series(1, %s) s, generate_series(1, %s) e",
                [groups, sessions, events],
            )
            c.execute("insert into agency.group_facilitators values ('g1', 'dao'), ('g2', 'dao')")
            c.execute("analyze")
            total = c.execute("select count(*) as n from participation_events").fetchone()["n"]
            print(f"{groups} groups, {total} events; facilitator dao has 2 groups")
            once = "(select groupwork_my_groups())::text[]"
            variants = [
                (
                    "hashed set (as built)",
                    f"session_id in (select unnest({once.replace('groups', 'sessions')}))",
                    f"group_id = any ({once})",
                ),
                (
                    "array, once per query",
                    "session_id = any ((select groupwork_my_sessions())::text[])",
                    f"group_id = any ({once})",
                ),
                (
                    "sessions subquery",
                    f"session_id in (select id from sessions where group_id = any ({once}))",
                    f"group_id = any ({once})",
                ),
                (
                    "bare calls",
                    "session_id = any (groupwork_my_sessions())",
                    "group_id = any (groupwork_my_groups())",
                ),
            ]
            for label, rule, members_rule in variants:
                c.execute("reset role")
                c.execute("drop policy facilitators on members")
                c.execute(
                    "create policy facilitators on members to groupwork_facilitators "
                    f"using ({members_rule}) with check ({members_rule})"
                )
                c.execute("drop policy facilitators on participation_events")
                c.execute(
                    "create policy facilitators on participation_events to "
                    f"groupwork_facilitators using ({rule}) with check ({rule})"
                )
                c.execute("set role dao")
                cells = [f"{name}: {best_ms(c, sql):.1f} ms" for name, sql in QUERIES.items()]
                print(f"{label:28} " + "; ".join(cells))
    finally:
        server.stop()


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:4]))
