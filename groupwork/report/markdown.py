"""The Group Work Review as Markdown: one pure function per section.

Each function takes the gathered ``ReviewData`` and the report's ``Naming`` and returns
Markdown text, in the current language (``use_language`` around the call picks it). Nothing
here reads the database or the clock, so a test can compare a section's text exactly.

Every statement is compiled from a record: where a stage has nothing recorded, its section
says so plainly instead of filling the gap with words. Free text typed by the facilitator
passes through ``Naming.scrub`` (real names out) and ``esc`` (shown as typed, never as markup).

Charts are placed with marker lines ``[[chart:KIND]]``; the HTML and docx writers replace
them with the drawn chart, and ``strip_chart_markers`` removes them from plain Markdown.
"""

from __future__ import annotations

import re
from collections import Counter

from groupwork import analytics
from groupwork import models as m
from groupwork.i18n import _
from groupwork.models import caption
from groupwork.report.text import (
    bullets,
    cell,
    esc,
    fmt_date,
    paragraphs,
    percent,
    table,
)
from groupwork.review_data.data import ReviewData
from groupwork.review_data.naming import Naming
from groupwork.stages import guide

CHART_MARKER = re.compile(r"^\[\[chart:([a-z_]+)\]\]$", re.MULTILINE)
ATTENDANCE_COLUMNS = 13
"""Sessions per attendance table, so the matrix fits an A4 page."""


def chart(kind: str) -> str:
    """The marker line that places chart ``kind`` in the report."""
    return f"[[chart:{kind}]]"


def strip_chart_markers(markdown: str) -> str:
    """The Markdown without chart markers (for the plain .md output)."""
    return re.sub(r"\n*^\[\[chart:[a-z_]+\]\]$\n*", "\n\n", markdown, flags=re.MULTILINE)


def _labelled(label: str, value: str) -> str:
    return f"**{label}:** {value}"


def _titled(label: str, body: str) -> str:
    """A labelled block: the label on its own line, then ``body`` (a list or a table)."""
    return _labelled(label, "") + "\n\n" + body


def _names(naming: Naming, ids: list[str]) -> str:
    return ", ".join(esc(naming.label(i)) for i in ids) or "–"


def _attendance_symbol(status: m.AttendanceStatus | None) -> str:
    symbols = {
        m.AttendanceStatus.PRESENT: _("P"),
        m.AttendanceStatus.LATE: _("L"),
        m.AttendanceStatus.EXCUSED: _("E"),
        m.AttendanceStatus.ABSENT: _("A"),
    }
    return symbols[status] if status is not None else "·"


# --- front matter ------------------------------------------------------------------------


def cover(data: ReviewData, naming: Naming) -> str:
    """Title and the facts about the group the committee reads first."""
    group = data.group
    held = data.held_sessions
    planned = f" / {group.planned_sessions}" if group.planned_sessions else ""
    first = held[0].held_on if held else group.start_date
    last = held[-1].held_on if held else group.end_date
    rows = [
        (_("Group"), cell(group.name)),
        (_("Agency"), cell(group.agency)),
        (_("Facilitator(s)"), cell(", ".join(group.facilitators))),
        (_("Period"), f"{fmt_date(first)} – {fmt_date(last)}"),
        (_("Sessions held"), f"{len(held)}{planned}"),
        (_("Members"), str(len(data.selected_members))),
        (_("Target population"), cell(group.target_population)),
        (_("Group status"), cell(caption(group.status))),
    ]
    if naming.withheld:
        privacy = _(
            "Members are named where they consented to be named in reports; the others "
            "appear by pseudonym or code."
        )
    elif any(label != x.pseudonym for x, label in _label_pairs(data, naming)):
        privacy = _("Members who consented are named by their real names.")
    else:
        privacy = _(
            "To protect confidentiality, members appear only by pseudonym or code; real "
            "names have been removed from all notes quoted here."
        )
    return "\n\n".join(
        [
            "# " + _("Group Work Review"),
            table([_("Item"), _("Details")], rows),
            "*" + privacy + "*",
        ]
    )


def _label_pairs(data: ReviewData, naming: Naming):
    return [(x, naming.label(x.id)) for x in data.members]


