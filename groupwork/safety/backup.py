"""Rotating backups through SQLite's online backup API, and restoring one atomically.

A backup is a consistent snapshot even while the TUI is writing (the backup API copies a
single read transaction). An encrypted database is backed up encrypted with the same
passphrase. Backup files and their folder are readable by their owner only.

A backup is written under a temporary name (``….db.partial``), checked (it opens, with the
passphrase when encrypted, and passes SQLite's integrity check) and only then renamed to its
``….db`` name. So a backup killed halfway, or one that came out empty, is never listed, never
restored by ``--latest`` and never counted by rotation; the next backup removes what it left.
Rotation keeps the newest ``keep`` backups of a database (default 10,
``GROUPWORK_BACKUP_KEEP``) and never the newest one nor the ``before-encrypt`` one: that
goes only when the person deletes it (``backup --delete-unencrypted``, ``--purge-backups``).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from groupwork import paths
from groupwork.errors import StorageError, describe_system_error
from groupwork.i18n import _
from groupwork.store.database import (
    MIN_PAGE_SIZE,
    SQLITE_HEADER,
    PassphraseRequired,
    WrongPassphrase,
    create_private_file,
    header_problems,
    is_encrypted,
    resolve_passphrase,
)
from groupwork.store.file_locks import read_head
from groupwork.store.leftovers import held_staged_file, is_abandoned
from groupwork.store.safekeeping import inspect_backup_file

DEFAULT_KEEP = 10
_STAMP = "%Y%m%dT%H%M%S%fZ"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{12}Z)-(?P<reason>[a-z0-9-]+)\.db$")
PARTIAL = ".partial"
"""The suffix of a backup still being written (or abandoned by a killed writer)."""
KEPT_UNTIL_DELETED = frozenset({"before-encrypt"})
"""Backups rotation never deletes: the only plain copy left after encrypting."""


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
    """Finished backups of ``db_path``, newest first (never a partial or an empty file)."""
    folder = paths.backup_dir(Path(db_path))
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if not match or match["stem"] != Path(db_path).stem or _is_empty(entry):
            continue
        taken = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
        found.append(BackupInfo(entry, taken, match["reason"]))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def damage_seen(path: Path) -> str | None:
    """Why the backup at ``path`` is damaged, as its first page and size show (cheap: 100
    bytes read, for ``backup --list``); None when it looks whole. Only ``verify_backup``
    (which opens it) can say more, and an encrypted file, whose header is salt, shows only
    whether it is whole pages long."""
    try:
        head, size = read_head(path, 100)
    except OSError as exc:
        return describe_system_error(exc)
    if head[:16] != SQLITE_HEADER:
        if size >= MIN_PAGE_SIZE and size % MIN_PAGE_SIZE == 0:
            return None  # encrypted, or at least whole pages
        return _("not a database file")
    problems = header_problems(path)
    if problems:
        return problems[0]
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    header_is_current = head[24:28] == head[92:96]
    if header_is_current and pages and size < pages * page_size:
        return _("cut short: {size} bytes of {expected}").format(
            size=size, expected=pages * page_size
        )
    return None


def _is_empty(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return True


def _is_ours(db_path: Path, name: str) -> bool:
    return name.startswith(f"{Path(db_path).stem}-")


def clean_unfinished(db_path: Path) -> list[Path]:
    """Remove what killed or failed backups of ``db_path`` left: partial and empty files.

    A partial file whose writer is still at work (it holds a lock on it) stays.
    """
    folder = paths.backup_dir(Path(db_path))
    if not folder.is_dir():
        return []
    removed = []
    entries = [e for e in folder.iterdir() if _is_ours(db_path, e.name)]
    # SQLite's own files beside a partial one (-journal, -wal, -shm) go with it.
    partials = {
        e.name[: e.name.index(PARTIAL) + len(PARTIAL)] for e in entries if PARTIAL in e.name
    }
    abandoned = {name for name in partials if is_abandoned(folder / name)}
    for entry in entries:
        cut = entry.name.find(PARTIAL)
        if cut >= 0 and entry.name[: cut + len(PARTIAL)] in abandoned:
            entry.unlink(missing_ok=True)
            removed.append(entry)
        elif _NAME.match(entry.name) and _is_empty(entry):
            entry.unlink(missing_ok=True)  # left by versions that wrote straight to the name
            removed.append(entry)
    return removed


def _publish(partial: Path, target: Path) -> None:
    """Flush ``partial`` to disk and give it its final name (atomic, durable)."""
    from groupwork.store.exclusive import fsync_dir

    with open(partial, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(partial, target)
    fsync_dir(target.parent)


def backup_database(store, reason: str = "manual", keep: int | None = None) -> Path:
    """Write a verified backup of ``store``'s database; keep only the newest ``keep``.

    Called when a session closes (reason "session-closed") and by ``groupwork backup``.
    Returns the backup's path; raises ``StorageError`` (and leaves no file) when it could not
    be written or did not check out.
    """
    if store.path is None:
        raise StorageError(_("An in-memory database cannot be backed up."))
    folder = _private_dir(paths.backup_dir(store.path))
    clean_unfinished(store.path)
    stamp = datetime.now(UTC).strftime(_STAMP)
    target = folder / f"{store.path.stem}-{stamp}-{_clean_reason(reason)}.db"
    try:
        with held_staged_file(target.with_name(target.name + PARTIAL)) as partial:
            store.backup_to(partial)
            try:
                problems, tables = store.inspect_copy(partial)
            except StorageError:  # the copy cannot even be read
                _refuse_damaged(store)
                raise
            if problems != ["ok"] or "members" not in tables:
                # Opening a large database no longer reads it whole: a damaged copy may come
                # from a damaged database, which the person must hear about (and restore).
                _refuse_damaged(store)
                raise StorageError(
                    _("The backup {path} is damaged: {detail}").format(
                        path=target, detail=(problems or ["?"])[0]
                    )
                )
            _publish(partial, target)
    except (OSError, store.database_error) as exc:
        raise StorageError(
            _("The backup could not be written: {error}").format(error=describe_system_error(exc))
        ) from exc
    prune_backups(store.path, keep if keep is not None else default_keep())
    return target


def _refuse_damaged(store) -> None:
    """Raise ``DamagedDatabase`` (naming the backup to restore) if the database itself is
    damaged; checked only when a copy failed its check, so a sound backup reads it once."""
    from groupwork.store.database import DamagedDatabase
    from groupwork.store.store import damaged_message

    problems = store.quick_problems()
    if problems:
        raise DamagedDatabase(damaged_message(store.path, problems))


def prune_backups(db_path: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups of ``db_path``; returns the deleted paths.

    The newest backup is always kept, and so is the one taken before encryption
    (``KEPT_UNTIL_DELETED``): they do not count towards ``keep``.
    """
    rotating = [b for b in list_backups(db_path) if b.reason not in KEPT_UNTIL_DELETED]
    removed = []
    for info in rotating[max(1, keep) :]:
        info.path.unlink(missing_ok=True)
        removed.append(info.path)
    return removed


