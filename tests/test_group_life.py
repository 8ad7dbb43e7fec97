"""A group's whole life from the command line: a past session that did not take place, the
head of unit's endorsement, closing the group (and what a closed group no longer shows)."""

from __future__ import annotations

import json
from datetime import time, timedelta

import pytest
from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.dates import format_date
from groupwork.operations.group_life import close_group, record_endorsement
from groupwork.operations.sessions import enter_past_session, local_today
from groupwork.store import Store


class Days:
    """Today and the course's days, read when a test runs (the suite may run shifted in time)."""

    @property
    def TODAY(self):  # noqa: N802  (reads as the constant it stands for)
        return local_today()

    @property
    def START(self):  # noqa: N802
        return self.TODAY - timedelta(days=60)

    @property
    def LAST(self):  # noqa: N802
        return self.TODAY - timedelta(days=10)


D = Days()


@pytest.fixture
def db(tmp_path):
    """A running group with ฟ้า selected and two sessions held, the last ten days ago."""
    path = tmp_path / "g.db"
    with Store.open(path) as store:
        store.add(m.Group(id="g", name="กลุ่มผู้ดูแล", start_date=D.START, status=m.GroupStatus.ACTIVE))
        store.add(
            m.Member(
                id="fah",
                group_id="g",
                real_name="ฟ้า",
                pseudonym="ฟ้า",
                decision=m.SelectionDecision.SELECTED,
            )
        )
        for day in (D.START + timedelta(days=7), D.LAST):
            enter_past_session(store, "g", day, time(13, 30), time(15, 0))
    return path


def run(db, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db), "--lang", "en", *args])


def sessions(db) -> list[m.Session]:
    with Store.open(db) as store:
        return store.sessions("g")


def group(db) -> m.Group:
    with Store.open(db) as store:
        return store.get(m.Group, "g")


def test_past_session_that_did_not_take_place_is_numbered_by_date(db):
    day = D.START + timedelta(days=14)
    result = run(db, "session", "past", "g", day.isoformat(), "--cancelled", "--reason", "ฝนตก")
    assert result.exit_code == 0, result.output
    assert "Session 2 recorded as cancelled." in result.output
    second = sessions(db)[1]
    assert (second.number, second.held_on, second.status) == (2, day, m.SessionStatus.CANCELLED)
    assert second.cancel_reason == "ฝนตก" and second.started_at is None
    assert [s.number for s in sessions(db)] == [1, 2, 3]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--cancelled"], "needs a reason"),
        (["--cancelled", "--reason", "   "], "needs a reason"),
        (["--reason", "ฝนตก"], "--reason goes with --cancelled"),
        ([], "--from and --to"),
    ],
)
def test_past_session_refusals_change_nothing(db, args, words):
    result = run(db, "session", "past", "g", D.START.isoformat(), *args)
    assert result.exit_code == 1 and words in result.output
    assert "Traceback" not in result.output
    assert len(sessions(db)) == 2


def test_a_cancelled_past_session_is_not_dated_after_today(db):
    later = (D.TODAY + timedelta(days=1)).isoformat()
    result = run(db, "session", "past", "g", later, "--cancelled", "--reason", "ฝนตก")
    assert result.exit_code == 1 and len(sessions(db)) == 2


def test_endorse_records_the_day_given_and_defaults_to_today(db):
    day = (D.LAST + timedelta(days=2)).isoformat()
    result = run(db, "endorse", "g", "--by", "ใจดี", "--position", "หัวหน้าฝ่าย", "--on", day)
    assert result.exit_code == 0, result.output
    assert run(db, "endorse", "g", "--by", "ใจดี").exit_code == 0
    with Store.open(db) as store:
        records = store.endorsements("g")
    assert [(r.name, r.endorsed_on) for r in records] == [
        ("ใจดี", D.LAST + timedelta(days=2)),
        ("ใจดี", D.TODAY),
    ]


def test_endorsement_is_never_dated_after_today_nor_before_the_group(db):
    for day in (D.TODAY + timedelta(days=1), D.START - timedelta(days=1)):
        result = run(db, "endorse", "g", "--by", "ใจดี", "--on", day.isoformat())
        assert result.exit_code == 1 and "Traceback" not in result.output
    with Store.open(db) as store:
        assert store.endorsements("g") == []


