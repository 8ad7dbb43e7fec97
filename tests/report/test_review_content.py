"""The review's content traces back to the records, in Thai and English."""

from __future__ import annotations

import re

import pytest
from review_fixture import REAL_NAMES, TODAY

from groupwork import models as m
from groupwork.i18n import use_language
from groupwork.privacy.naming import build_naming
from groupwork.report.markdown import (
    attendance_appendix,
    build_markdown,
    stage_section,
    strip_chart_markers,
)
from groupwork.review_data.data import gather_review_data


def _prepare(store, group, names=False):
    data = gather_review_data(store, group.id, today=TODAY)
    return data, build_naming(data.members, data.consents, names=names)


@pytest.mark.parametrize("lang", ["en", "th"])
def test_all_twelve_sections_in_order(store, small_group, lang):
    data, naming = _prepare(store, small_group)
    with use_language(lang):
        text = build_markdown(data, naming)
    numbers = [int(n) for n in re.findall(r"^## (\d+)\. ", text, flags=re.MULTILINE)]
    assert numbers == list(range(1, 13))
    if lang == "th":
        assert "รายงานผลการปฏิบัติงานสังคมสงเคราะห์กลุ่ม" in text
        assert "## 4. การกำหนดข้อตกลงเกี่ยวกับหลักการของกลุ่ม" in text


@pytest.mark.parametrize("lang", ["en", "th"])
def test_ground_rules_section_lists_exactly_the_agreed_rules(store, small_group, lang):
    data, naming = _prepare(store, small_group)
    with use_language(lang):
        section = stage_section(data, naming, 4)
    numbered = re.findall(r"^\d+\. (.+?) \(", section, flags=re.MULTILINE)
    in_force = [r for r in store.of_group(m.GroundRule, small_group.id) if r.is_in_force]
    expected = [naming.scrub(r.text) for r in sorted(in_force, key=lambda r: r.agreed_on)]
    assert numbered == expected
    assert len(numbered) == 2
    assert "Bring food every week" not in "\n".join(numbered)  # retired
    assert "Phones off during the session" in numbered


def test_attendance_matrix_matches_the_stored_marks(store, small_group):
    data, naming = _prepare(store, small_group)
    text = attendance_appendix(data, naming)
    symbol = {"present": "P", "late": "L", "excused": "E", "absent": "A"}
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    numbers = header[1:-1]
    by_number = {str(s.number): s for s in store.sessions(small_group.id)}
    checked = 0
    for row in rows[1:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        member = next(x for x in data.members if x.pseudonym == cells[0])
        for number, shown in zip(numbers, cells[1:-1], strict=True):
            stored = {a.member_id: a.status for a in store.attendance(by_number[number].id)}
            assert shown == symbol[stored[member.id]]
            checked += 1
    assert checked == 4 * 3  # four members, three held sessions (the cancelled one is left out)
    assert "3" not in numbers


def test_a_stage_without_records_says_so(store, small_group):
    data, naming = _prepare(store, small_group)
    section = stage_section(data, naming, 11)
    assert "Nothing has been recorded for this stage." in section
    with use_language("th"):
        assert "ยังไม่มีการบันทึกในขั้นตอนนี้" in stage_section(data, naming, 11)


def test_a_stage_with_records_but_no_account_says_the_account_is_missing(store, small_group):
    data, naming = _prepare(store, small_group)
    section = stage_section(data, naming, 5)
    assert "has not yet written an account" in section
    assert "| ดาว | 3 Jan 2026 | initial | high | 8 |" in section


def test_sections_quote_the_records(store, small_group):
    data, naming = _prepare(store, small_group)
    text = build_markdown(data, naming)
    assert "Dialogue moved from blame to structure." in text  # stage 7 narrative
    assert "3 tasks were agreed (open 1, in progress 1, done 1)" in text
    assert "| 4 | 26 Jan 2026 | held | 7, 12 | 4/4 |" in text  # session log
    assert "Some sessions ran over time" in text  # weakness from the review
    assert "**Name:** Head Person" in text


def test_plain_markdown_has_no_chart_markers(store, small_group):
    data, naming = _prepare(store, small_group)
    assert "[[chart:" in build_markdown(data, naming)
    assert "[[chart:" not in strip_chart_markers(build_markdown(data, naming))


def test_free_text_cannot_become_markup(store, small_group):
    group = small_group.model_copy(update={"rationale": "<script>x</script> *bold* | pipe"})
    store.save(group)
    data, naming = _prepare(store, group)
    from groupwork.report.html import build_html

    html = build_html(build_markdown(data, naming), "t")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_real_names_of_members_are_in_the_fixture():
    # Guard for the privacy tests: the planted names really are planted.
    assert all(" " in name for name in REAL_NAMES.values())
