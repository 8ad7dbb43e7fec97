"""Who sees what in an agency database, enforced by PostgreSQL itself.

``init_agency`` (``groupwork agency init``) creates three group roles and the rules they live by;
``add_user`` (``groupwork agency add-user``) gives a login one of them. The rules:

- **facilitators** read and write only the groups they facilitate (``agency.group_facilitators``;
  a group may have several), real names included, through row-level security on every table.
  A group a facilitator creates is theirs. Every policy calls ``groupwork_my_groups()`` (STABLE)
  inside a scalar subquery, so PostgreSQL runs it once per query (an InitPlan), not per row
  (``tests/pg/test_agency_plans.py`` counts the calls).
- **coordinators** have no right on any table. They read every group through the views of the
  ``coordinator`` schema: pseudonyms and no real names, no assessments, no consent records, no
  narratives or notes; and they may change a task's status through ``coordinator.tasks``.
- **admins** read and write everything and assign facilitators.

The audit log records the database login (``session_user``) of every change to members,
assessments and consents. Policies are written for every table by the column that ties it to a
group (``group_id``, else ``session_id``, else ``task_id``), so a table a later migration adds is
covered when ``init_agency`` runs again (``PgStore.open`` does that after migrating an agency
database); a table with no such column is refused rather than left open.
"""

from __future__ import annotations

from typing import Any

from groupwork.errors import GroupworkError
from groupwork.i18n import _
from groupwork.store.postgres.hardening import add_login, harden_roles

ROLES = {
    "facilitator": "groupwork_facilitators",
    "coordinator": "groupwork_coordinators",
    "admin": "groupwork_admins",
}
FACILITATORS, COORDINATORS, ADMINS = ROLES.values()
# The cast makes ANY take the array (one value), not the subquery (a set of rows); evaluated
# once per query, "column = ANY (array)" can use the column's index.
# Every table and function is named with its schema (issue 18): a policy's own references are
# bound when it is made, but the functions it calls look names up when they run, and a
# login's temporary table of the same name would stand in for the real one.
MINE = "(select public.groupwork_my_groups())::text[]"
MY_SESSIONS = "(select public.groupwork_my_sessions())::text[]"
# Tables every login reads, and no policy needs.
OPEN_TABLES = {"groupwork_migrations"}
# A laptop's own tables, unused on a server: admins only (the rule every table gets).
LAPTOP_TABLES = {"sync_laptop", "sync_audit_heads"}
# Each login's pushes and pulls: a facilitator writes and reads only their own rows (by login,
# not by group: the row of a pull that found the group gone must still be written), admins all.
SYNC_LOG_RULE = "login = current_user"
# ... and a row it writes names a group it facilitates, or facilitated until it was taken off
# (the pull that erases the laptop's copy is recorded too), never anyone else's.
SYNC_LOG_CHECK = (
    f"login = current_user AND (group_id = ANY ({MINE}) OR group_id IN "
    "(SELECT f.group_id FROM agency.former_facilitators f WHERE f.login = current_user))"
)
# A title (or a group's name) as typed may hold a member's name: the coordinator reads its
# shareable form, written by the app on every save (store/shared_titles.py); a row loaded by
# other means shows a dash.
SHARED_TITLE = "coalesce(nullif(title_shared, ''), '-') AS title"
# Columns of each table the coordinator's views show: no real names, notes or narratives.
# (Facilitators are staff: the coordinator's task filter "by facilitator" reads them; last,
# because CREATE OR REPLACE VIEW may only add columns at the end.)
COORDINATOR_VIEWS = {
    "groups": "id, coalesce(nullif(name_shared, ''), '-') AS name, agency, formality, "
    "openness, planned_sessions, start_date, end_date, current_stage, status, created_at, "
    "facilitators",
    "members": "id, group_id, pseudonym, joined_on, left_on, decision, decided_on, role, erased",
    "stage_progress": "id, group_id, stage, status, started_on, completed_on",
    "sessions": "id, group_id, number, held_on, started_at, ended_at, status, stages",
    "attendance": "id, session_id, member_id, status, recorded_at",
    "participation_events": "id, session_id, actor_id, kind, at, duration_seconds, responds_to_id",
    "group_marks": "id, session_id, kind, at",
    "goals": f"id, group_id, {SHARED_TITLE}, member_id, horizon, priority, status, progress, "
    "target_date",
    "tasks": f"id, group_id, {SHARED_TITLE}, goal_id, agreed_session_id, due_on, status, "
    "done_session_id, done_on, created_at, updated_at",
    "task_assignees": "task_id, assignee_id, position",
}
# Columns after _seq (a view may only grow at its end): the pseudonym stands in for the real
# name, so the app's lookups by name ("erase-member GROUP M1") find members by pseudonym.
COORDINATOR_VIEW_EXTRAS = {"members": ", pseudonym AS real_name"}
COORDINATOR_MAY_UPDATE = {"tasks": "status, done_on, done_session_id, updated_at"}

