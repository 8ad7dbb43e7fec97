"""The one exception family people see.

Every error a person can cause (bad input, unknown group, wrong passphrase) is a
``GroupworkError`` whose message is already in the person's language. The CLI prints it and
exits non-zero; the TUI shows it in a notification or a modal. Anything else is a bug.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from groupwork import labels
from groupwork.i18n import _

if TYPE_CHECKING:  # annotations only: `groupwork --help` has no need of pydantic (~30 ms)
    from pydantic import ValidationError


class GroupworkError(Exception):
    """An error with a message meant for the person using the tool."""

    def __init__(self, message: str, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.title = title or _("Error")

    def __str__(self) -> str:
        return self.message


class NotFoundError(GroupworkError):
    """A group, member, session or task that was asked for does not exist."""


class InvalidInputError(GroupworkError):
    """Something a person typed or imported is not valid; nothing was changed."""

    def __init__(self, lines: Iterable[str], title: str | None = None) -> None:
        self.lines = list(lines)
        super().__init__("\n".join(self.lines), title or _("Invalid input"))


class StorageError(GroupworkError):
    """The database cannot be opened, read or written (damaged, locked, disk full)."""


class DatabaseBusy(StorageError):
    """Another window or command holds the write lock longer than the busy timeout.

    Nothing was written; the live recorder keeps the event and writes it when it can.
    """


class ConnectionLost(DatabaseBusy):
    """The agency's database server went away (stopped, network cut) before a write landed.

    Nothing was acknowledged by the server; the live recorder keeps the event on screen and in
    a journal on this computer (``groupwork.store.journal``) and sends it when the server is
    back. A ``DatabaseBusy`` so the recorder's pending writes treat it the same way.
    """


class NotYoursError(GroupworkError):
    """The agency database refused a group (or a record of it) to this login: not theirs."""


# Messages for pydantic's error types, in our words so they can be translated.
_ERROR_MESSAGES = {
    "missing": "is required",
    "string_too_short": "must not be empty",
    "string_too_long": "is too long (at most {max_length} characters)",
    "string_unicode": "holds a broken character (a lone surrogate); remove it",
    "too_long": "has too many items (at most {max_length})",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
    "greater_than": "must be more than {gt}",
    "less_than": "must be less than {lt}",
    "date_from_datetime_parsing": "must be a date like 2026-11-21",
    # A whole number given for a date is read as seconds since 1970: say what to write.
    "date_from_datetime_inexact": "must be a date like 2026-11-21",
    "int_from_float": "must be a whole number",
    "finite_number": "must be a number",
    "date_parsing": "must be a date like 2026-11-21",
    "date_type": "must be a date like 2026-11-21",
    "datetime_parsing": "must be a date and time like 2026-11-21 14:30",
    "datetime_from_date_parsing": "must be a date and time like 2026-11-21 14:30",
    "datetime_type": "must be a date and time like 2026-11-21 14:30",
    "enum": "must be one of: {expected}",
    "literal_error": "must be one of: {expected}",
    "bool_parsing": "must be yes or no",
    "bool_type": "must be yes or no",
    "string_type": "must be text",
    "list_type": "must be a list",
    "dict_type": "must be an object",
    "model_type": "must be an object",
    "extra_forbidden": "is not a known field",
    "uuid_parsing": "must be an identifier",
}


def _mark_error_messages() -> None:  # pragma: no cover - only here so Babel extracts them
    _("is required")
    _("must not be empty")
    _("is too long (at most {max_length} characters)")
    _("holds a broken character (a lone surrogate); remove it")
    _("has too many items (at most {max_length})")
    _("must be a whole number")
    _("must be a number")
    _("must be at least {ge}")
    _("must be at most {le}")
    _("must be more than {gt}")
    _("must be less than {lt}")
    _("must be a date like 2026-11-21")
    _("must be a date and time like 2026-11-21 14:30")
    _("must be one of: {expected}")
    _("must be yes or no")
    _("must be text")
    _("must be a list")
    _("must be an object")
    _("is not a known field")
    _("must be an identifier")
    _("is not valid here")


def field_label(name: str) -> str:
    """The translated label of a field whose model is not known ("Due date", "วันครบกำหนด").

    Where the model is known, ``groupwork.labels.field_label(model, name)`` gives its own label.
    """
    return labels.field_label(None, name)


def _printable_label(part: str, model: str | None = None) -> str:
    """A field's label, or an unknown field's name made visible and short (an import may
    carry a field named "" or a 10,000-character key)."""
    # Quoted when blank, unprintable or holding the ": " that separates field from message.
    if not part.strip() or ":" in part or not part.isprintable():
        return repr(part)
    label = labels.field_label(model, part)
    return label if len(label) <= 60 else label[:57] + "..."


def render_validation_error(exc: ValidationError) -> list[str]:
    """Turn a pydantic ``ValidationError`` into "field: what is wrong" lines.

    Lines are in the current language. Errors raised by our own validators carry a message
    that is already translated; pydantic's built-in ones are mapped through ``_ERROR_MESSAGES``.
    """
    lines = []
    for error in exc.errors(include_url=False):
        loc = [str(part) for part in error.get("loc", ()) if not isinstance(part, int)]
        # The first part is a field of the model that failed (pydantic names it in ``title``).
        field = (
            " › ".join(
                _printable_label(part, exc.title if i == 0 else None) for i, part in enumerate(loc)
            )
            if loc
            else _("value")
        )
        kind = error.get("type", "")
        if kind == "value_error":
            # Our validators raise ValueError with a translated message.
            message = str(error.get("ctx", {}).get("error", error.get("msg", "")))
        else:
            template = _ERROR_MESSAGES.get(kind)
            ctx = {k: v for k, v in (error.get("ctx") or {}).items()}
            if template is None:
                # pydantic's own English would reach a Thai reader: say it plainly instead.
                message = _("is not valid here")
            else:
                try:
                    message = _(template).format(**ctx)
                except (KeyError, IndexError):
                    message = _(template)
        lines.append(f"{field}: {message}")
    return lines


def invalid_input(exc: ValidationError) -> InvalidInputError:
    """Wrap a pydantic error as the ``InvalidInputError`` people see."""
    return InvalidInputError(render_validation_error(exc))


def _os_reasons() -> dict[int, str]:
    import errno

    return {
        errno.ENOSPC: _("the disk is full"),
        errno.EDQUOT: _("the disk is full"),
        errno.EFBIG: _("the file would be larger than this place allows"),
        errno.EROFS: _("the place is read-only"),
        errno.EACCES: _("you may not write or read there"),
        errno.EPERM: _("you may not write or read there"),
        errno.ENOENT: _("there is no such file or folder"),
        errno.EISDIR: _("it is a folder, not a file"),
        errno.ENOTDIR: _("a part of the path is not a folder"),
    }


# SQLite reports these conditions only in English text; the parts we recognise.
_SQLITE_REASONS = (
    ("disk is full", "the disk is full"),
    ("readonly database", "the place is read-only"),
    ("disk i/o error", "the disk could not be read or written (it may be full)"),
    ("unable to open database file", "the file cannot be opened there"),
    ("locked", "another groupwork window or command is using the database"),
    ("busy", "another groupwork window or command is using the database"),
)


def _mark_sqlite_reasons() -> None:  # pragma: no cover - only here so Babel extracts them
    _("the disk could not be read or written (it may be full)")
    _("the file cannot be opened there")
    _("another groupwork window or command is using the database")


def describe_system_error(exc: BaseException) -> str:
    """Why a file or database operation failed, in the person's language.

    The operating system and SQLite explain failures in English ("[Errno 28] No space left on
    device", "database or disk is full"); the common ones become a short translated reason.
    Anything else keeps its own text, so nothing is hidden.
    """
    code = getattr(exc, "errno", None)
    if isinstance(exc, OSError) and code in _os_reasons():
        return _os_reasons()[code]
    text = str(exc).lower()
    for fragment, reason in _SQLITE_REASONS:
        if fragment in text:
            return _(reason)
    return str(exc)


def is_disk_full(exc: BaseException) -> bool:
    """True when ``exc`` says the disk (or the user's quota) is full."""
    import errno

    if isinstance(exc, OSError) and getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT):
        return True
    return "disk is full" in str(exc).lower()
