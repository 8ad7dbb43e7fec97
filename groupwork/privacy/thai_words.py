"""Thai text split into words: the one segmentation behind name scrubbing, wrapping and cutting.

Thai is written without spaces between words, so finding a word, wrapping a line or cutting a
label needs a dictionary. We use PyThaiNLP's dictionary tokenizer (``newmm``, offline). Everything
that splits Thai text (the scrubber, chart labels, TUI wrapping) goes through ``words`` so they
agree on where a word ends. PyThaiNLP is imported on first use: it is not on the start-up path.

The word list is PyThaiNLP's own, held in a compiled trie (marisa-trie, C++): the wheel ships it
prebuilt (``groupwork/thai_words.marisa``, made by ``scripts/build_thai_trie.py``) and it maps in
well under a millisecond. It is used only while the installed PyThaiNLP's word list is the one
it was made from (the list's SHA-256 is checked, a few ms); otherwise the same trie is compiled
from the installed list once per process (~0.1 s). Building PyThaiNLP's own pure-Python trie took
0.7 s and ~80 MiB. The tokenizer is PyThaiNLP's ``newmm`` with this trie, so words come out as
before.

``extra_words`` are added to the word list (PyThaiNLP's ``custom_dict`` argument *replaces* the
default dictionary, so we give it the union), e.g. a group's names, so a name is one token. They
sit in a small compiled trie of their own beside the default one, so a new set of names costs
nothing to add.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

PREBUILT = Path(find_spec("groupwork").origin).parent / "thai_words.marisa"
"""The default word list, compiled; beside it ``.sha256``: the list it was made from and its
longest word. At the package's root, so it stays put wherever this module lives."""
_LOCK = threading.Lock()


class CompiledWords:
    """A word list in a marisa trie, with the two questions ``newmm`` asks of a trie."""

    def __init__(self, trie: Any, longest: int) -> None:
        self.trie = trie
        """The marisa trie itself (``save`` writes it to a file)."""
        self.longest = longest
        """The longest word's length: how far from a position a word can reach."""
        self._starts: dict[str, bool] = {}

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """The words that begin ``text`` at ``start``, shortest first (as newmm expects)."""
        if start >= len(text):
            return []
        # newmm asks at every position of a text (markup, Latin, digits too): a letter no word
        # begins with is answered from a dict, without a call into the trie.
        first = text[start]
        starts = self._starts.get(first)
        if starts is None:
            starts = self._starts[first] = next(self.trie.iterkeys(first), None) is not None
        if not starts:
            return []
        # Only a word's length of text is looked at: no copy of a long text per position.
        return self.trie.prefixes(text[start : start + self.longest])

    def __contains__(self, key: object) -> bool:
        return key in self.trie

    def __iter__(self) -> Iterator[str]:
        return iter(self.trie)

    def __len__(self) -> int:
        return len(self.trie)


def compile_words(words: Iterable[str]) -> CompiledWords:
    """``words`` (stripped, blanks left out, as PyThaiNLP's trie takes them) compiled."""
    import marisa_trie

    kept = {w.strip() for w in words} - {""}
    return CompiledWords(marisa_trie.Trie(kept), max(map(len, kept), default=0))


def word_list_file() -> Path | None:
    """PyThaiNLP's default word list, found without importing PyThaiNLP (~50 ms)."""
    spec = find_spec("pythainlp")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "corpus" / "words_th.txt"
    return path if path.is_file() else None


def word_list_digest(path: Path) -> str:
    """The SHA-256 of the word list file, to tell whether the prebuilt trie is its own."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _load_prebuilt() -> CompiledWords | None:
    source = word_list_file()
    stamp = PREBUILT.with_suffix(".sha256")
    if source is None or not PREBUILT.is_file() or not stamp.is_file():
        return None
    digest, longest = stamp.read_text(encoding="ascii").split()
    if digest != word_list_digest(source):
        return None  # another PyThaiNLP's list: compile that one instead
    import marisa_trie

    return CompiledWords(marisa_trie.Trie().mmap(str(PREBUILT)), int(longest))


def _default_trie() -> CompiledWords:
    """PyThaiNLP's default word list as a compiled trie, loaded once per process."""
    with _LOCK:  # the TUI warms it in a worker; a screen needing it meanwhile waits here
        return _default_trie_once()


@cache
def _default_trie_once() -> CompiledWords:
    prebuilt = _load_prebuilt()
    if prebuilt is not None:
        return prebuilt
    from pythainlp.corpus.common import thai_words

    return compile_words(thai_words())


def is_word(text: str) -> bool:
    """True when ``text`` is an ordinary word of PyThaiNLP's default dictionary."""
    return text in _default_trie()


class UnionTrie:
    """The default trie plus a few extra words, without copying the default one."""

    def __init__(self, base: CompiledWords, extra: Iterable[str]) -> None:
        self._base = base
        self._own = compile_words(extra)

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """The words of either trie that begin ``text`` at ``start``, shortest first."""
        own = self._own.prefixes(text, start)
        found = self._base.prefixes(text, start)
        if not own:
            return found
        return sorted(set(found) | set(own), key=len)

    def __contains__(self, key: object) -> bool:
        return key in self._own or key in self._base

    def __iter__(self) -> Iterator[str]:
        yield from self._base
        yield from self._own

    def __len__(self) -> int:
        return len(self._base) + len(self._own)


@cache
def dictionary(extra_words: frozenset[str] = frozenset()) -> Any:
    """PyThaiNLP's default word list plus ``extra_words``, as the trie its tokenizer takes."""
    base = _default_trie()
    if not extra_words:
        return base
    return UnionTrie(base, extra_words)


def words(text: str, extra_words: Iterable[str] = ()) -> list[str]:
    """``text`` split into words (spaces and punctuation are tokens too); joined, they give
    ``text`` back unchanged."""
    if not text:
        return []
    return segment(text, dictionary(frozenset(w for w in extra_words if w)))


def segment(text: str, trie: Any) -> list[str]:
    """``text`` split into words with a trie from ``dictionary`` (callers that split many texts
    with the same names build it once)."""
    if not text:
        return []
    from pythainlp.tokenize.newmm import segment as newmm

    return newmm(text, trie)
