"""Importing an export file record by record, so a large file never sits whole in memory.

``json.loads`` of a 50 MB export, then its pydantic models, then their dumps held about twelve
times the file at once. Here ijson reads the file as a stream of events and builds one record
at a time: a first pass checks each record and keeps only ids (``ImportCheck``), a second pass
reads the records again and writes them in one transaction, in an order the foreign keys
accept. Peak memory stays within a few times the file (docs/performance.md has the figure).

What is refused, and in which words, is the same as for a document held whole
(``groupwork.exchange.check_document`` uses ``ImportCheck`` too): a file that is not valid JSON
is read once more by ``json`` only to say where, in one line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import ijson
from pydantic import ValidationError

from groupwork import export_format
from groupwork import models as m
from groupwork.errors import InvalidInputError, field_label, render_validation_error
from groupwork.export_format import (
    FACILITATOR_ALLOWED,
    MAX_ERRORS_SHOWN,
    REFERENCES,
    DocumentBase,
    NumberTooLong,
    check_format,
    load_json,
    located_errors,
    record_tables,
    too_big,
)
from groupwork.i18n import _
from groupwork.operations import imports
from groupwork.store import Repository
from groupwork.typed_input import input_file

_TAKEN_BATCH = 2000
"""Ids asked of the database at a time (``existing_ids``)."""
_MAX_DEPTH = 64
"""Deeper nesting is no export (a record is a few levels deep)."""
_BOM = b"\xef\xbb\xbf"


class ImportCheck:
    """Everything that keeps a group's records from being imported, gathered one record at a
    time and kept small: ids, the references not found yet, and the first few problems."""

    def __init__(self, store: Repository, group: m.Group) -> None:
        self.store = store
        self.problems: list[str] = []
        self.more = 0
        self.ids: dict[str, set[str]] = {"groups": {group.id}}
        self._unresolved: dict[tuple[str, str], str] = {}
        self._cancelled: dict[str, int] = {}
        self._recorded_in: dict[str, tuple[str, m.Record]] = {}
        self._batches: dict[str, list[str]] = {}
        self._taken: dict[str, tuple[int, str]] = {}

    def note(self, line: str) -> None:
        """Keep ``line`` among the problems shown, or count it among the rest."""
        if len(self.problems) < MAX_ERRORS_SHOWN:
            self.problems.append(line)
        else:
            self.more += 1

    def add(self, table: str, record: m.Record) -> None:
        """Check one record of ``table`` against what came before it."""
        seen = self.ids.setdefault(table, set())
        if record.id in seen:
            self.note(
                _("{table}: the id {id} appears more than once.").format(table=table, id=record.id)
            )
        seen.add(record.id)
        for field, ref in _references(record.model_dump(mode="json")):
            if field in FACILITATOR_ALLOWED and ref == m.FACILITATOR:
                continue
            self._unresolved.setdefault((field, ref), f"{table} {record.id[:12]}")
        for line in imports.rule_problems(table, record):
            self.note(line)
        if isinstance(record, m.Session) and record.status == m.SessionStatus.CANCELLED:
            self._cancelled[record.id] = record.number
        if isinstance(record, imports.SESSION_RECORDS):
            self._recorded_in.setdefault(record.session_id, (table, record))
        batch = self._batches.setdefault(table, [])
        batch.append(record.id)
        if len(batch) >= _TAKEN_BATCH:
            self._ask_taken(table)

    def _ask_taken(self, table: str) -> None:
        batch = self._batches.pop(table, [])
        taken = self.store.existing_ids(record_tables()[table], batch) if batch else set()
        if taken:
            count, example = self._taken.get(table, (0, min(taken)))
            self._taken[table] = (count + len(taken), min(example, min(taken)))

    def finish(self) -> list[str]:
        """The problems found, once every record was added (references resolved last)."""
        for table in list(self._batches):
            self._ask_taken(table)
        for (field, ref), label in self._unresolved.items():
            if not any(ref in self.ids.get(table, ()) for table in REFERENCES[field]):
                self.note(
                    _("{table} {id}: {field} points to {ref}, which is not in the file.").format(
                        table=label.split(" ")[0], id=label.split(" ")[1], field=field, ref=ref[:40]
                    )
                )
        for table, (count, example) in self._taken.items():
            self.note(
                _("{table}: {count} records have ids already in this database (e.g. {id}).").format(
                    table=table, count=count, id=example
                )
            )
        for session_id, (table, record) in self._recorded_in.items():
            if session_id in self._cancelled:
                number = self._cancelled[session_id]
                self.note(imports.cancelled_session_problem(table, record, number))
        return shown(self.problems, self.more)


def _references(value: Any, key: str | None = None) -> Iterator[tuple[str, str]]:
    """Every (field, id) pair in a record's dumped data, nested models included."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _references(v, k)
    elif isinstance(value, list):
        for item in value:
            yield from _references(item, key)
    elif isinstance(value, str) and key in REFERENCES:
        yield key, value


