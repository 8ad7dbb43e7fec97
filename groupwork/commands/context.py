"""What every subcommand shares: the opened store, error handling, the pass decorator.

Command modules import from here (not from ``groupwork.cli``) so that importing one of them
never starts a circular import of the root command group.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from groupwork.commands.types import FilePath
from groupwork.errors import GroupworkError, describe_system_error
from groupwork.i18n import _


class AppContext:
    """What every subcommand needs: where the database is, and opening it once."""

    def __init__(self, db_path: Path | str, *, given: bool = False) -> None:
        self.db_path = db_path
        self.db_given = given
        """True when the person named the database (``--db``), not the default location."""
        self.may_create = False
        """Only the app, ``demo``, ``import`` and ``pull`` start a new database
        (``allow_new_database``); every other command refuses a file that does not exist."""
        self._store = None
        self._key: str | None = None

    def allow_new_database(self) -> None:
        """Let this command create the database if it does not exist yet.

        A folder that does not exist is made only when the person says yes: a mistyped
        ``--db`` must not leave folders behind. The default location (the user data folder)
        is groupwork's own and is made without asking.
        """
        from groupwork.paths import is_server_database

        self.may_create = True
        if is_server_database(self.db_path) or str(self.db_path) == ":memory:":
            return
        folder = Path(self.db_path).parent
        if folder.is_dir() or not self.db_given or Path(self.db_path).exists():
            return
        try:
            agreed = click.confirm(
                _("The folder {folder} does not exist. Create it for the new database?").format(
                    folder=folder
                ),
                default=False,
                err=True,
            )
        except click.Abort:
            agreed = False
        if not agreed:
            raise GroupworkError(
                _("The folder {folder} does not exist; nothing was created.").format(folder=folder)
            )
        folder.mkdir(parents=True, exist_ok=True)

    @property
    def store(self):
        """The open store (opened on first use, so ``--help`` never touches the disk).

        An encrypted database asks for its passphrase once, unless GROUPWORK_PASSPHRASE is set.
        """
        if self._store is None:
            import groupwork.safety  # noqa: F401  (a damaged file's message names its backup)
            from groupwork.store import open_store
            from groupwork.store.database import refuse_unusable_location
            from groupwork.store.journal import journal_news
            from groupwork.store.upgrade_progress import upgrade_listener

            # Before the passphrase is asked for: a missing file has none.
            refuse_unusable_location(self.db_path, create=self.may_create)
            with upgrade_listener(_show_upgrade_step):
                self._store = open_store(self.db_path, self.passphrase(), create=self.may_create)
            news = journal_news(self._store)
            if news:
                click.echo(news, err=True)
        return self._store

    def require_file(self) -> None:
        """Refuse, in the person's words, a command that works on a database file only
        (encrypt, rekey, backup, restore) when ``--db`` names an agency database on a server."""
        from groupwork.store.store import refuse_server_location

        refuse_server_location(self.db_path)

    def passphrase(self) -> str | None:
        """The passphrase for an encrypted database (asked for once); None for a plain one."""
        from groupwork.paths import is_server_database
        from groupwork.store.database import env_passphrase, is_encrypted

        if is_server_database(self.db_path):
            return None  # the server's logins guard an agency database, not a passphrase
        if self._key is None and is_encrypted(self.db_path):
            self._key = env_passphrase() or ask_passphrase(self.db_path)
        return self._key

    def close(self) -> None:
        """Close the store if a command opened it; safe to call when none was."""
        if self._store is not None:
            self._store.close()
            self._store = None


def ask_passphrase(path: Path) -> str:
    """Ask for the passphrase of the encrypted file ``path``; ``PassphraseRequired`` if none
    comes (end of input, Ctrl-C), so the person reads how to give one instead of "Aborted!"."""
    from groupwork.store.database import PassphraseRequired

    return _prompt_secret(
        _("Passphrase for {path}").format(path=path),
        PassphraseRequired(
            _(
                "The database {path} is encrypted: type its passphrase, or set "
                "GROUPWORK_PASSPHRASE. Nothing was changed."
            ).format(path=path)
        ),
    )


def ask_new_passphrase() -> str:
    """A new passphrase typed twice; ``GroupworkError`` if none comes."""
    return _prompt_secret(
        _("New passphrase"),
        GroupworkError(
            _(
                "No new passphrase was given (type it, or set GROUPWORK_NEW_PASSPHRASE). Nothing was changed."
            )
        ),
        confirm=True,
    )


def _prompt_secret(text: str, missing: GroupworkError, confirm: bool = False) -> str:
    # Hidden typing only on a terminal: on a pipe getpass would warn that it cannot hide it.
    try:
        return click.prompt(
            text, hide_input=sys.stdin.isatty(), confirmation_prompt=confirm, err=True
        )
    except click.Abort:
        click.echo(err=True)
        raise missing from None


def fail(message: str) -> None:
    """Print a one-line error and exit non-zero."""
    click.echo(_("Error: {message}").format(message=message), err=True)
    sys.exit(1)


def one_line(message: str) -> str:
    """``message``'s lines as one line: "; " between them, or a space after a line that
    ends its sentence already (never ".;")."""
    joined = ""
    for part in (p.strip() for p in message.splitlines()):
        if not part:
            continue
        if not joined:
            joined = part
        else:
            joined += (" " if joined[-1] in ".!?:;" else "; ") + part
    return joined


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the errors a person can cause into a message and exit status 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except GroupworkError as exc:
            fail(one_line(str(exc)))
        except BrokenPipeError:
            # The reader went away (`groupwork tasks | head`): not an error for the person.
            sys.stderr.close()
            sys.exit(0)
        except OSError as exc:
            fail(os_error_message(exc))
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            from groupwork.store.driver_errors import is_driver_error

            if is_driver_error(exc):
                fail(
                    _("The database could not be used: {reason}").format(
                        reason=describe_system_error(exc)
                    )
                )
            if os.environ.get("GROUPWORK_DEBUG"):
                raise
            # A bug: the person gets one line, the details go to a file for whoever fixes it.
            fail(unexpected_error_message(exc))

    return wrapper


def os_error_message(exc: OSError) -> str:
    """One line for a failed file operation: which file, and why in the person's words."""
    if exc.filename:
        return _("Cannot use the file {path}: {reason}").format(
            path=exc.filename, reason=describe_system_error(exc)
        )
    return _("Cannot use the file: {reason}").format(reason=describe_system_error(exc))


