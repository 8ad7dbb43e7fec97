"""Opening a SQLite database the way groupwork needs it, plain or encrypted.

Every connection gets: WAL (so the TUI and a CLI command can write at once and a crash never
loses a committed event), foreign keys, a busy timeout (a second writer waits instead of
failing), ``synchronous=FULL`` so what was acknowledged is on disk, and ``secure_delete`` so
deleted or overwritten personal data is zeroed rather than left in free pages.

Encryption at rest is optional: a database created with a passphrase is a SQLCipher file
(opened through ``sqlcipher3``, which is only imported when a file is encrypted, so the plain
path starts as fast as before). An encrypted file is recognised by its first bytes: a plain
SQLite file always starts with ``SQLITE_HEADER``; a SQLCipher file starts with random salt.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from groupwork import paths
from groupwork.errors import StorageError, describe_system_error
from groupwork.i18n import _
from groupwork.paths import is_server_database
from groupwork.store.file_locks import read_head, tracked
from groupwork.typed_input import is_special_file, not_regular_message

BUSY_TIMEOUT_MS = 10_000
WAL_SIZE_LIMIT_BYTES = 8 * 1024 * 1024
SQLITE_HEADER = b"SQLite format 3\x00"
PASSPHRASE_ENV = "GROUPWORK_PASSPHRASE"
USER_ENV = "GROUPWORK_USER"


class PassphraseRequired(StorageError):
    """The database is encrypted and no passphrase was given."""


class WrongPassphrase(StorageError):
    """The passphrase does not open the encrypted database."""


class DamagedDatabase(StorageError):
    """The database failed its integrity check."""


class MissingDatabase(StorageError):
    """A command that does not start a database was given a file that does not exist."""


def refuse_unusable_location(path: Path | str, *, create: bool = True) -> None:
    """Refuse, before anything is opened or made, a database location that is a pipe, socket
    or device (opening a FIFO would wait for a writer), or (``create=False``) a file that does
    not exist: a mistyped ``--db`` for a command that only reads must not make a database."""
    if str(path) == ":memory:" or is_server_database(path):
        return
    if is_special_file(path):
        raise StorageError(not_regular_message(path))
    if not create and not os.path.lexists(path):
        raise MissingDatabase(
            _(
                "There is no database at {path}. Check the name, or start one there with: "
                "groupwork --db {path}"
            ).format(path=path)
        )


MIN_PAGE_SIZE = 512
"""SQLite's smallest page: every database file, plain or encrypted, is whole pages long."""


def is_encrypted(path: Path | str) -> bool:
    """True if ``path`` looks like a SQLCipher file: whole pages long, not starting like a
    plain SQLite file.

    A text file or a short scrap is not taken for an encrypted database (which would ask for
    a passphrase that cannot exist); opening it then says it is not a groupwork database.
    """
    if str(path) == ":memory:" or is_special_file(path):
        return False  # a FIFO would block the read below; opening refuses it in words
    try:
        # Never open() and close() a database file here: see store/file_locks.py.
        head, size = read_head(path, len(SQLITE_HEADER))
    except (FileNotFoundError, IsADirectoryError):
        return False
    if not head or head == SQLITE_HEADER:
        return False
    return size >= MIN_PAGE_SIZE and size % MIN_PAGE_SIZE == 0


def env_passphrase() -> str | None:
    """The passphrase scripts give through ``GROUPWORK_PASSPHRASE`` (empty counts as none)."""
    return os.environ.get(PASSPHRASE_ENV) or None


def current_user() -> str:
    """Who is making changes, for the audit log: ``GROUPWORK_USER``, else the OS user."""
    env = os.environ.get(USER_ENV, "").strip()
    if env:
        return env
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment (some containers)
        return "unknown"


def create_private_file(path: Path) -> None:
    """Create ``path`` (empty) readable by its owner only, if it does not exist yet; a folder
    made for it is its owner's only too (0700), and groupwork's own data folder is made so."""
    paths.private_dir(path.parent)
    if not path.exists():
        # Create the file ourselves so it is never world-readable, not even for a moment.
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


