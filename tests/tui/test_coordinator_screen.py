"""The coordinator screen, driven with Pilot on a database of several groups: every figure it
shows checked against the stored records (computed in tests/coordination_data.py)."""

from __future__ import annotations

import gc
from datetime import date, timedelta

import pytest
from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.render import measure
from textual.strip import Strip
from textual.widgets import DataTable, Select

from groupwork import i18n
from groupwork import models as m
from groupwork.dates import format_date
from groupwork.store import Store
from groupwork.store.rows import TaskFilter
from groupwork.tui.app import GroupworkApp
from groupwork.tui.formatting import show_date
from groupwork.tui.screens import coordinator, coordinator_groups, coordinator_tasks
from groupwork.tui.screens.coordinator import CoordinatorScreen
from groupwork.tui.screens.home import HomeScreen
from groupwork.tui.typed_text import plain_cell_formatter
from tests.coordination_data import (
    all_members,
    build_several_groups,
    expected_status,
    expected_trend,
)
from tests.tui.conftest import count_home_reads
from tests.tui.test_app_basics import screen_text

DAY = date(2026, 11, 21)  # the TUI tests' frozen day (tests/tui/conftest.py)
WORDS = {"rising": "rising", "falling": "falling", "steady": "steady"}


@pytest.fixture(scope="module")
def several(tmp_path_factory):
    path = tmp_path_factory.mktemp("coord-tui") / "several.db"
    build_several_groups(path)
    return path


def assert_measured_as_datatable(app, table_id: str) -> None:
    """Each column as wide as Textual's DataTable would measure it (rendering every cell)."""
    table = app.screen.query_one(table_id, DataTable)
    console = app.console
    for index, column in enumerate(table.ordered_columns):
        cells = [
            measure(console, plain_cell_formatter(row[index], wrap=False, height=1), 1)
            for row in (table.get_row_at(r) for r in range(table.row_count))
        ]
        assert column.content_width == max([column.label.cell_len, *cells]), column.key


def assert_group_columns_fixed(app) -> None:
    """The group table's columns as wide as ``status_widths`` says (or their title), wider
    only for a cell that would not fit; every cell drawn as DataTable itself draws it."""
    table = app.screen.query_one("#group-status", DataTable)
    widths = coordinator_groups.status_widths(DAY)
    console = app.console
    for index, column in enumerate(table.ordered_columns):
        cells = [
            measure(console, plain_cell_formatter(row[index], wrap=False, height=1), 1)
            for row in (table.get_row_at(r) for r in range(table.row_count))
        ]
        want = max([column.label.cell_len, widths[str(column.key.value)], *cells])
        assert column.content_width == want, column.key
        for row in range(table.row_count):
            for cursor in (False, True):
                drawn = []
                for render in (type(table)._render_cell, DataTable._render_cell):
                    table._cell_render_cache.clear()
                    lines = render(table, row, index, Style(), want + 2, cursor)
                    drawn.append([list(Strip(line).simplify()) for line in lines])
                assert drawn[0] == drawn[1], (row, column.key)


async def all_groups_added(app, pilot) -> None:
    """Wait until the page's groups after the first screenful are in the table."""
    for _ in range(50):
        if not app.screen.groups_loading:
            return
        await pilot.pause(0.02)
    raise AssertionError("the page's later groups never came")


def table_rows(app, table_id: str) -> list[list[str]]:
    table = app.screen.query_one(table_id, DataTable)
    return [[str(cell) for cell in table.get_row_at(r)] for r in range(table.row_count)]


async def tasks_listed(pilot) -> None:
    """Wait until the page's tasks after the first screenful are in the table."""
    for _ in range(50):
        await pilot.pause()
        if not pilot.app.screen.tasks_to_come:
            return
        await pilot.pause(0.02)
    raise AssertionError("the page's later tasks never came")


async def counted(pilot) -> None:
    """Wait for the rest of the page, then for the task count (started once the page is
    drawn, on a worker) and its message to be handled."""
    await tasks_listed(pilot)
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if pilot.app.screen.task_count is not None:
            return
        await pilot.pause(0.02)
    raise AssertionError("the tasks were never counted")


async def open_coordinator(app, pilot) -> None:
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(app.screen, CoordinatorScreen)


