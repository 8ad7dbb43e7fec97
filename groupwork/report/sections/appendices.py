"""Appendices A to F: session log, attendance (split by session ranges so each table fits
the page), ground rules with earlier wording, goals at each review, tasks, how the data was
recorded."""

from __future__ import annotations

from collections import Counter

from groupwork import analytics
from groupwork import models as m
from groupwork.i18n import _
from groupwork.labels import caption
from groupwork.operations.sessions import session_times
from groupwork.privacy.naming import Naming
from groupwork.report.model import Block, Chart, Heading, Paragraph, Table, note, runs
from groupwork.report.sections.common import names
from groupwork.report.text import cell_date, fmt_date, percent
from groupwork.review_data.data import ReviewData

ATTENDANCE_COLUMNS = 12
"""Sessions per attendance table: with the member and rate columns it fits an A4 page."""


def _appendix(title: str, anchor: str) -> Heading:
    return Heading(2, title, anchor=anchor, new_page=True)


def _attendance_symbol(status: m.AttendanceStatus | None) -> str:
    symbols = {
        m.AttendanceStatus.PRESENT: _("P"),
        m.AttendanceStatus.LATE: _("L"),
        m.AttendanceStatus.EXCUSED: _("E"),
        m.AttendanceStatus.ABSENT: _("A"),
    }
    return symbols[status] if status is not None else "·"


def session_log(data: ReviewData, naming: Naming) -> list[Block]:
    """Appendix A: every session with its date, stages, attendance and themes."""
    rows = []
    marks_by_session = Counter(a.session_id for a in data.attendance)
    came = Counter(a.session_id for a in data.attendance if analytics.attended(a.status))
    for s in data.sessions:
        status = caption(s.status)
        if s.status == m.SessionStatus.CANCELLED:
            status += f" ({' '.join(naming.scrub(s.cancel_reason).split()) or '–'})"
        rows.append(
            [
                str(s.number),
                " ".join(filter(None, [cell_date(s.held_on), session_times(s)])),
                status,
                ", ".join(str(n) for n in s.stages) or "–",
                f"{came[s.id]}/{marks_by_session[s.id]}" if marks_by_session[s.id] else "–",
                "; ".join(naming.scrub_all(s.themes)),
            ]
        )
    headers = [_("No."), _("Date"), _("Status"), _("Stages"), _("Attended/marked"), _("Themes")]
    body = Table(headers, rows) if rows else note(_("No sessions recorded."))
    return [_appendix(_("Appendix A. Session log"), "appendix-a"), body]


