"""Everything recorded that the guideline asks for reaches the review (pseudonymised), and
the pre-flight check lists what the guideline asks for that is still missing."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.demo import build_demo
from groupwork.i18n import use_language
from groupwork.privacy.naming import build_naming
from groupwork.report.markdown import build_markdown
from groupwork.report.text import cell_date
from groupwork.review_data.data import gather_review_data

TODAY = date(2026, 11, 21)


def _flat(text: str) -> str:
    return " ".join(text.replace("\\", "").split())


def _review_of_demo(store):
    group = build_demo(store, today=TODAY)
    data = gather_review_data(store, group.id, today=TODAY)
    naming = build_naming(data.members, data.consents)
    with use_language("th"):
        text = _flat(build_markdown(data, naming))
    return data, naming, text


@pytest.fixture
def demo_review(engine, module_stores):
    """The demo's review, gathered once per engine."""
    return module_stores(engine, _review_of_demo)[1]


def _shown(naming, value: str) -> str:
    return " ".join(naming.scrub(value).split())


def test_every_record_type_the_guideline_asks_for_is_in_the_review(demo_review):
    data, naming, text = demo_review
    missing: list[str] = []

    def need(kind: str, value: str) -> None:
        if value and value not in text:
            missing.append(f"{kind}: {value[:60]}")

    for a in data.assessments:  # narratives of every area
        for area in ("bio_psycho_social", "family", "risk", "needs", "strengths"):
            need(f"assessment {area}", _shown(naming, getattr(a, area)))
    with use_language("th"):
        for history in data.consent_history.values():  # consent: when, withdrawals
            for record in history:
                need("consent date", cell_date(record.given_on))
    assert any(data.consent_history.values())
    for scale in data.scales:  # ratings as an outcome
        need("rating scale", _shown(naming, scale.name))
    assert data.ratings and "ค่าเฉลี่ยของกลุ่ม" in text
    for s in data.held_sessions:  # session notes and next steps
        need("session notes", _shown(naming, s.notes))
        need("next steps", _shown(naming, s.next_steps))
    held = {s.id for s in data.held_sessions}
    for mark in data.marks:  # notes on group marks, in the session they were made
        if mark.session_id in held:
            need("mark notes", _shown(naming, mark.notes))
    for g in data.goals:  # goals, revised ones with what was written
        need("goal", _shown(naming, g.title))
        if g.status == m.GoalStatus.REVISED:
            need("goal revision", _shown(naming, g.description))
    for t in data.tasks:
        need("task", _shown(naming, t.title))
        if t.status == m.TaskStatus.DROPPED:
            need("why dropped", _shown(naming, t.description))
    for r in data.reviews:
        need("review successes", _shown(naming, r.successes))
    for s in data.situations:
        need("new situation", _shown(naming, s.description))
        need("joint analysis", _shown(naming, s.joint_analysis))
    for h in data.handover:
        need("handover", _shown(naming, h.notes))
    for heading in (
        "ความรู้และทฤษฎีที่นำมาใช้",
        "การทำงานเป็นทีมและภาคีเครือข่าย",
        "จุดแข็งในการปฏิบัติงานของผู้รายงาน",
        "จุดอ่อนในการปฏิบัติงานของผู้รายงาน",
        "ข้อเสนอแนะ",
    ):
        need("reflection heading", heading)
    assert missing == []
    for member in data.members:
        assert member.real_name not in text


def test_an_empty_reflection_is_shown_as_to_be_completed(store, small_group):
    data = gather_review_data(store, small_group.id, today=TODAY)
    naming = build_naming(data.members, data.consents)
    text = build_markdown(data, naming)
    assert text.count("**To be completed by the worker.**") == 5
    store.add(m.ClosureReflection(group_id=small_group.id, recommendations="Meet monthly."))
    data = gather_review_data(store, small_group.id, today=TODAY)
    text = build_markdown(data, naming)
    assert text.count("**To be completed by the worker.**") == 4
    assert "Meet monthly." in text


def test_review_check_exits_1_while_something_is_missing(db_path):
    from review_fixture import build_small_group

    from groupwork.store import Store

    with Store.open(db_path) as store:
        group = build_small_group(store)
    result = CliRunner().invoke(cli, ["--db", str(db_path), "review", group.name, "--check"])
    assert result.exit_code == 1, result.output
    assert "Knowledge and theory used" in result.output
    assert "Section 11" in result.output  # no account written for stage 11
    with Store.open(db_path) as store:
        for n, progress in store.stage_progress(group.id).items():
            store.save_stage_progress(progress.model_copy(update={"narrative": f"Account {n}."}))
        store.add(
            m.ClosureReflection(
                group_id=group.id,
                knowledge_and_theory="k",
                teamwork_and_partners="t",
                practice_strengths="s",
                practice_weaknesses="w",
                recommendations="r",
            )
        )
    result = CliRunner().invoke(cli, ["--db", str(db_path), "review", group.name, "--check"])
    assert result.exit_code == 0, result.output
    assert "Nothing the guideline asks for is missing." in result.output


def test_wide_attendance_is_split_into_even_session_ranges(demo_review):
    from groupwork.report.markdown import attendance_appendix

    data, naming, _text = demo_review
    with use_language("en"):
        text = attendance_appendix(data, naming)
    held = [str(s.number) for s in data.held_sessions]
    ranges = [line for line in text.splitlines() if line.startswith("**Sessions ")]
    headers = [line for line in text.splitlines() if line.startswith("| Member |")]
    assert len(ranges) == len(headers) == 2  # 14 held sessions: 7 and 7, not 12 and 2
    shown = [c.strip() for h in headers for c in h.strip("|").split("|")[1:]]
    assert [c for c in shown if c != "Rate"] == held
