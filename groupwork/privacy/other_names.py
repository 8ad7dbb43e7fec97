"""Names the scrubber cannot know: people named in notes who are not members.

Notes often name a partner, a child, a teacher or an official. The scrubber only knows the
members, so before anything is shared the pre-share check flags words that look like a person's
name, with where they occur, and the worker decides for each: replace it (it becomes
"[name withheld]" in every shared output) or keep it. The choice is stored
(``Store.decide_other_name``) and applied by the scrubber (``privacy.naming.build_naming``).

What is flagged (no NER model: PyThaiNLP's Thai given- and family-name lists, offline):

- a word in the given- or family-name lists that is not an ordinary Thai word ("สมชาย");
- a word in those lists that is also an ordinary word (แก้ว, ทอง, มานะ), or that is ordinary
  words run together where it stands (สม+ชาย, บุญ+มี, ทอง+หนัก, มา+สอน), after a title, a
  kinship word or an office (คุณ, นาย, พี่, ลุง, ป้า, ชื่อ, ผู้ใหญ่บ้าน, พยาบาล, อสม. ...),
  or without one where a deed follows ("สมชายมาด้วย", "มานะเล่าว่า"; ``_flagged``): a bare
  name at the start of a sentence is listed, never dropped, while "ทองหนักสองบาท" is not;
- a word no list knows right after a title, a kinship word or an office;
- a Latin word written with a capital after an English title ("Mr Smith").

Members' names and pseudonyms are never flagged (the scrubber handles them), nor is a word the
worker already decided about (``check_names`` reports the decisions).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from groupwork.privacy.name_forms import TITLES, fold, name_variants, normalise
from groupwork.privacy.positions import (
    ABOUT_A_PERSON,
    AUXILIARIES,
    KINSHIP,
    NAME_VERBS,
    OFFICES,
    PARTICLES,
    PERSON_BEFORE,
    UNITS,
    is_number,
)

BEFORE_A_NAME = (
    *(t for t in TITLES if not t.isascii()),
    *KINSHIP,
    *OFFICES,
    "ชื่อ",
    "ลูกชื่อ",
    "สามีชื่อ",
    "ภรรยาชื่อ",
)
"""Words after which a name-list word that is also an ordinary word is taken as a name."""
_JOINED_BEFORE = tuple(b for b in BEFORE_A_NAME if len(b) > 3 or b in TITLES)
"""Titles and long offices, written joined to the word before ("ลูกชื่อ", "นางสาว")."""
_GRAMMAR = frozenset(
    "ที่ ว่า ของ และ เป็น ให้ ได้ จะ ก็ นี้ นั้น ไม่ มี กับ แต่ หรือ ซึ่ง อยู่ มา ไป สามี ภรรยา".split()
)
"""Words of grammar that are also in the name lists ("ชื่อที่อยากให้เรียก"): never a name."""
DEEDS = (*NAME_VERBS, "มา", "ไป", "โทร", "อยาก")
"""What a person does: a name-list word right before one may be a person ("สมชายมาด้วย")."""
CLAUSE_OPENERS = (*ABOUT_A_PERSON, "วันนี้", "เมื่อวาน", "ตอนนี้", "ต่อมา", "จากนั้น", "พอ")
"""Words after which a new clause starts with its subject ("วันนี้มานะเล่าว่า...")."""
_BEFORE_A_VERB = frozenset(
    "เริ่ม ช่วย ลอง อยาก ต้อง ค่อย กล้า พยายาม ชอบ เลิก หยุด ตั้งใจ ยัง เคย คง ควร".split()
)
"""Words that stand before another verb ("เริ่มเล่าความรู้สึก"): never a name opening a clause."""
_LATIN_AFTER_TITLE = re.compile(
    r"(?<![A-Za-z])(?:Mrs|Mr|Ms|Miss|Dr)\.?\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
)
_THAI = re.compile(r"[\u0e01-\u0e4e]")


@dataclass
class Flag:
    """A word that may be the name of someone who is not a member, and where it occurs
    (``(where, context)`` pairs, as ``privacy.naming.where_in`` names a field)."""

    name: str
    places: list[tuple[str, str]] = field(default_factory=list)


@cache
def _name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(names that are not ordinary words, names that are) from PyThaiNLP's name lists."""
    from pythainlp.corpus import thai_family_names, thai_female_names, thai_male_names

    from groupwork.privacy.thai_words import is_word

    every = set(thai_female_names()) | set(thai_male_names()) | set(thai_family_names())
    every = {n for n in every if len(n) >= 2}
    ordinary = frozenset(n for n in every if is_word(n))
    return frozenset(every - ordinary), ordinary


