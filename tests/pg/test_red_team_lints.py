"""Red team, part 4: the whole server, read from its catalog, as general security lints would.

Not attacks but a survey, so a function or policy added later is held to the same rules: every
SECURITY DEFINER function has a pinned search path and is not executable by PUBLIC; every
function of groupwork's names the tables it reads with their schema; every function a policy
calls is pinned; and the general lints of Supabase's splinter that apply to a schema like ours
(docs/agency.md lists which, and why the others do not), written here as queries of our own.
"""

from __future__ import annotations

import re

import pytest
from red_team_setup import OWNER

SCHEMAS = ("public", "agency", "coordinator")
GROUPWORK_ROLES = ("groupwork_facilitators", "groupwork_coordinators", "groupwork_admins")
# Invoker functions allowed an unpinned search path, each with its reason.
UNPINNED_INVOKERS = {
    # SQLite's julianday for the coordinator's queries: built-ins only, and a SET clause
    # would stop PostgreSQL inlining it into those queries.
    "julianday",
}
# Definer functions a coordinator may call (their views need no other).
COORDINATOR_DEFINERS = {"groupwork_group_exists", "groupwork_audit_head", "groupwork_audit_hash_at"}
# Permissive policies whose rule is just "true", each deliberate.
ALWAYS_TRUE = {
    ("admins", "groupwork_admins"),  # admins read and write everything
    ("facilitators_new_group", "groupwork_facilitators"),  # a new group becomes its creator's
}
TABLE_WORDS = re.compile(r"\b(?:from|join|into|update|table)\s+([A-Za-z_][\w.]*)", re.IGNORECASE)
PINNED = re.compile(r'^search_path=(""|.*\bpg_temp)$')


@pytest.fixture
def catalog(red_agency):
    """The superuser's view of the agency's catalog."""
    with red_agency.superuser() as conn:
        yield conn


def _functions(conn, where: str = "true") -> list[dict]:
    return conn.execute(
        "select p.oid, n.nspname as schema, p.proname as name, p.oid::regprocedure::text as sig, "
        "p.prosecdef as definer, coalesce(p.proconfig, '{}') as config, p.prosrc as body, "
        "has_function_privilege('public', p.oid, 'EXECUTE') as public_may, "
        "has_function_privilege('groupwork_coordinators', p.oid, 'EXECUTE') as coordinators_may "
        "from pg_proc p join pg_namespace n on n.oid = p.pronamespace "
        f"where n.nspname = any(%s) and {where} order by 1",
        [list(SCHEMAS)],
    ).fetchall()


def _pinned(config: list[str]) -> bool:
    return any(PINNED.match(setting) for setting in config)


def test_every_security_definer_function_is_pinned_and_not_for_public(catalog):
    """splinter 0011 (function_search_path_mutable) and 0028/0029 (a definer function anyone
    may execute), for the roles of this server."""
    definers = _functions(catalog, "p.prosecdef")
    names = {f["name"] for f in definers}
    assert {
        "groupwork_audit_event",
        "groupwork_audit_row",
        "groupwork_group_exists",
        "groupwork_creator_facilitates",
        "add_login",
    } <= names
    # and no login's temporary or public-schema function runs as the owner: all are ours
    everywhere = catalog.execute(
        "select p.oid::regprocedure::text as sig, pg_get_userbyid(p.proowner) as owner "
        "from pg_proc p join pg_namespace n on n.oid = p.pronamespace "
        "where p.prosecdef and n.nspname not in ('pg_catalog', 'information_schema')"
    ).fetchall()
    assert {f["owner"] for f in everywhere} == {OWNER}
    problems = []
    for f in definers:
        if not _pinned(f["config"]):
            problems.append(f"{f['sig']}: search_path not pinned ({f['config']})")
        if f["public_may"]:
            problems.append(f"{f['sig']}: EXECUTE granted to PUBLIC")
        if f["coordinators_may"] and f["name"] not in COORDINATOR_DEFINERS:
            problems.append(f"{f['sig']}: a coordinator may execute it")
    assert problems == []


