"""Sections 5 and 6: individual assessments (each area's narrative, initial and reassessment
side by side, with what changed), the group's issues, and the goals."""

from __future__ import annotations

from groupwork import models as m
from groupwork.i18n import _
from groupwork.labels import caption
from groupwork.report.model import Block, Heading, ListBlock, Paragraph, Run, Table, labelled, runs
from groupwork.report.sections import wording
from groupwork.report.sections.common import one_line, withheld_note
from groupwork.report.text import cell_date, fmt_date
from groupwork.review_data.data import ReviewData
from groupwork.review_data.naming import Naming

RISK_ORDER = {m.RiskLevel.LOW: 0, m.RiskLevel.MEDIUM: 1, m.RiskLevel.HIGH: 2}


def _areas() -> list[tuple[str, str]]:
    """The assessment's areas, as the guideline names them, and the model's field."""
    return [
        (_("Bio-psycho-social"), "bio_psycho_social"),
        (_("Family"), "family"),
        (_("Risk"), "risk"),
        (_("Needs"), "needs"),
        (_("Strengths"), "strengths"),
        (_("Notes"), "notes"),
    ]


def stage5(data: ReviewData, naming: Naming) -> list[Block]:
    """Who was assessed, each member's areas, who is not yet assessed, the group's issues."""
    blocks: list[Block] = []
    if data.assessments:
        rows = [
            [
                naming.label(a.member_id),
                cell_date(a.assessed_on),
                caption(a.kind),
                caption(a.risk_level),
                str(a.severity),
                naming.scrub(a.needs),
                naming.scrub(a.strengths),
            ]
            for a in data.assessments
        ]
        headers = [
            _("Member"),
            _("Assessed on"),
            _("Kind"),
            _("Risk level"),
            _("Severity of the situation (0–10)"),
            _("Needs"),
            _("Strengths"),
        ]
        assessed = {a.member_id for a in data.assessments}
        not_assessed = [x for x in data.selected_members if x.id not in assessed]
        blocks.append(
            Paragraph(
                runs(
                    _("{done} of {total} members were assessed individually.").format(
                        done=len({x.id for x in data.selected_members} & assessed),
                        total=len(data.selected_members),
                    )
                )
            )
        )
        blocks.append(Table(headers, rows))
        if withheld := withheld_note(data, naming, lambda w: w.assessments):
            blocks.append(withheld)
        if not_assessed:
            blocks.append(
                labelled(_("Not yet assessed"), ", ".join(naming.label(x.id) for x in not_assessed))
            )
        blocks += assessment_areas(data, naming)
    if data.issues:
        items = []
        for issue in data.issues:
            item = [Run(one_line(naming.scrub(issue.title)), bold=True)]
            if issue.description.strip():
                item.append(Run(": " + one_line(naming.scrub(issue.description))))
            items.append(item)
        blocks.append(
            ListBlock(items, numbered=True, title=_("Issues the group decided to take up"))
        )
    return blocks


def assessment_areas(data: ReviewData, naming: Naming) -> list[Block]:
    """Per member, each area's narrative: the first assessment beside the last reassessment,
    and whether it changed (risk level and severity by ``wording`` rules)."""
    by_member: dict[str, list[m.Assessment]] = {}
    for a in data.assessments:
        by_member.setdefault(a.member_id, []).append(a)
    blocks: list[Block] = [Heading(4, _("Assessment in each area"))]
    for member_id, found in by_member.items():
        first = next((a for a in found if a.kind == m.AssessmentKind.INITIAL), found[0])
        again = [a for a in found if a.kind == m.AssessmentKind.REASSESSMENT and a is not first]
        last = again[-1] if again else None
        headers = [_("Area"), _("Initial ({date})").format(date=fmt_date(first.assessed_on))]
        if last:
            headers += [
                _("Reassessment ({date})").format(date=fmt_date(last.assessed_on)),
                _("Change"),
            ]
        rows = []
        for label, name in _areas():
            before = naming.scrub(getattr(first, name))
            after = naming.scrub(getattr(last, name)) if last else ""
            if not (before.strip() or after.strip()):
                continue
            row = [label, before]
            if last:
                row += [after, area_change(before, after)]
            rows.append(row)
        risk = [_("Risk level"), caption(first.risk_level)]
        severity = [_("Severity of the situation (0–10)"), str(first.severity)]
        if last:
            risk += [
                caption(last.risk_level),
                wording.level_change(RISK_ORDER[first.risk_level], RISK_ORDER[last.risk_level]),
            ]
            severity += [str(last.severity), wording.change(first.severity, last.severity, 10)]
        rows += [risk, severity]
        # The member's label as plain text: a name is never a heading or a bold label.
        blocks.append(Paragraph(runs(_("Member: {name}").format(name=naming.label(member_id)))))
        blocks.append(Table(headers, rows))
    return blocks


def area_change(before: str, after: str) -> str:
    """An area's note at the first assessment beside the reassessment: "same" or "different"
    only when both were written; an empty side is said as such, never judged a change."""
    if not before.strip():
        return _("written only at the reassessment")
    if not after.strip():
        return _("not written at the reassessment")
    return _("same") if before.strip() == after.strip() else _("different")


def _goal_row(goal: m.Goal, naming: Naming) -> list[str]:
    return [
        str(goal.priority),
        naming.scrub(goal.title),
        caption(goal.horizon),
        caption(goal.status),
        f"{goal.progress}%",
        cell_date(goal.set_on),
        cell_date(goal.target_date),
    ]


def stage6(data: ReviewData, naming: Naming) -> list[Block]:
    """Shared goals by priority, and members' own goals."""
    group_goals = [g for g in data.goals if g.is_group_goal]
    own_goals = [g for g in data.goals if not g.is_group_goal]
    blocks: list[Block] = []
    headers = [
        _("Priority"),
        _("Goal"),
        _("Horizon"),
        _("Status"),
        _("Progress"),
        _("Set on"),
        _("Target date"),
    ]
    if group_goals:
        blocks.append(
            Table(
                headers,
                [_goal_row(g, naming) for g in group_goals],
                title=_("Shared goals of the group, by priority"),
            )
        )
    if own_goals:
        blocks.append(
            ListBlock(
                [
                    runs(
                        f"{naming.label(g.member_id)}: {one_line(naming.scrub(g.title))} "
                        f"({caption(g.horizon)}, {g.progress}%"
                        + (
                            ", " + _("set on {day}").format(day=fmt_date(g.set_on))
                            if g.set_on
                            else ""
                        )
                        + ")"
                    )
                    for g in own_goals
                ],
                title=_("Members' own goals"),
            )
        )
    return blocks
