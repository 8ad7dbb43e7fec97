"""Keeping SQLite's write-ahead log small without making the live recorder wait for it.

SQLite copies the log back into the database (a checkpoint) inside the COMMIT that makes the
log pass 1,000 pages. When that COMMIT is the recorder's and another process is importing or
backing up, the checkpoint can take tens of seconds and the screen freezes. While recording,
the app's connection therefore never checkpoints (``wal_autocheckpoint = 0``); a background
thread with its own connection does it every few seconds (a PASSIVE checkpoint never blocks a
writer), and every other connection keeps SQLite's automatic checkpoint.
"""

from __future__ import annotations

import threading
from pathlib import Path

from groupwork.store.database import connect

CHECKPOINT_EVERY_SECONDS = 2.0
AUTOCHECKPOINT_PAGES = 1000
"""SQLite's default, restored when recording ends."""


class BackgroundCheckpointer:
    """A daemon thread that runs a PASSIVE checkpoint on its own connection now and then."""

    def __init__(self, path: Path, passphrase: str | None, every: float = CHECKPOINT_EVERY_SECONDS):
        self.path = path
        self.passphrase = passphrase
        self.every = every
        self.checkpoints = 0
        """How many checkpoints ran (tests and the benchmark read it)."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)

    def start(self) -> BackgroundCheckpointer:
        """Start the thread; returns self."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop the thread and wait for its last checkpoint to finish."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=30)

    def _run(self) -> None:
        # A bare connection, not ``configure()``d: it only checkpoints. It writes no row (no
        # foreign keys, audit function or secure_delete needed), a PASSIVE checkpoint never
        # waits (no busy timeout), and the WAL is cut back by the writer's journal_size_limit.
        try:
            conn = connect(self.path, self.passphrase)
        except Exception:  # the recorder must go on even if the file cannot be opened twice
            return
        try:
            while not self._stop.wait(self.every):
                self.checkpoint(conn)
            self.checkpoint(conn)
        finally:
            conn.close()

    def checkpoint(self, conn) -> None:
        """One PASSIVE checkpoint; a busy or failing one is simply tried again next time."""
        try:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            self.checkpoints += 1
        except conn.Error:
            pass
