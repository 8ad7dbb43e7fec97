"""Erasure accounts for every copy: the register of shared files (reviews, charts, exports,
digests) and erase-member's list of them; errors.log cleaned of the name and owner-only; the
data folder owner-only; a plain backup restored over an encrypted database is encrypted."""

from __future__ import annotations

import os
import stat

from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.store import Store
from groupwork.store.database import is_encrypted

ENV = {"GROUPWORK_PASSPHRASE": "ใจดี มาก"}


def _run(db, *args, input=None, env=None):
    return CliRunner().invoke(cli, ["--db", str(db), *args], input=input, env=env)


def _seed(db):
    with Store.open(db) as store:
        group = store.add(m.Group(name="กลุ่มดาว"))
        may = store.add(
            m.Member(
                group_id=group.id,
                real_name="May Grant",
                pseudonym="Member A",
                decision=m.SelectionDecision.SELECTED,
            )
        )
        store.add(
            m.Session(
                group_id=group.id,
                number=1,
                held_on=m.utc_now().date(),
                status=m.SessionStatus.HELD,
                notes="May Grant came early.",
            )
        )
    return group, may


def test_every_written_file_is_in_the_register(db_path, tmp_path):
    group, may = _seed(db_path)
    outs = {
        "review": tmp_path / "r.md",
        "chart": tmp_path / "c.svg",
        "export": tmp_path / "e.json",
        "digest": tmp_path / "d.md",
    }
    assert (
        _run(db_path, "review", group.id, "--format", "md", "--out", str(outs["review"])).exit_code
        == 0
    )
    assert (
        _run(db_path, "chart", group.id, "attendance", "--out", str(outs["chart"])).exit_code == 0
    )
    assert (
        _run(db_path, "export", group.id, "--pseudonymise", "--out", str(outs["export"])).exit_code
        == 0
    )
    assert _run(db_path, "digest", "--out", str(outs["digest"])).exit_code == 0
    with Store.open(db_path) as store:
        files = store.shared_files(group.id)
    assert [(f.kind, f.path) for f in files] == [(k, str(p.resolve())) for k, p in outs.items()]
    assert all(f.member_ids == [may.id] and not f.real_names for f in files)


def test_erase_member_lists_the_files_and_what_to_do(db_path, tmp_path):
    group, may = _seed(db_path)
    kept, gone = tmp_path / "own.json", tmp_path / "review.md"
    _run(db_path, "export", group.id, "--out", str(kept))
    _run(db_path, "review", group.id, "--format", "md", "--out", str(gone))
    gone.unlink()
    result = _run(db_path, "erase-member", group.id, "Member A", "--yes")
    assert result.exit_code == 0, result.output
    assert "2 files written earlier hold this member's data" in result.output
    assert f"export (real names): {kept.resolve()}" in result.output
    assert f"Group Work Review (pseudonyms, no longer there): {gone.resolve()}" in result.output
    assert "Delete each file that is still there" in result.output
    thai = _run(db_path, "--lang", "th", "erase-member", group.id, "Member A", "--yes")
    assert thai.exit_code == 1  # already erased; the Thai list is checked below


def test_erase_member_lists_the_files_in_thai(db_path, tmp_path):
    group, _may = _seed(db_path)
    out = tmp_path / "own.json"
    _run(db_path, "export", group.id, "--out", str(out))
    result = _run(db_path, "--lang", "th", "erase-member", group.id, "Member A", "--yes")
    assert result.exit_code == 0, result.output
    assert str(out.resolve()) in result.output
    assert "ลบ" in result.output and "Delete each file" not in result.output


def test_a_member_who_joined_later_is_not_in_earlier_files(db_path, tmp_path):
    group, _may = _seed(db_path)
    _run(db_path, "export", group.id, "--out", str(tmp_path / "early.json"))
    with Store.open(db_path) as store:
        store.add(m.Member(group_id=group.id, real_name="Will Park", pseudonym="Member B"))
    result = _run(db_path, "erase-member", group.id, "Member B", "--yes")
    assert "No review, chart, export or digest with this member's data" in result.output


def test_errors_log_is_cleaned_of_the_erased_name_and_made_owner_only(db_path, isolated_data):
    from groupwork.commands.context import unexpected_error_message
    from groupwork.paths import errors_log

    group, _may = _seed(db_path)
    log = errors_log()
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("ValueError: could not save 'May Grant came early'\nother line\n")
    log.chmod(0o644)
    unexpected_error_message(RuntimeError("boom"))
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    result = _run(db_path, "erase-member", group.id, "Member A", "--yes")
    assert "errors.log: the name was replaced in 1 lines." in result.output
    text = log.read_text()
    assert "May" not in text and "Grant" not in text and "other line" in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_the_data_folder_is_created_owner_only(isolated_data):
    old = os.umask(0o022)
    try:
        Store.open(isolated_data / "groupwork.db").close()
    finally:
        os.umask(old)
    assert stat.S_IMODE(isolated_data.stat().st_mode) == 0o700


def test_an_existing_data_folder_is_made_owner_only(isolated_data):
    isolated_data.mkdir(parents=True)
    isolated_data.chmod(0o755)
    Store.open(isolated_data / "groupwork.db").close()
    assert stat.S_IMODE(isolated_data.stat().st_mode) == 0o700


def _plain_backup_then_encrypt(db):
    _seed(db)
    assert _run(db, "backup").exit_code == 0
    (backup,) = [p for p in (db.parent / "backups").iterdir() if p.suffix == ".db"]
    assert not is_encrypted(backup)
    assert _run(db, "encrypt", env=ENV).exit_code == 0
    assert is_encrypted(db)
    return backup


def test_a_plain_backup_restored_into_an_encrypted_database_is_encrypted(db_path):
    backup = _plain_backup_then_encrypt(db_path)
    result = _run(db_path, "restore", str(backup), "--yes", env=ENV)
    assert result.exit_code == 0, result.output
    assert "encrypted with the database's passphrase" in result.output
    assert is_encrypted(db_path)
    assert b"May Grant" not in db_path.read_bytes()
    with Store.open(db_path, ENV["GROUPWORK_PASSPHRASE"]) as store:
        assert [g.name for g in store.groups()] == ["กลุ่มดาว"]


def test_without_the_passphrase_the_restore_is_refused_and_nothing_changes(db_path):
    backup = _plain_backup_then_encrypt(db_path)
    before = db_path.read_bytes()
    result = _run(db_path, "restore", str(backup), "--yes", input="\n")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert db_path.read_bytes() == before and is_encrypted(db_path)
    wrong = _run(db_path, "restore", str(backup), "--yes", env={"GROUPWORK_PASSPHRASE": "ผิด"})
    assert wrong.exit_code == 1 and db_path.read_bytes() == before


def test_restore_backup_refuses_without_the_databases_passphrase(db_path):
    import pytest

    from groupwork.errors import StorageError
    from groupwork.safety.backup import restore_backup

    backup = _plain_backup_then_encrypt(db_path)
    with pytest.raises(StorageError, match="is encrypted and the backup"):
        restore_backup(backup, db_path)
    assert is_encrypted(db_path)
