"""The owner, a facilitator and a coordinator each doing their day in the TUI on an agency
database (issue 18): open the group (it has a cancelled session), its dashboard and stage
checks, sessions, the task board, the recorder and the review; what a coordinator may not do
is refused in words, and nothing crashes."""

from __future__ import annotations

import re
from datetime import date

import pytest
import time_machine
from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.demo import DEMO_GROUP_NAME
from groupwork.store.postgres import PgStore
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.dashboard import DashboardScreen
from groupwork.tui.screens.recorder import RecorderScreen
from groupwork.tui.screens.task_board import TaskBoardScreen

from .test_forms import screen_text

TODAY = date(2026, 11, 21)


def _cli(*args: str) -> None:
    with time_machine.travel(TODAY, tick=False):
        result = CliRunner().invoke(cli, ["--lang", "en", *args])
    assert result.exit_code == 0, result.output


@pytest.fixture
def office(pg_server, pg_dsn):
    """ดาว facilitates the demo group (a cancelled session among its twelve), ฝน coordinates."""
    name = re.search(r"dbname=(\S+)", pg_dsn).group(1)
    _cli("agency", "init", pg_dsn)
    _cli("--db", pg_dsn, "agency", "add-user", "dao", "--role", "facilitator")
    _cli("--db", pg_dsn, "agency", "add-user", "fon", "--role", "coordinator")
    dao = pg_server.dsn(name, user="dao")
    _cli("--db", dao, "demo")
    return {"owner": pg_dsn, "dao": dao, "fon": pg_server.dsn(name, user="fon")}


def _notes(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def _open_the_group(pilot) -> None:
    await pilot.pause()
    assert DEMO_GROUP_NAME in screen_text(pilot.app)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, DashboardScreen)


async def _move_a_task(pilot, dsn: str) -> None:
    await pilot.press("t")
    await pilot.pause()
    assert isinstance(pilot.app.screen, TaskBoardScreen)
    with PgStore.open(dsn) as store:
        group = store.find_group(DEMO_GROUP_NAME)
        before = {t.id: t.status for t in store.tasks(group.id)}
    await pilot.press("s")
    await pilot.pause()
    with PgStore.open(dsn) as store:
        after = {t.id: t.status for t in store.tasks(group.id)}
    assert before != after  # one status moved, on the server at once
    await pilot.press("escape")
    await pilot.pause()


@pytest.mark.parametrize("login", ["owner", "dao"])
async def test_the_owner_and_a_facilitator_do_their_day(office, login):
    with time_machine.travel(TODAY, tick=False):
        app = GroupworkApp(office[login])
        async with app.run_test(size=(120, 40)) as pilot:
            await _open_the_group(pilot)
            assert "ดาว" in screen_text(app)  # the real names: theirs to read
            await _move_a_task(pilot, office[login])
            for key in ("s", "v"):  # sessions, then the review screen
                await pilot.press(key)
                await pilot.pause()
                assert not isinstance(app.screen, DashboardScreen), key
                await pilot.press("escape")
                await pilot.pause()
            with PgStore.open(office[login]) as store:
                group = store.find_group(DEMO_GROUP_NAME)
                before = len(store.group_participation(group.id))
            await pilot.press("r")  # the recorder on the next planned session
            await pilot.pause()
            assert isinstance(app.screen, RecorderScreen), _notes(app)
            await pilot.press("f3", "1")  # a member speaks
            await pilot.pause()
            with PgStore.open(office[login]) as store:  # on the server at once
                assert len(store.group_participation(group.id)) == before + 1


async def test_a_coordinator_does_their_day_and_is_refused_the_rest_in_words(office):
    with time_machine.travel(TODAY, tick=False):
        app = GroupworkApp(office["fon"])
        async with app.run_test(size=(120, 40)) as pilot:
            await _open_the_group(pilot)
            with PgStore.open(office["dao"]) as store:
                group = store.find_group(DEMO_GROUP_NAME)
                real = [x.real_name for x in store.members(group.id)]
                assert any(s.status == m.SessionStatus.CANCELLED for s in store.sessions(group.id))
            shown = screen_text(app)
            assert not any(name in shown for name in real)
            await _move_a_task(pilot, office["fon"])
            await pilot.press("s")
            await pilot.pause()
            assert "cancelled" in screen_text(app).lower()
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("r")  # recording is the facilitator's: said, not crashed
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
            assert "may change a task's status, nothing else" in _notes(app)
            await pilot.press("v")  # the review is the facilitator's
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
            assert "The Group Work Review is written by the group's facilitator" in _notes(app)
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("c")  # the coordinator's own screen: every group
            await pilot.pause()
            await pilot.press("2")  # the group (closed: not on the groups tab) by its tasks
            await pilot.pause()
            assert DEMO_GROUP_NAME in screen_text(app)
            assert not any(name in screen_text(app) for name in real)
