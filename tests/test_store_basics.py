"""The store: migrations from blank, pragmas, and round trips of the core records."""

from __future__ import annotations

from datetime import date

import pytest

from groupwork import models as m
from groupwork.errors import NotFoundError
from groupwork.store import Store
from groupwork.store.converters import TABLES
from groupwork.store.migrations import MIGRATIONS


def test_migrations_create_every_table_from_blank():
    store = Store.memory()
    tables = set(store.db.table_names())
    assert set(TABLES.values()) <= tables
    assert "task_assignees" in tables
    assert [mig.name for mig in MIGRATIONS.pending(store.db)] == []
    assert store.db["members"].columns_dict["real_name"] is str


def test_open_twice_applies_nothing_new(db_path):
    Store.open(db_path).close()
    store = Store.open(db_path)
    assert MIGRATIONS.pending(store.db) == []
    assert store.db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("pragma foreign_keys").fetchone()[0] == 1


def test_new_database_file_is_private(db_path):
    Store.open(db_path).close()
    assert db_path.stat().st_mode & 0o077 == 0


def test_task_with_assignees_round_trips(store):
    group = store.add(m.Group(name="G"))
    a = store.add(m.Member(group_id=group.id, real_name="A", pseudonym="M1"))
    task = store.save(
        m.Task(
            group_id=group.id,
            title="Call the clinic",
            assignee_ids=[a.id, m.FACILITATOR],
            due_on=date(2026, 1, 5),
        )
    )
    assert store.get(m.Task, task.id) == task
    assert store.tasks(assignee_id=a.id) == [task]
    assert store.tasks(overdue_on=date(2026, 1, 6)) == [task]
    assert store.tasks(overdue_on=date(2026, 1, 5)) == []


def test_find_group_by_name_and_unknown(store):
    group = store.add(m.Group(name="Hope"))
    assert store.find_group("hope").id == group.id
    assert store.find_group(group.id[:6]).id == group.id
    with pytest.raises(NotFoundError):
        store.find_group("nobody")


def test_cli_groups_lists_a_group(db_path):
    from click.testing import CliRunner

    from groupwork.cli import cli

    with Store.open(db_path) as store:
        store.add(m.Group(name="Hope circle"))
    result = CliRunner().invoke(cli, ["--db", str(db_path), "groups"])
    assert result.exit_code == 0, result.output
    assert "Hope circle" in result.output


def test_m002_renames_the_handover_date_column_keeping_rows(tmp_path):
    """A database created before m002 keeps its handover steps, under the new column name."""
    import sqlite_utils

    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    MIGRATIONS.apply(db, stop_before="m002_handover_taken_on")
    db["groups"].insert({"id": "g1", "name": "Old group"})
    db["handover_steps"].insert(
        {"id": "h1", "group_id": "g1", "on": "2026-01-05", "facilitator_role": "observing"}
    )
    db.close()
    with Store.open(path) as store:
        step = store.get(m.HandoverStep, "h1")
    assert step.taken_on == date(2026, 1, 5)


def test_closure_reflection_is_stored_once_per_group(store):
    group = store.add(m.Group(name="ผู้ดูแล"))
    assert store.closure_reflection(group.id) is None
    saved = store.add(m.ClosureReflection(group_id=group.id, knowledge_and_theory="ทฤษฎีระบบนิเวศ"))
    assert store.closure_reflection(group.id) == saved


def test_the_sqlite_store_implements_the_repository(store):
    from groupwork.store import Repository

    assert isinstance(store, Repository)
    missing = [
        name for name in dir(Repository) if not name.startswith("_") and not hasattr(store, name)
    ]
    assert missing == []


def test_an_upsert_first_made_while_another_process_writes_still_stores(db_path):
    """sqlite-utils probes for "ON CONFLICT" with a scratch write on the first upsert; a
    lock held elsewhere at that moment must not turn every later save into one that stores
    nothing (a new rule saved from a form after a draft met an import was lost that way)."""
    import sqlite3

    from groupwork.errors import DatabaseBusy

    with Store.open(db_path) as store:
        store.add(m.Group(id="g1", name="Park"))
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with Store.open(db_path) as store:  # a window opened while another process writes
        assert not store.drafts.keep_if_free("g1:rules:new", "g1", {"text": "Arrive"})
        with pytest.raises(DatabaseBusy), store.waiting_briefly():
            store.save(m.GroundRule(group_id="g1", text="Arrive on time"))
        other.execute("COMMIT")
        other.close()
        store.save(m.GroundRule(id="r2", group_id="g1", text="Speak one at a time"))
        assert [r.text for r in store.ground_rules("g1")] == ["Speak one at a time"]
