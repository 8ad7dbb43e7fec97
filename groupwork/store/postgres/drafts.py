"""Form drafts (``store/drafts.py``) on PostgreSQL: the same rows, written the same moment."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from groupwork.store.drafts import Draft


class PgFormDrafts:
    """The drafts table of an agency database (``run`` executes through ``PgStore._run``)."""

    def __init__(self, run) -> None:
        self._run = run

    def keep(self, key: str, group_id: str | None, values: dict[str, Any]) -> None:
        """Write (or overwrite) the draft of form ``key``; committed at once."""
        self._run(
            "insert into form_drafts (key, group_id, form_values, saved_at) "
            "values (%s, %s, %s, %s) on conflict (key) do update set "
            "group_id = excluded.group_id, form_values = excluded.form_values, "
            "saved_at = excluded.saved_at",
            [
                key,
                group_id,
                json.dumps(values, ensure_ascii=False, default=str),
                datetime.now().astimezone().isoformat(timespec="seconds"),
            ],
        )

    def get(self, key: str) -> Draft | None:
        """The draft of form ``key``, or None."""
        row = self._run(
            "select form_values, saved_at from form_drafts where key = %s", [key]
        ).fetchone()
        if row is None:
            return None
        return Draft(json.loads(row["form_values"]), datetime.fromisoformat(row["saved_at"]))

    def clear(self, key: str) -> None:
        """Forget the draft of form ``key``."""
        self._run("delete from form_drafts where key = %s", [key])

    def clear_group(self, group_id: str) -> None:
        """Forget every draft of a group (its data is being erased)."""
        self._run("delete from form_drafts where group_id = %s", [group_id])

    def keep_if_free(self, key: str, group_id: str | None, values: dict[str, Any]) -> bool:
        """``keep`` (a server has no file-wide write lock for a draft to wait behind)."""
        self.keep(key, group_id, values)
        return True

    def clear_if_free(self, key: str) -> bool:
        """``clear`` (see ``keep_if_free``)."""
        self.clear(key)
        return True
