"""Domain operations, each once, without a terminal: what they write and what they refuse."""

from __future__ import annotations

from datetime import date

import pytest

from groupwork import models as m
from groupwork.errors import InvalidInputError
from groupwork.operations import members, reviews, roles, rules, tasks

AGREED = date(2026, 10, 14)


@pytest.fixture
def group(store):
    """A group with พร and สุข selected, น้ำ a candidate, a rule agreed, a goal and a task."""
    store.add(m.Group(id="g", name="กลุ่มผู้ดูแล", start_date=date(2026, 10, 1)))
    for key, name, decision in (
        ("porn", "พร", m.SelectionDecision.SELECTED),
        ("suk", "สุข", m.SelectionDecision.SELECTED),
        ("nam", "น้ำ", m.SelectionDecision.CANDIDATE),
    ):
        store.add(
            m.Member(
                id=key,
                group_id="g",
                real_name=name,
                pseudonym=name,
                decision=decision,
                joined_on=date(2026, 10, 7),
            )
        )
    store.add(m.GroundRule(id="r", group_id="g", text="ไม่ใช้โทรศัพท์", agreed_on=AGREED))
    store.add(m.Goal(id="goal", group_id="g", title="พักผ่อนได้"))
    store.add(m.Task(id="t", group_id="g", title="โทรหาอนามัย", assignee_ids=["porn"]))
    return "g"


def test_revise_rule_keeps_the_earlier_wording_and_date(store, group):
    revised = rules.revise_rule(store, "r", "ปิดเสียงโทรศัพท์", date(2026, 11, 4), "รอสายลูก")
    stored = store.get(m.GroundRule, "r")
    assert stored == revised
    assert stored.text == "ปิดเสียงโทรศัพท์"
    assert [(r.revised_on, r.previous_text, r.reason) for r in stored.revisions] == [
        (date(2026, 11, 4), "ไม่ใช้โทรศัพท์", "รอสายลูก")
    ]
    with pytest.raises(InvalidInputError, match="before"):
        rules.revise_rule(store, "r", "อีกแบบ", date(2026, 11, 1))
    assert store.get(m.GroundRule, "r") == stored


def test_retire_rule_only_after_it_was_agreed(store, group):
    with pytest.raises(InvalidInputError, match="before it was agreed"):
        rules.retire_rule(store, "r", date(2026, 10, 1), "ไม่ใช้แล้ว")
    assert store.get(m.GroundRule, "r").retired_on is None
    retired = rules.retire_rule(store, "r", date(2026, 12, 2), "สมาชิกนำเองแล้ว")
    assert store.get(m.GroundRule, "r").retired_on == date(2026, 12, 2) == retired.retired_on


def test_move_task_sets_done_on_and_reopening_clears_it(store, group):
    tasks.move_task(store, "t", m.TaskStatus.DONE, date(2026, 11, 20))
    assert store.get(m.Task, "t").done_on == date(2026, 11, 20)
    tasks.move_task(store, "t", None, date(2026, 11, 21))  # done -> open
    task = store.get(m.Task, "t")
    assert (task.status, task.done_on) == (m.TaskStatus.OPEN, None)
    with pytest.raises(tasks.PastDueDateError):
        tasks.check_due_date(date(2026, 11, 1), date(2026, 11, 21), confirmed=False)
    tasks.check_due_date(date(2026, 11, 1), date(2026, 11, 21), confirmed=True)


def test_appoint_only_current_members_and_one_coordinator(store, group):
    today = date(2026, 11, 21)
    roles.appoint(store, "porn", m.MemberRole.MEMBER_COORDINATOR, today)
    roles.appoint(store, "suk", m.MemberRole.MEMBER_COORDINATOR, today)
    assert store.get(m.Member, "porn").role == m.MemberRole.MEMBER
    assert store.get(m.Member, "suk").role == m.MemberRole.MEMBER_COORDINATOR
    with pytest.raises(InvalidInputError, match="not a current member"):
        roles.appoint(store, "nam", m.MemberRole.MEMBER_LEADER, today)
    assert [x.id for x in roles.current_members(store, group, today)] == ["porn", "suk"]


