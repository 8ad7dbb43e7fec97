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


def synced_groups(store: Any, remote: str) -> list[str]:
    """The ids of the groups this laptop has synced with ``remote`` (a base is kept)."""
    rows = store.db.execute(
        "select distinct group_id from sync_records where remote = ? order by group_id", [remote]
    ).fetchall()
    return [row[0] for row in rows]


def write_base(store: Any, remote: str, group_id: str, base: dict[Key, str]) -> None:
    """Replace the recorded hashes for ``group_id`` and ``remote`` with ``base`` (one commit)."""
    with store.transaction():
        store.db["sync_records"].delete_where("remote = ? and group_id = ?", [remote, group_id])
        store.db["sync_records"].insert_all(
            {"remote": remote, "table_name": t, "record_id": i, "group_id": group_id, "hash": h}
            for (t, i), h in base.items()
        )


def set_base(store: Any, remote: str, group_id: str, key: Key, value: str | None) -> None:
    """Record (or, with None, forget) one record's hash in the base for ``remote``."""
    table = store.db["sync_records"]
    with store.transaction():
        table.delete_where("remote = ? and table_name = ? and record_id = ?", [remote, *key])
        if value is not None:
            table.insert(
                {
                    "remote": remote,
                    "table_name": key[0],
                    "record_id": key[1],
                    "group_id": group_id,
                    "hash": value,
                }
            )


def laptop_id(store: Any) -> str:
    """This database's stable id, made the first time it is asked for."""
    import uuid
    from datetime import datetime

    row = next(store.db["sync_laptop"].rows, None)
    if row is not None:
        return row["id"]
    new = uuid.uuid4().hex[:12]
    with store.transaction():
        store.db["sync_laptop"].insert(
            {"id": new, "created_at": datetime.now().astimezone().isoformat(timespec="seconds")}
        )
    return new


def keep_conflicts(store: Any, remote: str, group_id: str, conflicts: list[dict]) -> None:
    """Replace the conflicts kept for ``group_id`` and ``remote`` with those a sync just found
    (each: id, table_name, record_id, fields, mine, theirs, found_at)."""
    with store.transaction():
        store.db["sync_conflicts"].delete_where("remote = ? and group_id = ?", [remote, group_id])
        store.db["sync_conflicts"].insert_all(
            {**c, "remote": remote, "group_id": group_id} for c in conflicts
        )


def kept_conflicts(store: Any, group_id: str | None = None) -> list[dict]:
    """The conflicts kept on this laptop (of one group, or all), oldest first; none on a
    server database (it keeps no base of its own)."""
    if getattr(store, "db", None) is None:
        return []
    if group_id is None:
        return list(store.db["sync_conflicts"].rows_where(order_by="found_at, rowid"))
    return list(
        store.db["sync_conflicts"].rows_where(
            "group_id = ?", [group_id], order_by="found_at, rowid"
        )
    )


def kept_conflict(store: Any, conflict_id: str) -> dict | None:
    """One kept conflict by its id or a prefix of it (None when no single one matches)."""
    from groupwork.typed_input import id_prefix

    start = id_prefix(conflict_id)
    if start is None:  # not hex: no wildcard may stand for an id
        return None
    rows = list(
        store.db["sync_conflicts"].rows_where("substr(id, 1, ?) = ?", [len(start), start], limit=2)
    )
    return rows[0] if len(rows) == 1 else None


def drop_conflict(store: Any, conflict_id: str) -> None:
    """Forget a settled conflict."""
    with store.transaction():
        store.db["sync_conflicts"].delete_where("id = ?", [conflict_id])
