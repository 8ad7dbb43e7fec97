"""Benchmark: a person typing in the live recorder, key -> frame written to a real terminal.

    PYTHONPATH=. python scripts/bench_typing.py [--keys 300] [--with-writer] [--before DIR]
        [--profile FILE] [--burn N] [--sample]

Spawns the real app (the recorder on a ten-member group, 80x24, English) in a pseudo-terminal
and types member keys at a person's pace: 100-300 ms apart, random, never waiting for the
screen (a key goes when its time comes, whether the last frame arrived or not). Acting as the
terminal, it answers Textual's query for synchronized output, so every frame arrives between
``ESC[?2026h`` and ``ESC[?2026l``. A key's latency runs from just before its byte is written to
the pty until the end of the first frame that shows it (the "Next turn … answers NAME" line
names the member of the last turn; consecutive keys are always different members).

``--with-writer`` runs a second process beside the typist, over and over: ``groupwork import``
of a whole demo group (one long write transaction) then ``groupwork backup``, on the same
database. It prints median, 99th percentile and maximum, the app's CPU time per key (all its
threads, from /proc), the load average, and the WAL file's largest size.
``--before DIR`` runs the app and the second process from another tree (``git archive`` of an
earlier commit, extracted), the rest of this script unchanged, so two trees are measured alike.
``--burn N`` keeps N CPU-busy processes (``while 1: pass``) running for the whole run, to
measure at a load this script makes itself (started 90 s before the typing, so the
load average printed shows them). Each key over 100 ms is listed with what the
app's UI (main) thread, all the app's threads and the typist (this script) did meanwhile,
from /proc/.../schedstat: CPU time, and time runnable but waiting for a core (the OS not
giving one). What is neither is sleeping: waiting for input, a lock or the interpreter.
``--profile FILE`` runs the app's main (UI) thread under cProfile and writes its statistics to FILE
(the top entries are printed). ``--sample`` samples the UI thread's stack every 2 ms and lists,
under each key over 100 ms, the stacks it held meanwhile and the collector's passes within it
(the sampler itself allocates and takes the interpreter: for finding causes, not figures).
The collector's passes are counted by generation, with the objects frozen and the peak RSS. Not a test: the numbers depend on the machine and what else runs on it.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import random
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
import uuid
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from groupwork.recording.recorder import SessionRecorder  # noqa: E402
from groupwork.store import Store  # noqa: E402
from groupwork.tui.recorder_keys import key_for_slot  # noqa: E402
from tests.tui.recorder_app import GROUP_ID, SESSION_ID, build_group  # noqa: E402

SYNC_START, SYNC_END = b"\x1b[?2026h", b"\x1b[?2026l"
SYNC_QUERY, SYNC_REPLY = b"\x1b[?2026$p", b"\x1b[?2026;2$y"
CHILD = """
import sys, time
sys.path.insert(0, sys.argv[2])
from groupwork.store import Store
from tests.tui.recorder_app import RecorderTestApp
# How long each turn's commit took inside the app (lock waits and fsync show here, CPU
# contention does not): one line per turn, written when the app exits.
took = []
record_turn = Store.record_turn
def timed(self, event):
    began = time.perf_counter()
    try:
        return record_turn(self, event)
    finally:
        took.append(time.perf_counter() - began)
Store.record_turn = timed
# The collector's passes over 5 ms: (seconds, generation), written at exit.
import gc
# And every pass counted by generation (count, seconds). A pass on another thread holds the
# interpreter too (the UI thread waits for it): those are marked "w".
import threading
passes = []
every = {0: [0, 0.0], 1: [0, 0.0], 2: [0, 0.0]}
main_ident = threading.get_ident()
def collection(phase, info, began=[0.0]):
    if phase == "start":
        began[0] = time.perf_counter()
        return
    took = time.perf_counter() - began[0]
    every[info["generation"]][0] += 1
    every[info["generation"]][1] += took
    if took > 0.005:
        ui = threading.get_ident() == main_ident  # current_thread() may take a lock: not here
        passes.append((took, f"{info['generation']}{'' if ui else 'w'}", began[0]))