# --- reading the file as a stream -----------------------------------------------------------


class _NotAnObject(Exception):
    pass


def _top_level(fh: IO[bytes], streamed: set[str]) -> Iterator[tuple[str, int | None, Any]]:
    """(key, index, value) for the document's top level: each item of a list under a key in
    ``streamed`` (index from 0), any other key's whole value (index None)."""
    if fh.read(3) != _BOM:
        fh.seek(0)
    events = ijson.parse(fh, use_float=True)
    _prefix, event, _value = next(events)
    if event != "start_map":
        raise _NotAnObject
    for prefix, event, value in events:
        if event == "end_map" and prefix == "":
            for _rest in events:  # anything after the object is an error the parser raises
                pass
            return
        key = value
        _prefix, event, value = next(events)
        if key in streamed and event == "start_array":
            index = 0
            for _prefix, event, value in events:
                if event == "end_array":
                    break
                yield key, index, _build(event, value, events)
                index += 1
        else:
            yield key, None, _build(event, value, events)


def _build(event: str, value: Any, events: Iterator) -> Any:
    """The value that starts with (``event``, ``value``), read to its end from ``events``."""
    if event not in ("start_map", "start_array"):
        return _number(value) if event == "number" else value
    builder = ijson.ObjectBuilder()
    builder.event(event, value)
    depth = 1
    for _prefix, event, value in events:
        if event in ("start_map", "start_array"):
            depth += 1
            if depth > _MAX_DEPTH:
                raise InvalidInputError([_("The file is nested too deeply to be an export.")])
        elif event in ("end_map", "end_array"):
            depth -= 1
        builder.event(event, _number(value) if event == "number" else value)
        if depth == 0:
            return builder.value
    return builder.value


