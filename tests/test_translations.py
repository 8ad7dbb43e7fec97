"""Every string a person reads exists in Thai and English, and the compiled catalog is current."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "groupwork" / "locale" / "th" / "LC_MESSAGES" / "groupwork.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "gettext_in": (2,),
    # A word marked with a context (one English word, two Thai ones).
    "pgettext": ((1, "c"), 2),
    "NC_": ((1, "c"), 2),
}


def code_messages_in_context() -> set[tuple[str | None, str]]:
    """Every (context, msgid) marked in the package's Python code; context None when unmarked."""
    found = set()
    for _filename, _lineno, message, _comments, context in extract_from_dir(
        ROOT / "groupwork", keywords=KEYWORDS, comment_tags=()
    ):
        found.add((context, message[0] if isinstance(message, tuple) else message))
    return {(c, m) for c, m in found if m}


def code_messages() -> set[str]:
    """Every msgid marked in the package's Python code."""
    return {msgid for _context, msgid in code_messages_in_context()}


def missing_translations() -> list[str]:
    """Marked strings with no (or a fuzzy) Thai translation ("context|msgid" for a context)."""
    with PO.open("rb") as fh:
        catalog = read_po(fh)
    missing = []
    for context, msgid in sorted(code_messages_in_context(), key=lambda cm: (cm[1], cm[0] or "")):
        message = catalog.get(msgid, context=context)
        text = message.string if message else ""
        if isinstance(text, tuple):
            text = text[0]
        if not message or not text or message.fuzzy:
            missing.append(f"{context}|{msgid}" if context else msgid)
    return missing


def test_every_marked_string_has_a_thai_translation():
    assert missing_translations() == []


def _plain(value):
    # Plural entries (ngettext) come as tuples from the .po and as lists from the .mo.
    return tuple(value) if isinstance(value, list | tuple) else value


def test_compiled_catalog_matches_the_po_file():
    with PO.open("rb") as fh:
        po = {(m.context, _plain(m.id)): _plain(m.string) for m in read_po(fh) if m.id and m.string}
    with MO.open("rb") as fh:
        mo = {
            (m.context, _plain(m.id)): _plain(m.string)
            for m in read_mo(io.BytesIO(fh.read()))
            if m.id
        }
    assert po == mo, "run: python scripts/translations.py compile"


def test_the_catalog_is_used_at_run_time():
    from groupwork.i18n import _, use_language

    with use_language("th"):
        assert _("is required") != "is required"
    with use_language("en"):
        assert _("is required") == "is required"