async def test_every_group_with_its_figures(several):
    app = GroupworkApp(several)
    async with app.run_test(size=(200, 50)) as pilot:
        await open_coordinator(app, pilot)
        assert_group_columns_fixed(app)
        shown = {row[0]: row for row in table_rows(app, "#group-status")}
        with Store.open(several) as store:
            every = store.groups()
            # A closed group has ended: left out, counted in the summary (as `status` does).
            groups = [g for g in every if g.status != "closed"]
            assert len(every) == 12 and set(shown) == {g.name for g in groups}
            for group in groups:
                want = expected_status(store, group, DAY)
                row = shown[group.name]
                names = ", ".join(want.facilitators) or "—"
                assert row[1] == names or (row[1].endswith("…") and names.startswith(row[1][:-1]))
                assert row[2] == str(want.stage)
                assert row[3] == f"{want.held}/{want.planned}"
                short = [format_date(d, short=True) or "—" for d in (want.last, want.next)]
                assert [row[4], row[5]] == short
                trend = expected_trend(want.recent_rates)
                assert row[6].endswith(WORDS.get(trend, "·"))
                assert row[7] == (str(want.overdue) if want.overdue else "·")
                oldest = want.oldest_overdue_days
                assert row[8] == ("—" if oldest is None else str(oldest))
                assert ("attendance falling" in row[9]) == (trend == "falling")
        small = shown["กลุ่มดาวเหนือ"]
        assert small[1] == "คุณสุข ใจงาม" and small[3] == "3/8"
        assert "no session for 4 weeks" in small[9]
        closed = 12 - len(groups)
        assert f"Groups 1–{len(groups)} of {len(groups)}" in screen_text(app)
        assert f"{closed} closed groups not shown" in screen_text(app)

        # Enter opens the group's dashboard.
        table = app.screen.query_one("#group-status", DataTable)
        table.move_cursor(row=list(shown).index("กลุ่มดาวเหนือ"))
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardScreen"


async def test_task_table_filters_and_sorts(several, monkeypatch):
    # The first screenful (ten rows here) before the first paint, the rest of the page after.
    monkeypatch.setattr(coordinator_tasks, "TASK_CHROME", 40)
    added: list[int] = []
    add_tasks = CoordinatorScreen._add_tasks

    def noting(self, rows):
        shown = self.task_rows_shown
        add_tasks(self, rows)
        added.append(self.task_rows_shown - shown)

    monkeypatch.setattr(CoordinatorScreen, "_add_tasks", noting)
    with Store.open(several) as store:
        pseudonyms = {x.id: x.pseudonym for x in all_members(store)}
        tasks = store.tasks()
        real_names = [x.real_name for x in all_members(store)]
    rain = [t for t in tasks if "ฝน" in [pseudonyms.get(a) for a in t.assignee_ids]]
    app = GroupworkApp(several)
    async with app.run_test(size=(200, 50)) as pilot:
        await open_coordinator(app, pilot)
        # A hidden tab is read when first shown, not when the screen opens; its filters,
        # table and summary are added then too, and so are the "needs a look" tab's.
        assert not app.screen.query("#coord-tasks, #tasks-summary, #task-filters")
        assert not app.screen.query("#attention-table, #attention-summary")
        assert app.focused is app.screen.query_one("#group-status")
        await pilot.press("2")
        await counted(pilot)
        assert added == [10, 90]
        # By default the tasks still to do (open or in progress), earliest due first.
        active = [t for t in tasks if t.status in ("open", "in_progress")]
        overdue = sum(t.is_overdue(DAY) for t in tasks)
        assert f"Tasks 1–100 of {len(active)}, {overdue} overdue" in screen_text(app)
        first = table_rows(app, "#coord-tasks")
        dues = sorted(t.due_on or date.max for t in active)
        assert [r[3] for r in first] == [
            show_date(d if d != date.max else None) for d in dues[:100]
        ]

        # A member, by pseudonym, across every group, whatever the status.
        app.screen.query_one("#f-status", Select).clear()
        app.screen.query_one("#f-member").focus()
        await pilot.press(*"ฝน")
        await counted(pilot)
        rows = table_rows(app, "#coord-tasks")
        assert len(rows) == min(100, len(rain)) and all("ฝน" in r[2] for r in rows)
        assert_measured_as_datatable(app, "#coord-tasks")
        late = sum(t.is_overdue(DAY) for t in rain)
        assert f"of {len(rain)}, {late} overdue" in screen_text(app)
        # An earlier filter's count arriving late changes nothing: the newest filter's stays.
        screen = app.screen
        screen.post_message(screen.TasksCounted((TaskFilter(member="ฝ"), DAY), (999, 9)))
        await pilot.pause()
        assert f"of {len(rain)}, {late} overdue" in screen_text(app)
        assert "999" not in screen_text(app)
        # Paged past the end while still counting: the page shows as counting, then the
        # count brings it back to the last page.
        screen.task_count_for = None
        screen.task_page = 5
        screen.load_tasks()
        summary = str(screen.query_one("#tasks-summary").render())
        assert summary == "Counting the tasks that match…"
        await counted(pilot)
        last = (len(rain) - 1) // 100
        assert screen.task_page == last and last * 100 < len(rain)
        assert f"Tasks {last * 100 + 1}–{len(rain)} of {len(rain)}" in screen_text(app)

        # Overdue only: the days overdue are the stored due dates' distance from today.
        app.screen.query_one("#f-status", Select).value = "overdue"
        await tasks_listed(pilot)
        want = {t.title: (DAY - t.due_on).days for t in rain if t.is_overdue(DAY)}
        rows = table_rows(app, "#coord-tasks")
        assert {r[1]: int(r[5]) for r in rows} == want

        # Sorted by group name, then reversed.
        table = app.screen.query_one("#coord-tasks", DataTable)
        table.focus()
        app.screen.query_one("#f-member").value = ""
        await pilot.pause()
        await pilot.press("s")  # due -> group
        await tasks_listed(pilot)
        names = [r[0] for r in table_rows(app, "#coord-tasks")]
        assert names == sorted(names) and len(names) == 100
        await pilot.press("r")
        await tasks_listed(pilot)
        names = [r[0] for r in table_rows(app, "#coord-tasks")]
        assert names == sorted(names, reverse=True)
        assert not any(name in screen_text(app) for name in real_names)


