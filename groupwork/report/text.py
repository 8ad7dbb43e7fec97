"""Small text helpers for the report: dates, Markdown escaping and tables."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from groupwork.dates import default_era, format_date
from groupwork.i18n import current_language

THAI_MONTHS_FULL = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
"""A Thai official document writes the month out (ระเบียบงานสารบรรณ: 28 พฤศจิกายน 2569)."""


def fmt_date(day: date | None) -> str:
    """A date as the report shows it; "–" for none. In Thai written out, as an official
    document dates it ("28 พฤศจิกายน 2569", Buddhist Era); otherwise
    ``groupwork.dates.format_date``."""
    if day is None:
        return "–"
    if current_language() == "th" and default_era("th") == "be":
        return f"{day.day} {THAI_MONTHS_FULL[day.month - 1]} {day.year + 543}"
    return format_date(day)


def cell_date(day: date | None) -> str:
    """A date in a table cell: abbreviated ("19 ม.ค. 2569"), so a date column stays narrow
    and on one line; prose and signatures write it out (``fmt_date``)."""
    return format_date(day) if day is not None else "–"


_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])(\s)", re.MULTILINE)


def esc(text: str) -> str:
    """Free text made safe for Markdown: shown as typed, never as markup or HTML."""
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(r"\1\\\2\3", text)


def cell(text: str) -> str:
    """Free text for one table cell: escaped, on one line."""
    return esc(" ".join(str(text).split())) or "–"


def paragraphs(text: str) -> str:
    """Multi-line free text as Markdown paragraphs (blank lines kept, single breaks joined)."""
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text.strip())]
    return "\n\n".join(esc(b) for b in blocks if b)


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table; cells must already be escaped (see ``cell``)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _h in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def bullets(items: Iterable[str]) -> str:
    """A bullet list of already-escaped items."""
    return "\n".join(f"- {item}" for item in items)


def percent(value: float | None) -> str:
    """0.734 -> "73%"; None -> "–"."""
    return "–" if value is None else f"{round(value * 100)}%"
