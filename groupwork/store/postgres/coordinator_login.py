"""What a coordinator login may write through the app: a task's status, nothing else.

A coordinator login reads the ``coordinator`` views (``agency.read_through_views`` puts them
first on its search path), which carry no real names; the server lets it update only the task
columns in ``COORDINATOR_MAY_UPDATE``. The store's usual write sends every column, so for such a
login it sends only those, and anything else gets a clear refusal before the server's.
"""

from __future__ import annotations

from typing import Any

from groupwork import models as m
from groupwork.errors import NotYoursError
from groupwork.i18n import _
from groupwork.store.converters import table_name
from groupwork.store.postgres.agency import COORDINATOR_MAY_UPDATE
from groupwork.store.postgres.dialect import quoted


def with_stand_ins(model_cls: type[m.Record], rows: list[dict]) -> list[dict]:
    """``rows`` read through a coordinator view, with what the view leaves out and the model
    needs filled by something that names no one: the pseudonym for a member's real name (the
    app shows it wherever it would show the name), a placeholder for a cancelled session's
    reason (the reason may tell who was ill or in trouble). Rows from a table pass unchanged."""
    if not rows:
        return rows
    if model_cls is m.Member and "real_name" not in rows[0]:
        return [{**r, "real_name": r["pseudonym"]} for r in rows]
    if model_cls is m.Session and "cancel_reason" not in rows[0]:
        hidden = _("(the reason is not shown to the coordinator)")
        return [
            {**r, "cancel_reason": hidden if r["status"] == m.SessionStatus.CANCELLED else ""}
            for r in rows
        ]
    return rows


class CoordinatorWrites:
    """Mixed into ``PgStore``: writes of a login that reads through the coordinator views."""

    def _run(self, sql: str, params: Any = None) -> Any:  # pragma: no cover - PgStore's
        raise NotImplementedError

    def _atomic(self) -> Any:  # pragma: no cover - PgStore's
        raise NotImplementedError

    def _put_through_views(self, record: m.Record, row: dict[str, Any], table: str) -> None:
        """A coordinator login writes only what its views let it: a task's status."""
        allowed = COORDINATOR_MAY_UPDATE.get(table_name(type(record)), "")
        names = [n.strip() for n in allowed.split(",") if n.strip()]
        updated = 0
        if names:
            sets = ", ".join(f"{quoted(n)} = %s" for n in names)
            with self._atomic():
                updated = self._run(
                    f"update {table} set {sets} where id = %s",
                    [*(row[n] for n in names), record.id],
                ).rowcount
        if not updated:
            raise NotYoursError(
                _(
                    "A coordinator reads every group and may change a task's status, nothing "
                    "else; nothing was changed."
                )
            )