def verify_backup(path: Path, passphrase: str | None = None) -> None:
    """Raise ``StorageError`` unless ``path`` opens (with ``passphrase`` if encrypted) and is sound."""
    if not path.is_file():
        raise StorageError(_("No backup file at {path}.").format(path=path))
    if _is_empty(path):
        raise StorageError(_("The file {path} is not a groupwork backup.").format(path=path))
    key = passphrase if is_encrypted(path) else None
    if is_encrypted(path) and not key:
        key = resolve_passphrase(path, None)
    problems, tables = inspect_backup_file(path, key)
    if problems != ["ok"]:
        raise StorageError(
            _("The backup {path} is damaged: {detail}").format(path=path, detail=problems[0])
        )
    if "members" not in tables:
        raise StorageError(_("The file {path} is not a groupwork backup.").format(path=path))


def latest_good_backup(
    db_path: Path, passphrase_for: Callable[[Path], str | None]
) -> tuple[BackupInfo, list[tuple[BackupInfo, str]]]:
    """The newest backup of ``db_path`` that verifies, and the newer ones skipped (with why).

    ``passphrase_for(path)`` gives the passphrase of an encrypted backup (asked once by the
    caller). A wrong passphrase is not a damaged backup: it is raised, not skipped. Backups
    taken before a restore are raw copies of a possibly damaged file and are never chosen.
    """
    skipped: list[tuple[BackupInfo, str]] = []
    for info in list_backups(db_path):
        if info.reason == "before-restore":
            continue
        try:
            verify_backup(info.path, passphrase_for(info.path) if is_encrypted(info.path) else None)
        except (WrongPassphrase, PassphraseRequired):
            raise
        except StorageError as exc:
            skipped.append((info, str(exc)))
            continue
        return info, skipped
    raise StorageError(_("There is no backup of {path}.").format(path=db_path))


