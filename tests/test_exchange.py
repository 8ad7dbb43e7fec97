"""Export and import: a lossless round trip, and whole rejection of anything bad."""

from __future__ import annotations

import copy
import json
import stat
from datetime import date
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groupwork import export_format
from groupwork import models as m
from groupwork.demo import build_demo
from groupwork.errors import InvalidInputError
from groupwork.exchange import (
    export_group,
    import_document,
    import_file,
    parse_export,
    read_export,
    write_export,
)
from groupwork.store import Store
from groupwork.store.converters import TABLES
from tests.engines import table_rows

TODAY = date(2026, 11, 21)


def dump(store: Store) -> dict[str, list[dict]]:
    """Every row of every table, in a stable order (on either engine); the register of files
    this computer wrote stays on it (``exchange.LOCAL_TABLES``)."""
    return {
        t: sorted(table_rows(store, t), key=lambda r: json.dumps(r, sort_keys=True))
        for t in [*TABLES.values(), "task_assignees"]
        if t != "shared_files"
    }


def _demo_source() -> Store:
    """The laptop the demo group is exported from (SQLite); tests import into either engine."""
    return Store.memory()


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory):
    source = _demo_source()
    group = build_demo(source, today=TODAY)
    path = tmp_path_factory.mktemp("export") / "demo.json"
    write_export(source, group.id, path)
    yield source, group, path
    source.close()


def with_another_group(store: Store) -> Store:
    """A target database that already holds another group, so "unchanged" means something."""
    group = store.add(m.Group(name="Another group"))
    store.add(m.Member(group_id=group.id, real_name="Someone", pseudonym="S1"))
    return store


@pytest.fixture
def other_store(new_store):
    return with_another_group(new_store())


def small_document() -> dict:
    """A small valid export (as JSON data) with references between records (a fresh copy)."""
    return copy.deepcopy(_small_document())


@cache
def _small_document() -> dict:
    store = Store.memory()
    group = store.add(m.Group(name="Small"))
    a = store.add(m.Member(group_id=group.id, real_name="A", pseudonym="M1"))
    session = store.add(m.Session(group_id=group.id, number=1, held_on=TODAY, status="held"))
    store.add(m.Attendance(session_id=session.id, member_id=a.id, status="present"))
    store.add(m.ParticipationEvent(session_id=session.id, actor_id=a.id))
    store.add(
        m.ParticipationEvent(session_id=session.id, actor_id=m.FACILITATOR, responds_to_id=a.id)
    )
    goal = store.add(m.Goal(group_id=group.id, title="Safety"))
    store.add(
        m.Task(
            group_id=group.id,
            title="Call",
            assignee_ids=[a.id, m.FACILITATOR],
            goal_id=goal.id,
            agreed_session_id=session.id,
        )
    )
    store.add(
        m.Review(
            group_id=group.id,
            held_on=TODAY,
            goal_progress=[m.GoalProgressNote(goal_id=goal.id, progress=50)],
        )
    )
    return json.loads(export_group(store, group.id).model_dump_json())


# --- round trip ---------------------------------------------------------------------------


def test_export_then_import_gives_an_identical_group(demo_export, new_store):
    source, group, path = demo_export
    target = new_store()
    imported = import_file(target, path)
    assert imported == source.get(m.Group, group.id)
    assert dump(target) == dump(source)  # every record of every table, assignees included
    assert sum(len(rows) for rows in dump(target).values()) > 800


def test_export_again_from_the_import_is_the_same_document(demo_export, new_store):
    source, group, path = demo_export
    target = new_store()
    import_file(target, path)
    again = export_group(target, group.id).model_dump(exclude={"exported_at"})
    assert again == read_export(path).model_dump(exclude={"exported_at"})


def test_export_file_is_private_and_versioned(demo_export):
    _source, _group, path = demo_export
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "groupwork-export" and data["version"] == 1
    assert set(TABLES.values()) - {"groups", "shared_files"} <= set(data)


def test_export_holds_only_the_one_group(demo_export, new_store):
    source, group, _path = demo_export
    store = new_store()
    import_document(store, export_group(source, group.id))
    other = store.add(m.Group(name="Other"))
    store.add(m.Member(group_id=other.id, real_name="X", pseudonym="X1"))
    doc = export_group(store, group.id)
    assert all(member.group_id == group.id for member in doc.members)


# --- rejection ----------------------------------------------------------------------------


def rejected(store: Store, data: bytes | str | dict) -> str:
    """Import ``data``; assert it was refused and changed nothing; return the message."""
    before = dump(store)
    if isinstance(data, dict):
        data = json.dumps(data)
    with pytest.raises(InvalidInputError) as info:
        import_document(store, parse_export(data))
    assert dump(store) == before
    return str(info.value)


def test_malformed_json(other_store):
    assert "not valid JSON" in rejected(other_store, '{"format": "groupwork-export", ')


