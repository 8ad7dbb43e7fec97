"""A store's change mark: the same while nothing is committed, different once anything is, by
this connection or by another (a screen with an unchanged mark need not read again)."""

from __future__ import annotations

from datetime import date

from groupwork import models as m
from groupwork.store import Store


def test_the_mark_follows_every_commit_and_nothing_else(db_path):
    with Store.open(db_path) as store, Store.open(db_path) as other:
        group = store.add(m.Group(name="กลุ่มดาว"))
        mark = store.change_mark()
        store.groups()
        store.home_groups(date(2026, 12, 5))
        assert store.change_mark() == mark  # reads change nothing
        store.save(group.model_copy(update={"name": "กลุ่มดาวเหนือ"}))
        assert store.change_mark() != mark  # its own write
        mark = store.change_mark()
        other.add(m.Task(group_id=group.id, title="โทรหาป้าบัว"))
        assert store.change_mark() != mark  # another connection's (another window's) write
        mark = store.change_mark()
        assert store.change_mark() == mark
