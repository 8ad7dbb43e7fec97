"""Finding people's names in free text and replacing them: the one matcher behind the report's
pseudonymisation, consent-gated exports and erasure.

Who is hidden and what replaces their name is the caller's policy; this module only knows how
names are written:

- ``name_variants``: the strings that identify a person. The full name, each part without its
  title ("นางสาวสมศรี" -> "สมศรี"), and the parts run together ("สมศรีใจดี"), as Thai writers
  often do. Titles alone ("คุณ", "Mrs") identify nobody and are never variants.
- ``NameScrubber``: replaces whole words, never letters inside a word. Thai is written without
  spaces, and Thai names are ordinary words or syllables (พร in พรุ่งนี้ and เพราะ), so Thai text
  is split into words first (``groupwork.thai_words``, with the names and titles added to the
  dictionary so a name is one word) and a name is replaced only where it is one or more whole
  words. A Latin name is matched on word boundaries ("Ann" is not removed from "Annual").
  Both are compared after NFKC normalisation and case folding (a fullwidth "Ｓｏｍｃｈａｉ" is
  Somchai), and invisible characters (zero-width spaces, soft hyphens) cannot split a name.
- The common-word rule: a name that is also an ordinary Thai word (น้ำ water, ดาว star, ฝน rain,
  พร blessing) is replaced only where it is a name for sure: after a title ("คุณน้ำ"), standing
  alone between spaces or punctuation, or before a verb of what a person does in a group
  ("น้ำเล่าว่า", see ``NAME_VERBS``). Where it starts or ends an ordinary word with its
  neighbour ("ฝนตก", "ความสุข") it is that word. Anywhere else it is left as written and
  reported as a ``Spot`` a person should re-read.
- ``scrub_data``: the same through dumped records (lists and dicts), leaving ids alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

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
NAME_VERBS = (
    "พูด",
    "เล่า",
    "บอก",
    "ถาม",
    "ตอบ",
    "กล่าว",
    "แชร์",
    "เสนอ",
    "อธิบาย",
    "ร้องไห้",
    "หัวเราะ",
    "ยิ้ม",
    "เงียบ",
    "มาสาย",
    "ขาด",
    "ไม่มา",
    "ยอมรับ",
    "รู้สึก",
    "เห็นด้วย",
    "ขอบคุณ",
    "แจ้ง",
    "ชวน",
    "อาสา",
)
"""Words that, right after a name which is also a common word, show it is a person's name:
what members do in a session ("ดาวเล่าว่า", "ฝนมาสาย")."""
_THAI_BEFORE_NAME = (*(t for t in TITLES if not t.isascii()), "ชื่อ")
"""A title, or ชื่อ ("named"): what follows is a name."""
PERSON_BEFORE = ("แทน", "กับ", "และ", "ชวน", "เชิญ", "ถาม", "ขอบคุณ", "ชื่นชม", "ปลอบ")
"""Words that take a person: a common-word name right after one of them that ends a clause
("เปิดวงแทนใจดี", "นั่งข้างกับดาว.") is a name."""
COUNTING_BEFORE = (
    "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า", "สิบ", "ร้อย", "พัน",
    "หลาย", "ทุก", "อีก", "บาง", "กี่", "ครึ่ง",
)  # fmt: skip
"""Words that count what follows: a common-word name after one ("สามเดือน", "ทุกวัน") or
before ละ ("เดือนละครั้ง") is the ordinary word (a month, a day), not a person."""
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


def fold(text: str) -> str:
    """``text`` as names are compared: normalised, NFKC, case folded (Thai as it is)."""
    return "".join(_fold_char(ch) for ch in normalise(text))


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


class Spot(NamedTuple):
    """A name that is also a common word, left as written where it may be either: a person
    should re-read ``context`` (the text around it) before sharing."""

    word: str
    context: str


class Match(NamedTuple):
    """One place a name was found: ``start``/``end`` in the (normalised) text, the key of the
    variant, and whether it is replaced (False: a spot to re-read)."""

    start: int
    end: int
    key: str
    replaced: bool


class NameScrubber:
    """Replaces the names of some people in free text, word by word.

    ``people`` pairs each person's names with what stands for them. A variant that several
    people share with different replacements (a family name) is replaced by ``shared`` instead,
    so it points at none of them; variants in ``keep`` (compared ignoring case) are left as
    they are. ``replace_uncertain`` also replaces a common-word name where it may be either
    (what would otherwise be a spot to re-read): for erasure, where the person must go even at
    the cost of an ordinary word. It is still never replaced inside a longer word.
    """

    def __init__(
        self,
        people: Iterable[tuple[Iterable[str], str]],
        *,
        shared: str,
        keep: Iterable[str] = (),
        replace_uncertain: bool = False,
    ) -> None:
        kept = {fold(k) for k in keep}
        self._replace_uncertain = replace_uncertain
        owners: dict[str, set[str]] = {}
        for names, replacement in people:
            for variant in name_variants(*names):
                key = fold(variant)
                if key in kept or len(key) < MIN_PART:
                    continue
                owners.setdefault(key, set()).add(replacement)
        self._replacement = {
            key: next(iter(found)) if len(found) == 1 else shared for key, found in owners.items()
        }
        self._shared = shared
        latin = sorted((k for k in owners if _is_latin(k)), key=lambda k: (-len(k), k))
        # The word edges once around the alternation, not around each name: the same matches
        # (a name failing the edge after it backtracks to the next, as before), and compiling
        # it costs one character class, not two per name (a scrubber is made per group).
        self._latin = (
            re.compile(rf"(?<!{_LATIN_WORD})(?:{'|'.join(map(re.escape, latin))})(?!{_LATIN_WORD})")
            if latin
            else None
        )
        self._thai = {k for k in owners if not _is_latin(k)}
        # A quick look for the letters of any Thai name before splitting a text into words.
        thai = sorted(self._thai, key=lambda k: (-len(k), k))
        self._thai_letters = re.compile("|".join(map(re.escape, thai))) if thai else None
        self._trie: Any = None
        # One output scrubs the same text many times (a title on every page, a theme in
        # several sections): each distinct text is scrubbed once per scrubber.
        self._done: dict[str, tuple[str, list[Spot]]] = {}

    def __bool__(self) -> bool:
        return bool(self._replacement)

    def variants(self) -> list[str]:
        """The (folded) strings replaced, longest first."""
        return sorted(self._replacement, key=lambda k: (-len(k), k))

    def _dictionary(self) -> Any:
        # Built on first use: a report without Thai names never loads the Thai dictionary.
        if self._trie is None:
            from groupwork.thai_words import dictionary

            words = {k for k in self._thai if not _SPACE.search(k)}
            words |= {fold(t) for t in TITLES if not _is_latin(t)}
            self._trie = dictionary(frozenset(words))
        return self._trie

    def matches(self, text: str) -> list[Match]:
        """Where names are in ``text`` (already ``normalise``-d), in order."""
        folded, where = _folded_with_map(text)
        found = [
            (hit.start(), hit.end(), hit.group(0), True)
            for hit in (self._latin.finditer(folded) if self._latin else ())
        ]
        if self._thai_letters is not None and self._thai_letters.search(folded):
            found += self._thai_matches(folded)
        found.sort()
        kept: list[Match] = []
        for start, end, key, replaced in found:
            if kept and start < kept[-1].end:
                continue  # overlapping Latin and Thai finds: the first wins
            kept.append(Match(start, end, key, replaced))
        return [Match(where[s], where[e], k, r) for s, e, k, r in kept]

    def _thai_matches(self, folded: str) -> list[tuple[int, int, str, bool]]:
        from groupwork.thai_words import is_word, segment

        trie = self._dictionary()
        tokens: list[str] = []
        # Spaces end Thai words: only the stretches holding a name's letters are split.
        for chunk in re.split(r"(\s+)", folded):
            if chunk and not chunk.isspace() and self._thai_letters.search(chunk):
                tokens += segment(chunk, trie)
            elif chunk:
                tokens.append(chunk)
        return self._in_tokens(folded, 0, tokens, is_word)

    def _in_tokens(self, folded, offset, tokens, is_word) -> list[tuple[int, int, str, bool]]:
        starts = [offset]
        for token in tokens:
            starts.append(starts[-1] + len(token))
        ends = set(starts)
        found = []
        i = 0
        while i < len(tokens):
            start = starts[i]
            # The longest name that starts here and ends where a word ends.
            candidates = [
                k for k in self._thai if folded.startswith(k, start) and start + len(k) in ends
            ]
            if not candidates:
                i += 1
                continue
            key = max(candidates, key=len)
            end = start + len(key)
            replaced = not is_word(key) or self._is_a_name_here(folded, start, end, is_word)
            if replaced is False and self._replace_uncertain:
                replaced = True
            if replaced is not None:
                found.append((start, end, key, replaced))
            while i < len(tokens) and starts[i] < end:
                i += 1
        return found

    def _is_a_name_here(self, folded: str, start: int, end: int, is_word) -> bool | None:
        """The common-word rule for a name that is also an ordinary word at ``start:end``:
        True (a name: replace), None (the ordinary word: leave), False (may be either:
        leave and list as a spot to re-read)."""
        before = folded[:start]
        bare = before.rstrip()
        if any(bare.endswith(fold(t)) for t in _THAI_BEFORE_NAME) or (
            bare.split()[-1:] and bare.split()[-1] in _TITLE_KEYS
        ):
            return True
        after = folded[end:]
        if bare.endswith(COUNTING_BEFORE) or bare[-1:].isdigit() or after.startswith("ละ"):
            return None  # counted: "สามเดือน", "5 เดือน", "เดือนละครั้ง"
        alone_before = not before or not _THAI_LETTER.match(before[-1])
        alone_after = not after or not _THAI_LETTER.match(after[0])
        if alone_before and alone_after:
            return True
        if after.lstrip().startswith(NAME_VERBS):
            return True
        if alone_after and bare.endswith(PERSON_BEFORE):
            return True
        if self._names_another(after):
            return True
        if (
            bare.endswith(COUNTING_BEFORE)
            or (bare and bare[-1].isdigit())
            or after.startswith("ละ")
        ):
            return None
        from groupwork.thai_words import dictionary

        base = dictionary()
        # Part of a longer ordinary word with its neighbour: "ฝนตก", "ความสุข".
        if any(len(w) > end - start for w in base.prefixes(folded, start)):
            return None
        for back in range(1, min(start, 12) + 1):
            if is_word(folded[start - back : end]):
                return None
        return False

    def _names_another(self, after: str) -> bool:
        """True when ``after`` goes on "and X" / "with X", X a name that is no ordinary word
        ("บุษบากับกนกวรรณ"): two people named together."""
        from groupwork.thai_words import is_word

        rest = after.lstrip()
        for joiner in ("กับ", "และ"):
            if rest.startswith(joiner):
                rest = rest[len(joiner) :].lstrip()
                return any(rest.startswith(k) and not is_word(k) for k in self._thai)
        return False

    def scrub_with_spots(self, text: str) -> tuple[str, list[Spot]]:
        """``text`` with every name replaced, and the spots to re-read; ``text`` comes back
        unchanged (not even normalised) if it holds no name."""
        if not self._replacement or not text:
            return text, []
        done = self._done.get(text)
        if done is None:
            done = self._done[text] = self._scrub_with_spots(text)
        return done[0], list(done[1])

    def _scrub_with_spots(self, text: str) -> tuple[str, list[Spot]]:
        cleaned = normalise(text)
        found = self.matches(cleaned)
        if not found:
            return text, []
        pieces: list[str] = []
        spots: list[Spot] = []
        last = 0
        for match in found:
            if not match.replaced:
                word = cleaned[match.start : match.end]
                spots.append(Spot(word, words_around(cleaned, match.start, match.end, 20)))
                continue
            pieces.append(cleaned[last : match.start])
            pieces.append(self._replacement.get(match.key, self._shared))
            last = match.end
        if not pieces:
            return text, spots
        pieces.append(cleaned[last:])
        return "".join(pieces), spots

    def scrub(self, text: str) -> str:
        """``text`` with every name replaced; unchanged (not even normalised) if it has none."""
        return self.scrub_with_spots(text)[0]

    __call__ = scrub


def words_around(text: str, start: int, end: int, reach: int = 30) -> str:
    """``text[start:end]`` with up to ``reach`` characters either side, cut at the outermost
    space within reach where there is one, and never inside a Thai syllable (a vowel or tone
    mark is not left alone at the edge); spaces collapsed."""
    lo, hi = max(0, start - reach), min(len(text), end + reach)
    if lo > 0:
        spaces = [i for i in range(lo, start) if text[i].isspace()]
        if spaces:
            lo = spaces[0] + 1
        while lo < start and unicodedata.category(text[lo]) == "Mn":
            lo += 1
    if hi < len(text):
        spaces = [i for i in range(end, hi) if text[i].isspace()]
        if spaces:
            hi = spaces[-1]
        while hi < len(text) and unicodedata.category(text[hi]) == "Mn":
            hi += 1
    return " ".join(text[lo:hi].split())


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
