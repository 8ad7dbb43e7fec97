"""``backup --list`` marks damaged files, and an encrypted backup derives no key (issue 20)."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.safety.backup import backup_database, damage_seen, list_backups, verify_backup
from groupwork.store import Store


def _seed(db_path, passphrase=None) -> Store:
    store = Store.open(db_path, passphrase)
    group = store.add(m.Group(name="กลุ่มบัว"))
    store.add(m.Member(group_id=group.id, real_name="แดง ใจดี", pseudonym="ดาว"))
    return store


def test_backup_list_marks_damaged_files_and_not_good_ones(db_path):
    with _seed(db_path) as store:
        good = backup_database(store, "manual")
    folder = good.parent
    cut = folder / "test-20200101T000000000001Z-session-closed.db"
    shutil.copy(good, cut)
    with open(cut, "r+b") as fh:  # cut short at a page boundary: the header still says more
        fh.truncate(good.stat().st_size // 2 // 4096 * 4096)
    scrap = folder / "test-20200101T000000000002Z-manual.db"
    scrap.write_text("not a backup at all")
    result = CliRunner().invoke(cli, ["--db", str(db_path), "backup", "--list"])
    assert result.exit_code == 0, result.output
    marked = [line for line in result.output.splitlines() if "DAMAGED" in line]
    assert len(marked) == 2, result.output
    assert any(str(cut) in line and "cut short" in line for line in marked)
    assert any(str(scrap) in line and "not a database file" in line for line in marked)
    assert any(line.endswith(str(good)) for line in result.output.splitlines()), result.output
    assert damage_seen(good) is None


def test_an_encrypted_backup_derives_no_key_and_verifies(db_path, monkeypatch):
    """A key derivation costs ~0.15 s or more: the session-close backup used two."""
    import groupwork.store.database as database

    store = _seed(db_path, "correct horse")
    derived = []
    real_connect = database.connect
    monkeypatch.setattr(
        database, "connect", lambda *a, **k: derived.append(a) or real_connect(*a, **k)
    )
    import groupwork.store.safekeeping as safekeeping

    monkeypatch.setattr(
        safekeeping, "connect", lambda *a, **k: derived.append(a) or real_connect(*a, **k)
    )
    with store:
        path = backup_database(store, "session-closed")
    assert derived == []
    monkeypatch.undo()
    verify_backup(path, "correct horse")
    assert [b.path for b in list_backups(db_path)] == [path]
    with Store.open(path, "correct horse") as copy:
        assert [g.name for g in copy.groups()] == ["กลุ่มบัว"]
