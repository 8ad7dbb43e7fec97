"""What a person types, read in one place for every door.

The command line (the click types in ``groupwork/commands/types.py``) and the TUI's forms read
numbers, dates, ids, file paths and texts through these functions, so an odd value is refused
with the same one line in the person's language wherever it was typed, before anything is
opened or changed. It imports nothing heavy, so the click types can name its ranges. Each raises ``InvalidInputError`` (a ``GroupworkError``); none touches a
file's content (a path is looked at with ``stat`` only, so a FIFO never blocks).
"""

from __future__ import annotations

import os
import re
import stat
from datetime import date
from pathlib import Path

from groupwork.dates import not_a_date, parse_date
from groupwork.errors import InvalidInputError
from groupwork.i18n import _

SESSION_NUMBERS = (1, 10_000)
"""A session's number, as the model allows it."""
DAYS = (1, 36_500)
"""A count of days a person types (``--late-by``): up to a hundred years."""
SCORES = (-1_000, 1_000)
"""The ends of a rating scale."""
SEEDS = (0, 2**31 - 1)
"""A seed for the demo's random details."""

_MAX_DIGITS = 18
"""More digits than this is out of every range above (and never a slow ``int()``)."""
_NUMBER = re.compile(r"[+-]?\d+")
_HEX_PREFIX = re.compile(r"[0-9a-fA-F]{4,32}")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_SHOWN = 40
"""How much of an odd value a message repeats."""


def shown(text: str) -> str:
    """``text`` as a message repeats it: quoted, cut short, control characters escaped."""
    return repr(str(text)[:_SHOWN])


def path_text(path: str | os.PathLike[str]) -> str:
    """``path`` as a message prints it: whole, with any byte that is not UTF-8 (a surrogate in
    the name the system gave) escaped rather than failing the message."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def whole_number(text: str | int, low: int, high: int) -> int:
    """The whole number in ``text`` if it is from ``low`` to ``high``; else ``InvalidInputError``.

    Thai digits count (int() reads them); a sign is allowed; anything else, or a number of
    more than 18 digits, is refused before ``int()`` sees it.
    """
    cleaned = str(text).strip()
    found = _NUMBER.fullmatch(cleaned)
    if found and len(cleaned.lstrip("+-")) <= _MAX_DIGITS:
        value = int(cleaned)
        if low <= value <= high:
            return value
    raise InvalidInputError(
        [
            _("{text} is not a whole number from {low} to {high}.").format(
                text=shown(cleaned), low=low, high=high
            )
        ]
    )


def day(text: str) -> date:
    """The date a person typed: 2026-11-21, 21/11/2569 or 21.11.2569 (Buddhist Era), or
    20261121.

    Impossible dates (20261301, 2026-02-30) and dates groupwork cannot use (before 1900 or
    after 2300) are refused with one line; see ``groupwork.dates.parse_date``.
    """
    cleaned = str(text).strip()
    compact = _COMPACT_DATE.fullmatch(cleaned)
    dotted = _DOTTED_DATE.fullmatch(cleaned)
    if compact:
        readable = "-".join(compact.groups())
    else:
        readable = "/".join(dotted.groups()) if dotted else cleaned
    try:
        found = parse_date(readable)
    except InvalidInputError:
        raise InvalidInputError([not_a_date(cleaned)]) from None
    if not date(1900, 1, 1) <= found <= date(2300, 12, 31):
        raise InvalidInputError(
            [
                _("{text} is too far from today; give a date between 1900 and 2300.").format(
                    text=shown(text)
                )
            ]
        )
    return found


def id_prefix(text: str) -> str | None:
    """``text`` as the start of a record's id (4 to 32 hex digits, lower case), or None.

    Ids are hex (``uuid4().hex``): anything else (``____``, ``%``) is no id prefix at all,
    so a lookup matches ids exactly, never by a wildcard.
    """
    cleaned = str(text).strip()
    return cleaned.lower() if _HEX_PREFIX.fullmatch(cleaned) else None


def text(value: str, *, lines: bool = True) -> str:
    """``value`` if it holds no character that cannot be stored or shown (NUL and other
    control characters, a lone surrogate from bytes that are not UTF-8); else
    ``InvalidInputError``. ``lines``: newlines and tabs are allowed."""
    from groupwork.models_base import clean_text_error  # late: pydantic only when needed

    problem = clean_text_error(value, lines=lines, bidi=True)
    if problem:
        raise InvalidInputError([_("What was typed {problem}.").format(problem=problem)])
    return value


def input_file(path: str | os.PathLike[str]) -> Path:
    """``path`` if it is a regular file this person may read; else ``InvalidInputError``
    naming the path as given (a folder, a FIFO, a socket or a device is refused at once)."""
    found = Path(file_name(str(path)))
    try:
        mode = os.stat(found).st_mode
    except FileNotFoundError:
        raise InvalidInputError([_("The file {path} does not exist.").format(path=found)]) from None
    except OSError:
        raise InvalidInputError([_("The file {path} cannot be read.").format(path=found)]) from None
    if stat.S_ISDIR(mode):
        raise InvalidInputError([_("{path} is a folder; give a file name.").format(path=found)])
    if not stat.S_ISREG(mode):
        raise InvalidInputError([not_regular_message(found)])
    if not os.access(found, os.R_OK):
        raise InvalidInputError([_("The file {path} cannot be read.").format(path=found)])
    return found


def file_name(text: str) -> str:
    """``text`` if it can name a file (no NUL character, which no system allows in a path);
    else ``InvalidInputError``."""
    if "\x00" in text:
        raise InvalidInputError(
            [_("{text} is not a file name: it holds a NUL character.").format(text=shown(text))]
        )
    return text


def not_regular_message(path: str | os.PathLike[str]) -> str:
    """The one line for a path that is a pipe, socket or device where a file is asked for."""
    return _("{path} is not a regular file (a pipe, socket or device); give a file.").format(
        path=path
    )


def is_special_file(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` exists and is neither a regular file nor a folder (looked at with
    ``stat`` only: opening a FIFO would wait for a writer)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):  # ValueError: a NUL in the name, refused where it is opened
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))
