"""Thai text split into words: the one segmentation behind name scrubbing, wrapping and cutting.

Thai is written without spaces between words, so finding a word, wrapping a line or cutting a
label needs a dictionary. We use PyThaiNLP's dictionary tokenizer (``newmm``, offline). Everything
that splits Thai text (the scrubber, chart labels, TUI wrapping) goes through ``words`` so they
agree on where a word ends. PyThaiNLP is imported on first use: it is not on the start-up path.

``extra_words`` are added to PyThaiNLP's own word list (its ``custom_dict`` argument *replaces* the
default dictionary, so we build the union), e.g. a group's names, so a name is one token.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any


@cache
def _dictionary(extra_words: frozenset[str]) -> Any:
    """PyThaiNLP's default word list plus ``extra_words``, as the trie its tokenizer takes."""
    from pythainlp.corpus import thai_words
    from pythainlp.util import Trie

    return Trie(set(thai_words()) | set(extra_words))


def words(text: str, extra_words: Iterable[str] = ()) -> list[str]:
    """``text`` split into words (spaces and punctuation are tokens too); joined, they give
    ``text`` back unchanged."""
    if not text:
        return []
    from pythainlp.tokenize import word_tokenize

    extra = frozenset(w for w in extra_words if w)
    return word_tokenize(text, custom_dict=_dictionary(extra), engine="newmm", keep_whitespace=True)
