"""The lessons' turning points: what changed in the group and when, read from dated records.

Never copied review lines: each point is a record with its day (a breakthrough or conflict the
recorder marked, a new situation and its joint analysis, a goal or rule the group revised, a
step of the worker's handover), in the order the group lived them. Nothing is said about a
member who withdrew (their situations are left out).
"""

from __future__ import annotations

from datetime import date

from groupwork import models as m
from groupwork.i18n import _
from groupwork.labels import caption
from groupwork.privacy.naming import Naming
from groupwork.report.sections.common import one_line
from groupwork.report.text import fmt_date
from groupwork.review_data.data import ReviewData

TURNING_MARKS = (m.GroupMarkKind.BREAKTHROUGH, m.GroupMarkKind.CONFLICT)
"""The moments the recorder marks that turn a group's course (silence and laughter do not)."""


def turning_points(data: ReviewData, naming: Naming) -> list[str]:
    """Each turning point as "day: what changed", oldest first."""
    points: list[tuple[date, int, str]] = []
    sessions = {s.id: s for s in data.sessions}
    for mark in data.marks:
        session = sessions.get(mark.session_id)
        if mark.kind in TURNING_MARKS and session is not None:
            text = _("session {number}: {kind} marked by the recorder").format(
                number=session.number, kind=caption(mark.kind)
            )
            if mark.notes.strip():
                text += f" ({one_line(naming.scrub(mark.notes))})"
            points.append((session.held_on, 0, text))
    in_group = {x.id for x in data.selected_members}
    for situation in data.situations:
        if situation.member_id is not None and situation.member_id not in in_group:
            continue
        who = naming.label(situation.member_id) if situation.member_id else _("the group")
        text = _("a new situation ({who}): {what}").format(
            who=who, what=one_line(naming.scrub(situation.description))
        )
        if situation.analysed_on is not None:
            text += "; " + _("analysed together on {day}").format(
                day=fmt_date(situation.analysed_on)
            )
        points.append((situation.identified_on, 1, text))
    for goal in data.goals:
        titles = [r.previous_title for r in goal.revisions] + [goal.title]
        for i, revision in enumerate(goal.revisions):
            text = _("the goal “{old}” was revised to “{new}”").format(
                old=one_line(naming.scrub(titles[i])), new=one_line(naming.scrub(titles[i + 1]))
            )
            if revision.reason.strip():
                text += f" ({one_line(naming.scrub(revision.reason))})"
            points.append((revision.revised_on, 2, text))
    for rule in data.rules:
        wordings = [r.previous_text for r in rule.revisions] + [rule.text]
        for i, revision in enumerate(rule.revisions):
            text = _("the ground rule “{old}” became “{new}”").format(
                old=one_line(naming.scrub(wordings[i])),
                new=one_line(naming.scrub(wordings[i + 1])),
            )
            if revision.reason.strip():
                text += f" ({one_line(naming.scrub(revision.reason))})"
            points.append((revision.revised_on, 3, text))
    for step in data.handover:
        text = _("the worker's role became {role}").format(role=caption(step.facilitator_role))
        if step.member_id and step.member_id in in_group:
            text += "; " + _("{member} took on {what}").format(
                member=naming.label(step.member_id),
                what=one_line(naming.scrub(step.member_role)) or _("a role"),
            )
        points.append((step.taken_on, 4, text))
    return [f"{fmt_date(day)}: {text}" for day, _order, text in sorted(points)]
