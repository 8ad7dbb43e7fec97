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
from tests.tui.recorder_app import GROUP_ID, SESSION_ID, RecorderTestApp, build_group, run_async

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
    with Store.open(db_path) as store:
        build_group(store)
    app = RecorderTestApp(db_path)
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


@run_async
async def test_a_database_that_cannot_be_written_keeps_the_turns_and_the_app(db_path):
    """Not busy but broken (here: "malformed", as the bug above left it): the person is
    told, the turns stay on screen marked as waiting, and none is lost once it heals."""
    with Store.open(db_path) as store:
        build_group(store)
    app = RecorderTestApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        store = screen.recorder.store
        broken = True
        record_turn = store.record_turn

        def failing_record_turn(event):
            if broken:
                return store._write(_raise_malformed)
            return record_turn(event)

        store.record_turn = failing_record_turn
        await pilot.press("1", "2")
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert len(screen.recorder.pending) == 2
        assert "2 not saved yet" in _text(screen.query_one("#rec-header"))
        told = [n.message for n in app._notifications]
        assert any("malformed" in message and "⏳" in message for message in told)
        broken = False
        screen._every_second()  # the screen's one-second timer writes what waited
        await pilot.pause()
        assert len(screen.recorder.pending) == 0
    with Store.open(db_path) as store:
        assert len(store.participation(SESSION_ID)) == 2


def _raise_malformed():
    raise sqlite3.DatabaseError("database disk image is malformed")


def _text(widget) -> str:
    return str(widget.render())
