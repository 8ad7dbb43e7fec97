"""One process of the agency concurrency test: a facilitator recording turns, or a coordinator
reading, for SECONDS; prints a JSON line of what it did and how long each step waited.

    python agency_worker.py record DSN SESSION_ID ACTOR_ID SECONDS
    python agency_worker.py read DSN SECONDS
"""

from __future__ import annotations

import json
import sys
import time

from groupwork import models as m


def record(dsn: str, session_id: str, actor_id: str, seconds: float) -> dict:
    from groupwork.store.postgres import PgStore

    waits, ids = [], []
    with PgStore.open(dsn) as store:
        # "Never waits behind another writer", asked of the server: a turn that waited on a
        # lock for 100 ms fails with LockNotAvailable (the step's wall time also counts the
        # time a loaded machine gives the process no core, which is not waiting on a writer).
        conn = store.conn
        conn.execute("SET lock_timeout = '100ms'")
        if not conn.autocommit:
            conn.commit()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            event = m.ParticipationEvent(session_id=session_id, actor_id=actor_id)
            started = time.perf_counter()
            store.record_turn(event)  # a key press: committed before it returns
            waits.append(time.perf_counter() - started)
            ids.append(event.id)
            time.sleep(0.02)  # a fast typist: 50 keys a second
    return {"ids": ids, "waits": waits}


def read(dsn: str, seconds: float) -> dict:
    import psycopg

    waits = []
    with psycopg.connect(dsn, autocommit=True) as conn:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            started = time.perf_counter()
            conn.execute(
                "select s.group_id, count(*) from coordinator.participation_events e "
                "join coordinator.sessions s on s.id = e.session_id group by s.group_id"
            ).fetchall()
            waits.append(time.perf_counter() - started)
            time.sleep(0.05)
    return {"waits": waits}


if __name__ == "__main__":
    kind, dsn, *rest = sys.argv[1:]
    if kind == "record":
        out = record(dsn, rest[0], rest[1], float(rest[2]))
    else:
        out = read(dsn, float(rest[0]))
    print(json.dumps(out))
