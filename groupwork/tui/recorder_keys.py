"""The recorder's keys: member key banks, command keys, modes, and small key helpers.

A member's key comes from their stable slot (``SessionRecorder.key_slots``): slots 0-9 are
the first bank (the digits 1 … 0), 10-19 the second bank of letters, 20 onwards the third.
Letters left out of the banks are the recorder's commands (f a s c n m u t v).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from groupwork import models as m

BANKS = ("1234567890", "qweryiopdh", "jklxbzg")
"""Member keys, ten to a bank; a group of more than ten gets the second bank (and a third)."""
MEMBER_KEYS = "".join(BANKS)
FACILITATOR_KEY = "f"
ROLL_CALL_CYCLE = [
    m.AttendanceStatus.PRESENT,
    m.AttendanceStatus.LATE,
    m.AttendanceStatus.EXCUSED,
    m.AttendanceStatus.ABSENT,
]
GROUP_MARK_KEYS = {
    "1": m.GroupMarkKind.SILENCE,
    "2": m.GroupMarkKind.CONFLICT,
    "3": m.GroupMarkKind.LAUGHTER,
    "4": m.GroupMarkKind.BREAKTHROUGH,
}
KIND_STYLES = {
    m.TurnKind.SPOKE: "",
    m.TurnKind.ASKED: "cyan",
    m.TurnKind.SUPPORTED: "green",
    m.TurnKind.CHALLENGED: "magenta",
}


class Mode(StrEnum):
    """What a member's key does: mark attendance, log a turn, or nothing (typing notes)."""

    ROLL_CALL = "roll_call"
    TURNS = "turns"
    NOTES = "notes"


def key_for_slot(slot: int) -> str:
    """The key of a member's slot ("" past the last key: reachable from the palette only)."""
    return MEMBER_KEYS[slot] if 0 <= slot < len(MEMBER_KEYS) else ""


def bank_of(slot: int) -> int:
    """The bank (1, 2, 3 …) a slot's key is in."""
    return slot // len(BANKS[0]) + 1


def action_parts(action: str) -> tuple[str, tuple[object, ...]]:
    """ "mode('notes')" -> ("mode", ("notes",))."""
    if "(" not in action:
        return action, ()
    name, _paren, rest = action.partition("(")
    args = rest.rstrip(")").strip()
    return name, tuple(a.strip().strip("'\"") for a in args.split(",")) if args else ()


def bind(fn: Callable, *args: object) -> Callable[[], object]:
    """``fn`` with ``args``, called later (a palette entry's callback)."""
    return lambda: fn(*args)