def endorsement(data: ReviewData, naming: Naming) -> str:
    """The unit head's endorsement block, with a line to sign on."""
    record = data.endorsement
    line = "\\_" * 30
    name = esc(record.name) if record else line
    position = esc(record.position) if record and record.position else line
    day = fmt_date(record.endorsed_on) if record and record.endorsed_on else line
    return "\n\n".join(
        [
            "## " + _("Endorsement by the head of unit"),
            _(
                "I have read this Group Work Review and certify that it reflects the group "
                "work carried out by the facilitator in this unit."
            ),
            _labelled(_("Signature"), line),
            _labelled(_("Name"), name),
            _labelled(_("Position"), position),
            _labelled(_("Date"), day),
        ]
    )


def stages_overview(data: ReviewData, naming: Naming) -> str:
    """All twelve stages in one table, and the timeline chart."""
    rows = []
    for n in m.STAGE_NUMBERS:
        progress = data.stages[n]
        numbers = ", ".join(str(s.number) for s in data.sessions_for_stage(n)) or "–"
        rows.append(
            (
                str(n),
                cell(guide(n).name()),
                cell(caption(progress.status)),
                fmt_date(progress.started_on),
                fmt_date(progress.completed_on),
                numbers,
            )
        )
    headers = [_("No."), _("Stage"), _("Status"), _("Started"), _("Completed"), _("Sessions")]
    return "\n\n".join(["## " + _("The stages at a glance"), table(headers, rows), chart("stages")])


# --- the twelve essentials ---------------------------------------------------------------


def _stage_status(data: ReviewData, n: int) -> str:
    progress = data.stages[n]
    sessions = data.sessions_for_stage(n)
    parts = [_labelled(_("Status"), caption(progress.status))]
    if progress.started_on or progress.completed_on:
        parts.append(
            _labelled(
                _("Period"), f"{fmt_date(progress.started_on)} – {fmt_date(progress.completed_on)}"
            )
        )
    if sessions:
        parts.append(_labelled(_("Sessions"), ", ".join(str(s.number) for s in sessions)))
    return " · ".join(parts)


def _unmet(data: ReviewData, n: int, naming: Naming) -> str:
    progress = data.stages[n]
    if not progress.unmet_criteria:
        return ""
    return _(
        "This stage was closed although {count} of its criteria were not met. Reason given: "
        "{reason}"
    ).format(count=len(progress.unmet_criteria), reason=esc(naming.scrub(progress.override_reason)))


def stage_section(data: ReviewData, naming: Naming, n: int) -> str:
    """Section ``n``: status, the facilitator's account, and what the records show."""
    progress = data.stages[n]
    narrative = naming.scrub(progress.narrative).strip()
    records = [block for block in STAGE_RECORDS[n](data, naming) if block]
    out = [f"## {n}. {esc(guide(n).name())}", _stage_status(data, n)]
    unmet = _unmet(data, n, naming)
    if unmet:
        out.append("> " + unmet)
    if not narrative and not records:
        out.append(
            "**"
            + _("Nothing has been recorded for this stage.")
            + "** "
            + _(
                "No account by the facilitator and no records from the sessions were found. "
                "Add them before submitting this report."
            )
        )
        return "\n\n".join(out)
    out.append("### " + _("The facilitator's account"))
    if narrative:
        out.append(paragraphs(narrative))
    else:
        out.append("*" + _("The facilitator has not yet written an account of this stage.") + "*")
    out.append("### " + _("From the records"))
    out.extend(records if records else ["*" + _("No records for this stage.") + "*"])
    return "\n\n".join(out)


def _stage1(data: ReviewData, naming: Naming) -> list[str]:
    g = data.group
    blocks = []
    for label, value in (
        (_("Problem situation since intake"), g.problem_situation),
        (_("Why the group method was chosen"), g.rationale),
        (_("Purpose of the group"), g.purpose),
        (_("Target population"), g.target_population),
    ):
        if value.strip():
            blocks.append(_labelled(label, paragraphs(naming.scrub(value))))
    if g.referral_sources:
        blocks.append(
            _labelled(
                _("Referral sources"), ", ".join(esc(naming.scrub(s)) for s in g.referral_sources)
            )
        )
    return blocks


