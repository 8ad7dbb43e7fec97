"""The local record of the last push or pull: one hash per record, per agency database.

Only a SQLite laptop database keeps it (``groupwork/operations/sync.py``); the SQL stays here.
"""

from __future__ import annotations

from typing import Any

Key = tuple[str, str]
"""(table name, record id)."""


def read_base(store: Any, remote: str, group_id: str) -> dict[Key, str]:
    """The hashes recorded for ``group_id`` at the last sync with ``remote``."""
    rows = store.db["sync_records"].rows_where("remote = ? and group_id = ?", [remote, group_id])
    return {(r["table_name"], r["record_id"]): r["hash"] for r in rows}


def write_base(store: Any, remote: str, group_id: str, base: dict[Key, str]) -> None:
    """Replace the recorded hashes for ``group_id`` and ``remote`` with ``base`` (one commit)."""
    with store.transaction():
        store.db["sync_records"].delete_where("remote = ? and group_id = ?", [remote, group_id])
        store.db["sync_records"].insert_all(
            {"remote": remote, "table_name": t, "record_id": i, "group_id": group_id, "hash": h}
            for (t, i), h in base.items()
        )
