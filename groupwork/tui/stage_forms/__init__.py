"""What each stage's workspace records, as data: sections of records, their columns and forms.

A section is one kind of record (members, ground rules, goals, ...) shown as a table with an
add/edit form (``sections``); ``stages`` says which sections each of the twelve stages shows and
which actions it offers; ``forms`` and ``actions`` open the forms. The workspace screen builds
itself from these, so adding a field to a stage is a change here only.
"""

from groupwork.tui.stage_forms.forms import open_add_form, open_record_form
from groupwork.tui.stage_forms.section import Section, SectionContext
from groupwork.tui.stage_forms.sections import SECTIONS
from groupwork.tui.stage_forms.stages import NARRATIVE_PROMPTS, STAGE_SECTIONS, STAGES

__all__ = [
    "NARRATIVE_PROMPTS",
    "SECTIONS",
    "STAGES",
    "STAGE_SECTIONS",
    "Section",
    "SectionContext",
    "open_add_form",
    "open_record_form",
]