SETUP = f"""
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{FACILITATORS}') THEN
        CREATE ROLE {FACILITATORS} NOLOGIN; END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{COORDINATORS}') THEN
        CREATE ROLE {COORDINATORS} NOLOGIN; END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ADMINS}') THEN
        CREATE ROLE {ADMINS} NOLOGIN; END IF;
END $$;
-- Admins hold the other two roles (they read and write what both may); they give roles to
-- logins only through agency.add_login (hardening.py), never with ADMIN OPTION or CREATEROLE.
GRANT {FACILITATORS}, {COORDINATORS} TO {ADMINS};

CREATE SCHEMA IF NOT EXISTS agency;
CREATE TABLE IF NOT EXISTS agency.group_facilitators (
    group_id text COLLATE "C" NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    login text COLLATE "C" NOT NULL,
    PRIMARY KEY (group_id, login)
);
CREATE INDEX IF NOT EXISTS idx_group_facilitators_login ON agency.group_facilitators (login);
ALTER TABLE agency.group_facilitators ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_rows ON agency.group_facilitators;
CREATE POLICY own_rows ON agency.group_facilitators FOR SELECT TO {FACILITATORS}
    USING (login = current_user);
DROP POLICY IF EXISTS admins ON agency.group_facilitators;
CREATE POLICY admins ON agency.group_facilitators TO {ADMINS} USING (true) WITH CHECK (true);
GRANT USAGE ON SCHEMA agency TO {FACILITATORS}, {ADMINS};
GRANT SELECT ON agency.group_facilitators TO {FACILITATORS};
GRANT SELECT, INSERT, DELETE ON agency.group_facilitators TO {ADMINS};

-- The groups of the current login (SET ROLE included). Invoker's rights: it reads
-- group_facilitators through that table's own policy, so it can only ever name one's own.
CREATE OR REPLACE FUNCTION public.groupwork_my_groups() RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = '' AS $fn$
    SELECT coalesce(array_agg(group_id), '{{}}') FROM agency.group_facilitators
    WHERE login = current_user
$fn$;

-- The sessions of those groups: events, marks and attendance carry only a session id, and an
-- array of ids, computed once per query, is hashed by their policies' IN (SELECT unnest(...)).
-- The groups' call is a scalar subquery here too: bare, it ran once per session row scanned.
CREATE OR REPLACE FUNCTION public.groupwork_my_sessions() RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = '' AS $fn$
    SELECT coalesce(array_agg(s.id), '{{}}') FROM public.sessions s
    WHERE s.group_id = ANY ((SELECT public.groupwork_my_groups())::text[])
$fn$;

-- Whether a group with this whole id or name exists at all, for the "not yours" message. Not
-- a prefix of an id: that would let a login find, four characters at a time, the ids of
-- groups it may not read (an id itself, 32 characters, only confirms what one knows).
CREATE OR REPLACE FUNCTION public.groupwork_group_exists(ref text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $fn$
    SELECT EXISTS (SELECT FROM public.groups g WHERE g.id = ref OR lower(g.name) = lower(ref))
$fn$;
REVOKE ALL ON FUNCTION public.groupwork_group_exists(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.groupwork_group_exists(text)
    TO {FACILITATORS}, {COORDINATORS}, {ADMINS};

-- A group a facilitator creates is theirs.
CREATE OR REPLACE FUNCTION public.groupwork_creator_facilitates() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $fn$
BEGIN
    -- Only on public.groups: on a table a login made, NEW.id could be anyone's group.
    IF TG_TABLE_SCHEMA <> 'public' OR TG_TABLE_NAME <> 'groups' THEN
        RAISE EXCEPTION 'groupwork_creator_facilitates belongs to public.groups only';
    END IF;
    IF pg_has_role(session_user, '{FACILITATORS}', 'MEMBER') THEN
        INSERT INTO agency.group_facilitators (group_id, login) VALUES (NEW.id, session_user)
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NEW;
END
$fn$;
REVOKE ALL ON FUNCTION public.groupwork_creator_facilitates() FROM PUBLIC;
DROP TRIGGER IF EXISTS groupwork_creator_facilitates ON public.groups;
CREATE TRIGGER groupwork_creator_facilitates AFTER INSERT ON public.groups
    FOR EACH ROW EXECUTE FUNCTION public.groupwork_creator_facilitates();

CREATE SCHEMA IF NOT EXISTS coordinator;
GRANT USAGE ON SCHEMA coordinator TO {COORDINATORS}, {ADMINS};
"""


