"""Time from process start to the first interactive screen of the TUI (not a test).

Spawns ``python -m groupwork --db <tmp>`` in a pseudo-terminal (80x24), starts the clock just
before the spawn, and stops it when the home screen's key hints appear on the terminal, i.e.
when a person could press a key. Then quits with Ctrl+Q. Repeats and prints the median.
Next to the wall-clock time it prints the CPU time the process had used by then (all its
threads, from /proc on Linux): on a shared machine that number moves much less with the
other load, so it is the one to compare before and after a change.
Also times two CLI calls that never open the TUI (``groupwork --help`` and
``groupwork groups``), and lists heavy modules imported by opening the app.

    PYTHONPATH=. python scripts/bench_startup.py [--runs 7] [--lang en] [--demo] [--before DIR]

Python may write bytecode caches (``__pycache__``, git-ignored) even if the environment sets
PYTHONDONTWRITEBYTECODE, and an untimed warm-up run fills them first: an installed
groupwork starts from compiled bytecode, and compiling its modules on every start (~40 ms)
is not what a person waits for.

Interleaved with the start-up runs it times the yardstick the issue asks about: a bare
``python -c`` that imports the stack the app stands on (Textual, sqlite-utils, pydantic, click)
with numpy blocked, as the app blocks it (``BARE_STACK``), and prints start-up over that.

``--demo`` first adds the demo group, so the home screen lists a group (as in real use)
instead of the empty-database hint. ``--db FILE`` starts on an existing database instead
(e.g. a copy of the agency file from scripts/make_agency_db.py: home at agency scale); the
app may write to it (its session files, a checkpoint), so give it a copy.

``--before DIR`` also times the code in DIR (a checkout before a change, e.g. ``git archive
HEAD~3 | tar -x -C DIR``) in the same rounds: before, after and the yardstick in turn, each
version with ``PYTHONPATH`` set to its own folder and run from ``/`` (``python -m`` puts the
working folder first on the path). Bytecode caches then go to a temporary folder
(``PYTHONPYCACHEPREFIX``, for every process alike), so DIR is only read.
"""

from __future__ import annotations

import argparse
import os
import pty
import resource
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

READY_MARKERS = {"en": b"New group", "th": "กลุ่มใหม่".encode()}
TIMEOUT_S = 30
HEAVY = {"matplotlib", "docx", "numpy", "markdown_it", "babel", "sqlcipher3"}
"""Top-level packages that should not be imported just to show the first screen."""
BARE_STACK = (
    "import sys; sys.modules['numpy'] = None; sys.modules['pandas'] = None; "
    "import textual.app, sqlite_utils, pydantic, click"
)
"""The fair yardstick: the app's own stack imported bare, numpy blocked as the app does."""


HERE = Path(__file__).resolve().parent.parent
"""This checkout: the "after" version of ``--before``."""
BASE_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""The environment every timed process starts from: bytecode caches allowed."""


def child_env(lang: str = "en", code: Path | None = None) -> dict[str, str]:
    """The environment of a timed process: an 80x24 terminal; ``code`` first on the path."""
    env = dict(BASE_ENV, PYTHONPATH=str(code)) if code else BASE_ENV
    return {**env, "GROUPWORK_LANG": lang, "COLUMNS": "80", "LINES": "24", "TERM": "xterm-256color"}


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by every thread of process ``pid`` (Linux), else NaN."""
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        return sum(int((t / "schedstat").read_text().split()[0]) for t in tasks) / 1e9
    except (OSError, ValueError):
        return float("nan")


def one_run(db: Path, lang: str, code: Path | None = None) -> tuple[float, float]:
    """Wall and CPU seconds from spawn to the home screen's footer on the terminal."""
    master, slave = pty.openpty()
    env = child_env(lang, code)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "groupwork", "--db", str(db)],
        stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True, cwd=code and "/",
    )  # fmt: skip
    os.close(slave)
    seen = b""
    elapsed = cpu = float("nan")
    try:
        while time.perf_counter() - start < TIMEOUT_S:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
                if READY_MARKERS[lang] in seen:
                    elapsed = time.perf_counter() - start
                    cpu = cpu_seconds(proc.pid)
                    break
        os.write(master, b"\x11")  # Ctrl+Q
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    return elapsed, cpu