async def test_a_filters_count_starts_once_its_whole_page_is_shown(several, monkeypatch):
    # The count of a new filter waits for the page (first screenful, then the rest) to be
    # read and drawn: running beside them it took a core from their reading and drawing.
    monkeypatch.setattr(coordinator_tasks, "TASK_CHROME", 40)
    seen_at_start: list[tuple[str | None, list[list[str]]]] = []
    count_tasks = CoordinatorScreen.count_tasks

    def noting(self, task_filter, today):
        seen_at_start.append((task_filter.member, table_rows(self.app, "#coord-tasks")))
        return count_tasks(self, task_filter, today)

    monkeypatch.setattr(CoordinatorScreen, "count_tasks", noting)
    app = GroupworkApp(several)
    async with app.run_test(size=(200, 50)) as pilot:
        await open_coordinator(app, pilot)
        await pilot.press("2")
        await counted(pilot)
        app.screen.query_one("#f-member").value = "ฝน"
        await counted(pilot)
        shown = table_rows(app, "#coord-tasks")
    assert [member for member, _ in seen_at_start] == [None, "ฝน"]
    # When the newest filter's count started, its whole page was already in the table.
    assert seen_at_start[-1][1] == shown and len(shown) > 10
    assert all("ฝน" in row[2] for row in shown)
    assert len(seen_at_start[0][1]) == 100


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_task_summary_shows_under_a_full_page(several, size):
    # A page of 100 tasks is taller than the screen: the table scrolls inside itself, and the
    # summary (which tasks, of how many, the count) stays on the screen under it.
    app = GroupworkApp(several)
    async with app.run_test(size=size) as pilot:
        await open_coordinator(app, pilot)
        await pilot.press("2")
        await counted(pilot)
        table = app.screen.query_one("#coord-tasks", DataTable)
        assert table.row_count == 100 and table.virtual_size.height > table.size.height
        summary = app.screen.query_one("#tasks-summary")
        placed = app.screen.find_widget(summary)
        assert placed.clip.contains_region(placed.region)
        assert placed.region.bottom <= size[1] - 1  # above the footer
        assert str(summary.render()).startswith("Tasks 1–100 of ")


