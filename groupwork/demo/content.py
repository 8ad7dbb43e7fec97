"""The demo group's content, read from the TOML files shipped beside this module.

The files (``groupwork/demo/content/*.toml``, described in the README there) hold everything
the demo says; this module only reads them and turns their relative dates ("s7+4") into
days. Reading is cached: the files never change while the program runs.
"""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, date, time, timedelta
from functools import cache
from importlib import resources
from typing import Any

PARTS = ("group", "members", "sessions", "rules", "assessments", "goals", "tasks", "course")
"""The content files, one per part of the demo."""

MORNING = time(3, 0, tzinfo=UTC)
"""10:00 in Bangkok: when a note is written at the desk or a call comes in between sessions."""

_DAY = re.compile(r"^s(\d+)([+-]\d+)?$")


@cache
def load(part: str) -> dict[str, Any]:
    """The parsed content of ``content/<part>.toml``."""
    if part not in PARTS:
        raise ValueError(f"no demo content called {part!r}")
    folder = resources.files("groupwork.demo").joinpath("content")
    return tomllib.loads(folder.joinpath(f"{part}.toml").read_text(encoding="utf-8"))


def session_dates(today: date) -> dict[int, date]:
    """The day of every session: the last one two days before ``today`` (so some tasks are
    overdue), the others ``days_between`` apart before it."""
    schedule = load("group")["schedule"]
    count, step = schedule["sessions"], schedule["days_between"]
    last = today - timedelta(days=2)
    first = last - timedelta(days=step * (count - 1))
    return {n: first + timedelta(days=step * (n - 1)) for n in range(1, count + 1)}


def day(spec: str, dates: dict[int, date]) -> date:
    """A content date ("s7", "s7+4", "s1-30") as a day, given the sessions' days."""
    found = _DAY.match(spec.strip())
    if found is None or int(found.group(1)) not in dates:
        raise ValueError(f"not a demo date: {spec!r} (write s<session>, s<session>+<days>)")
    return dates[int(found.group(1))] + timedelta(days=int(found.group(2) or 0))


__all__ = ["MORNING", "PARTS", "day", "load", "session_dates"]
