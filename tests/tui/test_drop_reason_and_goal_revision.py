"""Where tasks and goals are edited in a stage's workspace: a task cannot become dropped
without the reason, and changing a goal's wording keeps the earlier one with the reason."""

from __future__ import annotations

from textual.widgets import Select, TextArea

from groupwork import models as m
from groupwork.store import Store
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.record_form import RecordFormScreen
from groupwork.tui.screens.stage_workspace import StageWorkspaceScreen


async def _edit_first(pilot, section: str) -> RecordFormScreen:
    table = pilot.app.screen.query_one(f"#section-{section}")
    table.focus()
    table.move_cursor(row=0)
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RecordFormScreen)
    return pilot.app.screen


async def test_dropping_a_task_in_its_form_asks_why(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "8")
        await pilot.pause()
        assert isinstance(app.screen, StageWorkspaceScreen)
        form = await _edit_first(pilot, "tasks")
        form.query_one("#field-status", Select).value = "dropped"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RecordFormScreen)  # refused: the form stays open
        with Store.open(seeded_db) as store:
            assert all(t.status != m.TaskStatus.DROPPED for t in store.tasks(t_group(store)))
        form.query_one("#field-drop_reason", TextArea).text = "The centre closed for the year"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, RecordFormScreen)
        with Store.open(seeded_db) as store:
            (dropped,) = [
                t for t in store.tasks(t_group(store)) if t.status == m.TaskStatus.DROPPED
            ]
            assert dropped.drop_reason == "The centre closed for the year"


def t_group(store) -> str:
    return store.groups()[0].id


async def test_changing_a_goals_wording_keeps_the_earlier_one_with_the_reason(seeded_db):
    from textual.widgets import Input

    with Store.open(seeded_db) as store:
        group_id = t_group(store)
        store.add(m.Goal(group_id=group_id, title="Regular jobs", description="From the town"))
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "6")
        await pilot.pause()
        form = await _edit_first(pilot, "goals")
        form.query_one("#field-title", Input).value = "Own income from home work"
        form.query_one("#field-revision_reason", TextArea).text = "The town's scheme was put off"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, RecordFormScreen)
    with Store.open(seeded_db) as store:
        (goal,) = store.goals(group_id)
        assert goal.title == "Own income from home work"
        assert [(v.previous_title, v.previous_description, v.reason) for v in goal.revisions] == [
            ("Regular jobs", "From the town", "The town's scheme was put off")
        ]
