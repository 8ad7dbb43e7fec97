"""Moving one group between databases: a versioned JSON export that round-trips without loss.

The format is documented in docs/export-format.md. In short: one JSON object with
``"format": "groupwork-export"``, ``"version": 1``, the ``group`` and, for every other stored
table (``groupwork.store.converters.TABLES``), a list of that group's records under the
table's name. Records are the models' own JSON form (task assignees inside each task).

Import is all-or-nothing: the whole document is checked first (JSON, format, version, every
field, duplicate ids, references that point outside the file, ids already in the database,
and the domain's rules through ``groupwork.operations.imports``), then written in one
transaction. Any problem raises ``InvalidInputError`` and changes nothing.

The file holds real names and notes: ``write_export`` creates it readable by its owner only.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from groupwork import __version__
from groupwork import models as m
from groupwork.errors import InvalidInputError, NotYoursError, render_validation_error
from groupwork.files import write_atomically
from groupwork.i18n import N_, _
from groupwork.operations import imports
from groupwork.store import Repository
from groupwork.store.converters import TABLES

FORMAT = "groupwork-export"
VERSION = 1
SUPPORTED_VERSIONS = (1,)
MAX_IMPORT_BYTES = 64 * 1024 * 1024
"""Larger files are refused before they are read (a real group is a few megabytes)."""
MAX_ERRORS_SHOWN = 8

# Which table an id field points into. Fields not listed are not checked here (the database's
# foreign keys still guard them, so a bad one still rolls the whole import back).
REFERENCES: dict[str, tuple[str, ...]] = {
    "group_id": ("groups",),
    "member_id": ("members",),
    "proposed_by_member_id": ("members",),
    "member_coordinator_id": ("members",),
    "session_id": ("sessions",),
    "agreed_session_id": ("sessions",),
    "done_session_id": ("sessions",),
    "goal_id": ("goals",),
    "scale_id": ("rating_scales",),
    "issue_ids": ("group_issues",),
    "actor_id": ("members",),
    "responds_to_id": ("members",),
    "assignee_ids": ("members",),
}
_FACILITATOR_ALLOWED = {"actor_id", "responds_to_id", "assignee_ids"}
"""Fields that may also hold ``FACILITATOR`` instead of a member id."""

# Insert order so that every foreign key points at a row already written.
_FIRST = {m.Group: 0, m.Member: 1, m.Session: 2, m.GroupIssue: 2, m.RatingScale: 2, m.Goal: 3}


LOCAL_TABLES = frozenset({m.SharedFile})
"""Kept on this computer, never exported: the register of files it wrote (paths that mean
nothing elsewhere)."""


def _record_tables() -> dict[str, type[m.Record]]:
    """Every table except groups and ``LOCAL_TABLES``, by name (the document's list fields)."""
    return {
        name: cls for cls, name in TABLES.items() if cls is not m.Group and cls not in LOCAL_TABLES
    }


class _DocumentBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["groupwork-export"] = FORMAT
    version: Literal[1] = VERSION
    exported_at: datetime = Field(default_factory=m.utc_now)
    generator: str = Field(default=f"groupwork {__version__}", max_length=200)
    group: m.Group


@cache
def _document_model() -> type[_DocumentBase]:
    # Built from TABLES so a table added later is exported without touching this module.
    fields: dict[str, Any] = {
        name: (list[cls], Field(default_factory=list)) for name, cls in _record_tables().items()
    }
    return create_model(
        "ExportDocument",
        __base__=_DocumentBase,
        __doc__="One group and every record that belongs to it (format version 1).",
        **fields,
    )


ExportDocument = _document_model()
"""The pydantic model of an export document (extra fields are refused)."""


# --- export -------------------------------------------------------------------------------


def export_group(store: Repository, group_id: str) -> _DocumentBase:
    """Every record of one group, as an ``ExportDocument``."""
    if getattr(store, "views_only", False):  # a coordinator login (store/postgres/agency.py)
        # Through the views the file would hold pseudonyms as real names and no consents.
        raise NotYoursError(
            _(
                "A coordinator reads pseudonyms and figures and exports no group: an export "
                "is a whole group's records, for its facilitator. Nothing was written."
            )
        )
    group = store.get(m.Group, group_id)
    lists = {name: store.records_of_group(cls, group_id) for name, cls in _record_tables().items()}
    return ExportDocument(group=group, **lists)


def write_export(
    store: Repository,
    group_id: str,
    path: Path | str,
    *,
    agency: str | None = None,
    pseudonymise: bool = False,
    undecided: list | None = None,
) -> Path:
    """Write the group's export to ``path`` (owner-only permissions, replaced atomically).

    ``undecided``, if given, receives the occurrences of a pseudonymised member's name left as
    written because they may be the ordinary word (``(table, record id, field, Spot)``).

    ``agency``/``pseudonymise`` gate real names by consent (``groupwork.consent.gate_export``):
    an export for an agency refuses members whose consent does not reach it, unless
    pseudonymised.
    """
    from groupwork.consent import gate_export

    path = Path(path)
    document = gate_export(store, export_group(store, group_id), agency, pseudonymise, undecided)
    text = document.model_dump_json(indent=1)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Owner-only, and whole or not at all (a full disk keeps the earlier export).
    written = write_atomically(path, text, private=True)
    from groupwork.safety.shared_files import note_written

    # Erasing a member later lists this copy: it is beyond the database's reach.
    note_written(store, [group_id], written, "export", real_names=not pseudonymise)
    return written


# --- reading --------------------------------------------------------------------------------


def read_export(path: Path | str) -> _DocumentBase:
    """Read and validate an export file; ``InvalidInputError`` says what is wrong."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise InvalidInputError([_too_big(size)])
        with path.open("rb") as fh:
            data = fh.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError:
        raise InvalidInputError([_("The file {path} does not exist.").format(path=path)]) from None
    except IsADirectoryError:
        raise InvalidInputError([_("{path} is a folder, not a file.").format(path=path)]) from None
    return parse_export(data)


def _too_big(size: int) -> str:
    return _("The file is too large to import ({size} MB; at most {limit} MB).").format(
        size=round(size / 1_048_576, 1), limit=MAX_IMPORT_BYTES // 1_048_576
    )


def parse_export(data: bytes | str) -> _DocumentBase:
    """Validate an export document given as JSON text."""
    if len(data) > MAX_IMPORT_BYTES:
        raise InvalidInputError([_too_big(len(data))])
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise InvalidInputError([_("The file is not UTF-8 text.")]) from None
    try:
        raw = json.loads(text, parse_int=_bounded_int)
    except _NumberTooLong as exc:
        raise InvalidInputError(
            [
                _(
                    "The file holds a number with {digits} digits; no field of an export holds "
                    "a number that long."
                ).format(digits=exc.digits)
            ]
        ) from None
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            [
                _("The file is not valid JSON (line {line}, column {column}: {error}).").format(
                    line=exc.lineno, column=exc.colno, error=_json_problem(exc.msg)
                )
            ]
        ) from None
    except RecursionError:
        raise InvalidInputError([_("The file is nested too deeply to be an export.")]) from None
    return validate_document(raw)


MAX_INT_DIGITS = 18
"""The longest whole number an export can hold (every numeric field is small; SQLite's
integers end at 19 digits). Longer ones are refused as such, before Python's own limit on
turning long digit strings into numbers (4,300 digits) answers with an obscure error."""


class _NumberTooLong(ValueError):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def _bounded_int(digits: str) -> int:
    count = len(digits.lstrip("-"))
    if count > MAX_INT_DIGITS:
        raise _NumberTooLong(count)
    return int(digits)


# What Python's JSON reader says (English only), in words that are translated.
_JSON_PROBLEMS = {
    "Expecting value": N_("a value is missing"),
    "Expecting ',' delimiter": N_("a comma is missing"),
    "Expecting ':' delimiter": N_("a colon is missing"),
    "Expecting property name enclosed in double quotes": N_(
        "a field name in double quotes is missing"
    ),
    "Unterminated string starting at": N_("a text is not closed with a double quote"),
    "Extra data": N_("something follows the end of the data"),
    "Invalid control character at": N_("a text holds a control character"),
    "Invalid \\escape": N_("a backslash escape is not valid"),
}


def _json_problem(message: str) -> str:
    for english, words in _JSON_PROBLEMS.items():
        if message.startswith(english):
            return _(words)
    return message


def validate_document(raw: Any) -> _DocumentBase:
    """Check format and version first (clear messages), then every field."""
    if not isinstance(raw, dict):
        raise InvalidInputError([_("The file is not a groupwork export (no JSON object).")])
    if raw.get("format") != FORMAT:
        raise InvalidInputError(
            [
                _('The file is not a groupwork export (its "format" is not {expected}).').format(
                    expected=FORMAT
                )
            ]
        )
    if "version" not in raw:
        raise InvalidInputError([_("The export has no version number.")])
    version = raw["version"]
    if isinstance(version, bool) or version not in SUPPORTED_VERSIONS:
        raise InvalidInputError(
            [
                _(
                    "Export version {version} cannot be read; this groupwork reads version {supported}."
                ).format(
                    version=json.dumps(version)[:20],
                    supported=", ".join(map(str, SUPPORTED_VERSIONS)),
                )
            ]
        )
    try:
        return ExportDocument.model_validate(raw)
    except ValidationError as exc:
        raise InvalidInputError(_limit(_located_errors(exc))) from None
    except RecursionError:
        raise InvalidInputError([_("The file is nested too deeply to be an export.")]) from None


def _located_errors(exc: ValidationError) -> list[str]:
    """Validation errors with the record's place in the file ("members #3 › Real name: ...")."""
    lines = render_validation_error(exc)
    located = []
    for line, error in zip(lines, exc.errors(include_url=False), strict=False):
        loc = error.get("loc", ())
        if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
            line = f"{loc[0]} #{loc[1] + 1} › {line.split(' › ', 1)[-1]}"
        located.append(line)
    return located


def _limit(lines: list[str]) -> list[str]:
    if len(lines) <= MAX_ERRORS_SHOWN:
        return lines
    more = len(lines) - MAX_ERRORS_SHOWN
    return [*lines[:MAX_ERRORS_SHOWN], _("... and {count} more problems").format(count=more)]


# --- import ---------------------------------------------------------------------------------


def _lists(doc: _DocumentBase) -> Iterator[tuple[str, type[m.Record], list[m.Record]]]:
    for name, cls in _record_tables().items():
        yield name, cls, getattr(doc, name)


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


def check_document(store: Repository, doc: _DocumentBase) -> list[str]:
    """Everything that keeps ``doc`` from being imported into ``store`` (empty when fine)."""
    if store.has_group(doc.group.id):
        # Everything else in the file would collide too; one line says it all.
        return [
            _("This database already has the group {name} ({id}).").format(
                name=doc.group.name, id=doc.group.id[:8]
            )
        ]
    problems: list[str] = []
    ids: dict[str, set[str]] = {"groups": {doc.group.id}}
    for name, _cls, records in _lists(doc):
        seen: set[str] = set()
        for record in records:
            if record.id in seen:
                problems.append(
                    _("{table}: the id {id} appears more than once.").format(
                        table=name, id=record.id
                    )
                )
            seen.add(record.id)
        ids[name] = seen
    for name, cls, records in _lists(doc):
        for record in records:
            for field, ref in _references(record.model_dump(mode="json")):
                if field in _FACILITATOR_ALLOWED and ref == m.FACILITATOR:
                    continue
                if any(ref in ids.get(table, ()) for table in REFERENCES[field]):
                    continue
                problems.append(
                    _("{table} {id}: {field} points to {ref}, which is not in the file.").format(
                        table=name, id=record.id[:12], field=field, ref=ref[:40]
                    )
                )
        taken = store.existing_ids(cls, [r.id for r in records])
        if taken:
            problems.append(
                _("{table}: {count} records have ids already in this database (e.g. {id}).").format(
                    table=name, count=len(taken), id=min(taken)
                )
            )
    # The rules every other door applies (a decision's reason, a rule's dates, a task's done
    # date, no turns in a cancelled session): the same functions the operations call.
    return problems + imports.record_problems((name, records) for name, _c, records in _lists(doc))


def import_document(store: Repository, doc: _DocumentBase) -> m.Group:
    """Write an export document into ``store``, all or nothing; returns the imported group."""
    problems = check_document(store, doc)
    if problems:
        raise InvalidInputError(_limit([*problems, _("Nothing was imported.")]))
    ordered = sorted(_lists(doc), key=lambda item: _FIRST.get(item[1], 4))
    return imports.write_group(store, doc.group, (r for *_t, records in ordered for r in records))


def import_file(store: Repository, path: Path | str) -> m.Group:
    """Read, check and import an export file (``InvalidInputError`` leaves ``store`` as it was)."""
    return import_document(store, read_export(path))


__all__ = [
    "ExportDocument",
    "FORMAT",
    "MAX_IMPORT_BYTES",
    "VERSION",
    "check_document",
    "export_group",
    "import_document",
    "import_file",
    "parse_export",
    "read_export",
    "write_export",
]