def test_close_group_sets_status_and_end_date(db):
    result = run(db, "group", "close", "g", "--on", D.LAST.isoformat())
    assert result.exit_code == 0, result.output
    closed = group(db)
    assert (closed.status, closed.end_date) == (m.GroupStatus.CLOSED, D.LAST)
    again = run(db, "group", "close", "g", "--on", D.TODAY.isoformat())
    assert again.exit_code == 1 and "already closed" in again.output


def test_close_group_refuses_before_the_last_session_and_with_a_planned_one(db):
    early = run(db, "group", "close", "g", "--on", (D.LAST - timedelta(days=1)).isoformat())
    assert early.exit_code == 1 and "last session" in early.output
    assert run(db, "session", "plan", "g", D.TODAY.isoformat()).exit_code == 0
    planned = run(db, "group", "close", "g", "--on", D.TODAY.isoformat())
    assert planned.exit_code == 1 and "still planned" in planned.output
    assert group(db).status == m.GroupStatus.ACTIVE


def test_a_closed_group_leaves_status_unless_all(db):
    # Ten days idle would not flag; a closed group is not listed, nor flagged with --all.
    assert run(db, "group", "close", "g", "--on", D.LAST.isoformat()).exit_code == 0
    far = (D.TODAY + timedelta(days=70)).isoformat()
    listed = json.loads(run(db, "status", "--json", "--today", far).output)
    assert listed == []
    every = json.loads(run(db, "status", "--json", "--all", "--today", far).output)
    assert [(r["status"], r["flags"]) for r in every] == [("closed", [])]


def test_operations_directly(tmp_path):
    with Store.open(tmp_path / "o.db") as store:
        store.add(m.Group(id="g", name="บัว", start_date=D.START))
        record = record_endorsement(store, "g", "ใจดี", "")
        assert record.endorsed_on == D.TODAY
        assert close_group(store, "g", D.TODAY).status == m.GroupStatus.CLOSED


def test_stage_dates_default_to_its_first_and_last_session(tmp_path):
    from groupwork.operations.stage_dates import complete_stage_dated, default_stage_dates
    from groupwork.stages import start_stage

    with Store.open(tmp_path / "s.db") as store:
        store.add(m.Group(id="g", name="ดาว", start_date=D.START))
        # Started in the TUI today, but its sessions were held weeks ago (entered afterwards).
        start_stage(store, "g", 3, D.TODAY)
        assert default_stage_dates(store, "g", 3) == (D.TODAY, D.TODAY)
        first, last = D.START + timedelta(days=3), D.START + timedelta(days=17)
        for day in (first, D.START + timedelta(days=10), last):
            enter_past_session(store, "g", day, time(13, 0), time(15, 0), stages=[3])
        enter_past_session(store, "g", D.TODAY, time(13, 0), time(15, 0), stages=[4])
        assert default_stage_dates(store, "g", 3) == (first, last)
        done = complete_stage_dated(store, "g", 3, first, last, "ครบตามที่กลุ่มตกลง")
        assert (done.started_on, done.completed_on) == (first, last)


@pytest.mark.parametrize(
    ("start_shift", "end_shift"),
    [(0, -1), (0, 1)],
    ids=["start after completion", "completed after today"],
)
def test_stage_dates_refused_when_out_of_order_or_after_today(tmp_path, start_shift, end_shift):
    start = D.TODAY + timedelta(days=start_shift)
    end = D.TODAY + timedelta(days=end_shift)
    from groupwork.errors import InvalidInputError
    from groupwork.operations.stage_dates import complete_stage_dated

    with Store.open(tmp_path / "s.db") as store:
        store.add(m.Group(id="g", name="ดาว", start_date=D.START))
        with pytest.raises(InvalidInputError):
            complete_stage_dated(store, "g", 1, start, end, "x")
        assert store.stage_progress("g")[1].status == m.StageStatus.NOT_STARTED