async def test_who_needs_a_look(several):
    app = GroupworkApp(several)
    async with app.run_test(size=(200, 50)) as pilot:
        await open_coordinator(app, pilot)
        await pilot.press("3")
        await pilot.pause()
        rows = table_rows(app, "#attention-table")
        assert_measured_as_datatable(app, "#attention-table")
        small = [r for r in rows if r[1] == "กลุ่มดาวเหนือ"]
        assert ["No session lately", "กลุ่มดาวเหนือ", "no session for 4 weeks"] in small
        assert ["Missed the last two sessions", "กลุ่มดาวเหนือ", "ฝน (last came 1 Oct 2026)"] in small
        # Turns over the last three held sessions: พร 11, ดาว 1, ฝน none.
        assert ["Quiet in the last sessions", "กลุ่มดาวเหนือ", "ฝน (0 turns)"] in small
        assert not any("ดาว (" in r[2] for r in small)
        # The withdrawn member is not anyone's concern here, and no real name is shown.
        assert not any("น้ำ" in r[2] for r in small)
        assert "ทดสอบจริง" not in screen_text(app)


async def test_pages_of_groups(several, monkeypatch):
    monkeypatch.setattr(coordinator, "PAGE", 5)
    # Two groups before the first paint, the page's other three after it, two at a time.
    monkeypatch.setattr(coordinator, "FIRST_ROWS", 2)
    monkeypatch.setattr(coordinator, "LATER_ROWS", 2)
    added: list[int] = []
    add_groups = CoordinatorScreen._add_groups

    def noting(self, count):
        rows = len(self.group_rows)
        add_groups(self, count)
        added.append(len(self.group_rows) - rows)

    monkeypatch.setattr(CoordinatorScreen, "_add_groups", noting)
    app = GroupworkApp(several)
    async with app.run_test(size=(200, 50)) as pilot:
        await open_coordinator(app, pilot)
        with Store.open(several) as store:
            names = sorted(g.name for g in store.groups() if g.status != "closed")
        # The summary counts the whole page from the start.
        assert f"Groups 1–5 of {len(names)}" in screen_text(app)
        await all_groups_added(app, pilot)
        assert added == [2, 2, 1]
        assert [r[0] for r in table_rows(app, "#group-status")] == names[:5]
        widths = [c.content_width for c in app.screen.query_one("#group-status").ordered_columns]
        await pilot.press("right_square_bracket")
        await all_groups_added(app, pilot)
        assert [r[0] for r in table_rows(app, "#group-status")] == names[5:10]
        assert f"Groups 6–{min(10, len(names))} of {len(names)}" in screen_text(app)
        # The columns do not move from one page to the next.
        columns = app.screen.query_one("#group-status").ordered_columns
        assert [c.content_width for c in columns] == widths
        # "Needs a look" is about the whole page: its groups are all read first.
        await pilot.press("left_square_bracket", "3")
        await pilot.pause()
        assert not app.screen.groups_loading
        assert [r.name for r in app.screen.group_rows] == names[:5]
        await pilot.press("1", "right_square_bracket")
        await pilot.press("right_square_bracket", "right_square_bracket")
        await all_groups_added(app, pilot)  # past the last page: it stays on the last one
        assert [r[0] for r in table_rows(app, "#group-status")] == names[
            (len(names) - 1) // 5 * 5 :
        ]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_in_thai(several):
    i18n.set_language("th")
    app = GroupworkApp(several)
    async with app.run_test(size=(200, 50)) as pilot:
        await open_coordinator(app, pilot)
        text = screen_text(app)
        assert "ภาพรวมสำหรับผู้นิเทศ · ทุกกลุ่ม" in text
        assert "ไม่มีการประชุมกลุ่มมา 4 สัปดาห์" in text
        assert "21 ต.ค." not in text or "2569" in text


async def home_listed(app, pilot, count: int) -> None:
    """Until home lists ``count`` rows: the worker's read after the first frame, then a slice
    per frame."""
    for _ in range(50):
        await pilot.pause(0.02)
        await app.workers.wait_for_complete()
        if len(table_rows(app, "#groups")) == count:
            return
    raise AssertionError(f"home lists {len(table_rows(app, '#groups'))} of {count} groups")


