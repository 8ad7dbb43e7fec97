"""What every review section shares: the stage frame (status, the facilitator's account,
from the records), names of members, session lines."""

from __future__ import annotations

from collections.abc import Callable

from groupwork import models as m
from groupwork.i18n import _
from groupwork.labels import caption
from groupwork.privacy.naming import Naming
from groupwork.privacy.withheld import Withheld
from groupwork.report.model import (
    Block,
    Heading,
    Paragraph,
    Run,
    labelled,
    missing,
    note,
    runs,
)
from groupwork.report.text import fmt_date
from groupwork.review_data.data import ReviewData
from groupwork.stages import guide

StageRecords = Callable[[ReviewData, Naming], list[Block]]


def names(naming: Naming, ids: list[str]) -> str:
    """Members' labels, comma separated ("–" for none)."""
    return ", ".join(naming.label(i) for i in ids) or "–"


def text_paragraphs(text: str) -> list[Paragraph]:
    """Multi-line free text as paragraphs (blank lines split, single breaks joined)."""
    import re

    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text.strip())]
    return [Paragraph(runs(b)) for b in blocks if b]


def one_line(text: str) -> str:
    """Free text on one line (for a table cell or a list item)."""
    return " ".join(str(text).split())


def session_title(session: m.Session) -> str:
    """ "Session 4 (26 Jan 2026)"."""
    return _("Session {number} ({date})").format(
        number=session.number, date=fmt_date(session.held_on)
    )


def session_notes(session: m.Session, naming: Naming) -> list[Run]:
    """The session's notes and next steps, as inline runs (empty when neither was written)."""
    parts: list[Run] = []
    for label, value in ((_("Notes"), session.notes), (_("Next steps"), session.next_steps)):
        if value.strip():
            if parts:
                parts.append(Run(" "))
            parts += [Run(label + ":", bold=True), Run(" " + one_line(naming.scrub(value)))]
    return parts


def stage_status(data: ReviewData, n: int) -> Paragraph:
    """ "Status: completed · Period: … · Sessions: 1, 2"."""
    progress = data.stages[n]
    sessions = data.sessions_for_stage(n)
    parts: list[Run] = [Run(_("Status") + ":", bold=True), Run(" " + caption(progress.status))]
    if progress.started_on or progress.completed_on:
        period = f"{fmt_date(progress.started_on)} – {fmt_date(progress.completed_on)}"
        parts += [Run(" · "), Run(_("Period") + ":", bold=True), Run(" " + period)]
    if sessions:
        numbers = ", ".join(str(s.number) for s in sessions)
        parts += [Run(" · "), Run(_("Sessions") + ":", bold=True), Run(" " + numbers)]
    return Paragraph(parts)


def unmet(data: ReviewData, n: int, naming: Naming) -> Paragraph | None:
    """The stage was closed with unmet criteria: the reason given, set off as a quote."""
    progress = data.stages[n]
    if not progress.unmet_criteria:
        return None
    text = _(
        "This stage was closed although {count} of its criteria were not met. Reason given: "
        "{reason}"
    ).format(count=len(progress.unmet_criteria), reason=naming.scrub(progress.override_reason))
    return Paragraph(runs(text), style="quote")


def stage_blocks(data: ReviewData, naming: Naming, n: int, records: StageRecords) -> list[Block]:
    """Section ``n``: status, the facilitator's account, and what the records show."""
    narrative = naming.scrub(data.stages[n].narrative).strip()
    found = [b for b in records(data, naming) if b]
    out: list[Block] = [
        Heading(2, f"{n}. {guide(n).name()}", anchor=f"s{n}", new_page=n == 1),
        stage_status(data, n),
    ]
    reason = unmet(data, n, naming)
    if reason:
        out.append(reason)
    if not narrative and not found:
        out.append(
            Paragraph(
                [
                    Run(_("Nothing has been recorded for this stage."), bold=True),
                    Run(
                        " "
                        + _(
                            "No account by the facilitator and no records from the sessions "
                            "were found. Add them before submitting this report."
                        )
                    ),
                ],
                style="missing",
            )
        )
        return out
    out.append(Heading(3, _("The facilitator's account")))
    if narrative:
        out += text_paragraphs(narrative)
    else:
        out.append(note(_("The facilitator has not yet written an account of this stage.")))
    out.append(Heading(3, _("From the records")))
    out += found if found else [note(_("No records for this stage."))]
    return out


__all__ = [
    "labelled",
    "missing",
    "names",
    "note",
    "one_line",
    "session_notes",
    "session_title",
    "stage_blocks",
    "text_paragraphs",
]


def withheld_note(
    data: ReviewData, naming: Naming, count: Callable[[Withheld], int]
) -> Block | None:
    """A note naming each member whose records of this kind are withheld (consent withdrawn in
    full), with how many records, so a reader sees they exist and why they are not shown."""
    lines = [
        _("{member}: {count} records withheld: consent withdrawn on {date}.").format(
            member=naming.label(mid), count=count(w), date=fmt_date(w.on)
        )
        for mid, w in data.withheld.items()
        if count(w)
    ]
    return note(" ".join(lines)) if lines else None
