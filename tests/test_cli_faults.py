"""The command line when things go wrong: full disk, bad --db paths, wrong passphrase, a
database from a newer version, two writers. Each fault gives one line in the person's
language, a non-zero exit, and leaves the data as it was."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.store import Store


def run(db_path, *args: str, input: str | None = None, env: dict | None = None):
    return CliRunner().invoke(cli, ["--db", str(db_path), *args], input=input, env=env)


def one_line_error(result) -> str:
    """Non-zero exit, one line on stderr, no traceback; returns the line."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    message = result.stderr.strip()
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

    def __init__(self, conn, fails_on: tuple[str, ...]) -> None:
        self._conn = conn
        self._fails_on = fails_on

    def execute(self, sql, *args):
        plain = sql.upper().replace('"', "").replace("[", "").replace("]", "")
        if any(word in plain for word in self._fails_on):
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


@pytest.fixture
def full_disk(monkeypatch):
    """After opening, statements containing the given words fail with "disk is full"."""
    failing: list[str] = []
    real_open = Store.open.__func__

    def open_then_fill(cls, path, passphrase=None):
        store = real_open(cls, path, passphrase)
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
        erased = store.find(m.Member, "erased = 1")
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
