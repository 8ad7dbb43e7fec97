"""The stage registry: every stage has each of its parts, and the review and the TUI read it."""

from __future__ import annotations

import importlib.util

import pytest

from groupwork import models as m
from groupwork.stage_spec import STAGE_SPECS, stage_spec
from groupwork.stages import CHECKS, SOURCE_SESSIONS_DIR, parse_guide


def test_all_twelve_stages_have_every_part():
    assert sorted(STAGE_SPECS) == list(m.STAGE_NUMBERS)
    for n, spec in STAGE_SPECS.items():
        assert spec.number == n and stage_spec(n) is spec
        path = SOURCE_SESSIONS_DIR / "stages" / spec.guide_file
        guide = parse_guide(path.read_text(encoding="utf-8"), str(path))
        assert guide.number == n and spec.guide().key == guide.key
        assert spec.criteria(), f"stage {n} has no completion criteria"
        assert all(c.check in CHECKS for c in spec.criteria())
        assert callable(spec.report_records())
        assert spec.sections or spec.narrative_prompt, f"stage {n} has nothing to record"


def test_the_review_compiles_each_stage_from_the_registry():
    from groupwork.report.sections import STAGE_RECORDS

    assert STAGE_RECORDS == {n: spec.report_records() for n, spec in STAGE_SPECS.items()}


@pytest.mark.skipif(importlib.util.find_spec("textual") is None, reason="the TUI's half")
def test_the_workspace_reads_the_registry_and_knows_every_section_key():
    try:
        from groupwork.tui.stage_forms import STAGE_SECTIONS, STAGES
        from groupwork.tui.stage_forms.sections import SECTIONS
    except ImportError:  # the core run, where importing textual fails on purpose
        pytest.skip("the TUI's half")
    assert STAGES is STAGE_SPECS
    for n, spec in STAGE_SPECS.items():
        assert STAGE_SECTIONS[n] == spec.sections
        assert set(spec.sections) <= set(SECTIONS), f"stage {n}: a key the TUI has no section for"
