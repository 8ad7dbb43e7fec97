"""Snapshots of the dialogs that keep a person's work: Esc on a changed form, revising and
retiring a rule.

Update after an intended change with ``pytest tests/tui/test_form_snapshots.py --snapshot-update``
and look at the SVGs in tests/tui/__snapshots__/ before committing them.
"""

from __future__ import annotations

from datetime import date

import pytest

from groupwork import i18n
from groupwork import models as m
from groupwork.store import Store
from groupwork.tui.app import GroupworkApp

from .conftest import seed_group

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.fixture
def app_with_a_rule(db_path):
    seed_group(db_path)
    with Store.open(db_path) as store:
        store.add(
            m.GroundRule(
                id="r1",
                group_id="g1",
                text="ปิดเสียงโทรศัพท์ระหว่างการประชุม",
                agreed_on=date(2026, 10, 14),
                revisions=[
                    m.RuleRevision(revised_on=date(2026, 10, 28), previous_text="ห้ามใช้โทรศัพท์")
                ],
            )
        )
    return GroupworkApp(db_path)


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("size", SIZES)
def test_esc_on_a_changed_form_asks(snap_compare, app_with_a_rule, lang, size):
    i18n.set_language(lang)
    keys = ["enter", "4", "a", *"Arrive on time", "escape"]
    assert snap_compare(app_with_a_rule, press=keys, terminal_size=SIZES[size])


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("size", SIZES)
def test_revise_rule_dialog(snap_compare, app_with_a_rule, lang, size):
    i18n.set_language(lang)
    assert snap_compare(app_with_a_rule, press=["enter", "4", "v"], terminal_size=SIZES[size])


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("size", SIZES)
def test_retire_rule_dialog(snap_compare, app_with_a_rule, lang, size):
    i18n.set_language(lang)
    assert snap_compare(app_with_a_rule, press=["enter", "4", "d"], terminal_size=SIZES[size])


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("size", SIZES)
def test_withdraw_member_form(snap_compare, app_with_a_rule, lang, size):
    i18n.set_language(lang)
    assert snap_compare(app_with_a_rule, press=["enter", "2", "w"], terminal_size=SIZES[size])


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("size", SIZES)
def test_not_selected_decision_form(snap_compare, app_with_a_rule, lang, size):
    from textual.widgets import Select

    i18n.set_language(lang)

    async def decide_not_selected(pilot):
        await pilot.press("enter", "2", "e")
        await pilot.pause()
        pilot.app.screen.query_one("#field-decision", Select).value = "not_selected"
        # Saving now is refused for want of a reason: test_forms.py asserts the message.
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(app_with_a_rule, terminal_size=SIZES[size], run_before=decide_not_selected)
