"""The command line when things go wrong: full disk, bad --db paths, wrong passphrase, a
database from a newer version, two writers. Each fault gives one line in the person's
language, a non-zero exit, and leaves the data as it was."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.demo import DEMO_GROUP_NAME as DEMO_GROUP
from groupwork.store import Store


def run(db_path, *args: str, input: str | None = None, env: dict | None = None):
    return CliRunner().invoke(cli, ["--db", str(db_path), *args], input=input, env=env)


def one_line_error(result, prompted: bool = False) -> str:
    """Non-zero exit, one line on stderr (after the prompt, if one was shown), no traceback;
    returns the line."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    message = result.stderr.strip()
    if prompted:
        prompt, _, message = message.partition("\n")
        assert prompt.rstrip().endswith(":")
    assert message and "\n" not in message, result.output
    return message


def seed(db_path) -> m.Group:
    with Store.open(db_path) as store:
        group = store.add(m.Group(name="Hope"))
        store.add(m.Member(group_id=group.id, real_name="Somsri Jaidee", pseudonym="M1"))
        store.add(m.Member(group_id=group.id, real_name="Malee Boonruang", pseudonym="M2"))
    return group


class FullDiskConnection:
    """A connection whose statements matching ``fails_on`` fail as SQLite does on a full disk."""

    def __init__(self, conn, fails_on: tuple[str, ...], error="database or disk is full") -> None:
        self._conn = conn
        self._fails_on = fails_on
        self._error = error

    def execute(self, sql, *args):
        plain = sql.upper().replace('"', "").replace("[", "").replace("]", "")
        if any(word in plain for word in self._fails_on):
            raise sqlite3.OperationalError(self._error)
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


@pytest.fixture
def full_disk(monkeypatch):
    """After opening, statements containing the given words fail with "disk is full"."""
    failing: list[str] = []
    real_open = Store.open.__func__

    def open_then_fill(cls, path, passphrase=None, **options):
        store = real_open(cls, path, passphrase, **options)
        store.db.conn = FullDiskConnection(store.db.conn, tuple(failing))
        return store

    monkeypatch.setattr(Store, "open", classmethod(open_then_fill))
    return failing


def test_erase_member_on_a_full_disk_erases_and_says_the_wipe_is_pending(db_path, full_disk):
    seed(db_path)
    full_disk.append("VACUUM")
    result = run(db_path, "--lang", "th", "erase-member", "Hope", "M1", "--yes")
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 0, result.output
    assert "ดิสก์เต็ม" in result.output
    full_disk.clear()
    with Store.open(db_path) as store:
        erased = store._find(m.Member, "erased = 1")
        assert len(erased) == 1 and erased[0].real_name != "Somsri Jaidee"


def test_a_full_disk_while_importing_says_so_in_thai_and_adds_nothing(db_path, tmp_path, full_disk):
    seed(db_path)
    export = tmp_path / "hope.json"
    assert run(db_path, "export", "Hope", "--out", str(export)).exit_code == 0
    other = tmp_path / "other.db"
    Store.open(other).close()
    full_disk.append("INSERT")
    message = one_line_error(run(other, "--lang", "th", "import", str(export)))
    assert "ดิสก์เต็ม" in message and "disk is full" not in message
    full_disk.clear()
    with Store.open(other) as store:
        assert store.groups() == [] and store.count(m.Member) == 0


def test_a_full_disk_while_adding_the_demo_leaves_no_half_group(db_path, full_disk):
    Store.open(db_path).close()
    full_disk.append("INSERT INTO SESSIONS")
    message = one_line_error(run(db_path, "--lang", "th", "demo"))
    assert "ดิสก์เต็ม" in message
    full_disk.clear()
    with Store.open(db_path) as store:
        assert store.groups() == [] and store.count(m.Member) == 0


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        ("disk I/O error", "อ่านหรือเขียนดิสก์ไม่ได้"),
        ("unable to open database file", "เปิดไฟล์ที่ตำแหน่งนั้นไม่ได้"),
        ("attempt to write a readonly database", "อ่านได้อย่างเดียว"),
    ],
)
def test_a_database_that_cannot_be_opened_is_not_called_damaged(
    db_path, monkeypatch, error, reason
):
    from groupwork.store import database

    seed(db_path)
    real_connect = database.connect

    def connect_on_a_bad_disk(path, passphrase=None):
        conn = real_connect(path, passphrase)
        return FullDiskConnection(conn, ("JOURNAL_MODE",), error=error)

    monkeypatch.setattr(database, "connect", connect_on_a_bad_disk)
    message = one_line_error(run(db_path, "--lang", "th", "groups"))
    assert reason in message
    assert "เสียหาย" not in message and "ไม่ใช่ฐานข้อมูล" not in message


