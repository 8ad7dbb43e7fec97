"""Moved to ``groupwork.store.exclusive`` (exclusive access is a property of the SQLite file).

Re-exported for groupwork/safety/backup.py until the safefiles branch imports it from the
store; delete this module when it merges.
"""

from groupwork.store.exclusive import DatabaseInUse, exclusive_access, replace_database

__all__ = ["DatabaseInUse", "exclusive_access", "replace_database"]
