"""The data-safety commands, through click's CliRunner."""

from __future__ import annotations

from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.safety.backup import list_backups
from groupwork.store import Store


def _run(db_path, *args, input=None, env=None):
    return CliRunner().invoke(cli, ["--db", str(db_path), *args], input=input, env=env)


def _seed(db_path):
    with Store.open(db_path) as store:
        group = store.add(m.Group(name="Hope"))
        store.add(m.Member(group_id=group.id, real_name="Somsri Jaidee", pseudonym="M1"))
    return group


def test_backup_list_restore_latest(db_path):
    _seed(db_path)
    result = _run(db_path, "backup")
    assert result.exit_code == 0 and "Backup written" in result.output
    with Store.open(db_path) as store:
        store.add(m.Group(name="Later"))
    assert "manual" in _run(db_path, "backup", "--list").output
    refused = _run(db_path, "restore", "--latest", input="n\n")
    assert "Nothing was changed" in refused.output
    result = _run(db_path, "restore", "--latest", "--yes")
    assert result.exit_code == 0, result.output
    with Store.open(db_path) as store:
        assert [g.name for g in store.groups()] == ["Hope"]
    assert _run(db_path, "restore").exit_code == 1


def test_encrypt_prompts_and_later_commands_ask_for_the_passphrase(db_path):
    _seed(db_path)
    result = _run(db_path, "encrypt", input="s3cret\ns3cret\n")
    assert result.exit_code == 0, result.output
    assert b"Somsri" not in db_path.read_bytes()
    ok = _run(db_path, "groups", input="s3cret\n")
    assert ok.exit_code == 0 and "Hope" in ok.output
    wrong = _run(db_path, "groups", input="nope\n")
    assert wrong.exit_code == 1 and "passphrase does not open" in wrong.output
    assert "Traceback" not in wrong.output
    env = _run(db_path, "check", env={"GROUPWORK_PASSPHRASE": "s3cret"})
    assert env.exit_code == 0 and "sound" in env.output
    cleaned = _run(db_path, "backup", "--delete-unencrypted", input="s3cret\n")
    assert cleaned.exit_code == 0
    assert all(b.path.read_bytes()[:6] != b"SQLite" for b in list_backups(db_path))
    rekey = _run(
        db_path,
        "rekey",
        env={"GROUPWORK_PASSPHRASE": "s3cret", "GROUPWORK_NEW_PASSPHRASE": "other"},
    )
    assert rekey.exit_code == 0, rekey.output
    assert _run(db_path, "groups", env={"GROUPWORK_PASSPHRASE": "other"}).exit_code == 0


def test_erase_member_asks_then_erases_and_audit_lists_it(db_path):
    _seed(db_path)
    _run(db_path, "backup")
    no = _run(db_path, "erase-member", "Hope", "M1", input="n\n")
    assert "Nothing was changed" in no.output
    yes = _run(db_path, "erase-member", "Hope", "Somsri Jaidee", "--purge-backups", input="y\n")
    assert yes.exit_code == 0, yes.output
    assert "ANON-" in yes.output
    assert all(b"Somsri" not in b.path.read_bytes() for b in list_backups(db_path))
    assert len(list_backups(db_path)) == 1
    audit = _run(db_path, "audit", "Hope")
    assert "erased" in audit.output and "Somsri" not in audit.output
    missing = _run(db_path, "erase-member", "Hope", "nobody", "--yes")
    assert missing.exit_code == 1 and "No member" in missing.output


def test_check_reports_damage_with_the_way_out(db_path):
    group = _seed(db_path)
    with Store.open(db_path) as store:
        for i in range(300):
            store.add(m.Member(group_id=group.id, real_name="x" * 100, pseudonym=f"P{i}"))
    _run(db_path, "backup")
    data = bytearray(db_path.read_bytes())
    data[8192 : 8192 * 3] = b"\xa5" * (8192 * 2)
    db_path.write_bytes(bytes(data))
    result = _run(db_path, "check")
    assert result.exit_code == 1 and "groupwork restore --latest" in result.output