def likely_names(text: str, known: Iterable[str] = ()) -> list[str]:
    """Words in ``text`` that look like a person's name, in order, without ``known`` ones
    (members' names, decided words; compared folded)."""
    from groupwork.privacy.thai_words import dictionary, is_word, segment

    text = normalise(text)
    skip = _folded(frozenset(known))
    found: list[str] = [
        hit.group(1)
        for hit in _LATIN_AFTER_TITLE.finditer(text)
        if fold(hit.group(1)) not in skip
        and not all(fold(word) in skip for word in hit.group(1).split())
    ]
    if not _THAI.search(text):
        return found
    names, ordinary = _name_lists()
    trie = _dictionary_with(skip)
    tokens = segment(text, trie)
    plain: set[int] | None = None  # word ends in the text split without the name lists
    at = 0
    for i, token in enumerate(tokens):
        start, at = at, at + len(token)
        if token in skip or len(token) < 2 or token in _GRAMMAR:
            continue
        previous = tokens[i - 1].strip() if i else ""
        spaced = previous == "" and i > 1
        if spaced:
            previous = tokens[i - 2]
        # Short kinship words (ตา, อา) only as whole words: many words end in their letters; and
        # across a space only a title ("คุณ แก้ว"), not an office ("ตำรวจ ใจเย็น").
        after_title = (previous in BEFORE_A_NAME or previous.endswith(_JOINED_BEFORE)) and (
            not spaced or previous in TITLES
        )
        if token in names or token in ordinary:
            if plain is None:
                plain = _word_ends(segment(text, dictionary(frozenset(TITLES))))
            # Letters of a name inside ordinary words ("ทำบุญมากขึ้น" holds บุญมาก) are not one.
            if start not in plain or at not in plain:
                continue
            split_here = any(start < end < at for end in plain)
            place = (text, start, at, plain)
            if _flagged(token in names, split_here, after_title, previous, place):
                found.append(token)
        elif after_title and _THAI.match(token) and not is_word(token):
            found.append(token)  # a word no list knows, right after a title
        elif (after_title or is_number(previous)) and _word_named(token, previous):
            # A word the lists lack (ฟ้า, ดาว, บัว) right after a title, kinship word or
            # office, or after a number, where what a person does follows: "ป้าบัวมาด้วย",
            # "อสม.ดาวมาเยี่ยม", "ครั้งที่ 5 ฟ้าบอกว่า".
            if plain is None:
                plain = _word_ends(segment(text, dictionary(frozenset(TITLES))))
            deeds = NAME_VERBS if is_number(previous) else DEEDS
            if start in plain and at in plain and _a_person_does(text, at, plain, deeds):
                found.append(token)
    return found


@lru_cache(maxsize=8)
def _folded(known: frozenset[str]) -> frozenset[str]:
    # One pre-share check asks about hundreds of texts with the same known names.
    return frozenset(fold(k) for k in known)


@lru_cache(maxsize=8)
def _dictionary_with(skip: frozenset[str]) -> Any:
    from groupwork.privacy.thai_words import dictionary

    names, _ordinary = _name_lists()
    return dictionary(names | frozenset(k for k in skip if _THAI.search(k)) | frozenset(TITLES))


_PEOPLE_WORDS = frozenset(
    "แม่ พ่อ ลูก เพื่อน คน สมาชิก ทุกคน เขา เธอ หนู ผม ฉัน เด็ก ผู้ชาย ผู้หญิง ตัวเอง".split()
)
"""Words for a person that are not a name ("ปี 2566 แม่บอกว่า")."""


def _word_named(token: str, previous: str) -> bool:
    """True when ``token`` (an ordinary word) may be a name after ``previous``: not a word
    of grammar, a deed, a unit counted after a number, a kinship word, an office or a word
    for a person."""
    return bool(_THAI.match(token)) and not (
        token in _GRAMMAR
        or token in _BEFORE_A_VERB
        or token in _PEOPLE_WORDS
        or token in UNITS
        or token in KINSHIP
        or token in OFFICES
        or token.startswith(DEEDS)
        or (previous in TITLES and token in TITLES)
    )