gc.callbacks.append(collection)
# --sample: the UI thread's stack every 2 ms (innermost 12 frames), to say what a slow key's
# wait held. The sampler allocates: its runs are for that, not for the figures.
samples = []
if sys.argv[5] == "sample":
    def sample():
        while True:
            time.sleep(0.002)
            frame = sys._current_frames().get(main_ident)
            codes = []
            while frame is not None and len(codes) < 12:
                codes.append(frame.f_code)
                frame = frame.f_back
            samples.append((time.perf_counter(), tuple(codes)))
    threading.Thread(target=sample, daemon=True).start()
profile = None
if sys.argv[4]:
    import cProfile
    profile = cProfile.Profile()
    profile.enable()
try:
    RecorderTestApp(sys.argv[1]).run()
finally:
    if profile is not None:
        profile.disable()
        profile.dump_stats(sys.argv[4])
    open(sys.argv[3], "w").write("\\n".join(f"{x:.6f}" for x in took))
    open(sys.argv[3] + ".gc", "w").write(
        "\\n".join(f"{x:.6f} {g} {t:.6f}" for x, g, t in passes)
    )
    if samples:
        def name(code):
            return code.co_filename.rsplit("/", 1)[-1] + ":" + code.co_name
        open(sys.argv[3] + ".samples", "w").write(
            "\\n".join(f"{t:.6f} " + ";".join(map(name, codes)) for t, codes in samples)
        )
    import resource
    open(sys.argv[3] + ".gcall", "w").write(
        " ".join(f"{g}:{n}:{t:.6f}" for g, (n, t) in every.items())
        + f" frozen:{gc.get_freeze_count()}"
        + f" rss:{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}"
    )
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by every thread of process ``pid`` (Linux)."""
    tasks = Path(f"/proc/{pid}/task").iterdir()
    return sum(int((t / "schedstat").read_text().split()[0]) for t in tasks) / 1e9


def ui_thread_times(pid: int) -> tuple[float, ...]:
    """Seconds of CPU and of waiting for a core (runnable, not running): the app's main (UI)
    thread's, all its threads', and this process's (the typist's, reading the frames)."""

    def times(stat: Path) -> tuple[float, float]:
        try:
            fields = stat.read_text().split()
        except OSError:  # a thread that ended meanwhile
            return 0.0, 0.0
        return int(fields[0]) / 1e9, int(fields[1]) / 1e9

    main = times(Path(f"/proc/{pid}/task/{pid}/schedstat"))
    every = [times(t / "schedstat") for t in Path(f"/proc/{pid}/task").iterdir()]
    typist = times(Path("/proc/thread-self/schedstat"))
    return (*main, sum(c for c, _ in every), sum(w for _, w in every), *typist)


def prepare(folder: Path) -> tuple[Path, dict[str, str]]:
    """The database, and each typeable member key -> the pseudonym it logs (ASCII names)."""
    db = folder / "bench.db"
    with Store.open(db) as store:
        build_group(store)
        # Gives the keys their slots now, exactly as the app will find them.
        recorder = SessionRecorder(store, SESSION_ID)
        keys = {
            key_for_slot(recorder.key_slots[x.id]): x.pseudonym
            for x in recorder.members
            if x.pseudonym.isascii()
        }
    return db, keys


def export_files(folder: Path, count: int) -> list[Path]:
    """``count`` export files of a demo group, each with fresh ids (each import is new)."""
    source = folder / "demo.db"
    env = {**os.environ, "GROUPWORK_HOME": str(folder / "home")}
    run = [sys.executable, "-m", "groupwork", "--db", str(source)]
    subprocess.run([*run, "demo"], check=True, capture_output=True, env=env)
    group_id = subprocess.run(
        [*run, "groups"], check=True, capture_output=True, text=True, env=env
    ).stdout.split()[0]
    template = folder / "demo.json"
    subprocess.run(
        [*run, "export", "--out", str(template), group_id], check=True, capture_output=True, env=env
    )
    data = json.loads(template.read_text())
    ids: set[str] = set()

    def collect(node) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                ids.add(node["id"])
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(data)
    files = []
    for n in range(count):
        fresh = {old: uuid.uuid4().hex for old in ids}

        def renamed(node, fresh=fresh):
            if isinstance(node, dict):
                return {k: renamed(v) for k, v in node.items()}
            if isinstance(node, list):
                return [renamed(v) for v in node]
            return fresh.get(node, node) if isinstance(node, str) else node

        path = folder / f"import-{n}.json"
        path.write_text(json.dumps(renamed(data), ensure_ascii=False))
        files.append(path)
    return files


class Writer(threading.Thread):
    """A second process's work on the same database: import a group, back up, again."""

    def __init__(self, db: Path, files: list[Path], env: dict[str, str]) -> None:
        super().__init__(daemon=True)
        self.db, self.files, self.env = db, files, env
        self.stop = threading.Event()
        self.done = {"import": 0, "backup": 0, "failed": 0}
        self.wal_max = 0

    def run(self) -> None:
        run = [sys.executable, "-m", "groupwork", "--db", str(self.db)]
        for path in self.files:
            for args, what in (
                ([*run, "import", str(path)], "import"),
                ([*run, "backup"], "backup"),
            ):
                if self.stop.is_set():
                    return
                result = subprocess.run(args, capture_output=True, env=self.env)
                self.done[what if result.returncode == 0 else "failed"] += 1
                wal = self.db.with_name(self.db.name + "-wal")
                self.wal_max = max(self.wal_max, wal.stat().st_size if wal.exists() else 0)


