"""Red team, part 2: no login climbs to another role, and no function is an oracle (issue 18).

The owner owns everything and cannot log in; an admin manages logins through groupwork and
cannot become the owner or make a role that could; nobody creates objects in public; group
ids a login may not read are not confirmed; sync_log rows name only one's own groups.
"""

from __future__ import annotations

import psycopg
import pytest
from click.testing import CliRunner
from red_team_setup import OWNER, PLAIN, cli_ok

from groupwork.cli import cli

EVERYONE = ["nam", "dao", "fon"]
"""The logins with a role of groupwork's; the plain login cannot even connect."""


def test_the_owner_cannot_log_in_and_owns_every_object(red_agency):
    agency = red_agency
    with agency.superuser() as conn:
        assert not conn.execute(
            "select rolcanlogin from pg_roles where rolname = %s", [OWNER]
        ).fetchone()["rolcanlogin"]
        owners = conn.execute(
            "select distinct pg_get_userbyid(c.relowner) as owner from pg_class c "
            "join pg_namespace n on n.oid = c.relnamespace "
            "where n.nspname in ('public', 'agency', 'coordinator')"
        ).fetchall()
        assert owners == [{"owner": OWNER}]
        functions = conn.execute(
            "select distinct pg_get_userbyid(p.proowner) as owner from pg_proc p "
            "join pg_namespace n on n.oid = p.pronamespace "
            "where n.nspname in ('public', 'agency', 'coordinator')"
        ).fetchall()
        assert functions == [{"owner": OWNER}]
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        psycopg.connect(agency.dsn(OWNER)).close()


@pytest.mark.parametrize(
    "attack",
    [
        f"grant {OWNER} to nam",
        f"set role {OWNER}",
        "alter role nam createrole",
        "alter role nam bypassrls",
        "create role climber login superuser",
        "create role climber login",
        "grant groupwork_admins to dao",
        f"alter role {OWNER} login",
        "alter table public.audit_log disable trigger audit_log_no_change",
        "update public.audit_log set actor = 'someone'",
        "delete from public.audit_log",
    ],
)
def test_an_admin_cannot_climb_to_the_owner_or_rewrite_the_audit_log(red_agency, attack):
    with red_agency.sql("nam") as conn:
        assert not conn.execute(
            "select rolcreaterole from pg_roles where rolname = current_user"
        ).fetchone()["rolcreaterole"]
        with pytest.raises(psycopg.Error):
            conn.execute(attack)


@pytest.mark.parametrize("login", ["dao", "fon"])
def test_no_other_login_climbs_either(red_agency, login):
    with red_agency.sql(login) as conn:
        for attack in [f"set role {OWNER}", "set role groupwork_admins", "set role nam"]:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(attack)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select agency.add_login(%s, 'admin', '')", [login])


def test_an_admin_adds_logins_through_groupwork_and_nothing_more(red_agency):
    agency = red_agency
    out = cli_ok("--db", agency.dsn("nam"), "agency", "add-user", "park", "--role", "facilitator")
    assert "park" in out
    for role_holder in [OWNER, "groupwork_admin", "groupwork_facilitators", "pg_read_all_data"]:
        result = CliRunner().invoke(
            cli, ["--db", agency.dsn("nam"), "agency", "add-user", role_holder, "--role", "admin"]
        )
        assert result.exit_code == 1, result.output
        assert f"{role_holder} is a role groupwork may not change" in result.output
        assert "Traceback" not in result.output
    result = CliRunner().invoke(
        cli,
        [
            "--db",
            agency.dsn("dao"),
            "--lang",
            "th",
            "agency",
            "add-user",
            "grant",
            "--role",
            "admin",
        ],
    )
    assert result.exit_code == 1
    assert "เฉพาะผู้ดูแลระบบของหน่วยงานเท่านั้นที่เพิ่มบัญชีผู้ใช้ได้" in result.output
    with agency.sql("nam") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            # a login groupwork did not make keeps its own password
            conn.execute(
                "select agency.add_login(%s, 'facilitator', %s)",
                [PLAIN, "SCRAM-SHA-256$4096:c2FsdA==$a:b"],
            )
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            conn.execute("select agency.add_login('park', 'facilitator', 'plain-text')")
    with agency.superuser() as conn:
        row = conn.execute(
            "select rolsuper, rolcreaterole, rolbypassrls, rolcanlogin from pg_roles "
            "where rolname = 'park'"
        ).fetchone()
        assert row == {
            "rolsuper": False,
            "rolcreaterole": False,
            "rolbypassrls": False,
            "rolcanlogin": True,
        }
        assert not conn.execute("select pg_has_role('nam', %s, 'member') as m", [OWNER]).fetchone()[
            "m"
        ]


def test_only_groupworks_roles_connect_and_nobody_makes_temporary_objects(red_agency):
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        red_agency.sql(PLAIN).close()
    for login in EVERYONE:
        with red_agency.sql(login) as conn:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("create temp table audit_log (id bigint)")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("create function pg_temp.f() returns int language sql as 'select 1'")