def test_cli_stage_dates_default_to_the_sessions_and_refuse_out_of_order(db):
    def progress():
        with Store.open(db) as store:
            return store.stage_progress("g")[1]

    first = D.START + timedelta(days=7)
    # Refused: the end before the start, a start after today, a word; nothing changes.
    for args in (
        ["--start", D.LAST.isoformat(), "--end", first.isoformat()],
        ["--start", (D.TODAY + timedelta(days=1)).isoformat()],
        ["--end", "tomorrowish"],
    ):
        refused = run(db, "stage", "dates", "g", "1", "--reason", "ครบ", *args)
        assert refused.exit_code == 1 and "Traceback" not in refused.output, args
        assert progress().status != m.StageStatus.COMPLETED
    # Thai, in one line, like the TUI's dialog.
    thai = CliRunner().invoke(
        cli, ["--db", str(db), "--lang", "th", "stage", "dates", "g", "1", "--reason", "x",
              "--start", D.LAST.isoformat(), "--end", first.isoformat()]
    )  # fmt: skip
    assert thai.exit_code == 1 and "ขั้นตอน" in thai.output
    done = run(db, "stage", "dates", "g", "1", "--reason", "ครบตามที่กลุ่มตกลง")
    assert done.exit_code == 0, done.output
    assert "Stage 1 completed" in done.output
    assert (progress().started_on, progress().completed_on) == (first, D.LAST)
    # A completed stage takes other days and keeps its reason.
    later = run(db, "stage", "dates", "g", "1", "--start", (first + timedelta(days=1)).isoformat())
    assert later.exit_code == 0, later.output
    after = progress()
    assert (after.started_on, after.completed_on) == (first + timedelta(days=1), D.LAST)
    assert after.override_reason == "ครบตามที่กลุ่มตกลง"


def _agreed_rule(store, text: str) -> m.GroundRule:
    store.add(m.Group(id="g", name="นิด", start_date=D.START))
    return store.add(m.GroundRule(id="r", group_id="g", text=text, agreed_on=D.START))


@pytest.mark.parametrize(
    ("old", "new", "correction"),
    [
        ("ไม่ใช้โทรศัพท์ระหว่างประชม", "ไม่ใช้โทรศัพท์ระหว่างประชุม", True),  # a vowel mark
        ("Be on tmie", "Be on time", True),  # two letters swapped: 2 characters
        ("ไม่ใช้โทรศัพท์", "ใช้โทรศัพท์", False),  # a negation dropped: 3 characters
        ("Keep phones silent", "Phones on silent; step out to answer", False),
        ("มาตรงเวลา", "มาตรงเวลา", False),  # nothing changed
    ],
)
def test_a_correction_changes_two_characters_at_most(old, new, correction):
    from groupwork.operations.rules import is_correction

    assert is_correction(old, new) is correction


def test_editing_an_agreed_rule_corrects_a_typo_or_records_a_revision(tmp_path):
    from groupwork.operations.rules import save_rule

    with Store.open(tmp_path / "r.db") as store:
        rule = _agreed_rule(store, "ไม่ใช้โทรศัพท์ระหว่างประชม")
        fixed = save_rule(
            store, rule, rule.model_copy(update={"text": "ไม่ใช้โทรศัพท์ระหว่างประชุม"}), D.TODAY
        )
        assert (fixed.text, fixed.revisions) == ("ไม่ใช้โทรศัพท์ระหว่างประชุม", [])
        changed = save_rule(store, fixed, fixed.model_copy(update={"text": "ใช้โทรศัพท์ได้"}), D.TODAY)
        assert [r.previous_text for r in changed.revisions] == ["ไม่ใช้โทรศัพท์ระหว่างประชุม"]


def test_cli_rule_correct_replaces_the_wording_without_a_revision(db):
    with Store.open(db) as store:
        store.add(
            m.GroundRule(id="r", group_id="g", text="ไม่ใช้โทรศัพท์ระหว่างประชม", agreed_on=D.START)
        )
    result = run(db, "rule", "correct", "g", "1", "ไม่ใช้โทรศัพท์ระหว่างประชุม")
    assert result.exit_code == 0, result.output
    refused = run(db, "rule", "correct", "g", "1", "ใช้โทรศัพท์ได้ระหว่างประชุม")
    assert refused.exit_code == 1 and "more than a typo" in refused.output
    with Store.open(db) as store:
        rule = store.get(m.GroundRule, "r")
    assert (rule.text, rule.revisions) == ("ไม่ใช้โทรศัพท์ระหว่างประชุม", [])


