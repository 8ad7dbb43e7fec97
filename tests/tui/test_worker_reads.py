"""The second store a screen reads through on worker threads (tui/worker_reads.py)."""

from __future__ import annotations

import sqlite3

import pytest

from groupwork.store import Store
from groupwork.tui.worker_reads import SKIPPED, WorkerReads


def test_reads_through_a_second_connection_then_closes_it(tmp_path):
    with Store.open(tmp_path / "reads.db") as store:
        reads = WorkerReads(store)
        seen = []
        assert reads.read(lambda r: seen.append(r) or r.group_count(), lambda: True) == 0
        (reader,) = seen
        assert reader.db.conn is not store.db.conn
        # Opened once: the next read uses the same connection.
        assert reads.read(lambda r: r, lambda: True) is reader
        # A read no longer wanted when its turn comes is not made.
        assert reads.read(lambda r: pytest.fail("read"), lambda: False) is SKIPPED

        # Closed while a read runs: the read closes the connection when it ends.
        def closing(r):
            reads.close()
            return r.group_count()

        assert reads.read(closing, lambda: True) == 0
        with pytest.raises(sqlite3.ProgrammingError):
            reader.db.conn.execute("select 1")
        assert reads.read(lambda r: r, lambda: True) is SKIPPED
        store.group_count()  # the screen's own connection is untouched


def test_a_database_in_memory_is_read_on_its_own_store():
    store = Store.memory()
    assert WorkerReads(store).read(lambda r: r, lambda: True) is None