def test_a_file_that_is_not_a_database_is_named_so_and_left_alone(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("Meeting notes, not a database.\n")
    message = one_line_error(run(text, "--lang", "th", "groups", input=""))
    assert "ไม่ใช่ฐานข้อมูลของ groupwork" in message
    assert text.read_text() == "Meeting notes, not a database.\n"


def test_a_database_from_a_newer_version_is_refused_untouched(db_path):
    seed(db_path)
    with Store.open(db_path) as store:
        store.db["_sqlite_migrations"].insert(
            {"migration_set": "groupwork", "name": "m999_from_the_future", "applied_at": "2030"}
        )
    before = db_path.read_bytes()
    for args in (("groups",), ("demo",)):
        message = one_line_error(run(db_path, "--lang", "th", *args))
        assert "รุ่นใหม่กว่า" in message and "m999_from_the_future" in message
    assert db_path.read_bytes() == before
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("select count(*) from groups").fetchone() == (1,)


def encrypted(db_path, passphrase="s3cret"):
    seed(db_path)
    result = run(db_path, "encrypt", env={"GROUPWORK_NEW_PASSPHRASE": passphrase})
    assert result.exit_code == 0, result.output
    return db_path


def test_an_encrypted_database_with_no_passphrase_to_read_says_how_to_give_one(db_path):
    encrypted(db_path)
    result = run(db_path, "--lang", "th", "groups", input="")
    message = one_line_error(result, prompted=True)
    assert "GROUPWORK_PASSPHRASE" in message and "เข้ารหัส" in message
    assert "Aborted" not in result.output


def test_a_wrong_passphrase_is_one_line_in_thai(db_path):
    encrypted(db_path)
    result = run(db_path, "--lang", "th", "groups", env={"GROUPWORK_PASSPHRASE": "wrong"})
    assert "รหัสผ่านนี้เปิด" in one_line_error(result)


def test_encrypting_twice_is_refused_without_a_new_backup(db_path):
    from groupwork.safety.backup import list_backups

    encrypted(db_path)
    before = list_backups(db_path)
    result = run(
        db_path, "--lang", "th", "encrypt", env={"GROUPWORK_PASSPHRASE": "s3cret"}, input=""
    )
    assert "เข้ารหัสอยู่แล้ว" in one_line_error(result)
    assert list_backups(db_path) == before


def test_rekey_with_no_new_passphrase_changes_nothing(db_path):
    encrypted(db_path)
    result = run(db_path, "--lang", "th", "rekey", env={"GROUPWORK_PASSPHRASE": "s3cret"}, input="")
    assert "Aborted" not in result.output
    assert "GROUPWORK_NEW_PASSPHRASE" in one_line_error(result, prompted=True)
    ok = run(db_path, "groups", env={"GROUPWORK_PASSPHRASE": "s3cret"})
    assert ok.exit_code == 0 and "Hope" in ok.output


def test_version_works_without_the_package_being_installed(monkeypatch):
    from importlib import metadata

    from groupwork import __version__

    def not_installed(name):
        raise metadata.PackageNotFoundError(name)

    # Running from a source folder (PYTHONPATH=.) has no installed metadata.
    monkeypatch.setattr(metadata, "version", not_installed)
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0, result.output
    assert __version__ in result.output


@pytest.mark.parametrize(
    ("args", "english", "thai"),
    [
        (["stages"], "Missing argument", "ยังไม่ได้ระบุค่า 'GROUP'"),
        (["nosuch"], "No such command", "ไม่มีคำสั่ง 'nosuch'"),
        (["groups", "extra"], "unexpected extra", "มีค่าที่ไม่ได้คาดไว้เกินมา"),
    ],
)
def test_usage_errors_are_in_thai(db_path, args, english, thai):
    result = CliRunner().invoke(cli, ["--lang", "th", "--db", str(db_path), *args])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert thai in result.stderr and english not in result.stderr
    assert "วิธีใช้:" in result.stderr and "Usage:" not in result.stderr
    assert "ข้อผิดพลาด:" in result.stderr and "Error:" not in result.stderr


@pytest.mark.parametrize(
    ("args", "english", "thai"),
    [
        (["review", "x", "--format", "pdf"], "is not one of", "ไม่อยู่ในค่าที่เลือกได้"),
        (["demo", "--seed", "abc"], "whole number", "'abc' ไม่ใช่จำนวนเต็ม"),
        (["export", "x", "--out", "."], "File '", "'.' เป็นโฟลเดอร์"),
    ],
)
def test_refused_values_are_one_thai_line(db_path, args, english, thai):
    """A value click or groupwork refuses is one line and exit 1, like every refusal."""
    result = CliRunner().invoke(cli, ["--lang", "th", "--db", str(db_path), *args])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    line = result.stderr.strip()
    assert "\n" not in line and line.startswith("ข้อผิดพลาด:")
    assert thai in line and english not in line and "Usage" not in result.stderr


def test_help_is_thai_all_through_and_english_again_after(db_path):
    thai = CliRunner().invoke(cli, ["--lang", "th", "demo", "--help"])
    assert thai.exit_code == 0
    for english in ("Usage:", "Options:", "Show this message", "[default:"):
        assert english not in thai.output
    assert "แสดงข้อความนี้แล้วออก" in thai.output and "[ค่าเริ่มต้น: 2569]" in thai.output
    english = CliRunner().invoke(cli, ["--lang", "en", "demo", "--help"])
    assert "Show this message and exit." in english.output and "Usage:" in english.output


def test_declining_a_confirmation_on_closed_input_is_thai(db_path):
    seed(db_path)
    result = run(db_path, "--lang", "th", "erase-member", "Hope", "M1", input="")
    assert result.exit_code == 1 and "Aborted" not in result.output
    assert "ยกเลิกแล้ว" in result.stderr
    with Store.open(db_path) as store:
        assert store._count(m.Member, "erased = 1") == 0


def test_two_commands_writing_a_new_database_at_once(tmp_path):
    """Three processes at once on a database that does not exist yet: two add the demo, one
    imports another group. Every one succeeds (one demo is "already there"), none is refused
    for a busy database, and the demo exists once."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    other = tmp_path / "other.db"
    assert run(other, "demo", "--seed", "5").exit_code == 0
    with Store.open(other) as store:
        store.db.execute("update groups set name = 'Other'")
    export = tmp_path / "other.json"
    assert run(other, "export", "Other", "--out", str(export)).exit_code == 0
    with Store.open(other) as store:
        other_id = store.find_group("Other").id

    db = tmp_path / "new.db"
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root), "GROUPWORK_LANG": "en"}
    commands = [["demo"], ["demo"], ["import", str(export)]]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "groupwork", "--db", str(db), *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for args in commands
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    assert sum("already exists" in out for out, _ in outputs) == 1
    with Store.open(db) as store:
        names = sorted(g.name for g in store.groups())
        assert len(names) == 2 and "Other" in names
        assert store._count(m.Member, "group_id = ?", [other_id]) > 0


def test_backup_list_names_the_reason_in_thai(db_path):
    seed(db_path)
    assert run(db_path, "backup").exit_code == 0
    listed = run(db_path, "--lang", "th", "backup", "--list")
    assert listed.exit_code == 0
    assert "manual" not in listed.output.replace("-manual.db", "")
    assert "สำรองด้วยตนเอง" in listed.output


def _limited_file_size(limit: int):
    """For a child process: writing past ``limit`` bytes of any file fails (EFBIG), as a
    full disk would, without root or a real small disk."""
    import resource
    import signal

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize(
    "args",
    [
        ["review", "--format", "html", "--out"],
        ["review", "--format", "docx", "--out"],
    ],
)
def test_a_report_that_cannot_be_written_whole_leaves_the_old_one(tmp_path, args):
    import os
    import subprocess
    import sys
    from pathlib import Path

    db = tmp_path / "demo.db"
    assert run(db, "demo").exit_code == 0
    Store.open(db).close()  # checkpointed: the child only reads
    reports = tmp_path / "reports"
    reports.mkdir()
    target = reports / "review.out"
    target.write_text("OLD REPORT, signed by the unit head")
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root), "GROUPWORK_LANG": "en"}
    proc = subprocess.run(
        [sys.executable, "-m", "groupwork", "--lang", "th", "--db", str(db)]
        + [args[0], DEMO_GROUP]
        + args[1:]
        + [str(target)],
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=_limited_file_size(40_000),
        timeout=120,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert proc.stderr.startswith("ข้อผิดพลาด:")
    assert target.read_text() == "OLD REPORT, signed by the unit head"
    assert sorted(p.name for p in reports.iterdir()) == ["review.out"]


def test_restoring_a_backup_from_a_newer_version_is_refused(db_path, tmp_path):
    seed(db_path)
    future = tmp_path / "future.db"
    seed(future)
    with Store.open(future) as store:
        store.db["_sqlite_migrations"].insert(
            {"migration_set": "groupwork", "name": "m999_from_the_future", "applied_at": "2030"}
        )
    message = one_line_error(run(db_path, "--lang", "th", "restore", str(future), "--yes"))
    assert "รุ่นใหม่กว่า" in message
    ok = run(db_path, "groups")
    assert ok.exit_code == 0 and "Hope" in ok.output


@pytest.mark.parametrize("where", ["folder", "empty"])
def test_a_database_path_that_is_a_folder_is_named_so(tmp_path, monkeypatch, where):
    monkeypatch.setenv("GROUPWORK_DB", str(tmp_path) if where == "folder" else "")
    monkeypatch.setenv("GROUPWORK_HOME", str(tmp_path / "home"))
    args = (
        ["--lang", "th", "groups"] if where == "folder" else ["--lang", "th", "--db", "", "groups"]
    )
    result = CliRunner().invoke(cli, args)
    message = one_line_error(result) if result.exit_code == 1 else result.output
    assert "โฟลเดอร์" in message, result.output


@pytest.mark.parametrize("text", ['{"a":', '{"a" 1}', "{a: 1}", '{"a": "x', "{} x", "[1 2]"])
def test_malformed_json_is_explained_in_thai(db_path, tmp_path, text):
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    message = one_line_error(run(db_path, "--lang", "th", "import", str(bad)))
    assert "JSON" in message
    # A file that is a list, not an object, is refused as no export at all before the bad
    # comma is reached (the import streams it); the others name the line.
    assert "บรรทัด 1" in message or text.startswith("[")
    assert not any(word in message for word in ("Expecting", "Extra data", "Unterminated"))
    with Store.open(db_path) as store:
        assert store.groups() == []


def test_a_bug_shows_one_line_and_keeps_the_details_in_a_log(db_path, monkeypatch, isolated_data):
    seed(db_path)

    def broken(self):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(Store, "groups", broken)
    monkeypatch.delenv("GROUPWORK_DEBUG", raising=False)
    message = one_line_error(run(db_path, "--lang", "th", "groups"))
    assert "ZeroDivisionError" in message and "เกิดข้อผิดพลาดภายใน" in message
    log = isolated_data / "errors.log"
    assert "Traceback" in log.read_text() and "a bug" in log.read_text()
    assert log.stat().st_mode & 0o777 == 0o600  # it may quote what was being saved


def test_atomic_files_are_owner_only_whatever_the_umask(tmp_path):
    """Issue 8 reversed the old rule (reports followed the umask): every file is 0600, and
    reading the umask is no longer needed, so it is left as it was."""
    import os
    import stat

    from groupwork.files import write_atomically

    old = os.umask(0o000)
    try:
        shared = write_atomically(tmp_path / "review.md", "x")
        private = write_atomically(tmp_path / "export.json", "x", private=True)
        assert os.umask(0o000) == 0o000
    finally:
        os.umask(old)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o600
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
