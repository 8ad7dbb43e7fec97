"""Sections 10 to 12: new situations and reassessments, their joint analysis and the
revised goals, and handing the group over."""

from __future__ import annotations

from groupwork import analytics
from groupwork import models as m
from groupwork.i18n import _, ngettext
from groupwork.labels import caption
from groupwork.privacy.naming import Naming
from groupwork.report.model import Block, Chart, ListBlock, Paragraph, Run, Table, runs
from groupwork.report.sections import wording
from groupwork.report.sections.assessment import RISK_ORDER
from groupwork.report.sections.common import one_line
from groupwork.report.text import cell_date, fmt_date, percent
from groupwork.review_data.data import ReviewData


def _situation_line(situation: m.NewSituation, naming: Naming) -> str:
    who = (
        naming.label(situation.member_id)
        if situation.level == m.SituationLevel.MEMBER
        else caption(m.SituationLevel.GROUP)
    )
    return f"{fmt_date(situation.identified_on)} ({who}): {one_line(naming.scrub(situation.description))}"


def stage10(data: ReviewData, naming: Naming) -> list[Block]:
    """New situations found, and who was reassessed (risk compared with the first time)."""
    blocks: list[Block] = []
    if data.situations:
        blocks.append(
            ListBlock(
                [runs(_situation_line(s, naming)) for s in data.situations],
                title=_("New situations found"),
            )
        )
    again = [a for a in data.assessments if a.kind == m.AssessmentKind.REASSESSMENT]
    if again:
        first = {}
        for a in data.assessments:
            if a.kind == m.AssessmentKind.INITIAL:
                first.setdefault(a.member_id, a)
        parts = []
        for a in again:
            before = first.get(a.member_id)
            risk = caption(a.risk_level)
            if before is not None:
                risk = _("risk {change}: {before} → {after}").format(
                    change=wording.level_change(
                        RISK_ORDER[before.risk_level], RISK_ORDER[a.risk_level]
                    ),
                    before=caption(before.risk_level),
                    after=caption(a.risk_level),
                )
            parts.append(f"{naming.label(a.member_id)} ({fmt_date(a.assessed_on)}, {risk})")
        blocks.append(
            Paragraph([Run(_("Members reassessed") + ":", bold=True), Run(" " + ", ".join(parts))])
        )
    blocks.extend(_reassessment_delays(data, naming))
    return blocks


def _reassessment_delays(data: ReviewData, naming: Naming) -> list[Block]:
    """Per new situation about a member, the days until that member's next reassessment,
    and the sentence by the stated rule (``analytics.REASSESS_WITHIN_DAYS``)."""
    delays = analytics.reassessment_delays(data.situations, data.assessments)
    if not delays:
        return []
    parts = [
        _("{member} ({day}): {days}").format(
            member=naming.label(s.member_id),
            day=fmt_date(s.identified_on),
            days=ngettext("{count} day", "{count} days", days).format(count=days)
            if days is not None
            else _("no reassessment since"),
        )
        for s, days in delays
    ]
    waits = [d for _situation, d in delays]
    return [
        Paragraph(
            [
                Run(_("From a new situation to the member's next reassessment") + ":", bold=True),
                Run(" " + "; ".join(parts)),
            ]
        ),
        Paragraph(runs(wording.reassessment_followup(waits, analytics.REASSESS_WITHIN_DAYS))),
    ]


def stage11(data: ReviewData, naming: Naming) -> list[Block]:
    """The joint analysis of each new situation, plan changes, and the revised goals."""
    blocks: list[Block] = []
    for situation in data.situations:
        if not (situation.joint_analysis.strip() or situation.plan_changes.strip()):
            continue
        items = [
            [Run(_("Situation") + ":", bold=True), Run(" " + _situation_line(situation, naming))]
        ]
        if situation.analysed_on is not None:
            items.append(
                [
                    Run(_("Analysed together on") + ":", bold=True),
                    Run(" " + fmt_date(situation.analysed_on)),
                ]
            )
        for label, value in (
            (_("How the members linked it to their environment"), situation.joint_analysis),
            (_("Changes to goals and plans"), situation.plan_changes),
        ):
            if value.strip():
                items.append(
                    [Run(label + ":", bold=True), Run(" " + one_line(naming.scrub(value)))]
                )
        blocks.append(ListBlock(items))
    blocks.extend(_revised_goals(data, naming))
    return blocks


def _wording(naming: Naming, title: str, description: str) -> str:
    text = one_line(naming.scrub(title))
    return f"{text}: {one_line(naming.scrub(description))}" if description.strip() else text


def _revised_goals(data: ReviewData, naming: Naming) -> list[Block]:
    """Each change of a goal's wording: the earlier wording beside the revised one, and why.

    A goal marked revised before revisions were recorded shows its wording as it is now."""
    rows = []
    unrecorded = []
    for goal in data.goals:
        if not goal.revisions:
            if goal.status == m.GoalStatus.REVISED:
                unrecorded.append(runs(_wording(naming, goal.title, goal.description)))
            continue
        later = [(v.previous_title, v.previous_description) for v in goal.revisions[1:]]
        later.append((goal.title, goal.description))
        for revision, (title, description) in zip(goal.revisions, later, strict=True):
            rows.append(
                [
                    cell_date(revision.revised_on),
                    _wording(naming, revision.previous_title, revision.previous_description),
                    _wording(naming, title, description),
                    one_line(naming.scrub(revision.reason)) or _("no reason recorded"),
                ]
            )
    blocks: list[Block] = []
    if rows:
        headers = [_("Revised on"), _("Earlier wording"), _("Revised wording"), _("Why")]
        blocks.append(Table(headers, rows, title=_("Goals revised")))
    if unrecorded:
        title = _("Goals revised (earlier wording not recorded)") if rows else _("Goals revised")
        blocks.append(ListBlock(unrecorded, title=title))
    return blocks


def stage12(data: ReviewData, naming: Naming) -> list[Block]:
    """Handover steps, and the facilitator's share of the turns from first to last session."""
    blocks: list[Block] = []
    if data.handover:
        rows = [
            [
                cell_date(step.taken_on),
                caption(step.facilitator_role),
                naming.label(step.member_id) if step.member_id else "–",
                naming.scrub(step.member_role),
                naming.scrub(step.notes),
            ]
            for step in data.handover
        ]
        headers = [_("Date"), _("Facilitator's role"), _("Member"), _("Member's role"), _("Notes")]
        blocks.append(Table(headers, rows))
    curve = [
        (s, share)
        for s, share in analytics.facilitator_share_by_session(data.sessions, data.events)
        if share is not None
    ]
    if len(curve) >= 2:
        (first, start), (last, end) = curve[0], curve[-1]
        blocks.append(
            Paragraph(
                runs(
                    _(
                        "The facilitator's share of the turns went from {start} in session "
                        "{first} to {end} in session {last}."
                    ).format(
                        start=percent(start), first=first.number, end=percent(end), last=last.number
                    )
                )
            )
        )
        blocks.append(Chart("handover"))
    return blocks
