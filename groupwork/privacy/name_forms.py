"""How people's names are written: titles, normal forms and the variants that identify a
person. The matcher (``groupwork.privacy.names``) and the rules of where a name stands
(``groupwork.privacy.positions``) both read names through this module, which imports neither.
"""

from __future__ import annotations

import re
import unicodedata

# Titles written before Thai and English names; a name part is the name without them.
TITLES = (
    "นางสาว",
    "นาง",
    "นาย",
    "น.ส.",
    "ด.ช.",
    "ด.ญ.",
    "เด็กชาย",
    "เด็กหญิง",
    "คุณ",
    "Mrs.",
    "Mrs",
    "Mr.",
    "Mr",
    "Ms.",
    "Ms",
    "Miss",
    "Dr.",
    "Dr",
)
_TITLE_KEYS = {t.casefold() for t in TITLES}
# Longest first, so "นางสาว" is taken off before "นาง".
_BY_LENGTH = sorted(TITLES, key=len, reverse=True)
_THAI_TITLES = tuple(t for t in TITLES if not t.isascii())
MIN_PART = 2
"""A name part shorter than this is too common to replace."""
COMMON_ENGLISH = frozenset(
    "may will grant park rose hope mark bill joy faith june april summer dawn sunny jack pat "
    "sue art ray drew chase page young brown white green black hill bell rich frank price "
    "hunter cliff glen penny amber holly ivy lily daisy violet robin".split()
)
"""English names that are common words: a name only with a surname or a title."""
# Characters that are invisible in Thai text but would split a name in two.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# A Latin name must not touch another Latin letter or a digit; Thai letters around it are
# fine ("คุณAnnมา" still loses "Ann").
_LATIN_WORD = r"[a-z0-9\u00c0-\u024f\u00df]"
# Thai letters, vowels and tone marks (not digits, not ๆ ฯ): a name touching one is inside a word.
_THAI_LETTER = re.compile(r"[\u0e01-\u0e3a\u0e40-\u0e4e]")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """``text`` in NFC without invisible characters, so a name is spelled one way."""
    return unicodedata.normalize("NFC", text).translate(_INVISIBLE)


def _fold_char(ch: str) -> str:
    # Thai stays as typed: NFKC would split สระอำ in two and no dictionary word would match.
    if "\u0e00" <= ch <= "\u0e7f":
        return ch
    return unicodedata.normalize("NFKC", ch).casefold()


# Thai and ASCII only: the characters whose fold is their ``casefold()`` (NFKC leaves ASCII
# as it is, and Thai has no case), which is nearly every name and text a group writes.
_THAI_OR_ASCII = re.compile(r"[\x00-\x7f\u0e00-\u0e7f]*")


def fold(text: str) -> str:
    """``text`` as names are compared: normalised, NFKC, case folded (Thai as it is)."""
    normal = normalise(text)
    if _THAI_OR_ASCII.fullmatch(normal):
        # One call instead of a normalisation per character: the same result (tested).
        return normal.casefold()
    return "".join(_fold_char(ch) for ch in normal)


def _folded_with_map(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` for already normalised ``text``, and for each folded position (and
    one past the end) the position in ``text`` it comes from."""
    pieces: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        pieces.append(folded)
        where.extend([i] * len(folded))
    where.append(len(text))
    return "".join(pieces), where


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in text)


def strip_title(part: str) -> str:
    """A name part without a title written onto it ("นางสาวสมศรี" -> "สมศรี", "Dr.Lee" -> "Lee").

    Thai titles are written joined to the name; a Latin title only when it ends in a dot, so
    "Mraz" keeps its "Mr".
    """
    for title in _BY_LENGTH:
        joined = not _is_latin(title) or title.endswith(".")
        if joined and part.startswith(title) and len(part) > len(title):
            return part[len(title) :].lstrip(". ")
    return part


def is_title(part: str) -> bool:
    """True for a title on its own ("คุณ", "mrs")."""
    return part.casefold() in _TITLE_KEYS


def name_variants(*names: str) -> set[str]:
    """The strings that identify a person called ``names`` (real name, pseudonym...)."""
    found: set[str] = set()
    for name in names:
        full = " ".join(normalise(name).split())
        if not full:
            continue
        raw_parts = full.split(" ")
        parts = [strip_title(p) for p in raw_parts]
        found.update({full, " ".join(parts), "".join(raw_parts), "".join(parts)})
        found.update(p for p in raw_parts + parts if not is_title(p))
    return {v for v in found if len(v) >= MIN_PART and not is_title(v)}
