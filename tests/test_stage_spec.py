"""Every stage's parts are named in one place (groupwork/stage_spec.py) and all exist."""

from __future__ import annotations

import pytest

from groupwork import models as m
from groupwork import stages
from groupwork.report import sections
from groupwork.stage_spec import STAGE_SPECS, stage_spec


def test_the_table_has_the_twelve_stages_in_order():
    assert list(STAGE_SPECS) == list(m.STAGE_NUMBERS)
    assert all(spec.number == n for n, spec in STAGE_SPECS.items())


@pytest.mark.parametrize("number", list(m.STAGE_NUMBERS))
def test_each_stage_guide_and_report_block_are_the_ones_named(number):
    spec = stage_spec(number)
    guide = stages.guide(number)
    assert f"{guide.number:02d}-{guide.key}.md" == spec.guide
    assert guide.criteria, "a stage without completion criteria"
    module, function = spec.report_block.split(".")
    # The report uses the very function the table names, not a table of its own.
    assert sections.STAGE_RECORDS[number] is getattr(getattr(sections, module), function)


def test_a_guide_file_the_table_does_not_name_is_refused(monkeypatch):
    import dataclasses

    renamed = dict(STAGE_SPECS)
    renamed[4] = dataclasses.replace(STAGE_SPECS[4], guide="04-rules.md")
    monkeypatch.setattr(stages, "STAGE_SPECS", renamed)
    stages.clear_cache()
    try:
        with pytest.raises(stages.GuideFormatError, match="04-rules.md"):
            stages.load_guides()
    finally:
        monkeypatch.undo()
        stages.clear_cache()
