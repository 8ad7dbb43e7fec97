"""The audit log: who changed which member, assessment or consent record, and when.

Rows are written by SQLite triggers, so every code path (TUI, CLI, import, erasure, a future
feature) is covered without anyone remembering to call a function. Rows name the table, the
record, the action and the *names* of the changed columns, never their values: the log must
not become a second copy of the personal data (an erased member's name stays erased). The
table is append-only: triggers abort any UPDATE or DELETE of its rows.

Who: the connection's ``groupwork_actor()`` SQL function (``GROUPWORK_USER``, else the OS
user), registered on every connection groupwork opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: sqlite-utils is imported through groupwork.store
    from sqlite_utils import Database

AUDITED_TABLES = ("members", "assessments", "consents")
"""Tables whose every insert, update and delete is logged."""


@dataclass(frozen=True)
class AuditEntry:
    """One audit row."""

    id: int
    at: str
    actor: str
    table_name: str
    record_id: str
    group_id: str | None
    action: str
    columns: tuple[str, ...]


def _trigger_sql(db: Database, table: str) -> dict[str, str]:
    """The three audit triggers of ``table``, written for its current columns."""
    cols = [c for c in db[table].columns_dict if c != "id"]
    insert_cols = "table_name, record_id, group_id, action, columns, actor"
    changed = " || ".join(
        f"CASE WHEN OLD.\"{c}\" IS NOT NEW.\"{c}\" THEN '{c},' ELSE '' END" for c in cols
    )
    any_change = " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in cols)
    return {
        f"audit_{table}_insert": (
            f'CREATE TRIGGER audit_{table}_insert AFTER INSERT ON "{table}" BEGIN '
            f"INSERT INTO audit_log ({insert_cols}) VALUES "
            f"('{table}', NEW.id, NEW.group_id, 'insert', '', groupwork_actor()); END"
        ),
        f"audit_{table}_update": (
            f'CREATE TRIGGER audit_{table}_update AFTER UPDATE ON "{table}" '
            f"WHEN {any_change} BEGIN "
            f"INSERT INTO audit_log ({insert_cols}) VALUES "
            f"('{table}', NEW.id, NEW.group_id, 'update', rtrim({changed}, ','), "
            f"groupwork_actor()); END"
        ),
        f"audit_{table}_delete": (
            f'CREATE TRIGGER audit_{table}_delete AFTER DELETE ON "{table}" BEGIN '
            f"INSERT INTO audit_log ({insert_cols}) VALUES "
            f"('{table}', OLD.id, OLD.group_id, 'delete', '', groupwork_actor()); END"
        ),
    }


def ensure_audit_triggers(db: Database) -> None:
    """(Re)create the record triggers when missing or written for other columns.

    Runs after migrations on every open, so a later migration that adds a column to an audited
    table gets it into the log without touching this module. Costs one read of sqlite_master.
    """
    if "audit_log" not in db.table_names():
        return
    existing = {
        r[0]: r[1]
        for r in db.conn.execute(
            "select name, sql from sqlite_master where type='trigger' and name like 'audit_%'"
        )
    }
    wanted = {}
    for table in AUDITED_TABLES:
        wanted.update(_trigger_sql(db, table))
    stale = [name for name, sql in wanted.items() if existing.get(name) != sql]
    if not stale:
        return
    with db.atomic():
        for name in stale:
            db.conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
            db.conn.execute(wanted[name])


def record_event(db: Database, action: str, table: str, record_id: str, group_id: str | None):
    """Add an entry the triggers cannot see (an erasure, a backup restore). No values."""
    db.conn.execute(
        "INSERT INTO audit_log (table_name, record_id, group_id, action, columns, actor) "
        "VALUES (?, ?, ?, ?, '', groupwork_actor())",
        [table, record_id, group_id, action],
    )


def audit_entries(db: Database, group_id: str | None = None, limit: int | None = None):
    """Audit entries, oldest first (of one group when ``group_id`` is given)."""
    sql = "select id, at, actor, table_name, record_id, group_id, action, columns from audit_log"
    params: list = []
    if group_id is not None:
        sql += " where group_id = ?"
        params.append(group_id)
    sql += " order by id"
    if limit is not None:
        sql += f" limit {int(limit)}"
    return [
        AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(filter(None, r[7].split(","))))
        for r in db.conn.execute(sql, params)
    ]
