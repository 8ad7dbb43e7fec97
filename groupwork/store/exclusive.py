"""Whole-file operations (restore, encrypt, re-key) need the database to themselves.

In WAL mode every open connection shares the ``-shm`` file, and SQLite only lets a
connection leave WAL mode when no other connection has the database open. That makes
``PRAGMA journal_mode=DELETE`` an honest test of "nobody else is using this file": it fails
with "database is locked" while the TUI (or any command) is open on it, and on success the
WAL has been checkpointed into the main file and removed, so the file can be replaced.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from groupwork.errors import StorageError
from groupwork.i18n import _
from groupwork.store.database import connect, is_encrypted


class DatabaseInUse(StorageError):
    """Another program has the database open, so it cannot be replaced now."""


@contextlib.contextmanager
def exclusive_access(db_path: Path, passphrase: str | None = None) -> Iterator[Any]:
    """Hold ``db_path`` alone; yields the connection that proves it (None if not openable).

    Raises ``DatabaseInUse`` when another connection has the file open. A file that cannot be
    opened at all (damaged, or encrypted without its passphrase) yields None: there is nothing
    to protect from concurrent writes then, and restoring a damaged file must stay possible.
    """
    db_path = Path(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        yield None
        return
    key = passphrase if is_encrypted(db_path) else None
    try:
        conn = connect(db_path, key) if (key or not is_encrypted(db_path)) else None
    except StorageError:
        conn = None
    if conn is None:
        yield None
        return
    try:
        conn.execute("PRAGMA busy_timeout = 1000")
        try:
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except conn.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise DatabaseInUse(
                    _(
                        "The database {path} is open in another groupwork window or command. "
                        "Close it and try again."
                    ).format(path=db_path)
                ) from exc
            mode = None
        except conn.DatabaseError:
            mode = None  # damaged: proceed without the proof
        if mode is not None and mode.lower() != "delete":
            raise DatabaseInUse(
                _(
                    "The database {path} is open in another groupwork window or command. "
                    "Close it and try again."
                ).format(path=db_path)
            )
        yield conn
    finally:
        conn.close()


def replace_database(staged: Path, db_path: Path, lock: Any | None) -> None:
    """Atomically move ``staged`` over ``db_path`` (same folder), dropping stale WAL files.

    A leftover ``-wal`` of the old file would be replayed into the new one and corrupt it, so
    it goes first. ``lock`` (from ``exclusive_access``) keeps others out while this happens.
    """
    if lock is not None:
        with contextlib.suppress(Exception):
            lock.execute("BEGIN EXCLUSIVE")
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    os.replace(staged, db_path)
    fsync_dir(db_path.parent)
    if lock is not None:
        with contextlib.suppress(Exception):
            lock.execute("ROLLBACK")


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); harmless where directories cannot be opened."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
