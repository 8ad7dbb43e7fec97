"""Drafts of forms being filled in: written as the person types, cleared on save or discard.

A draft is the form's raw values (text as typed, before validation) as JSON, keyed by the form
(e.g. ``"<group>:rules:new"``), so a form opened again after a crash can offer them back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

TABLE = "form_drafts"


@dataclass(frozen=True)
class Draft:
    """The values typed into one form, and when they were last written."""

    values: dict[str, Any]
    saved_at: datetime


class FormDrafts:
    """The drafts table of one database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def keep(self, key: str, group_id: str | None, values: dict[str, Any]) -> None:
        """Write (or overwrite) the draft of form ``key``; committed at once."""
        row = {
            "key": key,
            "group_id": group_id,
            "form_values": json.dumps(values, ensure_ascii=False, default=str),
            "saved_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        # Autocommit connection: the draft is on disk when this returns.
        self.db[TABLE].upsert(row, pk="key")

    def get(self, key: str) -> Draft | None:
        """The draft of form ``key``, or None."""
        rows = list(self.db[TABLE].rows_where("key = ?", [key], limit=1))
        if not rows:
            return None
        row = rows[0]
        return Draft(json.loads(row["form_values"]), datetime.fromisoformat(row["saved_at"]))

    def clear(self, key: str) -> None:
        """Forget the draft of form ``key`` (saved, or discarded by the person)."""
        self.db[TABLE].delete_where("key = ?", [key])

    def clear_group(self, group_id: str) -> None:
        """Forget every draft of a group (its data is being erased)."""
        self.db[TABLE].delete_where("group_id = ?", [group_id])