async def test_home_adds_the_later_rows_a_slice_per_frame_in_order(several, monkeypatch):
    from groupwork.tui.screens import home

    monkeypatch.setattr(home, "FIRST_ROWS", 3)
    monkeypatch.setattr(home, "LATER_ROWS", 2)  # 12 groups: the first 3, then five slices
    slices: list[int] = []
    add_rows = home.HomeScreen._add_rows

    def noting(self, groups, cells):
        slices.append(len(groups))
        add_rows(self, groups, cells)

    monkeypatch.setattr(home.HomeScreen, "_add_rows", noting)
    app = GroupworkApp(several)
    async with app.run_test(size=(120, 40)) as pilot:
        await home_listed(app, pilot, 12)
        assert slices == [3, 2, 2, 2, 2, 1]
        with Store.open(several) as store:
            names = [
                g.name
                for g in sorted(store.groups(), key=lambda g: (g.status == "closed", g.name, g.id))
            ]
        assert [row[0] for row in table_rows(app, "#groups")] == names
        # Columns of fixed widths: no row was rendered to be measured (only the headers).
        columns = app.screen.query_one("#groups").columns.values()
        assert [c.content_width for c in columns] == [c.label.cell_len for c in columns]
        assert gc.get_freeze_count() > 0  # an agency's list: kept out of full collections
    assert gc.get_freeze_count() == 0  # home gone: everything may be collected again


def home_order(store: Store) -> list:
    """The groups in home's order: running ones first, each part by name, then id."""
    return sorted(store.groups(), key=lambda g: (g.status == "closed", g.name, g.id))


def home_as_stored(path) -> list[tuple[str, str, str]]:
    """Each group's name, next session and overdue count as a fresh read finds them."""
    from groupwork.tui.screens import home

    with Store.open(path) as store:
        return [
            (g.name, show_date(g.next_session), str(g.overdue) if g.overdue else "·")
            for g in store.home_groups(home.date.today())
        ]


def home_cells(app) -> list[tuple[str, str, str]]:
    """The same three cells of each row home shows."""
    return [(row[0], row[2], row[3]) for row in table_rows(app, "#groups")]


async def home_reloaded_after(path, change) -> tuple[list, list, list[int]]:
    """Home's rows before and after ``change(store)`` is made by another window and home
    reloads (12 groups, the first 5 read before the first paint), with the columns' widths
    after; checked against a fresh start on the changed database."""
    app = GroupworkApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await home_listed(app, pilot, 12)
        before = table_rows(app, "#groups")
        with Store.open(path) as store:
            change(store)
        app.screen.reload()
        await home_listed(app, pilot, 12)
        await pilot.pause(0.1)
        reloaded = table_rows(app, "#groups")
        widths = [c.width for c in app.screen.query_one("#groups").ordered_columns]
    app = GroupworkApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await home_listed(app, pilot, 12)
        assert table_rows(app, "#groups") == reloaded
        assert [c.width for c in app.screen.query_one("#groups").ordered_columns] == widths
    return before, reloaded, widths


@pytest.fixture
def copy_of_several(several, tmp_path, monkeypatch):
    """A copy of the several groups' database, home reading 5 rows before its first paint."""
    from groupwork.tui.screens import home

    monkeypatch.setattr(home, "FIRST_ROWS", 5)
    path = tmp_path / "copy.db"
    path.write_bytes(several.read_bytes())
    return path


async def test_home_reload_after_a_rename_elsewhere_ends_as_a_fresh_start(copy_of_several):
    # A reload lays the columns out as the last full read found the list; a group renamed
    # by another window meanwhile is found by the rest's read, which lays it out afresh.
    def rename(store):
        group = home_order(store)[0]
        store.save(group.model_copy(update={"name": "กลุ่มดาวเหนือ ใจดี บัว ฟ้า May Park"}))

    _, reloaded, _ = await home_reloaded_after(copy_of_several, rename)
    assert any(row[0].startswith("กลุ่มดาวเหนือ ใจดี") for row in reloaded)


