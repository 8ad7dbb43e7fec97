"""Laying text out in terminal cells: cut and wrap at word boundaries, never inside a cluster.

Thai has no spaces between words and writes vowels and tone marks above and below the letter
they belong to (zero cells wide). Cutting by cells alone ends a line in the middle of a word
("แรกรั / บ") or drops a mark ("สมาชิกทุกคนม"). Here a line ends between words, found by
``groupwork.privacy.thai_words.words`` (the segmentation the scrubber and charts use too); only a single
word longer than the line is broken, and then between grapheme clusters (a letter with its
marks, a leading vowel with the letter after it).
"""

from __future__ import annotations

import unicodedata

LEADING_VOWELS = frozenset("เแโใไ")
"""Thai vowels written before the consonant they follow in speech: they never end a piece."""
FOLLOWING_SIGNS = frozenset("ะาำๅๆ")
"""Thai signs that belong to the letter before them, though they take a cell of their own."""
THAI = range(0x0E00, 0x0E80)


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes: marks 0, wide (CJK) characters 2, others 1."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def clusters(text: str) -> list[str]:
    """``text`` as pieces that must not be split: a letter with its marks and following signs,
    a Thai leading vowel with the letter it stands before."""
    pieces: list[str] = []
    pending = ""
    for char in text:
        joins = (
            pieces
            and not pending
            and (unicodedata.category(char) in ("Mn", "Me") or char in FOLLOWING_SIGNS)
        )
        if joins:
            pieces[-1] += char
        elif char in LEADING_VOWELS:
            pending += char
        else:
            pieces.append(pending + char)
            pending = ""
    if pending:
        pieces.append(pending)
    return pieces


def has_thai(text: str) -> bool:
    """Whether ``text`` has a Thai character (and so needs the dictionary to find words)."""
    return any(ord(char) in THAI for char in text)


def tokens(text: str) -> list[str]:
    """Words (Thai by dictionary, others at spaces) with the spaces as tokens of their own."""
    if has_thai(text):
        from groupwork.privacy.thai_words import words

        return words(text)
    out: list[str] = []
    for index, part in enumerate(text.split(" ")):
        if index:
            out.append(" ")
        if part:
            out.append(part)
    return out


def _fit(pieces: list[str], width: int) -> tuple[str, list[str]]:
    """The most of ``pieces`` (clusters) that fits ``width`` cells (at least one piece, so a
    line always moves on), and the rest."""
    taken, used = "", 0
    for index, piece in enumerate(pieces):
        size = cell_width(piece)
        if used + size > width and index:
            return taken, pieces[index:]
        taken, used = taken + piece, used + size
    return taken, []


def clip(text: str, width: int, ellipsis: str = "…") -> str:
    """``text`` on one line in at most ``width`` cells: whole when it fits, else cut after the
    last word that fits, with ``ellipsis`` (a long first word is cut between clusters)."""
    text = text.replace("\n", " ")
    if cell_width(text) <= width:
        return text
    room = max(width - cell_width(ellipsis), 0)
    kept = ""
    for token in tokens(text):
        if cell_width(kept + token) > room:
            break
        kept += token
    kept = kept.rstrip()
    if not kept:
        kept, _rest = _fit(clusters(text), room)
    return kept + ellipsis


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken between words (kept paragraphs)."""
    width = max(width, 1)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for token in tokens(paragraph):
            if cell_width(line + token) <= width:
                line += token
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = "" if token.isspace() else token
            while cell_width(line) > width:  # one word longer than the line
                head, rest = _fit(clusters(line), width)
                lines.append(head)
                line = "".join(rest)
        lines.append(line.rstrip())
    return lines
