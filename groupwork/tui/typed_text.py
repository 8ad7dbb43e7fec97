"""Text people typed is shown as typed: a table cell given as ``str`` is never markup.

Textual's DataTable reads a ``str`` cell as Rich markup (``default_cell_formatter``): a task
titled "[/] โทรหาป้าบัว" stopped the screen that drew it with a ``MarkupError`` traceback, "[b]"
turned a title bold and "[urgent]" vanished from a group's name. Every cell this app puts in a
table is data (names, titles, dates, counts), never markup, so ``install()`` (called once,
before the app draws anything) gives DataTable a formatter that shows a ``str`` as its own
text, for every table at once: the ones written today and the ones written later. Anything
else (rich ``Text``, numbers, other renderables) is formatted as Textual formats it.

Statics and labels come from ``groupwork.tui.widgets.plain`` (markup only when asked); option
lists get rich ``Text``; a line that styles some words is built from ``Content`` pieces, never
by putting typed text inside markup (no escaping is safe there: a backslash at the end of a
name escapes the tag after it). ``GroupworkApp.notify`` never reads markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import _data_table

TEXTUAL_FORMATTER = _data_table.default_cell_formatter
"""Textual's own cell formatter (markup read), kept for other cells and for tests."""


def plain_cell_formatter(obj: object, wrap: bool = True, height: int = 0):
    """As Textual's ``default_cell_formatter``, a ``str`` taken as plain text (not markup)."""
    if not isinstance(obj, str):
        return TEXTUAL_FORMATTER(obj, wrap=wrap, height=height)
    return Text(cut_to_height(obj, height), no_wrap=not wrap, end="")


def cut_to_height(text: str, height: int) -> str:
    """``text`` without the lines a cell ``height`` lines tall cannot show, as Textual's
    formatter cuts it (``height`` 0: all of it)."""
    if height:
        cut = _data_table._find_newline(text, height)
        if cut != -1 and cut != len(text) - 1:
            return text[:cut]
    return text


def install() -> None:
    """Make DataTable show ``str`` cells as plain text (idempotent)."""
    _data_table.default_cell_formatter = plain_cell_formatter
