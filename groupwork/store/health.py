"""Checking a database's health on demand: the full checks read every page, so they run on
backup and on ``groupwork check`` rather than on every open (see ``Store.open``)."""

from __future__ import annotations

from typing import Any

from groupwork.store.database import foreign_key_problems, quick_check


class HealthChecks:
    """Quick checks, foreign keys and planner statistics (mixed into ``Store``; the full
    integrity check is ``SafekeepingMixin.integrity_problems``)."""

    db: Any

    def _checked(self, check) -> list[str]:
        # Badly damaged pages make SQLite stop with "malformed" instead of listing problems.
        try:
            return check(self.db)
        except self.db.conn.DatabaseError as exc:
            return [str(exc)]

    def quick_problems(self) -> list[str]:
        """What ``PRAGMA quick_check`` finds (empty when the pages and records are sound)."""
        return self._checked(quick_check)

    def foreign_key_problems(self) -> list[str]:
        """Rows whose foreign key points at nothing (empty when every link holds)."""
        return foreign_key_problems(self.db)

    def analyze(self) -> None:
        """Refresh the query planner's statistics in full (after a large load)."""
        self.db.conn.execute("ANALYZE")
