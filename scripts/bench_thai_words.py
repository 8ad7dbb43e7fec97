"""What the Thai dictionary costs a process (run by hand).

    PYTHONPATH=. python scripts/bench_thai_words.py [--runs 9] [--before DIR]

Spawns ``python -c`` processes that import ``groupwork.privacy.thai_words`` (the yardstick) or import it
and split one Thai sentence with a name added (the first use: the dictionary loads), and
reads each one's CPU time and peak memory from ``os.wait4``. The difference of the medians is
what loading the dictionary costs. ``--before DIR`` runs the same with ``PYTHONPATH=DIR`` (a
checkout of the code before a change), interleaved in the same rounds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

YARDSTICK = "import groupwork.privacy.thai_words"
FIRST_USE = "import groupwork.privacy.thai_words as t; t.words('พรุ่งนี้คุณพรจะมาพร้อมน้ำ', ['พร']); t.is_word('พรุ่งนี้')"


def run(code: str, env: dict[str, str]) -> tuple[float, float]:
    """(CPU s, peak MiB) of ``python -c code``."""
    # Not from here: ``python -c`` puts the working folder first on the path, before PYTHONPATH.
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, cwd="/")
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{code} failed")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> int:
    """Print a Markdown table of medians."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--before", type=Path)
    args = parser.parse_args()
    versions = {"after": dict(os.environ, PYTHONPATH=str(Path.cwd()))}
    if args.before:
        versions = {"before": dict(os.environ, PYTHONPATH=str(args.before.resolve())), **versions}
    got: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for _ in range(args.runs):
        for version, env in versions.items():
            for label, code in (("import only", YARDSTICK), ("first use", FIRST_USE)):
                got.setdefault((version, label), []).append(run(code, env))
    print(f"medians of {args.runs} runs, load average {os.getloadavg()[0]:.1f} at the end\n")
    print("| version | import only: CPU | first use: CPU | dictionary: CPU | dictionary: memory |")
    print("|---|---|---|---|---|")
    for version in versions:
        base = [statistics.median(x[i] for x in got[(version, "import only")]) for i in (0, 1)]
        used = [statistics.median(x[i] for x in got[(version, "first use")]) for i in (0, 1)]
        print(
            f"| {version} | {base[0] * 1000:.0f} ms | {used[0] * 1000:.0f} ms "
            f"| {(used[0] - base[0]) * 1000:.0f} ms | {used[1] - base[1]:.0f} MiB |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
