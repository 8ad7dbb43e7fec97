"""What the review still shows of a member whose consent was withdrawn in full.

DOMAIN.md's consent principle: a member's data is shared only with her informed consent, and
she may always refuse. Withdrawing it in full (her consent in force carries ``withdrawn_on``)
stops every further use of what she told the group, so the review, a document that leaves the
unit, keeps only what describes the group's work rather than her:

- kept: that she was a member and left (her decision and its date), her consent records'
  dates, her attendance marks and her turns in the sessions she attended (they are part of
  every other member's figures and the group's), tasks she shared with others, counts;
- withheld: her own words and what was written about her: the reason she left, notes on
  her, where she was referred from, the narratives and results of her assessments, her
  ratings, goals of her own, new situations about her, the reasons for her absences and the
  notes on her consent records (they say why she left). Each is replaced by "withheld:
  consent withdrawn on <date>", or counted where a record is left out.

``withhold_withdrawn`` is the one place that decides this: ``gather_review_data`` applies it,
so no section, chart or appendix sees the withheld text, and ``build_document`` applies it
again in the review's language (the notices are rewritten; nothing else changes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from groupwork.dates import format_date
from groupwork.i18n import _
from groupwork.models_lazy import models as m

if TYPE_CHECKING:
    from groupwork.review_data.data import ReviewData


@dataclass
class Withheld:
    """A member whose consent was withdrawn in full: the date, and how many records were left
    out of the review (so counts still add up)."""

    on: date
    assessments: int = 0
    ratings: int = 0
    goals: list[str] = field(default_factory=list)
    """Ids of her own goals (kept, with their wording withheld)."""


DateText = Callable[[date], str]


def notice(on: date, date_text: DateText = format_date) -> str:
    """What stands where a withheld text was, in the current language."""
    return _("withheld: consent withdrawn on {date}").format(date=date_text(on))


def withdrawn_in_full(consents: dict[str, m.Consent | None]) -> dict[str, date]:
    """Members whose consent in force is withdrawn, with the day it was withdrawn."""
    return {mid: c.withdrawn_on for mid, c in consents.items() if c and c.withdrawn_on}


def _blank(record, on: date, date_text: DateText, *names: str):
    """``record`` with each of ``names`` that has text replaced by the notice."""
    text = notice(on, date_text)
    update = {n: text for n in names if str(getattr(record, n) or "").strip()}
    return record.model_copy(update=update) if update else record


def withhold_withdrawn(data: ReviewData, date_text: DateText = format_date) -> ReviewData:
    """Take out of ``data`` what a member who withdrew her consent in full no longer shares.

    Idempotent: a second pass only rewrites the notices in the current language
    (``date_text`` writes the date as the review does: the report passes its own).
    """
    gone = withdrawn_in_full(data.consents)
    if not gone:
        return data
    # Applied again when the review is built, in the review's language: the counts of the
    # first pass stay, the notices are written anew.
    data.withheld = {mid: data.withheld.get(mid) or Withheld(on) for mid, on in gone.items()}
    data.members = [
        _blank(x, gone[x.id], date_text, "decision_reason", "notes", "referral_source")
        if x.id in gone
        else x
        for x in data.members
    ]
    data.consent_history = {
        mid: [_blank(c, gone[mid], date_text, "notes") for c in records] if mid in gone else records
        for mid, records in data.consent_history.items()
    }
    data.consents = {
        mid: _blank(c, gone[mid], date_text, "notes") if c and mid in gone else c
        for mid, c in data.consents.items()
    }
    kept = []
    for a in data.assessments:
        if a.member_id in gone:
            data.withheld[a.member_id].assessments += 1
        else:
            kept.append(a)
    data.assessments = kept
    rated = []
    for r in data.ratings:
        if r.member_id in gone:
            data.withheld[r.member_id].ratings += 1
        else:
            rated.append(r)
    data.ratings = rated
    goals = []
    for g in data.goals:
        if g.member_id in gone:
            if g.id not in data.withheld[g.member_id].goals:
                data.withheld[g.member_id].goals.append(g.id)
            g = g.model_copy(
                update={
                    "title": notice(gone[g.member_id], date_text),
                    "description": "",
                    "revisions": [],
                }
            )
        goals.append(g)
    data.goals = goals
    data.situations = [
        _blank(s, gone[s.member_id], date_text, "description", "joint_analysis", "plan_changes")
        if s.member_id in gone
        else s
        for s in data.situations
    ]
    data.attendance = [
        _blank(a, gone[a.member_id], date_text, "reason") if a.member_id in gone else a
        for a in data.attendance
    ]
    return data
