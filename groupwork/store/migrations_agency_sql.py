"""SQLite migrations of the agency-sql work (issue 18): the audit chain's shape on a laptop.

The agency server chains each audit entry to the one before it by a hash (PostgreSQL's
p011); a laptop keeps the head of that chain it last saw, per agency database, and checks at
each push and pull that the server still holds it (``store/audit_chain.py``). SQLite's own
audit log gets the column too, so both engines keep the same tables; it stays empty here.
"""

from __future__ import annotations

from sqlite_utils import Database

from groupwork.store.schema_initial import MIGRATIONS


@MIGRATIONS()
def m102_audit_chain(db: Database) -> None:
    # The audit log is append-only (its triggers refuse UPDATE and DELETE); adding a column
    # rewrites no row.
    db.execute("ALTER TABLE audit_log ADD COLUMN previous_hash TEXT")
    db.execute("ALTER TABLE audit_log ADD COLUMN hash TEXT")
    db["sync_audit_heads"].create(
        {"remote": str, "entry_id": int, "hash": str, "seen_at": str},
        pk="remote",
        not_null={"entry_id", "hash", "seen_at"},
    )
