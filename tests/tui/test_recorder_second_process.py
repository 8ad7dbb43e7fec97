"""Another process writing to the same database never costs the live recorder a turn.

Found with ``scripts/bench_typing.py --with-writer``: after a ``groupwork import`` ended
beside the recorder, the recorder's next turns went to a write-ahead log SQLite had already
deleted, the file came out "malformed" and the app died on the next key. The app had read
the database file's header with plain ``open()``/``close()`` after its own SQLite
connection was open; closing any descriptor of a file drops every POSIX lock the process
holds on it (https://sqlite.org/howtocorrupt.html, 2.2), so the other process believed it
was the last one open, checkpointed and removed the log (fixed in store/file_locks.py;
this test drives the whole app with a real second process).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from groupwork.store import Store
from tests.tui.recorder_app import (
    GROUP_ID,
    SESSION_ID,
    RecorderTestApp,
    build_group,
    run_async,
    until,
)

ROOT = Path(__file__).resolve().parents[2]

SECOND_PROCESS = """
import sys
sys.path.insert(0, sys.argv[2])
from groupwork import models as m
from groupwork.store import Store
with Store.open(sys.argv[1]) as store:
    with store.transaction():
        store.add(m.Group(id="group-imported", name="Imported while recording"))
"""

COUNT_TURNS = """
import sys
sys.path.insert(0, sys.argv[2])
from groupwork.store import Store
with Store.open(sys.argv[1]) as store:
    print(len(store.participation(sys.argv[3])), len(store.groups()))
"""


def in_other_process(script: str, *args: str) -> str:
    """Run ``script`` in a fresh Python process (its own SQLite locks); its output."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@run_async
async def test_turns_logged_after_another_process_wrote_and_closed_are_all_stored(db_path):
    app = _recorder_on_a_new_group(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        # An import in another window: it writes, then closes its connection.
        in_other_process(SECOND_PROCESS, str(db_path), str(ROOT))
        for key in ("2", "3", "4"):
            await pilot.press(key)
            await pilot.pause()
        # Seen from a third process while the recorder is still open.
        stored_turns, groups = in_other_process(
            COUNT_TURNS, str(db_path), str(ROOT), SESSION_ID
        ).split()
        assert app.is_running
        assert app.screen.__class__.__name__ == "RecorderScreen"
    assert (stored_turns, groups) == ("4", "2")
    with Store.open(db_path) as store:
        assert len(store.participation(SESSION_ID)) == 4
        assert store.integrity_problems() == []
        assert {g.id for g in store.groups()} == {GROUP_ID, "group-imported"}


def _recorder_on_a_new_group(db_path) -> RecorderTestApp:
    """The recorder app on a fresh database holding the ten-member test group."""
    with Store.open(db_path) as store:
        build_group(store)
    return RecorderTestApp(db_path)


@run_async
async def test_a_database_that_cannot_be_written_keeps_the_turns_and_the_app(db_path):
    """Not busy but broken (here: "malformed", as the bug above left it): the person is
    told, the turns stay on screen marked as waiting, and none is lost once it heals."""
    app = _recorder_on_a_new_group(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        pending = screen.recorder.pending
        store = pending.writer_store  # the writer thread's own connection writes the turns
        broken = True
        record_turn = store.record_turn

        def failing_record_turn(event):
            if broken:
                return store._write(_raise_malformed)
            return record_turn(event)

        store.record_turn = failing_record_turn
        await pilot.press("1", "2")
        await until(pilot, lambda: pending.troubled and len(pending) == 2)
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert "2 not saved yet" in _text(screen.query_one("#rec-header"))
        assert _text(screen.query_one("#rec-log")).count("⏳") == 2  # kept on screen
        told = [n.message for n in app._notifications]
        assert any("malformed" in message and "⏳" in message for message in told)
        broken = False  # the writer thread tries again by itself
        await until(pilot, lambda: not len(pending))
        await pilot.pause()
        assert "⏳" not in _text(screen.query_one("#rec-log"))
        assert "Everything recorded is saved now." in [n.message for n in app._notifications]
    with Store.open(db_path) as store:
        assert len(store.participation(SESSION_ID)) == 2


@run_async
async def test_keys_never_wait_for_another_connections_write_lock(db_path):
    """A write transaction held on a second connection (as an import does) does not hold up
    a key: the turns show at once, marked ⏳, and reach the database in order once the lock
    is let go; what the screen shows as saved (no ⏳) is in the database."""
    app = _recorder_on_a_new_group(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("begin immediate")  # the write lock, held
        try:
            await pilot.press("1", "2", "3")
            log = _text(screen.query_one("#rec-log"))
            assert log.count("⏳") == 3  # on screen now, not yet saved
            await pilot.press("u")  # undo the last while it waits: dropped, never stored
            assert _text(screen.query_one("#rec-log")).count("Undone") == 1
            assert len(screen.recorder.turns) == 2
            assert other.execute("select count(*) from participation_events").fetchone() == (0,)
        finally:
            other.execute("rollback")
            other.close()
        await until(pilot, lambda: not len(screen.recorder.pending))
        await pilot.pause()
        assert "⏳" not in _text(screen.query_one("#rec-log"))
        shown = [e.id for e in screen.recorder.turns]
    with Store.open(db_path) as store:
        assert [e.id for e in store.participation(SESSION_ID)] == shown


def _raise_malformed():
    raise sqlite3.DatabaseError("database disk image is malformed")


def _text(widget) -> str:
    return str(widget.render())
