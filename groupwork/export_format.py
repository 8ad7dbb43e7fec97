"""The export file's form: its format and version, the document model, which fields point
at which tables, and the words for what is wrong with a file.

Shared by ``groupwork.exchange`` (writing an export, and checking a document held whole) and
``groupwork.import_stream`` (reading a file record by record, so a large import does not hold
the whole file in memory). docs/export-format.md describes the format.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from groupwork import __version__
from groupwork import models as m
from groupwork.errors import InvalidInputError, render_validation_error
from groupwork.i18n import N_, _
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
FACILITATOR_ALLOWED = {"actor_id", "responds_to_id", "assignee_ids"}
"""Fields that may also hold ``FACILITATOR`` instead of a member id."""

# Insert order so that every foreign key points at a row already written.
INSERT_ORDER = {m.Group: 0, m.Member: 1, m.Session: 2, m.GroupIssue: 2, m.RatingScale: 2, m.Goal: 3}


LOCAL_TABLES = frozenset({m.SharedFile})
"""Kept on this computer, never exported: the register of files it wrote (paths that mean
nothing elsewhere)."""


def record_tables() -> dict[str, type[m.Record]]:
    """Every table except groups and ``LOCAL_TABLES``, by name (the document's list fields)."""
    return {
        name: cls for cls, name in TABLES.items() if cls is not m.Group and cls not in LOCAL_TABLES
    }


class DocumentBase(BaseModel):
    """The document's own fields (format, version, when, by what, the group), without the lists."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["groupwork-export"] = FORMAT
    version: Literal[1] = VERSION
    exported_at: datetime = Field(default_factory=m.utc_now)
    generator: str = Field(default=f"groupwork {__version__}", max_length=200)
    group: m.Group


@cache
def document_model() -> type[DocumentBase]:
    """The whole document's model: ``DocumentBase`` and one list per table."""
    # Built from TABLES so a table added later is exported without touching this module.
    fields: dict[str, Any] = {
        name: (list[cls], Field(default_factory=list)) for name, cls in record_tables().items()
    }
    return create_model(
        "ExportDocument",
        __base__=DocumentBase,
        __doc__="One group and every record that belongs to it (format version 1).",
        **fields,
    )


ExportDocument = document_model()
"""The pydantic model of an export document (extra fields are refused)."""


def too_big(size: int) -> str:
    """The line for a file of ``size`` bytes, over ``MAX_IMPORT_BYTES``."""
    return _("The file is too large to import ({size} MB; at most {limit} MB).").format(
        size=round(size / 1_048_576, 1), limit=MAX_IMPORT_BYTES // 1_048_576
    )


MAX_INT_DIGITS = 18
"""The longest whole number an export can hold (every numeric field is small; SQLite's
integers end at 19 digits). Longer ones are refused as such, before Python's own limit on
turning long digit strings into numbers (4,300 digits) answers with an obscure error."""


class NumberTooLong(ValueError):
    """A number in the file has more digits than any export field holds."""

    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def bounded_int(digits: str) -> int:
    """``json``'s ``parse_int``: the number, or ``NumberTooLong`` past ``MAX_INT_DIGITS``."""
    count = len(digits.lstrip("-"))
    if count > MAX_INT_DIGITS:
        raise NumberTooLong(count)
    return int(digits)


# What Python's JSON reader says (English only), in words that are translated.
JSON_PROBLEMS = {
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


def json_problem(message: str) -> str:
    """Python's JSON error ``message`` in translated words (as is when not known)."""
    for english, words in JSON_PROBLEMS.items():
        if message.startswith(english):
            return _(words)
    return message


def located_errors(exc: ValidationError) -> list[str]:
    """Validation errors with the record's place in the file ("members #3 › Real name: ...")."""
    lines = render_validation_error(exc)
    located = []
    for line, error in zip(lines, exc.errors(include_url=False), strict=False):
        loc = error.get("loc", ())
        if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
            line = f"{loc[0]} #{loc[1] + 1} › {line.split(' › ', 1)[-1]}"
        located.append(line)
    return located


def limit_problems(lines: list[str]) -> list[str]:
    """The first ``MAX_ERRORS_SHOWN`` lines, then how many more there were."""
    if len(lines) <= MAX_ERRORS_SHOWN:
        return lines
    more = len(lines) - MAX_ERRORS_SHOWN
    return [*lines[:MAX_ERRORS_SHOWN], _("... and {count} more problems").format(count=more)]


def load_json(data: bytes | str) -> Any:
    """The JSON value in ``data`` (at most ``MAX_IMPORT_BYTES``); else ``InvalidInputError``
    saying in the person's words what is wrong and where."""
    if len(data) > MAX_IMPORT_BYTES:
        raise InvalidInputError([too_big(len(data))])
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise InvalidInputError([_("The file is not UTF-8 text.")]) from None
    try:
        raw = json.loads(text, parse_int=bounded_int)
    except NumberTooLong as exc:
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
                    line=exc.lineno, column=exc.colno, error=json_problem(exc.msg)
                )
            ]
        ) from None
    except RecursionError:
        raise InvalidInputError([_("The file is nested too deeply to be an export.")]) from None
    return raw


def check_format(raw: dict) -> None:
    """Refuse a document whose "format" or "version" is not one this groupwork reads (said
    before any field, so a file that is no export says only that)."""
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
