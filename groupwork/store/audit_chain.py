"""The agency server's audit log as a hash chain: checking it, and a laptop's memory of it.

The server writes each entry's ``hash`` as sha256 over the previous entry's hash and the
entry's canonical text (``p011_pinned_definers_audit_chain.sql``: each field as its length, a
colon and itself; a missing group as ``~``), and keeps the previous hash beside it. So:

- an entry whose content was changed no longer matches its own hash;
- an entry removed (or rewritten with its hash) leaves the next entry's ``previous_hash``
  pointing at a hash the entry before it does not have;
- someone with the server's keys who rewrites the log and recomputes every hash after it
  changes the hash of every later entry, the head included: each laptop keeps the head it
  saw last (``sync_audit_heads``) and asks the server for that entry's hash at its next push
  or pull.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

CHAINED_COLUMNS = (
    "id",
    "at",
    "actor",
    "table_name",
    "record_id",
    "group_id",
    "action",
    "columns",
)


def entry_hash(previous: str | None, entry: dict[str, Any]) -> str:
    """The hash the server gives ``entry`` (a row of audit_log) chained to ``previous``."""
    parts = [previous or ""]
    for column in CHAINED_COLUMNS:
        value = entry[column]
        if value is None:
            parts.append("~")
        else:
            text = str(value)
            parts.append(f"{len(text)}:{text}")
    return hashlib.sha256("".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """The first entry from which the log cannot be trusted, and how it was broken."""

    entry_id: int
    at: str
    changed: bool
    """True: this entry's content no longer matches its hash. False: the entry before it in
    the chain is gone (removed, or rewritten with a new hash)."""
    previous_id: int | None
    """The entry before it that is still there (None: it was the first)."""


@dataclass(frozen=True)
class ChainCheck:
    """What checking the whole audit log found."""

    entries: int
    head_id: int | None
    head_hash: str | None
    head_at: str | None
    broken: ChainBreak | None


def verify_chain(rows: Iterable[dict[str, Any]]) -> ChainCheck:
    """Check every entry (in id order) against its hash and the entry before it."""
    count, previous, broken = 0, None, None
    for row in rows:
        count += 1
        if broken is None:
            expected_previous = previous["hash"] if previous else None
            if row["previous_hash"] != expected_previous:
                broken = ChainBreak(
                    row["id"], row["at"], False, previous["id"] if previous else None
                )
            elif row["hash"] != entry_hash(row["previous_hash"], row):
                broken = ChainBreak(
                    row["id"], row["at"], True, previous["id"] if previous else None
                )
        previous = row
    return ChainCheck(
        entries=count,
        head_id=previous["id"] if previous else None,
        head_hash=previous["hash"] if previous else None,
        head_at=previous["at"] if previous else None,
        broken=broken,
    )


@dataclass(frozen=True)
class KnownHead:
    """The last head of a server's audit chain this laptop saw."""

    entry_id: int
    hash: str
    seen_at: str


def known_head(laptop: Any, remote: str) -> KnownHead | None:
    """The head this laptop saw last at ``remote`` (None: never synced with it since)."""
    row = next(laptop.db["sync_audit_heads"].rows_where("remote = ?", [remote]), None)
    if row is None:
        return None
    return KnownHead(row["entry_id"], row["hash"], row["seen_at"])


def remember_head(laptop: Any, remote: str, entry_id: int, hash_: str) -> None:
    """Keep ``remote``'s current head as the one this laptop saw last (one commit)."""
    with laptop.transaction():
        laptop.db["sync_audit_heads"].upsert(
            {
                "remote": remote,
                "entry_id": entry_id,
                "hash": hash_,
                "seen_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            },
            pk="remote",
        )
