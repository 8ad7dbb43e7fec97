"""Roles that cannot climb, and code of the owner's that nothing can steer (issue 18).

``agency.py`` makes the roles, policies and views; this module, run with it by ``agency init``,
closes the ways around them:

- **The owner** (the role that owns the database and every table and function in it) cannot
  log in, and no admin can become it: admins get no CREATEROLE and no ADMIN OPTION on any
  role, so ``GRANT owner TO admin`` and ``SET ROLE owner`` are refused. Logins are made only
  through ``agency.add_login`` (``groupwork agency add-user``), code of the owner's that gives
  one of groupwork's three roles and nothing else, and never touches a role it did not make
  (a superuser, the owner, another application's login).
- **Definer functions** (running as the owner) have an empty search path and name everything
  with its schema, so no temporary or user-made object can stand in; EXECUTE is revoked from
  PUBLIC and granted to the roles that call them. Trigger functions are executable by no one
  (a trigger fires without that right; only putting one on a table needs it).
- **CREATE on the public schema** is revoked from PUBLIC (PostgreSQL 13 and 14 grant it), and
  so are CONNECT and TEMPORARY on the database: only groupwork's three roles connect, and no
  login makes temporary tables (behind the pinned search paths, a second wall).
- **sync_log**: a facilitator's row names a group of theirs, or one they were taken off
  (``agency.former_facilitators``, filled by a trigger when an admin removes them).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from groupwork.errors import GroupworkError
from groupwork.i18n import _

FACILITATORS, COORDINATORS, ADMINS = (
    "groupwork_facilitators",
    "groupwork_coordinators",
    "groupwork_admins",
)

HARDENING = f"""
DO $$ BEGIN
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'CREATE on schema public could not be revoked from PUBLIC: ask the '
        'server''s superuser to run REVOKE CREATE ON SCHEMA public FROM PUBLIC';
END $$;
-- Only groupwork's roles connect, and nobody makes temporary objects (the app uses none, and
-- they are how a login once shadowed the owner's tables).
DO $$ BEGIN
    EXECUTE pg_catalog.format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC',
                              pg_catalog.current_database());
    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO {FACILITATORS}, {COORDINATORS}, '
                              '{ADMINS}', pg_catalog.current_database());
END $$;
DO $$ BEGIN
    REVOKE ADMIN OPTION FOR {FACILITATORS}, {COORDINATORS} FROM {ADMINS};
EXCEPTION WHEN insufficient_privilege THEN NULL;
END $$;

CREATE TABLE IF NOT EXISTS agency.former_facilitators (
    group_id text COLLATE "C" NOT NULL,
    login text COLLATE "C" NOT NULL,
    PRIMARY KEY (group_id, login)
);
ALTER TABLE agency.former_facilitators ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_rows ON agency.former_facilitators;
CREATE POLICY own_rows ON agency.former_facilitators FOR SELECT TO {FACILITATORS}
    USING (login = current_user);
DROP POLICY IF EXISTS admins ON agency.former_facilitators;
CREATE POLICY admins ON agency.former_facilitators FOR SELECT TO {ADMINS} USING (true);
GRANT SELECT ON agency.former_facilitators TO {FACILITATORS}, {ADMINS};

CREATE OR REPLACE FUNCTION agency.remember_former_facilitator() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $fn$
BEGIN
    IF TG_TABLE_SCHEMA <> 'agency' OR TG_TABLE_NAME <> 'group_facilitators' THEN
        RAISE EXCEPTION 'remember_former_facilitator belongs to agency.group_facilitators';
    END IF;
    INSERT INTO agency.former_facilitators (group_id, login) VALUES (OLD.group_id, OLD.login)
    ON CONFLICT DO NOTHING;
    RETURN OLD;
END
$fn$;
REVOKE ALL ON FUNCTION agency.remember_former_facilitator() FROM PUBLIC;
DROP TRIGGER IF EXISTS remember_former_facilitator ON agency.group_facilitators;
CREATE TRIGGER remember_former_facilitator AFTER DELETE ON agency.group_facilitators
    FOR EACH ROW EXECUTE FUNCTION agency.remember_former_facilitator();

