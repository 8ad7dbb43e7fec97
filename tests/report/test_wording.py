"""Sentences follow figures: each judging word comes from the figure beside it by a stated
rule (groupwork.report.sections.wording); boundary figures give the expected words."""

from __future__ import annotations

import pytest

from groupwork import models as m
from groupwork.i18n import use_language
from groupwork.report.sections import wording
from groupwork.report.sections.middle import stage8
from groupwork.report.writers.md import render_blocks


@pytest.mark.parametrize(
    ("part", "whole", "word"),
    [
        (17, 17, "all"),
        (16, 17, "most"),  # 94%
        (3, 4, "most"),  # exactly 75%
        (74, 100, "more than half"),  # just under 75%
        (9, 17, "more than half"),  # 53%: never "most"
        (51, 100, "more than half"),
        (2, 4, "half"),
        (49, 100, "fewer than half"),
        (1, 17, "fewer than half"),
        (0, 17, "none"),
    ],
)
def test_how_many_follows_the_share(part, whole, word):
    assert wording.how_many(part, whole) == word


@pytest.mark.parametrize(
    ("before", "after", "span", "word"),
    [
        (3, 3, 4, "stayed the same"),
        (3.0, 3.19, 4, "stayed about the same"),  # under 5% of a 1-5 scale's range (0.2)
        (3.0, 3.2, 4, "rose"),  # exactly 5%
        (3.0, 2.8, 4, "fell"),
        (1.9, 4.6, 4, "rose"),
        (8, 8, 10, "stayed the same"),  # severity recorded the same: never "rose"
    ],
)
def test_change_follows_the_difference(before, after, span, word):
    assert wording.change(before, after, span) == word


def test_risk_level_change():
    assert wording.level_change(1, 1) == "stayed the same"
    assert wording.level_change(0, 2) == "rose"
    assert wording.level_change(2, 1) == "fell"


def test_thai_words_follow_the_same_rules():
    with use_language("th"):
        assert wording.how_many(9, 17) == "มากกว่าครึ่ง"
        assert wording.how_many(3, 4) == "ส่วนใหญ่"
        assert wording.level_change(1, 1) == "คงเดิม"


def _task(n: int, status: m.TaskStatus, due, done=None, who=("a",)) -> m.Task:
    return m.Task(
        id=f"t{n}",
        group_id="g",
        title=f"Task {n}",
        assignee_ids=list(who),
        status=status,
        due_on=due,
        done_on=done,
        description="the agency closed the office" if status == m.TaskStatus.DROPPED else "",
    )


def test_task_sentences_say_on_time_and_shared_from_the_figures(store, small_group):
    from datetime import date

    from groupwork.privacy.naming import build_naming
    from groupwork.review_data.data import gather_review_data

    data = gather_review_data(store, small_group.id, today=date(2026, 3, 31))
    naming = build_naming(data.members, data.consents)
    due = date(2026, 2, 10)
    data.tasks = [
        _task(1, m.TaskStatus.DONE, due, date(2026, 2, 10), who=("a", "b")),  # on the day
        _task(2, m.TaskStatus.DONE, due, date(2026, 2, 9), who=("a", "b")),  # early
        _task(3, m.TaskStatus.DONE, due, date(2026, 2, 11)),  # a day late
        _task(4, m.TaskStatus.DROPPED, due),
    ]
    text = render_blocks(stage8(data, naming))
    assert "Of the 3 done tasks that had a due date, most were done on time" not in text
    assert "Of the 3 done tasks that had a due date, more than half were done on time" in text
    assert "(2 on or before the due date, 1 after it)" in text
    assert "counts per person add up to 6 for 4 tasks" in text
    assert "Task 4" in text and "the agency closed the office" in text