def sql_string(text: str) -> str:
    """``text`` as a SQL string literal (PRAGMA key takes no bound parameters)."""
    return "'" + text.replace("'", "''") + "'"


def _sqlcipher():
    try:
        import sqlcipher3
    except ImportError as exc:  # pragma: no cover - sqlcipher3 is a dependency
        raise StorageError(
            _("Encrypted databases need the sqlcipher3 package, which is not installed.")
        ) from exc
    return sqlcipher3


def connect(path: Path | str, passphrase: str | None = None) -> Any:
    """A connection to ``path``: sqlite3 when plain, sqlcipher3 keyed with ``passphrase``.

    The file is created readable by its owner only. With a passphrase, the key is checked at
    once so a wrong one fails here with ``WrongPassphrase``, not later in some query.
    """
    path_str = str(path)
    refuse_unusable_location(path)
    if path_str != ":memory:" and Path(path_str).is_dir():
        raise StorageError(
            _("{path} is a folder; give the database's file name (for example {example}).").format(
                path=path, example=Path(path_str) / "groupwork.db"
            )
        )
    if path_str != ":memory:":
        create_private_file(Path(path_str))
    try:
        # isolation_level=None: sqlite-utils decides transactions (atomic()); every single
        # write outside one is committed at once.
        if passphrase is None:
            return sqlite3.connect(
                path_str,
                factory=tracked(sqlite3.Connection),
                timeout=BUSY_TIMEOUT_MS / 1000,
                check_same_thread=False,
                isolation_level=None,
            )
        cipher = _sqlcipher()
        conn = cipher.connect(
            path_str,
            factory=tracked(cipher.Connection),
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
            isolation_level=None,
        )
    except sqlite3.Error as exc:
        raise StorageError(
            _("Cannot open the database {path}: {error}").format(
                path=path, error=describe_system_error(exc)
            )
        ) from exc
    try:
        # SQLCipher logs failed decryption to stderr; the person gets our message instead.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {sql_string(passphrase)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except cipher.DatabaseError as exc:
        conn.close()
        raise WrongPassphrase(
            _(
                "The passphrase does not open {path} (or the file is damaged). "
                "Check the passphrase and try again."
            ).format(path=path)
        ) from exc
    return conn


@contextmanager
def waiting_at_most(conn: Any, milliseconds: int) -> Iterator[None]:
    """Within the block, a write on ``conn`` waits at most ``milliseconds`` for another
    process's write lock (then SQLite answers busy); the connection's own wait after."""
    waits = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute(f"PRAGMA busy_timeout = {min(waits, milliseconds)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA busy_timeout = {waits}")


def configure(db: Database, *, wal: bool = True) -> Database:
    """Apply the pragmas every groupwork connection needs."""
    conn = db.conn
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    if wal and not db.memory:
        db.enable_wal()
        # After each checkpoint the WAL file is cut back to this size, so a big import or a
        # restore does not leave a file of hundreds of megabytes beside the database.
        conn.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT_BYTES}")
    conn.execute("PRAGMA synchronous = FULL")
    # The audit triggers ask the connection who is making the change.
    user = current_user()
    conn.create_function("groupwork_actor", 0, lambda: user, deterministic=True)
    # sqlite-utils finds out whether SQLite has "ON CONFLICT DO UPDATE" by writing a scratch
    # table on the first upsert; when another process holds the write lock just then, the
    # probe fails and every later upsert on this connection falls back to "INSERT OR IGNORE"
    # then UPDATE, which silently stores nothing for a new row with required columns (found
    # with a form saved during an import). Every SQLite groupwork runs on has it (3.24+).
    db._supports_on_conflict = sqlite3.sqlite_version_info >= (3, 24, 0)  # type: ignore[attr-defined]
    return db


