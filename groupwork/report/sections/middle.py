"""Sections 7 to 9: the dialogue in each session, carrying out what was agreed (tasks), and
the joint reviews with the members' ratings as the outcome measure."""

from __future__ import annotations

from collections import Counter

from groupwork import analytics
from groupwork import models as m
from groupwork.i18n import _
from groupwork.labels import caption
from groupwork.privacy.naming import Naming
from groupwork.report.model import (
    Block,
    Chart,
    Heading,
    ListBlock,
    Paragraph,
    Run,
    Table,
    labelled,
    runs,
)
from groupwork.report.sections import wording
from groupwork.report.sections.common import names, one_line, session_title, withheld_note
from groupwork.report.text import fmt_date, percent
from groupwork.review_data.data import ReviewData


def stage7(data: ReviewData, naming: Naming) -> list[Block]:
    """Per session: questions, themes, feelings, links to society, marked moments (with
    their notes), the session's notes and next steps;
    then each member's share of the turns with two charts."""
    blocks: list[Block] = []
    fields = (
        (_("Questions posed"), "questions"),
        (_("Themes"), "themes"),
        (_("Feelings voiced"), "feelings"),
        (_("Links drawn to society"), "society_links"),
    )
    marks: dict[str, list[m.GroupMark]] = {}
    for mark in data.marks:
        marks.setdefault(mark.session_id, []).append(mark)
    for session in data.held_sessions:
        items = []
        for label, name in fields:
            found = naming.scrub_all(getattr(session, name))
            if found:
                items.append([Run(label + ":", bold=True), Run(" " + "; ".join(found))])
        marked = [
            f"{caption(mark.kind)}: {one_line(naming.scrub(mark.notes))}"
            if mark.notes.strip()
            else caption(mark.kind)
            for mark in marks.get(session.id, [])
        ]
        if marked:
            items.append([Run(_("Moments marked") + ":", bold=True), Run(" " + "; ".join(marked))])
        for label, value in ((_("Notes"), session.notes), (_("Next steps"), session.next_steps)):
            if value.strip():
                items.append(
                    [Run(label + ":", bold=True), Run(" " + one_line(naming.scrub(value)))]
                )
        if items:
            blocks += [Heading(4, session_title(session)), ListBlock(items)]
    member_ids = [x.id for x in data.participants]
    if data.events and member_ids:
        shares = analytics.member_shares(data.events, member_ids)
        rows = []
        for share in shares:
            flag = _("quiet") if share.quiet else _("dominant") if share.dominant else ""
            rows.append(
                [
                    naming.label(share.actor_id),
                    str(share.turns),
                    percent(share.share),
                    f"{share.relative:.2f}" if share.relative is not None else "–",
                    flag or "–",
                ]
            )
        headers = [_("Member"), _("Turns"), _("Share"), _("Relative to average"), _("Flag")]
        blocks += [
            Table(headers, rows, title=_("Participation over all sessions")),
            Chart("participation"),
            Chart("shares"),
        ]
    return blocks


def stage8(data: ReviewData, naming: Naming) -> list[Block]:
    """Task totals, timeliness, tasks per person (saying when tasks are shared), dropped
    tasks with what was written about them, the chart."""
    if not data.tasks:
        return []
    summary = analytics.task_summary(data.tasks, data.today)
    counts = ", ".join(
        f"{caption(s)} {summary.by_status[s]}" for s in m.TaskStatus if summary.by_status[s]
    )
    blocks: list[Block] = [
        Paragraph(
            runs(
                _(
                    "{total} tasks were agreed ({counts}); {overdue} are overdue. {done} of the "
                    "{live} tasks not dropped were done ({rate}; completion is defined in the "
                    "appendix). The full list is in the appendix."
                ).format(
                    total=summary.total,
                    counts=counts,
                    overdue=summary.overdue,
                    done=summary.by_status[m.TaskStatus.DONE],
                    live=summary.total - summary.by_status[m.TaskStatus.DROPPED],
                    rate=percent(summary.completion_rate),
                )
            )
        )
    ]
    done = [t for t in data.tasks if t.status == m.TaskStatus.DONE and t.due_on and t.done_on]
    on_time = sum(1 for t in done if t.done_on <= t.due_on)
    timely = wording.timeliness(on_time, len(done) - on_time)
    if timely:
        blocks.append(Paragraph(runs(timely)))
    per_person: dict[str, Counter] = {}
    for task in data.tasks:
        for who in task.assignee_ids:
            per_person.setdefault(who, Counter())[task.status] += 1
    order = [x.id for x in data.members if x.id in per_person]
    if m.FACILITATOR in per_person:
        order.append(m.FACILITATOR)
    order += sorted(set(per_person) - set(order))
    rows = [
        [
            naming.label(who),
            str(sum(per_person[who].values())),
            str(per_person[who][m.TaskStatus.DONE]),
            str(per_person[who][m.TaskStatus.OPEN] + per_person[who][m.TaskStatus.IN_PROGRESS]),
            # Without it a row does not add up: taken on = done + still open + dropped.
            str(per_person[who][m.TaskStatus.DROPPED]),
        ]
        for who in order
    ]
    headers = [_("Who"), _("Tasks taken on"), _("Done"), _("Still open"), _("Dropped")]
    blocks.append(Table(headers, rows))
    shared = wording.shared_tasks(
        sum(sum(c.values()) for c in per_person.values()), len(data.tasks)
    )
    if shared:
        blocks.append(Paragraph(runs(shared)))
    dropped = [t for t in data.tasks if t.status == m.TaskStatus.DROPPED]
    if dropped:
        blocks.append(
            ListBlock(
                [_dropped_task(t, naming) for t in dropped],
                title=_("Tasks dropped, and why"),
            )
        )
    blocks.append(Chart("tasks"))
    return blocks


