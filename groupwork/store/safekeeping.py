"""Store methods for the safety features: backups, erasure, the audit log, integrity checks.

Every SQL string and raw connection those features need lives here, behind methods named for
what they do, so ``groupwork.safety`` and the commands speak to the store in models and paths.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from groupwork.errors import StorageError, is_disk_full
from groupwork.i18n import _
from groupwork.models_lazy import models as m
from groupwork.store.audit import AuditEntry, audit_entries, record_event
from groupwork.store.converters import TABLES
from groupwork.store.database import connect, create_private_file, integrity_check


class PurgeOutcome:
    """How the wipe after an erasure went: all purged, held by another program, or disk full."""

    PURGED = "purged"
    BUSY = "busy"
    DISK_FULL = "disk-full"


class SafekeepingMixin:
    """Backups, erasure support and audit look-ups of ``Store`` (mixed into it)."""

    db: Any
    path: Path | None
    _passphrase: str | None

    # --- backups --------------------------------------------------------------------

    def backup_to(self, target: Path) -> None:
        """Copy the database into the new file ``target`` (owner-only) with SQLite's backup API.

        The copy is one consistent snapshot even while another window writes. An encrypted
        database is copied encrypted with the same passphrase. Raises ``OSError`` or the
        driver's ``DatabaseError``; the caller removes ``target`` then.
        """
        create_private_file(target)
        if self._passphrase and self._vacuum_into(target):
            return
        dest = connect(target, self._passphrase)
        try:
            self.db.conn.backup(dest)
        finally:
            dest.close()

    def _vacuum_into(self, target: Path) -> bool:
        """Copy an encrypted database with ``VACUUM INTO`` on this connection (False when it
        cannot run now, inside a transaction: the backup API is used then).

        SQLCipher writes the copy with this connection's key material, so no key is derived:
        a new connection derives one from the passphrase (about 0.15 s, and more on a busy
        machine), which made an encrypted backup at session close take ~1 s. The copy is
        one consistent snapshot, like the backup API's, without free pages.
        """
        try:
            self.db.conn.execute("VACUUM INTO ?", [str(target)])
        except self.db.conn.OperationalError as exc:
            if "transaction" in str(exc):
                return False
            raise
        return True

    def inspect_copy(self, path: Path) -> tuple[list[str], set[str]]:
        """Open the copy at ``path`` with this database's passphrase: its integrity problems
        and tables (see ``inspect_backup_file``).

        An encrypted copy is read through this connection (``ATTACH`` without a key reuses
        its key material, so no key is derived again); the file is read from disk all the
        same, so a copy that does not decrypt or is damaged shows it.
        """
        if self._passphrase:
            found = self._inspect_attached(path)
            if found is not None:
                return found
        return inspect_backup_file(path, self._passphrase)

    def _inspect_attached(self, path: Path) -> tuple[list[str], set[str]] | None:
        conn = self.db.conn
        try:
            conn.execute("ATTACH DATABASE ? AS groupwork_copy", [str(path)])
        except conn.OperationalError:
            return None  # inside a transaction: a connection of its own reads it
        try:
            problems = [r[0] for r in conn.execute("PRAGMA groupwork_copy.integrity_check")]
            tables = {
                r[0]
                for r in conn.execute(
                    "select name from groupwork_copy.sqlite_master where type='table'"
                )
            }
        except conn.DatabaseError as exc:
            raise StorageError(
                _("The backup {path} cannot be read: {error}").format(path=path, error=exc)
            ) from exc
        finally:
            conn.execute("DETACH DATABASE groupwork_copy")
        return problems, tables

    @property
    def database_error(self) -> type[Exception]:
        """The driver's base error class (sqlite3's or sqlcipher3's), for callers to catch."""
        return self.db.conn.DatabaseError

    def integrity_problems(self) -> list[str]:
        """What a full integrity check finds wrong with the database (empty when sound)."""
        return integrity_check(self.db)

    # --- erasure --------------------------------------------------------------------

    def every_record(self) -> Iterator[m.Record]:
        """Every stored record of every model, in every group (erasure searches them all)."""
        for model_cls in TABLES:
            yield from self._find(model_cls)  # type: ignore[attr-defined]

    def member_assessments(self, member_id: str) -> list[m.Assessment]:
        """Every assessment of one member."""
        return self._find(m.Assessment, "member_id = ?", [member_id])  # type: ignore[attr-defined]

    def record_erasure(self, member_id: str, group_id: str) -> None:
        """Add the audit entry of an erasure (no values: the log must not keep the data)."""
        record_event(self.db, "erase", "members", member_id, group_id)

    def purge_freed_bytes(self) -> str:
        """Move everything into the main file, rebuild it, and empty the WAL (a ``PurgeOutcome``).

        ``secure_delete`` zeroes freed pages, but older copies of changed pages live on in the
        WAL until a checkpoint, and VACUUM rebuilds the file without any free space. BUSY when
        another connection kept the WAL (the bytes go at its next checkpoint, at the latest
        when it closes); DISK_FULL when there was no room to rebuild.
        """
        if self.path is None:
            return PurgeOutcome.PURGED
        conn = self.db.conn
        try:
            first = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            conn.execute("VACUUM")
            last = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except conn.OperationalError as exc:
            if not is_disk_full(exc):
                raise
            return PurgeOutcome.DISK_FULL
        return PurgeOutcome.PURGED if first[0] == 0 and last[0] == 0 else PurgeOutcome.BUSY

    # --- audit ----------------------------------------------------------------------

    def audit_owners(self, group_id: str) -> dict[str, str]:
        """The member each of the group's assessments and consents is about (record id -> id)."""
        return {
            row["id"]: row["member_id"]
            for table in ("assessments", "consents")
            for row in self.db.query(
                f"select id, member_id from {table} where group_id = ?", [group_id]
            )
        }

    def audit_entries(self, group_id: str | None = None) -> list[AuditEntry]:
        """The audit log, oldest first (of one group when ``group_id`` is given)."""
        return audit_entries(self.db, group_id)


def inspect_backup_file(path: Path, passphrase: str | None) -> tuple[list[str], set[str]]:
    """Open the database file ``path`` on its own: its integrity problems and its tables.

    Raises ``StorageError`` when it cannot be read at all, or is newer than this version
    (a backup this version could not open must not replace a database it can).
    """
    from sqlite_utils import Database

    from groupwork.store.migrations import refuse_newer_schema

    conn = connect(path, passphrase)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
        refuse_newer_schema(Database(conn, execute_plugins=False))  # as open_database
    except conn.DatabaseError as exc:
        raise StorageError(
            _("The backup {path} cannot be read: {error}").format(path=path, error=exc)
        ) from exc
    finally:
        conn.close()
    return problems, tables
