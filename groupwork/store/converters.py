"""Rows to models and back: the one place that knows how a model is laid out in a table.

Lists and nested models are stored as JSON text; dates and datetimes as ISO 8601 text;
booleans as 0/1. Task assignees live in their own table (``task_assignees``) so the
coordinator's "tasks of this member" lookup uses an index.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError

from groupwork.errors import StorageError
from groupwork.i18n import _
from groupwork.models_lazy import LazyMapping
from groupwork.models_lazy import models as m

if TYPE_CHECKING:
    from pydantic import BaseModel

ModelT = TypeVar("ModelT", bound="m.Record")


def _tables() -> dict[type[m.Record], str]:
    return {
        m.Group: "groups",
        m.Member: "members",
        m.Consent: "consents",
        m.StageProgress: "stage_progress",
        m.GroundRule: "ground_rules",
        m.Assessment: "assessments",
        m.GroupIssue: "group_issues",
        m.Goal: "goals",
        m.Task: "tasks",
        m.Session: "sessions",
        m.Attendance: "attendance",
        m.ParticipationEvent: "participation_events",
        m.GroupMark: "group_marks",
        m.RatingScale: "rating_scales",
        m.Rating: "ratings",
        m.Review: "reviews",
        m.NewSituation: "new_situations",
        m.HandoverStep: "handover_steps",
        m.Endorsement: "endorsements",
        m.ClosureReflection: "closure_reflections",
        m.OtherNameDecision: "other_name_decisions",
        m.NudgeShown: "nudges_shown",
        m.NudgeSettings: "nudge_settings",
        m.NameDecision: "name_decisions",
        m.PersonAround: "people_around",
        m.SharedFile: "shared_files",
    }


# Built when first read: naming the classes imports the models (see groupwork.models_lazy).
TABLES: Mapping[type[m.Record], str] = LazyMapping(_tables)
"""Every stored model and its table."""

# Fields kept outside the model's own table.
_SEPARATE_FIELDS: Mapping[type[m.Record], set[str]] = LazyMapping(
    lambda: {m.Task: {"assignee_ids"}}
)


def table_name(model_cls: type[m.Record]) -> str:
    """The table that stores ``model_cls``."""
    return TABLES[model_cls]


@cache
def json_fields(model_cls: type[BaseModel]) -> frozenset[str]:
    """Fields of ``model_cls`` stored as JSON text (lists and nested models)."""
    names = set()
    for name, info in model_cls.model_fields.items():
        origin = typing.get_origin(info.annotation)
        if origin in (list, dict, set, tuple):
            names.add(name)
    return frozenset(names - _SEPARATE_FIELDS.get(model_cls, set()))


def to_row(record: m.Record) -> dict[str, Any]:
    """The row that stores ``record`` in its own table."""
    cls = type(record)
    row = record.model_dump(mode="json", exclude=_SEPARATE_FIELDS.get(cls, set()))
    for name in json_fields(cls):
        row[name] = json.dumps(row[name], ensure_ascii=False)
    for name, value in row.items():
        if isinstance(value, bool):
            row[name] = int(value)
    return row


STORE_ONLY_COLUMNS = frozenset({"title_shared", "name_shared"})
"""Columns the store keeps for others (the coordinator's shareable titles), no model field."""


def from_row(model_cls: type[ModelT], row: dict[str, Any], **extra: Any) -> ModelT:
    """The model stored in ``row`` (``extra`` supplies fields kept in other tables)."""
    # NULL means "not set": the model's default applies. Columns added by a later migration
    # are NULL in older rows, and must still load.
    data = {k: v for k, v in row.items() if v is not None and k not in STORE_ONLY_COLUMNS}
    for name in json_fields(model_cls):
        if isinstance(data.get(name), str):
            data[name] = json.loads(data[name])
    data.update(extra)
    try:
        return model_cls.model_validate(data)
    except ValidationError as exc:
        raise StorageError(
            _("A stored {kind} record ({id}) is not valid: {error}").format(
                kind=model_cls.__name__, id=row.get("id", "?"), error=exc.errors()[0]["msg"]
            )
        ) from exc
