"""A killed encrypt or rekey loses nothing and leaves nothing at the next open (issue 20):
its staged copy and SQLite's journal beside it are removed, and the database opens with the
passphrase it had before or the new one, never neither."""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from datetime import date

import pytest

from groupwork import models as m
from groupwork.store import Store
from groupwork.store.database import is_encrypted
from groupwork.store.encryption import encrypt_database, rekey_database
from groupwork.store.leftovers import SIDE_FILES, clean_staged_leftovers, staged_copy

ROUNDS = 8
OLD, NEW = "old horse", "new horse"


def _seed(db_path) -> None:
    with Store.open(db_path) as store:
        group = store.add(m.Group(name="กลุ่มดาว"))
        store.add(m.Member(group_id=group.id, real_name="นิด ใจดี", pseudonym="ฟ้า"))
        for number in range(1, 41):
            store.add(
                m.Session(
                    group_id=group.id, number=number, held_on=date(2026, 1, 5), notes="บัว" * 3000
                )
            )


def _leftovers(db_path) -> list[str]:
    staged = staged_copy(db_path, "encrypt")
    return [f"{staged}{side}" for side in SIDE_FILES if os.path.lexists(f"{staged}{side}")]


def _in_child(job) -> int:
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            job()
        finally:
            os._exit(0)
    return pid


def _timed(job) -> float:
    started = time.perf_counter()
    job()
    return time.perf_counter() - started


def _sessions(db_path, passphrase) -> int:
    with Store.open(db_path, passphrase) as store:
        return store.count(m.Session)


# Slow: every round derives keys several times (~30-50 s on the shared machine).
@pytest.mark.slow
@pytest.mark.parametrize("job", ["encrypt", "rekey"])
def test_a_killed_encrypt_or_rekey_leaves_nothing_at_the_next_open(db_path, tmp_path, job):
    _seed(db_path)
    pristine = tmp_path / "pristine.db"
    shutil.copy(db_path, pristine)
    if job == "rekey":
        encrypt_database(db_path, OLD)
        shutil.copy(db_path, pristine)
    trial = tmp_path / "trial.db"
    shutil.copy(pristine, trial)
    if job == "encrypt":
        duration = _timed(lambda: encrypt_database(trial, OLD))
    else:
        duration = _timed(lambda: rekey_database(trial, OLD, NEW))
    rng = random.Random(20)
    left_behind = 0
    for _round in range(ROUNDS):
        shutil.copy(pristine, db_path)
        for side in ("-wal", "-shm"):
            (tmp_path / f"test.db{side}").unlink(missing_ok=True)
        if job == "encrypt":
            pid = _in_child(lambda: encrypt_database(db_path, OLD))
        else:
            pid = _in_child(lambda: rekey_database(db_path, OLD, NEW))
        time.sleep(rng.uniform(0.0, 1.2 * duration))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        left_behind += bool(_leftovers(db_path))
        # The database is the old one or the new one, whole.
        if job == "encrypt":
            key = OLD if is_encrypted(db_path) else None
        else:
            key = NEW if _opens_with(db_path, NEW) else OLD
        assert _sessions(db_path, key) == 40
        assert _leftovers(db_path) == [], "the next open removes what the killed run left"
    assert left_behind, "no kill landed while the copy was being written: the test tests nothing"


def _opens_with(db_path, passphrase) -> bool:
    from groupwork.store.database import WrongPassphrase, connect

    try:
        connect(db_path, passphrase).close()
    except WrongPassphrase:
        return False
    return True


def test_a_journal_left_alone_is_removed_too(db_path):
    """Issue 20: the next run removed the temp file but not ``.encrypt-tmp-journal``."""
    _seed(db_path)
    journal = tmp = staged_copy(db_path, "encrypt")
    journal = journal.with_name(journal.name + "-journal")
    journal.write_bytes(b"x" * 512)
    Store.open(db_path).close()
    assert not journal.exists() and not tmp.exists()


def test_a_live_run_keeps_its_staged_copy(db_path):
    from groupwork.store.leftovers import held_staged_file

    _seed(db_path)
    staged = staged_copy(db_path, "encrypt")
    with held_staged_file(staged):
        assert clean_staged_leftovers(db_path) == []
        assert staged.exists()
    assert clean_staged_leftovers(db_path) == [staged]
