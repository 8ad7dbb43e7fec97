"""The database schema, created and changed only through these migrations.

``MIGRATIONS.apply(db)`` runs on every open. Never edit a migration that has shipped: add a
new one at the end (``m00N_what_it_does``). Each runs in a transaction with the record of it
having been applied, so a failed migration leaves the database as it was.

Column types follow the models: text for ids, dates (ISO 8601) and JSON lists; integers for
numbers and booleans; real for durations and scores.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

# The set, and m001 (the long initial schema), live in schema_initial: importing it before the
# later migrations below are defined keeps them registered in order.
from groupwork.store.schema_initial import MIGRATIONS
from groupwork.store.schema_initial import group_table as _group_table


@MIGRATIONS()
def m002_handover_taken_on(db: Database) -> None:
    # "on" is an SQL keyword: every query had to quote it. Same data, plainer name.
    db["handover_steps"].transform(rename={"on": "taken_on"})


@MIGRATIONS()
def m003_closure_reflections(db: Database) -> None:
    # The worker's own reflection at closure (knowledge used, teamwork, strengths and
    # weaknesses of their practice, recommendations): one record per group.
    _group_table(
        db,
        "closure_reflections",
        {
            "knowledge_and_theory": str,
            "teamwork_and_partners": str,
            "practice_strengths": str,
            "practice_weaknesses": str,
            "recommendations": str,
            "updated_at": str,
        },
    )


def refuse_newer_schema(db: Database) -> None:
    """Raise ``StorageError`` when a newer groupwork changed this database's schema.

    This version does not know those changes: writing with it could break rules the newer
    schema relies on, so the file is left exactly as it is and the person is told to update.
    """
    from groupwork.errors import StorageError
    from groupwork.i18n import _

    # sqlite-utils has no public list of a set's migrations; _migrations is that list.
    known = {migration.name for migration in MIGRATIONS._migrations}
    unknown = [a.name for a in MIGRATIONS.applied(db) if a.name not in known]
    if unknown:
        raise StorageError(
            _(
                "This database was changed by a newer version of groupwork ({changes}); "
                "nothing was changed. Update groupwork to open it."
            ).format(changes=", ".join(unknown))
        )


def apply_migrations(db: Database) -> None:
    """Bring ``db`` up to the current schema (and its audit triggers up to date)."""
    from groupwork.store.audit import ensure_audit_triggers

    refuse_newer_schema(db)
    if MIGRATIONS.pending(db):
        # Take the write lock before reading what is pending: two commands opening a new
        # database at once would otherwise both try to migrate, and the one that reads first
        # cannot wait for the other (SQLite answers "locked" at once). The second waits here,
        # then finds nothing left to do.
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            refuse_newer_schema(db)
            from groupwork.store.upgrade_progress import apply_in_steps

            apply_in_steps(db, MIGRATIONS)  # step by step when someone shows the progress
            ensure_audit_triggers(db)
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        db.conn.execute("COMMIT")
    ensure_audit_triggers(db)


def upgrade_pending(path: Path | str) -> bool:
    """True when the SQLite file at ``path`` exists, has migrations applied and lacks some of
    groupwork's (read-only look; False for anything it cannot read, e.g. encrypted)."""
    migrations = MIGRATIONS
    path = Path(path)
    if str(path) == ":memory:" or not path.is_file():
        return False
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        rows = conn.execute(
            f"SELECT name FROM {migrations.migrations_table} WHERE migration_set = ?",
            [migrations.name],
        ).fetchall()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    applied = {name for (name,) in rows}
    known = {migration.name for migration in migrations._migrations}
    return bool(applied) and bool(known - applied)


