"""A second store on the app's database for reads on worker threads (a screen's slow count
while its page is shown): opened by the first read, used by one read at a time, closed with
the screen by whichever thread is not using it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

SKIPPED = object()
"""What ``WorkerReads.read`` returns for a read no longer wanted when its turn came."""


class WorkerReads:
    """Reads on worker threads through their own connection (``Repository.worker_reader``)."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._reader: Any = None  # None: not opened yet; False: the database has no second
        self._lock = threading.Lock()
        self._closed = False

    def read(self, read: Callable[[Any], Any], wanted: Callable[[], bool]) -> Any:
        """``read(reader)`` on this (worker) thread, after any read already running; ``SKIPPED``
        when ``wanted()`` is false by then (typed over: only the newest is read), None when the
        database has no second connection (read on the screen's store instead)."""
        with self._lock:
            if self._closed or not wanted():
                return SKIPPED
            try:
                if self._reader is None:
                    self._reader = self.store.worker_reader() or False
                return read(self._reader) if self._reader else None
            finally:
                if self._closed:
                    self._close()

    def close(self) -> None:
        """Close the second connection now, or, while a read uses it, when that read ends
        (the screen's thread never waits for a read)."""
        self._closed = True
        if self._lock.acquire(blocking=False):
            try:
                self._close()
            finally:
                self._lock.release()

    def _close(self) -> None:
        reader, self._reader = self._reader, None
        if reader:
            reader.close()
