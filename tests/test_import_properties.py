"""Hostile imports: whatever the bytes, the importer rejects them whole with a message, or
imports them; it never crashes and never half-writes."""

from __future__ import annotations

import copy
import json
import os
from datetime import date
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groupwork import models as m
from groupwork.demo import build_demo
from groupwork.errors import InvalidInputError
from groupwork.exchange import export_group, import_document, parse_export
from groupwork.store import Store
from tests.engines import table_counts

EXAMPLES = int(os.environ.get("GROUPWORK_HYPOTHESIS_EXAMPLES", "60"))


@cache
def _demo_document() -> str:
    with Store.memory() as store:
        group = build_demo(store, today=date(2026, 11, 21))
        return export_group(store, group.id).model_dump_json()


def _fresh_document() -> dict:
    return copy.deepcopy(json.loads(_demo_document()))


def _snapshot(store: Store) -> dict:
    return table_counts(store)  # on either engine


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.just("x" * 200_001),  # longer than any field allows
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def _nested(depth: int) -> str:
    return '{"group": ' * depth + "1" + "}" * depth


@st.composite
def hostile_documents(draw) -> str:
    doc = _fresh_document()
    lists = [k for k, v in doc.items() if isinstance(v, list) and v]
    kind = draw(st.sampled_from(["field", "version", "duplicate", "drop", "top", "nesting", "raw"]))
    if kind == "field":
        table = draw(st.sampled_from(lists))
        rows = doc[table]
        row = rows[draw(st.integers(0, len(rows) - 1))]
        row[draw(st.sampled_from(sorted(row)))] = draw(json_values)
    elif kind == "version":
        doc["version"] = draw(json_values)
    elif kind == "duplicate":
        table = draw(st.sampled_from(lists))
        doc[table].append(copy.deepcopy(doc[table][0]))
    elif kind == "drop":
        doc.pop(draw(st.sampled_from(sorted(doc))))
    elif kind == "top":
        return json.dumps(draw(json_values))
    elif kind == "nesting":
        return _nested(draw(st.integers(50, 5000)))
    else:
        return draw(st.text(max_size=200))
    return json.dumps(doc)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=hostile_documents())
def test_hostile_import_is_rejected_whole_or_imported(text, new_store):
    store = new_store()
    other = store.add(m.Group(name="Already here"))
    store.add(m.Member(group_id=other.id, real_name="Someone", pseudonym="S1"))
    before = _snapshot(store)
    try:
        group = import_document(store, parse_export(text))
    except InvalidInputError as exc:
        assert exc.lines and all(line.strip() for line in exc.lines)
        assert _snapshot(store) == before
    else:
        assert store.get(m.Group, group.id).name
    finally:
        store.close()


# --- hostile names (issue 8) --------------------------------------------------------------

HOSTILE_CHARACTERS = st.one_of(
    st.characters(min_codepoint=0x00, max_codepoint=0x1F),
    st.characters(min_codepoint=0x7F, max_codepoint=0x9F),
    st.sampled_from(list("\u202a\u202e\u2066\u2069")),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
)
NAMED = [("group", "name"), ("members", "real_name"), ("members", "pseudonym"), ("tasks", "title")]


@st.composite
def documents_with_a_hostile_name(draw) -> tuple[str, str]:
    doc = _fresh_document()
    table, field = draw(st.sampled_from(NAMED))
    row = doc[table] if isinstance(doc[table], dict) else draw(st.sampled_from(doc[table]))
    inside = draw(st.integers(1, max(1, len(row[field]) - 1)))
    row[field] = row[field][:inside] + draw(HOSTILE_CHARACTERS) + row[field][inside:]
    return json.dumps(doc), field


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=documents_with_a_hostile_name())
def test_a_hostile_name_in_an_import_is_refused_whole_naming_the_field(case, new_store):
    text, field = case
    store = new_store()
    before = _snapshot(store)
    try:
        with pytest.raises(InvalidInputError) as caught:
            import_document(store, parse_export(text))
        assert _snapshot(store) == before
        label = m.FIELD_LABELS.get(field, field)
        assert any(label in line for line in caught.value.lines), caught.value.lines
        assert not any("\x1b" in line or "\x9b" in line for line in caught.value.lines)
    finally:
        store.close()
