"""Encrypting a plain database, and changing an encrypted database's passphrase.

Both write a complete new copy with ``sqlcipher_export`` to a temporary file beside the
database, check that copy (integrity and row counts), and only then move it over the
original in one atomic rename. A crash at any point leaves either the old file or the new
one, never half of each.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from groupwork.errors import StorageError, describe_system_error
from groupwork.i18n import _
from groupwork.store.database import connect, is_encrypted, sql_string
from groupwork.store.exclusive import exclusive_access, replace_database
from groupwork.store.leftovers import (
    SIDE_FILES,
    clean_staged_leftovers,
    held_staged_file,
    staged_copy,
)


def _table_counts(conn) -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            "select name from sqlite_master where type='table' and name not like 'sqlite_%'"
        )
    ]
    return {n: conn.execute(f'select count(*) from "{n}"').fetchone()[0] for n in names}


def _check_passphrase(passphrase: str) -> None:
    if not passphrase or not passphrase.strip():
        raise StorageError(_("The passphrase must not be empty."))


def _export(db_path: Path, source_key: str | None, new_key: str) -> None:
    """Copy ``db_path`` into an encrypted file keyed with ``new_key`` and swap it in."""
    staged = staged_copy(db_path, "encrypt")
    clean_staged_leftovers(db_path)  # a killed run's copy and journal; a live run keeps its own
    with exclusive_access(db_path, source_key) as lock, held_staged_file(staged):
        if lock is None:
            raise StorageError(
                _("The database {path} cannot be opened; nothing was changed.").format(path=db_path)
            )
        # The plain path uses sqlite3; sqlcipher_export needs a SQLCipher connection.
        source = connect(db_path, source_key) if source_key else _plain_cipher_connection(db_path)
        try:
            before = _table_counts(source)
            source.execute(
                f"ATTACH DATABASE {sql_string(str(staged))} AS encrypted KEY {sql_string(new_key)}"
            )
            source.execute("SELECT sqlcipher_export('encrypted')")
            source.execute("DETACH DATABASE encrypted")
        except source.DatabaseError as exc:
            for side in SIDE_FILES:
                Path(f"{staged}{side}").unlink(missing_ok=True)
            raise StorageError(
                _("The encrypted copy could not be written: {error}").format(
                    error=describe_system_error(exc)
                )
            ) from exc
        finally:
            source.close()
        check = connect(staged, new_key)
        try:
            problems = [r[0] for r in check.execute("PRAGMA integrity_check")]
            after = _table_counts(check)
            check.execute("PRAGMA journal_mode = WAL")
        finally:
            check.close()
        if problems != ["ok"] or after != before:
            for side in SIDE_FILES:
                Path(f"{staged}{side}").unlink(missing_ok=True)
            raise StorageError(_("The encrypted copy did not match; nothing was changed."))
        replace_database(staged, db_path, lock)


def _plain_cipher_connection(db_path: Path):
    from groupwork.store.database import _sqlcipher

    conn = _sqlcipher().connect(str(db_path), isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 10000")
    return conn


def refuse_if_encrypted(db_path: Path) -> None:
    """``StorageError`` when ``db_path`` is encrypted already (``groupwork rekey`` is the way)."""
    if is_encrypted(db_path):
        raise StorageError(
            _(
                "The database {path} is already encrypted. To change its passphrase, run: "
                "groupwork rekey"
            ).format(path=db_path)
        )


def encrypt_database(db_path: Path, passphrase: str) -> None:
    """Encrypt the plain database at ``db_path`` in place with ``passphrase``.

    A missing or empty file becomes a new, empty encrypted database.
    """
    _check_passphrase(passphrase)
    db_path = Path(db_path)
    refuse_if_encrypted(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        from groupwork.store import Store

        with contextlib.closing(Store.open(db_path, passphrase)):
            return
    _export(db_path, None, passphrase)


def rekey_database(db_path: Path, old_passphrase: str, new_passphrase: str) -> None:
    """Give the encrypted database at ``db_path`` a new passphrase."""
    _check_passphrase(new_passphrase)
    db_path = Path(db_path)
    if not is_encrypted(db_path):
        raise StorageError(
            _("The database {path} is not encrypted. To encrypt it, run: groupwork encrypt").format(
                path=db_path
            )
        )
    connect(db_path, old_passphrase).close()  # WrongPassphrase before anything else
    _export(db_path, old_passphrase, new_passphrase)
