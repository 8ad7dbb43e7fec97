"""Every door refuses odd input in one line, and a typo never makes a database (issue 20)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.store import Store


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def one_line(result) -> str:
    """The refusal's one line (exit 1, no traceback, nothing on stdout but a prompt)."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith(("Error:", "ข้อผิดพลาด:")), result.stderr
    return line


@pytest.fixture
def seeded(db_path):
    with Store.open(db_path) as store:
        group = store.add(m.Group(name="Hope"))
        store.add(m.Session(group_id=group.id, number=1, held_on="2026-11-03"))
    return db_path


# --- numbers, dates and ids ------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("tasks", "--late-by", "99999999999999999999"),
        ("session", "move", "Hope", "9" * 40, "2026-12-01"),
        ("session", "cancel", "Hope", "0", "--reason", "rain"),
        ("tasks", "--due-from", "20261301"),
        ("session", "move", "Hope", "1", "2026-02-30"),
        ("scale", "Hope", "--name", "x", "--max", "1" * 30),
        ("demo", "--seed", "NaN"),
    ],
)
def test_odd_numbers_and_dates_are_one_line_and_change_nothing(seeded, args):
    before = seeded.read_bytes()
    line = one_line(run("--db", str(seeded), *args))
    assert "OverflowError" not in line and "inside groupwork" not in line
    with Store.open(seeded) as store:
        assert [s.held_on.isoformat() for s in store.sessions(store.groups()[0].id)] == [
            "2026-11-03"
        ]
    assert len(seeded.read_bytes()) == len(before)


def test_a_whole_number_date_is_read_as_a_date(seeded):
    # Tomorrow, whatever day the suite runs on (a session is moved to today or later).
    from datetime import date, timedelta

    tomorrow = date.today() + timedelta(days=1)
    result = run("--db", str(seeded), "session", "move", "Hope", "1", tomorrow.strftime("%Y%m%d"))
    assert result.exit_code == 0, result.output
    with Store.open(seeded) as store:
        assert store.sessions(store.groups()[0].id)[0].held_on == tomorrow


@pytest.mark.parametrize("ref", ["____", "%", "%%%%", "_" * 32])
def test_wildcards_open_no_group(seeded, ref):
    assert "No group called" in one_line(run("--db", str(seeded), "stages", ref))


def test_a_refusal_is_in_thai_too(seeded):
    line = one_line(run("--lang", "th", "--db", str(seeded), "tasks", "--late-by", "9" * 25))
    assert "จำนวนเต็ม" in line


# --- a typo never makes a database -----------------------------------------------------------


@pytest.mark.parametrize("command", [["groups"], ["tasks"], ["status"], ["stages", "Hope"]])
def test_a_command_that_reads_never_creates_a_database(tmp_path, command):
    typo = tmp_path / "typo" / "dir" / "x.db"
    line = one_line(run("--db", str(typo), *command))
    assert "There is no database at" in line and str(typo) in line
    assert not (tmp_path / "typo").exists()
    beside = tmp_path / "x.db"
    one_line(run("--db", str(beside), *command))
    assert not beside.exists()


def test_the_default_database_missing_says_how_to_start_one(isolated_data):
    line = one_line(run("groups"))
    assert "groupwork --db" in line
    assert not (isolated_data / "groupwork.db").exists()


def test_demo_asks_before_making_a_folder(tmp_path):
    target = tmp_path / "new" / "place" / "g.db"
    refused = run("--db", str(target), "demo", input="n\n")
    assert "does not exist; nothing was created" in one_line(refused)
    assert not (tmp_path / "new").exists()
    agreed = run("--db", str(target), "demo", input="y\n")
    assert agreed.exit_code == 0, agreed.output
    assert target.is_file() and run("--db", str(target), "groups").exit_code == 0


def test_the_app_asks_before_making_a_folder(tmp_path):
    target = tmp_path / "new" / "g.db"
    result = run("--db", str(target), input="n\n")
    assert "Create it for the new database?" in result.output
    assert "nothing was created" in one_line(result)
    assert not (tmp_path / "new").exists()


def test_demo_in_an_existing_folder_asks_nothing(tmp_path):
    result = run("--db", str(tmp_path / "g.db"), "demo")
    assert result.exit_code == 0 and "Create it" not in result.output


# --- only regular files ----------------------------------------------------------------------


def cli_process(*args: str, cwd=None) -> subprocess.CompletedProcess:
    """The real command in its own process, so a FIFO that blocked would time out."""
    env = {**os.environ, "GROUPWORK_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "groupwork", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=cwd,
    )


def test_a_fifo_is_refused_at_once_as_db_and_to_import(tmp_path, seeded):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for args in (["--db", str(fifo), "groups"], ["--db", str(seeded), "import", str(fifo)]):
        done = cli_process(*args)
        assert done.returncode == 1, done.stderr
        assert done.stderr.strip() == done.stderr.strip().splitlines()[0]
        assert "not a regular file" in done.stderr and str(fifo) in done.stderr


def test_a_fifo_as_db_for_the_app_is_refused(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "not a regular file" in one_line(run("--db", str(fifo)))


def test_a_folder_given_to_import_is_one_line(seeded, tmp_path):
    line = one_line(run("--db", str(seeded), "import", str(tmp_path)))
    assert "is a folder" in line and "Usage" not in line


def test_a_missing_export_names_the_path_given(seeded, tmp_path):
    line = one_line(run("--db", str(seeded), "import", "nowhere/e.json"))
    assert "nowhere/e.json" in line


@pytest.mark.parametrize("out", ["missing/d.md", "/proc/x.json", "/dev/null"])
def test_digest_out_names_the_path_never_a_temp_file(seeded, out, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    line = one_line(run("--db", str(seeded), "digest", "--out", out))
    assert ".tmp" not in line and out.split("/")[0] in line


# --- --db and --lang anywhere ----------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("task", "status", "Hope", "t", "done"),
        ("member", "withdraw", "Hope", "May", "--reason", "moved"),
        ("session", "list", "Hope"),
        ("agency", "add-user", "may", "--role", "facilitator"),
    ],
)
def test_db_and_lang_after_any_subcommand(seeded, args):
    result = run(*args, "--db", str(seeded), "--lang", "th")
    assert "unexpected extra" not in result.output and "No such option" not in result.output
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 1:
        assert one_line(result).startswith("ข้อผิดพลาด:")


# --- wording ---------------------------------------------------------------------------------


def test_import_refusals_have_no_doubled_punctuation_or_pydantic_words(seeded, tmp_path):
    out = tmp_path / "hope.json"
    assert run("--db", str(seeded), "export", "Hope", "--out", str(out)).exit_code == 0
    data = json.loads(out.read_text())
    data["sessions"][0]["held_on"] = 20261205
    data["group"]["id"] = "ab" * 16
    out.write_text(json.dumps(data))
    line = one_line(run("--db", str(seeded), "import", str(out)))
    assert ".;" not in line and "zero time" not in line and "2026-11-21" in line
    out.write_text("{")
    line = one_line(run("--db", str(seeded), "import", str(out)))
    assert ".;" not in line
