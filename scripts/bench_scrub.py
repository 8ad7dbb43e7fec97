"""Time what word-level name scrubbing adds to the Group Work Review (run by hand).

    PYTHONPATH=. python scripts/bench_scrub.py

Two 52-session groups:

- "demo-52": the demo group's fifteen sessions of real Thai notes, run on to 52 sessions by
  repeating them, with each member's pseudonym in the notes written back as the member's real
  given name (the way a worker types notes), so the scrubber has real names to find;
- "bench": scripts/bench_review.py's large group (20 members, 500 tasks, 20,000 turns).

For each: CPU time of the Markdown review in Thai with scrubbing and with scrubbing switched
off (``shareable`` and ``Naming.scrub`` made no-ops), median of 7 runs after a warm-up, so
the difference is what scrubbing adds; and the one-off cost of loading PyThaiNLP's dictionary
in a fresh process. Then the pre-share check of demo-52: spots to re-read and possible names
of non-members, listed so each can be judged by hand.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_review import build_large_group  # noqa: E402

from groupwork import models as m  # noqa: E402
from groupwork.demo import build_demo  # noqa: E402
from groupwork.privacy import naming as pseudonymise  # noqa: E402
from groupwork.privacy.name_forms import normalise, strip_title
from groupwork.privacy.thai_words import words  # noqa: E402
from groupwork.report import generate_review  # noqa: E402
from groupwork.store import Store  # noqa: E402

SESSIONS = 52
_TEXT = ("plan", "notes", "next_steps")
_LISTS = ("questions", "themes", "feelings", "society_links")


def build_demo_52(store: Store) -> m.Group:
    """The demo group run on to 52 held sessions, notes naming members by real given name."""
    group = build_demo(store, today=date(2026, 11, 21))
    members = store.members(group.id)
    # In the demo's notes a pseudonym is always a name (even ดาว, ฝน): a plain word swap.
    given = {x.pseudonym: strip_title(x.real_name.split()[0]) for x in members}

    def to_real(text: str) -> str:
        return "".join(given.get(t, t) for t in words(text, given))

    held = [s for s in store.sessions(group.id) if s.status == m.SessionStatus.HELD]
    last = max(s.number for s in store.sessions(group.id))
    day = max(s.held_on for s in store.sessions(group.id))
    with store.transaction():
        for s in held:
            store.save(_renamed(s, to_real))
        for number in range(last + 1, SESSIONS + 1):
            model = held[(number - last - 1) % len(held)]
            day += timedelta(days=7)
            copy = _renamed(model, to_real).model_copy(
                update={
                    "id": m.new_id(),
                    "number": number,
                    "held_on": day,
                    "started_at": None,
                    "ended_at": None,
                }
            )
            store.add(copy)
    return group


def _renamed(session: m.Session, to_real) -> m.Session:
    update = {f: to_real(getattr(session, f)) for f in _TEXT}
    update |= {f: [to_real(t) for t in getattr(session, f)] for f in _LISTS}
    return session.model_copy(update=update)


def cpu_median(fn, runs: int = 7) -> float:
    fn()  # warm-up: dictionary, catalogs, caches
    times = []
    for _ in range(runs):
        began = time.process_time()
        fn()
        times.append(time.process_time() - began)
    return statistics.median(times)


def without_scrubbing():
    """Patch scrubbing out; returns a function that puts it back."""
    saved = (pseudonymise.shareable, pseudonymise.Naming.scrub)
    pseudonymise.shareable = lambda data, naming: data
    pseudonymise.Naming.scrub = lambda self, text: normalise(text or "")

    def restore() -> None:
        pseudonymise.shareable, pseudonymise.Naming.scrub = saved

    return restore


def cold_dictionary() -> float:
    code = (
        "import time; t=time.process_time(); from groupwork.privacy.thai_words import words; "
        "words('พรุ่งนี้คุณพรมา', ['พร']); print(time.process_time()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        rows = []
        for label, build in (("demo-52", build_demo_52), ("bench", build_large_group)):
            store = Store.open(folder / f"{label}.db")
            group = build(store)
            out = folder / f"{label}.md"

            def review(store=store, group=group, out=out):
                generate_review(store, group.id, fmt="md", lang="th", out=out)

            with_scrub = cpu_median(review)
            restore = without_scrubbing()
            try:
                without = cpu_median(review)
            finally:
                restore()
            size = out.stat().st_size
            rows.append((label, without, with_scrub, size))
            if label == "demo-52":
                from groupwork.report.share_check import pre_share_check

                began = time.process_time()
                check = pre_share_check(store, group.id)
                took = time.process_time() - began
                print(f"pre-share check of demo-52: {took:.2f} s CPU")
                print(f"spots to re-read: {len(check.spots)}")
                for at in check.spots:
                    print(f"  {at.where}: {at.spot.word} | {at.spot.context}")
                print(f"possible non-member names: {len(check.flags)}")
                for flag in check.flags:
                    where, context = flag.places[0]
                    print(f"  {flag.name} x{len(flag.places)}: {where} | {context}")
            store.close()
        print("| Group | review without scrubbing | with | added | Markdown size |")
        print("|---|---|---|---|---|")
        for label, without, with_scrub, size in rows:
            print(
                f"| {label} | {without:.3f} s | {with_scrub:.3f} s | "
                f"{with_scrub - without:+.3f} s | {size / 1024:.0f} KiB |"
            )
        print(f"one-off dictionary load in a fresh process: {cold_dictionary():.2f} s CPU")


if __name__ == "__main__":
    main()
