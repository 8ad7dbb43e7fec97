"""Migrations that read every row do it in batches, with the same effect as when they shipped."""

from __future__ import annotations

import json
import re
import shutil

from sqlite_utils import Database

from groupwork import models as m
from groupwork.store import Store, migrations


def _m004_as_shipped(db: Database) -> None:
    """m004_safefiles_clean_text as it shipped (every table read into a list, row by row)."""
    unclean = re.compile(migrations._UNCLEAN)

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
                    continue
                one_line = name in migrations._ONE_LINE_COLUMNS.get(table, ())
                if value[:1] in "[{":
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


def _database(path) -> Database:
    db = Database(path)
    db.conn.create_function("groupwork_actor", 0, lambda: "test", deterministic=True)
    return db


def _everything(path) -> dict:
    db = _database(path)
    try:
        return {
            # The audit log's rows say when they were written: what they say, not when.
            table: [
                {k: v for k, v in row.items() if table != "audit_log" or k != "at"}
                for row in db[table].rows_where(select="rowid, *", order_by="rowid")
            ]
            for table in db.table_names()
            if not table.startswith("sqlite_")
        }
    finally:
        db.close()


def test_m004_in_batches_changes_exactly_what_it_changed_as_shipped(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    dirty = [
        "ดาว\x1b]0;owned\x07\n2",
        "line 1\r\nline 2\x1b[2J",
        "\u202eบัว\x9b",
        "ordinary ฟ้า",
        "",
        "\t\n",
        "[not json",
        '{"a": "x\\u001b"}',
    ]
    with Store.open(path) as store:
        groups = [store.add(m.Group(name=f"กลุ่ม {i}", facilitators=["May"])) for i in range(4)]
        for i, group in enumerate(groups):
            store.db["groups"].update(
                group.id,
                {
                    "name": dirty[i % len(dirty)],
                    "facilitators": json.dumps([dirty[(i + 1) % len(dirty)], "Will"]),
                    "purpose": dirty[(i + 2) % len(dirty)],
                },
            )
            for j in range(9):
                member = store.add(m.Member(group_id=group.id, real_name="นิด", pseudonym=f"M{j}"))
                store.db["members"].update(
                    member.id,
                    {"real_name": dirty[(i + j) % len(dirty)], "notes": dirty[j % len(dirty)]},
                )
    shipped, batched = tmp_path / "shipped.db", tmp_path / "batched.db"
    shutil.copy(path, shipped)
    shutil.copy(path, batched)
    db = _database(shipped)
    _m004_as_shipped(db)
    db.close()
    monkeypatch.setattr(migrations, "_BATCH_ROWS", 4)  # many batches, one cut mid-group
    db = _database(batched)
    migrations.m004_safefiles_clean_text(db)
    db.close()
    before, after = _everything(path), _everything(batched)
    assert after == _everything(shipped)
    assert after != before  # it did clean something
    assert after["members"][0]["real_name"] == "ดาว]0;owned 2"
