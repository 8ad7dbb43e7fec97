"""Loading many rows at once (the agency-scale generator, large imports): one transaction,
one prepared statement per table, every constraint (foreign keys, NOT NULL, unique) kept."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from groupwork.models_lazy import models as m
from groupwork.store.converters import table_name

BATCH = 5000
"""Rows sent to SQLite per ``executemany`` (bounded memory, whatever the total)."""


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    it = iter(rows)
    while batch := list(islice(it, BATCH)):
        yield batch


class BulkLoading:
    """``Store.load_rows``: many stored-format rows into one table (mixed into ``Store``)."""

    db: Any

    def load_rows(self, model_cls: type[m.Record] | str, rows: Iterable[dict[str, Any]]) -> int:
        """Insert ``rows`` (dicts in the stored format of ``converters.to_row``) into the
        table of ``model_cls`` (or the table named, e.g. ``task_assignees``); returns how many.

        Every row of one call has the keys of the first. Runs inside the caller's transaction
        when there is one (``Store.transaction``), so a failure leaves nothing half loaded.
        """
        table = model_cls if isinstance(model_cls, str) else table_name(model_cls)
        if table not in self.db.table_names():
            raise ValueError(f"no table {table!r}")
        count = 0
        conn = self.db.conn
        for batch in _batches(rows):
            columns = list(batch[0])
            sql = (
                f'insert into "{table}" ({", ".join(f"[{c}]" for c in columns)}) '
                f"values ({', '.join('?' * len(columns))})"
            )
            conn.executemany(sql, [[row[c] for c in columns] for row in batch])
            count += len(batch)
        return count
