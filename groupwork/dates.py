"""Dates as a Thai social worker reads and types them.

Thai documents usually write the year in the Buddhist Era (BE = CE + 543): 21 พ.ย. 2569.
``format_date`` shows a date in the current (or a given) language, in the Buddhist Era by
default in Thai; ``GROUPWORK_ERA=ce|be`` or the ``era`` argument overrides that.
``parse_date`` reads what a person types: ISO dates (2026-11-21), the same with a BE year
(2569-11-21) and day/month/year (21/11/2569); any year above 2400 is taken as BE.
"""

from __future__ import annotations

import os
import re
from datetime import date, time

from groupwork.errors import InvalidInputError
from groupwork.i18n import _, current_language

BE_OFFSET = 543
"""Buddhist Era year = Common Era year + 543."""
BE_YEAR_ABOVE = 2400
"""A typed year above this is a Buddhist-Era year (CE 1857 is long before any record)."""
ERAS = ("ce", "be")

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
_ENGLISH_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def default_era(lang: str) -> str:
    """The era to show in ``lang``: ``GROUPWORK_ERA`` if set, else BE in Thai and CE in English."""
    env = os.environ.get("GROUPWORK_ERA", "").strip().lower()
    if env in ERAS:
        return env
    return "be" if lang == "th" else "ce"


def format_date(
    d: date | None, lang: str | None = None, era: str | None = None, short: bool = False
) -> str:
    """``d`` for people: "21 พ.ย. 2569" in Thai, "21 Nov 2026" in English; "" for None.

    ``era`` ("ce" or "be") overrides the default; an era that is not the language's usual one
    is named, so "21 Nov BE 2569" and "21 พ.ย. ค.ศ. 2026" cannot be misread. ``short`` writes
    the year with its last two digits ("21 พ.ย. 69"), as Thai forms and chart axes do.
    """
    if d is None:
        return ""
    lang = lang or current_language()
    era = (era or default_era(lang)).lower()
    if era not in ERAS:
        raise ValueError(f"unknown era: {era!r} (use 'ce' or 'be')")
    year = d.year + BE_OFFSET if era == "be" else d.year
    if short:
        year = f"{year % 100:02d}"
    if lang == "th":
        marker = "ค.ศ. " if era == "ce" else ""
        return f"{d.day} {_THAI_MONTHS[d.month - 1]} {marker}{year}"
    marker = "BE " if era == "be" else ""
    return f"{d.day} {_ENGLISH_MONTHS[d.month - 1]} {marker}{year}"


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def parse_date(text: str) -> date:
    """The date in ``text`` (ISO, ISO with a BE year, or day/month/year); else ``InvalidInputError``."""
    cleaned = (text or "").strip()
    match = _ISO.fullmatch(cleaned)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _DMY.fullmatch(cleaned)
        if not match:
            raise InvalidInputError([not_a_date(cleaned)])
        day, month, year = (int(g) for g in match.groups())
    if year > BE_YEAR_ABOVE:
        year -= BE_OFFSET
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidInputError([not_a_date(cleaned)]) from None


def not_a_date(text: str) -> str:
    """The one line for ``text`` that is not a date (shared with ``groupwork.typed_input``)."""
    return _("{text} is not a date; type it like 2026-11-21 or 21/11/2569.").format(
        text=repr(text[:40])
    )


__all__ = ["BE_OFFSET", "default_era", "format_date", "not_a_date", "parse_date", "parse_time"]


def parse_time(text: str) -> time | None:
    """A time typed by a person: "14:00", "14.00", "9:30" or "14" (o'clock); empty is None.

    Raises ``ValueError`` when the text is not a time of day.
    """
    text = text.strip()
    if not text:
        return None
    found = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?(?:\s*น\.)?", text)
    if not found:
        raise ValueError(text)
    return time(int(found.group(1)), int(found.group(2) or 0))


THAI_ZONE = "Asia/Bangkok"
"""Where a Thai agency's sessions happen, whatever zone the computer is set to."""


def agency_zone():
    """The zone session times are typed and shown in: ``GROUPWORK_TIMEZONE`` (an IANA name
    such as Asia/Bangkok) when set; Asia/Bangkok when groupwork speaks Thai; else the
    machine's own zone. A server or laptop left on UTC then still shows a 13:30 session at
    13:30, not 06:30."""
    from datetime import datetime
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = os.environ.get("GROUPWORK_TIMEZONE", "").strip()
    if not name and current_language() == "th":
        name = THAI_ZONE
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass  # a mistyped setting: the machine's zone rather than no time at all
    return datetime.now().astimezone().tzinfo
