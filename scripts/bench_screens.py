"""Whole screens at agency scale: to first paint, then the longest the UI thread is busy.

    PYTHONPATH=. python scripts/bench_screens.py AGENCY.db [--runs 5] [--before DIR]

Runs the app in this process with Textual's Pilot at 120x40 on AGENCY.db (from
scripts/make_agency_db.py) and, for each screen (home reloaded; the coordinator; the largest
group's dashboard): the time from asking for the screen to the first paint (the screen mounted
and the first refresh done: ``pilot.pause()``), then, for a second after it, the longest stretch
the event loop did not answer (a task that sleeps 5 ms and notes how late it wakes): what a key
pressed then would wait. CPU time of the process over the same stretch is given beside the
wall time. Medians of ``--runs``. ``--before DIR`` measures the code in DIR in a child process
the same way, so both appear in one table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


async def _longest_block(seconds: float) -> float:
    """The longest the event loop was late for a 5 ms sleep over ``seconds`` (ms)."""
    worst, end = 0.0, time.perf_counter() + seconds
    while time.perf_counter() < end:
        asked = time.perf_counter()
        await asyncio.sleep(0.005)
        worst = max(worst, time.perf_counter() - asked - 0.005)
    return worst * 1000


def measure(db: Path, runs: int) -> dict[str, list[tuple[float, float, float]]]:
    """{screen: [(first paint ms, CPU ms, longest block after it ms), ...]}."""
    from groupwork.store import open_store
    from groupwork.tui.app import GroupworkApp
    from groupwork.tui.screens.coordinator import CoordinatorScreen
    from groupwork.tui.screens.dashboard import DashboardScreen

    with open_store(db) as store:
        sizes = {g.id: len(store.members(g.id)) for g in store.groups()[:50]}
    largest = max(sizes, key=sizes.get)
    got: dict[str, list[tuple[float, float, float]]] = {}

    async def run() -> None:
        app = GroupworkApp(db)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await _longest_block(1.5)  # start-up's own work done
            home = app.screen
            screens = {
                "home (reload)": lambda: home.reload(),
                "coordinator": lambda: app.push_screen(CoordinatorScreen()),
                "dashboard (largest of 50 groups)": lambda: app.push_screen(
                    DashboardScreen(largest)
                ),
            }
            for _ in range(runs):
                for name, show in screens.items():
                    start, cpu = time.perf_counter(), time.process_time()
                    shown = show()
                    if asyncio.iscoroutine(shown) or isinstance(shown, asyncio.Future):
                        await shown
                    await pilot.pause()
                    paint = (time.perf_counter() - start) * 1000
                    cpu_ms = (time.process_time() - cpu) * 1000
                    block = await _longest_block(1.0)
                    got.setdefault(name, []).append((paint, cpu_ms, block))
                    if app.screen is not home:
                        app.pop_screen()
                        await pilot.pause()
                        await _longest_block(0.5)

    asyncio.run(run())
    return got


def main() -> int:
    """Print a Markdown table of medians (or, with --json, the raw runs for a parent)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.json:
        print(json.dumps(measure(args.db, args.runs)))
        return 0
    results = {}
    if args.before:
        env = dict(os.environ, PYTHONPATH=str(args.before.resolve()))
        out = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), str(args.db.resolve()), "--json"]
            + ["--runs", str(args.runs)],
            env=env,
            cwd="/",
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results["before"] = json.loads(out.splitlines()[-1])
    results["after"] = measure(args.db, args.runs)
    print(f"medians of {args.runs}; load average {os.getloadavg()[0]:.1f} at the end\n")
    print("| screen | version | first paint | CPU to it | longest UI block after it |")
    print("|---|---|---|---|---|")
    for version, screens in results.items():
        for name, runs in screens.items():
            paint, cpu, block = (statistics.median(r[i] for r in runs) for i in range(3))
            print(f"| {name} | {version} | {paint:.0f} ms | {cpu:.0f} ms | {block:.0f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
