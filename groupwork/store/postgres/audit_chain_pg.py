"""The server's audit log: its entries, and its side of the audit chain
(``store/audit_chain.py``): its rows, its head, and one entry's hash. Mixed into ``PgStore``."""

from __future__ import annotations

from typing import Any

from groupwork.errors import NotYoursError
from groupwork.i18n import _
from groupwork.store.audit import AuditEntry

CHAIN_ROWS = (
    "select id, at, actor, table_name, record_id, group_id, action, columns, previous_hash, "
    "hash from public.audit_log order by id"
)


class PgAuditChain:
    """Mixed into ``PgStore``: reading the audit log and its hash chain."""

    def _run(self, sql: str, params: Any = None) -> Any:  # pragma: no cover - PgStore's
        raise NotImplementedError

    def audit_chain_rows(self) -> list[dict[str, Any]]:
        """Every audit entry with its hashes, oldest first. Only a login that reads the whole
        log may check it (an admin, the owner): a facilitator's own groups' entries would look
        like a chain with holes."""
        row = self._run(
            "select to_regclass('agency.group_facilitators') is null "
            "or pg_has_role(current_user, 'groupwork_admins', 'MEMBER') "
            "or pg_has_role(current_user, c.relowner, 'MEMBER') as whole "
            "from pg_class c where c.oid = 'public.audit_log'::regclass"
        ).fetchone()
        if not row["whole"]:
            raise NotYoursError(
                _(
                    "Only the agency's administrators read the whole audit log, so only they "
                    "can check it; nothing was checked."
                )
            )
        return self._run(CHAIN_ROWS).fetchall()

    def audit_chain_head(self) -> tuple[int, str] | None:
        """The newest entry's id and hash (None while the log is empty), for any login."""
        row = self._run("select entry_id, hash from public.groupwork_audit_head()").fetchone()
        if row is None or row["entry_id"] is None:
            return None
        return row["entry_id"], row["hash"]

    def audit_hash_at(self, entry_id: int) -> str | None:
        """The hash the server holds now for entry ``entry_id`` (None: no such entry)."""
        row = self._run("select public.groupwork_audit_hash_at(%s) as h", [entry_id]).fetchone()
        return row["h"]

    def audit_owners(self, group_id: str) -> dict[str, str]:
        """The member each of the group's assessments and consents is about (record id -> id)."""
        return {
            row["id"]: row["member_id"]
            for table in ("assessments", "consents")
            for row in self._run(
                f"select id, member_id from {table} where group_id = %s", [group_id]
            )
        }

    def audit_entries(self, group_id: str | None = None) -> list[AuditEntry]:
        """The audit log, oldest first (of one group when ``group_id`` is given)."""
        sql = (
            "select id, at, actor, table_name, record_id, group_id, action, columns from audit_log"
        )
        params: list[str] = []
        if group_id is not None:
            sql += " where group_id = %s"
            params.append(group_id)
        return [
            AuditEntry(
                r["id"],
                r["at"],
                r["actor"],
                r["table_name"],
                r["record_id"],
                r["group_id"],
                r["action"],
                tuple(filter(None, r["columns"].split(","))),
            )
            for r in self._run(sql + " order by id", params)
        ]
