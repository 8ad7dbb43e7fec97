"""Where a name that is also an ordinary word stands: the three answers of the matcher.

A person's name that is an ordinary word (ฟ้า sky, ดาว star, นิด a little, ใจดี kind, May, Will)
is a name in some places and the word in others. ``answer_at`` looks at the words around one
occurrence and answers one of three things (``Answer``):

- ``NAME``: certainly the person (after a title, a kinship word, an office; before what a person
  does; standing alone; named with another person) -- it is replaced;
- ``WORD``: certainly the ordinary word (part of a longer word, a unit after a number) -- it is
  kept;
- ``UNDECIDED``: it may be either -- it is kept *and listed*, and a person decides.

The matcher never turns "don't know" into "word": the callers (the review, the pre-share check,
erasure, the withdrawn-member check, the pseudonymised export) list every undecided occurrence.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum

from groupwork.privacy.name_forms import (
    _TITLE_KEYS,
    _is_latin,
    fold,
    name_variants,
    normalise,
    strip_title,
)


class Answer(StrEnum):
    """What one occurrence of a name-word is."""

    NAME = "name"
    """Certainly the person: replaced."""
    WORD = "word"
    """Certainly the ordinary word: kept."""
    UNDECIDED = "undecided"
    """May be either: kept and listed until a person decides."""


class Kind(StrEnum):
    """How sure a name string alone makes it that a person is meant."""

    RARE = "rare"
    """No ordinary word: a name wherever it is a whole word."""
    COMMON = "common"
    """A given name (or nickname) that is also an ordinary word: the position decides."""
    SURNAME = "surname"
    """A family name that is an ordinary word: people are rarely called by it alone, so
    standing alone or before a verb is not enough."""
    JOINED = "joined"
    """A name run together with its surname ("ฟ้าสีคราม"), a part of which is an ordinary
    word: a name only as a whole word, never where an ordinary word runs into it
    ("ท้องฟ้าสีคราม")."""


KINSHIP = ("ป้า", "ลุง", "น้า", "อา", "พี่", "น้อง", "ยาย", "ตา", "ปู่", "ย่า")
"""Kinship words Thai puts before a person's name ("ป้าดาว", "พี่ฟ้า")."""
OFFICES = (
    "ผู้ใหญ่บ้าน",
    "กำนัน",
    "ปลัดอำเภอ",
    "ปลัด",
    "นายอำเภอ",
    "อสม.",
    "อสม",
    "พยาบาล",
    "หมอ",
    "ครู",
    "ตำรวจ",
    "พระ",
    "หลวงพ่อ",
    "ผอ.",
    "นายก",
)
"""Occupations and offices written before a person's name ("ผู้ใหญ่บ้านแดง", "อสม.บัว")."""
PARTICLES = ("ละ", "ล่ะ", "ไหม", "หรือ", "นะ")
"""Particles after a name asking about a person ("แล้วนิดละ จะมาไหม"): never a sure word."""
ABOUT_A_PERSON = ("แล้ว", "ส่วน", "ถาม")
"""Words before "name + particle" that make it a question about that person ("แล้วนิดละ")."""
UNITS = frozenset("เดือน วัน ปี ครั้ง คน บาท ชั่วโมง นาที สัปดาห์ อาทิตย์ ขวบ หลัง ห้อง ข้อ ชิ้น แผ่น ใบ".split())
"""Units counted after a number ("5 เดือน") or shared out by ละ ("เดือนละครั้ง"): a name-word
that is one is the unit -- unless the number is an ordinal ("ครั้งที่ 3 เดือนมา"), which
counts what came before."""
RATINGS = frozenset({"ดาว"})
"""Units only after a number ("โรงแรม 5 ดาว"); "แล้วดาวละ" asks about a person."""
COUNTING = (
    "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า", "สิบ", "ร้อย", "พัน",
    "หลาย", "ทุก", "อีก", "บาง", "กี่", "ครึ่ง",
)  # fmt: skip
"""Words that count what follows, as whole words ("สามเดือน"; not the ร้อย of เรียบร้อย)."""
NAME_VERBS = (
    "พูด", "เล่า", "บอก", "ถาม", "ตอบ", "กล่าว", "แชร์", "เสนอ", "อธิบาย", "ร้องไห้", "หัวเราะ",
    "ยิ้ม", "เงียบ", "มาสาย", "ขาด", "ไม่มา", "ยอมรับ", "รู้สึก", "เห็นด้วย", "ขอบคุณ", "แจ้ง",
    "ชวน", "อาสา", "ขอ",
)  # fmt: skip
"""What members do in a session: right after a name-word ("ดาวเล่าว่า"), it is a person."""
NOT_ONLY_PEOPLE = ("ขาด", "ไม่มา", "เงียบ", "แจ้ง")
"""Of those, what rain, water, a month or the sky can do too ("ฝนไม่มา": the rain did not come,
"น้ำขาด", "เดือนไม่มา", "ฟ้าแจ้ง"): after a name that is also a word, it leaves the place
undecided."""
AUXILIARIES = ("จึง", "ก็", "เลย", "จะ", "ได้", "ยัง", "เคย")
"""Words between a name and its verb ("ฟ้าจึงขอกลับ")."""
PERSON_BEFORE = ("แทน", "กับ", "และ", "ชวน", "เชิญ", "ถาม", "ขอบคุณ", "ชื่นชม", "ปลอบ")
"""Words that take a person: a name-word right after one that ends a clause is a name."""
NOT_ALONE = frozenset({"ๆ", "หน่อย", "ด้วย", "กัน", "แล้ว", "อีก"})
"""Words around which a word standing between spaces is not thereby a name ("ช้า ๆ หน่อย")."""


