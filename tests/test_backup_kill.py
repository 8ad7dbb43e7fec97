"""Backups that always restore (issue 8, item 4): a backup killed at any moment leaves nothing
that is listed, chosen by ``restore --latest`` or counted by rotation, and the next run clears
what it left."""

from __future__ import annotations

import os
import random
import signal
import time
from datetime import date

import pytest

from groupwork import models as m
from groupwork.safety.backup import (
    PARTIAL,
    backup_database,
    latest_good_backup,
    list_backups,
    prune_backups,
    restore_backup,
    verify_backup,
)
from groupwork.store import Store

ROUNDS = 50


def _seed(db_path, passphrase):
    with Store.open(db_path, passphrase) as store:
        group = store.add(m.Group(name="กลุ่มดอกพร"))
        store.add(m.Member(group_id=group.id, real_name="นางสาวพร ใจงาม", pseudonym="A"))
        store.add(
            m.Session(group_id=group.id, number=1, held_on=date(2026, 1, 5), notes="x" * 3000)
        )


def _backing_up_child(store) -> int:
    """A child process that backs up ``store`` in a loop until it is killed.

    Forked with the parent's open store: an encrypted database costs two key derivations to
    open (about 0.2 s), which would otherwise be most of each round. The parent does not use
    the store while the child runs.
    """
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            for _ in range(10_000):
                backup_database(store, "session-closed", keep=3)
        finally:
            os._exit(0)
    return pid


@pytest.mark.parametrize(
    "passphrase",
    [
        pytest.param(None, id="plain"),
        # Slow: each encrypted open derives the key (about 0.1 s); 50 rounds take ~20-35 s
        # on the shared machine.
        pytest.param("correct horse", id="encrypted", marks=pytest.mark.slow),
    ],
)
def test_a_backup_killed_at_random_moments_never_leaves_a_listed_bad_file(
    db_path, tmp_path, passphrase
):
    _seed(db_path, passphrase)
    rng = random.Random(8)
    folder = None
    killed_midway = 0
    store = Store.open(db_path, passphrase)
    started = time.perf_counter()
    backup_database(store, "manual", keep=3)
    one_backup = time.perf_counter() - started
    for _round in range(ROUNDS):
        pid = _backing_up_child(store)
        time.sleep(rng.uniform(0.0, 3 * one_backup))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)

        backups = list_backups(db_path)
        folder = backups[0].path.parent
        killed_midway += any(p.name.endswith(PARTIAL) for p in folder.iterdir())
        assert all(info.path.stat().st_size > 0 for info in backups)
        # The newest listed backup verifies (so `restore --latest` takes it, skipping none).
        chosen, skipped = latest_good_backup(db_path, lambda _path: passphrase)
        assert chosen == backups[0] and not skipped
        if _round % 10 == 9:  # the full checks cost key derivations: a sample of rounds
            for info in backups:
                verify_backup(info.path, passphrase)
            restored = tmp_path / "restores" / "restored.db"
            restored.parent.mkdir(exist_ok=True)
            restore_backup(chosen.path, restored, passphrase)
            with Store.open(restored, passphrase) as back:
                assert [g.name for g in back.groups()] == ["กลุ่มดอกพร"]

    assert folder is not None and killed_midway > 0  # the kills did land inside backups
    # The next run clears what the killed ones left.
    backup_database(store, "manual", keep=3)
    store.close()
    assert not [p for p in folder.iterdir() if p.name.endswith(PARTIAL)]
    assert all(p.stat().st_size > 0 for p in folder.iterdir()), sorted(
        (p.name, p.stat().st_size) for p in folder.iterdir()
    )
    # Rotation counted only finished backups (a kill between rename and rotation leaves one
    # extra until the next run, which prunes it).
    assert 1 <= len(list_backups(db_path)) <= 3


def test_empty_and_partial_files_are_never_listed_chosen_or_counted(store, monkeypatch):
    store.add(m.Group(name="G"))
    good = backup_database(store, "manual")
    folder = good.parent
    # What older versions (or a kill) left: an empty file with a backup's name, a partial one.
    empty = folder / f"{store.path.stem}-29990101T000000000000Z-session-closed.db"
    empty.touch()
    partial = folder / f"{store.path.stem}-29990101T000001000000Z-manual.db{PARTIAL}"
    partial.write_bytes(b"SQLite format 3\x00")
    assert [b.path for b in list_backups(store.path)] == [good]
    assert latest_good_backup(store.path, lambda _p: None)[0].path == good
    assert prune_backups(store.path, 1) == []  # the junk is not counted against `keep`
    newer = backup_database(store, "manual")
    assert not empty.exists() and not partial.exists()  # cleaned up on the next run
    assert [b.path for b in list_backups(store.path)] == [newer, good]


def test_restore_latest_skips_a_damaged_newest_backup(store):
    store.add(m.Group(name="Good"))
    good = backup_database(store, "manual")
    damaged = good.with_name(f"{store.path.stem}-29990101T000000000000Z-session-closed.db")
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    chosen, skipped = latest_good_backup(store.path, lambda _p: None)
    assert chosen.path == good
    assert [info.path for info, _why in skipped] == [damaged]


def test_rotation_keeps_the_newest_and_the_before_encrypt_backup(store):
    store.add(m.Group(name="G"))
    before = backup_database(store, "before-encrypt", keep=2)
    made = [backup_database(store, "session-closed", keep=2) for _ in range(4)]
    names = [b.path for b in list_backups(store.path)]
    assert before in names  # never rotated away
    assert names[:2] == [made[-1], made[-2]]
    prune_backups(store.path, 0)  # even keep=0 keeps the newest
    assert [b.path for b in list_backups(store.path)] == [made[-1], before]
