"""Import streams the export file (issue 20): memory stays small whatever the file's size,
lists in any order import, and every refusal is still one line."""

from __future__ import annotations

import json
import os
import random
import tracemalloc

import pytest

from groupwork import models as m
from groupwork.demo import build_demo
from groupwork.errors import InvalidInputError
from groupwork.exchange import export_group, import_file
from groupwork.store import Store


@pytest.fixture(scope="module")
def demo_document():
    with Store.memory() as store:
        group = build_demo(store, seed=2569)
        return export_group(store, group.id).model_dump(mode="json")


def _counts(store: Store) -> dict[str, int]:
    return {
        cls.__name__: store.count(cls)
        for cls in (m.Member, m.Session, m.Task, m.ParticipationEvent, m.GroupMark, m.Rating)
    }


def test_a_large_export_is_imported_in_little_memory(demo_document, tmp_path):
    rng = random.Random(20)
    document = json.loads(json.dumps(demo_document))
    turns = list(document["participation_events"])
    for _copy in range(12):
        document["participation_events"] += [
            {**t, "id": f"{rng.getrandbits(128):032x}"} for t in turns
        ]
    path = tmp_path / "large.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    size = path.stat().st_size
    assert size > 2_000_000
    with Store.open(tmp_path / "new.db") as store:
        tracemalloc.start()
        try:
            import_file(store, path)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert store.count(m.ParticipationEvent) == 13 * len(turns)
    # Held whole, the document took about ten times the file; streamed, less than the file (mostly the ids it checks).
    assert peak < size, (peak, size)


def test_lists_in_any_order_import_the_same(demo_document, tmp_path):
    backwards = dict(reversed(list(demo_document.items())))
    path = tmp_path / "backwards.json"
    path.write_text(json.dumps(backwards, ensure_ascii=False), encoding="utf-8")
    forwards = tmp_path / "forwards.json"
    forwards.write_text(json.dumps(demo_document, ensure_ascii=False), encoding="utf-8")
    with Store.open(tmp_path / "a.db") as a, Store.open(tmp_path / "b.db") as b:
        import_file(a, path)
        import_file(b, forwards)
        assert _counts(a) == _counts(b) and _counts(a)["ParticipationEvent"] > 100


def test_a_file_with_a_byte_order_mark_imports(demo_document, tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(demo_document).encode())
    with Store.open(tmp_path / "a.db") as store:
        assert import_file(store, path).name == demo_document["group"]["name"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"format": "groupwork-export", "version": 1, "group": {', "not valid JSON (line 1"),
        (b"[1, 2]", "no JSON object"),
        (b'{"format": "groupwork-export"} {}', "something follows the end"),
        (b'{"format": "other"}', '"format" is not'),
        (b'{"a": 123456789012345678901234567890}', "a number with 30 digits"),
        (b'{"a": "\xff"}', "not UTF-8"),
        (b'{"format": "groupwork-export", "version": 1, "members": 5}', "must be a list"),
    ],
)
def test_refusals_are_one_line_and_change_nothing(tmp_path, content, words):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with Store.open(tmp_path / "a.db") as store:
        with pytest.raises(InvalidInputError) as refused:
            import_file(store, path)
        assert store.groups() == []
    assert words in str(refused.value), str(refused.value)


def test_a_damaged_record_is_named_with_its_place(demo_document, tmp_path):
    document = json.loads(json.dumps(demo_document))
    document["sessions"][1]["held_on"] = 20261205
    document["members"][2]["pseudonym"] = ""
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with Store.open(tmp_path / "a.db") as store:
        with pytest.raises(InvalidInputError) as refused:
            import_file(store, path)
    message = str(refused.value)
    assert "sessions #2 › " in message and "members #3 › " in message
    assert "zero time" not in message


def test_a_fifo_is_refused_before_it_is_read(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with Store.open(tmp_path / "a.db") as store:
        with pytest.raises(InvalidInputError, match="not a regular file"):
            import_file(store, fifo)
