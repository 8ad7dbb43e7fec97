"""click types for what a person types on the command line, read by ``groupwork.typed_input``.

Each type hands the text to the parsing module the TUI's forms use too, and turns its refusal
into ``click.BadParameter``, which the root command prints as one line (exit 1): see
``LazyGroup.invoke`` in ``groupwork.cli``.
"""

from __future__ import annotations

from typing import Any

import click

from groupwork import typed_input
from groupwork.errors import InvalidInputError


def _read(reader, value: Any, param, ctx):
    try:
        return reader(value)
    except InvalidInputError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


class WholeNumber(click.ParamType):
    """A whole number from ``low`` to ``high`` (``typed_input.whole_number``)."""

    name = "integer"

    def __init__(self, bounds: tuple[int, int]) -> None:
        self.low, self.high = bounds

    def convert(self, value: Any, param, ctx) -> int:
        """The number, or ``BadParameter`` with the one-line reason."""
        if isinstance(value, int) and self.low <= value <= self.high:
            return value  # a default
        return _read(lambda v: typed_input.whole_number(v, self.low, self.high), value, param, ctx)


class Day(click.ParamType):
    """A date as a Thai social worker types it (``typed_input.day``)."""

    name = "date"

    def convert(self, value: Any, param, ctx):
        """The date, or ``BadParameter`` with the one-line reason."""
        from datetime import date

        if isinstance(value, date):
            return value
        return _read(typed_input.day, value, param, ctx)


class Text(click.ParamType):
    """A text with nothing that cannot be stored (NUL, lone surrogates, control characters)."""

    name = "text"

    def __init__(self, lines: bool = True) -> None:
        self.lines = lines

    def convert(self, value: Any, param, ctx) -> str:
        """The text, or ``BadParameter`` with the one-line reason."""
        return _read(lambda v: typed_input.text(str(v), lines=self.lines), value, param, ctx)


class FilePath(click.Path):
    """``click.Path`` that refuses a name with a NUL character in words (``os.stat`` would
    raise ``ValueError``, a traceback) before click looks at the disk."""

    def convert(self, value: Any, param, ctx):
        """The path, or ``BadParameter`` with the one-line reason."""
        if isinstance(value, str):
            _read(typed_input.file_name, value, param, ctx)
        return super().convert(value, param, ctx)


class InputFile(click.ParamType):
    """An existing regular file to read (a folder, FIFO, socket or device is refused at once)."""

    name = "file"

    def convert(self, value: Any, param, ctx):
        """The path, or ``BadParameter`` naming it as given."""
        return _read(typed_input.input_file, value, param, ctx)