def _stage2(data: ReviewData, naming: Naming) -> list[str]:
    g = data.group
    blocks = []
    if g.selection_criteria.strip():
        blocks.append(
            _labelled(_("Selection criteria"), paragraphs(naming.scrub(g.selection_criteria)))
        )
    if g.admission_rules.strip():
        blocks.append(
            _labelled(
                _("Rules for admitting new members"), paragraphs(naming.scrub(g.admission_rules))
            )
        )
    if not data.members:
        return blocks
    blocks.insert(
        0,
        _labelled(_("Kind of group"), f"{caption(g.formality)}, {caption(g.openness)}"),
    )
    counts = Counter(x.decision for x in data.members)
    blocks.append(
        _labelled(
            _("Candidates"),
            ", ".join(f"{caption(d)} {counts[d]}" for d in m.SelectionDecision if counts[d]),
        )
    )
    rows = [
        (
            esc(naming.label(x.id)),
            cell(naming.scrub(x.referral_source)),
            cell(caption(x.decision)),
            cell(naming.scrub(x.decision_reason)),
            fmt_date(x.decided_on),
            _("yes") if x.orientation_given else _("no"),
        )
        for x in data.members
    ]
    headers = [
        _("Member"),
        _("Referral source"),
        _("Decision"),
        _("Reason"),
        _("Decided on"),
        _("Orientation given"),
    ]
    blocks.append(table(headers, rows))
    return blocks


def _session_line(session: m.Session, naming: Naming) -> str:
    themes = "; ".join(esc(t) for t in naming.scrub_all(session.themes))
    head = _("Session {number} ({date})").format(
        number=session.number, date=fmt_date(session.held_on)
    )
    return f"{head}: {themes}" if themes else head


def _stage3(data: ReviewData, naming: Naming) -> list[str]:
    sessions = data.sessions_for_stage(3)
    blocks = []
    if sessions:
        blocks.append(
            _titled(
                _("Sessions and their themes"), bullets(_session_line(s, naming) for s in sessions)
            )
        )
        ids = {s.id for s in sessions}
        marks = Counter(mark.kind for mark in data.marks if mark.session_id in ids)
        if marks:
            blocks.append(
                _labelled(
                    _("Moments marked in these sessions"),
                    ", ".join(f"{caption(k)} {marks[k]}" for k in m.GroupMarkKind if marks[k]),
                )
            )
    if any(e.responds_to_id for e in data.events):
        blocks.append(
            _(
                "Who responded to whom over all sessions (arrows point to the person answered; "
                "thicker lines mean more responses):"
            )
            + "\n\n"
            + chart("sociogram")
        )
    return blocks


def _rule_line(rule: m.GroundRule, naming: Naming) -> str:
    by = naming.label(rule.proposed_by_member_id) if rule.proposed_by_member_id else ""
    by = by or naming.scrub(rule.proposed_by)
    details = []
    if by:
        details.append(_("proposed by {who}").format(who=esc(by)))
    if rule.agreed_on:
        details.append(_("agreed on {date}").format(date=fmt_date(rule.agreed_on)))
    if rule.revisions:
        details.append(_("revised {count} times").format(count=len(rule.revisions)))
    text = esc(naming.scrub(rule.text))
    return f"{text} ({'; '.join(details)})" if details else text


def _stage4(data: ReviewData, naming: Naming) -> list[str]:
    in_force = [r for r in data.rules if r.is_in_force]
    proposed = [r for r in data.rules if r.agreed_on is None]
    retired = [r for r in data.rules if r.retired_on is not None]
    blocks = []
    if in_force:
        blocks.append(
            _titled(
                _("Rules the group agreed"),
                "\n".join(f"{i}. {_rule_line(r, naming)}" for i, r in enumerate(in_force, 1)),
            )
        )
    if proposed:
        blocks.append(
            _titled(
                _("Proposed but not yet agreed"), bullets(_rule_line(r, naming) for r in proposed)
            )
        )
    if retired:
        blocks.append(
            _titled(
                _("Rules the group retired"),
                bullets(
                    f"{esc(naming.scrub(r.text))} ({fmt_date(r.retired_on)}: "
                    f"{esc(naming.scrub(r.retired_reason)) or '–'})"
                    for r in retired
                ),
            )
        )
    return blocks


