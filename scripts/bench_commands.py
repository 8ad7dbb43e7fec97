"""Whole commands as a person waits for them, against yardsticks in the same run.

    PYTHONPATH=. python scripts/bench_commands.py [--runs 7] [--before DIR] [--only NAME ...]

Each case is a fresh ``python -m groupwork ...`` process on a demo database (made first, in a
temporary folder), run to exit. For each run the script reads the child's CPU time (user +
system) and peak memory (max RSS) from ``os.wait4`` and its wall time; it prints the medians
and each case's CPU as a ratio to the two yardsticks timed in the same rounds: ``groupwork
groups`` and a bare ``python -c "import matplotlib.pyplot"`` (and that import again with
``OPENBLAS_NUM_THREADS=1``, as ``groupwork`` runs numpy). Rounds interleave the cases, so a burst of
load from other processes hits them all alike.

``--agency FILE`` runs instead the commands whose output grows with the agency on FILE (made by
scripts/make_agency_db.py). ``--before DIR`` also runs every groupwork case with ``PYTHONPATH=DIR`` (a checkout of the
code before a change, e.g. ``git archive HEAD~3 | tar -x -C DIR``), in the same rounds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASES: dict[str, list[str]] = {
    "groups": ["groups"],
    "review md": ["review", "DEMO", "--format", "md", "--out", "OUT.md", "--force"],
    "review --check-names": ["review", "DEMO", "--check-names"],
    "review html": ["review", "DEMO", "--format", "html", "--out", "OUT.html", "--force"],
    "review docx": ["review", "DEMO", "--format", "docx", "--out", "OUT.docx", "--force"],
    "session list": ["session", "list", "DEMO"],
}
"""groupwork's arguments after ``--db FILE --lang th``; DEMO is the demo group's id."""
AGENCY_CASES: dict[str, list[str]] = {
    "groups": ["groups"],
    "tasks --overdue --json": ["tasks", "--overdue", "--json", "--today", "2026-11-28"],
    "tasks --json": ["tasks", "--json", "--today", "2026-11-28"],
    "status --json": ["status", "--json", "--today", "2026-11-28"],
}
"""With ``--agency FILE``: commands whose output grows with the agency, on that file."""
BARE_MATPLOTLIB = "import matplotlib.pyplot"
ONE_THREAD = "import matplotlib.pyplot, OPENBLAS_NUM_THREADS=1"
"""The same import with numpy's BLAS on one thread, as groupwork runs it (cli.main):
the review's ratio to it says what is left once the BLAS threads' spin is taken off both."""


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak MiB) of one process run to exit."""
    start = time.perf_counter()
    # Not from the checkout: ``python -m`` puts the working folder first on the path, which
    # would hide PYTHONPATH's version.
    proc = subprocess.Popen(
        argv,
        env=env,
        cwd="/",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    # --check-names exits 1 when it lists something; anything else must succeed.
    if code not in ((0, 1) if "--check-names" in argv else (0,)):
        raise SystemExit(f"{' '.join(argv)} failed ({code}): {err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def demo_database(folder: Path, env: dict[str, str]) -> tuple[Path, str]:
    """A database with the demo group, and the group's id."""
    db = folder / "demo.db"
    groupwork = [sys.executable, "-m", "groupwork", "--db", str(db)]
    subprocess.run([*groupwork, "demo"], env=env, check=True, capture_output=True, cwd="/")
    listed = subprocess.run(
        [*groupwork, "groups"], env=env, check=True, capture_output=True, text=True, cwd="/"
    ).stdout
    ids = [line.split()[0] for line in listed.splitlines() if line.strip()]
    ids = [i for i in ids if len(i) >= 8 and i.replace("-", "").isalnum()]
    return db, ids[0]


def given_database(db: Path, env: dict[str, str]) -> tuple[Path, str]:
    """``db`` (e.g. a 52-session group from scripts/bench_scrub.py) and its first group's id."""
    listed = subprocess.run(
        [sys.executable, "-m", "groupwork", "--db", str(db), "groups"],
        env=env, check=True, capture_output=True, text=True, cwd="/",
    ).stdout  # fmt: skip
    return db, listed.split()[0]


def main() -> int:
    """Run the rounds and print a Markdown table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", type=Path, help="a checkout of the code before a change")
    parser.add_argument("--only", nargs="*", default=None, help="case names to run")
    parser.add_argument("--agency", type=Path, help="a file from scripts/make_agency_db.py")
    parser.add_argument(
        "--demo-db", type=Path, help="run on this database's first group instead of the demo"
    )
    args = parser.parse_args()
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="")
    env.pop("PYTHONDONTWRITEBYTECODE")
    versions = {"after": dict(env, PYTHONPATH=str(Path.cwd()))}
    if args.before:
        versions = {"before": dict(env, PYTHONPATH=str(args.before.resolve())), **versions}
    every = AGENCY_CASES if args.agency else CASES
    cases = {k: v for k, v in every.items() if args.only is None or k in args.only or k == "groups"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.agency:
            db, group = args.agency.resolve(), ""
        elif args.demo_db:
            db, group = given_database(args.demo_db.resolve(), versions["after"])
        else:
            db, group = demo_database(folder, versions["after"])
        runs: dict[tuple[str, str], list[tuple[float, float, float]]] = {}

        def argv_of(case: list[str]) -> list[str]:
            filled = [
                group if a == "DEMO" else str(folder / a) if a.startswith("OUT.") else a
                for a in case
            ]
            return [sys.executable, "-m", "groupwork", "--db", str(db), "--lang", "th", *filled]

        bare = [sys.executable, "-c", BARE_MATPLOTLIB]
        # One untimed round: bytecode caches and the font cache, as for an installed app.
        run(bare, env)
        for venv in versions.values():
            for case in cases.values():
                run(argv_of(case), venv)
        for _ in range(args.runs):
            runs.setdefault(("", "import matplotlib.pyplot"), []).append(run(bare, env))
            one = dict(env, OPENBLAS_NUM_THREADS="1")
            runs.setdefault(("", ONE_THREAD), []).append(run(bare, one))
            for version, venv in versions.items():
                for name, case in cases.items():
                    runs.setdefault((version, name), []).append(run(argv_of(case), venv))
    medians = {
        key: [statistics.median(x[i] for x in got) for i in range(3)] for key, got in runs.items()
    }
    mpl = medians[("", "import matplotlib.pyplot")][1]
    mpl_one = medians[("", ONE_THREAD)][1]
    print(f"medians of {args.runs} runs; load average {os.getloadavg()[0]:.1f} at the end")
    print()
    print(
        "| case | version | wall | CPU | peak RSS | CPU / `groups` | CPU / matplotlib "
        "| CPU / matplotlib, 1 BLAS thread | RSS / `groups` |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for (version, name), (wall, cpu, rss) in medians.items():
        base = medians.get((version, "groups"), medians[("", "import matplotlib.pyplot")])
        print(
            f"| {name} | {version or 'yardstick'} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms "
            f"| {rss:.0f} MiB | {cpu / base[1]:.2f}x | {cpu / mpl:.2f}x | {cpu / mpl_one:.2f}x "
            f"| {rss / base[2]:.2f}x |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
