"""The recorder screen on an agency server that is killed mid-session: what the facilitator
records stays on screen, marked as kept on this computer, and reaches the server once it is
back, each event once (issue 13, item 5)."""

from __future__ import annotations

import psycopg
from textual.widgets import Static

from groupwork.store.postgres import PgStore
from groupwork.tui.screens.recorder import RecorderScreen
from tests.tui.recorder_app import GROUP_ID, MEMBER_IDS, SESSION_ID, build_group, run_async
from tests.tui.recorder_app import RecorderTestApp as _SqliteRecorderApp


class PgRecorderApp(_SqliteRecorderApp):
    """The recorder test app on a PostgreSQL database."""

    def open_store(self, passphrase: str | None) -> None:
        self.store = PgStore.open(self.db_path)
        self.push_screen(RecorderScreen(self.store, GROUP_ID, self.session_id), self.closed.append)


def _text(widget) -> str:
    return str(widget.render())


def _server_actors(dsn: str) -> list[str]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT actor_id FROM participation_events WHERE session_id = %s ORDER BY _seq",
            [SESSION_ID],
        ).fetchall()
    return [row[0] for row in rows]


@run_async
async def test_recording_through_a_killed_server(pg_store_dsn, pg_server):
    with PgStore.open(pg_store_dsn) as store:
        build_group(store)
    app = PgRecorderApp(pg_store_dsn)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RecorderScreen)
        await pilot.press("1", "2")
        await pilot.pause()
        pg_server.pause()
        try:
            await pilot.press("3", "f", "4")
            await pilot.pause()
            header = _text(screen.query_one("#rec-header", Static))
            assert "3 not yet on the server, kept on this computer" in header
            assert len(screen.recorder.pending) == 3
            assert screen.recorder.store.event_journal().path.exists()
            screen._every_second()  # still away: nothing lost, nothing stored
            await pilot.pause()
            assert len(screen.recorder.pending) == 3
        finally:
            pg_server.resume()
        screen._every_second()  # the screen's one-second timer
        await pilot.pause()
        assert len(screen.recorder.pending) == 0
        assert "not yet on the server" not in _text(screen.query_one("#rec-header", Static))
        assert not screen.recorder.store.event_journal().path.exists()
    expected = [MEMBER_IDS[0], MEMBER_IDS[1], MEMBER_IDS[2], "facilitator", MEMBER_IDS[3]]
    assert _server_actors(pg_store_dsn) == expected


@run_async
async def test_a_refused_login_at_start_up_is_a_message_not_a_traceback(pg_server):
    from groupwork.tui.app import GroupworkApp
    from groupwork.tui.screens.message import MessageScreen

    app = GroupworkApp(pg_server.dsn(user="nobody_here"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        shown = " ".join(_text(w) for w in app.screen.query(Static))
        assert "refused the login" in shown and "pgpass" in shown
        await pilot.press("enter")
        await pilot.pause()
    assert app.store is None