def _stage5(data: ReviewData, naming: Naming) -> list[str]:
    blocks = []
    if data.assessments:
        rows = [
            (
                esc(naming.label(a.member_id)),
                fmt_date(a.assessed_on),
                cell(caption(a.kind)),
                cell(caption(a.risk_level)),
                str(a.severity),
                cell(naming.scrub(a.needs)),
                cell(naming.scrub(a.strengths)),
            )
            for a in data.assessments
        ]
        headers = [
            _("Member"),
            _("Assessed on"),
            _("Kind"),
            _("Risk level"),
            _("Severity (0–10)"),
            _("Needs"),
            _("Strengths"),
        ]
        assessed = {a.member_id for a in data.assessments}
        not_assessed = [x for x in data.selected_members if x.id not in assessed]
        blocks.append(
            _("{done} of {total} members were assessed individually.").format(
                done=len({x.id for x in data.selected_members} & assessed),
                total=len(data.selected_members),
            )
        )
        blocks.append(table(headers, rows))
        if not_assessed:
            blocks.append(
                _labelled(
                    _("Not yet assessed"), ", ".join(esc(naming.label(x.id)) for x in not_assessed)
                )
            )
    if data.issues:
        blocks.append(
            _titled(
                _("Issues the group decided to take up"),
                "\n".join(
                    f"{i}. **{esc(naming.scrub(issue.title))}**"
                    + (
                        f": {cell(naming.scrub(issue.description))}"
                        if issue.description.strip()
                        else ""
                    )
                    for i, issue in enumerate(data.issues, 1)
                ),
            )
        )
    return blocks


def _goal_row(goal: m.Goal, naming: Naming) -> tuple[str, ...]:
    return (
        str(goal.priority),
        cell(naming.scrub(goal.title)),
        cell(caption(goal.horizon)),
        cell(caption(goal.status)),
        f"{goal.progress}%",
        fmt_date(goal.target_date),
    )


def _stage6(data: ReviewData, naming: Naming) -> list[str]:
    group_goals = [g for g in data.goals if g.is_group_goal]
    own_goals = [g for g in data.goals if not g.is_group_goal]
    blocks = []
    headers = [_("Priority"), _("Goal"), _("Horizon"), _("Status"), _("Progress"), _("Target date")]
    if group_goals:
        blocks.append(
            _titled(
                _("Shared goals of the group, by priority"),
                table(headers, (_goal_row(g, naming) for g in group_goals)),
            )
        )
    if own_goals:
        blocks.append(
            _titled(
                _("Members' own goals"),
                bullets(
                    f"{esc(naming.label(g.member_id))}: {cell(naming.scrub(g.title))} "
                    f"({caption(g.horizon)}, {g.progress}%)"
                    for g in own_goals
                ),
            )
        )
    return blocks


def _stage7(data: ReviewData, naming: Naming) -> list[str]:
    blocks = []
    fields = (
        (_("Questions posed"), "questions"),
        (_("Themes"), "themes"),
        (_("Feelings voiced"), "feelings"),
        (_("Links drawn to society"), "society_links"),
    )
    for session in data.held_sessions:
        lines = []
        for label, name in fields:
            items = naming.scrub_all(getattr(session, name))
            if items:
                lines.append(f"- **{label}:** " + "; ".join(esc(i) for i in items))
        if lines:
            head = "#### " + _("Session {number} ({date})").format(
                number=session.number, date=fmt_date(session.held_on)
            )
            blocks.append(head + "\n\n" + "\n".join(lines))
    member_ids = [x.id for x in data.selected_members]
    if data.events and member_ids:
        shares = analytics.member_shares(data.events, member_ids)
        rows = []
        for share in shares:
            flag = _("quiet") if share.quiet else _("dominant") if share.dominant else ""
            rows.append(
                (
                    esc(naming.label(share.actor_id)),
                    str(share.turns),
                    percent(share.share),
                    f"{share.relative:.2f}" if share.relative is not None else "–",
                    flag or "–",
                )
            )
        headers = [_("Member"), _("Turns"), _("Share"), _("Relative to average"), _("Flag")]
        blocks.append(
            _titled(
                _("Participation over all sessions"),
                table(headers, rows) + "\n\n" + chart("participation") + "\n\n" + chart("shares"),
            )
        )
    return blocks


