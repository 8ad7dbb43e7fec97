"""How the TUI shows dates, stage names and people, in the current language."""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len, set_cell_size

from groupwork import guide_files
from groupwork.dates import format_date
from groupwork.i18n import _
from groupwork.models_lazy import models as m


def clip(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` terminal cells with "…".

    Measured in cells, not characters: Thai vowel and tone marks take no width, so counting
    characters would cut Thai text long before it fills the column. Thai is cut after a whole
    word (never between a letter and its vowel or tone mark): see ``groupwork.text_layout``.
    Other text is cut at the cell, as readers of short English labels expect ("Caregivers of B…").
    """
    if "@[" in text:  # a person linked in the text reads as their name here, not as a token
        from groupwork.privacy.links import for_worker

        text = for_worker(text)
    text = text.replace("\n", " ")
    if cell_len(text) <= width:
        return text
    from groupwork.text_layout import clip as clip_words
    from groupwork.text_layout import has_thai

    if has_thai(text):
        return clip_words(text, width)
    return set_cell_size(text, width - 1).rstrip() + "…"


def show_date(value: date | None) -> str:
    """A date as a Thai social worker reads it (Buddhist Era) or as English; "—" when unset."""
    return "—" if value is None else format_date(value)


def stage_name(number: int) -> str:
    """The stage's name in the current language."""
    # From the guides' front matter: the stage guides, their checks and the record classes
    # (~100 ms of start-up) wait until a stage is opened.
    name = guide_files.stage_name(number)
    if name is None:  # files it cannot vouch for: the guides' loader says what is wrong
        from groupwork.stages import guide

        name = guide(number).name()
    return name


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
