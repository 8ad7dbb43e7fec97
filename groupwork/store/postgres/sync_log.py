"""The agency's record of each push and pull (``sync_log``), so an admin sees every laptop's
last sync. Row-level security decides who reads what: a facilitator only their own login's
rows, an admin all (``store/postgres/agency.py``)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SyncEntry:
    """One push or pull as the server recorded it."""

    laptop_id: str
    login: str
    group_id: str
    group_name: str
    direction: str
    at: datetime
    added: int
    changed: int
    erased: int
    conflicts: int
    failed: int


class PgSyncLog:
    """The ``sync_log`` table of an agency database (``run`` executes through ``PgStore._run``)."""

    def __init__(self, run) -> None:
        self._run = run

    def record(self, laptop_id: str, group_id: str, direction: str, counts: dict[str, int]) -> None:
        """Write one push or pull under the database login that made it; committed at once."""
        self._run(
            "insert into sync_log (id, laptop_id, login, group_id, direction, at, added, "
            "changed, erased, conflicts, failed) "
            "values (%s, %s, current_user, %s, %s, %s, %s, %s, %s, %s, %s)",
            [
                uuid.uuid4().hex,
                laptop_id,
                group_id,
                direction,
                datetime.now().astimezone().isoformat(timespec="seconds"),
                *(counts.get(k, 0) for k in ("added", "changed", "erased", "conflicts", "failed")),
            ],
        )

    def latest(self) -> list[SyncEntry]:
        """The last push or pull of each laptop, login and group this login may see, newest
        first. The group's name comes through the caller's own rights: a group the login
        no longer reads shows its id only."""
        rows = self._run(
            "select distinct on (l.laptop_id, l.login, l.group_id) l.*, g.name as group_name "
            "from sync_log l left join groups g on g.id = l.group_id "
            "order by l.laptop_id, l.login, l.group_id, l.at desc, l._seq desc"
        ).fetchall()
        entries = [
            SyncEntry(
                laptop_id=r["laptop_id"],
                login=r["login"],
                group_id=r["group_id"],
                group_name=r["group_name"] or r["group_id"][:8],
                direction=r["direction"],
                at=datetime.fromisoformat(r["at"]),
                added=r["added"] or 0,
                changed=r["changed"] or 0,
                erased=r["erased"] or 0,
                conflicts=r["conflicts"] or 0,
                failed=r["failed"] or 0,
            )
            for r in rows
        ]
        return sorted(entries, key=lambda e: e.at, reverse=True)
