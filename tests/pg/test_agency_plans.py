"""Row-level security stays fast: the policy functions run once per query, not once per row
(issue 13), checked by counting their calls and by reading the plan, through SET ROLE."""

from __future__ import annotations

import re
from datetime import date

import psycopg
import pytest
from click.testing import CliRunner
from psycopg.rows import dict_row

from groupwork.cli import cli

GROUPS, SESSIONS, EVENTS = 6, 8, 20


@pytest.fixture
def agency_conn(pg_dsn):
    """A superuser connection to an agency database where ดาว (dao) facilitates two of six
    groups of eight sessions, twenty turns each; track_functions counts function calls."""
    assert CliRunner().invoke(cli, ["agency", "init", pg_dsn]).exit_code == 0
    result = CliRunner().invoke(
        cli, ["--db", pg_dsn, "agency", "add-user", "dao", "--role", "facilitator"]
    )
    assert result.exit_code == 0, result.output
    with psycopg.connect(pg_dsn, autocommit=True, row_factory=dict_row) as conn:
        conn.execute(
            "insert into groups (id, name) select 'g' || g, 'กลุ่มน้ำ ' || g "
            "from generate_series(1, %s) g",
            [GROUPS],
        )
        conn.execute(
            "insert into sessions (id, group_id, number, held_on, status) select "
            "'s' || g || '_' || s, 'g' || g, s, %s, 'held' "
            "from generate_series(1, %s) g, generate_series(1, %s) s",
            [date(2026, 3, 2).isoformat(), GROUPS, SESSIONS],
        )
        conn.execute(
            "insert into participation_events (id, session_id, actor_id, kind, at) select "
            "'e' || g || '_' || s || '_' || e, 's' || g || '_' || s, 'facilitator', 'spoke', "
            "'2026-03-02T10:00:00Z' from generate_series(1, %s) g, generate_series(1, %s) s, "
            "generate_series(1, %s) e",
            [GROUPS, SESSIONS, EVENTS],
        )
        conn.execute("insert into agency.group_facilitators values ('g1', 'dao'), ('g2', 'dao')")
        conn.execute("analyze")
        conn.execute("set track_functions = 'all'")  # superuser only: set before SET ROLE
        conn.execute("set role dao")
        yield conn


def _calls(conn, function: str) -> int:
    row = conn.execute(
        "select coalesce(pg_stat_get_xact_function_calls(%s::regprocedure), 0) as n",
        [function],
    ).fetchone()
    return row["n"]


# A count per session, correlated: the shape of the coordinator page's attendance figures.
PER_SESSION = (
    "select s.id, (select count(*) from participation_events e where e.session_id = s.id) "
    "from sessions s"
)


def test_a_facilitator_query_calls_each_policy_function_once_not_per_row(agency_conn):
    conn = agency_conn
    with conn.transaction():
        rows = conn.execute("select id, session_id from participation_events").fetchall()
        assert len(rows) == 2 * SESSIONS * EVENTS  # only ดาว's two groups
        per_session = conn.execute(PER_SESSION).fetchall()
        assert len(per_session) == 2 * SESSIONS
        assert all(r["count"] == EVENTS for r in per_session)
        # Two statements; in each the sessions function runs once, and the groups function
        # once for itself and once inside it (plus sessions' own policy): a handful, where a
        # per-row call would be hundreds.
        assert _calls(conn, "groupwork_my_sessions()") <= 2
        assert _calls(conn, "groupwork_my_groups()") <= 6


def test_the_plan_evaluates_the_policy_as_an_init_plan_once(agency_conn):
    plan = "\n".join(
        r["QUERY PLAN"] for r in agency_conn.execute("explain (analyze, costs off) " + PER_SESSION)
    )
    assert "InitPlan" in plan
    # Every InitPlan's Result runs once, however many sessions the outer query walks.
    loops = re.findall(
        r"InitPlan \d+ \(returns \$\d+\)\n\s+->  Result \(actual [^)]*loops=(\d+)", plan
    )
    assert loops and set(loops) == {"1"}, plan


def test_the_write_check_by_session_still_refuses_another_groups_session(agency_conn):
    """The WITH CHECK of session tables probes the written row's session (under sessions'
    own policy) instead of building the session list: a session of a group that is not
    theirs is still refused, to hand-written SQL too."""
    conn = agency_conn
    insert = (
        "insert into participation_events (id, session_id, actor_id, kind, at) "
        "values (%s, %s, 'facilitator', 'spoke', '2026-03-02T10:05:00Z')"
    )
    conn.execute(insert, ["mine", "s1_1"])
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(insert, ["not-mine", "s3_1"])
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # moving one's own turn away
        conn.execute("update participation_events set session_id = 's3_1' where id = 'mine'")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(
            "insert into attendance (id, session_id, member_id, status) "
            "values ('a', 's4_2', 'm', 'present')"
        )
    conn.execute("reset role")
    stored = conn.execute(
        "select session_id from participation_events where id in ('mine', 'not-mine')"
    ).fetchall()
    assert [r["session_id"] for r in stored] == ["s1_1"]
