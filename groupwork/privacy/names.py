"""Finding people's names in free text and replacing them: the one matcher behind the report's
pseudonymisation, consent-gated exports and erasure.

Who is hidden and what replaces their name is the caller's policy; this module only knows how
names are written:

- ``name_variants`` (in ``groupwork.privacy.name_forms``, with the titles and the normal
  forms): the strings that identify a person. The full name, each part without its
  title ("นางสาวสมศรี" -> "สมศรี"), and the parts run together ("สมศรีใจดี"), as Thai writers
  often do. Titles alone ("คุณ", "Mrs") identify nobody and are never variants.
- ``NameScrubber``: replaces whole words, never letters inside a word. Thai is written without
  spaces, and Thai names are ordinary words or syllables (พร in พรุ่งนี้ and เพราะ), so Thai text
  is split into words first (``groupwork.privacy.thai_words``, with the names and titles added to the
  dictionary so a name is one word) and a name is replaced only where it is one or more whole
  words. A Latin name is matched on word boundaries ("Ann" is not removed from "Annual").
  Both are compared after NFKC normalisation and case folding (a fullwidth "Ｓｏｍｃｈａｉ" is
  Somchai), and invisible characters (zero-width spaces, soft hyphens) cannot split a name.
- Three answers (``positions.Answer``): each occurrence of a name that is also an ordinary
  word (น้ำ water, ดาว star, พร blessing, May, Will) is a certain name (replaced), a certain word
  (kept) or undecided (kept and reported as a ``Spot``, never taken for a word); the rules of
  where it stands are in ``groupwork.privacy.positions``. A person's decision about an
  undecided occurrence (``Decide``, kept by the words around it) settles it. A replacement is
  followed by a space before the next word; workers' names (``protect``) are never touched.
- ``scrub_data``: the same through dumped records (lists and dicts), leaving ids alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from groupwork.privacy.name_forms import (
    _LATIN_WORD,
    _SPACE,
    _THAI_TITLES,
    _TITLE_KEYS,
    COMMON_ENGLISH,
    MIN_PART,
    TITLES,
    _folded_with_map,
    _is_latin,
    fold,
    name_variants,
    normalise,
)
from groupwork.privacy.positions import Answer, Kind, neighbour, thai_answer, variant_kinds


class Spot(NamedTuple):
    """An undecided occurrence of a name that is also an ordinary word, left as written: a
    person should re-read ``context`` (the text around it) and decide. ``start``/``end`` are
    its place in the normalised text, ``before``/``after`` the words next to it (what a
    decision is kept by, ``occurrence``)."""

    word: str
    context: str
    start: int = 0
    end: int = 0
    before: str = ""
    after: str = ""


class Match(NamedTuple):
    """One place a name was found: ``start``/``end`` in the (normalised) text, the key of the
    variant, and the answer (``positions.Answer``: replaced only when it is ``NAME``)."""

    start: int
    end: int
    key: str
    answer: Answer

    @property
    def replaced(self) -> bool:
        """True when the occurrence is replaced (a certain or decided name)."""
        return self.answer == Answer.NAME


AROUND = 15
"""How many characters either side of an occurrence a decision is kept by."""


def occurrence(text: str, start: int, end: int) -> tuple[str, str, str]:
    """``(word, before, after)``: an occurrence as a decision about it is kept, by the word
    and the text right around it (not by its position alone, so edits elsewhere in the text
    do not move the decision)."""
    return (
        fold(text[start:end]),
        text[max(0, start - AROUND) : start],
        text[end : end + AROUND],
    )


Decide = Callable[[str, str, str, int], "Answer | None"]
"""A person's decisions for one text: ``(word, before, after, start)`` -> the answer decided."""


def _echoed(before: str, label: str) -> int:
    """How many letters at the end of ``before`` the ``label`` replacing the next name starts
    with, as a whole word: "กำนันสมศักดิ์" shown as the role "กำนัน" reads "กำนัน", not
    "กำนันกำนัน"; "สามีสมชาย" as "สามีของสมาชิก ก" reads it once. 0 when nothing repeats."""
    from groupwork.privacy.thai_words import is_word

    for size in range(min(len(before), len(label)), 1, -1):
        echo = before[-size:]
        if label.startswith(echo) and (
            size == len(label) or not label[size].isalnum() or is_word(echo)
        ):
            return size
    return 0


