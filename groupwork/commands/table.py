"""Plain-text tables for the terminal, measured in cells (Thai vowel and tone marks take none)."""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

import click


@lru_cache(maxsize=65536)
def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (Thai vowel and tone marks take none).

    Cached: a long table repeats the same group names, dates and statuses on every line."""
    if text.isascii():
        return len(text)
    return sum(_char_width(ch) for ch in text)


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` cells."""
    return text + " " * max(0, width - display_width(text))


@lru_cache(maxsize=65536)
def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, with "…" when cut."""
    if display_width(text) <= width:
        return text
    used, end = 0, 0
    for i, ch in enumerate(text):
        used += _char_width(ch)
        if used > width - 1:
            break
        end = i + 1
    return text[:end] + "…"


def echo_table(headers: Sequence[str], lines: Iterable[Sequence[str]]) -> None:
    """Columns as wide as their widest cell, two spaces apart."""
    lines = list(lines)
    widths = [max(display_width(x) for x in column) for column in zip(headers, *lines, strict=True)]
    for line in [headers, *lines]:
        click.echo("  ".join(pad(cell, w) for cell, w in zip(line, widths, strict=True)).rstrip())


def write_csv(fields: Sequence[str], rows: Iterable[dict]) -> None:
    """``rows`` as CSV on stdout (lists joined with "; ", booleans as true/false)."""
    writer = csv.DictWriter(sys.stdout, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                key: "; ".join(map(str, value))
                if isinstance(value, list)
                else ("true" if value else "false")
                if isinstance(value, bool)
                else ("" if value is None else value)
                for key, value in row.items()
            }
        )


def echo_json_list(rows: Iterable[dict], per_write: int = 500) -> None:
    """What ``json.dumps(list(rows), ensure_ascii=False, indent=1)`` prints, written as the
    rows come, ``per_write`` rows a write (``click.echo`` flushes every time)."""
    pieces: list[str] = []
    started = False
    for row in rows:
        # One level deeper, as inside the list (a JSON text has no blank line to skip).
        text = " " + json.dumps(row, ensure_ascii=False, indent=1).replace("\n", "\n ")
        pieces.append((",\n" if started else "[\n") + text)
        started = True
        if len(pieces) >= per_write:
            click.echo("".join(pieces), nl=False)
            pieces.clear()
    click.echo("".join(pieces) + ("\n]" if started else "[]"))
