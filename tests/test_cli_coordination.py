"""``groupwork groups --json|--csv``, ``status``, ``digest`` and the new ``tasks`` filters through
CliRunner, on a database of several groups; figures checked against the stored records."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from click.testing import CliRunner

from groupwork.cli import cli
from groupwork.store import open_store
from tests.coordination_data import (
    TODAY,
    all_members,
    build_several_groups,
    expected_digest,
    expected_status,
    expected_trend,
)
from tests.engines import copy_to_server


def run(db_path, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db_path), *args])


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def several(request, tmp_path_factory):
    """The groups in a database file, or copied into an agency database on the test server."""
    path = tmp_path_factory.mktemp("coord-cli") / "several.db"
    build_several_groups(path)
    if request.param == "postgresql":
        return copy_to_server(path, request.getfixturevalue("pg_new_database")())
    return path


@pytest.fixture(scope="module")
def real_names(several):
    with open_store(several) as store:
        return [x.real_name for x in all_members(store)]


def test_status_json_has_every_figure_of_every_group(several, real_names):
    # --all: closed groups too (without it they are left out, tested in test_group_life).
    result = run(several, "status", "--json", "--all", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    lines = json.loads(result.stdout)
    with open_store(several) as store:
        groups = {g.id: g for g in store.groups()}
        assert len(lines) == len(groups)
        for line in lines:
            want = expected_status(store, groups[line["id"]], TODAY)
            assert line["group"] == want.name and line["facilitators"] == want.facilitators
            assert line["stage"] == want.stage
            assert (line["sessions_held"], line["sessions_planned"]) == (want.held, want.planned)
            assert line["last_session"] == (want.last.isoformat() if want.last else None)
            assert line["next_session"] == (want.next.isoformat() if want.next else None)
            assert line["overdue"] == want.overdue
            assert line["oldest_overdue_days"] == want.oldest_overdue_days
            assert line["attendance_trend"] == expected_trend(want.recent_rates)
            idle = (TODAY - (want.last or groups[line["id"]].start_date)).days // 7
            active = groups[line["id"]].status == "active"
            assert ("no_recent_session" in line["flags"]) == (active and idle > 3)
            stuck = want.stage_since and (TODAY - want.stage_since).days // 7 > 8
            assert ("stuck_at_stage" in line["flags"]) == bool(active and stuck)
            closed = groups[line["id"]].status == "closed"  # ended: never flagged
            assert ("attendance_falling" in line["flags"]) == (
                line["attendance_trend"] == "falling" and not closed
            )
    assert not any(name in result.stdout for name in real_names)


def test_status_flags_the_small_group_in_words(several):
    result = run(several, "status", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stdout.splitlines() if x.startswith("กลุ่มดาวเหนือ"))
    # Last held session 22 Oct, four weeks before 20 Nov; stage 4 since 8 Oct.
    assert "no session for 4 weeks" in line and "3/8" in line
    thai = run(several, "--lang", "th", "status", "--today", TODAY.isoformat())
    assert "ไม่มีการประชุมกลุ่มมา 4 สัปดาห์" in thai.stdout


def test_status_csv_has_the_stable_columns(several):
    result = run(several, "status", "--csv", "--today", TODAY.isoformat())
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert set(rows[0]) == {
        "id",
        "group",
        "facilitators",
        "stage",
        "status",
        "sessions_held",
        "sessions_planned",
        "last_session",
        "next_session",
        "attendance_trend",
        "overdue",
        "oldest_overdue_days",
        "flags",
    }
    small = next(r for r in rows if r["group"] == "กลุ่มดาวเหนือ")
    assert small["flags"] == "no_recent_session; attendance_falling" and small["overdue"] == "1"


def test_groups_json_and_csv(several):
    with time_machine.travel(datetime(2026, 11, 20, 9, tzinfo=UTC), tick=False):
        as_json = json.loads(run(several, "groups", "--json").stdout)
        as_csv = list(csv.DictReader(io.StringIO(run(several, "groups", "--csv").stdout)))
    with open_store(several) as store:
        groups = sorted(store.groups(), key=lambda g: (g.name, g.id))
        assert [g["id"] for g in as_json] == [g.id for g in groups] == [r["id"] for r in as_csv]
        for line, group in zip(as_json, groups, strict=True):
            want = expected_status(store, group, TODAY)
            assert line["overdue"] == want.overdue and line["stage"] == group.current_stage
            assert line["next_session"] == (want.next.isoformat() if want.next else None)
    assert run(several, "groups", "--json", "--csv").exit_code != 0


def test_tasks_late_by_and_facilitator_and_due_window(several, real_names):
    with open_store(several) as store:
        tasks = store.tasks()
        groups = {g.id: g for g in store.groups()}
    late = json.loads(
        run(several, "tasks", "--late-by", "30", "--json", "--today", TODAY.isoformat()).stdout
    )
    assert {r["id"] for r in late} == {
        t.id for t in tasks if t.is_overdue(TODAY) and (TODAY - t.due_on).days >= 30
    }
    mine = run(several, "tasks", "--facilitator", "คุณสุข ใจงาม", "--json")
    # Shared through the one path: the name becomes the pseudonym, a space after it.
    assert [r["title"] for r in json.loads(mine.stdout)] == ["โทรหาฝน ถามว่าทำไมไม่มา"]
    assert json.loads(mine.stdout)[0]["assignees"] == ["facilitator", "ดาว"]
    window = json.loads(
        run(several, "tasks", "--due-from", "2026-11-20", "--due-to", "27/11/2569", "--json").stdout
    )
    end = TODAY + timedelta(days=7)
    assert {r["id"] for r in window} == {
        t.id for t in tasks if t.due_on and TODAY <= t.due_on <= end
    }
    assert all(groups[r["group_id"]].name == r["group"] for r in window)
    assert not any(name in mine.stdout + str(window) for name in real_names)


def test_digest_markdown_has_every_figure(several, real_names):
    since = TODAY - timedelta(days=14)
    result = run(several, "digest", "--since", since.isoformat(), "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    table = {
        line.split(" | ")[0].lstrip("| "): line.strip("| ").split(" | ")
        for line in result.stdout.splitlines()
        if line.startswith("| ") and not line.startswith("| Group")
    }
    with open_store(several) as store:
        for group in store.groups():
            want = expected_digest(store, group, since, TODAY)
            active = want["sessions_held"] or want["tasks_done"] or want["newly_overdue"]
            if not (active or want["changes"]):
                assert group.name not in table
                continue
            cells = table[group.name]
            assert cells[1:4] == [
                str(want["sessions_held"]),
                str(want["tasks_done"]),
                str(want["newly_overdue"]),
            ]
            (mb, cb), (ms, cs) = want["before"], want["since"]
            before = f"{round(100 * cb / mb)}%" if mb else "—"
            after = f"{round(100 * cs / ms)}%" if ms else "—"
            assert cells[4].startswith(f"{before} → {after}")
            assert cells[5].count("stage ") == len(want["changes"])
    assert not any(name in result.stdout for name in real_names)


def test_digest_html_to_a_file_in_thai(several, tmp_path):
    out = tmp_path / "digest.html"
    result = run(
        several,
        "--lang",
        "th",
        "digest",
        "--format",
        "html",
        "--since",
        "2026-10-01",
        "--today",
        TODAY.isoformat(),
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and 'lang="th"' in page
    assert "กลุ่มดาวเหนือ" in page and "สรุปความเคลื่อนไหวของกลุ่ม" in page


def test_digest_refuses_a_start_after_its_end(several):
    result = run(several, "digest", "--since", "2026-12-01", "--today", TODAY.isoformat())
    assert result.exit_code != 0 and "Traceback" not in result.output