@pytest.mark.parametrize("login", EVERYONE)
def test_no_login_creates_objects_in_public(red_agency, login):
    """The fixture granted CREATE on public to PUBLIC, as PostgreSQL 13 and 14 do."""
    with red_agency.sql(login) as conn:
        assert not conn.execute("select has_schema_privilege('public', 'create') as c").fetchone()[
            "c"
        ]
        for attack in [
            "create table public.sessions_copy (id text)",
            "create function public.lower(x text) returns text language sql as $$ select x $$",
            "create view public.v as select 1",
        ]:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(attack)


def test_group_exists_confirms_no_prefix_of_a_group_one_may_not_read(red_agency):
    agency = red_agency
    theirs, mine = agency.groups["porn"], agency.groups["dao"]
    with agency.sql("dao") as conn:
        probe = "select groupwork_group_exists(%s) as e"
        for n in range(1, len(theirs.id)):
            assert not conn.execute(probe, [theirs.id[:n]]).fetchone()["e"], n
        for wildcard in ["____", "%", theirs.id[:4] + "%", "_" * len(theirs.id)]:
            assert not conn.execute(probe, [wildcard]).fetchone()["e"], wildcard
        # the whole id (or the name) only confirms what the caller already knows
        assert conn.execute(probe, [theirs.id]).fetchone()["e"]
        assert conn.execute(probe, [mine.id]).fetchone()["e"]
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        agency.sql(PLAIN).close()
    result = CliRunner().invoke(cli, ["--db", agency.dsn("dao"), "stages", theirs.id[:8]])
    assert result.exit_code == 1
    assert "not yours" not in result.output


SYNC_ROW = (
    "insert into public.sync_log (id, laptop_id, login, group_id, direction, at) "
    "values (%s, 'laptop1', %s, %s, 'push', '2026-03-02T10:00:00+07:00')"
)


def test_a_facilitator_logs_syncs_of_their_own_groups_only(red_agency):
    agency = red_agency
    mine, theirs = agency.groups["dao"].id, agency.groups["porn"].id
    with agency.sql("dao") as conn:
        conn.execute(SYNC_ROW, ["s1", "dao", mine])
        for row in [["s2", "dao", theirs], ["s3", "porn", mine], ["s4", "dao", "no-such-group"]]:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(SYNC_ROW, row)
    # Taken off their group, they may still record the pull that erased their copy of it.
    cli_ok("--db", agency.dsn("nam"), "agency", "remove-user", "dao", "--group", mine)
    with agency.sql("dao") as conn:
        conn.execute(SYNC_ROW, ["s5", "dao", mine])
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(SYNC_ROW, ["s6", "dao", theirs])
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("insert into agency.former_facilitators values (%s, 'dao')", [theirs])
    with agency.sql("fon") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(SYNC_ROW, ["s7", "fon", theirs])


def test_init_again_as_the_superuser_changes_nothing_of_this(red_agency):
    """An upgrade runs init again: the owner still owns everything and still cannot log in,
    and an admin login an older groupwork gave CREATEROLE loses it."""
    agency = red_agency
    with agency.superuser() as conn:
        conn.execute("alter role nam createrole")
        conn.execute(f"grant {OWNER} to nam")
        conn.execute("grant groupwork_facilitators to groupwork_admins with admin option")
    cli_ok("agency", "init", agency.server.dsn(agency.dbname))
    with agency.superuser() as conn:
        assert conn.execute(
            "select rolcreaterole, rolcanlogin from pg_roles where rolname = 'nam'"
        ).fetchone() == {"rolcreaterole": False, "rolcanlogin": True}
        assert not conn.execute("select pg_has_role('nam', %s, 'member') as m", [OWNER]).fetchone()[
            "m"
        ]
        assert not conn.execute(
            "select bool_or(admin_option) as a from pg_auth_members "
            "where member = 'groupwork_admins'::regrole"
        ).fetchone()["a"]
        owners = conn.execute(
            "select distinct pg_get_userbyid(c.relowner) as owner from pg_class c "
            "join pg_namespace n on n.oid = c.relnamespace "
            "where n.nspname in ('public', 'agency', 'coordinator')"
        ).fetchall()
        assert owners == [{"owner": OWNER}]
    with agency.sql("nam") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(f"grant {OWNER} to nam")


def test_an_admin_gives_a_new_login_its_password_as_a_verifier_only(red_agency):
    agency = red_agency
    result = CliRunner().invoke(
        cli,
        [
            "--db",
            agency.dsn("nam"),
            "agency",
            "add-user",
            "will",
            "--role",
            "coordinator",
            "--password",
        ],
        input="ดาวเหนือ 2026\nดาวเหนือ 2026\n",
    )
    assert result.exit_code == 0, result.output
    with agency.superuser() as conn:
        row = conn.execute(
            "select a.rolpassword, r.rolconfig from pg_authid a join pg_roles r using (oid) "
            "where a.rolname = 'will'"
        ).fetchone()
    assert row["rolpassword"].startswith("SCRAM-SHA-256$4096:")
    assert row["rolconfig"] == ["search_path=coordinator, public"]
