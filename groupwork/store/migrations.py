"""The database schema, created and changed only through these migrations.

``MIGRATIONS.apply(db)`` runs on every open. Never edit a migration that has shipped: add a
new one at the end (``m00N_what_it_does``). Each runs in a transaction with the record of it
having been applied, so a failed migration leaves the database as it was.

Column types follow the models: text for ids, dates (ISO 8601) and JSON lists; integers for
numbers and booleans; real for durations and scores.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("groupwork")

_GROUP_FK = ("group_id", "groups", "id")


def _group_table(db: Database, name: str, columns: dict, *, extra_fks=(), not_null=()) -> None:
    """Create a table of records that belong to a group."""
    db[name].create(
        {"id": str, "group_id": str, **columns},
        pk="id",
        foreign_keys=[_GROUP_FK, *extra_fks],
        not_null={"group_id", *not_null},
    )
    db[name].create_index(["group_id"])


@MIGRATIONS()
def m001_initial(db: Database) -> None:
    db["groups"].create(
        {
            "id": str,
            "name": str,
            "agency": str,
            "purpose": str,
            "problem_situation": str,
            "rationale": str,
            "target_population": str,
            "referral_sources": str,  # JSON list
            "selection_criteria": str,
            "admission_rules": str,
            "formality": str,
            "openness": str,
            "facilitators": str,  # JSON list
            "planned_sessions": int,
            "start_date": str,
            "end_date": str,
            "current_stage": int,
            "status": str,
            "created_at": str,
        },
        pk="id",
        not_null={"name"},
    )
    db["groups"].create_index(["name"])

    _group_table(
        db,
        "members",
        {
            "real_name": str,
            "pseudonym": str,
            "joined_on": str,
            "left_on": str,
            "referral_source": str,
            "decision": str,
            "decision_reason": str,
            "decided_on": str,
            "orientation_given": int,
            "role": str,
            "notes": str,
            "erased": int,
        },
        not_null={"pseudonym"},
    )

    _group_table(
        db,
        "consents",
        {
            "member_id": str,
            "given_on": str,
            "scopes": str,  # JSON list
            "agencies": str,  # JSON list
            "withdrawn_on": str,
            "notes": str,
        },
        extra_fks=[("member_id", "members", "id")],
    )
    db["consents"].create_index(["member_id", "given_on"])

    _group_table(
        db,
        "stage_progress",
        {
            "stage": int,
            "status": str,
            "started_on": str,
            "completed_on": str,
            "narrative": str,
            "unmet_criteria": str,  # JSON list
            "override_reason": str,
        },
    )
    db["stage_progress"].create_index(["group_id", "stage"], unique=True)

    _group_table(
        db,
        "ground_rules",
        {
            "text": str,
            "proposed_by": str,
            "proposed_by_member_id": str,
            "agreed_on": str,
            "revisions": str,  # JSON list of {revised_on, previous_text, reason}
            "retired_on": str,
            "retired_reason": str,
        },
    )

    _group_table(
        db,
        "assessments",
        {
            "member_id": str,
            "kind": str,
            "assessed_on": str,
            "bio_psycho_social": str,
            "family": str,
            "risk": str,
            "risk_level": str,
            "needs": str,
            "strengths": str,
            "severity": int,
            "notes": str,
        },
        extra_fks=[("member_id", "members", "id")],
    )
    db["assessments"].create_index(["member_id"])

    _group_table(db, "group_issues", {"title": str, "description": str, "raised_on": str})

    _group_table(
        db,
        "goals",
        {
            "title": str,
            "description": str,
            "member_id": str,
            "horizon": str,
            "priority": int,
            "status": str,
            "progress": int,
            "issue_ids": str,  # JSON list
            "set_on": str,
            "target_date": str,
        },
        extra_fks=[("member_id", "members", "id")],
    )

    _group_table(
        db,
        "sessions",
        {
            "number": int,
            "held_on": str,
            "started_at": str,
            "ended_at": str,
            "status": str,
            "cancel_reason": str,
            "stages": str,  # JSON list of ints
            "plan": str,
            "notes": str,
            "questions": str,  # JSON lists
            "themes": str,
            "feelings": str,
            "society_links": str,
            "next_steps": str,
        },
    )
    db["sessions"].create_index(["group_id", "number"])

    _group_table(
        db,
        "tasks",
        {
            "title": str,
            "description": str,
            "goal_id": str,
            "agreed_session_id": str,
            "due_on": str,
            "status": str,
            "done_session_id": str,
            "done_on": str,
            "created_at": str,
            "updated_at": str,
        },
        extra_fks=[
            ("goal_id", "goals", "id"),
            ("agreed_session_id", "sessions", "id"),
            ("done_session_id", "sessions", "id"),
        ],
    )
    db["tasks"].create_index(["status", "due_on"])
    # Assignees are members or the facilitator, so no foreign key on assignee_id.
    db["task_assignees"].create(
        {"task_id": str, "assignee_id": str, "position": int},
        pk=("task_id", "assignee_id"),
        foreign_keys=[("task_id", "tasks", "id")],
    )
    db["task_assignees"].create_index(["assignee_id"])

    db["attendance"].create(
        {
            "id": str,
            "session_id": str,
            "member_id": str,
            "status": str,
            "reason": str,
            "recorded_at": str,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id"), ("member_id", "members", "id")],
        not_null={"session_id", "member_id", "status"},
    )
    db["attendance"].create_index(["session_id", "member_id"], unique=True)
    db["attendance"].create_index(["member_id"])

    # actor_id and responds_to_id hold a member id or "facilitator": no foreign key.
    db["participation_events"].create(
        {
            "id": str,
            "session_id": str,
            "actor_id": str,
            "kind": str,
            "at": str,
            "duration_seconds": float,
            "responds_to_id": str,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
        not_null={"session_id", "actor_id", "kind", "at"},
    )
    db["participation_events"].create_index(["session_id", "at"])
    db["participation_events"].create_index(["actor_id"])

    db["group_marks"].create(
        {"id": str, "session_id": str, "kind": str, "at": str, "notes": str},
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
        not_null={"session_id", "kind", "at"},
    )
    db["group_marks"].create_index(["session_id", "at"])

    _group_table(db, "rating_scales", {"name": str, "minimum": int, "maximum": int})
    db["ratings"].create(
        {"id": str, "session_id": str, "member_id": str, "scale_id": str, "score": float},
        pk="id",
        foreign_keys=[
            ("session_id", "sessions", "id"),
            ("member_id", "members", "id"),
            ("scale_id", "rating_scales", "id"),
        ],
        not_null={"session_id", "member_id", "scale_id"},
    )
    db["ratings"].create_index(["session_id", "member_id", "scale_id"], unique=True)

    _group_table(
        db,
        "reviews",
        {
            "held_on": str,
            "session_id": str,
            "goal_progress": str,  # JSON list
            "obstacles": str,  # JSON list
            "successes": str,
            "weaknesses": str,
            "member_coordinator_id": str,
            "notes": str,
        },
        extra_fks=[("session_id", "sessions", "id")],
    )

    _group_table(
        db,
        "new_situations",
        {
            "level": str,
            "member_id": str,
            "description": str,
            "identified_on": str,
            "joint_analysis": str,
            "plan_changes": str,
            "analysed_on": str,
        },
        extra_fks=[("member_id", "members", "id")],
    )

    _group_table(
        db,
        "handover_steps",
        {
            "on": str,
            "facilitator_role": str,
            "member_id": str,
            "member_role": str,
            "notes": str,
        },
        extra_fks=[("member_id", "members", "id")],
    )

    _group_table(
        db,
        "endorsements",
        {"name": str, "position": str, "endorsed_on": str},
    )


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
            MIGRATIONS.apply(db)
            ensure_audit_triggers(db)
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        db.conn.execute("COMMIT")
    ensure_audit_triggers(db)


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

    for table in db.table_names():
        if table == "audit_log" or table.startswith("_") or table.startswith("sqlite_"):
            continue
        text_columns = [c.name for c in db[table].columns if c.type.upper() == "TEXT"]
        for row in list(db[table].rows_where(select="rowid, *")):
            changes = {}
            for name in text_columns:
                value = row[name]
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
            if changes:
                assignments = ", ".join(f'"{name}" = ?' for name in changes)
                db.execute(
                    f'UPDATE "{table}" SET {assignments} WHERE rowid = ?',
                    [*changes.values(), row["rowid"]],
                )


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
