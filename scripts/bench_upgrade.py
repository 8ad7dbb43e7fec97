"""The first open after upgrading a large database, as a person waits for it (run by hand).

    PYTHONPATH=. python scripts/bench_upgrade.py AGENCY.db [--runs 3] [--before DIR]
        [--again m004_safefiles_clean_text ...]

AGENCY.db comes from scripts/make_agency_db.py. For each run the file is copied, the migrations
named by ``--again`` (shipped ones that read every row and can run again on a current file)
are struck from its record, as if an older groupwork had left it, and ``groupwork groups`` is
run on the copy as a fresh process: wall time, CPU time and peak memory (``os.wait4``), medians.
``--before DIR`` runs the same with ``PYTHONPATH=DIR`` (the code before a change), interleaved.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def as_if_older(source: Path, copy: Path, again: list[str]) -> None:
    """Copy ``source`` and strike ``again`` from the copy's record of applied migrations."""
    shutil.copy(source, copy)
    conn = sqlite3.connect(copy)
    with conn:
        conn.executemany("DELETE FROM _sqlite_migrations WHERE name = ?", [(n,) for n in again])
    conn.close()


def run(db: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak MiB) of ``groupwork groups`` on ``db``."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "groupwork", "--db", str(db), "groups"],
        env=env,
        cwd="/",  # not the checkout: it would come before PYTHONPATH
        stdout=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit("groupwork groups failed")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> int:
    """Print a Markdown table of medians."""
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path)
    parser.add_argument("--again", nargs="+", default=["m004_safefiles_clean_text"])
    args = parser.parse_args()
    versions = {"after": dict(os.environ, PYTHONPATH=str(Path.cwd()))}
    if args.before:
        versions = {"before": dict(os.environ, PYTHONPATH=str(args.before.resolve())), **versions}
    got: dict[str, list[tuple[float, float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "old.db"
        for _ in range(args.runs):
            for version, env in versions.items():
                as_if_older(args.db, copy, args.again)
                got.setdefault(version, []).append(run(copy, env))
            as_if_older(args.db, copy, [])
            got.setdefault("no update (yardstick)", []).append(run(copy, versions["after"]))
    size = args.db.stat().st_size / 2**20
    print(f"{args.db.name}: {size:.0f} MiB; migrations run again: {', '.join(args.again)}")
    print(f"medians of {args.runs}; load average {os.getloadavg()[0]:.1f} at the end\n")
    print("| version | wall | CPU | peak RSS |")
    print("|---|---|---|---|")
    for version, runs in got.items():
        wall, cpu, rss = (statistics.median(r[i] for r in runs) for i in range(3))
        print(f"| {version} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MiB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
