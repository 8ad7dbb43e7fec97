"""A group's own thresholds for the recorder's quiet nudges (``models.NudgeSettings``).

One record per group; a value left out keeps what was set, ``None`` given for it (or
``reset``) goes back to the stage's default (``stage_spec.NudgeThresholds``).
"""

from __future__ import annotations

from pydantic import ValidationError

from groupwork import models as m
from groupwork.errors import invalid_input
from groupwork.store import Store

FIELDS = ("silent_minutes", "silent_turns", "dominant_factor", "window_turns", "facilitator_target")


def set_nudge_settings(
    store: Store, group_id: str, changes: dict[str, object], *, reset: bool = False
) -> m.NudgeSettings:
    """Store the group's thresholds with ``changes`` (field -> value); ``reset`` clears all
    first. A value out of range is refused with the field named; nothing is stored then."""
    store.get(m.Group, group_id)
    current = store.nudge_settings(group_id)
    values = {} if reset or current is None else current.model_dump(include=set(FIELDS))
    values.update({k: v for k, v in changes.items() if k in FIELDS})
    try:
        settings = m.NudgeSettings(
            id=current.id if current else m.new_id(), group_id=group_id, **values
        )
    except ValidationError as exc:
        raise invalid_input(exc) from exc
    return store.save(settings) if current else store.add(settings)
