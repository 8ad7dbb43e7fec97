"""Shared fixtures: every test gets its own data folder and database, in English by default."""

from __future__ import annotations

import pytest

from groupwork import i18n
from groupwork.store import Store


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