async def test_home_reload_with_nothing_changed_keeps_the_table_and_its_cursor(
    several, monkeypatch
):
    # Back from another screen: the same rows are not cleared and drawn again, and the
    # cursor stays on the group the person had reached.
    from groupwork.tui.screens import home
    from groupwork.tui.widgets.fixed_table import FixedWidthTable

    monkeypatch.setattr(home, "FIRST_ROWS", 5)
    app = GroupworkApp(several)
    async with app.run_test(size=(120, 40)) as pilot:
        await home_listed(app, pilot, 12)
        table = app.screen.query_one("#groups", FixedWidthTable)
        table.move_cursor(row=8)
        before = table_rows(app, "#groups")
        cleared = []
        monkeypatch.setattr(
            FixedWidthTable, "clear", lambda self, columns=False: cleared.append(columns)
        )
        app.screen.reload()
        await home_listed(app, pilot, 12)
        await pilot.pause(0.1)
        assert cleared == []
        assert table_rows(app, "#groups") == before
        assert table.cursor_row == 8


async def test_home_reload_brings_a_kept_later_row_up_to_date(copy_of_several):
    # The first rows are unchanged, so the table is kept; a later group's overdue tasks
    # changed meanwhile (another window): the rest's read updates that row's cell, and
    # the table ends as a fresh start shows it.
    changed = {}

    def three_overdue_tasks(store):
        listed = home_order(store)
        index, group = next((i, g) for i, g in enumerate(listed[5:], 5) if g.status != "closed")
        changed["index"] = index
        for n in range(3):
            store.save(m.Task(group_id=group.id, title=f"โทรหาป้าบัว {n}", due_on=date(2026, 11, 1)))

    before, reloaded, _ = await home_reloaded_after(copy_of_several, three_overdue_tasks)
    index = changed["index"]
    assert reloaded[:5] == before[:5]
    was = 0 if before[index][3] == "·" else int(before[index][3])
    assert reloaded[index][3] == str(was + 3)


async def test_home_reload_draws_a_shown_row_again_each_time_its_figures_change(
    copy_of_several,
):
    # A group among the first rows gets two overdue tasks in another window, then they are
    # deleted: each reload shows its figures as they are now. Home draws again only the rows
    # whose group reads differently from the one their cells were made from, so that record
    # must follow every change (else the second reload would keep "2" beside no tasks).
    app = GroupworkApp(copy_of_several)
    async with app.run_test(size=(120, 40)) as pilot:
        await home_listed(app, pilot, 12)
        with Store.open(copy_of_several) as store:
            listed = home_order(store)
            index, group = next((i, g) for i, g in enumerate(listed[:5]) if g.status != "closed")
            due = date(2026, 11, 1)
            tasks = [
                store.add(m.Task(group_id=group.id, title=f"โทรหาป้าบัว {n}", due_on=due))
                for n in range(2)
            ]
        before = table_rows(app, "#groups")
        was = 0 if before[index][3] == "·" else int(before[index][3])
        app.screen.reload()
        await home_listed(app, pilot, 12)
        shown = table_rows(app, "#groups")
        assert shown[index][3] == str(was + 2)
        assert shown[:index] + shown[index + 1 :] == before[:index] + before[index + 1 :]
        with Store.open(copy_of_several) as store:
            for task in tasks:
                store.delete(m.Task, task.id)
        app.screen.reload()
        await home_listed(app, pilot, 12)
        assert table_rows(app, "#groups") == before


