"""The closure workspace: the worker writes their own reflection on the practice, which
the guideline asks of every Group Work Review (knowledge and theory used, teamwork and
partners, strengths and weaknesses of their own practice, recommendations).

Reached from the dashboard (``c``). One ``ClosureReflection`` per group, saved the moment
Ctrl+S is pressed; an empty part shows in the review as "to be completed" and is listed by
the review's pre-flight check.
"""

from __future__ import annotations

from pydantic import BaseModel

from groupwork import models as m
from groupwork.facilitation.documents import evidence_summary
from groupwork.facilitation.evidence import practice_evidence
from groupwork.i18n import N_, _
from groupwork.tui.screens.record_form import RecordFormScreen
from groupwork.tui.widgets.model_form import FieldSpec

REFLECTION_FIELDS = (
    FieldSpec("knowledge_and_theory", "long", label=N_("Knowledge and theory used")),
    FieldSpec("teamwork_and_partners", "long", label=N_("Teamwork and partners")),
    FieldSpec("practice_strengths", "long", label=N_("Strengths of my practice")),
    FieldSpec("practice_weaknesses", "long", label=N_("Weaknesses of my practice")),
    FieldSpec("recommendations", "long", label=N_("Recommendations")),
)


def closure_title() -> str:
    """The workspace's title in the current language."""
    return _("Closure: the worker's reflection on this practice")


class ClosureScreen(RecordFormScreen):
    """Write or edit the group's closure reflection."""

    def __init__(self, store, group_id: str) -> None:
        existing = store.closure_reflection(group_id)
        base = (
            existing.model_dump()
            if existing is not None
            else m.ClosureReflection(group_id=group_id).model_dump()
        )

        def save(record: BaseModel) -> BaseModel:
            assert isinstance(record, m.ClosureReflection)
            return store.save(record.model_copy(update={"updated_at": m.utc_now()}))

        super().__init__(
            closure_title(),
            m.ClosureReflection,
            list(REFLECTION_FIELDS),
            base,
            save,
            closure_title,
            # Dated evidence of the worker's own practice, from the sessions' feedback.
            intro=evidence_summary(practice_evidence(store, group_id)),
        )
