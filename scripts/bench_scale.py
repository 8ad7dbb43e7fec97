"""How groupwork's cost grows from the demo database to an agency's (not a test: run by hand).

    .venv/bin/python scripts/bench_scale.py --agency /work/agency.db [--runs 7]
    .venv/bin/python scripts/bench_scale.py --db postgresql://.../agency [--runs 7]
        [--as dao] [--as fon:coordinator]

Builds the demo database in a temporary folder (``groupwork demo``), then measures, on both
databases, medians of ``--runs`` runs and the growth factor (agency / demo):

- process start to the first screen (a pseudo-terminal, as scripts/bench_startup.py);
- opening the database (``Store.open`` + close);
- the home list's data; opening a group of the demo group's size (its dashboard, Pilot);
- the coordinator screen's first page of data, and each task filter's data;
- ``groupwork groups``, ``status``, ``tasks --overdue`` (whole agency, and a demo-size group's,
  whose output has about the demo's size), each with its peak memory (max RSS of the process);
- a review (Markdown) of the largest group.

With ``--db`` (an agency database on PostgreSQL, loaded by scripts/load_agency_pg.py) it
measures the data rows only (opening the database, home list, coordinator page, filters), as
the owner and then through ``SET ROLE`` as each ``--as`` login: a facilitator (row-level
security on every table) or, with ``:coordinator``, a coordinator reading the ``coordinator``
views (``search_path`` puts them first, so the store's queries read the views).

"Data work" is the store calls a screen makes, timed in this process (CPU-bound, so less
sensitive to other work on the machine than wall-clock process times).
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_startup import child_env, one_run  # noqa: E402

from groupwork.store import Store  # noqa: E402
from groupwork.store.rows import TaskFilter  # noqa: E402

PAGE = 100
SCREEN_DEFAULT = TaskFilter(statuses=("open", "in_progress"))
"""The coordinator screen's task filter when it opens (tasks still to do)."""
DEMO_HELD = 14
"""Sessions the demo group has held (groupwork/demo.py: 15 planned, one cancelled)."""


Timing = tuple[float, float]
"""Median wall-clock ms and median CPU ms (CPU moves much less when others share the machine)."""


def medians(walls: list[float], cpus: list[float]) -> Timing:
    return statistics.median(walls), statistics.median(cpus)


def median_ms(fn: Callable[[], object], runs: int) -> Timing:
    fn()  # warm: the first run reads pages from disk into the OS cache
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - start) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return medians(walls, cpus)


def largest_group(store: Store) -> tuple[str, str]:
    """(id, name) of the group with the most sessions held (the generator gives every held
    session the same number of events, so also the most participation events)."""
    best = max(store.group_status(date.today()), key=lambda r: (r.sessions_held, r.name))
    return best.id, best.name


def group_like(store: Store, held: int) -> str:
    """Id of a group with about ``held`` sessions held (the same size as the demo group), so
    opening it measures the database's size, not the group's."""
    rows = store.group_status(date.today())
    return min(rows, key=lambda r: (abs(r.sessions_held - held), r.name)).id


def coordinator_page(store: Store, today: date, task_filter: TaskFilter) -> None:
    """What CoordinatorScreen.reload asks the store for (groups, tasks, who needs a look)."""
    store.group_count()
    groups = store.group_status(today, limit=PAGE)
    store.count_coordinator_tasks(task_filter, today)
    store.coordinator_tasks(task_filter, today, limit=PAGE)
    ids = [g.id for g in groups]
    store.absent_members(ids)
    store.recent_member_turns(ids, 3)


def task_filter_page(store: Store, today: date, task_filter: TaskFilter) -> None:
    """What one change of the task filters asks the store for."""
    store.count_coordinator_tasks(task_filter, today)
    store.coordinator_tasks(task_filter, today, limit=PAGE)


