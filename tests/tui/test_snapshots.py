"""Snapshots of the dashboard and a stage workspace, in English and Thai, small and large.

Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and look at the SVGs in tests/tui/__snapshots__/ before committing them.
"""

from __future__ import annotations

import pytest

from groupwork import i18n
from groupwork.tui.app import GroupworkApp

from .conftest import seed_group

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.fixture
def app_on_seeded_db(db_path):
    seed_group(db_path)
    return GroupworkApp(db_path)


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("size", SIZES)
def test_dashboard(snap_compare, app_on_seeded_db, lang, size):
    i18n.set_language(lang)
    assert snap_compare(app_on_seeded_db, press=["enter"], terminal_size=SIZES[size])


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("size", SIZES)
def test_stage_two_workspace(snap_compare, app_on_seeded_db, lang, size):
    i18n.set_language(lang)
    assert snap_compare(app_on_seeded_db, press=["enter", "2"], terminal_size=SIZES[size])


@pytest.mark.parametrize("keys", [["enter", "v"], ["enter", "t"]], ids=["review", "tasks"])
def test_thai_footers_at_80x24(snap_compare, app_on_seeded_db, keys, monkeypatch):
    # The review dialog's Ctrl+S hint and the task board's footer, whole in Thai at 80x24;
    # the dialog offers a path in the reports folder: the same one on every run.
    monkeypatch.setenv("GROUPWORK_REPORTS", "/reports")
    i18n.set_language("th")
    assert snap_compare(app_on_seeded_db, press=keys, terminal_size=SIZES["80x24"])
