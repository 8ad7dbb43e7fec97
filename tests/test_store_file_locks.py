"""A second process opening and closing the database must not pull the WAL from under us.

SQLite's locks are per process and vanish when the process closes any descriptor of the file
(store/file_locks.py). Before the fix, the header check of ``Store.open`` did exactly that, so a
``groupwork import`` or ``backup`` run beside the live recorder deleted the recorder's WAL on
exit and the recorder's next commit failed with "database disk image is malformed".
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from groupwork import models as m
from groupwork.store import Store
from groupwork.store.database import header_problems, is_encrypted
from groupwork.store.file_locks import open_connections

ROOT = Path(__file__).resolve().parents[1]


def open_and_close_elsewhere(db: Path) -> None:
    """Another process opens the store, writes a group and closes it, as a CLI command does."""
    code = (
        "import sys; from groupwork.store import Store; from groupwork import models as m\n"
        "with Store.open(sys.argv[1]) as s: s.add(m.Group(name='น้ำ ที่อื่น', purpose='x'))\n"
    )
    subprocess.run([sys.executable, "-c", code, str(db)], check=True, cwd=ROOT)


def descriptors_of(path: Path) -> int:
    """How many descriptors this process holds on ``path`` (Linux /proc)."""
    target = os.path.realpath(path)
    found = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == target:
                found += 1
        except OSError:
            continue
    return found


def test_a_command_closing_beside_an_open_store_leaves_its_wal(tmp_path):
    db = tmp_path / "groupwork.db"
    wal = tmp_path / "groupwork.db-wal"
    with Store.open(db) as store:
        store.add(m.Group(name="กลุ่มพร", purpose="ดูแลผู้ป่วย"))
        # What a backup in the same process does before copying.
        assert is_encrypted(db) is False
        assert header_problems(db) == []
        open_and_close_elsewhere(db)
        assert wal.exists(), "the other process deleted the WAL of an open database"
        store.add(m.Group(name="กลุ่มสุข", purpose="ดูแลผู้ป่วย"))
        open_and_close_elsewhere(db)
        store.add(m.Group(name="กลุ่มดาว", purpose="ดูแลผู้ป่วย"))
        assert wal.exists()
    check = sqlite3.connect(db)
    try:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = {row[0] for row in check.execute("select name from groups")}
    finally:
        check.close()
    assert names == {"กลุ่มพร", "กลุ่มสุข", "กลุ่มดาว", "น้ำ ที่อื่น"}


def test_header_reads_keep_one_descriptor_while_open_and_none_after(tmp_path):
    db = tmp_path / "groupwork.db"
    with Store.open(db) as store:
        store.add(m.Group(name="กลุ่มฝน", purpose="x"))
        assert open_connections(db) == 1
        held = descriptors_of(db)
        for _ in range(5):
            header_problems(db)
            is_encrypted(db)
        # One kept descriptor at most, however many reads.
        assert descriptors_of(db) <= held + 1
    assert open_connections(db) == 0
    assert descriptors_of(db) == 0
    # With no connection open, a read closes its descriptor at once.
    assert header_problems(db) == []
    assert descriptors_of(db) == 0


def test_header_read_of_a_folder_or_missing_file_is_told_apart(tmp_path):
    assert is_encrypted(tmp_path) is False
    assert is_encrypted(tmp_path / "none.db") is False
    assert header_problems(tmp_path / "none.db") == []
