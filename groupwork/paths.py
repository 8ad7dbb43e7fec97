"""Where groupwork keeps its data: one function per location, each with an override.

Tests point every location at their own ``tmp_path`` through the environment, so nothing
touches a person's real data.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

APP_NAME = "groupwork"

# An agency database on a PostgreSQL server: a URL, or a libpq connection string that starts
# with one of libpq's keywords (``service=NAME``, ``host=... dbname=...``).
_SERVER_LOCATION = re.compile(
    r"^\s*(postgres(ql)?://|(service|host|hostaddr|dbname|user|port|sslmode)\s*=)", re.IGNORECASE
)


def is_server_database(location: str | os.PathLike[str] | None) -> bool:
    """True when ``location`` names a PostgreSQL database rather than a SQLite file."""
    return isinstance(location, str) and bool(_SERVER_LOCATION.match(location))


def user_dir() -> Path:
    """The folder for groupwork's data: ``GROUPWORK_HOME``, else the platform's user data dir."""
    env = os.environ.get("GROUPWORK_HOME")
    if env:
        return _expanded(env)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def private_dir(folder: Path) -> Path:
    """``folder``, created (with its parents) readable by its owner only (0700). groupwork's
    own data folder (``user_dir``) is made 0700 even when it existed: everything in it is
    about people. Another folder that exists is left as its owner set it."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        if folder.resolve() == user_dir().resolve():
            folder.chmod(0o700)
    except OSError:  # not ours to change: the files in it are still created 0600
        pass
    return folder


def errors_log() -> Path:
    """Where unexpected errors are written: ``errors.log`` in ``user_dir()``."""
    return user_dir() / "errors.log"


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path | str:
    """The database to open: ``--db``, else ``GROUPWORK_DB``, else ``groupwork.db`` in ``user_dir()``.

    A file is a ``Path``; an agency database on a server (``is_server_database``) stays the
    ``str`` it was given.
    """
    # ``--db ""`` is given (and names the current folder, which opening then refuses).
    given = explicit if explicit is not None else os.environ.get("GROUPWORK_DB") or None
    if given is None:
        return user_dir() / "groupwork.db"
    if is_server_database(given):
        return str(given).strip()
    return _expanded(given)


def backup_dir(db_path: Path) -> Path:
    """Backups of ``db_path``: ``GROUPWORK_BACKUPS``, else a ``backups`` folder beside it."""
    env = os.environ.get("GROUPWORK_BACKUPS")
    if env:
        return _expanded(env)
    return db_path.parent / "backups"


def reports_dir() -> Path:
    """Where reports are offered to be saved: ``GROUPWORK_REPORTS``, else the person's
    Documents folder when it exists (where a social worker looks for a file to print or
    send), else their home folder."""
    env = os.environ.get("GROUPWORK_REPORTS")
    if env:
        return _expanded(env)
    from platformdirs import user_documents_path

    documents = user_documents_path()
    return documents if documents.is_dir() else Path.home()


def _expanded(text: str) -> Path:
    """``text`` as a path with ``~`` expanded; a ``~user`` that names no user stays as typed
    (then refused as a missing file, in words) rather than raising."""
    try:
        return Path(text).expanduser()
    except RuntimeError:
        return Path(text)
