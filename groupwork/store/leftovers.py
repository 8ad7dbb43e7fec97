"""Files a killed whole-file job left beside a database, and telling them from live ones.

``encrypt`` and ``rekey`` write a complete copy under ``.NAME.encrypt-tmp`` (SQLite adds its
own ``-journal``, ``-wal`` or ``-shm`` beside it while writing) and rename it over the
database only when it checks out. A run killed halfway leaves those files: they are never
the database, and each holds a copy of people's records, so they go at the next open.

A job holds an ``flock`` on its staged file for as long as it writes (``held_staged_file``);
the kernel drops the lock when the job dies, so a file nobody holds is abandoned. Backups use
the same test for their ``.partial`` files (``groupwork.safety.backup``).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

try:  # POSIX: a writer's lock tells a live job from one that was killed
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

ABANDONED_AFTER_S = 3600
"""Without file locks (Windows), a staged file this old is abandoned."""
SIDE_FILES = ("", "-journal", "-wal", "-shm")
"""A staged file and the files SQLite keeps beside it while writing into it."""


def staged_copy(db_path: Path, job: str) -> Path:
    """Where ``job`` ("encrypt") writes its new copy of ``db_path``: hidden, beside it."""
    db_path = Path(db_path)
    return db_path.with_name(f".{db_path.name}.{job}-tmp")


def is_abandoned(path: Path) -> bool:
    """True when no live job holds ``path`` (its writer was killed or failed)."""
    if not path.exists():
        return True  # only SQLite's side files are left
    if fcntl is None:
        try:
            return time.time() - path.stat().st_mtime > ABANDONED_AFTER_S
        except OSError:
            return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # locked: the job is at work right now
    finally:
        os.close(fd)  # also releases our lock
    return True


@contextlib.contextmanager
def held_staged_file(path: Path) -> Iterator[Path]:
    """Create ``path`` (owner-only, new) and hold its lock while the job writes into it;
    removed with SQLite's files beside it when the job fails."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield path
    except BaseException:
        for side in SIDE_FILES:
            Path(f"{path}{side}").unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)


def clean_staged_leftovers(db_path: Path | str, jobs: tuple[str, ...] = ("encrypt",)) -> list[Path]:
    """Remove what killed ``jobs`` left beside ``db_path`` (the staged copy and SQLite's files
    beside it, the journal included); a job still at work keeps its files. Cheap: a few
    ``stat`` calls when there is nothing to clean."""
    if str(db_path) == ":memory:":
        return []
    removed = []
    for job in jobs:
        staged = staged_copy(Path(db_path), job)
        present = [Path(f"{staged}{side}") for side in SIDE_FILES]
        present = [p for p in present if os.path.lexists(p)]
        if present and is_abandoned(staged):
            for leftover in present:
                with contextlib.suppress(OSError):
                    leftover.unlink()
                    removed.append(leftover)
    return removed
