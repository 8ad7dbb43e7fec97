"""Moved to ``groupwork.store.encryption`` (SQLCipher is a property of the SQLite engine).

Re-exported for groupwork/commands/safety.py until the safefiles branch imports it from the
store; delete this module when it merges.
"""

from groupwork.store.encryption import encrypt_database, refuse_if_encrypted, rekey_database

__all__ = ["encrypt_database", "refuse_if_encrypted", "rekey_database"]
