"""The recorder's quiet nudges as records: each nudge shown, and a group's own thresholds.

``groupwork.models`` re-exports both (``models.NudgeShown``, ``models.NudgeSettings``).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from groupwork.enums import NudgeKind
from groupwork.models_base import GroupRecord, Identifier, Record, ShortText, utc_now


class NudgeShown(Record):
    """One nudge the recorder showed during a session (or the facilitator muting them), kept
    with the session so the worker can see afterwards which they acted on."""

    session_id: Identifier
    kind: NudgeKind
    member_id: Identifier | None = None
    """The member the nudge is about (None for the facilitator's share and for muting)."""
    at: datetime = Field(default_factory=utc_now)
    detail: ShortText = ""
    """What the nudge measured, as plain figures (minutes, turns, a share), not words."""


class NudgeSettings(GroupRecord):
    """A group's own thresholds for the nudges; a field left empty takes the stage's default
    (``groupwork.stage_spec.NudgeThresholds``). One per group."""

    silent_minutes: int | None = Field(default=None, ge=1, le=240)
    silent_turns: int | None = Field(default=None, ge=1, le=500)
    dominant_factor: float | None = Field(default=None, ge=1.1, le=10)
    window_turns: int | None = Field(default=None, ge=4, le=500)
    facilitator_target: float | None = Field(default=None, ge=0.05, le=0.95)
    """The facilitator's share of turns to stay under (a fraction); None: the stage's target."""
