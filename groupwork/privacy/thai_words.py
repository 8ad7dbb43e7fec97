"""Thai text split into words: the one segmentation behind name scrubbing, wrapping and cutting.

Thai is written without spaces between words, so finding a word, wrapping a line or cutting a
label needs a dictionary. We use PyThaiNLP's dictionary tokenizer (``newmm``, offline). Everything
that splits Thai text (the scrubber, chart labels, TUI wrapping) goes through ``words`` so they
agree on where a word ends. PyThaiNLP is imported on first use: it is not on the start-up path.

``extra_words`` are added to PyThaiNLP's own word list (its ``custom_dict`` argument *replaces* the
default dictionary, so we give it the union), e.g. a group's names, so a name is one token. The
default word list is loaded once per process (about a second); a group's few extra words sit in a
small trie of their own beside it, so a new set of names costs nothing to add.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any


@cache
def _default_trie() -> Any:
    """PyThaiNLP's default word list as a trie (its own cached copy)."""
    from pythainlp.corpus.common import thai_words
    from pythainlp.util import dict_trie

    return dict_trie(thai_words())


def is_word(text: str) -> bool:
    """True when ``text`` is an ordinary word of PyThaiNLP's default dictionary."""
    return text in _default_trie()


@cache
def _union_class() -> type:
    from pythainlp.util import Trie

    class UnionTrie(Trie):
        """The default trie plus a few extra words, without copying the default one."""

        def __init__(self, base: Any, extra: Iterable[str]) -> None:
            super().__init__(extra)
            self._base = base

        def prefixes(self, text: str, start: int = 0) -> list[str]:
            own = super().prefixes(text, start)
            found = self._base.prefixes(text, start)
            if not own:
                return found
            # newmm expects them shortest first, as one trie gives them.
            return sorted(set(found) | set(own), key=len)

        def __contains__(self, key: str) -> bool:
            return super().__contains__(key) or key in self._base

        def __iter__(self) -> Iterator[str]:
            yield from self._base
            yield from super().__iter__()

        def __len__(self) -> int:
            return len(self._base) + super().__len__()

    return UnionTrie


@cache
def dictionary(extra_words: frozenset[str] = frozenset()) -> Any:
    """PyThaiNLP's default word list plus ``extra_words``, as the trie its tokenizer takes."""
    base = _default_trie()
    if not extra_words:
        return base
    return _union_class()(base, extra_words)


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