def imported_modules() -> set[str]:
    """Modules imported by opening the app up to its first screen (no terminal needed)."""
    code = (
        "import asyncio, sys\n"
        "from groupwork.tui.app import GroupworkApp\n"
        "async def main():\n"
        "    app = GroupworkApp(sys.argv[1])\n"
        "    async with app.run_test() as pilot:\n"
        "        await pilot.pause()\n"
        "asyncio.run(main())\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [sys.executable, "-c", code, str(Path(tmp) / "m.db")],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    return set(out.stdout.split())


def cli_run(args: list[str], db: Path, code: Path | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of ``python -m groupwork --db <db> ARGS`` (output discarded)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "groupwork", "--db", str(db), *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=child_env(code=code),
        check=True, cwd=code and "/",
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def bare_run() -> tuple[float, float]:
    """Wall and CPU seconds of ``python -c BARE_STACK``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", BARE_STACK], env=child_env(), check=True, cwd="/")
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def summary(runs: list[tuple[float, float]]) -> str:
    """ "median W ms (CPU C ms), min .., max ..": wall-clock figures, CPU median alongside."""
    ms = sorted(wall * 1000 for wall, _cpu in runs)
    cpu = statistics.median(c * 1000 for _wall, c in runs)
    return (
        f"median {statistics.median(ms):.0f} ms (CPU {cpu:.0f} ms), "
        f"min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--lang", choices=sorted(READY_MARKERS), default="en")
    parser.add_argument("--demo", action="store_true", help="add the demo group first")
    parser.add_argument("--before", type=Path, help="a checkout of the code before a change")
    parser.add_argument(
        "--db", type=Path, help="start on this database (a copy: it may be written)"
    )
    args = parser.parse_args()
    # Without --before: the code Python finds as it is (PYTHONPATH=. as documented above).
    versions = {"": None}
    with tempfile.TemporaryDirectory() as tmp:
        if args.before:
            versions = {"before": args.before.resolve(), "after": HERE}
            BASE_ENV["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        db = args.db.resolve() if args.db else Path(tmp) / "bench.db"
        warm_up = Path(tmp) / "warm-up.db"  # untimed: fills the bytecode caches
        for code in versions.values():
            one_run(warm_up, args.lang, code)
            cli_run(["groups"], warm_up, code)
        if args.demo:
            cli_run(["demo"], db, versions.get("after"))
        first = one_run(db, args.lang, versions.get("after"))  # creates and migrates (a new file)
        bare_run()
        times: dict[str, list] = {name: [] for name in versions}
        help_times: dict[str, list] = {name: [] for name in versions}
        groups_times: dict[str, list] = {name: [] for name in versions}
        bare = []
        for _ in range(args.runs):  # interleaved: a burst of load hits every version alike
            for name, code in versions.items():
                times[name].append(one_run(db, args.lang, code))
            bare.append(bare_run())
        for _ in range(args.runs):
            for name, code in versions.items():
                help_times[name].append(cli_run(["--help"], db, code))
            for name, code in versions.items():
                groups_times[name].append(cli_run(["groups"], db, code))
        heavy = sorted({m.split(".")[0] for m in imported_modules()} & HEAVY)
    label = "first start" if args.db else "first start (new database)"
    print(f"{label}: {first[0] * 1000:.0f} ms (CPU {first[1] * 1000:.0f} ms)")
    print(f"bare stack import (numpy blocked) over {args.runs} runs: {summary(bare)}")
    for name in versions:
        label = f"{name}: " if name else ""
        print(f"{label}start-up over {args.runs} runs: {summary(times[name])}")
        ratio = statistics.median(c for _w, c in times[name]) / statistics.median(
            c for _w, c in bare
        )
        wall = statistics.median(w for w, _c in times[name]) / statistics.median(
            w for w, _c in bare
        )
        print(f"{label}start-up / bare stack: CPU {ratio:.2f}x, wall {wall:.2f}x")
        print(f"{label}groupwork --help over {args.runs} runs: {summary(help_times[name])}")
        print(f"{label}groupwork groups over {args.runs} runs: {summary(groups_times[name])}")
    print("heavy modules imported at start:", ", ".join(heavy) or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