def open_group_ms(db: Path, group_id: str, runs: int) -> Timing:
    """Pushing the group's dashboard until it is drawn (Pilot, in this process)."""
    from groupwork.tui.app import GroupworkApp
    from groupwork.tui.screens.dashboard import DashboardScreen

    async def measure() -> Timing:
        app = GroupworkApp(db)
        walls, cpus = [], []
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for _ in range(runs + 1):
                start, cpu = time.perf_counter(), time.process_time()
                await app.push_screen(DashboardScreen(group_id))
                await pilot.pause()
                walls.append((time.perf_counter() - start) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
                app.pop_screen()
                await pilot.pause()
        return medians(walls[1:], cpus[1:])

    return asyncio.run(measure())


PEAK = (
    "import sys\n"
    "from groupwork.cli import main\n"
    "sys.argv = ['groupwork', *sys.argv[1:]]\n"
    "try:\n    main()\n"
    "finally:\n"
    # VmHWM is this process's own peak; ru_maxrss would keep the parent's across fork+exec.
    "    hwm = [x for x in open('/proc/self/status') if x.startswith('VmHWM')]\n"
    "    print(hwm[0].split()[1], file=sys.stderr)\n"
)


def cli_ms(db: Path, args: list[str], runs: int) -> tuple[Timing, int, int]:
    """Median wall and CPU ms of a command, its output's size in bytes and peak RSS in KiB."""
    walls, cpus = [], []
    out = b""
    peak = 0
    out_file = Path(args[args.index("--out") + 1]) if "--out" in args else None
    for i in range(runs + 1):
        if out_file is not None:
            out_file.unlink(missing_ok=True)  # the review will not write over a file
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", PEAK, "--db", str(db), *args],
            capture_output=True, env=child_env(), check=True,
        )  # fmt: skip
        wall = (time.perf_counter() - start) * 1000
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
        if i:  # the first run warms the OS cache
            walls.append(wall)
            cpus.append(cpu)
        out = done.stdout
        peak = max(peak, int(done.stderr.decode().strip().splitlines()[-1]))
    return medians(walls, cpus), len(out), peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agency", type=Path, default=Path("/work/agency.db"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", help="a postgresql:// agency database: data rows only")
    parser.add_argument("--as", dest="logins", action="append", default=[])
    args = parser.parse_args()
    if args.db:
        return measure_pg(args.db, args.logins, args.runs)
    if not args.agency.exists():
        sys.exit(f"{args.agency} is missing: build it with scripts/make_agency_db.py")
    today = date.today()
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo.db"
        subprocess.run(
            [sys.executable, "-m", "groupwork", "--db", str(demo), "demo"],
            capture_output=True, env=child_env(), check=True,
        )  # fmt: skip
        results: dict[str, dict[str, str]] = {}
        for label, db in (("demo", demo), ("agency", args.agency)):
            results[label] = measure(db, today, args.runs)
            print(f"measured {label}", file=sys.stderr)
    print_table(results)
    return 0


