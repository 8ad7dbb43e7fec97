"""Field work offline: push a group from the laptop's SQLite file to the agency database, and
pull it back, without ever overwriting an edit silently.

Each record is compared on three hashes: the laptop's (L), the server's (R), and the one both
had at the last push or pull (B, kept on the laptop per server in ``sync_records``). Most
records have no ``updated_at``, so a hash of the whole record tells what changed:

- L == R: in step. L != B, R == B: changed (or new, or erased) here only: sent.
- L == B, R != B: changed there only: taken by the next pull, left alone by a push.
- L != B, R != B, L != R: both changed it: a **conflict**, listed with the fields that differ,
  and neither side is written; the base stays, so it is listed again until a person settles it.

A record gone from one side since the base is an erasure there (a tombstone): it is deleted on
the other side, unless that side changed it too (then a conflict). Each record is written and
committed on its own; one that fails (refused by the server, a reference that does not fit) is
reported with the reason and the rest go on.

Conflicts are also kept on the laptop with both versions (``sync_conflicts``) so a person can
list and settle them without the network (``operations/sync_settle.py``); each push and pull
is recorded on the server under the laptop's stable id (``sync_log``), for the admin.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime

from groupwork import models as m
from groupwork.errors import GroupworkError, NotFoundError, NotYoursError
from groupwork.i18n import _
from groupwork.store.converters import TABLES, table_name
from groupwork.store.sync_state import (
    Key,
    keep_conflicts,
    laptop_id,
    read_base,
    synced_groups,
    write_base,
)

# Members and sessions first: most records name one (a task, the session it was agreed in).
ORDER = [m.Member, m.Session, *[c for c in TABLES if c not in (m.Group, m.Member, m.Session)]]
"""Models in the order they may be written (a record's references come before it)."""


@dataclass
class Conflict:
    """A record both sides changed since the last sync: which, and the fields that differ."""

    table: str
    record_id: str
    fields: list[str]


@dataclass
class SyncReport:
    """What a push or pull did."""

    added: list[Key] = field(default_factory=list)
    changed: list[Key] = field(default_factory=list)
    erased: list[Key] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    failed: list[tuple[Key, str]] = field(default_factory=list)
    revoked: bool = False
    """The server no longer gives this login the group: the laptop's copy was erased."""
    unsent: list[Key] = field(default_factory=list)
    """Changes made on the laptop and never sent, erased with a revoked group's copy."""
    backups_deleted: int = 0
    """Backups groupwork had made of the laptop that still held a revoked group."""
    revoked_elsewhere: list[tuple[str, SyncReport]] = field(default_factory=list)
    """Other groups this login lost, found at this contact: (name, what was erased)."""


def conflict_id(remote: str, key: Key) -> str:
    """A conflict's short id, the same each time the same record conflicts with the same server."""
    return hashlib.sha256("|".join([remote, *key]).encode()).hexdigest()[:8]


def _hash(record: m.Record) -> str:
    return hashlib.sha256(record.model_dump_json().encode()).hexdigest()


def _records(store, group: m.Group) -> dict[Key, m.Record]:
    found: dict[Key, m.Record] = {("groups", group.id): group}
    for cls in ORDER:
        for record in store.records_of_group(cls, group.id):
            found[(table_name(cls), record.id)] = record
    return found


def _group_on(store, group_id: str) -> m.Group | None:
    try:
        return store.get(m.Group, group_id)
    except NotFoundError:
        return None


def sync_group(source, target, group: m.Group, laptop, remote: str) -> SyncReport:
    """Send ``group``'s changes from ``source`` to ``target`` (push: laptop to server; pull:
    server to laptop). ``laptop`` is the SQLite store that keeps the base for ``remote``."""
    target_group = _group_on(target, group.id)
    if target_group:
        _erasures_win(source, target, group.id)
    base = read_base(laptop, remote, group.id)
    theirs = _records(target, target_group) if target_group else {}
    ours = _records(source, group)
    report = SyncReport()
    new_base = dict(base)
    rank = {"groups": -1} | {table_name(cls): i for i, cls in enumerate(ORDER)}
    # By table, then in the order the sending side wrote them (so "as written" stays so).
    written = {key: i for i, key in enumerate([*theirs, *ours])}
    keys = sorted(
        set(ours) | set(theirs) | set(base), key=lambda k: (rank.get(k[0], 99), written.get(k, -1))
    )
    deletions: list[tuple[Key, m.Record]] = []
    kept: list[dict] = []
    for key in keys:
        mine, other = ours.get(key), theirs.get(key)
        h_mine = _hash(mine) if mine else None
        h_other = _hash(other) if other else None
        b = base.get(key)
        if h_mine == h_other:
            _set(new_base, key, h_mine)
        elif h_other == b:  # changed (or erased) on the sending side only
            if mine is None:
                deletions.append((key, other))
            elif _write(target, mine, key, report):
                (report.changed if other else report.added).append(key)
                new_base[key] = h_mine
        elif h_mine == b:
            continue  # changed on the receiving side only: its own push or pull sends it
        else:
            report.conflicts.append(Conflict(key[0], key[1], _differing(mine, other)))
            on_laptop, on_server = (mine, other) if source is laptop else (other, mine)
            kept.append(_kept(remote, key, report.conflicts[-1].fields, on_laptop, on_server))
    for key, record in reversed(deletions):  # a record's dependants go first
        try:
            target.delete(type(record), record.id)
        except GroupworkError as exc:
            report.failed.append((key, exc.message))
            continue
        report.erased.append(key)
        new_base.pop(key, None)
    write_base(laptop, remote, group.id, new_base)
    keep_conflicts(laptop, remote, group.id, kept)
    return report


def _erasures_win(source, target, group_id: str) -> None:
    """A member erased on one side is erased on the other before anything is compared, with
    the same code, whatever either side changed since: an erasure is never a conflict a
    person could settle the wrong way, and a laptop's edits cannot bring the person back.
    The other side's texts lose her name too (``erase_member`` walks them)."""
    from groupwork.safety.erasure import erase_member

    theirs = {x.id: x for x in target.records_of_group(m.Member, group_id)}
    for mine in source.records_of_group(m.Member, group_id):
        other = theirs.get(mine.id)
        if other is None or mine.erased == other.erased:
            continue
        winner, loser = (mine, target) if mine.erased else (other, source)
        erase_member(loser, winner.id, code=winner.pseudonym)
        loser.save(winner)


def _kept(remote: str, key: Key, fields: list[str], on_laptop, on_server) -> dict:
    """A conflict as the laptop keeps it: both versions whole, so settling needs no network."""
    return {
        "id": conflict_id(remote, key),
        "table_name": key[0],
        "record_id": key[1],
        "fields": json.dumps(fields, ensure_ascii=False),
        "mine": on_laptop.model_dump_json() if on_laptop else None,
        "theirs": on_server.model_dump_json() if on_server else None,
        "found_at": datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def _log(laptop, server, group: m.Group, direction: str, report: SyncReport) -> None:
    """Record this push or pull on the server, under the laptop's stable id (for the admin)."""
    counts = {
        "added": len(report.added),
        "changed": len(report.changed),
        "erased": len(report.erased),
        "conflicts": len(report.conflicts),
        "failed": len(report.failed),
    }
    try:
        server.sync_log.record(laptop_id(laptop), group.id, direction, counts)
    except GroupworkError:
        # The records themselves are already committed and reported; a lost log row only
        # makes the admin's "last sync" older until the next push or pull writes one.
        pass


def _set(base: dict[Key, str], key: Key, value: str | None) -> None:
    if value is None:
        base.pop(key, None)
    else:
        base[key] = value


def _write(target, record: m.Record, key: Key, report: SyncReport) -> bool:
    try:
        target.save(record)
    except GroupworkError as exc:
        report.failed.append((key, exc.message))
        return False
    return True


def _differing(mine: m.Record | None, other: m.Record | None) -> list[str]:
    if mine is None or other is None:
        return [_("(erased on one side, changed on the other)")]
    a, b = mine.model_dump(mode="json"), other.model_dump(mode="json")
    return [name for name in a if a[name] != b.get(name)]


def refuse_coordinator(server) -> None:
    """A coordinator login reads pseudonyms only: a copy pulled (or pushed) through it would
    hold pseudonyms as real names. Refused in words before anything moves."""
    if getattr(server, "views_only", False):
        raise NotYoursError(
            _(
                "A coordinator reads the groups on the agency database and keeps no copy of "
                "them: push and pull are for the group's facilitators. Nothing was changed."
            )
        )


def push(laptop, server, group_ref: str, remote: str) -> tuple[m.Group, SyncReport]:
    """Send a laptop group's new, changed and erased records to the server."""
    refuse_coordinator(server)
    group = laptop.find_group(group_ref)
    try:
        # A group the server holds for other facilitators only: "not yours" (NotYoursError),
        # rather than every record of it looking erased there.
        server.find_group(group.id)
    except (NotFoundError, NotYoursError) as exc:
        if read_base(laptop, remote, group.id):  # it was there for this laptop before
            report = drop_revoked(laptop, group, remote)
            _log(laptop, server, group, "push", report)
            report.revoked_elsewhere = drop_every_revoked(laptop, server, remote)
            return group, report
        if isinstance(exc, NotYoursError):
            raise
        # else a new group: the push creates it
    report = sync_group(laptop, server, group, laptop, remote)
    _log(laptop, server, group, "push", report)
    report.revoked_elsewhere = drop_every_revoked(laptop, server, remote)
    return group, report


def pull(laptop, server, group_ref: str, remote: str) -> tuple[m.Group, SyncReport]:
    """Bring a server group's new, changed and erased records to the laptop."""
    refuse_coordinator(server)
    try:
        group = server.find_group(group_ref)
    except (NotFoundError, NotYoursError) as exc:
        try:
            local = laptop.find_group(group_ref)
        except NotFoundError:
            raise exc from None
        if not read_base(laptop, remote, local.id):
            raise
        report = drop_revoked(laptop, local, remote)
        _log(laptop, server, local, "pull", report)
        report.revoked_elsewhere = drop_every_revoked(laptop, server, remote)
        return local, report
    report = sync_group(server, laptop, group, laptop, remote)
    _log(laptop, server, group, "pull", report)
    report.revoked_elsewhere = drop_every_revoked(laptop, server, remote)
    return group, report


def drop_every_revoked(laptop, server, remote: str) -> list[tuple[str, SyncReport]]:
    """At any contact with the server: erase the laptop's copy of every group this login
    synced before and no longer has there, whichever group the person pushed or pulled."""
    dropped = []
    for group_id in synced_groups(laptop, remote):
        local = _group_on(laptop, group_id)
        if local is None:
            continue
        try:
            server.find_group(group_id)
        except (NotFoundError, NotYoursError):
            report = drop_revoked(laptop, local, remote)
            _log(laptop, server, local, "pull", report)
            dropped.append((local.name, report))
    return dropped


def drop_revoked(laptop, group: m.Group, remote: str) -> SyncReport:
    """Erase the laptop's copy of a group the server no longer gives this login (access ended,
    or the group was removed there), and the backups groupwork made that still hold it.

    Changes never sent are erased too, and listed in the report (``unsent``) for the person
    to hear about first: a facilitator taken off a group keeps nothing of it, and what they
    had not sent is for the administrator to ask them about."""
    from groupwork.safety.erasure import after_erasure_backup

    base = read_base(laptop, remote, group.id)
    ours = _records(laptop, group)
    report = SyncReport(revoked=True)
    report.unsent = [key for key, record in ours.items() if base.get(key) != _hash(record)]
    with laptop.transaction():
        for (table, record_id), record in reversed(list(ours.items())):
            laptop.delete(type(record), record_id)
            report.erased.append((table, record_id))
    write_base(laptop, remote, group.id, {})
    keep_conflicts(laptop, remote, group.id, [])
    laptop.purge_freed_bytes()
    older, _problem = after_erasure_backup(laptop)
    for info in older:
        info.path.unlink(missing_ok=True)
    report.backups_deleted = len(older)
    return report
