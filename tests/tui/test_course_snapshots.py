"""Snapshots of the sessions screen and the ratings step at a session's close, in English and
Thai, at 80x24 and 120x40.

Deterministic: fixed ids, time frozen (tests/tui/conftest.py), the time zone fixed (the
screen shows local times). Update after an intended change with ``pytest
tests/tui/test_course_snapshots.py --snapshot-update`` and look at the SVGs first.
"""

from __future__ import annotations

import time as clock
from datetime import date, time

import pytest

from groupwork import i18n
from groupwork import models as m
from groupwork.operations.ratings import set_rating_scale
from groupwork.operations.sessions import cancel_session, enter_past_session, plan_session
from groupwork.store import Store
from groupwork.tui.app import GroupworkApp

from .conftest import seed_group

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.fixture(autouse=True)
def bangkok(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Bangkok")
    clock.tzset()
    yield
    monkeypatch.undo()
    clock.tzset()


@pytest.fixture
def course_db(db_path):
    seed_group(db_path)
    with Store.open(db_path) as store:
        plan_session(store, "g1", date(2026, 12, 5), time(14, 0), plan="ทบทวนกติกากลุ่ม")
        planned = plan_session(store, "g1", date(2026, 12, 12), time(14, 0))
        cancel_session(store, planned.id, "น้ำท่วมถนนเข้าหมู่บ้าน", new_date=date(2026, 12, 19))
        enter_past_session(store, "g1", date(2026, 11, 14), time(13, 0), time(15, 0))
        set_rating_scale(store, "g1", "ความพอใจ", 1, 5, ["1=น้อยมาก", "5=มากที่สุด"])
        store.save(
            store.get(m.Member, "m2").model_copy(update={"decision": m.SelectionDecision.WITHDREW})
        )
    return db_path


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("size", SIZES)
def test_sessions_screen(snap_compare, course_db, lang, size):
    i18n.set_language(lang)
    app = GroupworkApp(course_db)
    assert snap_compare(app, press=["enter", "s"], terminal_size=SIZES[size])


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("size", SIZES)
def test_ratings_step(snap_compare, course_db, lang, size):
    i18n.set_language(lang)
    app = GroupworkApp(course_db)
    keys = ["enter", "r", "f2", "1", "2", "f3", "ctrl+e", "ctrl+s", "4"]
    assert snap_compare(app, press=keys, terminal_size=SIZES[size])


DIALOGS = {
    "plan": ["p"],
    "past": ["e"],
    # The fifth row is the session planned for 5 Dec.
    "cancel": ["down", "down", "down", "down", "x"],
    "move": ["down", "down", "down", "down", "m"],
}


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("dialog", DIALOGS)
def test_session_dialogs(snap_compare, course_db, dialog, lang, size):
    i18n.set_language(lang)
    app = GroupworkApp(course_db)
    keys = ["enter", "s", *DIALOGS[dialog]]
    assert snap_compare(app, press=keys, terminal_size=SIZES[size])
