"""Two features reached from the TUI by keys: the Group Work Review (written by a worker,
with progress) and erasing a member (with typed confirmation)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from textual.widgets import Checkbox, Input, ProgressBar, Select, Static

from groupwork import i18n
from groupwork import models as m
from groupwork.store import Store
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.confirm_erase import ConfirmEraseScreen
from groupwork.tui.screens.dashboard import DashboardScreen
from groupwork.tui.screens.review import ReviewScreen
from groupwork.tui.screens.stage_workspace import StageWorkspaceScreen

REAL_NAMES = ("Malee Real", "Somchai Real", "Wipa Real")


async def open_dashboard(pilot) -> None:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, DashboardScreen)


async def wait_until_written(pilot, screen: ReviewScreen) -> None:
    for _attempt in range(200):
        await pilot.pause(0.05)
        if not screen.running:
            return
    raise AssertionError("the review worker did not finish")


def notifications(app) -> list[tuple[str, str]]:
    return [(n.message, n.severity) for n in app._notifications]


# --- the review ------------------------------------------------------------------------


async def test_review_key_writes_markdown_with_progress(seeded_db, tmp_path):
    out = tmp_path / "reports" / "review.md"
    out.parent.mkdir()
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dashboard(pilot)
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        # The offered file is named after the group, in the reports folder, as html at first.
        path_input = screen.query_one("#review-path", Input)
        assert path_input.value.endswith("review-caregivers-of-ban-nong-en.html")
        assert screen.query_one("#review-names", Checkbox).value is False
        # Format by keys: the format list has focus; open it, go down twice to "md".
        assert screen.focused is screen.query_one("#review-format", Select)
        await pilot.press("enter", "down", "down", "enter")
        await pilot.pause()
        assert screen.query_one("#review-format", Select).value == "md"
        assert path_input.value.endswith("review-caregivers-of-ban-nong-en.md")  # followed
        path_input.value = str(out)
        await pilot.press("ctrl+s")
        await wait_until_written(pilot, screen)
        bar = screen.query_one("#review-progress", ProgressBar)
        assert bar.total == 3 and bar.progress == 3  # md: read, compile, write
        assert str(screen.query_one("#review-step", Static).render()) == "Report written"
        assert str(out) in str(screen.query_one("#review-result", Static).render())
        assert ("Review written to " + str(out), "information") in notifications(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    text = out.read_text(encoding="utf-8")
    numbers = [int(n) for n in re.findall(r"^## (\d+)\. ", text, flags=re.MULTILINE)]
    assert numbers == list(range(1, 13))
    for name in REAL_NAMES:
        assert name not in text
    assert "M01" in text


async def test_review_with_names_is_refused_until_everyone_consented(seeded_db, tmp_path):
    def consent(member_id: str) -> None:
        with Store.open(seeded_db) as store:
            store.add(
                m.Consent(
                    group_id="g1",
                    member_id=member_id,
                    given_on=date(2026, 10, 1),
                    scopes=[m.ConsentScope.RECORDED, m.ConsentScope.SHARED_IN_REPORT],
                )
            )

    consent("m1")
    out = tmp_path / "review.html"
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_dashboard(pilot)
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#review-language", Select).value = "th"
        await pilot.pause()
        assert screen.query_one("#review-path", Input).value.endswith("-th.html")
        screen.query_one("#review-path", Input).value = str(out)
        screen.query_one("#review-names", Checkbox).value = True
        await pilot.press("ctrl+s")
        await wait_until_written(pilot, screen)
        # Two members did not consent to be named: refused, saying whose consent is missing.
        error = str(screen.query_one("#review-error", Static).render())
        assert "M02" in error and "M03" in error and "M01" not in error
        assert not out.exists()
    consent("m2")
    consent("m3")
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_dashboard(pilot)
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#review-language", Select).value = "th"
        await pilot.pause()
        screen.query_one("#review-path", Input).value = str(out)
        screen.query_one("#review-names", Checkbox).value = True
        await pilot.press("ctrl+s")
        await wait_until_written(pilot, screen)
        bar = screen.query_one("#review-progress", ProgressBar)
        assert bar.total is not None and bar.total > 3  # charts were drawn, one step each
        assert bar.progress == bar.total
        # The interface stayed in English while the worker wrote Thai.
        assert i18n.current_language() == "en"
    text = out.read_text(encoding="utf-8")
    assert "รายงานผลการปฏิบัติงานสังคมสงเคราะห์กลุ่ม" in text
    assert "Malee Real" in text and "Somchai Real" in text and "Wipa Real" in text


async def test_review_to_a_missing_folder_shows_an_error_and_writes_nothing(seeded_db, tmp_path):
    out = tmp_path / "no-such-folder" / "review.md"
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dashboard(pilot)
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#review-format", Select).value = "md"
        screen.query_one("#review-path", Input).value = str(out)
        await pilot.press("ctrl+s")
        await pilot.pause()
        expected = f"The folder {out.parent} does not exist."
        assert (expected, "error") in notifications(app)
        assert str(screen.query_one("#review-error", Static).render()) == expected
        assert not screen.running
        assert not screen.query_one("#review-progress", ProgressBar).display
        assert isinstance(app.screen, ReviewScreen)  # still open, to fix the path
    assert not out.parent.exists()
    assert list(tmp_path.glob("**/review*")) == []


# --- erasing a member --------------------------------------------------------------------


async def open_members(pilot) -> None:
    await open_dashboard(pilot)
    await pilot.press("2")
    await pilot.pause(0.05)
    assert isinstance(pilot.app.screen, StageWorkspaceScreen)


async def erase_m01(pilot) -> None:
    """From the dashboard: the members' stage, x on the first row (M01), its label typed."""
    await open_members(pilot)
    await pilot.press("x")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmEraseScreen)
    await pilot.press(*"M01", "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, StageWorkspaceScreen)


async def test_erasing_a_member_with_confirmation_removes_the_real_name(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await erase_m01(pilot)
        with Store.open(seeded_db) as store:
            member = store.get(m.Member, "m1")
            assert member.erased
            assert member.real_name.startswith("ANON-")
            assert not store.db.execute(
                "select count(*) from members where real_name = 'Malee Real'"
            ).fetchone()[0]
            assert store.get(m.Member, "m2").real_name == "Somchai Real"
        assert any(
            message.startswith(f"Erased. The member now appears as {member.real_name}.")
            for message, _severity in notifications(app)
        )
        # The table shows the code now; pressing x again on it says it is already erased.
        table = app.screen.query_one("#section-members")
        codes = [str(table.get_row_at(row)[0]) for row in range(table.row_count)]
        assert member.pseudonym in codes and "M01" not in codes
        table.move_cursor(row=codes.index(member.pseudonym))
        await pilot.press("x")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmEraseScreen)
        assert ("This member's data was already erased.", "warning") in notifications(app)


@pytest.mark.parametrize("how", ["escape", "wrong label"])
async def test_cancelling_the_erasure_changes_nothing(seeded_db, how):
    with Store.open(seeded_db) as store:
        before = store.get(m.Member, "m1")
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_members(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmEraseScreen)
        if how == "wrong label":
            await pilot.press(*"M02", "enter")  # another member's label: not accepted
            await pilot.pause()
            assert isinstance(app.screen, ConfirmEraseScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StageWorkspaceScreen)
    with Store.open(seeded_db) as store:
        assert store.get(m.Member, "m1") == before


async def test_erase_key_is_offered_only_where_members_are_listed(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_members(pilot)
        assert "erase_member" in {b.binding.action for b in app.screen.active_bindings.values()}
        await pilot.press("right_square_bracket")  # stage 3
        await pilot.pause()
        assert app.screen.number == 3
        await pilot.press("x")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmEraseScreen)
        shown = {b.binding.action for b in app.screen.active_bindings.values() if b.enabled}
        assert "erase_member" not in shown


async def test_erase_messages_follow_the_language(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_members(pilot)
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press(*"M01", "enter")
        await pilot.pause()
    assert any(message.startswith("ลบแล้ว") for message, _s in notifications(app))


async def test_review_is_in_the_footer_keys_and_the_command_palette(seeded_db):
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dashboard(pilot)
        shown = {
            b.binding.key: b.binding.description
            for b in app.screen.active_bindings.values()
            if b.binding.show
        }
        # Short: at 80 columns the dashboard's keys fit the footer only with short labels.
        assert shown["v"] == "Review"
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Review" in titles
        await pilot.press("f9")
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "รายงาน" in titles


@pytest.mark.parametrize(("screen_lang", "report_lang"), [("en", "th"), ("th", "en")])
async def test_review_progress_is_shown_in_the_screen_language(
    seeded_db, tmp_path, monkeypatch, screen_lang, report_lang
):
    """The person reads the progress in the screen's language; the report keeps its own."""
    shown: list[str] = []
    original = ReviewScreen._show_progress

    def recording(self) -> None:
        original(self)
        if self.progress:
            shown.append(self.progress[2])

    monkeypatch.setattr(ReviewScreen, "_show_progress", recording)
    i18n.set_language(screen_lang)
    out = tmp_path / "review.html"
    app = GroupworkApp(seeded_db)
    try:
        async with app.run_test(size=(100, 40)) as pilot:
            await open_dashboard(pilot)
            await pilot.press("v")
            await pilot.pause()
            screen = app.screen
            screen.query_one("#review-language", Select).value = report_lang
            await pilot.pause()
            screen.query_one("#review-path", Input).value = str(out)
            await pilot.press("ctrl+s")
            await wait_until_written(pilot, screen)
            step = str(screen.query_one("#review-step", Static).render())
    finally:
        i18n.set_language("en")
    in_screen = {"en": "Report written", "th": i18n.gettext_in("th", "Report written")}
    assert in_screen["th"] != in_screen["en"]
    assert step == in_screen[screen_lang]
    assert len(shown) > 4  # reading, compiling, each chart, written
    thai = re.compile("[\u0e00-\u0e7f]")
    for label in shown:
        # Every progress line in the screen's language: Thai letters only on a Thai screen.
        assert bool(thai.search(label)) == (screen_lang == "th"), label
    # Chart steps name the chart in words, not by its internal key.
    assert not any(label.endswith(": attendance") for label in shown)
    html = out.read_text(encoding="utf-8")
    assert f'<html lang="{report_lang}">' in html
    assert ("รายงานผลการปฏิบัติงานสังคมสงเคราะห์กลุ่ม" in html) == (report_lang == "th")
