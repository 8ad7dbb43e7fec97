"""Recorder key -> committed on a PostgreSQL server (issue 13: p99 <= 16 ms on a local server).

    .venv/bin/python scripts/bench_pg_recording.py "host=/tmp/pgscale/sock dbname=agency ..."
        [--as dao] [--turns 1000]

Times ``PgStore.record_turn`` (what the recorder calls for a key: one INSERT, committed, with
row-level security's WITH CHECK when ``--as`` names a facilitator login) in a session of one
of that login's groups (a new group when the owner records). A person's pace is simulated with
a 20 ms pause between keys (50 keys a second, faster than anyone types). The server should be
durable (fsync on), as an agency's is: the scripts/tests' throwaway servers are not.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date

from groupwork import models as m
from groupwork.store.postgres import PgStore


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dsn")
    parser.add_argument("--as", dest="login", default="")
    parser.add_argument("--turns", type=int, default=1000)
    args = parser.parse_args()
    with PgStore.open(args.dsn) as store:
        durability = store.durability()
        fsync, commit = durability["fsync"], durability["synchronous_commit"]
        if args.login:
            store.act_as(args.login)
        group = store.add(m.Group(name="กลุ่มน้ำ (bench)")) if not args.login else store.groups()[0]
        member = store.add(m.Member(group_id=group.id, real_name="สุข", pseudonym="สุข"))
        number = store.next_session_number(group.id)
        session = store.add(
            m.Session(group_id=group.id, number=number, held_on=date.today(), status="held")
        )
        waits = []
        for i in range(args.turns):
            event = m.ParticipationEvent(
                session_id=session.id, actor_id=member.id if i % 4 else m.FACILITATOR
            )
            start = time.perf_counter()
            store.record_turn(event)
            waits.append((time.perf_counter() - start) * 1000)
            time.sleep(0.02)
        stored = len(store.participation(session.id))
    waits.sort()
    p99 = waits[int(len(waits) * 0.99) - 1]
    print(
        f"{args.login or 'owner'}: {len(waits)} keys (fsync={fsync}, synchronous_commit={commit}),"
        f" {stored} stored; median {statistics.median(waits):.2f} ms, p99 {p99:.2f} ms,"
        f" max {waits[-1]:.2f} ms"
    )
    return 0 if stored == len(waits) else 1


if __name__ == "__main__":
    sys.exit(main())
