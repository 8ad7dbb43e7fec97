"""The command line: a thin door into the core.

``groupwork`` with no subcommand opens the TUI. Every subcommand opens the store, calls the
core, and prints. Errors a person can cause (``GroupworkError``) are printed as one line in
their language and exit with status 1; nothing prints a traceback.
"""

from __future__ import annotations

import gc
import importlib
import sys
from pathlib import Path

import click

from groupwork import __version__, i18n, paths
from groupwork.commands import click_words
from groupwork.commands.context import (
    AppContext,
    fail,
    handle_errors,
    one_line,
    pass_app,
    translate_help,
)
from groupwork.commands.types import FilePath
from groupwork.i18n import N_, _

# click's own messages (usage lines, "Missing argument", "Aborted!") follow --lang too.
click_words.install()

__all__ = ["AppContext", "cli", "fail", "handle_errors", "main", "pass_app"]


# Each area keeps its commands in groupwork/commands/<area>.py (a list ``COMMANDS``); adding an
# area is one line here. The command names are written out so that a module is imported only
# when one of its commands is used: `groupwork` alone opens the TUI without loading any of them.
COMMAND_AREAS: dict[str, tuple[str, ...]] = {
    "groups": ("groups",),
    "stages": ("stages", "stage"),
    "demo": ("demo",),
    "exchange": ("export", "import"),
    "tasks": ("tasks",),
    "sessions": ("session", "scale"),
    "coordination": ("status", "digest"),
    "review": ("review", "chart"),
    "safety": ("encrypt", "rekey", "backup", "restore", "erase-member", "audit", "check"),
    "agency": ("agency",),
    "sync": ("push", "pull", "conflicts"),
    "records": ("task", "member", "rule"),
    "group": ("group", "endorse"),
    "people": ("people",),
}


class LazyGroup(click.Group):
    """The root group: a subcommand's module is imported the first time the command is asked
    for (to run it, complete it, or list it in ``--help``)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, for ``--help`` and completion, without importing any."""
        names = {name for area in COMMAND_AREAS.values() for name in area}
        return sorted(names | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command called ``cmd_name``, importing its area's module the first time."""
        if cmd_name not in self.commands:
            area = next((a for a, names in COMMAND_AREAS.items() if cmd_name in names), None)
            if area is not None:
                self._load_area(area)
        return super().get_command(ctx, cmd_name)

    def _load_area(self, area: str) -> None:
        module = importlib.import_module(f"groupwork.commands.{area}")
        for command in module.COMMANDS:
            add_global_options(command)
            translate_help(command)  # loaded after the language was chosen
            self.add_command(command)

    def invoke(self, ctx: click.Context) -> object:
        """Run the subcommand; a value click refuses (``BadParameter``, raised by the types
        of ``groupwork.commands.types`` too) is one line and exit 1, like every other
        refusal, not a usage block. A missing argument still shows the usage."""
        try:
            return super().invoke(ctx)
        except click.MissingParameter:
            raise
        except click.BadParameter as exc:
            raise OneLineError(exc.format_message()) from None


class OneLineError(click.ClickException):
    """A refused value, printed as ``Error: …`` on one line with exit status 1."""

    exit_code = 1

    def show(self, file=None) -> None:
        """One line on stderr, newlines folded like every other refusal."""
        click.echo(
            _("Error: {message}").format(message=one_line(self.format_message())),
            err=True,
        )


def add_global_options(command: click.Command) -> None:
    """``--db`` and ``--lang`` on ``command`` and every subcommand below it (``task status …
    --db X``), so a command added by any area takes them in the same places."""
    taken = {opt for param in command.params for opt in param.opts}
    command.params.extend(o for o in _global_options_again() if o.opts[0] not in taken)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            add_global_options(sub)


@click.group(
    cls=LazyGroup, invoke_without_command=True, help=_("Record and review social group work.")
)
@click.option(
    "--db",
    "db",
    # str, not Path: a PostgreSQL URL (postgresql://host/db) must reach paths.database_path
    # whole; Path would fold its "//".
    type=FilePath(dir_okay=False, path_type=str),
    default=None,
    help=_(
        "Database file, or an agency database (postgresql://... or service=NAME) "
        "(default: GROUPWORK_DB, or groupwork.db in the user data folder)."
    ),
)
@click.option(
    "--lang",
    type=click.Choice(i18n.LANGUAGES),
    default=None,
    # Eager: set before click resolves the command, so "No such command" is in this language.
    is_eager=True,
    callback=lambda ctx, param, value: _set_lang(ctx, param, value) or value,
    help=_("Language: th or en (default: from the locale)."),
)
# The version from the package itself: run from a source folder, there is no installed metadata.
@click.version_option(version=__version__, prog_name="groupwork")
@click.pass_context
def cli(ctx: click.Context, db: str | None, lang: str | None) -> None:
    i18n.set_language(lang or i18n.default_language())
    translate_help(cli)
    app = AppContext(paths.database_path(db), given=db is not None)
    ctx.obj = app
    ctx.call_on_close(app.close)
    if ctx.invoked_subcommand is None:
        handle_errors(app.allow_new_database)()  # the app starts a database where none is
        handle_errors(refuse_unusable)(app)
        run_tui(app.db_path)


def run_tui(db_path: Path | str) -> None:
    """Open the facilitator's TUI on ``db_path``."""
    # Start-up makes what lives as long as the app (modules, classes, the first screen): the
    # collector's passes over it while importing cost 30-50 ms of CPU and free next to nothing.
    # Paused until the first screen is drawn; the app then freezes what start-up made.
    gc.disable()
    try:
        from groupwork.tui.app import GroupworkApp
    except ImportError:  # pragma: no cover - the TUI ships with the package
        gc.enable()
        fail(_("The terminal interface is not available in this installation."))
        return
    try:
        GroupworkApp(db_path=db_path, gc_paused=True).run()
    finally:
        gc.enable()


def refuse_unusable(app: AppContext) -> None:
    """A pipe, socket or device as ``--db`` is refused in words before the TUI starts."""
    from groupwork.store.database import refuse_unusable_location

    refuse_unusable_location(app.db_path)


def _set_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        app = ctx.ensure_object(AppContext)
        app.db_path = paths.database_path(value)
        app.db_given = True


def _set_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        i18n.set_language(value)
        translate_help(cli)


def _global_options_again() -> list[click.Option]:
    """``--db`` and ``--lang`` after a subcommand too: ``groupwork groups --db X``.

    They only change the shared ``AppContext`` (which opens the store on first use, so this
    is before anything touched the disk); the commands themselves never see them.
    """
    return [
        click.Option(
            ["--db"],
            type=FilePath(dir_okay=False, path_type=str),
            expose_value=False,
            callback=_set_db,
            help=N_("Database file (as before the command)."),
        ),
        click.Option(
            ["--lang"],
            type=click.Choice(i18n.LANGUAGES),
            expose_value=False,
            is_eager=True,
            callback=_set_lang,
            help=N_("Language: th or en (as before the command)."),
        ),
    ]


def _language_from_argv(argv: list[str]) -> str | None:
    """The value of ``--lang`` in ``argv``, read before click parses (help is shown early)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main() -> None:
    """Console-script entry point."""
    from groupwork.charts.lean_import import one_command_process

    one_command_process()
    lang = _language_from_argv(sys.argv[1:])
    i18n.set_language(lang if lang in i18n.LANGUAGES else i18n.default_language())
    translate_help(cli)
    cli(prog_name="groupwork")
