"""Keeping members' real names out of the report.

Two jobs:

- ``Naming.label``: how a member is called in the report. By default their pseudonym/code;
  with ``--names`` their real name, but only when the consent in force covers
  ``ConsentScope.SHARED_IN_REPORT`` (everyone else stays pseudonymous and is listed in
  ``withheld`` so the command can say so).
- ``Naming.scrub``: remove real names from free text (notes, narratives, themes, task titles)
  that a facilitator typed. Thai is written without spaces between words, so a name inside a
  Thai sentence has no word boundary to find: we replace the full name and each of its given
  and family-name parts as plain substrings, longest first, so "สมศรี ใจดี" and "สมศรี" alone
  both go. Latin-script parts must stand as whole words ("Ann" is not removed from "Annual").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from groupwork import models as m
from groupwork.i18n import _

# Titles written before Thai and English names; a name part is the name without them.
_TITLES = (
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
)
# Characters that are invisible in Thai text but would split a name in two.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_MIN_PART = 2
# A Latin name part must not touch another Latin letter; Thai letters around it are fine
# ("คุณAnnมา" still loses "Ann").
_LATIN_LETTER = r"[A-Za-z\u00c0-\u024f]"


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_INVISIBLE)


def _strip_title(part: str) -> str:
    for title in sorted(_TITLES, key=len, reverse=True):
        if part.startswith(title) and len(part) > len(title):
            return part[len(title) :].lstrip(". ")
    return part


def name_variants(real_name: str) -> set[str]:
    """The strings that identify a person: the full name, and each part without titles."""
    full = " ".join(_normalise(real_name).split())
    if not full:
        return set()
    raw_parts = full.split(" ")
    parts = [_strip_title(p) for p in raw_parts]
    # Thai writers often run given and family name together ("สมศรีใจดี").
    variants = {full, " ".join(parts), "".join(raw_parts), "".join(parts)}
    variants.update(p for p in raw_parts + parts if len(p) >= _MIN_PART and p not in _TITLES)
    return {v for v in variants if len(v) >= _MIN_PART}


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in text)


@dataclass
class Naming:
    """How members are named in one report, and the scrubber for free text."""

    labels: dict[str, str]
    """Member id -> the name shown in the report."""
    withheld: list[str] = field(default_factory=list)
    """Pseudonyms of members whose real names were asked for but not consented to."""
    _pattern: re.Pattern[str] | None = None
    _replacement: dict[str, str] = field(default_factory=dict)

    def label(self, actor_id: str | None) -> str:
        """The name shown for a member id (or the facilitator)."""
        if actor_id is None:
            return ""
        if actor_id == m.FACILITATOR:
            return _("Facilitator")
        return self.labels.get(actor_id, _("(unknown member)"))

    def scrub(self, text: str | None) -> str:
        """``text`` with every protected real name replaced by that member's label."""
        if not text:
            return ""
        text = _normalise(text)
        if self._pattern is None:
            return text
        return self._pattern.sub(
            lambda found: self._replacement.get(found.group(0).casefold(), _("[name withheld]")),
            text,
        )

    def scrub_all(self, texts: Iterable[str]) -> list[str]:
        """Scrub each text in a list (themes, questions), dropping empty ones."""
        return [t for t in (self.scrub(x) for x in texts) if t.strip()]


def build_naming(
    members: Iterable[m.Member],
    consents: dict[str, m.Consent | None],
    *,
    names: bool = False,
) -> Naming:
    """The naming for a report: pseudonyms, or real names where consent allows (``names``)."""
    members = list(members)
    labels: dict[str, str] = {}
    withheld: list[str] = []
    protected: list[m.Member] = []
    for member in members:
        consent = consents.get(member.id)
        may_name = (
            names
            and not member.erased
            and consent is not None
            and consent.covers(m.ConsentScope.SHARED_IN_REPORT)
        )
        if may_name:
            labels[member.id] = member.real_name
        else:
            labels[member.id] = member.pseudonym
            protected.append(member)
            if names and member.is_selected:
                withheld.append(member.pseudonym)

    # Which member each variant points to; a part two members share (a family name) is
    # replaced by a neutral word rather than by one of them.
    owners: dict[str, set[str]] = {}
    spelled: dict[str, str] = {}
    for member in protected:
        for variant in name_variants(member.real_name):
            key = variant.casefold()
            owners.setdefault(key, set()).add(member.id)
            spelled[key] = variant
    # A protected name part that is also a named member's shown name stays (it is shown anyway).
    shown = {labels[x.id].casefold() for x in members if x not in protected}
    replacement: dict[str, str] = {}
    for key, ids in owners.items():
        if key in shown:
            continue
        replacement[key] = labels[next(iter(ids))] if len(ids) == 1 else _("[name withheld]")
    if not replacement:
        return Naming(labels=labels, withheld=sorted(withheld))

    alternatives = []
    for key in sorted(replacement, key=len, reverse=True):
        escaped = re.escape(spelled[key])
        alternatives.append(
            rf"(?<!{_LATIN_LETTER}){escaped}(?!{_LATIN_LETTER})" if _is_latin(key) else escaped
        )
    pattern = re.compile("|".join(alternatives), re.IGNORECASE)
    return Naming(
        labels=labels, withheld=sorted(withheld), _pattern=pattern, _replacement=replacement
    )