def neighbour(tokens: list[str], reverse: bool = False) -> str:
    """The nearest word in ``tokens`` that is not a space (from the end when ``reverse``)."""
    for token in reversed(tokens) if reverse else tokens:
        if token.strip():
            return token.strip()
    return ""


def is_number(token: str) -> bool:
    """True for a token of digits (Arabic or Thai)."""
    return bool(token) and all(ch.isdigit() for ch in token)


def after_a_title(previous: str, bare_before: str, titles: tuple[str, ...]) -> bool:
    """True when the name-word follows a title, ชื่อ, a kinship word or an office."""
    if previous in KINSHIP or previous in OFFICES or previous in titles or previous == "ชื่อ":
        return True
    # Thai titles and long offices are written joined to the name and are never word endings.
    long_ones = (*(t for t in titles if not t.isascii() and len(t) > 2), "ชื่อ")
    return bare_before.endswith(long_ones) or bare_before.endswith(
        tuple(o for o in OFFICES if len(o) > 3)
    )


def hidden_after_a_title(
    token: str, end: int, names: dict[str, Kind], protected: Collection[str]
) -> list[tuple[int, int, str, Answer]]:
    """The undecided name-word a dictionary word ``token`` (ending at ``end``) ends with after
    a kinship word or an office ("ตาแดง": pinkeye, or grandpa แดง; "พระจันทร์": the moon, or
    the monk จันทร์), or nothing. The word segmenter keeps such a word whole, so no rule would
    ever see the name in it: without this it would pass silently as the word."""
    for title in (*KINSHIP, *OFFICES):
        rest = token[len(title) :]
        if token.startswith(title) and names.get(rest) == Kind.COMMON and rest not in protected:
            return [(end - len(rest), end, rest, Answer.UNDECIDED)]
    return []


def _after_an_ordinal(bare: str) -> bool:
    """True when ``bare`` ends with an ordinal ("ครั้งที่ 3"): that number counts the sessions,
    so the word after it is not its unit; "เดือน" there is as likely the member เดือน."""
    head = bare.rstrip()
    while head[-1:].isdigit():
        head = head[:-1]
    return head.rstrip().endswith("ที่")


def _starts_with_word(text: str, words: tuple[str, ...]) -> str | None:
    """The one of ``words`` that ``text`` starts with as a whole word, or None: "ของเทียน"
    starts with the letters of ขอ (to ask) but with the word ของ (of)."""
    candidates = sorted((w for w in words if text.startswith(w)), key=len, reverse=True)
    if not candidates:
        return None
    from groupwork.privacy.thai_words import dictionary

    base = dictionary()
    thai = lambda ch: "\u0e01" <= ch <= "\u0e4e"  # noqa: E731
    for word in candidates:
        # A whole word when what follows is not Thai, or a word starts right after it
        # ("บอก|ว่า"); "ขอ|งเทียน" has none.
        following = text[len(word) : len(word) + 1]
        if not following or not thai(following) or any(base.prefixes(text, len(word))):
            return word
    return None


def verb_follows(after: str, verbs: tuple[str, ...] = NAME_VERBS) -> bool:
    """True when what follows starts with what a person does (one of ``verbs``, auxiliaries
    skipped), as whole words: "ดาวขอกลับ" but not "ประกายแสงของเทียน"."""
    rest = after.lstrip()
    for _ in range(2):
        if _starts_with_word(rest, verbs):
            return True
        aux = _starts_with_word(rest, AUXILIARIES)
        if aux is None:
            return False
        rest = rest[len(aux) :].lstrip()
    return _starts_with_word(rest, verbs) is not None


_ONLY_PEOPLE = tuple(v for v in NAME_VERBS if v not in NOT_ONLY_PEOPLE)


def _inside_a_longer_word(folded: str, start: int, end: int, crossing: bool = False) -> bool:
    """True when the name starts or ends an ordinary word ("ฝนตก", "ท้องฟ้า"); with
    ``crossing``, also when one runs into it from before ("ท้องฟ้าสีคราม" for ฟ้าสีคราม:
    only for a joined name, where letters meeting by chance cost nothing)."""
    from groupwork.privacy.thai_words import dictionary, is_word

    base = dictionary()
    if any(len(w) > end - start for w in base.prefixes(folded, start)):
        return True  # starts an ordinary word: "ฝนตก", "ดาวเทียม"
    for back in range(1, min(start, 12) + 1):
        if is_word(folded[start - back : end]):
            return True  # ends one: "ท้องฟ้า", "ความสุข"
        prefixes = base.prefixes(folded, start - back) if crossing else ()
        if any(start - back + len(w) > start for w in prefixes):
            return True  # an ordinary word runs into it: "ท้องฟ้าสีคราม"
    return False


