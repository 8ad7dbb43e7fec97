"""The TUI's workspaces come from groupwork/stage_spec.py: every section key and action exists."""

from __future__ import annotations

import pytest

from groupwork import models as m
from groupwork.stage_spec import STAGE_SPECS
from groupwork.tui.screens.stage_workspace import STAGE_ACTIONS
from groupwork.tui.stage_forms import SECTIONS, STAGE_SECTIONS, STAGES


@pytest.mark.parametrize("number", list(m.STAGE_NUMBERS))
def test_workspace_sections_and_actions_exist(number):
    spec = STAGE_SPECS[number]
    assert STAGES[number] is spec
    assert STAGE_SECTIONS[number] == list(spec.form_sections)
    assert all(key in SECTIONS for key in spec.form_sections), spec.form_sections
    assert spec.actions <= set(STAGE_ACTIONS), spec.actions
    assert spec.form_sections or spec.narrative_prompt, "a stage with nothing to fill in"