def test_session_times_are_in_the_agencys_zone(monkeypatch):
    from datetime import UTC, datetime

    from groupwork import i18n
    from groupwork.operations.sessions import session_times

    session = m.Session(
        group_id="g",
        number=1,
        held_on=D.START,
        started_at=datetime(2026, 11, 4, 6, 30, tzinfo=UTC),
        ended_at=datetime(2026, 11, 4, 8, 30, tzinfo=UTC),
        status=m.SessionStatus.HELD,
    )
    monkeypatch.setenv("TZ", "UTC")
    import time as clock

    clock.tzset()
    try:
        i18n.set_language("th")
        assert session_times(session) == "13:30–15:30"  # Bangkok, on a UTC machine
        monkeypatch.setenv("GROUPWORK_TIMEZONE", "Europe/London")
        assert session_times(session) == "06:30–08:30"
        monkeypatch.setenv("GROUPWORK_TIMEZONE", "Nowhere/Atlantis")
        assert session_times(session) == "06:30–08:30"  # the machine's zone
        monkeypatch.delenv("GROUPWORK_TIMEZONE")
        i18n.set_language("en")
        assert session_times(session) == "06:30–08:30"
    finally:
        i18n.set_language("en")
        monkeypatch.undo()
        clock.tzset()


def _open_task(store, task_id: str, status=m.TaskStatus.OPEN) -> None:
    store.add(
        m.Task(id=task_id, group_id="g", title="โทรหาบัว", assignee_ids=["fah"], status=status)
    )


@pytest.mark.parametrize("choice", [None, "drop", "keep"])
def test_closing_decides_about_open_tasks(store, choice):
    """On each engine: refused without a choice; dropped with the closure; or kept open."""
    from groupwork.errors import InvalidInputError

    store.add(m.Group(id="g", name="ดาว", start_date=D.START, status=m.GroupStatus.ACTIVE))
    _open_task(store, "t1")
    _open_task(store, "t2", m.TaskStatus.IN_PROGRESS)
    _open_task(store, "t3", m.TaskStatus.DONE)
    if choice is None:
        with pytest.raises(InvalidInputError, match="2 tasks are still open"):
            close_group(store, "g", D.LAST)
    else:
        close_group(store, "g", D.LAST, choice)
    statuses = {t.id: (t.status, t.drop_reason) for t in store.tasks("g")}
    assert (store.get(m.Group, "g").status == m.GroupStatus.CLOSED) is (choice is not None)
    reason = f"The group closed on {format_date(D.LAST)}."
    dropped = (m.TaskStatus.DROPPED, reason)
    assert statuses == {
        "t1": dropped if choice == "drop" else (m.TaskStatus.OPEN, ""),
        "t2": dropped if choice == "drop" else (m.TaskStatus.IN_PROGRESS, ""),
        "t3": (m.TaskStatus.DONE, ""),
    }


def test_cli_close_with_open_tasks_needs_a_valid_choice(db):
    with Store.open(db) as store:
        _open_task(store, "t1")
    refused = run(db, "group", "close", "g", "--on", D.LAST.isoformat())
    assert (
        refused.exit_code == 1 and "1 task is still open: add --open-tasks drop" in refused.output
    )
    bad = run(db, "group", "close", "g", "--on", D.LAST.isoformat(), "--open-tasks", "later")
    assert bad.exit_code == 1 and len(bad.output.strip().splitlines()) == 1
    assert "Traceback" not in bad.output and group(db).status == m.GroupStatus.ACTIVE
    kept = run(db, "group", "close", "g", "--on", D.LAST.isoformat(), "--open-tasks", "keep")
    assert kept.exit_code == 0 and "1 task stays open" in kept.output
    assert group(db).status == m.GroupStatus.CLOSED
