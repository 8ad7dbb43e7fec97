"""How the TUI shows dates, stage names and people, in the current language."""

from __future__ import annotations

from datetime import date

from groupwork import models as m
from groupwork.i18n import _, current_language

THAI_MONTHS = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
ENGLISH_MONTHS = ("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec").split()


def show_date(value: date | None) -> str:
    """A date as a Thai social worker reads it (Buddhist Era) or as English; "—" when unset."""
    if value is None:
        return "—"
    try:
        from groupwork.dates import format_date  # the shared formatter, when present
    except ImportError:
        if current_language() == "th":
            return f"{value.day} {THAI_MONTHS[value.month - 1]} {value.year + 543}"
        return f"{value.day} {ENGLISH_MONTHS[value.month - 1]} {value.year}"
    return format_date(value)


def stage_name(number: int) -> str:
    """The stage's short name in the current language."""
    try:
        from groupwork.stages import guide
    except ImportError:
        return _("Stage {number}").format(number=number)
    return guide(number).name()


def member_label(member: m.Member | None) -> str:
    """How a member is shown on screen: pseudonym (the real name stays in the form)."""
    if member is None:
        return "—"
    if member.erased:
        return _("(erased)")
    return member.pseudonym


def assignee_label(assignee_id: str, members: dict[str, m.Member]) -> str:
    """A task assignee: a member's pseudonym or "facilitator"."""
    if assignee_id == m.FACILITATOR:
        return _("facilitator")
    return member_label(members.get(assignee_id))


def percent(value: float | None) -> str:
    """0.734 -> "73%"; None -> "—"."""
    return "—" if value is None else f"{round(value * 100)}%"
