"""The audit log: every change to members, assessments and consents; append-only; no values."""

from __future__ import annotations

from datetime import date

import pytest

from groupwork import models as m
from groupwork.store.audit import audit_entries


def test_every_change_is_logged_with_columns_not_values(store, monkeypatch):
    monkeypatch.setenv("GROUPWORK_USER", "khun-nok")
    from groupwork.store import Store

    store = Store.open(store.path)  # the actor is read when the connection opens
    group = store.add(m.Group(name="G"))
    member = store.add(m.Member(group_id=group.id, real_name="Secret Name", pseudonym="M1"))
    store.save(member.model_copy(update={"notes": "Private note"}))
    store.save(member.model_copy(update={"notes": "Private note"}))  # no change: no entry
    assessment = store.add(
        m.Assessment(group_id=group.id, member_id=member.id, assessed_on=date(2026, 1, 1))
    )
    consent = store.add(
        m.Consent(group_id=group.id, member_id=member.id, given_on=date(2026, 1, 1))
    )
    store.delete(m.Consent, consent.id)
    store.save(assessment.model_copy(update={"risk": "x", "severity": 4}))
    entries = audit_entries(store.db, group.id)
    assert [(e.table_name, e.action) for e in entries] == [
        ("members", "insert"),
        ("members", "update"),
        ("assessments", "insert"),
        ("consents", "insert"),
        ("consents", "delete"),
        ("assessments", "update"),
    ]
    assert entries[1].columns == ("notes",)
    assert set(entries[-1].columns) == {"risk", "severity"}
    assert {e.actor for e in entries} == {"khun-nok"}
    raw = store.db.execute("select * from audit_log").fetchall()
    assert "Private note" not in repr(raw) and "Secret Name" not in repr(raw)
    assert store.count(m.Group) == 1 and audit_entries(store.db, "other") == []
    store.close()


def test_audit_log_is_append_only(store):
    group = store.add(m.Group(name="G"))
    store.add(m.Member(group_id=group.id, real_name="A", pseudonym="M1"))
    with pytest.raises(Exception, match="append-only"):
        store.db.execute("update audit_log set actor = 'someone else'")
    with pytest.raises(Exception, match="append-only"):
        store.db.execute("delete from audit_log")
    assert len(audit_entries(store.db)) == 1


def test_triggers_follow_new_columns(store):
    from groupwork.store.audit import ensure_audit_triggers

    store.db["members"].add_column("nickname", str)
    ensure_audit_triggers(store.db)
    group = store.add(m.Group(name="G"))
    member = store.add(m.Member(group_id=group.id, real_name="A", pseudonym="M1"))
    store.db.execute("update members set nickname = 'x' where id = ?", [member.id])
    assert audit_entries(store.db)[-1].columns == ("nickname",)
