"""The agency server goes away while the app browses: every screen opened or returned to then
tells the person and stays usable; nothing ends the app or prints a traceback (which shows a
function's local values: people's names among them)."""

from __future__ import annotations

import psycopg
import pytest
from textual.widgets import Input

from groupwork import models as m
from groupwork.errors import StorageError
from groupwork.store.postgres import PgStore
from groupwork.tui import store_errors
from groupwork.tui.app import GroupworkApp

from .test_forms import screen_text
from .test_on_postgres import open_task_board


def server_gone(app, monkeypatch) -> None:
    """End the app's connection on the server and refuse every new one, as a server stopped
    or a cut network does."""
    import groupwork.store.postgres.store as pg_store

    def refused(*args, **kwargs):
        raise StorageError("connection refused")

    monkeypatch.setattr(pg_store, "connect", refused)
    pid = app.store.conn.info.backend_pid
    with psycopg.connect(app.store.location, autocommit=True) as conn:
        conn.execute("select pg_terminate_backend(%s)", [pid])


def notices(app) -> list[str]:
    """The notices shown so far (each once), oldest first."""
    return [n.message for n in app._notifications]


async def test_screens_tell_the_person_when_the_server_is_away(seeded_server, monkeypatch):
    app = GroupworkApp(seeded_server)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Caregivers of Ban Nong" in screen_text(app)
        server_gone(app, monkeypatch)

        async def press(key: str) -> str:
            await pilot.press(key)
            await pilot.pause(0.2)
            assert app.is_running, key
            return type(app.screen).__name__

        # The coordinator opens, empty, and says why.
        assert await press("c") == "CoordinatorScreen"
        assert notices(app) == [  # once, though its groups tab asked again as it showed
            "The agency database cannot be reached, so this screen was not brought up to "
            "date: what it shows may be old or missing. Open it again once the server is back."
        ]
        # Home, returned to, keeps the group it listed and says it could not read again (the
        # same words within two seconds are not shown twice: counted here one by one).
        monkeypatch.setattr(store_errors, "TOLD_ONCE_SECONDS", 0)
        count = len(notices(app))
        assert await press("escape") == "HomeScreen"
        assert "Caregivers of Ban Nong" in screen_text(app)
        assert len(notices(app)) == count + 1
        # The dashboard cannot be built without its group: told, and back on home (which
        # says again that it could not read).
        assert await press("enter") == "HomeScreen"
        assert len(notices(app)) == count + 3
        assert "was not brought up to date" in notices(app)[-1]
        assert all("cannot be reached" in n for n in notices(app))
        assert not any("Traceback" in n or "postgres" in n for n in notices(app))
        # The server back: the same keys work as before.
        monkeypatch.undo()
        assert await press("c") == "CoordinatorScreen"
        assert "Caregivers of Ban Nong" in screen_text(app)
        assert await press("escape") == "HomeScreen"
        assert await press("enter") == "DashboardScreen"


async def test_a_key_that_writes_is_refused_and_told_then_works_once_the_server_is_back(
    seeded_server, monkeypatch
):
    app = GroupworkApp(seeded_server)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_task_board(app, pilot)
        server_gone(app, monkeypatch)
        await pilot.press("s")  # the task's next status: a write
        await pilot.pause(0.2)
        assert app.is_running
        assert notices(app) == [
            "The agency database cannot be reached, so what you asked for was not done: "
            "nothing was read or changed. Do it again once the server is back."
        ]
        monkeypatch.undo()
        with PgStore.open(seeded_server) as other:
            assert other.get(m.Task, "t1").status == m.TaskStatus.OPEN
        await pilot.press("s")
        await pilot.pause()
        with PgStore.open(seeded_server) as other:
            assert other.get(m.Task, "t1").status == m.TaskStatus.IN_PROGRESS


async def test_a_filter_typed_while_the_server_is_away_is_told(seeded_server, monkeypatch):
    # The coordinator's task filter reads a page as the person types (an @on handler, which
    # Textual keeps unwrapped: its read is wrapped by hand).
    app = GroupworkApp(seeded_server)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause(0.3)
        server_gone(app, monkeypatch)
        app.screen.query_one("#f-group", Input).value = "Care"
        await pilot.pause(0.3)
        assert app.is_running
        assert notices(app) == [
            "The agency database cannot be reached, so this screen was not brought up to "
            "date: what it shows may be old or missing. Open it again once the server is back."
        ]


@pytest.mark.parametrize("key", ["w", "3", "t", "r", "s", "v", "c", "e", "x", "k", "p"])
async def test_every_door_from_a_dashboard_with_the_server_away(seeded_server, monkeypatch, key):
    # Each of the dashboard's keys, pressed once the server has gone: the screen it opens
    # (a stage's workspace, the task board, the recorder, the sessions, the review, closure,
    # endorsement, closing the group, conflicts, people around) tells the person or opens
    # from what it has; the app goes on, and Escape leads back.
    app = GroupworkApp(seeded_server)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardScreen"
        server_gone(app, monkeypatch)
        await pilot.press(key)
        await pilot.pause(0.3)
        assert app.is_running
        # Told once: the screen that could not be built, and the dashboard under it that
        # cannot be shown again either (both close: the person is on home), say it once.
        assert len(notices(app)) == 1
        assert "cannot be reached" in notices(app)[0]
        for _ in range(3):
            await pilot.press("escape")
            await pilot.pause(0.2)
            assert app.is_running
