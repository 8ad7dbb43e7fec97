"""The plan sheet, the feedback and the practice evidence as documents (the review's model):
plain Markdown wrapped at 80 columns (a terminal, a text file), and one-page A4 HTML.

Lists are cut to what fits one page; what is left out is counted ("+3 more").
"""

from __future__ import annotations

from datetime import datetime

from groupwork import models as m
from groupwork.dates import format_date
from groupwork.facilitation.evidence import PracticeEvidence
from groupwork.facilitation.feedback import SessionFeedback
from groupwork.facilitation.sheet import PlanSheet
from groupwork.i18n import _, current_language, ngettext
from groupwork.report import model as d
from groupwork.text_layout import cell_width, wrap

WIDTH = 80
MAX_ITEMS = 8
"""Items of one list on the page; the rest are counted."""

# One A4 page: the review's style, tighter (these are working papers, printed before a session).
_COMPACT_CSS = """
body { max-width: 44rem; margin: 1rem auto; line-height: 1.35; font-size: 13px; }
h1 { font-size: 1.35rem; } h2 { font-size: 1.02rem; margin-top: .8rem; }
ul, ol { margin: .2rem 0; padding-left: 1.3rem; } p { margin: .25rem 0; }
@page { margin: 14mm 16mm; }
@media print { body { font-size: 10pt; line-height: 1.25; }
  h2 { margin-top: .45rem; padding-bottom: 0; border-bottom-width: 1px; } }
"""


def _cut(items: list[str]) -> list[d.Inline]:
    shown = [d.runs(item) for item in items[:MAX_ITEMS]]
    if len(items) > MAX_ITEMS:
        shown.append(d.runs(_("(+{count} more)").format(count=len(items) - MAX_ITEMS)))
    return shown


def _list(items: list[str], empty: str, numbered: bool = False) -> d.Block:
    if not items:
        return d.note(empty)
    return d.ListBlock(_cut(items), numbered=numbered)


def sheet_document(sheet: PlanSheet) -> d.Document:
    """The plan sheet as a document."""
    lang = current_language()
    when = format_date(sheet.held_on, lang) if sheet.held_on else _("date not planned yet")
    start = sheet.steps[0].starts if sheet.steps and sheet.steps[0].starts else None
    if start is not None:
        when += f" {start:%H:%M}"
    title = _("Plan for session {number} · {group}").format(
        number=sheet.number, group=sheet.group_name
    )
    blocks: list[d.Block] = [
        d.Heading(1, title),
        d.Paragraph(
            d.runs(
                _("{when} · stage {stage}: {name}").format(
                    when=when, stage=sheet.stage, name=sheet.stage_name
                )
            )
        ),
        d.note(_("For the facilitator only: it names members by their real names.")),
        d.Heading(2, _("What this session is for")),
        d.Paragraph(d.runs(sheet.stage_purpose)),
    ]
    if sheet.plan:
        blocks.append(d.labelled(_("Plan"), sheet.plan))
    if sheet.last_number is not None:
        heading = _("Agreed last time (session {number}, {day})").format(
            number=sheet.last_number, day=format_date(sheet.last_held_on, lang)
        )
        blocks += [
            d.Heading(2, heading),
            d.Paragraph(d.runs(sheet.agreed_last_time))
            if sheet.agreed_last_time
            else d.note(_("No next steps were recorded.")),
        ]
    tasks = [
        ("! " if t.overdue else "")
        + t.title
        + " · "
        + (", ".join(t.holders) or _("no one yet"))
        + (" · " + _("due {day}").format(day=format_date(t.due_on, lang)) if t.due_on else "")
        + (" " + _("(overdue)") if t.overdue else "")
        for t in sheet.tasks
    ]
    blocks += [d.Heading(2, _("Tasks to check")), _list(tasks, _("No open tasks."))]
    reasons = {
        "absent": _("absent last time"),
        "excused": _("excused last time"),
        "late": _("late last time"),
        "quiet": _("quiet last time"),
    }
    check_ins = [f"{c.name}: {reasons.get(c.reason, c.reason)}" for c in sheet.check_ins]
    blocks += [
        d.Heading(2, _("Check in with, gently")),
        _list(check_ins, _("Everyone was there and took part last time.")),
        d.Heading(2, _("Ground rules in force")),
        _list(sheet.rules, _("No ground rules agreed yet."), numbered=True),
        d.Heading(2, _("Goals under review")),
        _list([f"{t} ({p}%)" for t, p in sheet.goals], _("No active goals.")),
        d.Heading(2, _("Handover")),
        d.Paragraph(d.runs(_handover_words(sheet))),
    ]
    if sheet.steps:
        blocks.append(d.Heading(2, _("Time plan: {title}").format(title=sheet.template_title)))
        minutes = _("{minutes} min")
        steps = [
            (f"{s.starts:%H:%M}" if s.starts else f"+{s.offset // 60}:{s.offset % 60:02}")
            + f"  {s.what} ({minutes.format(minutes=s.minutes)})"
            for s in sheet.steps
        ]
        blocks.append(d.ListBlock([d.runs(s) for s in steps]))
    return d.Document(title=title, lang=lang, blocks=blocks)


def _handover_words(sheet: PlanSheet) -> str:
    words = _(
        "In stage {stage} the group moves toward the facilitator taking at most {target:.0%} "
        "of the turns."
    ).format(stage=sheet.stage, target=sheet.handover_target)
    if sheet.last_facilitator_share is not None:
        words += " " + _("Last time you took {share:.0%}.").format(
            share=sheet.last_facilitator_share
        )
    return words


