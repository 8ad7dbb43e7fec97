"""Lessons learned from the records, and the worker's own reflection with the reporting
worker's signature (the guideline's general criteria: knowledge and theory, teamwork and
partners, strengths and weaknesses of one's own practice, recommendations)."""

from __future__ import annotations

from groupwork import analytics
from groupwork import models as m
from groupwork.i18n import _
from groupwork.privacy.naming import Naming
from groupwork.report.model import Block, Heading, ListBlock, Signature, missing, note, runs
from groupwork.report.sections.common import one_line, text_paragraphs
from groupwork.report.text import fmt_date, percent
from groupwork.review_data.data import ReviewData


def reflection_fields() -> list[tuple[str, str]]:
    """The reflection's headings (translated) and ``ClosureReflection`` fields, in order."""
    return [
        (_("Knowledge and theory used"), "knowledge_and_theory"),
        (_("Teamwork and partners"), "teamwork_and_partners"),
        (_("Strengths of my practice"), "practice_strengths"),
        (_("Weaknesses of my practice"), "practice_weaknesses"),
        (_("Recommendations"), "recommendations"),
    ]


def to_be_completed() -> str:
    """What an empty part the guideline asks for shows."""
    return _("To be completed by the worker.")


def worker_name_and_position(facilitators: list[str]) -> tuple[str, str]:
    """The first facilitator's name, and the position written after it in parentheses
    ("นางสาวพิมพ์ชนก ใจดี (นักสังคมสงเคราะห์ปฏิบัติการ)"), if any."""
    if not facilitators:
        return "", ""
    text = facilitators[0].strip()
    if text.endswith(")") and "(" in text:
        name, _sep, position = text[:-1].partition("(")
        return name.strip(), position.strip()
    return text, ""


def lessons(data: ReviewData, naming: Naming) -> list[Block]:
    """Turning points (dated records), why things worked or not (obstacles and how they were
    solved, stages closed with unmet criteria, attendance and participation by their rules),
    and the worker's recommendations."""
    from groupwork.report.sections.lessons import turning_points

    out: list[Block] = [Heading(2, _("Lessons learned"), anchor="lessons", new_page=True)]
    factors = []
    for review in data.reviews:
        for obstacle in review.obstacles:
            # Dated by the joint review that recorded it: a lesson cites its record.
            day = fmt_date(review.held_on) + ": "
            if obstacle.how_solved.strip():
                factors.append(
                    day
                    + _("Overcome: {obstacle} – by {how}").format(
                        obstacle=one_line(naming.scrub(obstacle.obstacle)),
                        how=one_line(naming.scrub(obstacle.how_solved)),
                    )
                )
            else:
                factors.append(
                    day
                    + _("Not yet overcome: {obstacle}").format(
                        obstacle=one_line(naming.scrub(obstacle.obstacle))
                    )
                )
    for n in m.STAGE_NUMBERS:
        progress = data.stages[n]
        if progress.unmet_criteria:
            factors.append(
                _("Stage {n} was closed with unmet criteria: {reason}").format(
                    n=n, reason=one_line(naming.scrub(progress.override_reason))
                )
            )
    rates = analytics.attendance_rate_by_member(data.sessions, data.attendance)
    if rates:
        factors.append(
            _("Average attendance was {rate}.").format(
                rate=percent(sum(rates.values()) / len(rates))
            )
        )
    factors += participation_judgements(data, naming)
    empty = _("Nothing recorded yet.")
    for title, items in (
        (_("Turning points: what changed, and when"), turning_points(data, naming)),
        (_("What made things work or fail"), factors),
    ):
        out.append(Heading(3, title))
        out.append(ListBlock([runs(i) for i in items]) if items else note(empty))
    # The worker's own recommendations (the reflection), not words of the program; while
    # unwritten, the reflection below says "to be completed" once.
    written = naming.scrub(data.reflection.recommendations) if data.reflection else ""
    if written.strip():
        out += [Heading(3, _("Recommendations")), *text_paragraphs(written)]
    return out


def participation_judgements(data: ReviewData, naming: Naming) -> list[str]:
    """ "Rarely heard" and "took a large share", each with its figures, by the rule of
    ``analytics.turns_per_session_attended``: turns per session attended, members still in
    the group only (nothing is said about a member who withdrew)."""
    if not data.events:
        return []
    rates = analytics.turns_per_session_attended(
        [x.id for x in data.selected_members], data.sessions, data.attendance, data.events
    )
    if not rates:
        return []
    average = sum(r.rate for r in rates) / len(rates)

    def who(flagged) -> str:
        return ", ".join(
            _(
                "{member} ({rate:.1f} turns per session attended, {turns} turns in {sessions})"
            ).format(
                member=naming.label(r.actor_id),
                rate=r.rate,
                turns=r.turns,
                sessions=r.attended,
            )
            for r in flagged
        )

    out = []
    quiet = [r for r in rates if r.quiet]
    dominant = [r for r in rates if r.dominant]
    if quiet:
        out.append(
            _(
                "Rarely heard in the group (fewer than a fifth of the members' average of "
                "{average:.1f} turns per session attended): {who}."
            ).format(average=average, who=who(quiet))
        )
    if dominant:
        out.append(
            _(
                "Took a large share of the turns (more than 1.8 times the members' average "
                "of {average:.1f} turns per session attended): {who}."
            ).format(average=average, who=who(dominant))
        )
    return out


def reflection(data: ReviewData, naming: Naming) -> list[Block]:
    """The worker's own reflection, each heading with its text or "to be completed", then
    the reporting worker's signature block."""
    record = data.reflection
    out: list[Block] = [
        Heading(2, _("The worker's reflection on this practice"), anchor="reflection")
    ]
    for title, name in reflection_fields():
        out.append(Heading(3, title))
        text = naming.scrub(getattr(record, name)) if record else ""
        out += text_paragraphs(text) if text.strip() else [missing(to_be_completed())]
    name, position = worker_name_and_position(data.group.facilitators)
    out.append(
        Signature(
            role=_("Reporting worker"),
            name=naming.scrub(name),
            position=naming.scrub(position) or _("Social worker"),
            day="",
        )
    )
    return out