def _stage8(data: ReviewData, naming: Naming) -> list[str]:
    if not data.tasks:
        return []
    summary = analytics.task_summary(data.tasks, data.today)
    counts = ", ".join(
        f"{caption(s)} {summary.by_status[s]}" for s in m.TaskStatus if summary.by_status[s]
    )
    blocks = [
        _(
            "{total} tasks were agreed ({counts}); {overdue} are overdue; completion rate "
            "{rate}. The full list is in the appendix."
        ).format(
            total=summary.total,
            counts=counts,
            overdue=summary.overdue,
            rate=percent(summary.completion_rate),
        )
    ]
    per_person: dict[str, Counter] = {}
    for task in data.tasks:
        for who in task.assignee_ids:
            per_person.setdefault(who, Counter())[task.status] += 1
    order = [x.id for x in data.members if x.id in per_person]
    if m.FACILITATOR in per_person:
        order.append(m.FACILITATOR)
    order += sorted(set(per_person) - set(order))
    rows = [
        (
            esc(naming.label(who)),
            str(sum(per_person[who].values())),
            str(per_person[who][m.TaskStatus.DONE]),
            str(per_person[who][m.TaskStatus.OPEN] + per_person[who][m.TaskStatus.IN_PROGRESS]),
        )
        for who in order
    ]
    blocks.append(table([_("Who"), _("Tasks taken on"), _("Done"), _("Still open")], rows))
    blocks.append(chart("tasks"))
    return blocks


def _stage9(data: ReviewData, naming: Naming) -> list[str]:
    goals = {g.id: g for g in data.goals}
    blocks = []
    for review in data.reviews:
        lines = []
        for note in review.goal_progress:
            title = goals[note.goal_id].title if note.goal_id in goals else _("(removed goal)")
            extra = f" – {cell(naming.scrub(note.notes))}" if note.notes.strip() else ""
            lines.append(f"- {cell(naming.scrub(title))}: {note.progress}%{extra}")
        for obstacle in review.obstacles:
            solved = naming.scrub(obstacle.how_solved) or _("not solved yet")
            lines.append(
                "- "
                + _("Obstacle: {obstacle} → {solved}").format(
                    obstacle=cell(naming.scrub(obstacle.obstacle)), solved=cell(solved)
                )
            )
        for label, value in (
            (_("Successes"), review.successes),
            (_("Weaknesses"), review.weaknesses),
            (_("Notes"), review.notes),
        ):
            if value.strip():
                lines.append(f"- **{label}:** {cell(naming.scrub(value))}")
        if review.member_coordinator_id:
            lines.append(
                "- "
                + _labelled(
                    _("Member coordinator appointed"),
                    esc(naming.label(review.member_coordinator_id)),
                )
            )
        head = "#### " + _("Review on {date}").format(date=fmt_date(review.held_on))
        blocks.append(head + ("\n\n" + "\n".join(lines) if lines else ""))
    if data.goals:
        blocks.append(chart("goals"))
    return blocks if data.reviews else []


def _situation_line(situation: m.NewSituation, naming: Naming) -> str:
    who = (
        esc(naming.label(situation.member_id))
        if situation.level == m.SituationLevel.MEMBER
        else caption(m.SituationLevel.GROUP)
    )
    return (
        f"{fmt_date(situation.identified_on)} ({who}): {cell(naming.scrub(situation.description))}"
    )


def _stage10(data: ReviewData, naming: Naming) -> list[str]:
    blocks = []
    if data.situations:
        blocks.append(
            _titled(
                _("New situations found"),
                bullets(_situation_line(s, naming) for s in data.situations),
            )
        )
    again = [a for a in data.assessments if a.kind == m.AssessmentKind.REASSESSMENT]
    if again:
        blocks.append(
            _labelled(
                _("Members reassessed"),
                ", ".join(
                    f"{esc(naming.label(a.member_id))} ({fmt_date(a.assessed_on)}, "
                    f"{caption(a.risk_level)})"
                    for a in again
                ),
            )
        )
    return blocks