async def test_home_reload_reads_again_only_after_a_commit_a_new_day_or_width(
    copy_of_several, monkeypatch
):
    # Back from another screen with nothing committed since every group was read: home
    # reads nothing (the table shows what a read would find). A commit by the app's own
    # connection or another window's: only the groups written are read. One that moves a
    # group or adds one, a new day, another width, a new language: everything again.
    from groupwork.tui.screens import home

    app = GroupworkApp(copy_of_several)
    async with app.run_test(size=(120, 40)) as pilot:
        await home_listed(app, pilot, 12)
        reads = count_home_reads(app, monkeypatch)
        before = table_rows(app, "#groups")

        async def reload() -> list[dict]:
            reads.clear()
            app.screen.reload()
            await pilot.pause(home.REST_AFTER + 0.05)  # the worker's read, when it starts
            await app.workers.wait_for_complete()
            await home_listed(app, pilot, 12)
            return list(reads)

        assert await reload() == []
        assert table_rows(app, "#groups") == before
        with Store.open(copy_of_several) as other:  # another window
            listed = home_order(other)
            group = next(g for g in listed if g.status != "closed")
            other.add(m.Task(group_id=group.id, title="โทรหาป้าบัว", due_on=date(2026, 11, 1)))
        assert await reload() == [{"ids": frozenset({group.id})}]  # that group's row only
        assert await reload() == []
        index = [row[0] for row in table_rows(app, "#groups")].index(group.name)
        after_one = table_rows(app, "#groups")
        assert after_one[index][3] != before[index][3]
        assert after_one[:index] + after_one[index + 1 :] == before[:index] + before[index + 1 :]
        app.store.add(m.Task(group_id=group.id, title="ไปหาผู้ใหญ่บ้าน", due_on=date(2026, 11, 2)))
        assert await reload() == [{"ids": frozenset({group.id})}]  # the app's own connection
        # A note, attendance, a turn: nothing home shows. Read nothing, though the mark moved.
        session = app.store.add(m.Session(group_id=group.id, number=99, held_on=DAY))
        assert await reload() == [{"ids": frozenset({group.id})}]  # a session: its next one
        app.store.save(session.model_copy(update={"notes": "ป้าบัวเล่าเรื่องลูก"}))
        assert await reload() == []
        assert home_cells(app) == home_as_stored(copy_of_several)
        # A group renamed: it may stand elsewhere in the list (found from its row), read it all:
        # the first rows, then every group on a worker.
        app.store.save(app.store.get(m.Group, group.id).model_copy(update={"name": "ฟ้า"}))
        assert await reload() == [{"ids": frozenset({group.id})}, {"limit": 5}, {}]
        assert home_cells(app) == home_as_stored(copy_of_several)
        assert await reload() == []

        class Tomorrow(date):
            @classmethod
            def today(cls):
                return date.today() + timedelta(days=1)

        monkeypatch.setattr(home, "date", Tomorrow)
        assert len(await reload()) == 2  # overdue and next sessions are counted from today
        assert await reload() == []
        await pilot.resize_terminal(100, 40)
        assert len(await reload()) == 2  # the columns' widths follow the terminal's
        app.action_switch_language()
        await pilot.pause(0.2)
        await home_listed(app, pilot, 12)
        assert reads  # composed again in Thai: an empty table, filled again
        assert len(table_rows(app, "#groups")) == 12


async def test_home_reload_after_a_later_group_reached_a_new_stage(copy_of_several):
    # A stage no group was at before: the stage column's names change (its width does not),
    # so the kept table is laid out afresh by the rest's read, as a fresh start shows it.
    changed = {}

    def new_stage(store):
        listed = home_order(store)
        at = {g.current_stage for g in listed if g.status != "closed"}
        # Stage 9's name is the shortest: the column keeps its width, only its names change.
        changed["stage"] = stage = next(n for n in (9, 11, 3) if n not in at)
        group = next(g for g in listed[5:] if g.status != "closed")
        store.save(group.model_copy(update={"current_stage": stage}))

    _, reloaded, _ = await home_reloaded_after(copy_of_several, new_stage)
    assert any(row[1].startswith(f"{changed['stage']}. ") for row in reloaded)


async def test_home_lists_every_group_with_its_figures_after_the_first_rows(several, monkeypatch):
    from groupwork.tui.screens import home

    monkeypatch.setattr(home, "FIRST_ROWS", 5)  # the rest arrive right after the first paint
    app = GroupworkApp(several)
    async with app.run_test(size=(120, 40)) as pilot:
        await home_listed(app, pilot, 12)
        rows = table_rows(app, "#groups")
        closed_with_overdue = 0
        with Store.open(several) as store:
            groups = sorted(store.groups(), key=lambda g: (g.status == "closed", g.name, g.id))
            assert len(rows) == len(groups) == 12
            for row, group in zip(rows, groups, strict=True):
                want = expected_status(store, group, DAY)
                # A closed group shows "Closed" where the others show their stage.
                stage = "Closed" if group.status == "closed" else f"{group.current_stage}. "
                assert row[0] == group.name and row[1].startswith(stage)
                assert row[2] == show_date(want.next)
                if group.status == "closed":
                    # Tasks kept open at its closing are the members' now: not overdue work.
                    tasks = store.tasks(group.id)
                    closed_with_overdue += any(t.is_overdue(DAY) for t in tasks)
                    assert row[3] == "·"
                else:
                    assert row[3] == (str(want.overdue) if want.overdue else "·")
        assert closed_with_overdue  # the data has such a group: the rule was exercised


