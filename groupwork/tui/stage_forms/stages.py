"""What each of the twelve stages shows and offers in its workspace.

The table itself is ``groupwork.stage_spec`` (one place for every part of a stage: guide,
form sections, narrative prompt, actions, report block); this module gives the TUI its views.
"""

from __future__ import annotations

from groupwork.stage_spec import STAGE_SPECS, StageSpec

STAGES: dict[int, StageSpec] = STAGE_SPECS
"""The stages' specs, by number."""

STAGE_SECTIONS: dict[int, list[str]] = {n: list(s.form_sections) for n, s in STAGES.items()}
"""The sections each stage's workspace shows, in order. Every stage also has its narrative."""

NARRATIVE_PROMPTS = {n: s.narrative_prompt for n, s in STAGES.items() if s.narrative_prompt}
"""Stages whose narrative is their main record get a specific prompt."""
