"""One translation mechanism for every string a person reads: gettext catalogs.

English is the source language; Thai lives in ``groupwork/locale/th/LC_MESSAGES/groupwork.po``
(edited by people) and its compiled ``.mo`` (read at run time). ``scripts/translations.py``
extracts new strings, updates the catalog and compiles it; a test fails when a string in the
code has no Thai translation or the ``.mo`` is stale.

Use ``_("...")`` where the text is shown, so a change of language at run time takes effect at
once. For text defined at import time (labels in tables, enum captions) mark it with ``N_`` and
translate it with ``_`` where it is shown; where one English word needs two translations, mark
it with ``NC_(context, text)`` and show it with ``translate``.
"""

from __future__ import annotations

import gettext
import locale
import os
import threading
from pathlib import Path

DOMAIN = "groupwork"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("th", "en")
"""The languages every screen and report exists in."""

_translations: dict[str, gettext.NullTranslations] = {}


def _catalog(lang: str) -> gettext.NullTranslations:
    if lang not in _translations:
        _translations[lang] = gettext.translation(
            DOMAIN, localedir=LOCALE_DIR, languages=[lang], fallback=True
        )
    return _translations[lang]


def default_language() -> str:
    """The language to start in: ``GROUPWORK_LANG``, else Thai when the locale is Thai."""
    env = os.environ.get("GROUPWORK_LANG", "").strip().lower()
    if env in LANGUAGES:
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "th" if value.lower().startswith("th") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "th" if loc.lower().startswith("th") else "en"


# English until a door (the CLI, the TUI) chooses: text translated at import time (click's help)
# is then English, and the CLI re-translates it once the language is known (translate_help).
_current = "en"
_thread_overrides = threading.local()
"""Per thread, the languages chosen by enclosing ``use_language`` blocks (innermost last)."""


def set_language(lang: str) -> None:
    """Switch every later ``_()`` call to ``lang`` ("th" or "en")."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language: {lang!r} (use one of {', '.join(LANGUAGES)})")
    _current = lang


def current_language() -> str:
    """The language ``_()`` translates into now (in this thread)."""
    overrides = getattr(_thread_overrides, "stack", None)
    return overrides[-1] if overrides else _current


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _catalog(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose English form depends on ``n``."""
    return _catalog(current_language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it yet."""
    return message


Message = str | tuple[str, str]
"""A marked message: its English text (``N_``), or (context, text) (``NC_``)."""


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` as meant in ``context`` (one English word, two Thai ones)."""
    return _catalog(current_language()).pgettext(context, message)


def NC_(context: str, message: str) -> tuple[str, str]:
    """Mark ``message`` with a ``context`` for extraction; ``translate`` it where shown."""
    return (context, message)


def translate(message: Message) -> str:
    """Translate a message marked with ``N_`` or ``NC_`` into the current language."""
    if isinstance(message, tuple):
        return pgettext(*message)
    return _(message)


def gettext_in(lang: str, message: str) -> str:
    """Translate ``message`` into ``lang`` without changing the current language."""
    return _catalog(lang).gettext(message)


class use_language:
    """Context manager: translate into ``lang`` inside the block (reports in a chosen language).

    The choice holds for the calling thread only: a report written in Thai by a TUI worker
    thread must not switch the English screens the main thread is drawing meanwhile.
    """

    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language: {lang!r} (use one of {', '.join(LANGUAGES)})")
        self.lang = lang

    def __enter__(self) -> str:
        _thread_overrides.__dict__.setdefault("stack", []).append(self.lang)
        return self.lang

    def __exit__(self, *exc: object) -> None:
        _thread_overrides.stack.pop()