def test_text_width_is_what_datatable_measures():
    from rich.console import Console

    from groupwork.tui.widgets.fixed_table import text_width

    console = Console(width=80)
    for cell in ["", "May", "กลุ่มดาวเหนือ", "[b]ดาว[/b] 3", "a[x", "ฟ้า\nบัวใจดี", "Park\n", "\n"]:
        for height in (1, 2, 0):
            shown = plain_cell_formatter(cell, wrap=height != 1, height=height)
            assert text_width(cell, height) == measure(console, shown, 1), (cell, height)
    assert text_width(None, 1) == 0 and text_width(3, 1) is None
    # Brackets are text, not markup: all of "[b]ดาว[/b] 3" is measured.
    assert text_width("[b]ดาว[/b] 3", 1) == cell_len("[b]ดาว[/b] 3")
    # Rich Text (no markup read): its cells; on several lines, measured by DataTable.
    assert text_width(Text("[b]ดาว"), 1) == 6 and text_width(Text("ฟ้า\nบัว"), 1) is None


async def test_text_rows_added_at_once_are_the_table_add_row_makes():
    from textual.app import App
    from textual.widgets.data_table import DuplicateKey

    from groupwork.tui.widgets.fixed_table import FixedWidthTable

    class Two(App):
        def compose(self):
            for name in ("one", "all"):
                table = FixedWidthTable(id=name, cursor_type="row")
                table.add_column("Group", key="name", width=12)
                table.add_column("Overdue", key="overdue", width=7)
                yield table

    rows = [(f"g{n}", (f"ฟ้า {n}", str(n))) for n in range(30)] + [("short", ("May",))]
    # Cells DataTable reads otherwise than as their text (markup, an emoji code, a control
    # code), one too wide, and plain ones: each drawn as DataTable draws it (below).
    odd = ["[b]ดาว[/b]", "a[x", "Will :smile:", "บัว\x07", "", "·", "ใจดีใจดีใจดีใจดี", "14:00"]
    rows += [(f"odd{n}", (cell, cell)) for n, cell in enumerate(odd)]
    app = Two()
    async with app.run_test(size=(60, 40)) as pilot:
        one, every = app.query_one("#one", FixedWidthTable), app.query_one("#all", FixedWidthTable)
        one.add_row(*rows[0][1], key=rows[0][0])
        every.add_text_rows(rows[:1])
        for key, cells in rows[1:]:
            one.add_row(*cells, key=key)
        every.add_text_rows(rows[1:])
        await pilot.pause()
        assert every.rows == one.rows and every._data == one._data
        count = len(rows)
        assert [every.get_row_at(r) for r in range(count)] == [
            one.get_row_at(r) for r in range(count)
        ]
        assert every.cursor_coordinate == one.cursor_coordinate
        assert every._row_locations.get("short") == 30
        assert [every.render_line(y).text for y in range(15)] == [
            one.render_line(y).text for y in range(15)
        ]
        for row in (0, 29, *range(31, count)):
            for column, width in ((0, 14), (1, 9)):
                for cursor in (False, True):
                    drawn = []
                    for render in (FixedWidthTable._render_cell, DataTable._render_cell):
                        every._cell_render_cache.clear()
                        lines = render(every, row, column, Style(), width, cursor)
                        drawn.append([list(Strip(line).simplify()) for line in lines])
                    assert drawn[0] == drawn[1], (row, column, cursor)
        with pytest.raises(DuplicateKey):
            every.add_text_rows([("g3", ("again", "0"))])
        # Cleared (its own way, below DataTable's), it is an empty table again.
        every.clear()
        assert every.row_count == 0 and not every._data and every._total_row_height == 0
        every.add_text_rows(rows[:2])
        assert [every.get_row_at(r) for r in range(2)] == [one.get_row_at(r) for r in range(2)]
