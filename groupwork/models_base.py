"""What every record is built on: the base classes, the id, the clock and the text types.

``groupwork.models`` re-exports all of it (``models.Record``, ``models.Name``,
``models.utc_now``), so callers keep importing from there.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

FACILITATOR = "facilitator"
"""The actor id used for the facilitator's own turns in participation events."""

STAGE_NUMBERS = range(1, 13)

# Lengths keep one careless paste (or a hostile import) from filling the disk.
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
LongText = Annotated[str, StringConstraints(max_length=100_000)]
Identifier = Annotated[str, StringConstraints(min_length=1, max_length=64)]


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
