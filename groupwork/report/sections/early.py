"""Sections 1 to 4: the problem and the need for group work, forming the group (selection
and informed consent), building relationships, the group's rules."""

from __future__ import annotations

from collections import Counter

from groupwork import models as m
from groupwork.i18n import _
from groupwork.labels import caption
from groupwork.privacy.naming import Naming
from groupwork.report.model import Block, Chart, ListBlock, Paragraph, Run, Table, labelled, runs
from groupwork.report.sections.common import one_line, session_notes, session_title
from groupwork.report.text import cell_date, fmt_date
from groupwork.review_data.data import ReviewData


def stage1(data: ReviewData, naming: Naming) -> list[Block]:
    """Problem situation since intake, why the group method, purpose, target, referrals."""
    g = data.group
    blocks: list[Block] = []
    for label, value in (
        (_("Problem situation since intake"), g.problem_situation),
        (_("Why the group method was chosen"), g.rationale),
        (_("Purpose of the group"), g.purpose),
        (_("Target population"), g.target_population),
    ):
        if value.strip():
            blocks.append(labelled(label, one_line(naming.scrub(value))))
    if g.referral_sources:
        blocks.append(
            labelled(_("Referral sources"), ", ".join(naming.scrub(s) for s in g.referral_sources))
        )
    return blocks


def stage2(data: ReviewData, naming: Naming) -> list[Block]:
    """Kind of group, selection criteria, admission rules, each candidate, informed consent."""
    g = data.group
    blocks: list[Block] = []
    if g.selection_criteria.strip():
        blocks.append(
            labelled(_("Selection criteria"), one_line(naming.scrub(g.selection_criteria)))
        )
    if g.admission_rules.strip():
        blocks.append(
            labelled(
                _("Rules for admitting new members"), one_line(naming.scrub(g.admission_rules))
            )
        )
    if not data.members:
        return blocks
    blocks.insert(0, labelled(_("Kind of group"), f"{caption(g.formality)}, {caption(g.openness)}"))
    counts = Counter(x.decision for x in data.members)
    blocks.append(
        labelled(
            _("Candidates"),
            ", ".join(f"{caption(d)} {counts[d]}" for d in m.SelectionDecision if counts[d]),
        )
    )
    rows = [
        [
            naming.label(x.id),
            naming.scrub(x.referral_source),
            caption(x.decision),
            naming.scrub(x.decision_reason),
            cell_date(x.decided_on),
            _("yes") if x.orientation_given else _("no"),
        ]
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
    blocks.append(Table(headers, rows))
    blocks += consent_blocks(data, naming)
    return blocks


def consent_blocks(data: ReviewData, naming: Naming) -> list[Block]:
    """Informed consent: who consented when and to what, and withdrawals (counts and dates;
    never the forms themselves)."""
    # Everyone who took part: the selected members and those who consented, then left.
    selected = [x for x in data.members if x.is_selected or data.consent_history.get(x.id)]
    if not selected:
        return []
    rows = []
    consented = withdrawn = 0
    for member in selected:
        history = data.consent_history.get(member.id, [])
        if not history:
            rows.append([naming.label(member.id), "–", _("no consent recorded"), "–"])
            continue
        consented += 1
        for record in history:
            rows.append(
                [
                    naming.label(member.id),
                    cell_date(record.given_on),
                    ", ".join(caption(s) for s in record.scopes) or "–",
                    cell_date(record.withdrawn_on),
                ]
            )
        if history[-1].withdrawn_on is not None:
            withdrawn += 1
    summary = _(
        "{consented} of {total} members gave informed consent; {withdrawn} withdrew it."
    ).format(consented=consented, total=len(selected), withdrawn=withdrawn)
    headers = [_("Member"), _("Consented on"), _("To what"), _("Withdrawn on")]
    return [
        Paragraph(runs(summary)),
        Table(headers, rows, title=_("Informed consent")),
    ]


def stage3(data: ReviewData, naming: Naming) -> list[Block]:
    """The stage's sessions (themes, notes, next steps), marked moments, the sociogram."""
    sessions = data.sessions_for_stage(3)
    blocks: list[Block] = []
    if sessions:
        items = []
        for s in sessions:
            themes = "; ".join(naming.scrub_all(s.themes))
            head = session_title(s)
            item = [Run(f"{head}: {themes}" if themes else head)]
            extra = session_notes(s, naming)
            items.append(item + ([Run(" ")] + extra if extra else []))
        blocks.append(ListBlock(items, title=_("Sessions and their themes")))
        ids = {s.id for s in sessions}
        marks = [mark for mark in data.marks if mark.session_id in ids]
        kinds = Counter(mark.kind for mark in marks)
        if kinds:
            blocks.append(
                labelled(
                    _("Moments marked in these sessions"),
                    ", ".join(f"{caption(k)} {kinds[k]}" for k in m.GroupMarkKind if kinds[k]),
                )
            )
        noted = [mark for mark in marks if mark.notes.strip()]
        if noted:
            number = {s.id: s.number for s in sessions}
            blocks.append(
                ListBlock(
                    [
                        runs(
                            _("Session {number}").format(number=number[mark.session_id])
                            + f", {caption(mark.kind)}: {one_line(naming.scrub(mark.notes))}"
                        )
                        for mark in noted
                    ],
                    title=_("Notes on marked moments"),
                )
            )
    if any(e.responds_to_id for e in data.events):
        blocks.append(
            Paragraph(
                runs(
                    _(
                        "Who responded to whom over all sessions (arrows point to the person "
                        "answered; thicker lines mean more responses):"
                    )
                )
            )
        )
        blocks.append(Chart("sociogram"))
    return blocks


def _rule_line(rule: m.GroundRule, naming: Naming) -> str:
    by = naming.label(rule.proposed_by_member_id) if rule.proposed_by_member_id else ""
    by = by or naming.scrub(rule.proposed_by)
    details = []
    if by:
        details.append(_("proposed by {who}").format(who=by))
    if rule.agreed_on:
        details.append(_("agreed on {date}").format(date=fmt_date(rule.agreed_on)))
    if rule.revisions:
        details.append(_("revised {count} times").format(count=len(rule.revisions)))
    text = one_line(naming.scrub(rule.text))
    return f"{text} ({'; '.join(details)})" if details else text


def stage4(data: ReviewData, naming: Naming) -> list[Block]:
    """The agreed rules (numbered), proposals not yet agreed, retired rules."""
    in_force = [r for r in data.rules if r.is_in_force]
    proposed = [r for r in data.rules if r.agreed_on is None]
    retired = [r for r in data.rules if r.retired_on is not None]
    blocks: list[Block] = []
    if in_force:
        blocks.append(
            ListBlock(
                [runs(_rule_line(r, naming)) for r in in_force],
                numbered=True,
                title=_("Rules the group agreed"),
            )
        )
    if proposed:
        blocks.append(
            ListBlock(
                [runs(_rule_line(r, naming)) for r in proposed],
                title=_("Proposed but not yet agreed"),
            )
        )
    if retired:
        blocks.append(
            ListBlock(
                [
                    runs(
                        f"{one_line(naming.scrub(r.text))} ({fmt_date(r.retired_on)}: "
                        f"{one_line(naming.scrub(r.retired_reason)) or '–'})"
                    )
                    for r in retired
                ],
                title=_("Rules the group retired"),
            )
        )
    return blocks
