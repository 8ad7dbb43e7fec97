"""A caregivers' course recorded through the TUI only, to its end: a past session that did
not take place, a past session entered from paper whose close asks the rating scale (the
group's first close), ratings added to a closed session, a stage completed on its sessions'
dates, a typo corrected and a rule revised, the endorsement and the closing of the group.
Asserted on the database and on what the screens show."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Select

from groupwork import models as m
from groupwork.store import Store
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.complete_stage import CompleteStageScreen
from groupwork.tui.screens.dashboard import DashboardScreen
from groupwork.tui.screens.home import HomeScreen
from groupwork.tui.screens.rating_scale import RatingScaleScreen
from groupwork.tui.screens.ratings import RatingsScreen
from groupwork.tui.screens.recorder import RecorderScreen
from groupwork.tui.screens.sessions import SessionsScreen
from groupwork.tui.screens.stage_workspace import StageWorkspaceScreen
from tests.tui.conftest import TODAY
from tests.tui.test_stage_walkthrough import add, edit_first, fill_and_save


def _rows(screen, table_id: str = "") -> list[list[str]]:
    table = screen.query_one(f"#{table_id}" if table_id else DataTable.__name__, DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def _fill(pilot, *values: str):
    """Type each value into the session dialog's fields in turn (Enter moves on, then saves)."""
    for value in values:
        await pilot.press(*value, "enter") if value else await pilot.press("enter")
    await pilot.pause()


async def _back_to_dashboard(pilot):
    while not isinstance(pilot.app.screen, DashboardScreen):
        await pilot.press("escape")
        await pilot.pause()


