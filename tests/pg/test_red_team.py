"""Red team, part 1: definer code and row-level security cannot be steered by objects a login
makes itself (issue 18). Each test connects as one of the agency's logins with psycopg and
runs the attack as it was seen on a real server: a temporary table named like a real one,
with a trigger that runs whatever the attacker wrote, then a call into the server's own code.
``agency init`` now refuses temporary tables (and connecting) to all but groupwork's roles
(test_red_team_roles.py); these tests give both back, as a careless administrator could, to
show that the owner's code holds without that wall.
"""

from __future__ import annotations

import psycopg
import pytest
from red_team_setup import SECRETS

# A temporary table shaped like the audit log, and a trigger on it that steals every real
# name and tries to make the caller an admin. It runs only if code running as the owner
# writes into "audit_log" and finds this table first.
SHADOW_AUDIT_LOG = """
create temp table loot (name text);
create temp table audit_log (id bigint, at text, actor text, table_name text,
    record_id text, group_id text, action text, columns text default '', hash text);
create function pg_temp.steal() returns trigger language plpgsql as $$
begin
    insert into pg_temp.loot select real_name from public.members;
    begin
        execute format('grant groupwork_admins to %I', session_user);
    exception when others then null;
    end;
    return new;
end $$;
create trigger steal after insert on pg_temp.audit_log
    for each row execute function pg_temp.steal();
"""


EMPTY = "''"


def _stolen(conn) -> list[str]:
    return [r["name"] for r in conn.execute("select name from pg_temp.loot")]


def _is_admin(agency, login: str) -> bool:
    with agency.superuser() as conn:
        row = conn.execute("select pg_has_role(%s, 'groupwork_admins', 'member') as a", [login])
        return row.fetchone()["a"]


def _audit_lines(agency, group_id: str) -> list[dict]:
    with agency.superuser() as conn:
        return conn.execute(
            "select actor, action, table_name, record_id from public.audit_log "
            "where group_id = %s order by id",
            [group_id],
        ).fetchall()


@pytest.mark.parametrize("login", ["fon", "dao", "nam", "plain"])
def test_a_shadow_audit_log_does_not_catch_the_audit_event_function(red_agency_temp, login):
    agency = red_agency_temp
    group_id = agency.groups["dao"].id
    with agency.sql(login) as conn:
        conn.execute(SHADOW_AUDIT_LOG)
        try:
            conn.execute("select groupwork_audit_event('erase', 'members', 'x', %s)", [group_id])
        except psycopg.errors.InsufficientPrivilege:
            pass  # the coordinator and a plain login may not call it at all
        assert _stolen(conn) == []
    assert login == "nam" or not _is_admin(agency, login)


@pytest.mark.parametrize("search_path", ["pg_temp, public", "public, pg_temp", ""])
def test_a_facilitators_member_changes_reach_the_real_audit_log(red_agency_temp, search_path):
    agency = red_agency_temp
    group_id, member_id = agency.groups["dao"].id, agency.members["dao"].id
    before = len(_audit_lines(agency, group_id))
    with agency.sql("dao") as conn:
        conn.execute(SHADOW_AUDIT_LOG)
        conn.execute(f"set search_path = {search_path or EMPTY}")
        conn.execute("update public.members set notes = 'ย้ายบ้าน' where id = %s", [member_id])
        assert _stolen(conn) == []
    lines = _audit_lines(agency, group_id)
    assert len(lines) == before + 1
    assert lines[-1] == {
        "actor": "dao",
        "action": "update",
        "table_name": "members",
        "record_id": member_id,
    }


def test_no_forged_line_in_another_groups_audit_log(red_agency_temp):
    agency = red_agency_temp
    other = agency.groups["porn"].id
    before = _audit_lines(agency, other)
    with agency.sql("dao") as conn:
        with pytest.raises(psycopg.Error):
            conn.execute(
                "select groupwork_audit_event('erase', 'members', %s, %s)",
                [agency.members["porn"].id, other],
            )
    with agency.sql("fon") as conn, pytest.raises(psycopg.Error):
        conn.execute("select groupwork_audit_event('erase', 'members', 'x', %s)", [other])
    assert _audit_lines(agency, other) == before