def type_keys(
    db: Path,
    keys: dict[str, str],
    count: int,
    writer: Writer | None,
    seed: int,
    root: Path = ROOT,
    profile: str = "",
    sample: bool = False,
):
    """Spawn the app in a pty, type ``count`` keys; (latencies in s, CPU s per key, frames)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLUMNS": "80",
        "LINES": "24",
        "GROUPWORK_LANG": "en",
        "GROUPWORK_HOME": str(db.parent / "home"),
        "PYTHONPATH": str(root),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(root), str(db.parent / "commits.txt"), profile,
         "sample" if sample else ""],
        stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
    )  # fmt: skip
    os.close(slave)
    buffer = b""
    frames = 0

    def read(timeout: float) -> float | None:
        """Read what is there; the time of the read, or None when nothing came."""
        nonlocal buffer
        ready, _w, _x = select.select([master], [], [], timeout)
        if not ready:
            return None
        chunk = os.read(master, 1 << 16)
        at = time.perf_counter()
        if SYNC_QUERY in buffer[-16:] + chunk:
            os.write(master, SYNC_REPLY)
        buffer += chunk
        return at

    try:
        started = time.perf_counter()
        while b"Facilitator" not in buffer and time.perf_counter() - started < 60:
            read(0.1)
        settle = time.perf_counter()
        while time.perf_counter() - settle < 2.0:  # let the first frames settle
            read(0.1)
        if SYNC_END not in buffer:
            raise SystemExit("the app draws without synchronized output: frames cannot be told")
        buffer = b""
        if writer is not None:
            writer.start()
            time.sleep(1.0)  # the first import is under way
        rng = random.Random(seed)
        names = list(keys.items())
        pending: deque[tuple[float, str, tuple[float, ...]]] = deque()
        latencies: list[float] = []
        slow: list[tuple[float, ...]] = []  # (wall, then ui_thread_times' differences)
        cpu_before = cpu_seconds(proc.pid)
        last_key = None
        next_at = time.perf_counter()
        sent = 0
        while sent < count or pending:
            now = time.perf_counter()
            if sent < count and now >= next_at:
                key, name = rng.choice([kn for kn in names if kn[0] != last_key])
                pending.append((time.perf_counter(), name, ui_thread_times(proc.pid)))
                os.write(master, key.encode())
                last_key, sent = key, sent + 1
                next_at = now + rng.uniform(0.1, 0.3)
            if now - (pending[0][0] if pending else now) > 30:
                raise SystemExit("no frame for 30 s: the app stopped drawing")
            at = read(max(0.0, min(0.002, next_at - time.perf_counter())))
            if at is None:
                continue
            while SYNC_END in buffer:
                frame, _end, buffer = buffer.partition(SYNC_END)
                frames += 1
                shown = [
                    i
                    for i, (_t0, name, _ui) in enumerate(pending)
                    if b"answers " + name.encode() in frame
                ]
                if shown:
                    ui_now = ui_thread_times(proc.pid)
                    for _ in range(shown[-1] + 1):
                        t0, _name, ui = pending.popleft()
                        latencies.append(at - t0)
                        if at - t0 > 0.1:
                            slow.append(
                                (at - t0, *(b - a for a, b in zip(ui, ui_now, strict=True)), t0, at)
                            )
        cpu_per_key = (cpu_seconds(proc.pid) - cpu_before) / count
        return latencies, cpu_per_key, frames, slow
    finally:
        if writer is not None:
            writer.stop.set()
            writer.join(timeout=120)
        os.write(master, b"\x11")  # ctrl+q
        # Keep reading the terminal while the app quits: its last frames and the escape codes
        # that restore the terminal are written on the way out, and once the pty's buffer is
        # full those writes block, so an app left unread never exits (its logs were lost).
        quit_at = time.perf_counter()
        while proc.poll() is None and time.perf_counter() - quit_at < 60:
            try:
                if select.select([master], [], [], 0.05)[0]:
                    os.read(master, 1 << 16)
            except OSError:  # the app closed its end: it is writing its files, slow under load
                try:
                    proc.wait(timeout=max(0.0, 60 - (time.perf_counter() - quit_at)))
                except subprocess.TimeoutExpired:
                    pass
                break
        if proc.poll() is None:
            proc.kill()
            print("the app had not quit 60 s after ctrl+q: killed, its logs are lost")
        os.close(master)


def print_samples(sampled: list[list[str]], t0: float, at: float) -> None:
    """What the UI thread's stack held in the samples between ``t0`` and ``at``: the most
    frequent innermost frames (6 of them), each sample ~2 ms of wall time."""
    from collections import Counter

    within = Counter(";".join(stack.split(";")[:6]) for t, stack in sampled if t0 <= float(t) <= at)
    for stack, count in within.most_common(6):
        print(f"    {count:3d} samples: {stack}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=300)
    parser.add_argument("--with-writer", action="store_true")
    parser.add_argument("--seed", type=int, default=2569)
    parser.add_argument("--before", type=Path, help="run the app from this tree instead")
    parser.add_argument("--profile", default="", help="cProfile the app's UI thread into FILE")
    parser.add_argument("--burn", type=int, default=0, help="N CPU-busy processes meanwhile")
    parser.add_argument(
        "--sample", action="store_true", help="sample the UI thread's stack; shown per slow key"
    )
    args = parser.parse_args()
    burners = [subprocess.Popen([sys.executable, "-c", "while 1: pass"]) for _ in range(args.burn)]
    try:
        if burners:
            time.sleep(90)  # the load average (a one-minute mean) catches up with them
        return measure(args)
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()


def measure(args: argparse.Namespace) -> int:
    """One run as ``args`` ask; prints its figures."""
    root = args.before.resolve() if args.before else ROOT
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db, keys = prepare(folder)
        writer = None
        if args.with_writer:
            env = {
                **os.environ,
                "GROUPWORK_HOME": str(folder / "home"),
                "GROUPWORK_LANG": "en",
                "PYTHONPATH": str(root),
            }
            files = export_files(folder, count=max(4, args.keys // 20))
            writer = Writer(db, files, env)
        load = os.getloadavg()
        latencies, cpu_per_key, frames, slow = type_keys(
            db,
            keys,
            args.keys,
            writer,
            args.seed,
            root,
            os.path.abspath(args.profile) if args.profile else "",
            args.sample,
        )
        ms = [x * 1000 for x in latencies]
        print(f"keys {len(ms)}, frames {frames}, load average before {load[0]:.2f}, "
              f"after {os.getloadavg()[0]:.2f}")  # fmt: skip
        print(
            f"key -> frame written: median {statistics.median(ms):.1f} ms, "
            f"p99 {percentile(ms, 0.99):.1f} ms, max {max(ms):.1f} ms, "
            f"over 33 ms: {sum(x > 33 for x in ms)}, over 100 ms: {sum(x > 100 for x in ms)}"
        )
        print(f"app CPU per key: {cpu_per_key * 1000:.1f} ms")
        passes = folder / "commits.txt.gc"
        gc_log = (
            [line.split() for line in passes.read_text().splitlines()] if passes.exists() else []
        )
        stacks = folder / "commits.txt.samples"
        sampled = (
            [line.split(" ", 1) for line in stacks.read_text().splitlines()]
            if stacks.exists()
            else []
        )
        for wall, *spent, t0, at in sorted(slow, reverse=True):
            cpu, waiting, all_cpu, all_waiting, typist_cpu, typist_waiting = (
                x * 1000 for x in spent
            )
            print(
                f"key over 100 ms: {wall * 1000:.1f} ms; meanwhile, CPU / waiting for a core: "
                f"UI thread {cpu:.1f} / {waiting:.1f} ms, all the app's threads {all_cpu:.1f} / "
                f"{all_waiting:.1f} ms, the typist {typist_cpu:.1f} / {typist_waiting:.1f} ms"
            )
            for took, generation, began in gc_log:
                if float(began) < at and float(began) + float(took) > t0:
                    print(
                        f"    collector pass within it: {float(took) * 1000:.0f} ms ({generation})"
                    )
            if sampled:
                print_samples(sampled, t0, at)
        if writer is not None:
            print(f"second process: {writer.done}, largest WAL {writer.wal_max / 1024:.0f} KiB")
        commits = folder / "commits.txt"
        if commits.exists() and commits.read_text().strip():
            took = [float(x) * 1000 for x in commits.read_text().split()]
            print(
                f"commit inside the app (incl. lock wait): median {statistics.median(took):.1f}"
                f" ms, p99 {percentile(took, 0.99):.1f} ms, max {max(took):.1f} ms"
            )
        if gc_log:
            print(
                "collector passes over 5 ms (ms, generation; w: not on the UI thread): "
                + ", ".join(f"{float(x) * 1000:.0f} ({g})" for x, g, _t in gc_log)
            )
        every = folder / "commits.txt.gcall"
        if every.exists():
            fields = dict(x.split(":", 1) for x in every.read_text().split())
            print(
                "collector passes, all (count, ms): "
                + ", ".join(
                    f"generation {g} {n} ({float(t) * 1000:.0f} ms)"
                    for g, (n, t) in ((g, fields[g].split(":")) for g in "012")
                )
                + f"; frozen at exit {fields['frozen']}, peak RSS {int(fields['rss']) // 1024} MiB"
            )
        with Store.open(db) as store:
            stored = len(store.participation(SESSION_ID))
        print(f"turns stored: {stored} of {len(ms)}")
        assert GROUP_ID
        if args.profile:
            import pstats

            print(f"UI thread profile ({root.name}), top 15 by own time:")
            pstats.Stats(args.profile).sort_stats("tottime").print_stats(15)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
