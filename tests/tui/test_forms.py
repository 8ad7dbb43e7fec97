"""Forms that lose nothing and record the real course of a group (issue 11, items 3, 5-7).

Each test drives the app as a person would and then reads the database and the screen.
"""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Select, Static, TextArea

from groupwork import i18n
from groupwork import models as m
from groupwork.store import Store
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.ask import AskScreen
from groupwork.tui.screens.record_form import RecordFormScreen
from groupwork.tui.screens.stage_workspace import StageWorkspaceScreen

from .conftest import TODAY


def add_rule_and_goals(path) -> None:
    """A rule agreed on 14 Oct, two goals with long Thai titles, น้ำ withdrawn, ดาว not selected."""
    with Store.open(path) as store:
        store.add(
            m.GroundRule(
                id="r1", group_id="g1", text="Keep phones silent", agreed_on=date(2026, 10, 14)
            )
        )
        store.add(
            m.Goal(
                id="goal1",
                group_id="g1",
                title="สมาชิกทุกคนมีส่วนร่วมในการตัดสินใจเรื่องการดูแลผู้ป่วยติดเตียงที่บ้านของตนเอง",
                progress=40,
            )
        )
        store.add(
            m.Member(
                id="m4",
                group_id="g1",
                real_name="น้ำ ใจดี",
                pseudonym="น้ำ",
                decision=m.SelectionDecision.WITHDREW,
                decision_reason="ย้ายบ้าน",
                left_on=date(2026, 11, 1),
            )
        )
        store.add(m.Member(id="m5", group_id="g1", real_name="ดาว", pseudonym="ดาว"))


def screen_text(app) -> str:
    parts = [str(w.render()) for w in app.screen.query(Static)]
    for table in app.screen.query(DataTable):
        for row in range(table.row_count):
            parts.extend(str(cell) for cell in table.get_row_at(row))
    return "\n".join(parts)


async def open_stage(pilot, number: str) -> StageWorkspaceScreen:
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(number)
    await pilot.pause()
    assert isinstance(pilot.app.screen, StageWorkspaceScreen)
    return pilot.app.screen


async def open_new_rule_form(pilot) -> None:
    """From the home screen to stage 4's form for a new ground rule."""
    await pilot.pause()
    await open_stage(pilot, "4")
    await pilot.press("a")
    await pilot.pause()


async def test_esc_on_a_changed_form_asks_and_discard_saves_nothing(seeded_db):
    add_rule_and_goals(seeded_db)
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_new_rule_form(pilot)
        await pilot.press(*"Arrive on time")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        assert "You changed this form" in screen_text(app)
        await pilot.press("k")  # keep editing: back in the form, text still there
        await pilot.pause()
        assert isinstance(app.screen, RecordFormScreen)
        assert app.screen.query_one("#field-text", TextArea).text == "Arrive on time"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, StageWorkspaceScreen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")  # nothing changed: closes without asking
        await pilot.pause()
        assert isinstance(app.screen, StageWorkspaceScreen)
    with Store.open(seeded_db) as store:
        assert [r.text for r in store.ground_rules("g1")] == ["Keep phones silent"]
        assert store.drafts.get("g1:rules:new") is None


async def test_esc_then_save_stores_the_form(seeded_db):
    add_rule_and_goals(seeded_db)
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_new_rule_form(pilot)
        await pilot.press(*"Arrive on time", "escape")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StageWorkspaceScreen)
        assert "Arrive on time" in screen_text(app)
    with Store.open(seeded_db) as store:
        assert "Arrive on time" in [r.text for r in store.ground_rules("g1")]


async def test_a_draft_survives_a_crash_and_is_offered_back(seeded_db):
    add_rule_and_goals(seeded_db)
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_new_rule_form(pilot)
        await pilot.press(*"Speak one at a time")
        await pilot.pause()
        # The terminal closes here, without saving: the typed text is already on disk.
        with Store.open(seeded_db) as other:
            assert other.drafts.get("g1:rules:new").values["text"] == "Speak one at a time"
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_new_rule_form(pilot)
        assert isinstance(app.screen, AskScreen)
        assert "was not saved" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.query_one("#field-text", TextArea).text == "Speak one at a time"
        await pilot.press("ctrl+s")
        await pilot.pause()
    with Store.open(seeded_db) as store:
        assert "Speak one at a time" in [r.text for r in store.ground_rules("g1")]
        assert store.drafts.get("g1:rules:new") is None


async def test_revise_and_retire_a_rule(seeded_db):
    add_rule_and_goals(seeded_db)
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = await open_stage(pilot, "4")
        screen.query_one("#section-rules").focus()
        await pilot.press("v")
        await pilot.pause()
        assert "Agreed on" in screen_text(app)
        app.screen.query_one("#field-text", TextArea).text = "Phones on silent; step out to answer"
        app.screen.query_one("#field-reason", Input).value = "Some wait for calls from school"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StageWorkspaceScreen)
        assert "revised 21 Nov 2026" in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        app.screen.query_one("#field-retired_on", Input).value = "2026-10-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RecordFormScreen)  # refused, said why
        assert "before it was agreed" in str(app.screen.query_one("#form-error", Static).render())
        await pilot.press("escape", "d")
        await pilot.pause()
    with Store.open(seeded_db) as store:
        rule = store.get(m.GroundRule, "r1")
        assert rule.text == "Phones on silent; step out to answer"
        assert [(r.previous_text, r.revised_on) for r in rule.revisions] == [
            ("Keep phones silent", TODAY)
        ]
        assert rule.retired_on is None