async def test_a_course_to_its_end_through_the_tui(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "s")
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen)

        # 28 Oct did not take place: recorded afterwards, numbered by its date.
        await pilot.press("d")
        await _fill(pilot, "2026-10-28", "Flood on the road", "13:30")
        row = _rows(app.screen)[2]
        assert row[:2] == ["3", show("2026-10-28")] and row[3] == "cancelled"
        assert "Flood on the road" in row[4]

        # 4 Nov was held on paper: entered, roll call in the recorder, then closed. The
        # group's first close offers the rating scale, then asks the ratings.
        await pilot.press("e")
        await _fill(pilot, "2026-11-04", "13:00", "15:00", "")
        assert isinstance(app.screen, RecorderScreen)
        await pilot.press("f2", "1", "2", "3", "3", "3", "3", "f3")  # M03 absent
        await pilot.pause()
        # Its roll call is logged at the start of the 13:00-15:00 session, not at "2:00:00".
        log = str(app.screen.query_one("#rec-log").render())
        assert "2:00:00" not in log and "0:00" in log
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RatingScaleScreen)
        await fill_and_save(pilot, name="Felt supported", minimum="1", maximum="5")
        assert isinstance(app.screen, RatingsScreen)
        await pilot.press("4", "5", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen)

        # Session 1 closed before the scale existed: its ratings are added now.
        app.screen.query_one(DataTable).move_cursor(row=0)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, RatingsScreen)
        assert "Enter saves the scores" in str(app.screen.query_one("#ratings-help").render())
        await pilot.press("3", "s", "2", "enter")
        await pilot.pause()

        # The session planned for 28 Nov will not happen: cancelled with x.
        app.screen.query_one(DataTable).move_cursor(row=4)
        await pilot.press("x")
        await _fill(pilot, "The group ended early", "")

        # Stage 3 completes on the dates of its sessions, not today.
        await _back_to_dashboard(pilot)
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, StageWorkspaceScreen)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompleteStageScreen)
        assert app.screen.query_one("#started-on", Input).value == "2026-10-03"
        assert app.screen.query_one("#completed-on", Input).value == "2026-11-04"
        if app.screen.unmet_lines:
            await pilot.press(*"Done in the sessions on paper")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StageWorkspaceScreen)

        # Stage 4: a typo corrected (no revision), then the rule revised by the group.
        await _back_to_dashboard(pilot)
        await pilot.press("4")
        await pilot.pause()
        await add(pilot, "rules", text="Phones stay silnet")
        await edit_first(pilot, "rules", text="Phones stay silent")
        app.screen.query_one("#section-rules").focus()
        await pilot.press("v")
        await pilot.pause()
        await fill_and_save(pilot, text="Phones silent; step out to answer", reason="Calls")

        # The head of unit's endorsement, dated the day it is recorded.
        await _back_to_dashboard(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#field-endorsed_on", Input).value == "2026-11-21"
        await fill_and_save(pilot, name="Grant Park", position="Head of the unit")

        # Closing the group: before its last session is refused, then on the day.
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#field-end_date", Input).value = "2026-11-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "last session" in str(app.screen.query_one("#form-error").render())
        # Two tasks are open: the dialog says so and nothing is chosen for the worker.
        assert "2 tasks are still open" in str(app.screen.query_one("#form-intro").render())
        assert app.screen.query_one("#field-open_tasks", Select).value is Select.NULL
        app.screen.query_one("#field-end_date", Input).value = "2026-11-20"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "choose to drop them or keep them open" in str(
            app.screen.query_one("#form-error").render()
        )
        await fill_and_save(pilot, end_date="2026-11-20", open_tasks="drop")
        assert isinstance(app.screen, DashboardScreen)
        assert "closed" in str(app.screen.query_one("#group-title").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Closed" in _rows(app.screen, "groups")[0][1]

    with Store.open(seeded_db) as store:
        sessions = {s.number: s for s in store.sessions("g1")}
        assert [(n, s.held_on, s.status) for n, s in sorted(sessions.items())] == [
            (1, date(2026, 10, 7), m.SessionStatus.HELD),
            (2, date(2026, 10, 14), m.SessionStatus.HELD),
            (3, date(2026, 10, 28), m.SessionStatus.CANCELLED),
            (4, date(2026, 11, 4), m.SessionStatus.HELD),
            (5, date(2026, 11, 28), m.SessionStatus.CANCELLED),
        ]
        assert sessions[3].cancel_reason == "Flood on the road" and not store.participation(
            sessions[3].id
        )
        (scale,) = store.rating_scales("g1")
        assert (scale.name, scale.minimum, scale.maximum) == ("Felt supported", 1, 5)
        assert [(r.member_id, r.score) for r in store.ratings(sessions[4].id)] == [
            ("m1", 4.0),
            ("m2", 5.0),
        ]
        assert sorted((r.member_id, r.score) for r in store.ratings(sessions[1].id)) == [
            ("m1", 3.0),
            ("m3", 2.0),
        ]
        stage3 = store.stage_progress("g1")[3]
        assert (stage3.status, stage3.started_on, stage3.completed_on) == (
            m.StageStatus.COMPLETED,
            date(2026, 10, 3),
            date(2026, 11, 4),
        )
        (rule,) = store.ground_rules("g1")
        assert rule.text == "Phones silent; step out to answer"
        assert [(r.previous_text, r.reason) for r in rule.revisions] == [
            ("Phones stay silent", "Calls")
        ]
        (endorsement,) = store.endorsements("g1")
        assert (endorsement.name, endorsement.endorsed_on) == ("Grant Park", TODAY)
        group = store.get(m.Group, "g1")
        assert (group.status, group.end_date) == (m.GroupStatus.CLOSED, date(2026, 11, 20))
        assert {(t.status, t.drop_reason) for t in store.tasks("g1")} == {
            (m.TaskStatus.DROPPED, f"The group closed on {show('2026-11-20')}.")
        }


def show(iso: str) -> str:
    """A date as the sessions table shows it."""
    from groupwork.tui.formatting import show_date

    return show_date(date.fromisoformat(iso))


async def test_consent_is_recorded_by_an_act_never_pre_ticked(seeded_db):
    from textual.widgets import SelectionList

    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "2")
        await pilot.pause()
        app.screen.query_one("#section-consents").focus()
        await pilot.press("a")
        await pilot.pause()
        assert app.screen.query_one("#field-scopes", SelectionList).selected == []


async def test_pickers_offer_only_the_members_of_the_group(seeded_db):
    from textual.widgets import Select

    with Store.open(seeded_db) as store:
        store.add(
            m.Member(
                id="m4", group_id="g1", real_name="May", pseudonym="M04", decision="not_selected"
            )
        )
        left = store.get(m.Member, "m3").model_copy(
            update={
                "decision": m.SelectionDecision.WITHDREW,
                "decision_reason": "moved",
                "left_on": TODAY,
            }
        )
        store.save(left)
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for stage, section in (("5", "assessments"), ("=", "handover")):
            await pilot.press("enter" if stage == "5" else "escape", stage)
            await pilot.pause()
            app.screen.query_one(f"#section-{section}").focus()
            await pilot.press("a")
            await pilot.pause()
            picker = app.screen.query_one("#field-member_id", Select)
            offered = [value for _label, value in picker._options if isinstance(value, str)]
            assert offered == ["m1", "m2"], section
            await pilot.press("escape")
            await pilot.pause()
