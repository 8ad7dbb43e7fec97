"""Finding where a text tells of one person, however she is written: for withholding the words
of a member who withdrew her consent (the review: ``privacy.consent_withheld``; exports
that leave: ``privacy.export_gate.gate_export``).

Stricter than the name matcher on purpose: a text mentions her when it links her
(``privacy.links``), holds her pseudonym as written, or holds her real name or a part of it
as a whole word, whatever the words around it ("ครั้งที่ 3 บัวบอกว่า": the matcher would take a
name after a number for the ordinary word). A paragraph that uses her name as an ordinary
word is taken too: missing her costs more than a withheld line.
"""

from __future__ import annotations

import re

from groupwork.models_lazy import models as m
from groupwork.privacy import links
from groupwork.privacy.name_forms import fold, name_variants, normalise


class Mentions:
    """Finds one member in text (see the module's docstring)."""

    def __init__(self, member: m.Member) -> None:
        self.member = member
        self.pseudonym = fold(" ".join(normalise(member.pseudonym).split()))
        self.variants = {fold(v) for v in name_variants(member.real_name)}
        self.latin = [v for v in self.variants if v.isascii()]
        self.thai = frozenset(v for v in self.variants if not v.isascii() and " " not in v)

    def in_text(self, text: str) -> bool:
        """True when ``text`` links, names or may name her."""
        if any(link.record_id == self.member.id for link in links.links_in(text)):
            return True
        plain = fold(links.for_worker(text))
        if self.pseudonym and self.pseudonym in plain:
            return True
        if any(v in plain for v in self.variants if " " in v):
            return True
        if any(re.search(rf"(?<![a-z0-9]){re.escape(v)}(?![a-z0-9])", plain) for v in self.latin):
            return True
        if not any(v in plain for v in self.thai):
            return False
        from groupwork.privacy.thai_words import dictionary, segment

        return any(w in self.thai for w in segment(plain, dictionary(self.thai)))


def without_mentions(text: str, finders: list[tuple[Mentions, str]]) -> tuple[str, int]:
    """``text`` with each paragraph (line) that mentions one of ``finders``' members replaced
    by that finder's notice, and how many paragraphs were replaced."""
    if not text.strip():
        return text, 0
    lines = text.split("\n")
    replaced = 0
    for i, line in enumerate(lines):
        for finder, shown in finders:
            if line.strip() and finder.in_text(line):
                lines[i] = shown
                replaced += 1
                break
    return "\n".join(lines), replaced