async def test_task_done_gets_its_date_and_reopening_clears_it(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("s", "s")  # open -> in progress -> done
        await pilot.pause()
        with Store.open(seeded_db) as store:
            done = [t for t in store.tasks("g1") if t.status == m.TaskStatus.DONE]
            assert [t.done_on for t in done] == [TODAY]
        await pilot.press("s")  # back to open
        await pilot.pause()
    with Store.open(seeded_db) as store:
        assert all(t.done_on is None for t in store.tasks("g1"))


async def test_stage_8_form_shows_done_with_its_date(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = await open_stage(pilot, "8")
        screen.query_one("#section-tasks").focus()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-status", Select).value = "done"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "done 21 Nov 2026" in screen_text(app)


async def test_coordinator_is_chosen_among_current_members_and_satisfies_stage_12(seeded_db):
    add_rule_and_goals(seeded_db)
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = await open_stage(pilot, "9")
        screen.query_one("#section-reviews").focus()
        await pilot.press("a")
        await pilot.pause()
        select = app.screen.query_one("#field-member_coordinator_id", Select)
        offered = {value for _label, value in select._options if value is not Select.NULL}
        assert offered == {"m1", "m2", "m3"}  # not น้ำ (withdrew), not ดาว (never selected)
        select.value = "m2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert app.screen.number == 12
        assert "Members in a leading role" in str(app.screen.query_one("#criteria").render())
    with Store.open(seeded_db) as store:
        assert store.get(m.Member, "m2").role == m.MemberRole.MEMBER_COORDINATOR


async def test_withdraw_a_member_and_decide_not_selected(seeded_db):
    add_rule_and_goals(seeded_db)
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = await open_stage(pilot, "2")
        table = screen.query_one("#section-members", DataTable)
        table.focus()
        table.move_cursor(row=1)  # M01, M02, M03, ดาว, น้ำ by pseudonym: M02
        await pilot.press("w")
        await pilot.pause()
        app.screen.query_one("#field-decision_reason", TextArea).text = "Moved to Bangkok"
        await pilot.press("ctrl+s")
        await pilot.pause()
        table = app.screen.query_one("#section-members", DataTable)
        table.move_cursor(row=3)  # ดาว
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-decision", Select).value = "not_selected"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RecordFormScreen)  # a reason is needed
        assert "Say why" in str(app.screen.query_one("#form-error", Static).render())
        app.screen.query_one("#field-decision_reason", TextArea).text = "Needs casework first"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not selected" in screen_text(app)
    with Store.open(seeded_db) as store:
        m2 = store.get(m.Member, "m2")
        assert (m2.decision, m2.left_on) == (m.SelectionDecision.WITHDREW, TODAY)
        assert store.get(m.Member, "m5").decision == m.SelectionDecision.NOT_SELECTED


async def test_thai_is_cut_at_words_and_goals_keep_progress_at_120(seeded_db):
    add_rule_and_goals(seeded_db)
    i18n.set_language("th")
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = await open_stage(pilot, "6")
        table = screen.query_one("#section-goals", DataTable)
        cells = [str(c) for c in table.get_row_at(0)]
        assert cells[-1] == "40%"  # the progress column is there, whole
        title = cells[1]
        assert title.endswith("…")
        full = "สมาชิกทุกคนมีส่วนร่วมในการตัดสินใจเรื่องการดูแลผู้ป่วยติดเตียงที่บ้านของตนเอง"
        assert full.startswith(title[:-1])
        # Cut after a whole word: what follows the cut starts a word of the full title.
        from groupwork.privacy.thai_words import words

        assert title[:-1] in {"".join(words(full)[:n]) for n in range(1, 20)}
        total = sum(col.get_render_width(table) for col in table.columns.values())
        assert total <= screen.query_one("#records").size.width


async def test_empty_date_shows_a_pattern_not_a_date(seeded_db):
    i18n.set_language("th")
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = await open_stage(pilot, "8")
        screen.query_one("#section-tasks").focus()
        await pilot.press("a")
        await pilot.pause()
        due = app.screen.query_one("#field-due_on", Input)
        assert due.value == ""
        assert due.placeholder == "วว/ดด/ปปปป (พ.ศ.)"


async def test_palette_names_each_stage_and_its_hint_is_thai(seeded_db):
    i18n.set_language("th")
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "ขั้นตอนที่ 4: " + __import__("groupwork.stages").stages.guide(4).name() in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.query_one(Input).placeholder == "ค้นหาคำสั่ง…"


async def test_a_form_stays_live_while_another_process_holds_the_write_lock(seeded_db):
    """Typing writes drafts that never wait for the lock; Ctrl+S shows "Saving…" and the
    screen stays live until the lock is let go, then the rule is stored and the form closes."""
    import sqlite3
    import time

    from tests.tui.recorder_app import until

    add_rule_and_goals(seeded_db)
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_new_rule_form(pilot)
        other = sqlite3.connect(seeded_db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # an import in another window
        try:
            began = time.perf_counter()
            await pilot.press(*"Arrive on time")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert time.perf_counter() - began < 5  # not one 10 s wait per key
            assert isinstance(app.screen, RecordFormScreen)
            assert "Saving…" in str(app.screen.query_one("#form-keys").render())
        finally:
            other.execute("COMMIT")
            other.close()
        await until(pilot, lambda: isinstance(app.screen, StageWorkspaceScreen))
        await pilot.pause()
        with Store.open(seeded_db) as store:
            print(
                "DB", [r.text for r in store.ground_rules("g1")], store.drafts.get("g1:rules:new")
            )
        assert "Arrive on time" in screen_text(app)
    with Store.open(seeded_db) as store:
        assert "Arrive on time" in [r.text for r in store.ground_rules("g1")]
        assert store.drafts.get("g1:rules:new") is None
