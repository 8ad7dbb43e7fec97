"""Opening a SQLite database the way groupwork needs it.

Every connection gets: WAL (so the TUI and a CLI command can write at once and a crash never
loses a committed event), foreign keys, a busy timeout (a second writer waits instead of
failing), and ``synchronous=FULL`` so what was acknowledged is on disk.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from groupwork.errors import StorageError
from groupwork.i18n import _

BUSY_TIMEOUT_MS = 10_000


def connect(path: Path | str) -> sqlite3.Connection:
    """A plain sqlite3 connection to ``path`` (created readable by its owner only)."""
    path_str = str(path)
    if path_str != ":memory:":
        p = Path(path_str)
        p.parent.mkdir(parents=True, exist_ok=True)
        if not p.exists():
            # Create the file ourselves so it is never world-readable, not even for a moment.
            fd = os.open(p, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
    try:
        # isolation_level=None: sqlite-utils decides transactions (atomic()); every single
        # write outside one is committed at once.
        return sqlite3.connect(
            path_str, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None
        )
    except sqlite3.Error as exc:
        raise StorageError(
            _("Cannot open the database {path}: {error}").format(path=path, error=exc)
        ) from exc


def configure(db: Database, *, wal: bool = True) -> Database:
    """Apply the pragmas every groupwork connection needs."""
    conn = db.conn
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if wal and not db.memory:
        db.enable_wal()
    conn.execute("PRAGMA synchronous = FULL")
    return db


def open_database(path: Path | str) -> Database:
    """Open ``path`` as a configured sqlite-utils ``Database``."""
    try:
        db = Database(connect(path))
        return configure(db, wal=str(path) != ":memory:")
    except sqlite3.DatabaseError as exc:
        raise StorageError(
            _("The file {path} is not a groupwork database or is damaged: {error}").format(
                path=path, error=exc
            )
        ) from exc