def _flagged(
    rare: bool,
    split_here: bool,
    after_title: bool,
    previous: str,
    place: tuple[str, int, int, set[int]],
) -> bool:
    """Whether a name-list word standing as a whole word at ``text[start:at]`` is flagged
    (``place``: the text, where the word starts and ends, the word ends of the text).

    ``rare``: no ordinary word; ``split_here``: ordinary words run together where it stands
    (สม+ชาย, ทอง+หนัก, มา+สอน). Flagged means listed for a person to decide, never replaced.
    """
    # "แล้วมานะล่ะ": asked about a person.
    text, start, at, plain = place
    asked = previous in ABOUT_A_PERSON and text[at:].lstrip().startswith(PARTICLES)
    does = asked or _a_person_does(text, at, plain)
    if after_title:
        # "ครูมาสอนวันนี้": after an office or a kinship word, a name made of words that start
        # with a deed is that person doing it -- unless a deed follows the whole ("ครูมาลีบอก").
        if split_here and previous not in TITLES and text[start:at].startswith(DEEDS):
            return does
        return True
    if rare and not split_here:
        return True
    if rare:
        # Ordinary words run together ("สมชายมาด้วย", but "ทองหนักสองบาท"): a person only
        # where a deed follows or a word that takes a person comes before ("มากับสมชาย").
        return does or previous in PERSON_BEFORE
    # A name that is itself an ordinary word (มานะ, แก้ว, น้ำ): where it opens a clause and
    # what a member does in a session follows ("มานะเล่าว่า"); not มา or ไป, which make
    # phrases of ordinary words ("ผ่านไป 5 เดือน", "น้ำมาถึงบ้าน").
    opens = start == 0 or not _THAI.match(text[start - 1]) or previous in CLAUSE_OPENERS
    return (
        opens
        and text[start:at] not in _BEFORE_A_VERB
        and (asked or _a_person_does(text, at, plain, NAME_VERBS))
    )


def _a_person_does(text: str, at: int, plain: set[int], deeds: tuple[str, ...] = DEEDS) -> bool:
    """True when one of ``deeds`` starts at ``text[at:]`` as a whole word (``plain``: the
    word ends; "มา" but not the มา of "มาก"), auxiliaries and ไม่ skipped."""
    for _ in range(3):
        while text[at : at + 1].isspace():
            at += 1
        # A short deed must end a word ("มา", not the มา of "มาก"); a longer one need not, as
        # word splitting cuts "บอกว่า" as บอ+กว่า.
        if any(text.startswith(d, at) and (len(d) > 2 or at + len(d) in plain) for d in deeds):
            return True
        aux = next((a for a in (*AUXILIARIES, "ไม่") if text.startswith(a, at)), None)
        if aux is None or at + len(aux) not in plain:
            return False
        at += len(aux)
    return False


def _word_ends(tokens: list[str]) -> set[int]:
    ends, at = {0}, 0
    for token in tokens:
        at += len(token)
        ends.add(at)
    return ends


def member_names(members) -> set[str]:
    """Every way the members' names and pseudonyms are written (never flagged)."""
    known: set[str] = set()
    for member in members:
        known |= name_variants(member.real_name, member.pseudonym)
    return known


def flag_other_names(texts: Iterable[tuple[str, str]], known: Iterable[str]) -> list[Flag]:
    """Flags for ``texts`` (``(where, text)`` pairs), most frequent first."""
    known = frozenset(known)
    flags: dict[str, Flag] = {}
    # A review repeats texts (a theme, a title, a note copied forward): each distinct one is
    # split into words once.
    found: dict[str, list[str]] = {}
    for where, text in texts:
        names = found.get(text)
        if names is None:
            names = found[text] = likely_names(text, known)
        for name in names:
            at = text.find(name)
            context = " ".join(text[max(0, at - 20) : at + len(name) + 20].split())
            flags.setdefault(name, Flag(name)).places.append((where, context))
    return sorted(flags.values(), key=lambda f: (-len(f.places), f.name))
