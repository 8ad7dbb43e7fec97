"""Reading a database file's own bytes without breaking SQLite's locks.

SQLite locks a database file with POSIX advisory locks (``fcntl``). Those belong to the
process, not to a descriptor, and closing *any* descriptor of the file releases *all* of them:
a plain ``open(path).read(16)`` then ``close()`` in a process that has the database open
silently drops that process's shared lock. Another process closing its own connection then
believes it is the last one, checkpoints and deletes the WAL and shared-memory files under the
first process, whose next writes go to a deleted file: "database disk image is malformed", and
turns recorded after that are lost. (Seen with the live recorder open while ``groupwork
import`` and ``groupwork backup`` ran on the same database.)

So every connection groupwork makes is counted per file (device, inode), and a descriptor
opened here to read a header is never closed while this process still has a connection to that
file: it is kept and reused, and closed when the last connection closes.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from collections import Counter
from pathlib import Path
from typing import Any

FileKey = tuple[int, int]

_lock = threading.Lock()
_connections: Counter[FileKey] = Counter()
_kept: dict[FileKey, int] = {}


def _key_of(path: Path | str) -> FileKey | None:
    """The file's (device, inode), or None for an in-memory or URI database or a missing file."""
    text = str(path)
    if text == ":memory:" or text.startswith("file:") or not text:
        return None
    try:
        st = os.stat(text)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def read_head(path: Path | str, length: int) -> tuple[bytes, int]:
    """The first ``length`` bytes of the file at ``path`` and its size, lock-safely.

    Raises ``FileNotFoundError`` for a missing file and ``IsADirectoryError`` for a folder,
    like ``open``.
    """
    st = os.stat(path)
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    key = (st.st_dev, st.st_ino)
    with _lock:
        kept = _kept.get(key)
        if kept is not None:
            return os.pread(kept, length, 0), os.fstat(kept).st_size
    fd = os.open(path, os.O_RDONLY)
    try:
        head, size = os.pread(fd, length, 0), os.fstat(fd).st_size
    finally:
        _close_or_keep(fd, key)
    return head, size


def _close_or_keep(fd: int, key: FileKey) -> None:
    with _lock:
        if _connections[key] > 0 and key not in _kept:
            _kept[key] = fd  # closing it would release this process's SQLite locks
            return
    os.close(fd)


def _register(database: Any) -> FileKey | None:
    key = _key_of(database)
    if key is not None:
        with _lock:
            _connections[key] += 1
    return key


def _unregister(key: FileKey) -> None:
    fd = None
    with _lock:
        _connections[key] -= 1
        if _connections[key] <= 0:
            del _connections[key]
            fd = _kept.pop(key, None)
    if fd is not None:
        os.close(fd)  # SQLite has closed its own descriptors: no lock is left to lose


_tracked_classes: dict[type, type] = {}


def tracked(connection_class: type) -> type:
    """A subclass of a DB-API ``Connection`` class that counts its open connections per file.

    Pass it as ``factory=`` to ``sqlite3.connect`` (or sqlcipher3's); see the module docstring.
    """
    with _lock:
        known = _tracked_classes.get(connection_class)
        if known is not None:
            return known

    class TrackedConnection(connection_class):  # type: ignore[misc, valid-type]
        """A connection that tells ``file_locks`` when it opens and closes."""

        def __init__(self, database: Any, *args: Any, **kwargs: Any) -> None:
            super().__init__(database, *args, **kwargs)
            self._groupwork_file = _register(database)

        def close(self) -> None:
            """Close the connection, then let go of the file's kept descriptor if last."""
            try:
                super().close()
            finally:
                key, self._groupwork_file = getattr(self, "_groupwork_file", None), None
                if key is not None:
                    _unregister(key)

    with _lock:
        return _tracked_classes.setdefault(connection_class, TrackedConnection)


def open_connections(path: Path | str) -> int:
    """How many groupwork connections this process has open to the file (tests read it)."""
    key = _key_of(path)
    with _lock:
        return _connections.get(key, 0) if key is not None else 0
