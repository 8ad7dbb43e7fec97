"""Three processes at once on the agency database: two facilitators recording in their own
groups and a coordinator reading. No event is lost, no key waits 100 ms on a lock (the server
refuses it), and 99 keys in 100 take less than 100 ms of wall time.

Runs GROUPWORK_PG_CONCURRENCY_SECONDS (default 10; the issue asks for 60, which CI can set).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.store.postgres import PgStore

WORKER = Path(__file__).with_name("agency_worker.py")


@pytest.mark.slow
def test_two_facilitators_record_while_a_coordinator_reads(pg_server, pg_dsn):
    seconds = float(os.environ.get("GROUPWORK_PG_CONCURRENCY_SECONDS", "10"))
    name = re.search(r"dbname=(\S+)", pg_dsn).group(1)
    runner = CliRunner()
    assert runner.invoke(cli, ["agency", "init", pg_dsn]).exit_code == 0
    for login, role in [("dao", "facilitator"), ("porn", "facilitator"), ("fon", "coordinator")]:
        result = runner.invoke(cli, ["--db", pg_dsn, "agency", "add-user", login, "--role", role])
        assert result.exit_code == 0, result.output
    sessions = {}
    for login in ("dao", "porn"):
        with PgStore.open(pg_server.dsn(name, user=login)) as store:
            group = store.add(m.Group(name=f"กลุ่ม{login}"))
            member = store.add(m.Member(group_id=group.id, real_name="สุข", pseudonym="M1"))
            session = store.add(m.Session(group_id=group.id, number=1, held_on=date(2026, 3, 2)))
            sessions[login] = (session.id, member.id)
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(WORKER),
                "record",
                pg_server.dsn(name, user=login),
                sessions[login][0],
                sessions[login][1],
                str(seconds),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for login in ("dao", "porn")
    ]
    procs.append(
        subprocess.Popen(
            [sys.executable, str(WORKER), "read", pg_server.dsn(name, user="fon"), str(seconds)],
            stdout=subprocess.PIPE,
            text=True,
        )
    )
    results = [json.loads(p.communicate(timeout=seconds + 60)[0]) for p in procs]
    assert all(p.returncode == 0 for p in procs)
    with PgStore.open(pg_dsn) as store:
        for login, result in zip(("dao", "porn"), results, strict=False):
            stored = {e.id for e in store.participation(sessions[login][0])}
            assert stored == set(result["ids"]) and len(result["ids"]) > 10 * seconds
    waits = sorted(w for r in results for w in r["waits"])
    p99 = waits[int(len(waits) * 0.99)]
    print(
        f"\n{len(waits)} steps; p50 {waits[len(waits) // 2] * 1000:.1f} ms, "
        f"p99 {p99 * 1000:.1f} ms, max {waits[-1] * 1000:.1f} ms"
    )
    # No step waited on a lock for 100 ms (the workers' lock_timeout would have failed them);
    # the wall time of the steps, which a loaded machine stretches, is held at the 99th
    # percentile.
    assert p99 < 0.1, f"1 step in 100 took {p99 * 1000:.0f} ms"