class NameScrubber:
    """Replaces the names of some people in free text, word by word.

    ``people`` pairs each person's names with what stands for them. A variant that several
    people share with different replacements (a family name) is replaced by ``shared`` instead,
    so it points at none of them; variants in ``keep`` (compared ignoring case) are left as
    they are. ``protect`` are names that must never be replaced (the facilitators', the head
    of unit's): where one of them is written, a member's name inside it is not looked for.
    Each occurrence gets one of three answers (``positions.Answer``); only names are replaced,
    undecided ones are reported as ``Spot`` s, unless ``decide`` (a person's decisions) says.
    """

    def __init__(
        self,
        people: Iterable[tuple[Iterable[str], str]],
        *,
        shared: str,
        keep: Iterable[str] = (),
        protect: Iterable[str] = (),
    ) -> None:
        kept = {fold(k) for k in keep}
        owners: dict[str, set[str]] = {}
        self._kind: dict[str, Kind] = {}
        given: set[str] = set()
        for names, replacement in people:
            for name in names:
                for variant, kind in variant_kinds(name):
                    key = fold(variant)
                    if key in kept or len(key) < MIN_PART:
                        continue
                    owners.setdefault(key, set()).add(replacement)
                    if kind != Kind.SURNAME:
                        given.add(key)
                    self._kind[key] = kind
        for key in owners:  # a string that is anyone's given name is judged as one
            if key in given and self._kind[key] == Kind.SURNAME:
                self._kind[key] = Kind.COMMON
        self._replacement = {
            key: next(iter(found)) if len(found) == 1 else shared for key, found in owners.items()
        }
        staff = {fold(v) for v in name_variants(*protect)}
        self._protected, self._staff_too = staff - set(owners), staff & set(owners)
        self._shared = shared
        keys = set(owners) | self._protected
        latin = sorted((k for k in keys if _is_latin(k)), key=lambda k: (-len(k), k))
        # The word edges once around the alternation, not around each name: the same matches
        # (a name failing the edge after it backtracks to the next, as before), and compiling
        # it costs one character class, not two per name (a scrubber is made per group).
        self._latin = (
            re.compile(rf"(?<!{_LATIN_WORD})(?:{'|'.join(map(re.escape, latin))})(?!{_LATIN_WORD})")
            if latin
            else None
        )
        self._thai = {k for k in keys if not _is_latin(k)}
        self._joined = [k for k in self._thai if self._kind.get(k) == Kind.JOINED]
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
            from groupwork.privacy.thai_words import dictionary

            words = {k for k in self._thai if not _SPACE.search(k)}
            words |= {fold(t) for t in TITLES if not _is_latin(t)}
            self._trie = dictionary(frozenset(words))
        return self._trie

    def matches(self, text: str) -> list[Match]:
        """Where names are in ``text`` (already ``normalise``-d), in order, with their answer;
        protected names (staff) are left out."""
        folded, where = _folded_with_map(text)
        found = [
            (hit.start(), hit.end(), hit.group(0), self._latin_answer(text, where, hit))
            for hit in (self._latin.finditer(folded) if self._latin else ())
        ]
        if self._thai_letters is not None and self._thai_letters.search(folded):
            found += self._thai_matches(folded)
        found.sort()
        kept: list[Match] = []
        last_end = -1
        for start, end, key, answer in found:
            if start < last_end:
                continue  # overlapping Latin and Thai finds: the first wins
            last_end = end
            if key in self._staff_too and answer == Answer.NAME:  # "คุณใจงาม": worker or member
                answer = Answer.UNDECIDED
            if key not in self._protected:
                kept.append(Match(start, end, key, answer))
        return [Match(where[s], where[e], k, a) for s, e, k, a in kept]

    def _latin_answer(self, text: str, where: list[int], hit: re.Match) -> Answer:
        """A Latin name is certain unless a part is a common English word (May, Will): then
        it is a name with a title or written whole and capitalised, the word in lower case,
        and undecided otherwise ("May said...")."""
        key = hit.group(0)
        parts = key.split()
        written = text[where[hit.start()] : where[hit.end()]].split()
        if not any(p in COMMON_ENGLISH for p in parts):
            # COMMON_ENGLISH cannot list every surname that is a word: "a mason jar" (Will
            # Mason) in lower case may be the word, so it is listed, never replaced silently.
            lower = self._kind.get(key) == Kind.SURNAME and written[0].islower()
            return Answer.UNDECIDED if lower else Answer.NAME
        before = text[: where[hit.start()]].rstrip().rstrip(".").split()
        if before and (before[-1].casefold() in _TITLE_KEYS or before[-1].endswith("คุณ")):
            return Answer.NAME
        if not all(w[:1].isupper() for w in written):
            # "may", "will park": the words; "will mason" holds a name no list calls a word.
            return Answer.WORD if all(p in COMMON_ENGLISH for p in parts) else Answer.UNDECIDED
        return Answer.NAME if len(parts) > 1 else Answer.UNDECIDED

    def _thai_matches(self, folded: str) -> list[tuple[int, int, str, Answer]]:
        from groupwork.privacy.thai_words import segment

        trie = self._dictionary()
        tokens: list[str] = []
        # Spaces end Thai words: only the stretches holding a name's letters are split.
        for chunk in re.split(r"(\s+)", folded):
            if chunk and not chunk.isspace() and self._thai_letters.search(chunk):
                tokens += segment(chunk, trie)
            elif chunk:
                tokens.append(chunk)
        return self._in_tokens(folded, tokens)

    def _in_tokens(self, folded: str, tokens: list[str]) -> list[tuple[int, int, str, Answer]]:
        from groupwork.privacy.positions import hidden_after_a_title

        starts = [0]
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
                found += hidden_after_a_title(tokens[i], starts[i + 1], self._kind, self._protected)
                i += 1
                continue
            key = max(candidates, key=len)
            end = start + len(key)
            # A name run together with the surname that starts inside the word before
            # ("ท้อง|ฟ้าสีคราม" split as "ท้องฟ้า|สีคราม"): judged as the joined name.
            joined = [k for k in self._joined if len(k) > len(key) and folded.endswith(k, 0, end)]
            if joined:
                key = max(joined, key=len)
                start = end - len(key)
            previous = neighbour(tokens[:i], reverse=True)
            following = neighbour(tokens[i + 1 :]) if end in ends else ""
            j = i
            while j < len(tokens) and starts[j] < end:
                j += 1
            following = neighbour(tokens[j:])
            found.append(
                (start, end, key, self._answer(folded, start, end, key, previous, following))
            )
            i = j
        return found

    def _answer(self, folded, start, end, key, previous, following) -> Answer:
        from groupwork.privacy.thai_words import is_word

        if key in self._protected:
            return Answer.WORD
        kind = self._kind.get(key, Kind.RARE)
        if kind == Kind.RARE:
            return Answer.NAME
        if kind == Kind.COMMON and not is_word(key):
            return Answer.NAME  # not an ordinary word after all
        return thai_answer(
            folded,
            start,
            end,
            kind,
            previous,
            following,
            _THAI_TITLES,
            self._names_another(folded[end:]),
        )

    def _names_another(self, after: str) -> bool:
        """True when ``after`` goes on "and X" / "with X", X a name that is no ordinary word
        ("บุษบากับกนกวรรณ"): two people named together."""
        from groupwork.privacy.thai_words import is_word

        rest = after.lstrip()
        for joiner in ("กับ", "และ"):
            if rest.startswith(joiner):
                rest = rest[len(joiner) :].lstrip()
                return any(
                    rest.startswith(k) and not is_word(k) and k in self._replacement
                    for k in self._thai
                )
        return False

    def scrub_with_spots(self, text: str, decide: Decide | None = None) -> tuple[str, list[Spot]]:
        """``text`` with every certain (or decided) name replaced, and the undecided
        occurrences as spots; ``text`` comes back unchanged (not even normalised) if nothing
        is replaced. ``decide`` gives a person's decision for an occurrence, if any."""
        if not self._replacement or not text:
            return text, []
        if decide is not None:
            # A person's decisions belong to one record's field: never shared across texts.
            return self._scrub_with_spots(text, decide)
        done = self._done.get(text)
        if done is None:
            done = self._done[text] = self._scrub_with_spots(text, None)
        return done[0], list(done[1])

    def _scrub_with_spots(self, text: str, decide: Decide | None) -> tuple[str, list[Spot]]:
        cleaned = normalise(text)
        found = self.matches(cleaned)
        if not found:
            return text, []
        pieces: list[str] = []
        spots: list[Spot] = []
        last = 0
        for match in found:
            answer = match.answer
            if answer != Answer.NAME and decide is not None:
                word, before, after = occurrence(cleaned, match.start, match.end)
                answer = decide(word, before, after, match.start) or answer
            if answer == Answer.UNDECIDED:
                word, before, after = occurrence(cleaned, match.start, match.end)
                context = words_around(cleaned, match.start, match.end, 20)
                spots.append(
                    Spot(
                        cleaned[match.start : match.end],
                        context,
                        match.start,
                        match.end,
                        before,
                        after,
                    )
                )
            if answer != Answer.NAME:
                continue
            label = self._replacement.get(match.key, self._shared)
            between = cleaned[last : match.start]
            pieces.append(between[: len(between) - _echoed(between, label)])
            pieces.append(label)
            # The pseudonym is a word of its own: never glued to the next one.
            if match.end < len(cleaned) and cleaned[match.end].isalnum():
                pieces.append(" ")
            last = match.end
        if not pieces:
            return text, spots
        pieces.append(cleaned[last:])
        return "".join(pieces), spots

    def scrub(self, text: str, decide: Decide | None = None) -> str:
        """``text`` with every certain (or decided) name replaced; unchanged (not even
        normalised) if it has none."""
        return self.scrub_with_spots(text, decide)[0]

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
