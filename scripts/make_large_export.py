"""Write a large, valid groupwork export (one group) for measuring what importing it costs.

The demo group, with its turns and marks copied (new ids, same sessions) until the file is
about the size asked for; deterministic from the seed. docs/performance.md gives the figure.

    .venv/bin/python scripts/make_large_export.py /tmp/large.json [--megabytes 50] [--seed 20]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from groupwork.demo import build_demo
from groupwork.exchange import export_group
from groupwork.store import Store


def large_export(megabytes: float, seed: int) -> dict:
    """The demo group's export with copies of its turns and marks, about ``megabytes`` big."""
    rng = random.Random(seed)
    with Store.memory() as store:
        group = build_demo(store, seed=2569)
        document = export_group(store, group.id).model_dump(mode="json")
    originals = {key: list(document[key]) for key in ("participation_events", "group_marks")}
    one_copy = len(json.dumps(originals, ensure_ascii=False, indent=1).encode())
    for _copy in range(int(megabytes * 1_048_576 / one_copy)):
        for key, records in originals.items():
            document[key] += [{**r, "id": f"{rng.getrandbits(128):032x}"} for r in records]
    return document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--megabytes", type=float, default=50)
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args()
    document = large_export(args.megabytes, args.seed)
    args.path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    size = args.path.stat().st_size / 1_048_576
    print(f"{args.path}: {size:.1f} MB, {len(document['participation_events'])} turns")


if __name__ == "__main__":
    main()