def thai_answer(  # noqa: C901 -- the rules read best as one list, in the order they apply
    folded: str,
    start: int,
    end: int,
    kind: Kind,
    previous: str,
    following: str,
    titles: tuple[str, ...],
    names_another: bool,
) -> Answer:
    """The answer for a Thai name-word of ``kind`` at ``folded[start:end]``; ``previous`` and
    ``following`` are the words next to it (spaces skipped)."""
    before, after = folded[:start], folded[end:]
    bare = before.rstrip()
    if after_a_title(previous, bare, titles) or previous == "นามสกุล":
        return Answer.NAME
    counted = is_number(previous) or previous in COUNTING
    unit = counted and not _after_an_ordinal(bare)
    word = folded[start:end]
    if (unit and word in UNITS | RATINGS) or (following == "ละ" and word in UNITS):
        if not unit and previous in ABOUT_A_PERSON:
            # "แล้วเดือนละ จะมาไหม" (and เดือน, is she coming?) or "แล้วเดือนละ 500" (a month).
            return Answer.UNDECIDED
        return Answer.WORD  # "5 เดือน", "สามเดือน", "เดือนละครั้ง"
    if following in PARTICLES:
        # "แล้วนิดละ จะมาไหม": asked about a person; otherwise it may be either, never a word.
        return (
            Answer.NAME
            if previous in ABOUT_A_PERSON and kind == Kind.COMMON
            else (Answer.UNDECIDED)
        )
    if names_another:
        return Answer.NAME
    thai = lambda ch: "\u0e01" <= ch <= "\u0e4e"  # noqa: E731
    alone_before = not before or not thai(before[-1])
    alone_after = not after or not thai(after[0])
    if kind == Kind.JOINED and _inside_a_longer_word(folded, start, end, crossing=True):
        return Answer.WORD
    if kind == Kind.JOINED and alone_before and (alone_after or verb_follows(after)):
        return Answer.NAME
    if kind == Kind.SURNAME and alone_before and after[:1].strip() and verb_follows(after):
        return Answer.NAME  # "แสงทองเสนอข้อแรก"; not "ดีมาก ยิ้ม", a verb after a space
    if alone_after and bare.endswith(PERSON_BEFORE) and kind != Kind.JOINED:
        return Answer.NAME
    if kind == Kind.COMMON:
        lonely = previous in NOT_ALONE or following in NOT_ALONE
        if alone_before and alone_after and not lonely:
            return Answer.NAME
        if verb_follows(after, _ONLY_PEOPLE):
            return Answer.NAME
        if verb_follows(after):
            return Answer.UNDECIDED  # "ฝนไม่มา": the rain, or ฝน, did not come
    if counted or (bare[-1:].isdigit()):
        return Answer.UNDECIDED  # "ครั้งที่ 5 ฟ้า...": a name after a number is never a word
    if _inside_a_longer_word(folded, start, end):
        return Answer.WORD
    return Answer.UNDECIDED


def variant_kinds(name: str) -> list[tuple[str, Kind]]:
    """Every variant of one name with how it is judged (``positions.Kind``)."""
    from groupwork.privacy.thai_words import is_word, words

    full = " ".join(normalise(name).split())
    raw_parts = full.split(" ") if full else []
    parts = [strip_title(p) for p in raw_parts]
    out = []
    for variant in name_variants(name):
        key = fold(variant)
        pieces = key.split(" ")
        is_surname = len(parts) > 1 and key in {fold(p) for p in parts[1:]} and len(pieces) == 1
        if _is_latin(key):
            # An English family name is often a word (Mason, Baker, Stone): told apart in
            # lower case (``NameScrubber._latin_answer``). A Latin title is a part of its own.
            named = [fold(p) for p in parts if p and fold(p).rstrip(".") not in _TITLE_KEYS]
            surname = len(pieces) == 1 and key in named[1:]
            out.append((variant, Kind.SURNAME if surname else Kind.RARE))
            continue
        # A family name made of ordinary words ("สีคราม", "ดีมาก") reads as them as easily.
        is_surname = is_surname and (is_word(key) or all(is_word(w) for w in words(key)))
        joined = len(parts) > 1 and key in {fold("".join(parts)), fold("".join(raw_parts))}
        if joined and any(is_word(fold(p)) for p in parts):
            out.append((variant, Kind.JOINED))
        elif is_surname:
            out.append((variant, Kind.SURNAME))
        elif len(pieces) == 1:
            out.append((variant, Kind.COMMON))  # judged by position if it is a word
        else:
            out.append((variant, Kind.RARE))
    return out
