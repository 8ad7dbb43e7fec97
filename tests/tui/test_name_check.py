"""The review dialog's pre-share check: how many spots and names, and deciding a name."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from groupwork import models as m
from groupwork.store import Store
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.name_check import NameCheckScreen
from groupwork.tui.screens.review import ReviewScreen
from tests.tui.test_wiring import open_dashboard, wait_until_written


async def _wait_for(pilot, predicate) -> None:
    for _attempt in range(300):
        await pilot.pause(0.05)
        if predicate():
            return
    raise AssertionError("the check did not finish")


async def test_the_dialog_counts_and_a_name_is_replaced_in_the_review(seeded_db, tmp_path):
    with Store.open(seeded_db) as store:
        progress = store.stage_progress("g1")[1]
        store.save_stage_progress(progress.model_copy(update={"narrative": "พี่สมชายมารับที่บ้านทุกครั้ง"}))
    out = tmp_path / "review.md"
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_dashboard(pilot)
        await pilot.press("v")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        line = screen.query_one("#review-names-check", Static)
        await _wait_for(pilot, lambda: "possible names" in str(line.render()))
        assert "0 undecided names of members, 1 possible names" in str(line.render())
        await pilot.press("ctrl+k")
        check = app.screen
        assert isinstance(check, NameCheckScreen)
        table = check.query_one("#check-flags", DataTable)
        await _wait_for(pilot, lambda: table.row_count == 1)
        assert table.get_row_at(0)[0] == "สมชาย"
        await pilot.press("r")
        await _wait_for(pilot, lambda: table.row_count == 1 and table.get_row_at(0)[1] != "–")
        assert table.get_row_at(0)[1] == "replaced"
        await pilot.press("escape")
        await _wait_for(pilot, lambda: "0 possible names" in str(line.render()))
        assert app.screen is screen
        from textual.widgets import Input

        screen.query_one("#review-format").value = "md"
        await pilot.pause()
        screen.query_one("#review-path", Input).value = str(out)
        await pilot.press("ctrl+s")
        await wait_until_written(pilot, screen)
    with Store.open(seeded_db) as store:
        assert store.other_name_decisions("g1") == {"สมชาย": True}
        assert [d.name for d in store.of_group(m.OtherNameDecision, "g1")] == ["สมชาย"]
    text = out.read_text(encoding="utf-8")
    assert "สมชาย" not in text
    assert "พี่[name withheld] มารับที่บ้านทุกครั้ง" in text.replace("\\", "")


async def test_places_that_may_name_a_member_who_withdrew_are_counted_and_listed(db_path):
    from tests.report.test_withdrawn_mentions import _demo_with_notes

    with Store.open(db_path) as store:
        _demo_with_notes(store)
    app = GroupworkApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dashboard(pilot)
        await pilot.press("v")
        line = app.screen.query_one("#review-names-check", Static)
        await _wait_for(pilot, lambda: "possible names" in str(line.render()))
        assert "2 places may name a member who withdrew consent (Ctrl+K)." in str(line.render())
        await pilot.press("ctrl+k")
        spots = app.screen.query_one("#check-spots", Static)
        await _wait_for(pilot, lambda: "withdrew" in str(spots.render()))
        shown = str(spots.render())
    assert "2 places may name a member who withdrew their consent." in shown
    assert "• Session 3 › Notes: …ๆ และให้กำลังใจ คุณอ้อยเล่าว่าสามีเคยขู่ว่าจะพาลูกไป… [บัว]" in shown


async def test_an_undecided_occurrence_is_decided_one_by_one_or_all_at_once(seeded_db):
    """N decides the highlighted occurrence is the name; Shift+W every one of that word."""
    with Store.open(seeded_db) as store:
        store.add(
            m.Member(
                group_id="g1",
                real_name="นางสาวฟ้า สีคราม",
                pseudonym="M09",
                decision=m.SelectionDecision.SELECTED,
            )
        )
        progress = store.stage_progress("g1")[1]
        story = "ผ้าสีครามผืนใหม่ จุดแข็ง สีคราม ชอบช่วยเพื่อน และผ้าสีครามอีกผืน"
        store.save_stage_progress(progress.model_copy(update={"narrative": story}))
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dashboard(pilot)
        await pilot.press("v")
        await pilot.press("ctrl+k")
        check = app.screen
        assert isinstance(check, NameCheckScreen)
        table = check.query_one("#check-undecided", DataTable)
        await _wait_for(pilot, lambda: table.row_count == 3)
        assert [table.get_row_at(i)[0] for i in range(3)] == ["สีคราม"] * 3
        table.focus()
        await pilot.press("n")
        await _wait_for(pilot, lambda: table.row_count == 2)
        await pilot.press("W")
        await _wait_for(pilot, lambda: table.row_count == 0)
    with Store.open(seeded_db) as store:
        assert sorted(d.answer for d in store.name_decisions("g1")) == ["name", "word", "word"]