def _dropped_task(task: m.Task, naming: Naming) -> list[Run]:
    """A dropped task, what was written about it, and why the group dropped it."""
    line = f"{one_line(naming.scrub(task.title))} ({names(naming, task.assignee_ids)})"
    if task.description.strip():
        line += f": {one_line(naming.scrub(task.description))}"
    reason = one_line(naming.scrub(task.drop_reason)) or _("not recorded")
    return [Run(line + ". "), Run(_("Why it was dropped") + ":", bold=True), Run(" " + reason)]


def stage9(data: ReviewData, naming: Naming) -> list[Block]:
    """Each joint review, the goal chart, and the members' ratings as the outcome measure."""
    goals = {g.id: g for g in data.goals}
    blocks: list[Block] = []
    for review in data.reviews:
        items = []
        for progress in review.goal_progress:
            goal = goals.get(progress.goal_id)
            title = naming.scrub(goal.title) if goal else _("(removed goal)")
            extra = f" – {one_line(naming.scrub(progress.notes))}" if progress.notes.strip() else ""
            items.append(runs(f"{one_line(title)}: {progress.progress}%{extra}"))
        for obstacle in review.obstacles:
            solved = naming.scrub(obstacle.how_solved) or _("not solved yet")
            items.append(
                runs(
                    _("Obstacle: {obstacle} → {solved}").format(
                        obstacle=one_line(naming.scrub(obstacle.obstacle)), solved=one_line(solved)
                    )
                )
            )
        for label, value in (
            (_("Successes"), review.successes),
            (_("Weaknesses"), review.weaknesses),
            (_("Notes"), review.notes),
        ):
            if value.strip():
                items.append(
                    [Run(label + ":", bold=True), Run(" " + one_line(naming.scrub(value)))]
                )
        if review.member_coordinator_id:
            items.append(
                [
                    Run(_("Member coordinator appointed") + ":", bold=True),
                    Run(" " + naming.label(review.member_coordinator_id)),
                ]
            )
        blocks.append(Heading(4, _("Review on {date}").format(date=fmt_date(review.held_on))))
        if items:
            blocks.append(ListBlock(items))
    if data.reviews and data.goals:
        blocks.append(Chart("goals"))
    blocks += ratings_blocks(data, naming)
    return blocks


def ratings_blocks(data: ReviewData, naming: Naming) -> list[Block]:
    """Per scale: its name and range, the group's mean per session, each member's first and
    last score, and the chart."""
    blocks: list[Block] = []
    number = {s.id: s.number for s in data.sessions}
    for scale in data.scales:
        scored = [r for r in data.ratings if r.scale_id == scale.id and r.session_id in number]
        if not scored:
            continue
        span = scale.maximum - scale.minimum
        # The scale's name is the group's text: in the line below, never in a heading.
        blocks.append(Heading(4, _("Ratings")))
        blocks.append(
            labelled(
                _("Scale"),
                _("{name}, from {low} to {high}").format(
                    name=naming.scrub(scale.name), low=scale.minimum, high=scale.maximum
                ),
            )
        )
        by_session: dict[int, list[float]] = {}
        for r in scored:
            by_session.setdefault(number[r.session_id], []).append(r.score)
        means = sorted((n, sum(v) / len(v), len(v)) for n, v in by_session.items())
        blocks.append(
            Table(
                [_("Session"), _("Group mean"), _("Members rated")],
                [[str(n), f"{mean:.1f}", str(k)] for n, mean, k in means],
                title=_("Group mean per session"),
            )
        )
        if len(means) >= 2:
            first, last = means[0], means[-1]
            blocks.append(
                Paragraph(
                    runs(
                        _(
                            "The group mean {word}: {first:.1f} in session {a}, {last:.1f} in "
                            "session {b} (a change under 5 per cent of the scale's range counts as "
                            "about the same)."
                        ).format(
                            word=wording.change(first[1], last[1], span),
                            first=first[1],
                            a=first[0],
                            last=last[1],
                            b=last[0],
                        )
                    )
                )
            )
        rows = []
        for member in data.selected_members:
            own = sorted(
                (number[r.session_id], r.score) for r in scored if r.member_id == member.id
            )
            if not own:
                continue
            (a, before), (b, after) = own[0], own[-1]
            rows.append(
                [
                    naming.label(member.id),
                    f"{before:g} ({a})",
                    f"{after:g} ({b})",
                    wording.change(before, after, span) if len(own) > 1 else "–",
                ]
            )
        blocks.append(
            Table(
                [_("Member"), _("First (session)"), _("Last (session)"), _("Change")],
                rows,
                title=_("Each member, first to last"),
            )
        )
        if withheld := withheld_note(data, naming, lambda w: w.ratings):
            blocks.append(withheld)
    if blocks:
        blocks.append(Chart("ratings"))
    return blocks