def _number(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**18:
        raise NumberTooLong(len(str(abs(value))))
    return value


def _stream(path: Path, streamed: set[str]) -> Iterator[tuple[str, int | None, Any]]:
    """``_top_level`` of the file at ``path``; a file that is not a JSON object, or not valid
    JSON, raises ``InvalidInputError`` in the words ``load_json`` uses."""
    with path.open("rb") as fh:
        try:
            yield from _top_level(fh, streamed)
        except _NotAnObject:
            raise InvalidInputError(
                [_("The file is not a groupwork export (no JSON object).")]
            ) from None
        except (ijson.JSONError, UnicodeDecodeError, NumberTooLong):
            fh.seek(0)
            load_json(fh.read(export_format.MAX_IMPORT_BYTES + 1))  # says what and where
            raise InvalidInputError([_("The file is not valid JSON.")]) from None


def _validated(table: str, index: int, item: Any) -> tuple[m.Record | None, list[str]]:
    cls = record_tables()[table]
    try:
        return cls.model_validate(item), []
    except ValidationError as exc:
        return None, [f"{table} #{index + 1} › {line}" for line in render_validation_error(exc)]


def shown(lines: list[str], more: int = 0) -> list[str]:
    """The first few ``lines``, then how many more there were (``more`` not kept)."""
    if len(lines) + more <= MAX_ERRORS_SHOWN:
        return lines
    count = len(lines) + more - MAX_ERRORS_SHOWN
    return [*lines[:MAX_ERRORS_SHOWN], _("... and {count} more problems").format(count=count)]


def check_file(store: Repository, path: Path) -> tuple[m.Group, list[str], list[str]]:
    """First pass over the file: its group, what keeps it from being imported, and the order
    of its lists. A file that is not a valid export raises ``InvalidInputError`` (as
    ``exchange.validate_document`` does for a document held whole)."""
    tables = set(record_tables())
    header: dict[str, Any] = {}
    invalid: list[str] = []
    more = 0
    check: ImportCheck | None = None
    group_seen = False
    postponed: list[tuple[str, m.Record]] = []  # records before the group (not as exported)
    order: list[str] = []
    for key, index, value in _stream(path, tables):
        if index is None:
            if key in tables and value != []:
                invalid.append(f"{field_label(key)}: {_('must be a list')}")
            elif key not in tables:
                header[key] = value
            if key == "group":
                group_seen = True
                check = _start_check(store, value, postponed)
            continue
        if not order or order[-1] != key:
            order.append(key)
        record, lines = _validated(key, index, value)
        if lines:
            kept = lines[: max(0, MAX_ERRORS_SHOWN + 1 - len(invalid))]
            invalid += kept
            more += len(lines) - len(kept)
        if record is None or invalid:
            continue
        if check is not None:
            check.add(key, record)
        elif not group_seen:
            postponed.append((key, record))
    check_format(header)
    try:
        group = DocumentBase.model_validate(header).group
    except ValidationError as exc:
        invalid = located_errors(exc) + invalid
        group = None
    if invalid or group is None or check is None:
        raise InvalidInputError(shown(invalid, more))
    if store.has_group(group.id):
        already = _("This database already has the group {name} ({id}).")
        return group, [already.format(name=group.name, id=group.id[:8])], order
    return group, check.finish(), order


def _start_check(store: Repository, group: Any, postponed: list) -> ImportCheck | None:
    try:
        check = ImportCheck(store, m.Group.model_validate(group))
    except ValidationError:
        return None  # the header's check says what is wrong
    for table, record in postponed:
        check.add(table, record)
    postponed.clear()
    return check


def _records(path: Path, order: list[str]) -> Iterator[m.Record]:
    """Second pass: every record again, in an order the foreign keys accept, in one read.

    ``order`` is the file's lists as the first pass met them. A record whose parents' lists
    (the lists its foreign keys point into) come later in the file (an export writes tasks
    before sessions) waits until the last of them has been read; records that wait are
    written parents first. Only those wait: the turns and marks, most of a large file, come
    after their sessions and go straight through.
    """
    parents = _parents()
    depth = {name: _depth(name, parents) for name in order}
    position = {name: i for i, name in enumerate(order)}
    ready_after = {
        name: max((position[p] for p in parents[name] if p in position), default=-1)
        for name in order
    }
    waiting: dict[int, list[tuple[int, m.Record]]] = {}
    read_up_to, current = -1, None
    for key, index, value in _stream(path, set(order)):
        if index is None:
            continue
        if key != current:
            if current is not None:
                read_up_to = position[current]
                yield from _ready(waiting, read_up_to)
            current = key
        record = record_tables()[key].model_validate(value)
        if ready_after[key] <= read_up_to:
            yield record
        else:
            waiting.setdefault(ready_after[key], []).append((depth[key], record))
    yield from _ready(waiting, len(order))


def _parents() -> dict[str, set[str]]:
    """The lists each list's records point into (its foreign keys; ``REFERENCES``)."""
    return {
        name: {t for f in cls.model_fields if f in REFERENCES for t in REFERENCES[f]} - {"groups"}
        for name, cls in record_tables().items()
    }


def _depth(name: str, parents: dict[str, set[str]]) -> int:
    """How far ``name`` is from the group: 0 for a list that points only at the group."""
    return 1 + max((_depth(p, parents) for p in parents[name] if p != name), default=-1)


def _ready(waiting: dict[int, list[tuple[int, m.Record]]], read_up_to: int) -> Iterator[m.Record]:
    """The waiting records whose parents have all been read, parents first."""
    due = [item for at in sorted(waiting) if at <= read_up_to for item in waiting.pop(at)]
    for _tier, record in sorted(due, key=lambda item: item[0]):
        yield record


def import_file(store: Repository, path: Path | str) -> m.Group:
    """Read, check and import an export file, streaming it (``InvalidInputError`` leaves
    ``store`` as it was)."""
    path = input_file(path)
    size = path.stat().st_size
    if size > export_format.MAX_IMPORT_BYTES:
        raise InvalidInputError([too_big(size)])
    group, problems, order = check_file(store, path)
    if problems:
        raise InvalidInputError([*problems, _("Nothing was imported.")])
    return imports.write_group(store, group, _records(path, order))
