"""The review's sections, one module per part, each a pure function from the gathered
``ReviewData`` and the report's ``Naming`` to document blocks (``groupwork.report.model``).

Nothing here reads the database or the clock, so a test can check a section's blocks
exactly; every text in them has passed through ``Naming`` (labels for members, ``scrub`` for
free text).
"""

from __future__ import annotations

from groupwork import models as m
from groupwork.i18n import _, current_language
from groupwork.privacy.naming import Naming
from groupwork.privacy.withheld import withhold_withdrawn
from groupwork.report.model import Block, Document
from groupwork.report.sections import appendices, closing, front
from groupwork.report.sections.common import StageRecords, stage_blocks
from groupwork.report.text import fmt_date
from groupwork.review_data.data import ReviewData
from groupwork.stage_spec import STAGE_SPECS

STAGE_RECORDS: dict[int, StageRecords] = {
    n: spec.report_records() for n, spec in STAGE_SPECS.items()
}
"""The records each stage's section is compiled from, as the stage registry names them."""


def stage_section(data: ReviewData, naming: Naming, n: int) -> list[Block]:
    """Section ``n`` of the twelve essentials."""
    return stage_blocks(data, naming, n, STAGE_RECORDS[n])


def build_document(data: ReviewData, naming: Naming) -> Document:
    """The whole review, in the current language."""
    withhold_withdrawn(data, fmt_date)  # the notices in the review's language and date form
    blocks: list[Block] = []
    for part in (
        front.cover,
        front.endorsement,
        front.contents,
        front.stages_overview,
    ):
        blocks += part(data, naming)
    for n in m.STAGE_NUMBERS:
        blocks += stage_section(data, naming, n)
    for part in (
        closing.lessons,
        closing.reflection,
        appendices.session_log,
        appendices.attendance_appendix,
        appendices.rules_appendix,
        appendices.goals_appendix,
        appendices.tasks_appendix,
        appendices.recording_note,
    ):
        blocks += part(data, naming)
    title = _("Group Work Review") + f" – {naming.scrub(data.group.name)}"
    return Document(title=title, lang=current_language(), blocks=blocks)
