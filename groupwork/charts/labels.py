"""Chart labels that are never cut: long ones wrap onto more lines, between words.

Thai runs its words together, so a line may only break where ``groupwork.privacy.thai_words.words``
(the scrubber's segmentation) says a word ends; Latin text breaks at spaces, which are word
tokens too. A single word longer than a line stays whole on its own line.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def visible(text: str) -> int:
    """Room the text takes on a line: Thai vowel and tone marks above or below a letter
    (combining, category M) take none."""
    return sum(0 if unicodedata.category(ch).startswith("M") else 1 for ch in text)


@lru_cache(maxsize=512)
def wrap(text: str, width: int = 28) -> str:
    """``text`` on lines of at most ``width`` visible characters, broken between words."""
    if visible(text) <= width:
        return text
    from groupwork.privacy.thai_words import words

    lines: list[str] = []
    line = ""
    for word in words(text):
        if line and visible(line + word) > width:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line += word
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


def line_count(labels: list[str]) -> int:
    """The lines all the wrapped labels take together."""
    return sum(label.count("\n") + 1 for label in labels)
