"""Backups (backup API, rotation, privacy) and atomic restore."""

from __future__ import annotations

import pytest

from groupwork import models as m
from groupwork.errors import StorageError
from groupwork.safety.backup import backup_database, list_backups, restore_backup
from groupwork.store import Store
from groupwork.store.database import DamagedDatabase
from groupwork.store.exclusive import DatabaseInUse


def test_backup_is_private_and_rotates(store, monkeypatch):
    monkeypatch.setenv("GROUPWORK_BACKUP_KEEP", "3")
    store.add(m.Group(name="G"))
    made = [backup_database(store, f"test {i}") for i in range(5)]
    kept = list_backups(store.path)
    assert [b.path for b in kept] == list(reversed(made[-3:]))
    assert all(not p.exists() for p in made[:2])
    assert kept[0].reason == "test-4"
    for info in kept:
        assert info.path.stat().st_mode & 0o077 == 0
    assert kept[0].path.parent.stat().st_mode & 0o077 == 0


def test_restore_brings_back_the_backup_and_keeps_the_replaced_file(db_path):
    with Store.open(db_path) as store:
        store.add(m.Group(name="Before"))
        backup = backup_database(store)
        store.add(m.Group(name="After"))
    kept = restore_backup(backup, db_path)
    with Store.open(db_path) as store:
        assert [g.name for g in store.groups()] == ["Before"]
    assert kept is not None
    restore_backup(kept, db_path)  # a restore can itself be undone
    with Store.open(db_path) as store:
        assert [g.name for g in store.groups()] == ["After", "Before"]


def test_restore_refuses_while_open_elsewhere(db_path):
    store = Store.open(db_path)
    store.add(m.Group(name="Live"))
    backup = backup_database(store)
    with pytest.raises(DatabaseInUse):
        restore_backup(backup, db_path)
    store.add(m.Group(name="Still works"))
    store.close()


def test_restore_rejects_a_damaged_backup(db_path, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    with Store.open(db_path) as store:
        store.add(m.Group(name="Keep me"))
    with pytest.raises(StorageError):
        restore_backup(bad, db_path)
    with Store.open(db_path) as store:
        assert [g.name for g in store.groups()] == ["Keep me"]


def test_encrypted_backup_stays_encrypted(db_path):
    with Store.open(db_path, "pw") as store:
        store.add(
            m.Member(group_id=store.add(m.Group(name="G")).id, real_name="Malee", pseudonym="M")
        )
        backup = backup_database(store)
    assert b"Malee" not in backup.read_bytes()
    with Store.open(backup, "pw") as copy:
        assert copy._find(m.Member)[0].real_name == "Malee"


def backed_up_then_damaged(db_path) -> None:
    """A database of 300 members, backed up, then scribbled over in its middle pages (the
    header kept, so it still looks like SQLite)."""
    with Store.open(db_path) as store:
        group = store.add(m.Group(name="G"))
        for i in range(300):
            store.add(m.Member(group_id=group.id, real_name=f"Person {i}" * 5, pseudonym=f"M{i}"))
        backup_database(store)
    data = bytearray(db_path.read_bytes())
    for i in range(8192, min(len(data), 8192 * 4)):
        data[i] = 0xA5
    db_path.write_bytes(bytes(data))


def test_damaged_database_names_the_backup_to_restore(db_path):
    backed_up_then_damaged(db_path)
    with pytest.raises(DamagedDatabase) as damaged:
        Store.open(db_path)
    assert "groupwork restore --latest" in str(damaged.value)
    restore_backup(list_backups(db_path)[0].path, db_path)
    with Store.open(db_path) as store:
        assert store.count(m.Member) == 300


def test_a_large_damaged_file_opens_but_is_never_backed_up(db_path, monkeypatch):
    """Opening a large file checks only its header (reading it all took seconds at agency
    size); the full check runs before a backup, which refuses to copy damage over the kept
    backups, and in `groupwork check`."""
    from click.testing import CliRunner

    from groupwork.cli import cli
    from groupwork.store import database

    backed_up_then_damaged(db_path)
    monkeypatch.setattr(database, "QUICK_CHECK_ON_OPEN_MAX_BYTES", 0)  # "large": any size
    kept = list_backups(db_path)
    with Store.open(db_path) as store:
        assert store.quick_problems()
        with pytest.raises(DamagedDatabase) as damaged:
            backup_database(store)
    assert "groupwork restore --latest" in str(damaged.value)
    assert list_backups(db_path) == kept
    result = CliRunner().invoke(cli, ["--db", str(db_path), "check"])
    assert result.exit_code != 0 and "damaged" in result.stderr