@pytest.mark.parametrize(
    "function, table",
    [("groupwork_audit_row", "members"), ("groupwork_creator_facilitates", "groups")],
)
def test_the_owners_trigger_functions_cannot_be_put_on_a_logins_own_table(
    red_agency_temp, function, table
):
    """A trigger function runs as the owner: on a table of the attacker's it would write
    another group's id into the audit log, or make the attacker that group's facilitator."""
    agency = red_agency_temp
    other = agency.groups["porn"].id
    with agency.sql("dao") as conn:
        conn.execute(f"create temp table {table} (id text, group_id text)")
        try:
            conn.execute(
                f"create trigger t after insert on pg_temp.{table} "
                f"for each row execute function public.{function}()"
            )
            conn.execute(f"insert into pg_temp.{table} values (%s, %s)", [other, other])
        except psycopg.errors.InsufficientPrivilege:
            pass
        conn.execute(f"drop table pg_temp.{table}")
        assert conn.execute("select id from public.groups where id = %s", [other]).rowcount == 0
    assert all(line["actor"] != "dao" for line in _audit_lines(agency, other))


SESSION_TABLES = {
    "attendance": "reason",
    "group_marks": "notes",
    "participation_events": "id",
}


@pytest.mark.parametrize("search_path", [None, "pg_temp, public", "public"])
def test_a_shadow_sessions_table_does_not_open_another_groups_session_rows(
    red_agency_temp, search_path
):
    """The policies of attendance, marks and turns read the login's sessions: a temporary
    "sessions" pairing another group's session with one's own group must not count."""
    agency = red_agency_temp
    theirs, mine = agency.sessions["porn"], agency.groups["dao"]
    with agency.sql("dao") as conn:
        if search_path:
            conn.execute(f"set search_path = {search_path}")
        conn.execute("create temp table sessions (id text, group_id text)")
        conn.execute("insert into pg_temp.sessions values (%s, %s)", [theirs.id, mine.id])
        for table, column in SESSION_TABLES.items():
            rows = conn.execute(
                f"select {column} as v from public.{table} where session_id = %s", [theirs.id]
            ).fetchall()
            assert rows == [], table
            deleted = conn.execute(
                f"delete from public.{table} where session_id = %s", [theirs.id]
            ).rowcount
            assert deleted == 0, table
        # the unqualified name, as the app's own queries write it: only their own row
        found = conn.execute("select count(*) as n from attendance").fetchone()["n"]
        assert found == 1
    with agency.superuser() as conn:
        for table in SESSION_TABLES:
            count = conn.execute(
                f"select count(*) as n from public.{table} where session_id = %s", [theirs.id]
            )
            assert count.fetchone()["n"] == 1, table


def test_shadow_tasks_and_group_facilitators_do_not_open_another_groups_assignees(red_agency_temp):
    agency = red_agency_temp
    with agency.superuser() as conn:
        task = conn.execute(
            "select id from public.tasks where group_id = %s", [agency.groups["porn"].id]
        ).fetchone()["id"]
    with agency.sql("dao") as conn:
        conn.execute("set search_path = pg_temp, public")
        conn.execute("create temp table tasks (id text, group_id text)")
        conn.execute("insert into pg_temp.tasks values (%s, %s)", [task, agency.groups["dao"].id])
        conn.execute("create temp table group_facilitators (group_id text, login text)")
        conn.execute(
            "insert into pg_temp.group_facilitators values (%s, 'dao')",
            [agency.groups["porn"].id],
        )
        rows = conn.execute(
            "select * from public.task_assignees where task_id = %s", [task]
        ).fetchall()
        assert rows == []
        names = [r["real_name"] for r in conn.execute("select real_name from public.members")]
        assert names == [SECRETS["dao"]]


@pytest.mark.parametrize("login", ["dao", "fon", "plain"])
def test_temporary_functions_and_operators_do_not_change_what_a_policy_allows(
    red_agency_temp, login
):
    """Functions are never looked up in pg_temp unqualified; a function of the same name in
    public (were CREATE there allowed) would be: so CREATE on public is refused too."""
    agency = red_agency_temp
    with agency.sql(login) as conn:
        conn.execute(
            "create function pg_temp.groupwork_my_groups() returns text[] language sql "
            "as $$ select array_agg(id) from public.groups $$"
        )
        conn.execute("set search_path = pg_temp, public")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "create function public.groupwork_my_groups(x int) returns text[] "
                "language sql as $$ select null::text[] $$"
            )
        if login == "dao":
            names = [r["real_name"] for r in conn.execute("select real_name from members")]
            assert names == [SECRETS["dao"]]
