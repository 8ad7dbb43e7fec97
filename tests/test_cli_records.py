"""``groupwork task status``, ``member withdraw|role``, ``rule revise|retire``: what each writes."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.commands import records
from groupwork.store import Store

AGREED = date(2026, 10, 14)


@pytest.fixture
def db(tmp_path):
    """A group with พร and สุข selected, a rule agreed and a task, in a database file."""
    path = tmp_path / "g.db"
    with Store.open(path) as store:
        store.add(m.Group(id="g", name="กลุ่มผู้ดูแล", start_date=date(2026, 10, 1)))
        for key, name in (("porn", "พร"), ("suk", "สุข")):
            store.add(
                m.Member(
                    id=key,
                    group_id="g",
                    real_name=name,
                    pseudonym=name,
                    decision=m.SelectionDecision.SELECTED,
                    joined_on=date(2026, 10, 7),
                )
            )
        store.add(m.GroundRule(id="r", group_id="g", text="ไม่ใช้โทรศัพท์", agreed_on=AGREED))
        store.add(m.Task(id="task1", group_id="g", title="โทรหาอนามัย", assignee_ids=["porn"]))
    return path


def run(db, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def stored(db, cls, record_id):
    with Store.open(db) as store:
        return store.get(cls, record_id)


def test_choices_are_the_models_values():
    assert records.TASK_STATUSES == tuple(s.value for s in m.TaskStatus)
    assert records.MEMBER_ROLES == tuple(r.value for r in m.MemberRole)


def test_task_status_done_sets_done_on_and_open_clears_it(db):
    result = run(db, "task", "status", "กลุ่มผู้ดูแล", "โทรหาอนามัย", "done", "--on", "2026-11-04")
    assert result.exit_code == 0, result.output
    task = stored(db, m.Task, "task1")
    assert (task.status, task.done_on) == (m.TaskStatus.DONE, date(2026, 11, 4))
    assert run(db, "task", "status", "g", "task1", "open").exit_code == 0
    task = stored(db, m.Task, "task1")
    assert (task.status, task.done_on) == (m.TaskStatus.OPEN, None)


def test_dropping_a_task_without_reason_changes_nothing(db):
    result = run(db, "task", "status", "g", "task1", "dropped")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert stored(db, m.Task, "task1").status == m.TaskStatus.OPEN


def test_withdraw_member_keeps_them_with_the_reason(db):
    result = run(db, "member", "withdraw", "g", "สุข", "--reason", "ย้ายบ้าน", "--on", "2026-11-04")
    assert result.exit_code == 0, result.output
    member = stored(db, m.Member, "suk")
    assert member.decision == m.SelectionDecision.WITHDREW
    assert (member.decision_reason, member.left_on) == ("ย้ายบ้าน", date(2026, 11, 4))


def test_appoint_moves_the_member_coordinator(db):
    assert run(db, "member", "role", "g", "พร", "member_coordinator").exit_code == 0
    assert run(db, "member", "role", "g", "สุข", "member_coordinator").exit_code == 0
    assert stored(db, m.Member, "porn").role == m.MemberRole.MEMBER
    assert stored(db, m.Member, "suk").role == m.MemberRole.MEMBER_COORDINATOR


def test_revise_then_retire_a_rule(db):
    result = run(
        db, "rule", "revise", "g", "1", "ปิดเสียงโทรศัพท์", "--reason", "รอสายลูก", "--on", "2026-11-04"
    )
    assert result.exit_code == 0, result.output
    rule = stored(db, m.GroundRule, "r")
    assert rule.text == "ปิดเสียงโทรศัพท์"
    assert [(r.previous_text, r.reason) for r in rule.revisions] == [("ไม่ใช้โทรศัพท์", "รอสายลูก")]
    early = run(db, "rule", "retire", "g", "1", "--on", "2026-10-01")
    assert early.exit_code == 1 and stored(db, m.GroundRule, "r").retired_on is None
    assert run(db, "rule", "retire", "g", "1", "--on", "2026-12-02").exit_code == 0
    assert stored(db, m.GroundRule, "r").retired_on == date(2026, 12, 2)


def test_an_unknown_task_is_one_line_in_thai(db):
    result = run(db, "--lang", "th", "task", "status", "g", "ดาว", "done")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "ดาว" in result.stderr and "No task" not in result.stderr