def test_every_function_of_groupworks_is_pinned_and_names_tables_with_their_schema(catalog):
    relations = {
        r["relname"]
        for r in catalog.execute(
            "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
            "where n.nspname = any(%s) and c.relkind in ('r', 'v', 'm', 'p', 'f', 'S')",
            [list(SCHEMAS)],
        )
    }
    functions = _functions(
        catalog, "p.prolang in (select oid from pg_language where lanname in ('sql', 'plpgsql'))"
    )
    ours = {f["name"] for f in functions}
    problems = []
    for f in functions:
        if not _pinned(f["config"]) and f["name"] not in UNPINNED_INVOKERS:
            problems.append(f"{f['sig']}: search_path not pinned")
        body = re.sub(r"'[^']*'", "''", f["body"])  # not the words inside strings
        for name in TABLE_WORDS.findall(body):
            if "." not in name and name.lower() in relations:
                problems.append(f"{f['sig']}: reads {name} without its schema")
        for name in ours:
            if re.search(rf"(?<![\w.]){name}\s*\(", body) and name != f["name"]:
                problems.append(f"{f['sig']}: calls {name}() without its schema")
    assert problems == []


def test_every_function_a_policy_calls_is_pinned(catalog):
    """A policy's own table references are bound when it is made (by oid), so they cannot be
    shadowed; the functions it calls look names up when they run, so they are pinned."""
    policies = catalog.execute(
        "select schemaname, tablename, policyname, coalesce(qual, '') || ' ' || "
        "coalesce(with_check, '') as expr from pg_policies where schemaname = any(%s)",
        [list(SCHEMAS)],
    ).fetchall()
    assert len(policies) > 20
    functions = {f["name"]: f for f in _functions(catalog)}
    called = set()
    problems = []
    for p in policies:
        for name in re.findall(r"([A-Za-z_][\w]*)\(", p["expr"]):
            if name in functions:
                called.add(name)
                if not _pinned(functions[name]["config"]):
                    problems.append(f"{p['tablename']}.{p['policyname']}: {name} not pinned")
    assert {"groupwork_my_groups", "groupwork_my_sessions"} <= called
    assert problems == []


def test_row_level_security_covers_every_table_a_login_may_touch(catalog):
    """splinter 0013 (rls_disabled_in_public) and 0007 (policy_exists_rls_disabled): every
    table any of groupwork's roles (or PUBLIC) has a right on has row-level security on,
    except the list of migrations; and no table has policies with RLS off."""
    rows = catalog.execute(
        "select n.nspname || '.' || c.relname as name, c.relrowsecurity as rls, "
        "exists (select from pg_policy p where p.polrelid = c.oid) as has_policy, "
        "exists (select from unnest(array['public', %s, %s, %s]) r(role) "
        "        where has_table_privilege(r.role, c.oid, 'SELECT, INSERT, UPDATE, DELETE')) "
        "  as granted "
        "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname = any(%s) and c.relkind in ('r', 'p')",
        [*GROUPWORK_ROLES, list(SCHEMAS)],
    ).fetchall()
    open_tables = [r["name"] for r in rows if r["granted"] and not r["rls"]]
    assert open_tables == ["public.groupwork_migrations"]
    assert [r["name"] for r in rows if r["has_policy"] and not r["rls"]] == []


def test_no_permissive_policy_is_always_true_but_the_deliberate_ones(catalog):
    """splinter 0024 (rls_policy_always_true)."""
    rows = catalog.execute(
        "select p.polname, r.rolname, pg_get_expr(p.polqual, p.polrelid) as qual, "
        "pg_get_expr(p.polwithcheck, p.polrelid) as checks, p.polcmd "
        "from pg_policy p join pg_class c on c.oid = p.polrelid "
        "join pg_namespace n on n.oid = c.relnamespace "
        "cross join lateral unnest(p.polroles) as pr(oid) "
        "left join pg_roles r on r.oid = pr.oid "
        "where n.nspname = any(%s) and p.polpermissive",
        [list(SCHEMAS)],
    ).fetchall()
    loose = {
        (r["polname"], r["rolname"] or "PUBLIC")
        for r in rows
        if (r["polcmd"] != "r" and "true" in {r["qual"], r["checks"]})
        or (r["qual"] is None and r["polcmd"] not in ("a",))
    }
    assert loose <= ALWAYS_TRUE
    assert all(r["rolname"] is not None for r in rows), "a policy for PUBLIC"


