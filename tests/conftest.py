"""Shared fixtures: every test gets its own data folder and database, in English by default."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, timedelta

if os.environ.get("GROUPWORK_NO_TEXTUAL") == "1":
    # CI runs the core tests (all but tests/tui) as on a machine without Textual: any import
    # of it then fails, so core code that reaches for the TUI fails its tests.
    # Submodules a plugin already loaded are dropped too, so no `from textual.x import` works.
    for _name in [n for n in sys.modules if n == "textual" or n.startswith("textual.")]:
        del sys.modules[_name]
    sys.modules["textual"] = None  # type: ignore[assignment]

import pytest
import time_machine

from groupwork import i18n
from groupwork.store import Store


@pytest.fixture(autouse=True, scope="session")
def shifted_clock():
    """Run the whole suite as if on another day when GROUPWORK_TEST_SHIFT_DAYS is set.

    CI runs the suite a second time a year ahead, so a test that quietly depends on the
    day it runs fails there and not months later on main. The clock keeps ticking, so
    timeouts and durations behave as usual; tests that pin a moment nest their own travel.
    """
    days = int(os.environ.get("GROUPWORK_TEST_SHIFT_DAYS", "0") or 0)
    if not days:
        yield
        return
    with time_machine.travel(datetime.now(UTC) + timedelta(days=days), tick=True):
        yield


@pytest.fixture(autouse=True)
def isolated_data(tmp_path, monkeypatch):
    """Point every data location at the test's own folder; nothing touches real data."""
    home = tmp_path / "home"
    monkeypatch.setenv("GROUPWORK_HOME", str(home))
    monkeypatch.setenv("GROUPWORK_DB", str(home / "groupwork.db"))
    monkeypatch.setenv("GROUPWORK_LANG", "en")
    monkeypatch.setenv("GROUPWORK_REPORTS", str(tmp_path))
    monkeypatch.delenv("GROUPWORK_PASSPHRASE", raising=False)
    i18n.set_language("en")
    yield home
    i18n.set_language("en")


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "test.db"


@pytest.fixture
def store(db_path):
    s = Store.open(db_path)
    yield s
    s.close()
