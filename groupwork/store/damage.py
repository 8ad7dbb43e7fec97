"""What the store says about a database it must not or cannot open as usual.

A damaged file's message names its newest backup: backups are made and named above the store
(``groupwork.safety``), which registers a finder here, so the store never imports upwards. A
server location given to a file-only command is refused with the server's own tools named.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from groupwork.errors import StorageError
from groupwork.i18n import _

# Backups are made and named above the store (groupwork.safety); that layer registers how
# to find the newest backup of a file, so the store can name it without importing upwards.
_backup_finders: list[Callable[[Path], str | None]] = []


def register_backup_finder(finder: Callable[[Path], str | None]) -> None:
    """Tell the store how to name the newest backup of a database file (None: no backup)."""
    if finder not in _backup_finders:
        _backup_finders.append(finder)


def _latest_backup(path: Path) -> str | None:
    for finder in _backup_finders:
        name = finder(path)
        if name:
            return name
    return None


def damaged_message(path: Path, problems: list[str]) -> str:
    """What to tell a person whose database failed its check: what, and how to recover."""
    latest = _latest_backup(path)
    detail = "; ".join(problems[:3])
    if latest:
        return _(
            "The database {path} is damaged ({detail}). Recover it from the latest backup "
            "({backup}) with: groupwork restore --latest"
        ).format(path=path, detail=detail, backup=latest)
    return _(
        "The database {path} is damaged ({detail}) and there is no backup of it. "
        "Keep a copy of the file and ask for help before changing it."
    ).format(path=path, detail=detail)


def refuse_server_location(path: Path | str) -> None:
    """``StorageError`` when ``path`` names an agency database on a server: what works on a
    SQLite file only (encrypt, rekey, backup, restore) must not make a file named like it."""
    from groupwork.paths import is_server_database

    if is_server_database(path):
        raise StorageError(
            _(
                "{location} is an agency database on a server: this works on a database "
                "file only. The server's own tools back it up and restore it: pg_dump for a "
                "copy, pg_restore to bring one back, with the server's encryption and "
                "logins (docs/agency.md)."
            ).format(location=path)
        )
