"""click's own words ("Usage:", "Options", "Missing argument", "Aborted!") in the person's
language.

click marks its messages with the standard ``gettext`` functions, bound at import time as
``_`` and ``ngettext`` in each of its modules, and looks them up in the process-wide default
domain, which follows the system locale rather than ``--lang``. ``install()`` points those
names at groupwork's catalog instead, so ``groupwork --lang th stages`` says what is missing in
Thai. The Thai for click's messages lives in groupwork's catalog like every other string;
``_mark_click_messages`` lists the ones a person can meet, so extraction finds them.
"""

from __future__ import annotations

import importlib

from groupwork import i18n

_CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
)


def click_gettext(message: str) -> str:
    """click's ``_``: the message in the current language (English when not translated)."""
    return i18n._(message)


def click_ngettext(singular: str, plural: str, n: int) -> str:
    """click's ``ngettext``, from groupwork's catalog."""
    return i18n.ngettext(singular, plural, n)


def install() -> None:
    """Make click translate its messages with groupwork's catalog (idempotent)."""
    for name in _CLICK_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = click_gettext
        if hasattr(module, "ngettext"):
            module.ngettext = click_ngettext


def _mark_click_messages() -> None:  # pragma: no cover - only here so Babel extracts them
    """The msgids exactly as click writes them (placeholders included)."""
    _ = i18n._
    ngettext = i18n.ngettext
    _("Usage:")
    _("Options")
    _("Commands")
    _("Aborted!")
    _("Show this message and exit.")
    _("Show the version and exit.")
    _("%(prog)s, version %(version)s")
    _("default: {default}")
    _("required")
    _("Try '{command} {option}' for help.")
    _("Invalid value: {message}")
    _("Invalid value for {param_hint}: {message}")
    _("Missing argument")
    _("Missing option")
    _("Missing parameter")
    _("Missing command.")
    _("No such option {name!r}.")
    _("No such command {name!r}.")
    _("Option {name!r} does not take a value.")
    _("Repeat for confirmation")
    _("Error: The two entered values do not match.")
    _("Error: invalid input")
    _("{value!r} is not a valid {number_type}.")
    _("{value} is not in the range {range}.")
    _("{value!r} is not a valid boolean. Recognized values: {states}")
    _("file")
    _("directory")
    _("path")
    _("{name} {filename!r} does not exist.")
    _("{name} {filename!r} is a file.")
    _("{name} {filename!r} is a directory.")
    _("{name} {filename!r} is not readable.")
    _("{name} {filename!r} is not writable.")
    _("Could not open file {filename!r}: {message}")
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 1)
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1)
    ngettext(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1
    )
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1)
