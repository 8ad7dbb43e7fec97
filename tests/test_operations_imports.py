"""Import through the domain's checks: a record that breaks a rule the TUI enforces is refused
by name, and nothing of the file is written."""

from __future__ import annotations

import json
from datetime import date

import pytest

from groupwork import i18n
from groupwork import models as m
from groupwork.errors import InvalidInputError
from groupwork.exchange import export_group, import_document, parse_export
from groupwork.operations import imports
from groupwork.store import Store

DAY = date(2026, 10, 7)


@pytest.fixture
def document() -> dict:
    """A group with พร who withdrew, a cancelled session, a rule and a done task, as JSON data."""
    store = Store.memory()
    group = store.add(m.Group(name="กลุ่มผู้ดูแล", start_date=DAY))
    porn = store.add(
        m.Member(
            group_id=group.id,
            real_name="พร",
            pseudonym="พร",
            decision=m.SelectionDecision.WITHDREW,
            decision_reason="ย้ายบ้าน",
        )
    )
    store.add(m.Member(group_id=group.id, real_name="สุข", pseudonym="สุข"))
    store.add(
        m.Session(
            group_id=group.id,
            number=1,
            held_on=DAY,
            status=m.SessionStatus.CANCELLED,
            cancel_reason="ฝนตกหนัก",
        )
    )
    store.add(m.GroundRule(group_id=group.id, text="ฟังกัน", agreed_on=DAY))
    store.add(m.Task(group_id=group.id, title="โทรหาอนามัย", status=m.TaskStatus.DONE, done_on=DAY))
    store.add(m.Task(group_id=group.id, title="หาน้ำดื่ม", assignee_ids=[porn.id]))
    data = json.loads(export_group(store, group.id).model_dump_json())
    store.close()
    return data


def refused(doc: dict, lang: str = "en") -> str:
    target = Store.memory()
    before = i18n.current_language()
    i18n.set_language(lang)
    try:
        with pytest.raises(InvalidInputError) as caught:
            import_document(target, parse_export(json.dumps(doc)))
    finally:
        i18n.set_language(before)
    assert target.groups() == [] and target.count(m.Member) == 0  # nothing written
    return str(caught.value)


def test_a_sound_file_imports(document):
    target = Store.memory()
    group = import_document(target, parse_export(json.dumps(document)))
    assert target.get(m.Group, group.id).name == "กลุ่มผู้ดูแล"
    assert target.count(m.Task) == 2


def test_a_withdrawal_without_reason_is_refused_by_record(document):
    document["members"][0]["decision_reason"] = ""
    message = refused(document)
    assert f"members {document['members'][0]['id'][:12]}" in message
    assert "Say why" in message and "Nothing was imported" in message


def test_a_rule_retired_before_agreed_is_refused(document):
    document["ground_rules"][0]["retired_on"] = "2026-10-01"
    assert "before it was agreed" in refused(document)


def test_task_done_date_follows_status(document):
    done, open_ = document["tasks"]
    done["done_on"] = None
    open_["done_on"] = "2026-10-08"
    message = refused(document)
    assert "needs the day it was done" in message
    assert "Only a task marked done" in message


def test_turns_in_a_cancelled_session_are_refused(document):
    session_id = document["sessions"][0]["id"]
    actor = document["members"][1]["id"]
    document["participation_events"] = [{"id": "e1", "session_id": session_id, "actor_id": actor}]
    assert "was cancelled" in refused(document)


def test_the_refusal_is_in_thai(document):
    document["members"][0]["decision_reason"] = ""
    message = refused(document, "th")
    assert "Say why" not in message and "ไม่ได้นำเข้า" in message


def test_write_group_is_one_transaction():
    store = Store.memory()
    group = m.Group(name="ดาว")
    members = [
        m.Member(id="x", group_id=group.id, real_name="ฝน", pseudonym="ฝน")
    ] * 2  # the same id twice
    with pytest.raises(InvalidInputError, match="Nothing was imported"):
        imports.write_group(store, group, members)
    assert store.groups() == []
