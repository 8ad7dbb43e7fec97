"""Word layout helpers for the review (column widths, rows kept whole, Thai sizes), and
``build_docx`` for callers with a document model or Markdown text.

The writer itself is ``groupwork.report.writers.docx``; it renders the review's document
model, never Markdown.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.shared import Length

    from groupwork.report.model import Document

THAI_FONT = "TH Sarabun New"
"""The document font of Thai official documents (ระเบียบงานสารบรรณ); named in the docx for
Latin and complex script. Where it is not installed, Word and LibreOffice substitute; the
HTML embeds the shipped Sarabun instead."""
TABLE_TEXT_PT = 10
PAGE_MARGINS_MM = {"top": 25, "right": 20, "bottom": 20, "left": 30}
"""A4 margins as Thai official documents are set in the practice that follows the official
correspondence regulation (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ): 3 cm at the left (the
binding), 2 cm at the right, 2.5 cm at the top (room for the page number), 2 cm at the bottom.
The docx section and the printed HTML's ``@page`` both take them from here."""
A4_MM = (210, 297)
TABLE_WIDTH_CM = (A4_MM[0] - PAGE_MARGINS_MM["left"] - PAGE_MARGINS_MM["right"]) / 10
"""The text width of the A4 page: 16 cm between the margins."""
CM_PER_CHAR = 0.17
"""About one character's width in table text (10 pt), Thai or Latin (measured in print)."""
CELL_PADDING_CM = 0.45
SHORT_CELL = 14
"""Cells up to this many characters (a date, a count, a status) should not wrap."""
HEADER_FLOOR = 7
LATIN_WIDTH = 1.15
LONGEST_WORD = 14
"""A heading may wrap between words; only this many of its letters set a floor."""
LONG_CELL = 45
"""Long text asks for at most this many characters per line; beyond that it wraps."""


def build_docx(
    source: Document | str, out: Path, chart_png: Callable[[str], bytes] | None = None
) -> Path:
    """Write ``source`` (a document model, or Markdown text) as a Word document to ``out``."""
    from groupwork.i18n import current_language
    from groupwork.report.writers.docx import write_docx

    if isinstance(source, str):
        from groupwork.report.writers.legacy import document_from_markdown

        source = document_from_markdown(source, lang=current_language())
    return write_docx(source, out, chart_png)


def visible_length(text: str) -> float:
    """Room the text takes on a line, in characters: Thai vowel and tone marks above or
    below a letter (combining, category M) take none; Latin letters run a little wider than
    Thai ones in the fonts Word and LibreOffice pick."""
    return sum(
        0
        if unicodedata.category(ch).startswith("M")
        else LATIN_WIDTH
        if ch.isascii() and ch.isalpha()
        else 1
        for ch in text
    )


def _longest_heading_word(text: str) -> float:
    """The longest word of a column heading, Thai words too (found by
    ``groupwork.thai_words``): a heading wraps between its words, never inside one
    ("การเปลี่ยนแปลง" is one word)."""
    if text.isascii():
        return _longest_word(text)
    from groupwork.thai_words import words

    found = [visible_length(w) for w in words(text) if w.strip()]
    return min(max(found, default=0), LONGEST_WORD)


def _longest_word(text: str) -> float:
    """The longest English word: it cannot wrap (Thai runs without spaces can, between
    their words, so they do not count)."""
    words = [visible_length(w) for w in text.split() if w.isascii()]
    return min(max(words, default=0), LONGEST_WORD)


def _column_widths(
    rows: list[list[str]], columns: int, total_cm: float = TABLE_WIDTH_CM
) -> list[Length]:
    """Column widths for the table's text, adding up to the page's text width.

    Short cells (dates, numbers, a status word) get room to stay on one line; what is left
    goes to the columns of long text, by how long their text usually is, so a stage name or
    a note gets the room and a list of session numbers wraps instead.
    """
    from docx.shared import Cm

    def cm(chars: float) -> float:
        return chars * CM_PER_CHAR + CELL_PADDING_CM

    header, body = rows[0], rows[1:] or rows[:1]
    floor, want = [], []
    for c in range(columns):
        lengths = [visible_length(row[c]) for row in body if c < len(row)] or [1]
        short = [n for n in lengths if n <= SHORT_CELL] or [2]
        # A heading may wrap between its words, so only its first few letters set a floor.
        # Headings are bold: a little wider than the same letters in the cells.
        title = 1.4 * min(visible_length(header[c]) if c < len(header) else 0, HEADER_FLOOR)
        # No column cuts an English word in two ("complete-d").
        word = max((_longest_word(row[c]) for row in body if c < len(row)), default=0)
        head_word = 1.1 * _longest_heading_word(header[c]) if c < len(header) else 0
        floor.append(cm(max(max(short), title, word, head_word, 2)))
        typical = sum(lengths) / len(lengths)
        want.append(max(floor[-1], cm(min(LONG_CELL, typical * 1.2))))
    if sum(floor) >= total_cm:
        scale = total_cm / sum(floor)
        return [Cm(f * scale) for f in floor]
    # The room beyond the floors goes to the columns of long text, by how much they want;
    # a table of short cells only spreads it evenly.
    spare = total_cm - sum(floor)
    extra = [w - f for w, f in zip(want, floor, strict=True)]
    if not any(extra):
        extra = [1.0] * columns
    return [Cm(f + spare * e / sum(extra)) for f, e in zip(floor, extra, strict=True)]
