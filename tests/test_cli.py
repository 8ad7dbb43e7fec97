"""The command line through CliRunner: demo, groups, tasks, export/import, and bad input."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.demo import DEMO_GROUP_NAME
from groupwork.store import Store, open_store


def run(db_path, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db_path), *args])


def assert_one_line_error(result) -> str:
    """Non-zero exit, one line on stderr, no traceback; returns the line."""
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert message and "\n" not in message, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return message


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo_db(request, tmp_path_factory):
    """One demo database for the module, a file or an agency database on the test server
    (the tests only read it, or refuse to change it): every command works on both."""
    if request.param == "postgresql":
        path = request.getfixturevalue("pg_new_database")()
    else:
        path = tmp_path_factory.mktemp("cli") / "demo.db"
    result = run(path, "demo")
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def fresh_db(request, tmp_path):
    """A new, empty database on the engine of ``demo_db``."""
    if request.node.callspec.params["demo_db"] == "postgresql":
        return request.getfixturevalue("pg_store_dsn")
    return tmp_path / "fresh.db"


def test_demo_then_groups_lists_the_demo_group(demo_db):
    result = run(demo_db, "groups")
    assert result.exit_code == 0
    assert DEMO_GROUP_NAME in result.output


def test_demo_twice_changes_nothing(demo_db):
    with open_store(demo_db) as store:
        before = store.count(m.ParticipationEvent)
    result = run(demo_db, "demo")
    assert result.exit_code == 0 and "already exists" in result.output
    with open_store(demo_db) as store:
        assert len(store.groups()) == 1
        assert store.count(m.ParticipationEvent) == before


def test_overdue_json_is_exactly_the_overdue_tasks(demo_db):
    result = run(demo_db, "tasks", "--overdue", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    with open_store(demo_db) as store:
        tasks = store.tasks()
        expected = {t.id for t in tasks if t.is_overdue(date.today())}
        real_names = [x.real_name for x in store._find(m.Member)]
    assert expected and {r["id"] for r in rows} == expected
    assert all(r["overdue"] and r["status"] in ("open", "in_progress") for r in rows)
    assert not any(name in result.stdout for name in real_names)


def test_today_moves_the_overdue_line(demo_db):
    early = json.loads(run(demo_db, "tasks", "--overdue", "--json", "--today", "2000-01-01").stdout)
    assert early == []
    later = run(demo_db, "tasks", "--overdue", "--json", "--today", "2600-01-01")  # BE 2600 = 2057
    with open_store(demo_db) as store:
        open_with_due = [
            t
            for t in store.tasks(statuses=[m.TaskStatus.OPEN, m.TaskStatus.IN_PROGRESS])
            if t.due_on
        ]
    assert len(json.loads(later.stdout)) == len(open_with_due)


def test_filters_by_group_assignee_and_status(demo_db):
    with open_store(demo_db) as store:
        group = store.groups()[0]
        dao = store.find_member(group.id, "ดาว")
        expected = {
            t.id for t in store.tasks(group.id, assignee_id=dao.id, statuses=[m.TaskStatus.DONE])
        }
    result = run(
        demo_db, "tasks", "--group", group.id[:8], "--assignee", "ดาว", "--status", "done", "--json"
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert expected and {r["id"] for r in rows} == expected
    assert all("ดาว" in r["assignees"] for r in rows)
    both = json.loads(
        run(demo_db, "tasks", "--status", "done", "--status", "dropped", "--json").stdout
    )
    assert {r["status"] for r in both} == {"done", "dropped"}


def test_csv_has_a_header_and_one_row_per_task(demo_db):
    result = run(demo_db, "tasks", "--csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    with open_store(demo_db) as store:
        assert len(rows) == store.count(m.Task)
    assert set(rows[0]) == {
        "id",
        "group_id",
        "group",
        "title",
        "assignees",
        "due_on",
        "status",
        "overdue",
    }
    assert {r["overdue"] for r in rows} == {"true", "false"}


def test_table_in_thai_shows_buddhist_era_and_captions(demo_db):
    result = run(demo_db, "--lang", "th", "tasks", "--overdue", "--today", "2600-01-01")
    assert result.exit_code == 0
    assert "พ.ศ." not in result.output  # the era is implied in Thai, as on paper
    year = str(date.today().year + 543)
    assert (
        year in result.output
        or str(int(year) - 1) in result.output
        or str(int(year) + 1) in result.output
    )
    assert "กำลังดำเนินการ" in result.output or "เปิด" in result.output
    assert "เกินกำหนด" in result.output


def test_an_open_task_reads_as_waiting_in_thai_not_as_an_open_group(demo_db):
    result = run(demo_db, "--lang", "th", "tasks", "--status", "open")
    assert result.exit_code == 0
    assert "รอดำเนินการ" in result.output


def test_export_then_import_through_the_cli(demo_db, fresh_db, tmp_path):
    out = tmp_path / "g.json"
    assert run(demo_db, "export", DEMO_GROUP_NAME, "--out", str(out)).exit_code == 0
    fresh = fresh_db
    result = run(fresh, "import", str(out))
    assert result.exit_code == 0, result.output
    assert DEMO_GROUP_NAME in run(fresh, "groups").output
    refused = run(demo_db, "export", DEMO_GROUP_NAME, "--out", str(out))
    assert "already exists" in assert_one_line_error(refused)


# --- bad input: one line, non-zero, nothing changed -------------------------------------


def test_unknown_group(demo_db, tmp_path):
    assert "nobody" in assert_one_line_error(run(demo_db, "tasks", "--group", "nobody"))
    assert "nobody" in assert_one_line_error(
        run(demo_db, "export", "nobody", "--out", str(tmp_path / "x.json"))
    )
    assert not (tmp_path / "x.json").exists()


def test_unknown_assignee(demo_db):
    assert "Nobody" in assert_one_line_error(run(demo_db, "tasks", "--assignee", "Nobody"))


def test_malformed_json_import(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "groupwork-export", "version": 1, "group": ', encoding="utf-8")
    db = tmp_path / "x.db"
    message = assert_one_line_error(run(db, "import", str(bad)))
    assert "JSON" in message
    with Store.open(db) as store:
        assert store.groups() == []


def test_import_of_a_missing_file(tmp_path):
    assert "does not exist" in assert_one_line_error(
        run(tmp_path / "x.db", "import", str(tmp_path / "none.json"))
    )


def test_invalid_today(demo_db):
    message = assert_one_line_error(run(demo_db, "tasks", "--overdue", "--today", "2026-02-30"))
    assert "2026-02-30" in message


def test_errors_in_thai(demo_db):
    result = run(demo_db, "--lang", "th", "tasks", "--group", "nobody")
    assert "ไม่พบกลุ่ม" in assert_one_line_error(result)


def test_json_and_csv_together_is_refused(demo_db):
    assert_one_line_error(run(demo_db, "tasks", "--json", "--csv"))