def _tables(conn: Any) -> dict[str, set[str]]:
    """Every table of the public schema and its columns."""
    found: dict[str, set[str]] = {}
    for row in conn.execute(
        "select c.table_name, c.column_name from information_schema.columns c "
        "join information_schema.tables t using (table_schema, table_name) "
        "where c.table_schema = 'public' and t.table_type = 'BASE TABLE'"
    ):
        found.setdefault(row["table_name"], set()).add(row["column_name"])
    return found


def _own_rows_rule(table: str, columns: set[str]) -> str:
    """The row filter that keeps a facilitator to their own groups (or syncs) in ``table``."""
    if table == "sync_log":
        return SYNC_LOG_RULE
    if table == "groups":
        return f"id = ANY ({MINE})"
    if "group_id" in columns:
        return f"group_id = ANY ({MINE})"
    if "session_id" in columns:
        # A set of ids, hashed once per query: "= ANY (array)" is turned into one index probe
        # per element of the array, and in a correlated lookup (a count per session, as the
        # coordinator's page makes) that was every session of the facilitator's groups again
        # for every outer row (issue 13: 473 ms for 160 rows on the agency database; 3 ms so).
        return f"session_id IN (SELECT unnest({MY_SESSIONS}))"
    if "task_id" in columns:
        return f"task_id IN (SELECT t.id FROM public.tasks t WHERE t.group_id = ANY ({MINE}))"
    raise GroupworkError(
        f"agency: no row-level rule for table {table} (no group_id, session_id or task_id)"
    )


def _policies(table: str, columns: set[str]) -> str:
    rule = "false" if table in LAPTOP_TABLES else _own_rows_rule(table, columns)
    check = rule
    if "session_id" in columns and "group_id" not in columns:
        # A written row (a key in the recorder) is checked by its own session, one index probe
        # under sessions' policy, instead of building every session id of the facilitator's
        # groups for each INSERT.
        check = f"EXISTS (SELECT 1 FROM public.sessions s WHERE s.id = {table}.session_id)"
    on = f"public.{table}"
    sql = [
        f"ALTER TABLE {on} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS facilitators ON {on}",
        f"DROP POLICY IF EXISTS facilitators_new_group ON {on}",
        f"DROP POLICY IF EXISTS admins ON {on}",
        f"CREATE POLICY admins ON {on} TO {ADMINS} USING (true) WITH CHECK (true)",
    ]
    if table == "audit_log":  # written by its trigger only: facilitators read their groups'
        sql += [
            f"CREATE POLICY facilitators ON {on} FOR SELECT TO {FACILITATORS} USING ({rule})",
            f"GRANT SELECT ON {on} TO {FACILITATORS}, {ADMINS}",
        ]
    elif table in LAPTOP_TABLES:
        sql.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {on} TO {ADMINS}")
    elif table == "sync_log":  # a log: written once, never changed by a facilitator
        sql += [
            f"CREATE POLICY facilitators ON {on} FOR SELECT TO {FACILITATORS} USING ({rule})",
            f"DROP POLICY IF EXISTS facilitators_insert ON {on}",
            f"CREATE POLICY facilitators_insert ON {on} FOR INSERT TO {FACILITATORS} "
            f"WITH CHECK ({SYNC_LOG_CHECK})",
            f"GRANT SELECT, INSERT ON {on} TO {FACILITATORS}, {ADMINS}",
        ]
    else:
        sql += [
            f"CREATE POLICY facilitators ON {on} TO {FACILITATORS} "
            f"USING ({rule}) WITH CHECK ({check})",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON {on} TO {FACILITATORS}, {ADMINS}",
        ]
    if table == "groups":  # a new group is not anyone's until its creator is recorded
        sql.append(
            f"CREATE POLICY facilitators_new_group ON public.groups FOR INSERT TO {FACILITATORS} "
            "WITH CHECK (true)"
        )
    return ";\n".join(sql) + ";\n"


def _coordinator_views() -> str:
    sql = []
    for table, columns in COORDINATOR_VIEWS.items():
        # _seq last: the store orders by it (insertion order), and CREATE OR REPLACE VIEW may
        # only add columns at the end of a view made before it was there.
        sql.append(
            f"CREATE OR REPLACE VIEW coordinator.{table} AS "
            f"SELECT {columns}, _seq{COORDINATOR_VIEW_EXTRAS.get(table, '')} FROM public.{table}"
        )
        sql.append(f"GRANT SELECT ON coordinator.{table} TO {COORDINATORS}, {ADMINS}")
    for table, columns in COORDINATOR_MAY_UPDATE.items():
        sql.append(f"GRANT UPDATE ({columns}) ON coordinator.{table} TO {COORDINATORS}")
    return ";\n".join(sql) + ";\n"