def _stage11(data: ReviewData, naming: Naming) -> list[str]:
    blocks = []
    for situation in data.situations:
        if not (situation.joint_analysis.strip() or situation.plan_changes.strip()):
            continue
        lines = ["- " + _labelled(_("Situation"), _situation_line(situation, naming))]
        if situation.joint_analysis.strip():
            lines.append(
                "- "
                + _labelled(
                    _("How the members linked it to their environment"),
                    cell(naming.scrub(situation.joint_analysis)),
                )
            )
        if situation.plan_changes.strip():
            lines.append(
                "- "
                + _labelled(
                    _("Changes to goals and plans"), cell(naming.scrub(situation.plan_changes))
                )
            )
        blocks.append("\n".join(lines))
    revised = [g for g in data.goals if g.status == m.GoalStatus.REVISED]
    if revised:
        blocks.append(
            _labelled(_("Goals revised"), ", ".join(cell(naming.scrub(g.title)) for g in revised))
        )
    return blocks


def _stage12(data: ReviewData, naming: Naming) -> list[str]:
    blocks = []
    if data.handover:
        rows = [
            (
                fmt_date(step.taken_on),
                cell(caption(step.facilitator_role)),
                esc(naming.label(step.member_id)) if step.member_id else "–",
                cell(naming.scrub(step.member_role)),
                cell(naming.scrub(step.notes)),
            )
            for step in data.handover
        ]
        headers = [
            _("Date"),
            _("Facilitator's role"),
            _("Member"),
            _("Member's role"),
            _("Notes"),
        ]
        blocks.append(table(headers, rows))
    curve = [
        (s, share)
        for s, share in analytics.facilitator_share_by_session(data.sessions, data.events)
        if share is not None
    ]
    if len(curve) >= 2:
        (first, start), (last, end) = curve[0], curve[-1]
        blocks.append(
            _(
                "The facilitator's share of the turns went from {start} in session {first} to "
                "{end} in session {last}."
            ).format(start=percent(start), first=first.number, end=percent(end), last=last.number)
            + "\n\n"
            + chart("handover")
        )
    return blocks


STAGE_RECORDS = {
    1: _stage1,
    2: _stage2,
    3: _stage3,
    4: _stage4,
    5: _stage5,
    6: _stage6,
    7: _stage7,
    8: _stage8,
    9: _stage9,
    10: _stage10,
    11: _stage11,
    12: _stage12,
}
"""The records each stage's section is compiled from."""


# --- lessons learned ---------------------------------------------------------------------


def lessons(data: ReviewData, naming: Naming) -> str:
    """Strengths, weaknesses and why things worked or not, from reviews and the records."""
    out = ["## " + _("Lessons learned")]
    strengths = [
        f"{fmt_date(r.held_on)}: {cell(naming.scrub(r.successes))}"
        for r in data.reviews
        if r.successes.strip()
    ]
    weaknesses = [
        f"{fmt_date(r.held_on)}: {cell(naming.scrub(r.weaknesses))}"
        for r in data.reviews
        if r.weaknesses.strip()
    ]
    factors = []
    for review in data.reviews:
        for obstacle in review.obstacles:
            if obstacle.how_solved.strip():
                factors.append(
                    _("Overcome: {obstacle} – by {how}").format(
                        obstacle=cell(naming.scrub(obstacle.obstacle)),
                        how=cell(naming.scrub(obstacle.how_solved)),
                    )
                )
            else:
                factors.append(
                    _("Not yet overcome: {obstacle}").format(
                        obstacle=cell(naming.scrub(obstacle.obstacle))
                    )
                )
    for n in m.STAGE_NUMBERS:
        progress = data.stages[n]
        if progress.unmet_criteria:
            factors.append(
                _("Stage {n} was closed with unmet criteria: {reason}").format(
                    n=n, reason=cell(naming.scrub(progress.override_reason))
                )
            )
    rates = analytics.attendance_rate_by_member(data.sessions, data.attendance)
    if rates:
        factors.append(
            _("Average attendance was {rate}.").format(
                rate=percent(sum(rates.values()) / len(rates))
            )
        )
    member_ids = [x.id for x in data.selected_members]
    if data.events and member_ids:
        shares = analytics.member_shares(data.events, member_ids)
        quiet = [esc(naming.label(s.actor_id)) for s in shares if s.quiet]
        dominant = [esc(naming.label(s.actor_id)) for s in shares if s.dominant]
        if quiet:
            factors.append(_("Rarely heard in the group: {who}.").format(who=", ".join(quiet)))
        if dominant:
            factors.append(
                _("Took a large share of the turns: {who}.").format(who=", ".join(dominant))
            )
    empty = _("Nothing recorded yet.")
    for title, items in (
        (_("Strengths"), strengths),
        (_("Weaknesses"), weaknesses),
        (_("What made things work or fail"), factors),
    ):
        out.append("### " + title)
        out.append(bullets(items) if items else "*" + empty + "*")
    return "\n\n".join(out)


