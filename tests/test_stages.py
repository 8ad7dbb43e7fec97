"""The twelve stages as data: the guides load, every check works, stages move a group on."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from groupwork import guide_files, stages
from groupwork import models as m
from groupwork.cli import cli
from groupwork.criteria import CHECKS, CheckContext
from groupwork.errors import GroupworkError, InvalidInputError, NotFoundError
from groupwork.i18n import use_language
from groupwork.stages import (
    CriterionSpec,
    GuideFormatError,
    UnmetCriteriaError,
    check_stage,
    complete_stage,
    guide,
    load_guides,
    load_templates,
    reopen_stage,
    set_narrative,
    start_stage,
    templates_for_stage,
)

THAI = re.compile(r"[\u0e00-\u0e7f]")
DAY = date(2026, 11, 21)

# The stage names exactly as the national guideline gives them (DOMAIN.md's table).
GUIDELINE_NAMES_TH = [
    "ปัญหาและความจำเป็นของการใช้วิธีการสังคมสงเคราะห์กลุ่ม",
    "การจัดตั้งกลุ่ม",
    "การสร้างสัมพันธภาพให้เกิดระบบสนับสนุนและเข้าถึงปัญหาของสมาชิกกลุ่ม",
    "การกำหนดข้อตกลงเกี่ยวกับหลักการของกลุ่ม",
    "การเตรียมการประเมินและวิเคราะห์สถานการณ์ปัญหาและกำหนดประเด็นในกลุ่ม",
    "การวางแผนดำเนินการเพื่อร่วมแก้ปัญหาในกลุ่ม",
    "การจัดการสนทนาเพื่อเกิดการตั้งคำถาม การทบทวนตนเอง",
    "การดำเนินการตามข้อตกลง",
    "การทบทวนผลการดำเนินงานร่วมกัน",
    "การค้นหาและประเมินสถานการณ์ใหม่",
    "การเชื่อมโยงและวิเคราะห์สถานการณ์ใหม่ร่วมกัน",
    "การตัดสินใจวางแผนและดำเนินการต่อ",
]


# --- building records ----------------------------------------------------------------


def make_group(store, **fields) -> m.Group:
    return store.add(m.Group(name=fields.pop("name", "Hope"), **fields))


def make_member(store, group, name, **fields) -> m.Member:
    fields.setdefault("decision", m.SelectionDecision.SELECTED)
    return store.add(
        m.Member(group_id=group.id, real_name=f"Real {name}", pseudonym=name, **fields)
    )


def make_session(store, group, number, **fields) -> m.Session:
    fields.setdefault("status", m.SessionStatus.HELD)
    return store.add(m.Session(group_id=group.id, number=number, held_on=DAY, **fields))


def run_check(store, group, name, params=None, stage=1) -> tuple[bool, str]:
    spec = CriterionSpec(id="t", check=name, params=params or {}, text_th="ท", text_en="t")
    return spec.run(CheckContext(store, store.get(m.Group, group.id), stage))


@pytest.fixture(autouse=True)
def fresh_cache():
    stages.clear_cache()
    yield
    stages.clear_cache()


# --- the guides ------------------------------------------------------------------------


def test_twelve_guides_numbered_in_order_with_the_guideline_names():
    guides = load_guides()
    assert [g.number for g in guides] == list(range(1, 13))
    assert [g.name_th for g in guides] == GUIDELINE_NAMES_TH
    assert guides[11].key == "handover"
    assert guide(4).name_en == "Ground rules (group agreements)"
    # The home screen reads the names from the front matter alone: the same names.
    for lang in ("th", "en"):
        assert [guide_files.stage_name(g.number, lang) for g in guides] == [
            g.name(lang) for g in guides
        ]


def test_every_text_exists_in_both_languages():
    for g in load_guides():
        for text in (g.name_th, g.purpose_th, g.body_th, *g.prompts_th):
            assert text.strip() and THAI.search(text), (g.number, text[:40])
        for text in (g.name_en, g.purpose_en, g.body_en, *g.prompts_en):
            assert text.strip() and not THAI.search(text), (g.number, text[:40])
        assert len(g.prompts_th) == len(g.prompts_en)
        assert g.criteria, f"stage {g.number} has no criteria"
        for c in g.criteria:
            assert THAI.search(c.text_th) and not THAI.search(c.text_en)


def test_every_criterion_names_a_known_check_with_valid_params():
    for g in load_guides():
        for c in g.criteria:
            assert c.check in CHECKS
            CHECKS[c.check].params.model_validate(c.params)


def test_language_accessors_follow_the_current_language():
    g = guide(2)
    assert g.name() == "Group formation and member selection"
    with use_language("th"):
        assert g.name() == "การจัดตั้งกลุ่ม"
        assert g.prompts() == g.prompts_th
        assert g.criteria[0].text() == g.criteria[0].text_th
    assert g.body("th") == g.body_th and g.purpose("en") == g.purpose_en


def test_stage_numbers_outside_1_to_12_are_refused(store):
    group = make_group(store)
    with pytest.raises(InvalidInputError):
        guide(13)
    with pytest.raises(InvalidInputError):
        check_stage(store, group.id, 0)
    with pytest.raises(InvalidInputError):
        templates_for_stage(-1)


GOOD = """+++
number = 1
key = "x"
name_th = "ก"
name_en = "a"
purpose_th = "ก"
purpose_en = "a"
prompts_th = ["ก"]
prompts_en = ["a"]
[[criteria]]
id = "c"
check = "{check}"
params = {params}
text_th = "ก"
text_en = "a"
+++
<!-- th -->
ไทย
<!-- en -->
English
"""


def test_parse_guide_splits_the_two_languages():
    parsed = stages.parse_guide(GOOD.format(check="min_reviews", params="{ min = 2 }"))
    assert parsed.body_th == "ไทย" and parsed.body_en == "English"
    assert parsed.criteria[0].params == {"min": 2}


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("no front matter\n<!-- th -->\nก\n<!-- en -->\na\n", "+++"),
        ("+++\nnumber = = 1\n+++\n<!-- th -->\nก\n<!-- en -->\na\n", "TOML"),
        (GOOD.format(check="no_such_check", params="{}"), "no_such_check"),
        (GOOD.format(check="min_reviews", params='{ min = "many" }'), "min"),
        (GOOD.format(check="min_reviews", params="{ mni = 2 }"), "mni"),
        (GOOD.format(check="min_records", params='{ record = "secrets" }'), "secrets"),
        (GOOD.format(check="min_reviews", params="{}").replace("<!-- en -->\n", ""), "<!-- en -->"),
        (GOOD.format(check="min_reviews", params="{}").replace('name_en = "a"\n', ""), "name_en"),
    ],
)
def test_a_malformed_guide_raises_an_error_naming_the_file(text, needle):
    with pytest.raises(GuideFormatError) as caught:
        stages.parse_guide(text, "sessions/stages/01-x.md")
    assert "sessions/stages/01-x.md" in str(caught.value)
    assert needle in str(caught.value)


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "templates").mkdir(exist_ok=True)
    return root


def test_the_loader_checks_file_names_and_completeness(tmp_path, monkeypatch):
    text = GOOD.format(check="min_reviews", params="{}")
    root = write_tree(tmp_path / "s", {"stages/01-wrong.md": text})
    monkeypatch.setattr(stages, "sessions_dir", lambda: root)
    monkeypatch.setattr(guide_files, "sessions_dir", lambda: root)
    with pytest.raises(GuideFormatError, match="01-x.md"):
        load_guides()
    assert guide_files.stage_name(1) is None  # not vouched for: the loader above says why
    (root / "stages/01-wrong.md").rename(root / "stages/01-x.md")
    stages.clear_cache()
    with pytest.raises(GuideFormatError, match="1 to 12"):
        load_guides()


def test_the_packaged_guides_are_preferred_to_the_source_tree(tmp_path, monkeypatch):
    packaged = tmp_path / "pkg"
    (packaged / "sessions").mkdir(parents=True)
    monkeypatch.setattr(guide_files.resources, "files", lambda name: packaged)
    assert stages.sessions_dir() == packaged / "sessions"
    monkeypatch.setattr(guide_files.resources, "files", lambda name: tmp_path / "nowhere")
    assert stages.sessions_dir() == stages.SOURCE_SESSIONS_DIR


def test_templates_load_in_both_languages_and_by_stage():
    templates = load_templates()
    assert 4 <= len(templates) <= 6
    keys = [t.key for t in templates]
    assert keys[0] == "first-meeting"
    for t in templates:
        assert THAI.search(t.title_th) and THAI.search(t.body_th)
        assert not THAI.search(t.title_en) and not THAI.search(t.body_en)
        assert all(1 <= s <= 12 for s in t.stages)
    assert "joint-review" in [t.key for t in templates_for_stage(9)]
    assert [t.key for t in templates_for_stage(1)] == []
    with use_language("th"):
        assert templates[0].title() == templates[0].title_th


# --- the checks --------------------------------------------------------------------------


def test_group_fields_filled(store):
    group = make_group(store, problem_situation="Violence at home", referral_sources=[])
    met, detail = run_check(
        store, group, "group_fields_filled", {"fields": ["problem_situation", "referral_sources"]}
    )
    assert not met and detail == "Not yet filled in: Referral sources"
    store.save(group.model_copy(update={"referral_sources": ["Hospital"]}))
    met, _ = run_check(
        store, group, "group_fields_filled", {"fields": ["problem_situation", "referral_sources"]}
    )
    assert met


def test_min_selected_members_counts_only_selected(store):
    group = make_group(store)
    make_member(store, group, "A")
    make_member(store, group, "B")
    make_member(store, group, "C", decision=m.SelectionDecision.DECLINED)
    assert run_check(store, group, "min_selected_members", {"min": 3}) == (
        False,
        "Selected members: 2 (at least 3 needed)",
    )
    assert run_check(store, group, "min_selected_members", {"min": 2})[0]


def test_decisions_have_reasons(store):
    group = make_group(store)
    assert not run_check(store, group, "decisions_have_reasons")[0]
    make_member(store, group, "A", decision_reason="wants to join")
    b = make_member(store, group, "B", decision=m.SelectionDecision.DECLINED)
    make_member(store, group, "C", decision=m.SelectionDecision.CANDIDATE)  # not decided yet
    met, detail = run_check(store, group, "decisions_have_reasons")
    assert not met and detail == "Decisions without a reason: 1 of 2 (B)"
    store.save(b.model_copy(update={"decision_reason": "works nights"}))
    assert run_check(store, group, "decisions_have_reasons")[0]


def test_selected_members_have_consent_in_force(store):
    group = make_group(store)
    a = make_member(store, group, "A")
    b = make_member(store, group, "B")
    store.add(m.Consent(group_id=group.id, member_id=a.id, given_on=DAY, scopes=["recorded"]))
    params = {"scope": "recorded"}
    met, detail = run_check(store, group, "selected_members_have_consent", params)
    assert not met and detail == "Selected members without consent in force (recorded): 1 of 2"
    store.add(m.Consent(group_id=group.id, member_id=b.id, given_on=DAY, scopes=["recorded"]))
    assert run_check(store, group, "selected_members_have_consent", params)[0]
    # A later withdrawal is the consent in force.
    store.add(
        m.Consent(
            group_id=group.id,
            member_id=b.id,
            given_on=date(2026, 11, 22),
            scopes=["recorded"],
            withdrawn_on=date(2026, 11, 22),
        )
    )
    assert not run_check(store, group, "selected_members_have_consent", params)[0]


def test_orientation_given(store):
    group = make_group(store)
    assert not run_check(store, group, "orientation_given")[0]
    make_member(store, group, "A", orientation_given=True)
    b = make_member(store, group, "B")
    met, detail = run_check(store, group, "orientation_given")
    assert not met and detail == "Selected members not yet oriented: 1 of 2"
    store.save(b.model_copy(update={"orientation_given": True}))
    assert run_check(store, group, "orientation_given")[0]


def test_stage_narrative_is_read_for_the_stage_being_checked(store):
    group = make_group(store)
    assert run_check(store, group, "stage_narrative", {"min_chars": 10}, stage=3) == (
        False,
        "No narrative written for this stage yet",
    )
    set_narrative(store, group.id, 3, "short")
    assert not run_check(store, group, "stage_narrative", {"min_chars": 10}, stage=3)[0]
    set_narrative(store, group.id, 3, "Members began to call it our problem.")
    assert run_check(store, group, "stage_narrative", {"min_chars": 10}, stage=3)[0]
    assert not run_check(store, group, "stage_narrative", {"min_chars": 10}, stage=4)[0]
    # A context shared by every stage's check (the dashboard's rail): each stage its own.
    shared = CheckContext(store, store.get(m.Group, group.id), 1)
    assert [shared.for_stage(n).progress.narrative for n in (3, 4)] == [
        "Members began to call it our problem.",
        "",
    ]


def test_min_held_sessions_for_this_stage(store):
    group = make_group(store)
    make_session(store, group, 1, stages=[2])
    make_session(store, group, 2, stages=[3], status=m.SessionStatus.PLANNED)
    params = {"min": 1, "for_stage": True}
    assert not run_check(store, group, "min_held_sessions", params, stage=3)[0]
    assert run_check(store, group, "min_held_sessions", {"min": 1}, stage=3)[0]
    make_session(store, group, 3, stages=[3, 7])
    met, detail = run_check(store, group, "min_held_sessions", params, stage=3)
    assert met and detail == "Held sessions that worked on this stage: 1 (at least 1 needed)"


def test_min_agreed_rules_and_rules_have_proposer(store):
    group = make_group(store)
    assert not run_check(store, group, "min_agreed_rules", {"min": 1})[0]
    assert not run_check(store, group, "rules_have_proposer")[0]
    store.add(m.GroundRule(group_id=group.id, text="Phones off"))  # proposed, not agreed
    rule = store.add(
        m.GroundRule(group_id=group.id, text="What is said here stays here", agreed_on=DAY)
    )
    assert run_check(store, group, "min_agreed_rules", {"min": 1})[0]
    assert not run_check(store, group, "min_agreed_rules", {"min": 2})[0]
    met, detail = run_check(store, group, "rules_have_proposer")
    assert not met and detail == "Rules with no record of who proposed them: 1 of 1"
    store.save(rule.model_copy(update={"proposed_by": "M3"}))
    assert run_check(store, group, "rules_have_proposer")[0]


def test_every_selected_member_assessed(store):
    group = make_group(store)
    members = [make_member(store, group, f"M{i}") for i in range(1, 10)]
    for member in members[:7]:
        store.add(m.Assessment(group_id=group.id, member_id=member.id, assessed_on=DAY))
    met, detail = run_check(store, group, "every_selected_member_assessed", {"kind": "initial"})
    assert not met
    assert detail == "Selected members without an assessment (initial): 2 of 9"
    for member in members[7:]:
        store.add(m.Assessment(group_id=group.id, member_id=member.id, assessed_on=DAY))
    assert run_check(store, group, "every_selected_member_assessed", {"kind": "initial"})[0]
    assert not run_check(store, group, "every_selected_member_assessed", {"kind": "reassessment"})[
        0
    ]


def test_min_records_with_and_without_kind(store):
    group = make_group(store)
    member = make_member(store, group, "A")
    params = {"record": "assessments", "kind": "reassessment", "min": 1}
    store.add(m.Assessment(group_id=group.id, member_id=member.id, assessed_on=DAY))
    met, detail = run_check(store, group, "min_records", params)
    assert not met and detail == "Assessments (reassessment): 0 (at least 1 needed)"
    store.add(
        m.Assessment(group_id=group.id, member_id=member.id, assessed_on=DAY, kind="reassessment")
    )
    assert run_check(store, group, "min_records", params)[0]
    assert not run_check(store, group, "min_records", {"record": "group_issues"})[0]
    store.add(m.GroupIssue(group_id=group.id, title="Housing"))
    assert run_check(store, group, "min_records", {"record": "group_issues"})[0]


def test_group_goals_prioritised_and_horizons(store):
    group = make_group(store)
    assert not run_check(store, group, "group_goals_prioritised")[0]
    store.add(m.Goal(group_id=group.id, title="Safe housing", priority=1))
    second = store.add(m.Goal(group_id=group.id, title="Income", priority=1, horizon="long_term"))
    member = make_member(store, group, "A")
    store.add(m.Goal(group_id=group.id, title="Own goal", priority=1, member_id=member.id))
    met, detail = run_check(store, group, "group_goals_prioritised")
    assert not met and detail == "Group goals share a priority: 1"
    store.save(second.model_copy(update={"priority": 2}))
    assert run_check(store, group, "group_goals_prioritised")[0]
    assert run_check(store, group, "goal_horizons_covered")[0]
    store.save(second.model_copy(update={"status": m.GoalStatus.DROPPED}))
    met, detail = run_check(store, group, "goal_horizons_covered")
    assert not met and detail == "No group goal yet for: long term"


def test_sessions_with_dialogue_and_society_links(store):
    group = make_group(store)
    make_session(store, group, 1, questions=["Why does this happen?"])  # no response recorded
    make_session(store, group, 2, questions=["Who helps you?"], feelings=["relief"])
    assert not run_check(store, group, "sessions_with_dialogue", {"min": 2})[0]
    assert run_check(store, group, "sessions_with_dialogue", {"min": 1})[0]
    assert not run_check(store, group, "sessions_with_society_links", {"min": 1})[0]
    make_session(store, group, 3, questions=["Q"], society_links=["norms that excuse violence"])
    assert run_check(store, group, "sessions_with_dialogue", {"min": 2})[0]
    assert run_check(store, group, "sessions_with_society_links", {"min": 1})[0]


def test_tasks_assigned_needs_a_member_and_a_due_date(store):
    group = make_group(store)
    member = make_member(store, group, "A")
    store.add(
        m.Task(group_id=group.id, title="Call clinic", assignee_ids=[m.FACILITATOR], due_on=DAY)
    )
    store.add(m.Task(group_id=group.id, title="Visit", assignee_ids=[member.id]))
    met, detail = run_check(store, group, "tasks_assigned", {"min": 1})
    assert not met
    assert detail == "Tasks taken on by members with a due date: 0 (at least 1 needed)"
    store.add(m.Task(group_id=group.id, title="Ask the OSCC", assignee_ids=[member.id], due_on=DAY))
    assert run_check(store, group, "tasks_assigned", {"min": 1})[0]


def test_reviews(store):
    group = make_group(store)
    goal = store.add(m.Goal(group_id=group.id, title="Safe housing"))
    other = store.add(m.Goal(group_id=group.id, title="Income", priority=2))
    assert not run_check(store, group, "min_reviews", {"min": 1})[0]
    assert run_check(store, group, "reviews_cover_goals") == (False, "No joint review yet")
    store.add(
        m.Review(
            group_id=group.id,
            held_on=DAY,
            goal_progress=[m.GoalProgressNote(goal_id=goal.id, progress=40)],
            successes="Two members found work",
        )
    )
    assert run_check(store, group, "min_reviews", {"min": 1})[0]
    met, detail = run_check(store, group, "reviews_cover_goals")
    assert not met and detail == "Active group goals not covered by the latest review: 1 of 2"
    assert not run_check(store, group, "review_lessons_recorded")[0]
    store.add(
        m.Review(
            group_id=group.id,
            held_on=date(2026, 12, 5),
            goal_progress=[
                m.GoalProgressNote(goal_id=goal.id, progress=60),
                m.GoalProgressNote(goal_id=other.id, progress=10),
            ],
            successes="More came",
            weaknesses="Tasks slipped",
        )
    )
    assert run_check(store, group, "reviews_cover_goals")[0]
    assert run_check(store, group, "review_lessons_recorded")[0]


def test_new_situations_analysed(store):
    group = make_group(store)
    assert not run_check(store, group, "new_situations_analysed")[0]
    situation = store.add(
        m.NewSituation(group_id=group.id, description="Shelter closing", identified_on=DAY)
    )
    assert not run_check(store, group, "new_situations_analysed")[0]
    situation = store.save(situation.model_copy(update={"joint_analysis": "Budget cuts"}))
    assert run_check(store, group, "new_situations_analysed")[0]
    params = {"with_plan_changes": True}
    met, detail = run_check(store, group, "new_situations_analysed", params)
    assert not met
    assert detail == "New situations without a joint analysis and plan changes: 1 of 1"
    store.save(situation.model_copy(update={"plan_changes": "New goal: petition"}))
    assert run_check(store, group, "new_situations_analysed", params)[0]


def test_handover_steps_and_member_leadership(store):
    group = make_group(store)
    member = make_member(store, group, "A")
    params = {"min": 1, "roles": ["observing", "consulting"]}
    store.add(m.HandoverStep(group_id=group.id, taken_on=DAY, facilitator_role="co_leading"))
    assert run_check(store, group, "handover_steps", {"min": 1})[0]
    assert not run_check(store, group, "handover_steps", params)[0]
    store.add(m.HandoverStep(group_id=group.id, taken_on=DAY, facilitator_role="observing"))
    assert run_check(store, group, "handover_steps", params)[0]
    leaders = {"roles": ["member_leader"]}
    assert not run_check(store, group, "member_leadership_role", leaders)[0]
    store.save(member.model_copy(update={"role": m.MemberRole.MEMBER_LEADER}))
    met, detail = run_check(store, group, "member_leadership_role", leaders)
    assert met and detail.endswith(": A")


def test_details_are_in_the_current_language(store):
    group = make_group(store)
    with use_language("th"):
        met, detail = run_check(store, group, "min_selected_members", {"min": 3})
    assert not met and THAI.search(detail) and "3" in detail


def test_every_shipped_criterion_runs_on_an_empty_group(store):
    group = make_group(store)
    shared = CheckContext(store, store.get(m.Group, group.id), 1)
    for number in range(1, 13):
        results = check_stage(store, group.id, number)
        assert check_stage(store, group.id, number, shared) == results
        assert [r.id for r in results] == [c.id for c in guide(number).criteria]
        assert all(not r.met and r.detail for r in results), number


# --- moving through the stages ---------------------------------------------------------


def fill_stage_one(store, group) -> m.Group:
    return store.save(
        group.model_copy(
            update={
                "problem_situation": "Survivors of violence at home",
                "target_population": "Women at the shelter",
                "rationale": "Isolation; peers help",
                "referral_sources": ["Hospital OSCC"],
            }
        )
    )


def test_start_stage_makes_the_group_active(store):
    group = make_group(store)
    progress = start_stage(store, group.id, 1, DAY)
    assert progress.status == m.StageStatus.IN_PROGRESS and progress.started_on == DAY
    assert store.get(m.Group, group.id).status == m.GroupStatus.ACTIVE
    # Starting again keeps the first date.
    assert start_stage(store, group.id, 1, date(2026, 12, 1)).started_on == DAY


def test_complete_stage_without_reason_refuses_and_changes_nothing(store):
    group = make_group(store)
    with pytest.raises(UnmetCriteriaError) as caught:
        complete_stage(store, group.id, 1, DAY)
    assert [r.id for r in caught.value.unmet] == [
        "problem-situation",
        "why-a-group",
        "referral-sources",
    ]
    assert "Stage 1" in str(caught.value)
    assert store.count(m.StageProgress) == 0
    stored = store.get(m.Group, group.id)
    assert stored.current_stage == 1 and stored.status == m.GroupStatus.PLANNING


def test_complete_stage_with_override_keeps_reason_and_unmet_ids(store):
    group = make_group(store, problem_situation="p", target_population="t")
    progress = complete_stage(store, group.id, 1, DAY, override_reason="  Referral was informal  ")
    assert progress.status == m.StageStatus.COMPLETED
    assert progress.completed_on == DAY and progress.started_on == DAY
    assert progress.unmet_criteria == ["why-a-group", "referral-sources"]
    assert progress.override_reason == "Referral was informal"
    stored = store.stage_progress(group.id)[1]
    assert stored.unmet_criteria == ["why-a-group", "referral-sources"]
    assert stored.override_reason == "Referral was informal"
    group = store.get(m.Group, group.id)
    assert group.current_stage == 2 and group.status == m.GroupStatus.ACTIVE


def test_complete_stage_when_met_records_no_override(store):
    group = fill_stage_one(store, make_group(store))
    progress = complete_stage(store, group.id, 1, DAY, override_reason="not needed")
    assert progress.unmet_criteria == [] and progress.override_reason == ""
    assert store.get(m.Group, group.id).current_stage == 2


def test_current_stage_is_the_lowest_stage_not_completed(store):
    group = make_group(store)
    complete_stage(store, group.id, 2, DAY, override_reason="formed before the tool was used")
    assert store.get(m.Group, group.id).current_stage == 1
    fill_stage_one(store, store.get(m.Group, group.id))
    complete_stage(store, group.id, 1, DAY)
    assert store.get(m.Group, group.id).current_stage == 3


def test_reopen_stage_moves_the_group_back(store):
    group = fill_stage_one(store, make_group(store))
    complete_stage(store, group.id, 1, DAY)
    complete_stage(store, group.id, 2, DAY, override_reason="small group")
    set_narrative(store, group.id, 2, "How we formed")
    progress = reopen_stage(store, group.id, 2)
    assert progress.status == m.StageStatus.IN_PROGRESS and progress.completed_on is None
    assert progress.unmet_criteria == [] and progress.override_reason == ""
    assert progress.narrative == "How we formed"
    assert store.get(m.Group, group.id).current_stage == 2
    with pytest.raises(GroupworkError, match="reopen"):
        start_stage(store, group.id, 1, DAY)  # stage 1 is still completed


def test_set_narrative_validates_and_keeps_status(store):
    group = make_group(store)
    start_stage(store, group.id, 5, DAY)
    progress = set_narrative(store, group.id, 5, "Assessed individually at home visits.")
    assert progress.status == m.StageStatus.IN_PROGRESS
    assert store.stage_progress(group.id)[5].narrative.startswith("Assessed")
    with pytest.raises(InvalidInputError):
        set_narrative(store, group.id, 5, "x" * 100_001)
    assert store.stage_progress(group.id)[5].narrative.startswith("Assessed")


def test_unknown_group_is_not_found(store):
    with pytest.raises(NotFoundError):
        check_stage(store, "nope", 1)
    with pytest.raises(NotFoundError):
        complete_stage(store, "nope", 1, DAY, override_reason="x")


# --- the CLI ---------------------------------------------------------------------------


def test_cli_stages_lists_stages_and_criteria(db_path, store):
    group = fill_stage_one(store, make_group(store, name="Rainbow"))
    complete_stage(store, group.id, 1, DAY)
    complete_stage(store, group.id, 2, DAY, override_reason="small group")
    result = CliRunner().invoke(cli, ["--db", str(db_path), "stages", "rainbow"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Rainbow")
    for g in load_guides():
        assert f"{g.number}. {g.name_en}" in result.output
    assert "[x] The reason for choosing the group method is recorded" in result.output
    assert (
        "[ ] At least 3 members are selected: Selected members: 0 (at least 3 needed)"
        in result.output
    )
    assert "Completed without: At least 3 members are selected;" in result.output
    assert "reason: small group" in result.output
    assert any(line.startswith(">  3.") for line in lines)


def test_cli_stages_in_thai(db_path, store):
    make_group(store, name="Rainbow")
    result = CliRunner().invoke(cli, ["--db", str(db_path), "--lang", "th", "stages", "Rainbow"])
    assert result.exit_code == 0, result.output
    assert GUIDELINE_NAMES_TH[6] in result.output


def test_cli_stages_unknown_group(db_path):
    from groupwork.store import Store

    Store.open(db_path).close()  # a command that reads refuses a missing database (issue 20)
    result = CliRunner().invoke(cli, ["--db", str(db_path), "stages", "nobody"])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert "nobody" in result.output and "Traceback" not in result.output


def test_the_docs_describe_every_criterion_and_check():
    docs = (Path(__file__).resolve().parents[1] / "docs" / "stages.md").read_text(encoding="utf-8")
    for g in load_guides():
        for c in g.criteria:
            assert f"`{c.id}`" in docs, c.id
    for name in CHECKS:
        assert f"`{name}`" in docs, name


@settings(max_examples=200, deadline=None)
@given(
    front=st.text(max_size=200),
    body=st.text(max_size=100),
    marker=st.sampled_from(["", "<!-- th -->\n", "<!-- en -->\n<!-- th -->\n"]),
)
def test_parsing_any_text_gives_a_guide_or_a_guide_error(front, body, marker):
    text = f"+++\n{front}\n+++\n{marker}{body}"
    try:
        stages.parse_guide(text, "f.md")
    except GuideFormatError as exc:
        assert str(exc).startswith("f.md")
