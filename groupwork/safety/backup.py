"""Rotating backups through SQLite's online backup API, and restoring one atomically.

A backup is a consistent snapshot even while the TUI is writing (the backup API copies a
single read transaction). An encrypted database is backed up encrypted with the same
passphrase. Backup files and their folder are readable by their owner only. The newest
``keep`` backups of a database are kept (default 10, ``GROUPWORK_BACKUP_KEEP``).
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from groupwork import paths
from groupwork.errors import StorageError, describe_system_error
from groupwork.i18n import _
from groupwork.store.database import (
    connect,
    create_private_file,
    is_encrypted,
    resolve_passphrase,
)
from groupwork.store.migrations import refuse_newer_schema

DEFAULT_KEEP = 10
_STAMP = "%Y%m%dT%H%M%S%fZ"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{12}Z)-(?P<reason>[a-z0-9-]+)\.db$")


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: where, when it was taken (UTC) and why."""

    path: Path
    taken_at: datetime
    reason: str


def default_keep() -> int:
    """How many backups to keep: ``GROUPWORK_BACKUP_KEEP`` or 10 (at least 1)."""
    try:
        return max(1, int(os.environ.get("GROUPWORK_BACKUP_KEEP", DEFAULT_KEEP)))
    except ValueError:
        return DEFAULT_KEEP


def _private_dir(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # a folder we do not own (GROUPWORK_BACKUPS) stays as is
        folder.chmod(0o700)
    return folder


def _clean_reason(reason: str) -> str:
    cleaned = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-")
    return cleaned[:40] or "manual"


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Backups of ``db_path``, newest first."""
    folder = paths.backup_dir(Path(db_path))
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if not match or match["stem"] != Path(db_path).stem:
            continue
        taken = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
        found.append(BackupInfo(entry, taken, match["reason"]))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def copy_database(source_conn, target: Path, passphrase: str | None) -> None:
    """Copy an open database into a new private file ``target`` with the backup API."""
    create_private_file(target)
    dest = connect(target, passphrase)
    try:
        source_conn.backup(dest)
    finally:
        dest.close()


def backup_database(store, reason: str = "manual", keep: int | None = None) -> Path:
    """Write a backup of ``store``'s database; keep only the newest ``keep``. Returns its path.

    Called when a session closes (reason "session-closed") and by ``groupwork backup``.
    """
    if store.path is None:
        raise StorageError(_("An in-memory database cannot be backed up."))
    _refuse_damaged(store)
    folder = _private_dir(paths.backup_dir(store.path))
    stamp = datetime.now(UTC).strftime(_STAMP)
    target = folder / f"{store.path.stem}-{stamp}-{_clean_reason(reason)}.db"
    try:
        copy_database(store.db.conn, target, store._passphrase)
    except (OSError, store.db.conn.Error) as exc:
        target.unlink(missing_ok=True)
        raise StorageError(
            _("The backup could not be written: {error}").format(error=describe_system_error(exc))
        ) from exc
    prune_backups(store.path, keep if keep is not None else default_keep())
    return target


def _refuse_damaged(store) -> None:
    """Check the database before copying it (opening a large one no longer reads it whole):
    a damaged copy must never push the last good backup out of the kept ones."""
    from groupwork.store.database import DamagedDatabase
    from groupwork.store.store import damaged_message

    problems = store.quick_problems()
    if problems:
        raise DamagedDatabase(damaged_message(store.path, problems))


def prune_backups(db_path: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups of ``db_path``; returns the deleted paths."""
    removed = []
    for info in list_backups(db_path)[keep:]:
        info.path.unlink(missing_ok=True)
        removed.append(info.path)
    return removed


def delete_backups_before(db_path: Path, moment: datetime) -> list[Path]:
    """Delete the backups of ``db_path`` taken before ``moment`` (after an erasure)."""
    removed = []
    for info in list_backups(db_path):
        if info.taken_at < moment:
            info.path.unlink(missing_ok=True)
            removed.append(info.path)
    return removed


def verify_backup(path: Path, passphrase: str | None = None) -> None:
    """Raise ``StorageError`` unless ``path`` opens (with ``passphrase`` if encrypted) and is sound."""
    if not path.is_file():
        raise StorageError(_("No backup file at {path}.").format(path=path))
    key = passphrase if is_encrypted(path) else None
    if is_encrypted(path) and not key:
        key = resolve_passphrase(path, None)
    conn = connect(path, key)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
        # A backup this version could not open must not replace a database it can.
        refuse_newer_schema(Database(conn))
    except conn.DatabaseError as exc:
        raise StorageError(
            _("The backup {path} cannot be read: {error}").format(path=path, error=exc)
        ) from exc
    finally:
        conn.close()
    if problems != ["ok"]:
        raise StorageError(
            _("The backup {path} is damaged: {detail}").format(path=path, detail=problems[0])
        )
    if "members" not in tables:
        raise StorageError(_("The file {path} is not a groupwork backup.").format(path=path))


def restore_backup(backup: Path, db_path: Path, passphrase: str | None = None) -> Path | None:
    """Replace ``db_path`` with ``backup``, atomically; returns where the replaced file went.

    Refuses while another program (the TUI, a CLI command) has the database open, since it would
    go on writing into the file being replaced. The backup is checked first; the current file
    is kept beside the backups (as "before-restore") so a restore can itself be undone.
    """
    from groupwork.safety.exclusive import exclusive_access, replace_database

    backup = Path(backup)
    verify_backup(backup, passphrase)
    db_path = Path(db_path)
    folder = _private_dir(paths.backup_dir(db_path))
    kept = None
    with exclusive_access(db_path, passphrase) as lock:
        if db_path.exists() and db_path.stat().st_size > 0:
            stamp = datetime.now(UTC).strftime(_STAMP)
            kept = folder / f"{db_path.stem}-{stamp}-before-restore.db"
            # A raw copy: the current file may be damaged, which is why people restore.
            _copy_file(db_path, kept)
        staged = db_path.with_name(f".{db_path.name}.restore-tmp")
        _copy_file(backup, staged)
        replace_database(staged, db_path, lock)
    return kept


def _copy_file(source: Path, target: Path) -> None:
    """Copy bytes into a new private file and flush them to disk."""
    target.unlink(missing_ok=True)
    create_private_file(target)
    with open(source, "rb") as src, open(target, "wb") as dst:
        while chunk := src.read(1 << 20):
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