# --- appendices --------------------------------------------------------------------------


def session_log(data: ReviewData, naming: Naming) -> str:
    """Appendix A: every session with its date, stages, attendance and themes."""
    rows = []
    marks_by_session = Counter(a.session_id for a in data.attendance)
    came = Counter(a.session_id for a in data.attendance if analytics.attended(a.status))
    for s in data.sessions:
        status = caption(s.status)
        if s.status == m.SessionStatus.CANCELLED:
            status += f" ({cell(naming.scrub(s.cancel_reason))})"
        rows.append(
            (
                str(s.number),
                fmt_date(s.held_on),
                status,
                ", ".join(str(n) for n in s.stages) or "–",
                f"{came[s.id]}/{marks_by_session[s.id]}" if marks_by_session[s.id] else "–",
                cell("; ".join(naming.scrub_all(s.themes))),
            )
        )
    headers = [
        _("No."),
        _("Date"),
        _("Status"),
        _("Stages"),
        _("Attended/marked"),
        _("Themes"),
    ]
    body = table(headers, rows) if rows else "*" + _("No sessions recorded.") + "*"
    return "\n\n".join(["## " + _("Appendix A. Session log"), body])


def attendance_appendix(data: ReviewData, naming: Naming) -> str:
    """Appendix B: the attendance matrix, members by sessions, in tables of 13 sessions."""
    held = data.held_sessions
    matrix = analytics.attendance_matrix(held, data.attendance)
    marked = {member for member, _s in matrix}
    people = [x for x in data.members if x.is_selected or x.id in marked]
    out = ["## " + _("Appendix B. Attendance")]
    if not held or not people:
        out.append("*" + _("No attendance recorded.") + "*")
        return "\n\n".join(out)
    out.append(
        _("P present · L late · E excused · A absent · · no mark. Attendance rate counts P and L.")
    )
    out.append(chart("attendance"))
    rates = analytics.attendance_rate_by_member(held, data.attendance)
    for start in range(0, len(held), ATTENDANCE_COLUMNS):
        chunk = held[start : start + ATTENDANCE_COLUMNS]
        headers = [_("Member")] + [str(s.number) for s in chunk]
        last_chunk = start + ATTENDANCE_COLUMNS >= len(held)
        if last_chunk:
            headers.append(_("Rate"))
        rows = []
        for person in people:
            row = [esc(naming.label(person.id))]
            row += [_attendance_symbol(matrix.get((person.id, s.id))) for s in chunk]
            if last_chunk:
                row.append(percent(rates.get(person.id)))
            rows.append(row)
        out.append(table(headers, rows))
    return "\n\n".join(out)


def rules_appendix(data: ReviewData, naming: Naming) -> str:
    """Appendix C: every ground rule with its history."""
    out = ["## " + _("Appendix C. Ground rules")]
    if not data.rules:
        out.append("*" + _("No ground rules recorded.") + "*")
        return "\n\n".join(out)
    rows = []
    for rule in data.rules:
        history = "; ".join(
            f"{fmt_date(r.revised_on)}: {naming.scrub(r.previous_text)}" for r in rule.revisions
        )
        state = (
            _("in force")
            if rule.is_in_force
            else _("retired")
            if rule.retired_on
            else _("proposed")
        )
        rows.append(
            (
                cell(naming.scrub(rule.text)),
                cell(
                    naming.label(rule.proposed_by_member_id)
                    if rule.proposed_by_member_id
                    else naming.scrub(rule.proposed_by)
                ),
                fmt_date(rule.agreed_on),
                state,
                cell(history),
            )
        )
    headers = [_("Rule"), _("Proposed by"), _("Agreed on"), _("State"), _("Earlier wording")]
    out.append(table(headers, rows))
    return "\n\n".join(out)


