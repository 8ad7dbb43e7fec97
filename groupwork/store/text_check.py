"""Text neither engine can take, refused in words before it reaches the database.

The models refuse unclean names and notes (``models_base.clean_text_error``), but a lookup
(a group name typed on the command line, where bytes that are not UTF-8 arrive as lone
surrogates) goes straight to a query: SQLite and psycopg then fail with a ``UnicodeEncodeError``
and PostgreSQL refuses a NUL character with a ``DataError``, each a traceback. Both engines
check every text they are given here, with the models' own messages.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from groupwork.errors import InvalidInputError


def _unstorable(text: str) -> str | None:
    """The first character of ``text`` no engine stores (C-speed: notes are checked on every
    change), or None."""
    if "\x00" in text:
        return "\x00"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # only a lone surrogate fails to encode
        return text[exc.start]
    return None


def text_problem(value: Any) -> str | None:
    """Why ``value`` (text, or a list/tuple/dict holding text) cannot be stored; else None."""
    if isinstance(value, str):
        bad = _unstorable(value)
        if bad is None:
            return None
        from groupwork.models_base import clean_text_error  # late: pydantic only for bad text

        return clean_text_error(bad, lines=True, bidi=True)
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, (list, tuple, set)):
        return next((p for p in map(text_problem, value) if p), None)
    return None


def refuse_unstorable(params: Iterable[Any] | dict[str, Any] | None) -> None:
    """``InvalidInputError`` (nothing read or written) for a lone surrogate or NUL in ``params``."""
    if params is None:
        return
    problem = text_problem(params if isinstance(params, dict) else list(params))
    if problem:
        raise InvalidInputError([problem])
