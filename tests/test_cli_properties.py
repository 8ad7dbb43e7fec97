"""Every option of every command, fed hostile values: one line in the person's words, exit 0
or 1, never a traceback or an internal error (issue 20).

The click command tree is walked, so a command added later is fuzzed too. Commands that
reach a server (agency, push, pull) and the slow writers (demo, review, chart) are covered by
their own tests; here each example runs on a fresh copy of a small database.
"""

from __future__ import annotations

import os
import shutil

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groupwork import models as m
from groupwork.cli import cli
from groupwork.store import Store

SKIPPED_COMMANDS = {"agency", "push", "pull", "demo", "review", "chart"}
SKIPPED_OPTIONS = {"help", "lang"}
ARGUMENTS = {
    "group_ref": "Hope",
    "number": "1",
    "day": "2026-12-01",
    "member_ref": "May",
    "task_ref": "Call the clinic",
    "rule_ref": "1",
    "text": "Be on time",
    "conflict_id": "abcd1234",
    # Options a command requires, when another option is the one fuzzed.
    "reason": "moved away",
    "name": "Feelings",
    "starts": "13:00",
    "ends": "15:00",
}
HOSTILE = [
    "9" * 25,
    "-1",
    "0",
    "NaN",
    "inf",
    "1e400",
    "%",
    "_",
    "____",
    "%_%",
    "a\x00b",
    "bad \udcff byte",
    "20261301",
    "2026-02-30",
    "99999999",
    "",
    " ",
    "๑๒",
    "\u202eevil",
]


def _commands() -> list[tuple[list[str], click.Command]]:
    ctx = click.Context(cli)
    found = []

    def walk(command: click.Command, path: list[str]) -> None:
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                if not path and name in SKIPPED_COMMANDS:
                    continue
                walk(command.get_command(ctx, name), [*path, name])
        else:
            found.append((path, command))

    walk(cli, [])
    return found


def _invocations() -> list[tuple[list[str], click.Command, click.Option]]:
    return [
        (path, command, option)
        for path, command in _commands()
        for option in command.params
        if isinstance(option, click.Option)
        and not option.is_flag
        and option.name not in SKIPPED_OPTIONS
    ]


def _arguments(command: click.Command, fuzzed: click.Option, out: str) -> list[str]:
    """Plausible values for the command's arguments and its other required options."""
    values = []
    for param in command.params:
        if not param.required or param is fuzzed:
            continue
        if isinstance(param.type, click.Choice):
            value = param.type.choices[0]
        else:
            value = out if param.name == "out" else ARGUMENTS.get(param.name, "x")
        values += [value] if isinstance(param, click.Argument) else [param.opts[-1], value]
    return values


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "seed.db"
    with Store.open(path) as store:
        group = store.add(m.Group(name="Hope"))
        store.add(m.Member(group_id=group.id, real_name="May Park", pseudonym="May"))
        store.add(m.Session(group_id=group.id, number=1, held_on="2026-11-03"))
        store.add(m.Task(group_id=group.id, title="Call the clinic"))
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    return path, fifo


def _paths(seeded) -> list[str]:
    path, fifo = seeded
    return [str(fifo), "/dev/null", "/proc/x.json", str(path.parent / "no" / "such" / "x.db")]


INVOCATIONS = _invocations()


@pytest.mark.parametrize(
    "invocation", INVOCATIONS, ids=[" ".join(p) + " --" + o.name for p, _c, o in INVOCATIONS]
)
@settings(
    max_examples=3,
    # The same examples on every run: CI is not a lottery (a new search finds new cases; run
    # with derandomize off by hand to look for them).
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_every_option_refuses_hostile_values_in_one_line(invocation, seeded, tmp_path, data):
    path, command, option = invocation
    db = tmp_path / f"copy-{data.draw(st.integers(0, 10**9))}.db"
    shutil.copy(seeded[0], db)
    value = data.draw(st.sampled_from(HOSTILE + _paths(seeded)) | st.text(max_size=30))
    name = option.opts[-1] if option.opts[-1].startswith("--") else option.opts[0]
    args = [*path, *_arguments(command, option, str(tmp_path / "out.json")), f"{name}={value}"]
    if option.name != "db":
        args += ["--db", str(db)]
    cwd = os.getcwd()
    os.chdir(tmp_path)  # a relative path a value names lands here, not in the project
    try:
        result = CliRunner().invoke(cli, args, input="")
    finally:
        os.chdir(cwd)
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1), (args, result.output)
    if result.exit_code == 1:
        message = result.stderr.strip().splitlines()
        # "Aborted!": a question (erase-member's) got no answer, which is a no; a question
        # whether to make a folder (group new) gets none either, and the refusal follows it.
        last = message[-1] if message else ""
        assert last.startswith("Error:") or last.endswith("Aborted!") or "[y/N]: Error:" in last, (
            args,
            result.stderr,
        )
        assert "inside groupwork" not in message[-1], (args, message[-1])