def attendance_appendix(data: ReviewData, naming: Naming) -> list[Block]:
    """Appendix B: the attendance matrix, members by sessions, one table per session range."""
    held = data.held_sessions
    matrix = analytics.attendance_matrix(held, data.attendance)
    people = data.participants
    out: list[Block] = [_appendix(_("Appendix B. Attendance"), "appendix-b")]
    if not held or not people:
        out.append(note(_("No attendance recorded.")))
        return out
    out.append(
        Paragraph(
            runs(
                _(
                    "P present · L late · E excused · A absent · · no mark. Attendance rate "
                    "counts P and L."
                )
            )
        )
    )
    out.append(Chart("attendance"))
    rates = analytics.attendance_rate_by_member(held, data.attendance)
    ranges = len(held) > ATTENDANCE_COLUMNS
    # Ranges of even size (14 sessions: 7 and 7, not 12 and 2), none wider than the page.
    per_table = -(-len(held) // -(-len(held) // ATTENDANCE_COLUMNS))
    for start in range(0, len(held), per_table):
        chunk = held[start : start + per_table]
        headers = [_("Member")] + [str(s.number) for s in chunk]
        last_chunk = start + per_table >= len(held)
        if last_chunk:
            headers.append(_("Rate"))
        rows = []
        for person in people:
            row = [naming.label(person.id)]
            row += [_attendance_symbol(matrix.get((person.id, s.id))) for s in chunk]
            if last_chunk:
                row.append(percent(rates.get(person.id)))
            rows.append(row)
        title = (
            _("Sessions {first}–{last}").format(first=chunk[0].number, last=chunk[-1].number)
            if ranges
            else ""
        )
        out.append(Table(headers, rows, title=title))
    return out


def rules_appendix(data: ReviewData, naming: Naming) -> list[Block]:
    """Appendix C: every ground rule with its history (earlier wording and the reason)."""
    out: list[Block] = [_appendix(_("Appendix C. Ground rules"), "appendix-c")]
    if not data.rules:
        return out + [note(_("No ground rules recorded."))]
    rows = []
    for rule in data.rules:
        history = "; ".join(
            f"{cell_date(r.revised_on)}: {naming.scrub(r.previous_text)}"
            + (f" ({naming.scrub(r.reason)})" if r.reason.strip() else "")
            for r in rule.revisions
        )
        state = (
            _("in force")
            if rule.is_in_force
            else _("retired")
            if rule.retired_on
            else _("proposed")
        )
        by = (
            naming.label(rule.proposed_by_member_id)
            if rule.proposed_by_member_id
            else naming.scrub(rule.proposed_by)
        )
        rows.append([naming.scrub(rule.text), by, cell_date(rule.agreed_on), state, history])
    headers = [_("Rule"), _("Proposed by"), _("Agreed on"), _("State"), _("Earlier wording")]
    return out + [Table(headers, rows)]


def goals_appendix(data: ReviewData, naming: Naming) -> list[Block]:
    """Appendix D: every goal with its progress as judged at each review."""
    out: list[Block] = [_appendix(_("Appendix D. Goals and progress"), "appendix-d")]
    trends = analytics.goal_progress(data.goals, data.reviews)
    if not trends:
        return out + [note(_("No goals recorded."))]
    rows = []
    for trend in trends:
        goal = trend.goal
        whose = naming.label(goal.member_id) if goal.member_id else _("the group")
        history = ", ".join(f"{cell_date(d)} {p}%" for d, p in trend.history) or "–"
        rows.append(
            [naming.scrub(goal.title), whose, caption(goal.status), f"{trend.current}%", history]
        )
    headers = [_("Goal"), _("Whose"), _("Status"), _("Progress"), _("At each review")]
    return out + [Table(headers, rows)]


def tasks_appendix(data: ReviewData, naming: Naming) -> list[Block]:
    """Appendix E: every task with who took it on and where it stands."""
    out: list[Block] = [_appendix(_("Appendix E. Tasks"), "appendix-e")]
    if not data.tasks:
        return out + [note(_("No tasks recorded."))]
    rows = [
        [
            naming.scrub(t.title),
            names(naming, t.assignee_ids),
            cell_date(t.due_on),
            caption(t.status),
            cell_date(t.done_on),
        ]
        for t in data.tasks
    ]
    headers = [_("Task"), _("Assigned to"), _("Due"), _("Status"), _("Done on")]
    return out + [Table(headers, rows)]


def recording_note(data: ReviewData, naming: Naming) -> list[Block]:
    """Appendix F: how the data in this report was recorded and compiled."""
    out: list[Block] = [_appendix(_("Appendix F. How the data was recorded"), "appendix-f")]
    out.append(
        Paragraph(
            runs(
                _(
                    "The facilitator recorded each session in groupwork while it took place: "
                    "attendance at the start, each turn in the conversation (who spoke, and to "
                    "whom they responded), moments of the group, notes, questions and themes, "
                    "and the tasks agreed. Stage accounts, ground rules, assessments, goals, "
                    "reviews and new situations were entered as the group went through each "
                    "stage. This report was compiled from those records on {date}; nothing in "
                    "it was written by the program except headings and counts."
                ).format(date=fmt_date(data.today))
            )
        )
    )
    # Counts are kept for a member who withdrew her consent; only her records are left out.
    withheld = list(data.withheld.values())
    counts = [
        (_("Sessions"), len(data.sessions)),
        (_("Attendance marks"), len(data.attendance)),
        (_("Recorded turns"), len(data.events)),
        (_("Ground rules"), len(data.rules)),
        (_("Assessments"), len(data.assessments) + sum(w.assessments for w in withheld)),
        (_("Consent records"), sum(len(v) for v in data.consent_history.values())),
        (_("Goals"), len(data.goals)),
        (_("Tasks"), len(data.tasks)),
        (_("Ratings"), len(data.ratings) + sum(w.ratings for w in withheld)),
        (_("Joint reviews"), len(data.reviews)),
        (_("New situations"), len(data.situations)),
    ]
    out.append(Table([_("Record"), _("Count")], [[label, str(n)] for label, n in counts]))
    out.append(
        Paragraph(
            runs(
                _(
                    "A member counts as attending when marked present or late. A member's share "
                    "is their part of all members' turns (a member who withdrew included, the "
                    "facilitator's turns not); it is flagged quiet below one fifth of the group "
                    'average and dominant above 1.8 times the average. "Rarely heard" and '
                    '"took a large share" in the lessons compare turns per session attended '
                    "with the average of the members still in the group, by the same fifth and "
                    "1.8 times, and are never said of a member who withdrew. The "
                    "facilitator's share is their part of all turns in a session. Task "
                    "completion is the tasks done over the tasks not dropped (a dropped task "
                    "was decided against, not left undone); a person's tasks taken on are "
                    "their done, still open and dropped tasks together."
                )
            )
        )
    )
    out.append(
        Paragraph(
            runs(
                _(
                    'Judging words follow the figure beside them: "all" is every one, '
                    '"most" at least three quarters, "more than half" above one half; a '
                    'score "rose" or "fell" when it moved by at least 5 per cent of the scale\'s '
                    "range; a task was done on time when done on or before its due date."
                )
            )
        )
    )
    out.append(
        Paragraph(
            runs(
                _(
                    "After a new situation about a member, the days are counted to that "
                    "member's next reassessment (the first on or after the day the situation "
                    'was found); "within {days} days" means at most {days} days later.'
                ).format(days=analytics.REASSESS_WITHIN_DAYS)
            )
        )
    )
    if naming.withheld:
        out.append(
            Paragraph(
                runs(
                    _(
                        "Real names were requested for this copy, but these members did not "
                        "consent to being named in reports and appear by pseudonym: {who}."
                    ).format(who=", ".join(naming.withheld))
                )
            )
        )
    return out