def unexpected_error_message(exc: BaseException) -> str:
    """Save the traceback of an unexpected error to a file and say where it is."""
    import traceback

    from groupwork import paths

    log = paths.errors_log()
    try:
        paths.private_dir(log.parent)
        # Owner-only, like the database: an error's text may quote what was being saved. A
        # log an older version left readable by others (0644) is made owner-only too.
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.fchmod(fd, 0o600)
        with open(fd, "a", encoding="utf-8") as f:
            f.write("".join(traceback.format_exception(exc)) + "\n")
    except OSError:
        return _("Something went wrong inside groupwork ({error}). Nothing more was done.").format(
            error=type(exc).__name__
        )
    return _(
        "Something went wrong inside groupwork ({error}). Nothing more was done. "
        "The details are in {log}."
    ).format(error=type(exc).__name__, log=log)


pass_app = click.make_pass_decorator(AppContext)
"""Decorator that hands a subcommand the ``AppContext``."""

group_argument = click.argument("group_ref", metavar="GROUP")
"""The GROUP argument (a group's name or id) as ``group_ref``; ``store.find_group`` reads it."""


def out_option(help_text: str, required: bool = False) -> Callable[[Callable], Callable]:
    """The ``--out FILE`` option of commands that write a file (``out``: a Path or None)."""
    return click.option(
        "--out",
        "out",
        required=required,
        type=FilePath(dir_okay=False, path_type=Path),
        default=None,
        help=help_text,
    )


force_option = click.option("--force", is_flag=True, help=_("Replace the file if it exists."))
"""``--force``: the one way to let a command replace an existing file (``files.check_output``)."""


def translate_help(command: click.Command) -> None:
    """Translate the help texts of ``command`` and its subcommands into the current language.

    click reads ``help=`` when a module is imported, in English (see ``groupwork.i18n``); this
    keeps each English text as the message id and swaps in its translation, so
    ``groupwork --lang th tasks --help`` is in Thai.
    """
    stack = [command]
    while stack:
        cmd = stack.pop()
        targets = [(cmd, "help"), (cmd, "short_help")]
        targets += [(p, "help") for p in cmd.params if isinstance(p, click.Option)]
        for obj, attr in targets:
            source = obj.__dict__.setdefault(f"_groupwork_msgid_{attr}", getattr(obj, attr))
            if source:
                setattr(obj, attr, _(source))
        # click makes --help once per command and keeps it, in the language of that moment.
        help_option = getattr(cmd, "_help_option", None)
        if help_option is not None:
            help_option.help = _("Show this message and exit.")
        if isinstance(cmd, click.Group):
            stack.extend(cmd.commands.values())


def _show_upgrade_step(step: int, steps: int) -> None:
    """Show "updating the database (n of m)" on one line of a terminal (scripts see nothing)."""
    from groupwork.store.upgrade_progress import upgrade_message

    stream = _stderr()
    if stream.isatty():
        stream.write("\r" + upgrade_message(step, steps) + ("\n" if step == steps else ""))
        stream.flush()


def _stderr():
    """Where notices go (a function, so a test can stand a terminal in)."""
    return sys.stderr
