"""A person's decision about one undecided occurrence of a name (``privacy.positions``).

Kept per occurrence: the record and field it is in, the word, the text right around it and
its position, so it holds when the text is edited elsewhere, and travels with the group in
exports. ``models.py`` re-exports it, so callers keep importing from there.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from groupwork.models_base import GroupRecord, Name, ShortText, utc_now


class NameDecision(GroupRecord):
    """Whether one occurrence of a person's name that is also an ordinary word is the name
    (replaced in every shared output) or the word (kept), as a person decided."""

    record_id: str = Field(max_length=100)
    """The record the occurrence is in."""
    field: ShortText
    """The field of that record ("notes", "narrative")."""
    word: Name
    """The word as compared (folded)."""
    before: str = Field(default="", max_length=200)
    """The text right before it (``privacy.names.AROUND`` characters)."""
    after: str = Field(default="", max_length=200)
    """The text right after it."""
    position: int = Field(default=0, ge=0)
    """Where it started in the field's text when decided (tells apart identical places)."""
    answer: Literal["name", "word"]
    decided_at: datetime = Field(default_factory=utc_now)
