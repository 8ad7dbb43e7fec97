"""Benchmark: keypress -> committed -> rendered, over 1,000 logged turns in the recorder.

    PYTHONPATH=. python scripts/bench_recording.py [--turns 1000] [--db /tmp/bench.db]
    PYTHONPATH=. python scripts/bench_recording.py --db postgresql:///postgres?host=/run/postgresql

With a PostgreSQL location (a URL or libpq string) the script creates a throwaway database on
that server (the login needs CREATEDB), records into it through ``PgStore`` and drops it.

Drives the real RecorderScreen through Textual's Pilot on a database file (WAL,
synchronous=FULL, as in use). For each turn it takes the time just before the key is sent,
the time the recorder's commit returned, and the time the member board was next drawn; it
prints median and 99th percentile of both, and the cost of one ``set_notes`` call (the notes
pane saves on every change). Not a test: numbers depend on the machine and its disk.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from groupwork.paths import is_server_database  # noqa: E402
from groupwork.store import Store, open_store  # noqa: E402
from groupwork.tui.widgets.recorder_board import MemberBoard  # noqa: E402
from tests.tui.recorder_app import RecorderTestApp, build_group  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class AnyEngineRecorderApp(RecorderTestApp):
    """The recorder test app on whichever engine the location names."""

    def open_store(self, passphrase: str | None) -> None:
        from groupwork.tui.screens.recorder import RecorderScreen
        from tests.tui.recorder_app import GROUP_ID

        self.store = open_store(self.db_path)
        self.push_screen(RecorderScreen(self.store, GROUP_ID, self.session_id), self.closed.append)


def throwaway_database(location: str) -> tuple[str, object]:
    """A new database on the server ``location`` names, and a function that drops it."""
    import psycopg
    from psycopg import conninfo

    from groupwork.store.postgres.connection import safe_conninfo

    name = f"groupwork_bench_{time.time_ns()}"
    admin = safe_conninfo(location)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return conninfo.make_conninfo(admin, dbname=name), drop


async def measure(db_path: Path | str, turns: int) -> dict[str, list[float]]:
    app = AnyEngineRecorderApp(db_path)
    committed: list[float] = []
    rendered: list[float] = []
    notes: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        recorder = screen.recorder
        board = screen.query_one(MemberBoard)

        commit_times: list[float] = []
        original_log_turn = recorder.log_turn

        def timed_log_turn(*args, **kwargs):
            event = original_log_turn(*args, **kwargs)
            commit_times.append(time.perf_counter())
            return event

        recorder.log_turn = timed_log_turn
        render_times: list[float] = []
        original_render = board.render

        def timed_render():
            result = original_render()
            render_times.append(time.perf_counter())
            return result

        board.render = timed_render

        keys = "1234567890"
        for i in range(turns):
            # Vary speakers so responses are inferred, as in a real session.
            key = keys[(i * 7 + i // 10) % len(keys)]
            before = time.perf_counter()
            renders_before = len(render_times)
            await pilot.press(key)
            while len(render_times) == renders_before:
                await asyncio.sleep(0)
            committed.append(commit_times[-1] - before)
            rendered.append(render_times[renders_before] - before)

        text = ""
        for word in ("Dao spoke about the night shift and " * 20).split():
            text += word + " "
            start = time.perf_counter()
            recorder.set_notes(text)
            notes.append(time.perf_counter() - start)
        assert len(recorder.turns) == turns
    return {"committed": committed, "rendered": rendered, "notes": notes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=1000)
    parser.add_argument("--db", default=None, help="a database file or a PostgreSQL location")
    args = parser.parse_args()
    if args.db and is_server_database(args.db):
        location, drop = throwaway_database(args.db)
        try:
            with open_store(location) as store:
                build_group(store)
            results = asyncio.run(measure(location, args.turns))
        finally:
            drop()  # type: ignore[operator]
    else:
        with tempfile.TemporaryDirectory() as tmp:
            db_path = Path(args.db) if args.db else Path(tmp) / "bench.db"
            if db_path.exists():
                db_path.unlink()
            with Store.open(db_path) as store:
                build_group(store)
            results = asyncio.run(measure(db_path, args.turns))
    print(f"machine: {platform.platform()}, {platform.processor() or platform.machine()}")
    print(f"python {platform.python_version()}, turns: {args.turns}, engine: {engine(args.db)}")
    for name, values in results.items():
        ms = [v * 1000 for v in values]
        print(
            f"{name:>10}: median {statistics.median(ms):.2f} ms, "
            f"p99 {percentile(ms, 0.99):.2f} ms, max {max(ms):.2f} ms (n={len(ms)})"
        )


def engine(location: str | None) -> str:
    """Which engine the numbers are for (never the location itself: it may name a login)."""
    return "postgresql" if location and is_server_database(location) else "sqlite"


if __name__ == "__main__":
    main()
