"""The command line speaks the language asked for, help included."""

from __future__ import annotations

from click.testing import CliRunner

from groupwork.cli import _language_from_argv, cli
from groupwork.i18n import gettext_in


def test_subcommand_help_follows_lang():
    thai = gettext_in("th", "Only open tasks whose due date has passed.")
    english = CliRunner().invoke(cli, ["--lang", "en", "tasks", "--help"])
    result = CliRunner().invoke(cli, ["--lang", "th", "tasks", "--help"])
    assert result.exit_code == 0
    assert "Only open tasks whose due date has passed." in english.output
    assert thai != "Only open tasks whose due date has passed." and thai in result.output
    # and back again: the English message ids were kept
    again = CliRunner().invoke(cli, ["--lang", "en", "tasks", "--help"])
    assert "Only open tasks whose due date has passed." in again.output


def test_lang_is_read_from_argv_before_parsing():
    assert _language_from_argv(["--db", "x", "--lang", "th", "groups"]) == "th"
    assert _language_from_argv(["--lang=en"]) == "en"
    assert _language_from_argv(["groups"]) is None


def test_db_and_lang_work_after_the_subcommand_as_the_issue_writes_them(tmp_path):
    """`groupwork demo --db X && groupwork groups --db X`, `tasks --db X --overdue --json`."""
    import json
    from datetime import date

    from groupwork.store import Store

    db = str(tmp_path / "x.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["demo", "--db", db]).exit_code == 0
    listed = runner.invoke(cli, ["groups", "--db", db])
    assert listed.exit_code == 0 and "(ตัวอย่าง)" in listed.output
    overdue = runner.invoke(cli, ["tasks", "--db", db, "--overdue", "--json"])
    assert overdue.exit_code == 0, overdue.output
    with Store.open(db) as store:
        expected = {t.id for t in store.tasks(overdue_on=date.today())}
    assert expected and {row["id"] for row in json.loads(overdue.output)} == expected
    thai = runner.invoke(cli, ["groups", "--db", db, "--lang", "th"])
    assert "ขั้นตอนที่ 12/12" in thai.output


def test_no_command_declares_an_option_twice():
    import click

    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        names = [opt for param in command.params for opt in param.opts]
        assert len(names) == len(set(names)), command.name