def _clock(at: datetime, start: datetime | None) -> str:
    """A moment as the session clock (h:mm from the start): no time zone to get wrong."""
    minutes = int((at - start).total_seconds() // 60) if start else 0
    return f"{max(minutes, 0) // 60}:{max(minutes, 0) % 60:02}"


def feedback_document(feedback: SessionFeedback, group_name: str) -> d.Document:
    """The feedback on a session as a document (one screen)."""
    lang = current_language()
    title = _("Feedback on session {number} · {group}").format(
        number=feedback.number, group=group_name
    )
    day = format_date(feedback.held_on, lang)
    blocks: list[d.Block] = [d.Heading(1, title), d.Paragraph(d.runs(day))]
    blocks.append(d.Heading(2, _("Your share of turns")))
    if feedback.facilitator_share is None:
        blocks.append(d.note(_("No turns were recorded.")))
    else:
        verdict = _("within the target") if feedback.within_target else _("above the target")
        words = _(
            "You took {share:.0%} of {turns} turns; the target for stage {stage} is at most "
            "{target:.0%}: {verdict}."
        ).format(
            share=feedback.facilitator_share,
            turns=feedback.turns,
            stage=feedback.stage,
            target=feedback.target,
            verdict=verdict,
        )
        if feedback.last_share is not None:
            words += " " + _("Last session ({number}): {share:.0%}.").format(
                number=feedback.last_number, share=feedback.last_share
            )
        blocks.append(d.Paragraph(d.runs(words)))
    shares = [
        ngettext(
            "{name}: {turns} turn ({share:.0%})", "{name}: {turns} turns ({share:.0%})", t
        ).format(name=n, turns=t, share=s)
        for n, t, s in feedback.shares
    ]
    responses = [f"{who} → {whom} ×{count}" for who, whom, count in feedback.responses]
    blocks += [
        d.Heading(2, _("Members' shares")),
        _list(shares, _("No member was marked present.")),
        d.Heading(2, _("Who responded to whom")),
        _list(responses, _("No responses were recorded.")),
        d.Heading(2, _("Questions and statements")),
        d.Paragraph(
            d.runs(
                _("{questions} questions asked ({mine} by you); {statements} other turns.").format(
                    questions=feedback.questions,
                    mine=feedback.facilitator_questions,
                    statements=feedback.statements,
                )
            )
        ),
        d.Heading(2, _("Silences noted")),
        d.Paragraph(
            d.runs(
                ngettext(
                    "{count} silence marked: {times}",
                    "{count} silences marked: {times}",
                    len(feedback.silences),
                ).format(
                    count=len(feedback.silences),
                    times=", ".join(_clock(at, feedback.started_at) for at in feedback.silences),
                )
                if feedback.silences
                else _("No silences were marked.")
            )
        ),
        d.Heading(2, _("Nudges shown")),
    ]
    acted = {True: _("acted on"), False: _("not acted on"), None: ""}
    nudges = [
        f"{_clock(n.at, feedback.started_at)}  {m.caption(n.kind)}"
        + (f": {n.who}" if n.who else "")
        + (f" · {acted[n.acted]}" if acted[n.acted] else "")
        for n in feedback.nudges
    ]
    blocks.append(_list(nudges, _("No nudges were shown.")))
    return d.Document(title=title, lang=lang, blocks=blocks)


def evidence_blocks(evidence: PracticeEvidence) -> list[d.Block]:
    """Strengths and weaknesses of the worker's practice, each dated (for the reflection)."""
    lang = current_language()

    def dated(items) -> list[str]:
        return [
            _("{day} (session {number}): {text}").format(
                day=format_date(e.held_on, lang, short=True), number=e.number, text=e.text
            )
            for e in items
        ]

    return [
        d.Heading(2, _("Strengths of your practice, with dates")),
        _list(dated(evidence.strengths), _("Nothing recorded yet.")),
        d.Heading(2, _("Weaknesses of your practice, with dates")),
        _list(dated(evidence.weaknesses), _("Nothing recorded yet.")),
    ]


def evidence_summary(evidence: PracticeEvidence, latest: int = 2) -> str:
    """A few lines for the closure form: the latest dated strengths and weaknesses."""
    lang = current_language()
    lines: list[str] = []
    for label, items in (
        (_("Strengths recorded"), evidence.strengths),
        (_("Weaknesses recorded"), evidence.weaknesses),
    ):
        for e in items[-latest:]:
            day = format_date(e.held_on, lang, short=True)
            lines.append(f"{label} · {day} ({e.number}): {e.text}")
    if not lines:
        return ""
    return (
        _("From your sessions' feedback (f on the sessions screen shows each in full):")
        + "\n"
        + "\n".join(lines)
    )


def as_text(document: d.Document, width: int = WIDTH) -> str:
    """The document as Markdown, every line at most ``width`` columns (Thai cut between words)."""
    out: list[str] = []
    for block in document.blocks:
        if isinstance(block, d.Heading):
            out += ["", *wrap("#" * block.level + " " + block.text, width)]
        elif isinstance(block, d.Paragraph):
            out += wrap(_plain(block.content), width)
        elif isinstance(block, d.ListBlock):
            for number, item in enumerate(block.items, 1):
                mark = f"{number}. " if block.numbered else "- "
                lines = wrap(_plain(item), width - cell_width(mark))
                out += [mark + lines[0], *(" " * len(mark) + line for line in lines[1:])]
    return "\n".join(out).strip() + "\n"


def _plain(content: d.Inline) -> str:
    return "".join(part.text for part in content)


def as_html(document: d.Document) -> str:
    """The document as one self-contained HTML page, sized for one A4 sheet."""
    from groupwork.report.writers.html import write_html

    return write_html(document).replace("</style>", _COMPACT_CSS + "</style>", 1)