def measure(db: Path, today: date, runs: int) -> dict[str, Timing | str]:
    r: dict[str, Timing | str] = {}
    starts = [one_run(db, "en") for _ in range(runs)]
    r["start to first screen"] = medians(
        [w * 1000 for w, _c in starts], [c * 1000 for _w, c in starts]
    )
    r["open the database"] = median_ms(lambda: Store.open(db).close(), runs)
    store = Store.open(db)
    try:
        group_id, group_name = largest_group(store)
        same_size = group_like(store, DEMO_HELD)
        r.update(measure_data(store, today, runs))
    finally:
        store.close()
    r["open a group of the demo's size (screen)"] = open_group_ms(db, same_size, runs)
    commands = {
        "groupwork groups": ["groups"],
        "groupwork status": ["status"],
        "groupwork tasks --overdue": ["tasks", "--overdue"],
        "groupwork tasks --overdue --group (a demo-size group)": [
            "tasks",
            "--overdue",
            "--group",
            same_size,
        ],
    }
    for name, argv in commands.items():
        timing, size, peak = cli_ms(db, argv, runs)
        r[name] = timing
        r[f"{name}: output"] = f"{size:,} B"
        r[f"{name}: peak memory"] = f"{peak / 1024:.0f} MiB"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "review.md"
        timing, _size, peak = cli_ms(
            db, ["review", group_id, "--format", "md", "--out", str(out)], max(3, runs // 2)
        )
    r["review (md) of the largest group"] = timing
    r["review: peak memory"] = f"{peak / 1024:.0f} MiB"
    r["largest group"] = group_name
    return r


def measure_data(store: Store, today: date, runs: int) -> dict[str, Timing | str]:
    """The data rows: home list, coordinator first page and each task filter."""
    r: dict[str, Timing | str] = {}
    r["home list (data)"] = median_ms(lambda: store.group_list(today), runs)
    r["coordinator first page (data)"] = median_ms(
        lambda: coordinator_page(store, today, SCREEN_DEFAULT), runs
    )
    # One person's tasks: a handful among 200,000 (the demo may have no ดาว: then nobody's).
    one = next((x.id for x in store.members_anywhere("ดาว")), "nobody")
    filters = {
        "overdue": TaskFilter(min_days_overdue=1),
        "member ดาว": TaskFilter(member="ดาว"),
        "one member's id": TaskFilter(member_ids=(one,)),
        "facilitator": TaskFilter(facilitator="คุณดาว"),
        "status done": TaskFilter(statuses=("done",)),
        "due next 7 days": TaskFilter(due_from=today, due_to=today + timedelta(days=7)),
        "group name": TaskFilter(group_name="0017"),
    }
    for name, f in filters.items():
        r[f"filter: {name} (data)"] = median_ms(lambda f=f: task_filter_page(store, today, f), runs)
    return r


def measure_pg(dsn: str, logins: list[str], runs: int) -> int:
    """Data rows on a PostgreSQL agency database, as its owner and as each login."""
    from groupwork.store.postgres import PgStore

    today = date.today()
    results: dict[str, dict[str, Timing | str]] = {}
    results["owner"] = {"open the database": median_ms(lambda: PgStore.open(dsn).close(), runs)}
    for who in ["owner", *logins]:
        login = who.partition(":")[0]  # "fon:coordinator": the role is the server's to say
        with PgStore.open(dsn) as store:
            if who != "owner":
                store.act_as(login)  # a coordinator reads through the views, as when it logs in
            try:
                results.setdefault(who, {}).update(measure_data(store, today, runs))
            except Exception as exc:  # a view may lack what a query reads: say which
                results.setdefault(who, {})["error"] = str(exc).splitlines()[0]
        print(f"measured {who}", file=sys.stderr)
    keys = list(dict.fromkeys(k for r in results.values() for k in r))
    print("| | " + " | ".join(f"{w}: wall (CPU)" for w in results) + " |")
    print("|---|" + "---|" * len(results))
    for key in keys:
        cells = []
        for r in results.values():
            v = r.get(key, "")
            cells.append(f"{v[0]:.1f} ({v[1]:.1f}) ms" if isinstance(v, tuple) else str(v))
        print(f"| {key} | " + " | ".join(cells) + " |")
    return 0


def print_table(results: dict[str, dict[str, Timing | str]]) -> None:
    """Wall-clock median (CPU median); growth = agency / demo, of CPU."""
    demo, agency = results["demo"], results["agency"]
    print("| | demo: wall (CPU) | agency: wall (CPU) | growth (CPU) |")
    print("|---|---|---|---|")
    for key in demo:
        a, b = demo[key], agency[key]
        if isinstance(a, tuple) and isinstance(b, tuple):
            growth = b[1] / a[1] if a[1] else float("inf")
            print(
                f"| {key} | {a[0]:.1f} ({a[1]:.1f}) ms | {b[0]:.1f} ({b[1]:.1f}) ms "
                f"| {growth:.2f}x |"
            )
        else:
            print(f"| {key} | {a} | {b} | |")


if __name__ == "__main__":
    sys.exit(main())