@MIGRATIONS()
def m101_audit_log(db: Database) -> None:
    # Append-only: the log is evidence, so no code path may rewrite or delete it. The
    # per-table triggers that fill it are (re)created by groupwork.store.audit after
    # migrations, so they always match the audited tables' current columns.
    db.execute(
        """
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            actor TEXT NOT NULL,
            table_name TEXT NOT NULL,
            record_id TEXT NOT NULL,
            group_id TEXT,
            action TEXT NOT NULL,
            columns TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX idx_audit_log_group ON audit_log (group_id, id)")
    db.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )


# Text that validation now refuses (issue 8): control characters, direction overrides, and
# line breaks in names and titles. Rows stored before must still load (every row is
# validated when read), and must not reach the terminal as escape sequences.
_UNCLEAN = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
# One-line columns as the models stood when this migration was written.
_ONE_LINE_COLUMNS = {
    "groups": {"name", "facilitators"},
    "members": {"real_name", "pseudonym"},
    "group_issues": {"title"},
    "goals": {"title"},
    "tasks": {"title"},
    "rating_scales": {"name"},
    "endorsements": {"name"},
}


@MIGRATIONS()
def m004_safefiles_clean_text(db: Database) -> None:
    import json
    import re

    unclean = re.compile(_UNCLEAN)

    def clean(value, one_line: bool):
        if isinstance(value, list):
            return [clean(v, one_line) for v in value]
        if isinstance(value, dict):
            return {k: clean(v, one_line) for k, v in value.items()}
        if not isinstance(value, str):
            return value
        text = value.replace("\r\n", "\n").replace("\r", "\n")
        if one_line:
            text = " ".join(text.replace("\t", " ").split("\n"))
        return unclean.sub("", text)

    def changes_of(row: tuple, text_columns: list[str], table: str) -> dict:
        changes = {}
        for name, value in zip(text_columns, row, strict=True):
            if not isinstance(value, str) or (
                value.isprintable() and not value.startswith(("[", "{"))
            ):
                continue  # the common case: nothing invisible in it
            one_line = name in _ONE_LINE_COLUMNS.get(table, ())
            if value[:1] in "[{":  # JSON lists: their control characters are escaped
                try:
                    decoded = json.loads(value)
                except ValueError:
                    decoded = None
                if isinstance(decoded, list | dict):
                    cleaned = clean(decoded, one_line)
                    if cleaned != decoded:
                        changes[name] = json.dumps(cleaned, ensure_ascii=False)
                    continue
            cleaned = clean(value, one_line).strip() if one_line else clean(value, one_line)
            if cleaned != value:
                changes[name] = cleaned or "-"
        return changes

    for table in db.table_names():
        if table == "audit_log" or table.startswith("_") or table.startswith("sqlite_"):
            continue
        text_columns = [c.name for c in db[table].columns if c.type.upper() == "TEXT"]
        if not text_columns:
            continue
        # In batches by rowid, only the text columns: memory stays the same whatever the size
        # of the table (it held each table in a list: 1.45 GiB at agency scale).
        selected = ", ".join(f'"{name}"' for name in text_columns)
        after = None
        while True:
            rows = db.execute(
                f'SELECT rowid, {selected} FROM "{table}" '
                + ("" if after is None else "WHERE rowid > ? ")
                + "ORDER BY rowid LIMIT ?",
                ([] if after is None else [after]) + [_BATCH_ROWS],
            ).fetchall()
            if not rows:
                break
            after = rows[-1][0]
            for rowid, *values in rows:
                changes = changes_of(values, text_columns, table)
                if changes:
                    assignments = ", ".join(f'"{name}" = ?' for name in changes)
                    db.execute(
                        f'UPDATE "{table}" SET {assignments} WHERE rowid = ?',
                        [*changes.values(), rowid],
                    )


_BATCH_ROWS = 5000
"""Rows a migration that reads every row holds at once."""


@MIGRATIONS()
def m004_scrub_other_name_decisions(db: Database) -> None:
    # The worker's replace/keep choice for each possible non-member name the pre-share check
    # flagged, so the scrubber applies it to every later review of the group.
    _group_table(
        db,
        "other_name_decisions",
        {"name": str, "replace": int, "decided_at": str},
        not_null={"name", "replace"},
    )
    db["other_name_decisions"].create_index(["group_id", "name"], unique=True)


DUE_LAST = "coalesce(due_on, '9999-12-31')"
"""A task's due date, or a day after every real one: the order of every task table."""


@MIGRATIONS()
def m120_coord_indexes(db: Database) -> None:
    # The coordinator's views read one group's slice of each table, or one page of a table in
    # the order shown, so each index leads with the group or with the order: a group's overdue
    # count is a range of one index (not a scan of every group's open tasks), and the first
    # page of tasks by due date is the first entries of an index, not a sort of every task.
    db["tasks"].create_index(["group_id", "status", "due_on"], if_not_exists=True)
    # Tasks with no due date sort last: the views order by this expression (same text).
    db.execute(f"CREATE INDEX IF NOT EXISTS idx_tasks_due_last ON tasks ({DUE_LAST})")
    db.execute(
        f"CREATE INDEX IF NOT EXISTS idx_tasks_status_due_last ON tasks (status, {DUE_LAST})"
    )
    db["tasks"].create_index(["title"], if_not_exists=True)
    # Counting a member's tasks (and how many are overdue) from indexes alone: their task ids
    # by assignee, then each task's status and due date by id.
    db["task_assignees"].create_index(["assignee_id", "task_id"], if_not_exists=True)
    db["tasks"].create_index(["id", "status", "due_on"], if_not_exists=True)
    db["tasks"].create_index(["status", "done_on"], if_not_exists=True)
    db["sessions"].create_index(["group_id", "status", "held_on"], if_not_exists=True)
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_members_pseudonym_nocase "
        "ON members (pseudonym COLLATE NOCASE)"
    )
    db["stage_progress"].create_index(["completed_on"], if_not_exists=True)
    db["stage_progress"].create_index(["started_on"], if_not_exists=True)
    # Statistics for the query planner, bounded so a large database is not read whole here;
    # Store.close keeps them current with PRAGMA optimize.
    db.execute("PRAGMA analysis_limit = 1000")
    db.execute("ANALYZE")


