"""Drafts of forms being filled in: written as the person types, cleared on save or discard.

A draft is the form's raw values (text as typed, before validation) as JSON, keyed by the form
(e.g. ``"<group>:rules:new"``), so a form opened again after a crash can offer them back.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from groupwork.store.database import waiting_at_most

TABLE = "form_drafts"

BRIEF_WAIT_MS = 50
"""How long a draft's write waits for another process's write lock before it is left for the
next change (a keystroke never waits for an import in another window)."""


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

    def keep_if_free(self, key: str, group_id: str | None, values: dict[str, Any]) -> bool:
        """``keep``, unless another process holds the write lock past a brief wait: then
        nothing is written and False comes back (the next change writes the draft again)."""
        return self._briefly(lambda: self.keep(key, group_id, values))

    def clear_if_free(self, key: str) -> bool:
        """``clear``, unless the write lock stays busy past a brief wait (False)."""
        return self._briefly(lambda: self.clear(key))

    def _briefly(self, write: Callable[[], None]) -> bool:
        conn = self.db.conn
        try:
            with waiting_at_most(conn, BRIEF_WAIT_MS):
                write()
        except conn.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            return False
        return True
