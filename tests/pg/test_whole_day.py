"""The owner, a facilitator and a coordinator each doing their whole day on an agency
database through the commands (issue 18): open, record, review, tasks; what a role may not
do is refused in the person's language, never with a server error."""

from __future__ import annotations

import re
from datetime import date

import pytest
import time_machine
from click.testing import CliRunner

from groupwork.cli import cli
from groupwork.demo import DEMO_GROUP_NAME

TODAY = date(2026, 11, 21)


def run(dsn: str, *args: str, code: int = 0, lang: str = "en") -> str:
    with time_machine.travel(TODAY, tick=False):
        result = CliRunner().invoke(cli, ["--lang", lang, "--db", dsn, *args])
    assert "Traceback" not in result.output and "psycopg" not in result.output, result.output
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture
def office(pg_server, pg_dsn):
    """An agency database: ดาว facilitates the demo group (which has a cancelled session),
    ฝน coordinates."""
    name = re.search(r"dbname=(\S+)", pg_dsn).group(1)
    dsn = lambda login: pg_server.dsn(name, user=login)  # noqa: E731
    run(pg_dsn, "agency", "init", pg_dsn)
    run(pg_dsn, "agency", "add-user", "dao", "--role", "facilitator")
    run(pg_dsn, "agency", "add-user", "fon", "--role", "coordinator")
    run(dsn("dao"), "demo")
    return pg_dsn, dsn


def _day(dsn: str, tmp_path, who: str) -> None:
    group = DEMO_GROUP_NAME
    for command in (["groups"], ["status"], ["stages", group], ["session", "list", group]):
        assert run(dsn, *command).strip(), command
    tasks = run(dsn, "tasks", "--json")
    task_id = re.search(r'"id": "([0-9a-f]{8})', tasks).group(1)
    assert "done" in run(dsn, "task", "status", group, task_id, "done")
    run(dsn, "digest", "--since", "2026-11-01")


def test_the_owner_does_their_day(office, tmp_path):
    owner, _dsn = office
    _day(owner, tmp_path, "owner")
    run(owner, "session", "past", DEMO_GROUP_NAME, "2026-11-20", "--from", "13:00", "--to", "15:00")
    out = tmp_path / "review.md"
    run(owner, "review", DEMO_GROUP_NAME, "--out", str(out))
    assert out.stat().st_size > 5_000


def test_a_facilitator_does_their_day(office, tmp_path):
    _owner, dsn = office
    _day(dsn("dao"), tmp_path, "dao")
    run(
        dsn("dao"),
        "session",
        "past",
        DEMO_GROUP_NAME,
        "2026-11-20",
        "--from",
        "13:00",
        "--to",
        "15:00",
    )
    out = tmp_path / "review.md"
    run(dsn("dao"), "review", DEMO_GROUP_NAME, "--out", str(out))
    assert out.stat().st_size > 5_000


def test_a_coordinator_does_their_day_and_is_refused_the_rest_in_words(office, tmp_path):
    _owner, dsn = office
    fon = dsn("fon")
    _day(fon, tmp_path, "fon")
    out = tmp_path / "review.md"
    for command in (
        ["review", DEMO_GROUP_NAME, "--out", str(out)],
        ["session", "past", DEMO_GROUP_NAME, "2026-11-20", "--from", "13:00", "--to", "15:00"],
        ["erase-member", DEMO_GROUP_NAME, "น้ำ", "--yes"],
        ["pull", DEMO_GROUP_NAME, "--from", fon, "--db", str(tmp_path / "laptop.db")],
        ["export", DEMO_GROUP_NAME, "--out", str(tmp_path / "group.json")],
        ["audit", DEMO_GROUP_NAME],
    ):
        said = run(fon, *command, code=1)
        assert "coordinator" in said, (command, said)
        assert "ผู้นิเทศ" in run(fon, *command, code=1, lang="th"), command
    assert not out.exists() and not (tmp_path / "group.json").exists()
