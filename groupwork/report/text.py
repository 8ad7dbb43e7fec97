"""Small text helpers for the report: dates, Markdown escaping, tables and stage names."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from groupwork.i18n import N_, _, current_language

_THAI_MONTHS = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

_ENGLISH_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()

# Used until the stage guides (groupwork.stages) are available: the guideline's own titles.
_FALLBACK_STAGE_NAMES = {
    1: N_("Problem and need for the group method"),
    2: N_("Group formation and member selection"),
    3: N_("Relationship building into a support system"),
    4: N_("Ground rules (group agreements)"),
    5: N_("Assessment of members and group issues"),
    6: N_("Shared goals and plan"),
    7: N_("Facilitated dialogue and self-reflection"),
    8: N_("Carrying out the agreements: task assignment"),
    9: N_("Periodic joint review"),
    10: N_("Finding and assessing new situations"),
    11: N_("Joint analysis of the new situation"),
    12: N_("Decision to re-plan and continue; handover"),
}


def fmt_date(day: date | None) -> str:
    """A date as people read it: Thai in the Buddhist Era ("21 พ.ย. 2569"), else "21 Nov 2026"."""
    if day is None:
        return "–"
    try:
        from groupwork.dates import format_date
    except ImportError:
        pass
    else:
        return format_date(day)
    if current_language() == "th":
        return f"{day.day} {_THAI_MONTHS[day.month - 1]} {day.year + 543}"
    return f"{day.day} {_ENGLISH_MONTHS[day.month - 1]} {day.year}"


def stage_name(number: int) -> str:
    """The stage's name in the current language, from the stage guides when they exist."""
    try:
        from groupwork.stages import guide
    except ImportError:
        return _(_FALLBACK_STAGE_NAMES[number])
    return guide(number).name(current_language())


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
