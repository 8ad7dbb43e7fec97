"""Finding people's names in free text and replacing them: the one matcher behind the report's
pseudonymisation, consent-gated exports and erasure.

Who is hidden and what replaces their name is the caller's policy; this module only knows how
names are written:

- ``name_variants``: the strings that identify a person. The full name, each part without its
  title ("นางสาวสมศรี" -> "สมศรี"), and the parts run together ("สมศรีใจดี"), as Thai writers
  often do. Titles alone ("คุณ", "Mrs") identify nobody and are never variants.
- ``NameScrubber``: replaces every variant of the people it was given, longest first. Thai is
  written without spaces between words, so a non-Latin variant is found anywhere, even inside a
  Thai sentence; a Latin one only as a whole word ("Ann" is not removed from "Annual", "A1" not
  from "A10"). Case is ignored, and invisible characters (zero-width spaces, soft hyphens)
  cannot split a name to hide it.
- ``scrub_data``: the same through dumped records (lists and dicts), leaving ids alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

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
MIN_PART = 2
"""A name part shorter than this is too common to replace."""
# Characters that are invisible in Thai text but would split a name in two.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# A Latin name must not touch another Latin letter or a digit; Thai letters around it are
# fine ("คุณAnnมา" still loses "Ann").
_LATIN_WORD = r"[A-Za-z0-9\u00c0-\u024f]"


def normalise(text: str) -> str:
    """``text`` in NFC without invisible characters, so a name is spelled one way."""
    return unicodedata.normalize("NFC", text).translate(_INVISIBLE)


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


class NameScrubber:
    """Replaces the names of some people in free text.

    ``people`` pairs each person's names with what stands for them. A variant that several
    people share with different replacements (a family name) is replaced by ``shared`` instead,
    so it points at none of them; variants in ``keep`` (compared ignoring case) are left as
    they are.
    """

    def __init__(
        self,
        people: Iterable[tuple[Iterable[str], str]],
        *,
        shared: str,
        keep: Iterable[str] = (),
    ) -> None:
        kept = {k.casefold() for k in keep}
        owners: dict[str, set[str]] = {}
        spelled: dict[str, str] = {}
        for names, replacement in people:
            for variant in name_variants(*names):
                key = variant.casefold()
                if key in kept:
                    continue
                owners.setdefault(key, set()).add(replacement)
                spelled[key] = variant
        self._replacement = {
            key: next(iter(found)) if len(found) == 1 else shared for key, found in owners.items()
        }
        alternatives = []
        for key in sorted(self._replacement, key=lambda k: (-len(k), k)):
            escaped = re.escape(spelled[key])
            alternatives.append(
                rf"(?<!{_LATIN_WORD}){escaped}(?!{_LATIN_WORD})" if _is_latin(key) else escaped
            )
        self._pattern = re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None
        self._shared = shared

    def __bool__(self) -> bool:
        return self._pattern is not None

    def variants(self) -> list[str]:
        """The (casefolded) strings replaced, longest first."""
        return sorted(self._replacement, key=lambda k: (-len(k), k))

    def scrub(self, text: str) -> str:
        """``text`` with every name replaced; unchanged (not even normalised) if it has none."""
        if self._pattern is None or not text:
            return text
        cleaned = normalise(text)
        if not self._pattern.search(cleaned):
            return text
        return self._pattern.sub(
            lambda found: self._replacement.get(found.group(0).casefold(), self._shared), cleaned
        )

    __call__ = scrub


def is_reference(field: str) -> bool:
    """True for a field that holds an id (never free text)."""
    return field == "id" or field.endswith("_id") or field.endswith("_ids")


def scrub_data(value: Any, scrub: Callable[[str], str], key: str | None = None) -> Any:
    """``value`` (text, or lists and dicts of text, as dumped records) with ``scrub`` applied to
    every string, except ids and references."""
    if key is not None and is_reference(key):
        return value
    if type(value) is str:  # not StrEnum values: those are stored choices, not text
        return scrub(value)
    if isinstance(value, list):
        return [scrub_data(v, scrub) for v in value]
    if isinstance(value, dict):
        return {k: scrub_data(v, scrub, k) for k, v in value.items()}
    return value
