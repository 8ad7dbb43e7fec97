"""The front matter: the cover, the head of unit's endorsement, the table of contents and
the stages at a glance."""

from __future__ import annotations

from groupwork import models as m
from groupwork.i18n import _
from groupwork.labels import caption
from groupwork.privacy.consent_withheld import consent_note
from groupwork.privacy.naming import Naming
from groupwork.report.model import (
    Block,
    Chart,
    Contents,
    Heading,
    PageBreak,
    Paragraph,
    Signature,
    Table,
    note,
    runs,
)
from groupwork.report.text import cell_date, fmt_date
from groupwork.review_data.data import ReviewData
from groupwork.stages import guide


def cover(data: ReviewData, naming: Naming) -> list[Block]:
    """Title and the facts about the group the committee reads first."""
    group = data.group
    held = data.held_sessions
    planned = f" / {group.planned_sessions}" if group.planned_sessions else ""
    first = held[0].held_on if held else group.start_date
    last = held[-1].held_on if held else group.end_date
    rows = [
        [_("Group"), naming.scrub(group.name)],
        [_("Agency"), naming.scrub(group.agency)],
        [_("Facilitator(s)"), naming.scrub(", ".join(group.facilitators))],
        [_("Period"), f"{fmt_date(first)} – {fmt_date(last)}"],
        [_("Sessions held"), f"{len(held)}{planned}"],
        [_("Members"), str(len(data.selected_members))],
        [_("Target population"), naming.scrub(group.target_population)],
        [_("Group status"), caption(group.status)],
    ]
    if naming.withheld:
        privacy = _(
            "Members are named where they consented to be named in reports; the others "
            "appear by pseudonym or code."
        )
    elif any(naming.label(x.id) != x.pseudonym for x in data.members):
        privacy = _("Members who consented are named by their real names.")
    elif naming.all_removed:
        privacy = _(
            "To protect confidentiality, members appear only by pseudonym or code; real "
            "names have been removed from all notes quoted here."
        )
    else:  # never claim every name is gone while some occurrence is undecided
        privacy = _(
            "To protect confidentiality, members appear only by pseudonym or code; every "
            "name known for certain has been replaced in the notes quoted here."
        )
    return [
        Heading(1, _("Group Work Review")),
        Table([_("Item"), _("Details")], rows, show_headers=False),
        note(privacy),
        # Where a member's name may still stand as an ordinary word: a person re-reads these.
        *([Paragraph(runs(naming.privacy_note()))] if not naming.all_removed else []),
        # What consent kept out (a withdrawn member's passages, recording-only narratives).
        *([note(withheld)] if (withheld := consent_note(data, naming.label)) else []),
    ]


def endorsement(data: ReviewData, naming: Naming) -> list[Block]:
    """The unit head's endorsement: the certifying sentence and a signature block."""
    record = data.endorsement
    return [
        Heading(2, _("Endorsement by the head of unit"), anchor="endorsement", new_page=True),
        Paragraph(runs(endorsement_sentence(data, naming))),
        Signature(
            role=_("Head of unit"),
            name=naming.scrub(record.name) if record else "",
            position=naming.scrub(record.position) if record else "",
            day=fmt_date(record.endorsed_on) if record and record.endorsed_on else "",
        ),
    ]


def endorsement_sentence(data: ReviewData, naming: Naming) -> str:
    """The certifying sentence, naming the worker(s) whose practice it endorses."""
    from groupwork.report.sections.closing import worker_name_and_position

    workers = [worker_name_and_position([f])[0] for f in data.group.facilitators]
    if not workers:
        return _(
            "I have read this Group Work Review and certify that it reflects the group "
            "work carried out by the facilitator in this unit."
        )
    return _(
        "I have read this Group Work Review and certify that it reflects the group work "
        "carried out by {worker} in this unit."
    ).format(worker=naming.scrub(", ".join(workers)))


def contents(data: ReviewData, naming: Naming) -> list[Block]:
    """The table of contents on a page of its own (entries filled by the writers)."""
    return [PageBreak(), Contents(_("Contents"))]


def stages_overview(data: ReviewData, naming: Naming) -> list[Block]:
    """All twelve stages in one table, and the timeline chart."""
    rows = []
    for n in m.STAGE_NUMBERS:
        progress = data.stages[n]
        numbers = ", ".join(str(s.number) for s in data.sessions_for_stage(n)) or "–"
        rows.append(
            [
                str(n),
                guide(n).name(),
                caption(progress.status),
                cell_date(progress.started_on),
                cell_date(progress.completed_on),
                numbers,
            ]
        )
    headers = [_("No."), _("Stage"), _("Status"), _("Started"), _("Completed"), _("Sessions")]
    return [
        Heading(2, _("The stages at a glance"), anchor="stages"),
        Table(headers, rows),
        Chart("stages"),
    ]
