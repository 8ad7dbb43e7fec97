"""What every record is built on: the base classes, the id, the clock and the text types.

``groupwork.models`` re-exports the names callers use (``models.Record``, ``models.Name``,
``models.utc_now``, ``models.new_id``), so they keep importing from there.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from groupwork.i18n import _

FACILITATOR = "facilitator"
"""The actor id used for the facilitator's own turns in participation events."""

STAGE_NUMBERS = range(1, 13)

# Clean text. A control character (ESC, other C0/C1 codes) typed or imported would reach the
# terminal as an escape sequence and crash the docx writer; a lone surrogate cannot be stored;
# a direction override (U+202A-E, U+2066-9) makes a name or title display as something else.
# Newline and tab are text in notes; names and titles are one line.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Any character the loop below could object to: one C-level search answers "clean" for
# almost every text (each stored record's text is checked again when it is read, thousands a
# screen), and only a text it finds something in is walked for the message.
_SUSPECT = re.compile("[\ud800-\udfff\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text_error(text: str, *, lines: bool, bidi: bool) -> str | None:
    """What makes ``text`` unclean (translated), or None when it is clean."""
    if _SUSPECT.search(text) is None:
        return None
    for ch in text:
        code = ord(ch)
        if 0xD800 <= code <= 0xDFFF:
            return _("holds a broken character (a lone surrogate, U+{code:04X})").format(code=code)
        if (code < 0x20 or 0x7F <= code <= 0x9F) and not (lines and ch in "\n\t"):
            return _("holds a control character (U+{code:04X}); remove it").format(code=code)
        if not bidi and ch in _BIDI_CONTROLS:
            return _(
                "holds a direction override (U+{code:04X}) that can disguise the text; remove it"
            ).format(code=code)
    return None


def clean_line(text: str) -> str:
    """A name or title: one line, no control characters, no direction overrides."""
    problem = clean_text_error(text, lines=False, bidi=False)
    if problem:
        raise ValueError(problem)
    return text


def clean_short(text: str) -> str:
    """A short text: newline and tab allowed, nothing else invisible, no direction overrides."""
    problem = clean_text_error(text, lines=True, bidi=False)
    if problem:
        raise ValueError(problem)
    return text


def clean_long(text: str) -> str:
    """Notes and other long text: Windows line ends become newlines; newline and tab allowed."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    problem = clean_text_error(text, lines=True, bidi=True)
    if problem:
        raise ValueError(problem)
    return text


# Lengths keep one careless paste (or a hostile import) from filling the disk.
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(clean_line),
]
Title = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500),
    AfterValidator(clean_line),
]
"""The title of a goal or task: one line, like a name."""
ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=500), AfterValidator(clean_short)
]
LongText = Annotated[str, StringConstraints(max_length=100_000), AfterValidator(clean_long)]
# An id is looked up and shown like a name: no control characters, no direction overrides.
Identifier = Annotated[
    str, StringConstraints(min_length=1, max_length=64), AfterValidator(clean_line)
]


def new_id() -> str:
    """A fresh record id that will not collide with another database's ids."""
    return uuid.uuid4().hex


def utc_now() -> datetime:
    """Now, as an aware UTC datetime (what the store writes)."""
    return datetime.now(UTC)


class Record(BaseModel):
    """Base for every stored record."""

    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, str_strip_whitespace=False, frozen=False
    )

    id: Identifier = Field(default_factory=new_id)
    """Unique across databases, so groups from two facilitators can be merged."""


class GroupRecord(Record):
    """A record that belongs to one group."""

    group_id: Identifier


def as_utc(moment: date | datetime) -> date | datetime:
    """``moment`` with a zone: a time typed without one is taken as UTC (what the store
    writes), so a naive and an aware time can be compared instead of raising TypeError."""
    if isinstance(moment, datetime) and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def check_order(start: date | datetime | None, end: date | datetime | None, message: str) -> None:
    """Raise ``ValueError(message)`` (already translated) when ``end`` is before ``start``;
    a missing end or start is never out of order."""
    if start is not None and end is not None and as_utc(end) < as_utc(start):
        raise ValueError(message)