def test_not_an_object_or_not_an_export(other_store):
    assert "not a groupwork export" in rejected(other_store, "[1, 2]")
    assert "not a groupwork export" in rejected(other_store, {"format": "other", "version": 1})


def test_missing_and_unknown_version(other_store):
    doc = small_document()
    del doc["version"]
    assert "no version" in rejected(other_store, doc)
    doc["version"] = 2
    assert "version 2" in rejected(other_store, doc)
    doc["version"] = True
    assert "cannot be read" in rejected(other_store, doc)


def test_wrong_types_name_the_record_and_field(other_store):
    doc = small_document()
    doc["members"][0]["joined_on"] = "someday"
    doc["tasks"] = "not a list"
    message = rejected(other_store, doc)
    assert "members #1" in message and "Joined on" in message
    assert "tasks" in message and "must be a list" in message


def test_unknown_fields_are_refused(other_store):
    doc = small_document()
    doc["members"][0]["favourite_colour"] = "blue"
    assert "not a known field" in rejected(other_store, doc)


def test_duplicate_ids(other_store):
    doc = small_document()
    doc["goals"].append(dict(doc["goals"][0]))
    assert "more than once" in rejected(other_store, doc)


def test_references_to_records_not_in_the_file(other_store):
    doc = small_document()
    doc["tasks"][0]["assignee_ids"] = ["nobody"]
    doc["reviews"][0]["goal_progress"][0]["goal_id"] = "no-goal"
    message = rejected(other_store, doc)
    assert "assignee_ids points to nobody" in message
    assert "goal_id points to no-goal" in message


def test_records_of_another_group_are_refused(other_store):
    doc = small_document()
    doc["goals"][0]["group_id"] = "someone-else"
    assert "group_id points to someone-else" in rejected(other_store, doc)


def test_a_group_already_in_the_database(demo_export, new_store):
    _source, _group, path = demo_export
    target = new_store()
    import_file(target, path)
    message = rejected(target, path.read_bytes())
    assert "already has the group" in message


def test_ids_already_used_by_another_group(other_store):
    doc = small_document()
    existing = other_store.members(other_store.groups()[0].id)[0]
    old = doc["members"][0]["id"]
    text = json.dumps(doc).replace(old, existing.id)
    assert "already in this database" in rejected(other_store, text)


def test_a_rule_only_the_database_knows_rolls_everything_back(other_store):
    doc = small_document()
    group_id = doc["group"]["id"]
    doc["stage_progress"] = [
        {"id": f"p{i}", "group_id": group_id, "stage": 3} for i in range(2)
    ]  # two rows for one stage
    assert "Nothing was imported" in rejected(other_store, doc)


def test_too_large(other_store, monkeypatch, tmp_path):
    monkeypatch.setattr(export_format, "MAX_IMPORT_BYTES", 100)
    path = tmp_path / "big.json"
    path.write_text(json.dumps(small_document()))
    before = dump(other_store)
    with pytest.raises(InvalidInputError, match="too large"):
        import_file(other_store, path)
    assert dump(other_store) == before


def test_excessive_nesting(other_store):
    assert "nested too deeply" in rejected(other_store, "[" * 200_000 + "]" * 200_000)


def test_missing_file_and_not_utf8(other_store, tmp_path):
    with pytest.raises(InvalidInputError, match="does not exist"):
        import_file(other_store, tmp_path / "nope.json")
    assert "UTF-8" in rejected(other_store, b"\xff\xfe\x00{")


def test_messages_are_translated(other_store):
    from groupwork.i18n import use_language

    with use_language("th"):
        assert "JSON" in rejected(other_store, "{")
        assert "ไม่" in rejected(other_store, "{")


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_damaged_field_imports_cleanly_or_is_refused_whole(data, new_store):
    doc = small_document()
    lists = [k for k, v in doc.items() if isinstance(v, list) and v]
    table = data.draw(st.sampled_from(lists))
    record = doc[table][0]
    field = data.draw(st.sampled_from(sorted(record)))
    record[field] = data.draw(_json)
    store = with_another_group(new_store())
    before = dump(store)
    try:
        import_document(store, parse_export(json.dumps(doc)))
    except InvalidInputError:
        assert dump(store) == before
    else:
        assert store._count(m.Group, "id = ?", [doc["group"]["id"]]) == 1
    finally:
        store.close()


def test_the_closure_reflection_travels_with_the_group(new_store):
    """The worker's reflection (issue 10) is exported and imported like every record."""
    source = new_store()
    group = build_demo(source, today=TODAY)
    existing = source.closure_reflection(group.id) or m.ClosureReflection(group_id=group.id)
    source.save(
        existing.model_copy(
            update={"knowledge_and_theory": "ทฤษฎีระบบนิเวศ", "practice_weaknesses": "ปิดกลุ่มเร็วไป"}
        )
    )
    target = new_store()
    import_document(target, export_group(source, group.id))
    reflection = target.closure_reflection(group.id)
    assert reflection == source.closure_reflection(group.id)
    assert reflection.practice_weaknesses == "ปิดกลุ่มเร็วไป"