# Tables of the app that a coordinator reads nothing of; each gets an empty view (below).
NOT_FOR_COORDINATORS = {"audit_log", "sync_log", "sync_records", "sync_conflicts"}


def _coordinator_empty_views(tables: dict[str, set[str]]) -> str:
    """An empty view in the ``coordinator`` schema for every other table of the app (consents,
    assessments, notes...), so that the app's screens and commands, unchanged, read nothing
    there for a coordinator login instead of failing on the table it has no right on. Made
    again each time (nothing depends on them), so they follow the tables' columns."""
    sql = []
    for table in sorted(tables):
        if table in COORDINATOR_VIEWS or table in OPEN_TABLES or table in NOT_FOR_COORDINATORS:
            continue
        sql += [
            f"DROP VIEW IF EXISTS coordinator.{table}",
            f"CREATE VIEW coordinator.{table} AS SELECT * FROM public.{table} WHERE false",
            f"GRANT SELECT ON coordinator.{table} TO {COORDINATORS}, {ADMINS}",
        ]
    return ";\n".join(sql) + ";\n" if sql else ""


def apply_access_rules(conn: Any) -> None:
    """(Re)create the roles, policies, grants and views (idempotent; one transaction)."""
    with conn.transaction():
        conn.execute(SETUP)
        harden_roles(conn)  # before the policies: sync_log's names agency.former_facilitators
        tables = _tables(conn)
        for table, columns in sorted(tables.items()):
            if table in OPEN_TABLES:
                conn.execute(f"GRANT SELECT ON {table} TO {FACILITATORS}, {COORDINATORS}, {ADMINS}")
                continue
            conn.execute(_policies(table, columns))
        conn.execute(_coordinator_views())
        if empty := _coordinator_empty_views(tables):
            conn.execute(empty)
        conn.execute(f"GRANT USAGE ON SCHEMA public TO {FACILITATORS}, {COORDINATORS}, {ADMINS}")


def is_agency_database(conn: Any) -> bool:
    """True once ``init_agency`` has run on this database."""
    row = conn.execute("select to_regclass('agency.group_facilitators') as t").fetchone()
    return row["t"] is not None


def read_through_views(conn: Any) -> bool:
    """For a coordinator login (not also a facilitator or admin), put the ``coordinator``
    views first on the search path, so every query of the store, unchanged, reads the
    pseudonymised views instead of the tables it has no right on. True when set."""
    row = conn.execute(
        "select to_regrole(%s) is not null and pg_has_role(%s, 'member') "
        "and not pg_has_role(%s, 'member') and not pg_has_role(%s, 'member') as coordinator",
        [COORDINATORS, COORDINATORS, FACILITATORS, ADMINS],
    ).fetchone()
    if not row["coordinator"]:
        return False
    conn.execute("set search_path = coordinator, public")
    return True


def add_user(
    conn: Any, login: str, role: str, groups: list[str] = (), password_verifier: str = ""
) -> bool:
    """Give ``login`` ``role`` (creating the login when new); add them as a facilitator of
    ``groups`` (ids); set the password from a SCRAM verifier when given. Returns True when the
    login was created."""
    if role not in ROLES:
        raise GroupworkError(
            _("Unknown role {role}: use facilitator, coordinator or admin.").format(role=role)
        )
    with conn.transaction():
        created = add_login(conn, login, role, password_verifier)
        for group_id in groups:
            conn.execute(
                "insert into agency.group_facilitators (group_id, login) values (%s, %s) "
                "on conflict do nothing",
                [group_id, login],
            )
    return created


def remove_facilitator(conn: Any, login: str, groups: list[str]) -> int:
    """Take ``login`` off the facilitators of ``groups`` (ids); their laptop copies are erased
    at their next push or pull. Returns how many groups they were taken off."""
    with conn.transaction():
        cursor = conn.execute(
            "delete from agency.group_facilitators where login = %s and group_id = any(%s)",
            [login, list(groups)],
        )
    return cursor.rowcount


def scram_verifier(password: str, salt: bytes | None = None, iterations: int = 4096) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for ``password`` (as psql's \\password
    makes it), so the password itself never travels to the server or its logs."""
    import base64
    import hashlib
    import hmac
    import os
    import unicodedata

    salt = salt or os.urandom(16)
    # SASLprep, in the part that matters for typed passwords: NFKC normalisation.
    salted = hashlib.pbkdf2_hmac(
        "sha256", unicodedata.normalize("NFKC", password).encode(), salt, iterations
    )
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()
    b64 = base64.b64encode
    return (
        f"SCRAM-SHA-256${iterations}:{b64(salt).decode()}"
        f"${b64(stored_key).decode()}:{b64(server_key).decode()}"
    )
