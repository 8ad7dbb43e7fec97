"""Whole screens at agency scale: to first paint, then the longest the UI thread is busy.

    PYTHONPATH=. python scripts/bench_screens.py DB [--runs 5] [--before DIR [--before-db DB2]]
        [--only WORD | --screen WORD]

DB is a SQLite file (scripts/make_agency_db.py, or a one-group demo database as the yardstick)
or a PostgreSQL URL (scripts/load_agency_pg.py). The app runs in this process with Textual's
Pilot at 120x40 and, for each screen (home reloaded, with nothing written since its last read
and after a write; the coordinator; the coordinator's task tab filtered by a member's
pseudonym; the largest group's dashboard), measures:

- **first paint**: from asking for the screen to the end of the first refresh after its data
  is on it (a ``call_after_refresh`` posted when the screen has filled its tables);
- **longest UI block after it**: a probe on the event loop wakes every 10 ms and notes how late
  it woke; the worst lateness of a wake-up whose wait began after the first paint, over the
  next second, is what a key pressed then would wait; beside it, the most CPU time the UI
  thread used in one such wait (on a shared machine a late wake-up may be waiting for a core);
- the CPU time of the process to the first paint;
- **drawn**: the end of the first compositor refresh (Textual drawing the screen) that begins
  after the first-paint mark. The mark runs when the screen goes idle with its data in, which
  can come before the frame that draws it (a table draws its rows on the next update tick:
  ~20 ms for a screenful of home's rows at 120x40); when the screen was drawn before the mark,
  this is a later frame, so it is an upper bound;
- the time the cyclic garbage collector's passes took between asking for the screen and its
  drawing, and how many of them were full (generation 2) passes;
- **first frame**: the end of the first compositor refresh (a frame drawn) of the screen on
  top that begins after the screen was asked for: what the person first sees of it. The
  mark above waits for the screen to go idle, which Textual reaches only after it has laid
  the new screen out two or three times (each layout's size changes ask for another), the
  last ones a frame apart. With ``--frames`` the text of that first frame is compared with
  the text the screen shows a second later, and the table says in how many runs they were
  the same (the comparison itself takes a few ms after that frame, so the other columns of
  such a run are not comparable with a run without it); with ``BENCH_SHOW_FRAMES=1`` in the
  environment the lines that differ are written to stderr.

Medians of ``--runs``. ``--before DIR`` measures the code in DIR in a child process the same
way, interleaved run by run with this tree's, so both appear in one table; ``--before-db``
gives it a copy of the database without this tree's migrations (older code refuses a newer
schema).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

TICK = 0.010


class Probe:
    """Wakes every ``TICK`` on the event loop and keeps (when its wait began, how late)."""

    def __init__(self) -> None:
        self.samples: list[tuple[float, float]] = []
        self._task: asyncio.Task | None = None

    async def _run(self) -> None:
        while True:
            asked, cpu = time.perf_counter(), time.thread_time()
            await asyncio.sleep(TICK)
            late = time.perf_counter() - asked - TICK
            # The UI thread's own CPU over the same stretch: on a shared machine a late
            # wake-up can be the process waiting for a core, not the app working.
            self.samples.append((asked, late, time.thread_time() - cpu))

    def start(self) -> None:
        """Start probing on the running loop."""
        self._task = asyncio.get_running_loop().create_task(self._run())

    def worst(self, since: float, until: float, *, cpu: bool = False) -> float:
        """The latest wake-up (ms) among waits that began in [since, until); with ``cpu``,
        the most CPU the UI thread used in one such wait (its work, without waiting)."""
        late = [s[2 if cpu else 1] for s in self.samples if since <= s[0] < until]
        return max(late, default=0.0) * 1000


def _member_pseudonym(store) -> str:
    """A pseudonym many members share in the agency file (ดาว), else the first member's."""
    found = list(store.members_anywhere("ดาว"))
    if found:
        return "ดาว"
    groups = store.groups()
    members = store.members(groups[0].id) if groups else []
    return members[0].pseudonym if members else "ดาว"


def screen_text(screen) -> str:
    """What ``screen`` shows now, as text (no colours), line by line."""
    return "\n".join(
        "".join(seg.text for seg in strip) for strip in screen._compositor.render_strips()
    )