@MIGRATIONS()
def m005_course_member_keys(db: Database) -> None:
    # A member's recorder key, as a slot number (0 is key 1), kept for the life of the group:
    # a facilitator who has learned the keys must never see them move when someone withdraws.
    db["member_keys"].create(
        {"member_id": str, "group_id": str, "slot": int},
        pk="member_id",
        foreign_keys=[("member_id", "members", "id"), ("group_id", "groups", "id")],
        not_null={"group_id", "slot"},
    )
    db["member_keys"].create_index(["group_id", "slot"], unique=True)
    # The anchors of a rating scale: the agency's own words for some scores ("1=hardly",
    # "5=fully"), stored as a JSON list of "score=words" lines.
    db["rating_scales"].add_column("anchors", str, not_null_default="[]")
    # The planned start time of a session planned ahead (local time, "HH:MM:SS").
    db["sessions"].add_column("planned_time", str)


@MIGRATIONS()
def m130_review2_goal_revisions_drop_reason(db: Database) -> None:
    # A goal's earlier wordings with the reason for each change (stage 11), and why a task
    # was dropped (stage 8). Tasks dropped before this carry no reason: the rule applies
    # when a task becomes dropped, so they keep loading as they are.
    db["goals"].add_column("revisions", str)
    db["tasks"].add_column("drop_reason", str)


@MIGRATIONS()
def m004_forms_drafts(db: Database) -> None:
    # What a person is typing into a form, kept as they type so a crash or a closed terminal
    # loses nothing; one row per open form (``key``), deleted when the form is saved or the
    # person discards it. Not audited: a draft is not yet a record.
    db["form_drafts"].create(
        {"key": str, "group_id": str, "form_values": str, "saved_at": str},
        pk="key",
        not_null={"form_values", "saved_at"},
    )
    db["form_drafts"].create_index(["group_id"])


@MIGRATIONS()
def m005_pg_sync_records(db: Database) -> None:
    # What each record looked like (a hash of it) when this database last pushed to or pulled
    # from an agency database (`remote`): the common base that tells a change on one side
    # from a change on the other, and both from a conflict (groupwork/operations/sync.py).
    db["sync_records"].create(
        {"remote": str, "table_name": str, "record_id": str, "group_id": str, "hash": str},
        pk=("remote", "table_name", "record_id"),
        not_null={"group_id", "hash"},
    )
    db["sync_records"].create_index(["remote", "group_id"])


@MIGRATIONS()
def m006_pgsync2_conflicts_and_sync_log(db: Database) -> None:
    # A laptop's stable id, made once: the agency's record of syncs names laptops by it.
    db["sync_laptop"].create({"id": str, "created_at": str}, pk="id", not_null={"created_at"})
    # Conflicts found by the last push or pull, kept with both sides' versions (JSON; null when
    # that side erased the record) until a person settles them (groupwork conflicts).
    db["sync_conflicts"].create(
        {
            "id": str,
            "remote": str,
            "group_id": str,
            "table_name": str,
            "record_id": str,
            "fields": str,
            "mine": str,
            "theirs": str,
            "found_at": str,
        },
        pk="id",
        not_null={"remote", "group_id", "table_name", "record_id", "fields", "found_at"},
    )
    db["sync_conflicts"].create_index(["remote", "group_id"])
    # Each push or pull, as the agency database records it (an admin's "last sync" per laptop).
    db["sync_log"].create(
        {
            "id": str,
            "laptop_id": str,
            "login": str,
            "group_id": str,
            "direction": str,
            "at": str,
            "added": int,
            "changed": int,
            "erased": int,
            "conflicts": int,
            "failed": int,
        },
        pk="id",
        not_null={"laptop_id", "login", "group_id", "direction", "at"},
    )
    db["sync_log"].create_index(["laptop_id", "at"])


# Later migrations, one module per piece of work: each registers its own in MIGRATIONS when
# imported. Independent of each other, so their order here does not matter.
from groupwork.store import (  # noqa: E402, F401
    migrations_agency_roles,
    migrations_agency_sql,
    migrations_aids,
    migrations_names_a,
    migrations_names_core,
    migrations_names_doors,
    migrations_screens,
)