def restore_backup(
    backup: Path, db_path: Path, passphrase: str | None = None, db_passphrase: str | None = None
) -> Path | None:
    """Replace ``db_path`` with ``backup``, atomically; returns where the replaced file went.

    Refuses while another program (the TUI, a CLI command) has the database open, since it would
    go on writing into the file being replaced. The backup is checked first; the current file
    is kept beside the backups (as "before-restore") so a restore can itself be undone.

    ``passphrase`` opens an encrypted backup. A plain backup restored over an encrypted
    database is encrypted with ``db_passphrase`` (the database's) before it takes the
    database's place, so the live file never becomes readable; without that passphrase, or
    with a wrong one, nothing is changed (``StorageError``, ``WrongPassphrase``).
    """
    from groupwork.store.encryption import encrypt_database
    from groupwork.store.exclusive import exclusive_access, replace_database

    backup = Path(backup)
    verify_backup(backup, passphrase)
    db_path = Path(db_path)
    encrypt_with = _keep_encrypted(backup, db_path, db_passphrase)
    folder = _private_dir(paths.backup_dir(db_path))
    kept = None
    with exclusive_access(db_path, passphrase) as lock:
        if db_path.exists() and db_path.stat().st_size > 0:
            stamp = datetime.now(UTC).strftime(_STAMP)
            kept = folder / f"{db_path.stem}-{stamp}-before-restore.db"
            # A raw copy: the current file may be damaged, which is why people restore. It
            # gets its name only once complete, like every backup.
            with held_staged_file(kept.with_name(kept.name + PARTIAL)) as partial:
                _copy_file(db_path, partial)
                _publish(partial, kept)
        staged = db_path.with_name(f".{db_path.name}.restore-tmp")
        _copy_file(backup, staged)
        if encrypt_with is not None:
            encrypt_database(staged, encrypt_with)
        replace_database(staged, db_path, lock)
    return kept


def _keep_encrypted(backup: Path, db_path: Path, db_passphrase: str | None) -> str | None:
    """The passphrase to encrypt a plain ``backup`` with when ``db_path`` is encrypted (None:
    nothing to encrypt); refuses, changing nothing, without the right one."""
    from groupwork.store.database import connect

    if not (db_path.exists() and is_encrypted(db_path)) or is_encrypted(backup):
        return None
    if not db_passphrase:
        raise StorageError(
            _(
                "{db} is encrypted and the backup {backup} is not: give the database's "
                "passphrase (GROUPWORK_PASSPHRASE) so the restored database is encrypted too. "
                "Nothing was changed."
            ).format(db=db_path, backup=backup.name)
        )
    connect(db_path, db_passphrase).close()  # a wrong passphrase: refused before any change
    return db_passphrase


def _copy_file(source: Path, target: Path) -> None:
    """Copy bytes into the private file ``target`` (created if missing) and flush them to disk."""
    create_private_file(target)
    with open(source, "rb") as src, open(target, "wb") as dst:
        while chunk := src.read(1 << 20):
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
