"""The review's pre-flight check: what the guideline asks for that is not recorded yet.

Listed in the review screen and by ``groupwork review GROUP --check`` (exit 1 while anything
is missing). Each item names the part and where it is written in groupwork, in the current
language.
"""

from __future__ import annotations

from groupwork import models as m
from groupwork.i18n import _
from groupwork.stages import guide


def missing_parts(
    stages: dict[int, m.StageProgress],
    reflection: m.ClosureReflection | None,
    endorsement: m.Endorsement | None,
) -> list[str]:
    """What is still to be completed before the review can be submitted, in order."""
    from groupwork.report.sections.closing import reflection_fields

    found: list[str] = []
    for n in m.STAGE_NUMBERS:
        if not stages[n].narrative.strip():
            found.append(
                _("Section {n} ({name}): the facilitator's account is not written.").format(
                    n=n, name=guide(n).name()
                )
            )
    record = reflection
    for title, name in reflection_fields():
        if record is None or not getattr(record, name).strip():
            found.append(
                _("The worker's reflection: {part} is to be completed (closure workspace).").format(
                    part=title
                )
            )
    if endorsement is None:
        found.append(_("The head of unit's endorsement (name and position) is not recorded."))
    return found


def review_check(store, group_id: str) -> list[str]:
    """``missing_parts`` of the group's records, read now (three small reads: the stages,
    the reflection and the endorsement)."""
    store.get(m.Group, group_id)
    endorsements = store.endorsements(group_id)
    return missing_parts(
        store.stage_progress(group_id),
        store.closure_reflection(group_id),
        endorsements[-1] if endorsements else None,
    )