def measure(
    db: str, runs: int, only: list[str] | None = None, frames: bool = False, seed: int = 0
) -> dict[str, list[tuple]]:
    """{screen: [(first paint ms, CPU ms, longest block after it ms, its CPU ms, drawn ms,
    collector ms, full passes, first frame ms, first frame the same as settled (None
    without ``frames``)), ...]}, for the screens whose name contains one of ``only``."""
    from textual.widgets import Input

    from groupwork.store import open_store
    from groupwork.tui.app import GroupworkApp

    with open_store(db, create=False) as store:
        sizes = {g.id: len(store.members(g.id)) for g in store.groups()[:50]}
        who = _member_pseudonym(store)
    largest = max(sizes, key=sizes.get)
    got: dict[str, list[tuple[float, float, float]]] = {}
    probe = Probe()
    from textual.screen import Screen

    refreshes: list[tuple[float, float]] = []  # (start, end) of each frame of the top screen
    compositor_refresh = Screen._compositor_refresh

    first_frame: dict = {"since": None, "text": None}  # the run's first frame, with --frames

    def timed_refresh(screen) -> None:
        start = time.perf_counter()
        compositor_refresh(screen)
        if screen is screen.app.screen:
            refreshes.append((start, time.perf_counter()))
            since = first_frame["since"]
            if frames and since is not None and start >= since and first_frame["text"] is None:
                first_frame["text"] = screen_text(screen)

    Screen._compositor_refresh = timed_refresh
    collections: list[tuple[float, float, int]] = []  # (start, end, generation) of each pass

    def timed_collection(phase: str, info: dict) -> None:
        if phase == "start":
            collections.append((time.perf_counter(), 0.0, info["generation"]))
        elif collections:
            begun, _, generation = collections[-1]
            collections[-1] = (begun, time.perf_counter(), generation)

    gc.callbacks.append(timed_collection)

    def painted_after(screen_class):
        """A subclass whose mount (data on it) posts a refresh-then-mark."""
        done = asyncio.Event()

        class Marked(screen_class):
            def on_mount(self) -> None:
                self.call_after_refresh(done.set)

        return Marked, done

    async def run() -> None:
        # As `groupwork` starts it (cli.run_tui): the collector paused until the first screen
        # is drawn, then what start-up made frozen (left out of later full passes).
        gc.disable()
        app = GroupworkApp(db, gc_paused=True)
        async with app.run_test(size=(120, 40)) as pilot:
            probe.start()
            await pilot.pause()
            await asyncio.sleep(1.5)  # start-up's own work done
            home = app.screen
            # Imported once the app runs, as the app itself imports them when first opened
            # (not frozen with what start-up made): the warm-up pass then opens them.
            from groupwork.tui.screens.coordinator import CoordinatorScreen
            from groupwork.tui.screens.dashboard import DashboardScreen

            async def show_home() -> None:
                done = asyncio.Event()
                home.call_after_refresh(done.set)  # runs after the refresh that follows
                home.reload()
                await done.wait()

            async def push(screen_class, *args) -> None:
                marked, done = painted_after(screen_class)
                app.push_screen(marked(*args))
                await done.wait()

            async def member_filter(run_number: int) -> None:
                await push(CoordinatorScreen)
                await asyncio.sleep(1.0)
                app.screen.action_show_tab("tasks")
                # As a person types a filter: after the tab has settled. At 0.3 s the tab
                # underline's move (0.3 s) still kept Textual's frame timer ticking, so the
                # first key's layout waited for the next tick and the page's read shared it:
                # 20-30 ms less than a person typing a second later gets. A person's key
                # lands anywhere in the frame cycle: a fixed wait put every run at one phase
                # of Textual's timers, and a change elsewhere that moved that phase moved the
                # figure by half a frame (8 ms, the same CPU). A phase per run (0-33 ms, the
                # same for both versions of a --before comparison: ``seed``) spreads it.
                await asyncio.sleep(1.0 + random.Random(seed * 1000 + run_number).random() / 30)
                return app.screen

            def task_added() -> None:
                # A write since home's last read that changes what it shows (a task due
                # yesterday added to the largest group, through the app's store: its overdue
                # count), so home must read again. The group saved as it was changes nothing
                # home shows, and since m193 home reads nothing for it.
                from datetime import date, timedelta

                from groupwork import models as m

                due = date.today() - timedelta(days=1)
                app.store.add(m.Task(group_id=largest, title="bench: overdue", due_on=due))

            prepare = {"home (reload after a write)": task_added}
            screens = {
                "home (reload)": show_home,
                "home (reload after a write)": show_home,
                "coordinator": lambda: push(CoordinatorScreen),
                "member filter": None,
                "dashboard (largest of 50 groups)": lambda: push(DashboardScreen, largest),
            }
            if only:
                screens = {k: v for k, v in screens.items() if any(w in k for w in only)}
            for run_number in range(runs + 1):  # the first warms up (imports, caches)
                for name, show in screens.items():
                    before_filter = None
                    if show is None:  # the filter: typed into an open coordinator screen
                        screen = await member_filter(run_number)
                        before_filter = screen
                    if name in prepare:
                        prepare[name]()
                        await asyncio.sleep(0.3)  # its own work done
                    start, cpu = time.perf_counter(), time.process_time()
                    first_frame.update(since=start, text=None)
                    if before_filter is not None:
                        done = asyncio.Event()
                        read_page = before_filter.load_tasks

                        def page_then_mark(
                            *args, read_page=read_page, screen=before_filter, done=done
                        ):
                            # Input.Changed is a message: the page is read when it is handled,
                            # and the mark follows the refresh after that (a mark asked for
                            # right after setting the value could come before the page).
                            read_page(*args)
                            screen.call_after_refresh(done.set)

                        before_filter.load_tasks = page_then_mark
                        before_filter.query_one("#f-member", Input).value = who
                        await done.wait()
                        del before_filter.load_tasks
                    else:
                        await show()
                    paint_at = time.perf_counter()
                    paint = (paint_at - start) * 1000
                    cpu_ms = (time.process_time() - cpu) * 1000
                    await asyncio.sleep(1.0)
                    frame = next((end for begun, end in refreshes if begun >= paint_at), paint_at)
                    drawn = (min(frame, paint_at + 1.0) - start) * 1000
                    passes = [c for c in collections if start <= c[0] < start + drawn / 1000]
                    collected = sum(end - begun for begun, end, _ in passes) * 1000
                    full = sum(1 for *_, generation in passes if generation == 2)
                    seen = next((end for begun, end in refreshes if begun >= start), paint_at)
                    first_ms = (seen - start) * 1000
                    same = first_frame["text"] == screen_text(app.screen) if frames else None
                    if same is False and os.environ.get("BENCH_SHOW_FRAMES"):
                        import difflib

                        sys.stderr.write(
                            f"--- {name}\n"
                            + "\n".join(
                                difflib.unified_diff(
                                    first_frame["text"].splitlines(),
                                    screen_text(app.screen).splitlines(),
                                    lineterm="",
                                    n=0,
                                )
                            )
                            + "\n"
                        )
                    block = probe.worst(paint_at, paint_at + 1.0)
                    block_cpu = probe.worst(paint_at, paint_at + 1.0, cpu=True)
                    if run_number:
                        got.setdefault(name, []).append(
                            (paint, cpu_ms, block, block_cpu, drawn, collected, full)
                            + (first_ms, same)
                        )
                    while app.screen is not home:
                        app.pop_screen()
                        await pilot.pause()
                    await asyncio.sleep(0.3)

    asyncio.run(run())
    return got


