"""The audit chain's check, on rows made here (the server's side: tests/pg/test_red_team_audit.py)."""

from __future__ import annotations

from groupwork.store import Store
from groupwork.store.audit_chain import entry_hash, known_head, remember_head, verify_chain


def _chain(count: int) -> list[dict]:
    rows, previous = [], None
    for n in range(1, count + 1):
        row = {
            "id": n,
            "at": f"2026-03-0{n}T10:00:00.000Z",
            "actor": "ดาว",
            "table_name": "members",
            "record_id": f"m{n}",
            "group_id": None if n == 2 else "g1",
            "action": "update",
            "columns": "notes",
            "previous_hash": previous,
        }
        row["hash"] = previous = entry_hash(previous, row)
        rows.append(row)
    return rows


def test_a_whole_chain_checks_and_names_its_head():
    rows = _chain(4)
    check = verify_chain(rows)
    assert check.broken is None
    assert (check.entries, check.head_id, check.head_hash) == (4, 4, rows[-1]["hash"])


def test_the_hash_covers_every_field_and_tells_a_missing_group_from_an_empty_one():
    row = _chain(1)[0]
    for field in ("id", "at", "actor", "table_name", "record_id", "action", "columns"):
        assert entry_hash(None, {**row, field: f"{row[field]}x"}) != row["hash"], field
    assert entry_hash(None, {**row, "group_id": None}) != entry_hash(None, {**row, "group_id": ""})
    # fields cannot trade characters: each is counted
    assert entry_hash(None, {**row, "actor": "ab", "table_name": "c"}) != entry_hash(
        None, {**row, "actor": "a", "table_name": "bc"}
    )


def test_a_changed_entry_is_named():
    rows = _chain(4)
    rows[2]["actor"] = "แดง"
    broken = verify_chain(rows).broken
    assert (broken.entry_id, broken.changed, broken.previous_id) == (3, True, 2)


def test_a_removed_entry_is_named_by_the_one_after_it():
    rows = _chain(4)
    del rows[1]
    broken = verify_chain(rows).broken
    assert (broken.entry_id, broken.changed, broken.previous_id) == (3, False, 1)
    rows = _chain(4)[1:]
    broken = verify_chain(rows).broken
    assert (broken.entry_id, broken.changed, broken.previous_id) == (2, False, None)


def test_a_laptop_keeps_one_head_per_server(tmp_path):
    with Store.open(tmp_path / "laptop.db") as laptop:
        assert known_head(laptop, "dao@office:5432/groupwork") is None
        remember_head(laptop, "dao@office:5432/groupwork", 7, "ab" * 32)
        remember_head(laptop, "dao@office:5432/groupwork", 9, "cd" * 32)
        remember_head(laptop, "dao@other:5432/groupwork", 1, "ef" * 32)
        head = known_head(laptop, "dao@office:5432/groupwork")
    assert (head.entry_id, head.hash) == (9, "cd" * 32)