def test_withdraw_member_keeps_them_with_reason_and_no_role(store, group):
    roles.appoint(store, "suk", m.MemberRole.MEMBER_LEADER, date(2026, 11, 1))
    members.withdraw_member(store, "suk", date(2026, 11, 14), "ย้ายไปทำงานต่างจังหวัด")
    suk = store.get(m.Member, "suk")
    assert suk.decision == m.SelectionDecision.WITHDREW
    assert (suk.left_on, suk.role) == (date(2026, 11, 14), m.MemberRole.MEMBER)
    assert suk.decision_reason == "ย้ายไปทำงานต่างจังหวัด"
    assert not roles.is_current(suk, date(2026, 11, 21))


def test_not_selected_needs_a_reason(store, group):
    with pytest.raises(InvalidInputError, match="Say why"):
        members.decide_selection(store, "nam", m.SelectionDecision.NOT_SELECTED, " ", AGREED)
    assert store.get(m.Member, "nam").decision == m.SelectionDecision.CANDIDATE
    members.decide_selection(
        store, "nam", m.SelectionDecision.NOT_SELECTED, "ต้องการบริการรายกรณีก่อน", AGREED
    )
    assert store.get(m.Member, "nam").decision == m.SelectionDecision.NOT_SELECTED


def test_record_review_updates_goals_and_appoints_in_one_transaction(store, group):
    review = m.Review(
        group_id=group,
        held_on=date(2026, 11, 18),
        goal_progress=[m.GoalProgressNote(goal_id="goal", progress=60)],
        member_coordinator_id="porn",
    )
    reviews.record_review(store, review)
    assert store.get(m.Goal, "goal").progress == 60
    assert store.get(m.Member, "porn").role == m.MemberRole.MEMBER_COORDINATOR
    # A coordinator who is not a current member: nothing of the review is written.
    bad = m.Review(
        group_id=group,
        held_on=date(2026, 11, 25),
        goal_progress=[m.GoalProgressNote(goal_id="goal", progress=90)],
        member_coordinator_id="nam",
    )
    with pytest.raises(InvalidInputError):
        reviews.record_review(store, bad)
    assert store.get(m.Goal, "goal").progress == 60
    assert [r.id for r in store.reviews(group)] == [review.id]


def test_member_coordinator_appointed_in_review_satisfies_stage_12(store, group):
    from groupwork.stages import check_stage

    def leads_met() -> bool:
        results = check_stage(store, group, 12)
        return next(r.met for r in results if r.criterion.id == "member-leads")

    assert not leads_met()
    reviews.record_review(
        store, m.Review(group_id=group, held_on=date(2026, 11, 18), member_coordinator_id="porn")
    )
    assert leads_met()


def test_drafts_are_kept_and_cleared(store, group):
    store.drafts.keep("g:rules:new", group, {"text": "ตรงต่อเวลา"})
    assert store.drafts.get("g:rules:new").values == {"text": "ตรงต่อเวลา"}
    store.drafts.clear("g:rules:new")
    assert store.drafts.get("g:rules:new") is None


def test_dropping_a_task_needs_a_reason_and_keeps_it(store):
    from groupwork.errors import InvalidInputError
    from groupwork.operations.tasks import move_task

    group = store.add(m.Group(name="น้ำใจ"))
    task = store.add(m.Task(group_id=group.id, title="โทรหาศูนย์"))
    with pytest.raises(InvalidInputError):
        move_task(store, task.id, m.TaskStatus.DROPPED, date(2026, 11, 21))
    assert store.get(m.Task, task.id).status == m.TaskStatus.OPEN
    dropped = move_task(store, task.id, m.TaskStatus.DROPPED, date(2026, 11, 21), "ศูนย์ปิด")
    assert (dropped.status, dropped.drop_reason) == (m.TaskStatus.DROPPED, "ศูนย์ปิด")
