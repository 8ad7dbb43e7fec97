"""Storage: SQLite through sqlite-utils, speaking pydantic models.

``Store.open(path)`` opens (creating if needed) a database, applies pending migrations and
returns a ``Store`` whose methods take and return models from ``groupwork.models``.
"""

from groupwork.store.store import Store

__all__ = ["Store"]