def test_no_view_extension_or_foreign_table_opens_a_way_around(catalog):
    """splinter 0010 (security_definer_view), 0014 (extension_in_public), 0016
    (materialized_view_in_api), 0017 (foreign_table_in_api), 0023 (sensitive columns)."""
    views = catalog.execute(
        "select n.nspname as schema, c.relname, c.relkind from pg_class c "
        "join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname = any(%s) and c.relkind in ('v', 'm', 'f')",
        [list(SCHEMAS)],
    ).fetchall()
    # The coordinator's views run as the owner by design (the coordinator has no right on the
    # tables); they are the only views, and none shows a real name or a note.
    assert {v["schema"] for v in views} <= {"coordinator"}
    assert {v["relkind"] for v in views} <= {"v"}
    sensitive = catalog.execute(
        "select table_name, column_name from information_schema.columns "
        "where table_schema = 'coordinator' and column_name in ('real_name', 'notes', "
        "'referral_source', 'decision_reason')"
    ).fetchall()
    definitions = {
        row["viewname"]: " ".join(row["definition"].lower().split())
        for row in catalog.execute(
            "select viewname, definition from pg_views where schemaname = 'coordinator'"
        ).fetchall()
    }

    def shows_nothing_real(row) -> bool:
        # An empty view (a table the coordinator reads nothing of) shows no row; the members
        # view's real_name column is the pseudonym, so lookups by name find members.
        text = definitions.get(row["table_name"], "")
        return "where false" in text or (
            row["column_name"] == "real_name" and "pseudonym as real_name" in text
        )

    assert [row for row in sensitive if not shows_nothing_real(row)] == []
    extensions = catalog.execute(
        "select extname from pg_extension where extnamespace = 'public'::regnamespace "
        "and extname <> 'plpgsql'"
    ).fetchall()
    assert extensions == []


def test_the_roles_hold_no_power_beyond_groupworks(catalog):
    """Ours: the owner cannot log in; no login of groupwork's may create roles, bypass row
    security or replicate, nor hand a role on (ADMIN OPTION); only the owner creates in the
    database's schemas; PUBLIC may not connect or make temporary tables."""
    assert not catalog.execute(
        "select rolcanlogin from pg_roles where rolname = %s", [OWNER]
    ).fetchone()["rolcanlogin"]
    climbers = catalog.execute(
        "select r.rolname from pg_roles r where not r.rolsuper and r.rolname <> %s "
        "and (r.rolcreaterole or r.rolbypassrls or r.rolreplication) "
        "and exists (select from unnest(%s::text[]) g(role) "
        "            where pg_has_role(r.oid, g.role, 'MEMBER'))",
        [OWNER, list(GROUPWORK_ROLES)],
    ).fetchall()
    assert climbers == []
    handing_on = catalog.execute(
        "select m.roleid::regrole::text as role, m.member::regrole::text as member "
        "from pg_auth_members m where m.admin_option "
        "and (m.member::regrole::text = any(%s) or exists (select from unnest(%s::text[]) "
        "     g(role) where pg_has_role(m.member, g.role, 'MEMBER')))",
        [list(GROUPWORK_ROLES), list(GROUPWORK_ROLES)],
    ).fetchall()
    assert handing_on == []
    creators = catalog.execute(
        "select n.nspname, r.rolname from pg_namespace n cross join pg_roles r "
        "where n.nspname = any(%s) and not r.rolsuper and r.rolname <> %s "
        "and r.rolname not like 'pg\\_%%' and has_schema_privilege(r.oid, n.oid, 'CREATE')",
        [list(SCHEMAS), OWNER],
    ).fetchall()
    assert creators == []
    public_may = catalog.execute(
        "select a.privilege_type from pg_database d, aclexplode(d.datacl) a "
        "where d.datname = current_database() and a.grantee = 0"
    ).fetchall()
    assert public_may == []  # no CONNECT, no TEMPORARY for PUBLIC
