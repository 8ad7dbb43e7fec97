"""The TUI on an agency database (PostgreSQL): the same screens and keys as on a file, and
every change on the server the moment the screen shows it.

The rest of tests/tui drives the screens on SQLite; the screens speak only to the Repository,
so these few walks (home, dashboard, task board, a stage form and its draft, the recorder)
show that nothing in them depends on the engine.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from textual.widgets import DataTable

from groupwork import models as m
from groupwork.store.postgres import PgStore
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.dashboard import DashboardScreen
from groupwork.tui.screens.recorder import RecorderScreen
from groupwork.tui.screens.stage_workspace import StageWorkspaceScreen
from groupwork.tui.screens.task_board import TaskBoardScreen
from tests.tui.recorder_app import MEMBER_IDS, SESSION_ID, RecorderTestApp, build_group

from .conftest import count_home_reads
from .test_forms import open_stage, screen_text


async def test_home_lists_the_group_and_the_dashboard_opens(seeded_server):
    app = GroupworkApp(seeded_server)
    assert app.db_path == seeded_server  # the address stays text, never a file path
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Caregivers of Ban Nong" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        text = "\n".join(str(w.render()) for w in app.screen.query("Label, Static"))
        assert "M01" in text and "Call the health centre" in text
        assert "2 sessions held" in text


async def test_home_back_on_the_server_reads_only_after_someone_wrote(seeded_server, monkeypatch):
    # The server's change notices (p092): back from another screen with nothing written
    # since, home asks the server nothing; after another login adds an overdue task to the
    # group, it reads and shows the task in the group's row.
    app = GroupworkApp(seeded_server)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reads = count_home_reads(app, monkeypatch)
        home = app.screen
        table = home.query_one("#groups", DataTable)
        overdue = str(table.get_row_at(0)[3])
        await pilot.pause(0.3)  # the notices of the seed's writes, if any were still coming
        home.reload()
        reads.clear()
        home.reload()
        assert reads == []
        with PgStore.open(seeded_server) as other:
            other.add(m.Task(group_id="g1", title="โทรหาป้าบัว", due_on=datetime(2026, 11, 1).date()))
        for _ in range(50):  # the notice comes through the server: a few milliseconds
            await pilot.pause(0.02)
            home.reload()
            if reads:
                break
        assert reads
        await pilot.pause()
        assert str(table.get_row_at(0)[3]) != overdue


async def test_home_back_on_the_server_after_its_own_write_reads_only_that_group(
    seeded_server, monkeypatch
):
    # p093: the groups this connection's own writes changed are listed in its session; back
    # from another screen after the app's own write, home reads only those rows. After
    # another login's write it cannot know which: it reads everything.
    app = GroupworkApp(seeded_server)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        home = app.screen
        table = home.query_one("#groups", DataTable)
        overdue = str(table.get_row_at(0)[3])
        reads = count_home_reads(app, monkeypatch)

        async def reload_after_notice() -> list[dict]:
            reads.clear()
            for _ in range(50):  # the notice comes back through the server
                await pilot.pause(0.02)
                home.reload()
                if reads:
                    break
            await pilot.pause()
            return list(reads)

        await pilot.pause(0.3)  # the notices of the seed's writes, if any were still coming
        home.reload()
        app.store.add(m.Task(group_id="g1", title="โทรหาป้าบัว", due_on=datetime(2026, 11, 1).date()))
        assert await reload_after_notice() == [{"ids": frozenset({"g1"})}]
        assert str(table.get_row_at(0)[3]) != overdue
        overdue = str(table.get_row_at(0)[3])
        with PgStore.open(seeded_server) as other:
            other.add(
                m.Task(group_id="g1", title="ไปหาผู้ใหญ่บ้าน", due_on=datetime(2026, 11, 2).date())
            )
        assert await reload_after_notice() == [{"limit": 40}]  # a screenful: every group
        assert str(table.get_row_at(0)[3]) == str(int(overdue) + 1)


async def open_task_board(app, pilot) -> None:
    """From home: the seeded group's dashboard, then its task board."""
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("t")
    await pilot.pause()
    assert isinstance(app.screen, TaskBoardScreen)


async def test_task_board_status_lands_on_the_server_at_once(seeded_server):
    app = GroupworkApp(seeded_server)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_task_board(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        # A second connection (another person's) sees it while the app is still open.
        with PgStore.open(seeded_server) as other:
            assert other.get(m.Task, "t1").status == m.TaskStatus.IN_PROGRESS


async def test_a_stage_form_saves_and_its_draft_lives_on_the_server(seeded_server):
    app = GroupworkApp(seeded_server)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_stage(pilot, "4")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"มาตรงเวลา")  # (Pilot drops Thai combining marks typed one by one)
        await pilot.pause()
        with PgStore.open(seeded_server) as other:  # typed, not saved: kept as a draft
            assert other.drafts.get("g1:rules:new").values["text"] == "มาตรงเวลา"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StageWorkspaceScreen)
        assert "มาตรงเวลา" in screen_text(app)
    with PgStore.open(seeded_server) as store:
        assert [r.text for r in store.ground_rules("g1")] == ["มาตรงเวลา"]
        assert store.drafts.get("g1:rules:new") is None


async def test_the_recorder_commits_each_turn_to_the_server(pg_store_dsn):
    with PgStore.open(pg_store_dsn) as store:
        build_group(store)
    t0 = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)
    with time_machine.travel(t0, tick=False) as traveller:
        app = RecorderTestApp(pg_store_dsn)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, RecorderScreen)
            await pilot.press("f3")
            for key in ("1", "2", "a", "3", "f", "1"):
                await pilot.press(key)
                traveller.shift(timedelta(seconds=10))
            await pilot.pause()
            with PgStore.open(pg_store_dsn) as other:  # committed before the next key
                turns = other.participation(SESSION_ID)
            assert [(t.actor_id, t.kind) for t in turns] == [
                (MEMBER_IDS[0], "spoke"),
                (MEMBER_IDS[1], "spoke"),
                (MEMBER_IDS[2], "asked"),
                (m.FACILITATOR, "spoke"),
                (MEMBER_IDS[0], "spoke"),
            ]
            await pilot.press("ctrl+e")
            await pilot.pause()
            await pilot.press(*"โทรหาพยาบาล", "ctrl+s")
            await pilot.pause()
            assert app.closed and app.closed[0].id == SESSION_ID
    with PgStore.open(pg_store_dsn) as store:
        session = store.get(m.Session, SESSION_ID)
        assert session.status == m.SessionStatus.HELD and session.next_steps == "โทรหาพยาบาล"
        assert len(store.participation(SESSION_ID)) == 5