def _ms(value: float) -> str:
    """Milliseconds as the table shows them: a tenth under 10 ms (home's reload takes 1-5),
    whole ones above."""
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


def _child(
    tree: Path, db: str, runs: int, only: list[str] | None, frames: bool, phase: int
) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree.resolve()))
    screens = [arg for word in only or () for arg in ("--only", word)]
    screens += ["--phase", str(phase)]
    screens += ["--frames"] if frames else []
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), db, "--json", "--runs", str(runs)]
        + screens,
        env=env,
        cwd="/",
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.splitlines()[-1])


def main() -> int:
    """Print a Markdown table of medians (or, with --json, the raw runs for a parent)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("db", help="a SQLite file or a postgresql:// URL")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path)
    parser.add_argument(
        "--before-db",
        help="the database the --before code opens, when this tree's migrations changed the "
        "schema (a copy of DB without them: the older code refuses a newer database)",
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--phase", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument(
        "--frames",
        action="store_true",
        help="compare each first frame's text with the settled screen's (adds a few ms)",
    )
    parser.add_argument(
        "--only",
        "--screen",
        action="append",
        metavar="WORD",
        help="only the screens whose name holds WORD (repeatable): home, coordinator, "
        "member filter, dashboard",
    )
    args = parser.parse_args()

    def located(db: str) -> str:
        return db if "://" in db or "=" in db else str(Path(db).resolve())

    db = located(args.db)
    before_db = located(args.before_db) if args.before_db else db
    if args.json:
        print(json.dumps(measure(db, args.runs, args.only, args.frames, args.phase)))
        return 0
    here = Path(__file__).resolve().parent.parent
    results: dict[str, dict[str, list]] = {}
    loads = []
    for run in range(args.runs):  # interleaved: one run of each version at a time
        loads.append(os.getloadavg()[0])
        for version, tree, opened in (("before", args.before, before_db), ("after", here, db)):
            if tree is None:
                continue
            for name, runs in _child(tree, opened, 1, args.only, args.frames, run).items():
                results.setdefault(version, {}).setdefault(name, []).extend(runs)
    loads.append(os.getloadavg()[0])
    print(f"medians of {args.runs}; load average {min(loads):.1f} to {max(loads):.1f}\n")
    print(
        "| screen | version | first frame | first paint | drawn | CPU to it "
        "| longest UI block after it | its CPU | collector to drawn (full passes) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name in next(iter(results.values())):
        for version, screens in results.items():
            runs = screens[name]
            paint, cpu, block, busy, drawn, collected, full = (
                statistics.median(r[i] for r in runs) for i in range(7)
            )
            first = statistics.median(r[7] for r in runs)
            same = [r[8] for r in runs if r[8] is not None]
            settled = f" (as settled: {sum(same)} of {len(same)})" if same else ""
            print(
                f"| {name} | {version} | {_ms(first)} ms{settled} | {_ms(paint)} ms "
                f"| {_ms(drawn)} ms | {_ms(cpu)} ms | {_ms(block)} ms | {_ms(busy)} ms "
                f"| {collected:.0f} ms ({full:.0f}) |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