def resolve_passphrase(path: Path | str, passphrase: str | None) -> str | None:
    """The passphrase to use for ``path``.

    An encrypted file needs one (given, else ``GROUPWORK_PASSPHRASE``, else
    ``PassphraseRequired``). A new or empty file is created encrypted when a passphrase is
    given or set in the environment. An existing plain file is opened plain: the environment
    variable may be set for other databases, but a passphrase given explicitly for a plain file
    is refused so nobody believes an unencrypted file is protected.
    """
    if str(path) == ":memory:":
        return None
    if is_encrypted(path):
        found = passphrase or env_passphrase()
        if not found:
            raise PassphraseRequired(
                _("The database {path} is encrypted: give its passphrase.").format(path=path)
            )
        return found
    p = Path(path)
    if not p.exists() or p.stat().st_size == 0:
        return passphrase or env_passphrase()
    if passphrase:
        raise StorageError(
            _("The database {path} is not encrypted. To encrypt it, run: groupwork encrypt").format(
                path=path
            )
        )
    return None


def open_database(path: Path | str, passphrase: str | None = None) -> Database:
    """Open ``path`` as a configured sqlite-utils ``Database`` (see ``resolve_passphrase``)."""
    key = resolve_passphrase(path, passphrase)
    conn = connect(path, key)
    try:
        # No sqlite-utils plugins: groupwork uses none, and looking for them reads every
        # installed package's metadata (~12 ms of each start).
        db = Database(conn, execute_plugins=False)
        return configure(db, wal=str(path) != ":memory:")
    except conn.DatabaseError as exc:
        conn.close()
        if not _is_content_error(exc):
            # The file may be fine: the disk or the folder is the problem (full, read-only).
            folder = Path(path).parent
            reason = (
                _("groupwork may not write in the folder {folder}").format(folder=folder)
                if not os.access(folder, os.W_OK)
                else describe_system_error(exc)
            )
            raise StorageError(
                _("Cannot open the database {path}: {error}").format(path=path, error=reason)
            ) from exc
        raise StorageError(
            _("The file {path} is not a groupwork database or is damaged: {error}").format(
                path=path, error=exc
            )
        ) from exc


def _is_content_error(exc: Exception) -> bool:
    """True when SQLite blames the file's content (not a database, malformed), not the disk."""
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "encrypted" in text


QUICK_CHECK_ON_OPEN_MAX_BYTES = 16 * 1024 * 1024
"""Files up to this size get the full ``quick_check`` on every open (a few ms: it reads every
page); larger ones get ``header_problems`` only, and the full check on backup and on
``groupwork check``, so opening an agency's database does not read it all."""


def header_problems(path: Path | str) -> list[str]:
    """Problems the file's first page shows (cheap: reads 100 bytes and the file's size).

    A plain SQLite file names its page size at offset 16 (a power of two, 512 to 65536, where
    1 means 65536) and is a whole number of pages long; anything else was cut short or
    overwritten. Encrypted files carry salt there instead and are checked by their key.
    """
    if str(path) == ":memory:" or is_encrypted(path):
        return []
    try:
        head, size = read_head(path, 100)
    except OSError:
        return []
    if size == 0 or head[:16] != SQLITE_HEADER:
        return []  # new, or not SQLite at all: opening it says which
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < MIN_PAGE_SIZE or page_size > 65536 or page_size & (page_size - 1):
        return [f"page size {page_size} in the header"]
    if len(head) < 100 or size % page_size:
        return [f"file of {size} bytes is not whole pages of {page_size}"]
    return []


def needs_full_check_on_open(path: Path | str) -> bool:
    """True when the file is small enough for ``quick_check`` on every open."""
    if str(path) == ":memory:":
        return False
    try:
        return os.path.getsize(path) <= QUICK_CHECK_ON_OPEN_MAX_BYTES
    except OSError:
        return False


def foreign_key_problems(db: Database) -> list[str]:
    """Rows whose foreign key points at nothing (``PRAGMA foreign_key_check``), described."""
    rows = db.conn.execute("PRAGMA foreign_key_check").fetchall()
    return [f"{r[0]} row {r[1]} -> {r[2]}" for r in rows]


def quick_check(db: Database) -> list[str]:
    """Problems ``PRAGMA quick_check`` finds (empty when the database is sound)."""
    rows = [r[0] for r in db.conn.execute("PRAGMA quick_check").fetchall()]
    return [] if rows == ["ok"] else rows


def integrity_check(db: Database) -> list[str]:
    """Problems the full ``PRAGMA integrity_check`` finds (empty when sound)."""
    rows = [r[0] for r in db.conn.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows
