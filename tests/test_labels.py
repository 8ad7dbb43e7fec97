"""Field labels keyed by model and field, captions keyed by enumeration and value."""

from __future__ import annotations

import inspect
from enum import StrEnum

import pytest
from pydantic import BaseModel, ValidationError

from groupwork import enums, labels
from groupwork import models as m
from groupwork.errors import field_label as label_by_name
from groupwork.errors import render_validation_error
from groupwork.i18n import use_language


def _model_classes() -> dict[str, type[BaseModel]]:
    return {
        name: cls
        for name, cls in vars(m).items()
        if inspect.isclass(cls)
        and issubclass(cls, BaseModel)
        and cls.__module__.startswith("groupwork.")
    }


def _enum_classes() -> list[type[StrEnum]]:
    return [
        cls
        for cls in vars(enums).values()
        if inspect.isclass(cls) and issubclass(cls, StrEnum) and cls.__module__ == enums.__name__
    ]


def test_every_labelled_model_and_field_exists():
    # Labels name models by class name (labels.py cannot import the models): a renamed model
    # or field must not leave a label behind that nothing reads.
    models = _model_classes()
    stale = [
        f"{model}.{field}"
        for model, fields in labels._FIELD_LABELS.items()
        for field in fields
        if model not in models or field not in models[model].model_fields
    ]
    assert stale == []


def test_a_label_is_found_through_the_model_and_its_bases():
    with use_language("en"):
        assert labels.field_label(m.Task, "due_on") == "Due date"
        assert labels.field_label(m.Task, "group_id") == "Group"  # from GroupRecord
        assert labels.field_label(m.Attendance, "id") == "Identifier"  # from Record
        assert labels.field_label("Session", "held_on") == "Date"  # by class name
        assert labels.field_label(m.Task, "no_such_field") == "no_such_field"
    with use_language("th"):
        assert labels.field_label(m.Task, "due_on") == "วันครบกำหนด"


def test_labels_by_bare_name_still_work_for_callers_that_do_not_know_the_model():
    with use_language("en"):
        assert label_by_name("due_on") == "Due date"
        assert label_by_name("obstacle") == "Obstacle"
        assert m.FIELD_LABELS["due_on"] == "Due date"


def test_a_validation_message_names_the_field_as_its_model_labels_it():
    with use_language("en"), pytest.raises(ValidationError) as info:
        m.Task(group_id="g", title="  ")
    assert render_validation_error(info.value) == ["Title: must not be empty"]


def test_every_enumeration_value_has_a_caption():
    missing = [
        f"{cls.__name__}.{member.name}"
        for cls in _enum_classes()
        for member in cls
        if member not in labels._CAPTIONS.get(cls, {})
    ]
    assert missing == []


def test_one_english_word_may_read_differently_in_thai_by_its_enumeration():
    with use_language("en"):
        assert labels.caption(m.TaskStatus.OPEN) == labels.caption(m.Openness.OPEN) == "open"
    with use_language("th"):
        # A task still to do is waiting (รอดำเนินการ), not open like a group (เปิด).
        assert labels.caption(m.TaskStatus.OPEN) == "รอดำเนินการ"
        assert labels.caption(m.Openness.OPEN) == "เปิด"
        assert labels.caption(m.TaskStatus.IN_PROGRESS) == "กำลังดำเนินการ"


def test_a_bare_stored_value_and_an_unknown_one_still_read():
    with use_language("th"):
        assert labels.caption("in_progress") == "กำลังดำเนินการ"
        assert labels.caption("no_such_value") == "no_such_value"


def test_models_still_export_what_moved_out_of_it():
    # Callers on other branches use models.TaskStatus and models.caption.
    assert m.TaskStatus is enums.TaskStatus
    assert m.caption is labels.caption
    assert all(getattr(m, cls.__name__) is cls for cls in _enum_classes())