def goals_appendix(data: ReviewData, naming: Naming) -> str:
    """Appendix D: every goal with its progress as judged at each review."""
    out = ["## " + _("Appendix D. Goals and progress")]
    trends = analytics.goal_progress(data.goals, data.reviews)
    if not trends:
        out.append("*" + _("No goals recorded.") + "*")
        return "\n\n".join(out)
    rows = []
    for trend in trends:
        goal = trend.goal
        whose = esc(naming.label(goal.member_id)) if goal.member_id else _("the group")
        history = ", ".join(f"{fmt_date(d)} {p}%" for d, p in trend.history) or "–"
        rows.append(
            (
                cell(naming.scrub(goal.title)),
                whose,
                cell(caption(goal.status)),
                f"{trend.current}%",
                history,
            )
        )
    headers = [_("Goal"), _("Whose"), _("Status"), _("Progress"), _("At each review")]
    out.append(table(headers, rows))
    return "\n\n".join(out)


def tasks_appendix(data: ReviewData, naming: Naming) -> str:
    """Appendix E: every task with who took it on and where it stands."""
    out = ["## " + _("Appendix E. Tasks")]
    if not data.tasks:
        out.append("*" + _("No tasks recorded.") + "*")
        return "\n\n".join(out)
    rows = [
        (
            cell(naming.scrub(t.title)),
            _names(naming, t.assignee_ids),
            fmt_date(t.due_on),
            cell(caption(t.status)),
            fmt_date(t.done_on),
        )
        for t in data.tasks
    ]
    headers = [_("Task"), _("Assigned to"), _("Due"), _("Status"), _("Done on")]
    out.append(table(headers, rows))
    return "\n\n".join(out)


def recording_note(data: ReviewData, naming: Naming) -> str:
    """Appendix F: how the data in this report was recorded and compiled."""
    out = ["## " + _("Appendix F. How the data was recorded")]
    out.append(
        _(
            "The facilitator recorded each session in groupwork while it took place: "
            "attendance at the start, each turn in the conversation (who spoke, and to whom "
            "they responded), moments of the group, notes, questions and themes, and the tasks "
            "agreed. Stage accounts, ground rules, assessments, goals, reviews and new "
            "situations were entered as the group went through each stage. This report was "
            "compiled from those records on {date}; nothing in it was written by the program "
            "except headings and counts."
        ).format(date=fmt_date(data.today))
    )
    counts = [
        (_("Sessions"), len(data.sessions)),
        (_("Attendance marks"), len(data.attendance)),
        (_("Recorded turns"), len(data.events)),
        (_("Ground rules"), len(data.rules)),
        (_("Assessments"), len(data.assessments)),
        (_("Goals"), len(data.goals)),
        (_("Tasks"), len(data.tasks)),
        (_("Joint reviews"), len(data.reviews)),
        (_("New situations"), len(data.situations)),
    ]
    out.append(table([_("Record"), _("Count")], ((label, str(n)) for label, n in counts)))
    out.append(
        _(
            "A member counts as attending when marked present or late. A member's share is "
            "their part of all members' turns (the facilitator's turns are not included); it "
            "is flagged quiet below one fifth of the group average and dominant above 1.8 "
            "times the average. The "
            "facilitator's share is their part of all turns in a session."
        )
    )
    if naming.withheld:
        out.append(
            _(
                "Real names were requested for this copy, but these members did not consent to "
                "being named in reports and appear by pseudonym: {who}."
            ).format(who=", ".join(esc(w) for w in naming.withheld))
        )
    return "\n\n".join(out)


def build_markdown(data: ReviewData, naming: Naming) -> str:
    """The whole review, in the current language, with chart markers."""
    parts = [
        cover(data, naming),
        endorsement(data, naming),
        stages_overview(data, naming),
        *(stage_section(data, naming, n) for n in m.STAGE_NUMBERS),
        lessons(data, naming),
        session_log(data, naming),
        attendance_appendix(data, naming),
        rules_appendix(data, naming),
        goals_appendix(data, naming),
        tasks_appendix(data, naming),
        recording_note(data, naming),
    ]
    return "\n\n".join(parts).strip() + "\n"


def charts_used(markdown: str) -> list[str]:
    """The chart kinds placed in ``markdown``, in order, without repeats."""
    return list(dict.fromkeys(CHART_MARKER.findall(markdown)))
