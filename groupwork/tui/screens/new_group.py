"""The short form that creates a group: its name and stage 1's facts."""

from __future__ import annotations

from datetime import date

from groupwork import models as m
from groupwork.i18n import _
from groupwork.tui.screens.record_form import RecordFormScreen
from groupwork.tui.widgets.model_form import FieldSpec

GROUP_FIELDS = [
    FieldSpec("name"),
    FieldSpec("agency"),
    FieldSpec("target_population"),
    FieldSpec("problem_situation", "long"),
    FieldSpec("rationale", "long"),
    FieldSpec("referral_sources", "lines"),
    FieldSpec("facilitators", "lines"),
    FieldSpec("start_date", "date"),
    FieldSpec("planned_sessions", "int"),
]


class NewGroupScreen(RecordFormScreen):
    """Create a group; dismisses with the new ``Group`` (or None when cancelled)."""

    def __init__(self, store) -> None:
        self.store = store
        super().__init__(
            _("New group"),
            m.Group,
            GROUP_FIELDS,
            {"start_date": date.today()},
            self._create,
            title_translated=lambda: _("New group"),
        )

    def _create(self, group: m.Group) -> m.Group:
        from groupwork.operations.groups import create_group

        return create_group(self.store, group, date.today())