-- The logins groupwork made: only their passwords may be set through it.
CREATE TABLE IF NOT EXISTS agency.logins (
    login text COLLATE "C" PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE agency.logins ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS admins ON agency.logins;
CREATE POLICY admins ON agency.logins FOR SELECT TO {ADMINS} USING (true);
GRANT SELECT ON agency.logins TO {ADMINS};

-- Make a login (or take an existing one) and give it one of groupwork's roles; set its
-- password from a SCRAM verifier. Refuses any role that could do more than that: the
-- database's owner, superusers, roles that may create roles, bypass row-level security or
-- replicate, PostgreSQL's own roles and groupwork's three.
CREATE OR REPLACE FUNCTION agency.add_login(login text, role text, verifier text)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $fn$
DECLARE
    target text;
    existing pg_catalog.pg_roles%ROWTYPE;
    created boolean := false;
BEGIN
    target := CASE role WHEN 'facilitator' THEN '{FACILITATORS}'
                        WHEN 'coordinator' THEN '{COORDINATORS}'
                        WHEN 'admin' THEN '{ADMINS}' END;
    IF target IS NULL THEN
        RAISE EXCEPTION 'unknown role %', role USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO existing FROM pg_catalog.pg_roles r WHERE r.rolname = login;
    IF existing.oid IS NULL THEN
        EXECUTE pg_catalog.format('CREATE ROLE %I LOGIN', login);
        INSERT INTO agency.logins (login) VALUES (login) ON CONFLICT DO NOTHING;
        created := true;
    ELSIF existing.rolsuper OR existing.rolcreaterole OR existing.rolbypassrls
        OR existing.rolreplication
        OR login LIKE 'pg\\_%' OR login IN ('{FACILITATORS}', '{COORDINATORS}', '{ADMINS}')
        OR pg_catalog.pg_has_role(existing.oid, (SELECT d.datdba FROM pg_catalog.pg_database d
                                              WHERE d.datname = pg_catalog.current_database()),
                                  'MEMBER')
    THEN
        RAISE EXCEPTION 'the role % may do more than groupwork gives: it is not changed', login
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    EXECUTE pg_catalog.format('GRANT %I TO %I', target, login);
    IF role = 'coordinator' THEN
        -- SQL tools see the views first too (the app sets it on every connection).
        EXECUTE pg_catalog.format('ALTER ROLE %I SET search_path = coordinator, public', login);
    END IF;
    IF coalesce(verifier, '') <> '' THEN
        IF NOT EXISTS (SELECT FROM agency.logins l WHERE l.login = add_login.login) THEN
            RAISE EXCEPTION 'the login % was not made by groupwork: its password is not changed',
                login USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
            RAISE EXCEPTION 'a password is set from a SCRAM-SHA-256 verifier only'
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        EXECUTE pg_catalog.format('ALTER ROLE %I PASSWORD %L', login, verifier);
    END IF;
    RETURN created;
END
$fn$;
REVOKE ALL ON FUNCTION agency.add_login(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agency.add_login(text, text, text) TO {ADMINS};

-- Who may call what: the policies' helpers by the facilitators they filter; erasure entries
-- by facilitators and admins (the function checks the group); the chain's head by everyone
-- of groupwork's; trigger functions by no one.
REVOKE ALL ON FUNCTION public.groupwork_my_groups() FROM PUBLIC;
REVOKE ALL ON FUNCTION public.groupwork_my_sessions() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.groupwork_my_groups(), public.groupwork_my_sessions()
    TO {FACILITATORS}, {ADMINS};
GRANT EXECUTE ON FUNCTION public.groupwork_audit_event(text, text, text, text)
    TO {FACILITATORS}, {ADMINS};
GRANT EXECUTE ON FUNCTION public.groupwork_audit_head(), public.groupwork_audit_hash_at(bigint)
    TO {FACILITATORS}, {COORDINATORS}, {ADMINS};
"""


def _owner(conn: Any) -> dict:
    return conn.execute(
        "select r.rolname as name, r.rolsuper as super, r.rolcanlogin as can_login, "
        "current_user = r.rolname as is_current, session_user = r.rolname as is_session, "
        "pg_has_role(current_user, r.oid, 'MEMBER') as member "
        "from pg_database d join pg_roles r on r.oid = d.datdba "
        "where d.datname = current_database()"
    ).fetchone()


@contextmanager
def as_owner(conn: Any) -> Iterator[None]:
    """Work as the database's owner when the login is not it but may be (the server's
    superuser running ``agency init`` or an upgrade), so every table and function made
    belongs to the owner, as the owner role cannot log in itself."""
    from psycopg import sql

    owner = _owner(conn)
    if owner is None or owner["is_current"] or not owner["member"]:
        yield
        return
    conn.execute(sql.SQL("set role {}").format(sql.Identifier(owner["name"])))
    try:
        yield
    finally:
        if not (conn.closed or conn.broken):
            conn.execute("reset role")


def harden_roles(conn: Any) -> None:
    """The owner may not log in (unless this very login is the owner: it would lock itself
    out) and no role but a superuser is a member of it; admins lose CREATEROLE, which older
    versions of groupwork gave them."""
    from psycopg import sql

    conn.execute(HARDENING)
    owner = _owner(conn)
    may = conn.execute(
        "select rolsuper or rolcreaterole as may from pg_roles where rolname = current_user"
    ).fetchone()["may"]
    if not may:
        return
    if owner["can_login"] and not owner["super"] and not owner["is_session"]:
        conn.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(owner["name"])))
    climbers = conn.execute(
        "select r.rolname from pg_roles r where pg_has_role(r.oid, %s, 'MEMBER') "
        "and r.rolcreaterole and not r.rolsuper and r.rolname <> %s",
        [ADMINS, owner["name"]],
    ).fetchall()
    for row in climbers:
        conn.execute(sql.SQL("ALTER ROLE {} NOCREATEROLE").format(sql.Identifier(row["rolname"])))
    # Nobody but superusers may become the owner (a grant an older set-up may have made).
    members = conn.execute(
        "select m.member::regrole::text as member from pg_auth_members m "
        "join pg_roles r on r.oid = m.member "
        "where m.roleid = (select datdba from pg_database where datname = current_database()) "
        "and not r.rolsuper"
    ).fetchall()
    for row in members:
        conn.execute(
            sql.SQL("REVOKE {} FROM {}").format(
                sql.Identifier(owner["name"]), sql.SQL(row["member"])
            )
        )


def add_login(conn: Any, login: str, role: str, password_verifier: str = "") -> bool:
    """Give ``login`` ``role`` (facilitator, coordinator or admin, checked by the caller and
    again by the server) through the owner's ``agency.add_login``, making the login when new.
    True when it was made. A role groupwork must not touch is refused with a message."""
    import psycopg

    try:
        row = conn.execute(
            "select agency.add_login(%s, %s, %s) as created", [login, role, password_verifier]
        ).fetchone()
    except psycopg.errors.InsufficientPrivilege as exc:
        reason = str(exc.diag.message_primary or exc)
        if "permission denied for function" in reason:
            message = _("Only the agency's admins add logins. Nothing was changed.")
        elif "not made by groupwork" in reason:
            message = _(
                "{login} is a login groupwork did not make: its password is its own, and "
                "groupwork does not set it. Nothing was changed."
            )
        elif "may do more than groupwork gives" in reason:
            message = _(
                "{login} is a role groupwork may not change: a superuser, the database's owner, "
                "a role that may create roles or bypass row-level security, or one of "
                "PostgreSQL's own. Nothing was changed."
            )
        else:  # the server's own set-up (e.g. an owner without CREATEROLE): its words
            message = _(
                "The server refused to make the login {login}: {error}. Nothing was changed."
            )
        raise GroupworkError(message.format(login=login, error=reason)) from exc
    return bool(row["created"])
