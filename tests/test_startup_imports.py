"""Start-up stays light: each door imports only what it needs (see docs/performance.md).

Each check runs in a fresh interpreter, because this test process has imported everything.
"""

from __future__ import annotations

import subprocess
import sys

import click

from groupwork import cli as cli_module


def imported_after(code: str, *args: str) -> set[str]:
    """Top-level packages in ``sys.modules`` after running ``code`` in a new interpreter."""
    script = code + "\nimport sys\nprint(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=True
    )
    return set(out.stdout.splitlines()[-1].split())


def test_every_listed_command_is_defined_by_its_area_and_nothing_else():
    """COMMAND_AREAS names the commands without importing them; it must not drift."""
    import importlib

    for area, names in cli_module.COMMAND_AREAS.items():
        module = importlib.import_module(f"groupwork.commands.{area}")
        assert tuple(command.name for command in module.COMMANDS) == names, area


def test_every_command_module_is_listed():
    """A new groupwork/commands/<area>.py only reaches the CLI through COMMAND_AREAS."""
    import importlib
    import pkgutil

    import groupwork.commands

    names = [m.name for m in pkgutil.iter_modules(groupwork.commands.__path__)]
    areas = {
        n for n in names if hasattr(importlib.import_module(f"groupwork.commands.{n}"), "COMMANDS")
    }
    assert areas == set(cli_module.COMMAND_AREAS)


def test_root_group_imports_no_command_module_until_one_is_asked_for():
    loaded = imported_after(
        "import sys\nfrom groupwork.cli import COMMAND_AREAS, cli\n"
        "assert not [a for a in COMMAND_AREAS if f'groupwork.commands.{a}' in sys.modules]"
    )
    assert "groupwork" in loaded
    ctx = click.Context(cli_module.cli)
    assert cli_module.cli.get_command(ctx, "erase-member").name == "erase-member"
    assert cli_module.cli.get_command(ctx, "no-such-command") is None


def test_opening_the_store_does_not_import_numpy_which_still_works_afterwards(tmp_path):
    """sqlite-utils would import numpy (~50 ms) only to map numpy types; groupwork has none."""
    loaded = imported_after(
        "import sys\nfrom groupwork.store import Store\n"
        "Store.open(sys.argv[1]).close()\n"
        "assert 'sqlite_utils' in sys.modules and 'numpy' not in sys.modules\n"
        "import numpy, sqlite_utils.db\n"  # matplotlib needs numpy later: still importable
        "assert numpy.arange(3).sum() == 3 and sqlite_utils.db.np is None",
        str(tmp_path / "x.db"),
    )
    assert "numpy" in loaded and "pandas" not in loaded


def test_cli_help_imports_no_storage_models_or_tui():
    loaded = imported_after(
        "import sys\nfrom click.testing import CliRunner\nfrom groupwork.cli import cli\n"
        "result = CliRunner().invoke(cli, ['--help'])\n"
        "assert result.exit_code == 0 and 'erase-member' in result.output, result.output"
    )
    assert not loaded & {"textual", "sqlite_utils", "pydantic", "numpy", "matplotlib", "docx"}


def test_a_cli_command_does_not_import_the_tui(tmp_path):
    from groupwork.store import Store

    Store.open(tmp_path / "x.db").close()  # a command that reads needs a database
    loaded = imported_after(
        "import sys\nfrom click.testing import CliRunner\nfrom groupwork.cli import cli\n"
        "result = CliRunner().invoke(cli, ['--db', sys.argv[1], 'groups'])\n"
        "assert result.exit_code == 0 and 'No groups yet' in result.output, result.output",
        str(tmp_path / "x.db"),
    )
    assert "sqlite_utils" in loaded
    assert not loaded & {"textual", "numpy", "matplotlib", "docx", "markdown_it"}


def test_task_status_choices_are_the_model_values():
    """`tasks --status` lists the statuses without importing the models; they must agree."""
    from groupwork import models as m
    from groupwork.commands.tasks import TASK_STATUSES

    assert TASK_STATUSES == tuple(s.value for s in m.TaskStatus)
