"""The command line: a thin door into the core.

``groupwork`` with no subcommand opens the TUI. Every subcommand opens the store, calls the
core, and prints. Errors a person can cause (``GroupworkError``) are printed as one line in
their language and exit with status 1; nothing prints a traceback.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from groupwork import i18n, paths
from groupwork.errors import GroupworkError
from groupwork.i18n import _


class AppContext:
    """What every subcommand needs: where the database is, and opening it once."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._store = None

    @property
    def store(self):
        """The open store (opened on first use, so ``--help`` never touches the disk)."""
        if self._store is None:
            from groupwork.store import Store

            self._store = Store.open(self.db_path)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def fail(message: str) -> None:
    """Print a one-line error and exit non-zero."""
    click.echo(_("Error: {message}").format(message=message), err=True)
    sys.exit(1)


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the errors a person can cause into a message and exit status 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except GroupworkError as exc:
            fail(str(exc).replace("\n", "; "))
        except OSError as exc:
            fail(_("Cannot use the file: {error}").format(error=exc))

    return wrapper


@click.group(invoke_without_command=True, help=_("Record and review social group work."))
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=_("Database file (default: GROUPWORK_DB, or groupwork.db in the user data folder)."),
)
@click.option(
    "--lang",
    type=click.Choice(i18n.LANGUAGES),
    default=None,
    help=_("Language: th or en (default: from the locale)."),
)
@click.version_option(package_name="groupwork")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, lang: str | None) -> None:
    i18n.set_language(lang or i18n.default_language())
    app = AppContext(paths.database_path(db))
    ctx.obj = app
    ctx.call_on_close(app.close)
    if ctx.invoked_subcommand is None:
        run_tui(app.db_path)


def run_tui(db_path: Path) -> None:
    """Open the facilitator's TUI on ``db_path``."""
    try:
        from groupwork.tui.app import GroupworkApp
    except ImportError:  # pragma: no cover - the TUI ships with the package
        fail(_("The terminal interface is not available in this installation."))
        return
    GroupworkApp(db_path=db_path).run()


pass_app = click.make_pass_decorator(AppContext)
"""Decorator that hands a subcommand the ``AppContext``."""


def _register_commands() -> None:
    # Each area keeps its commands in groupwork/commands/<area>.py; adding an area is one line.
    from groupwork.commands import groups, stages

    for module in (groups, stages):
        for command in module.COMMANDS:
            cli.add_command(command)


_register_commands()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="groupwork")
