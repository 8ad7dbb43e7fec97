"""What each of the twelve stages shows and offers in its workspace: read from the core's
stage registry (``groupwork.stage_spec.STAGE_SPECS``), which names each stage's guide, form
sections, criteria and report block. The TUI's own part is the widget each section key maps
to (``groupwork.tui.stage_forms.sections.SECTIONS``).
"""

from __future__ import annotations

from groupwork.stage_spec import STAGE_SPECS, StageSpec

STAGES: dict[int, StageSpec] = STAGE_SPECS
"""The workspace of each stage: the registry itself, not a copy."""

STAGE_SECTIONS: dict[int, list[str]] = {n: spec.sections for n, spec in STAGES.items()}
"""The sections each stage's workspace shows, in order. Every stage also has its narrative."""

NARRATIVE_PROMPTS = {n: s.narrative_prompt for n, s in STAGES.items() if s.narrative_prompt}
"""Stages whose narrative is their main record get a specific prompt."""
