"""Data safety: backups, erasure, audit log, exclusive access for whole-file operations.

Core code: never imports textual. See docs/privacy.md for what is stored and how it is
protected.

Importing this package tells the store how to name a file's newest backup, so a damaged
database's message says which backup to restore (the store sits below safety and cannot
import it). The doors import it before they open the store.
"""

from pathlib import Path

from groupwork.store.store import register_backup_finder


def latest_backup_name(path: Path) -> str | None:
    """The file name of the newest backup of the database ``path``, or None."""
    from groupwork.safety.backup import list_backups  # late: backups are rarely needed

    backups = list_backups(path)
    return backups[0].path.name if backups else None


register_backup_finder(latest_backup_name)
