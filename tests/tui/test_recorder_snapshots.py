"""Snapshots of the recorder mid-session, at 80x24 and 120x40, in Thai and in English.

Deterministic: fixed ids and pseudonyms, time frozen (time-machine), the same keys pressed.
Update after an intended change with ``pytest tests/tui/test_recorder_snapshots.py
--snapshot-update`` and look at the SVGs before committing them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from groupwork import i18n
from groupwork.store import Store
from groupwork.tui.widgets.recorder_log import EventLog
from tests.tui.recorder_app import RecorderTestApp, build_group, until

T0 = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_recorder_mid_session(snap_compare, db_path, lang, size):
    with Store.open(db_path) as store:
        build_group(store)
    i18n.set_language(lang)
    with time_machine.travel(T0, tick=False) as traveller:
        app = RecorderTestApp(db_path)

        async def record_a_little(pilot):
            await pilot.pause()
            await pilot.press("f2", *"12345678", "9", "9", "0", "0", "0", "0", "f3")
            for keys in ["1", "a2", "1", "f", "s3", "1", "c4", "1", "5", "1", "6", "m3", "n7"]:
                traveller.shift(timedelta(seconds=20))
                await pilot.press(*keys)
            traveller.shift(timedelta(seconds=20))
            await pilot.press("space", "2")  # a timed turn, still running
            # Stored by the recorder's writer thread: the log's ⏳ marks are gone.
            log = app.screen.query_one(EventLog)
            await until(pilot, lambda: not len(app.screen.recorder.pending) and not log.marked)
            await pilot.pause()

        assert snap_compare(app, terminal_size=size, run_before=record_a_little)
