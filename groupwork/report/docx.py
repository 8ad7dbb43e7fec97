"""Word layout helpers for the review (column widths, rows kept whole, Thai sizes).

The writer itself is ``groupwork.report.writers.docx`` (with ``build_docx`` for callers with
a document model or Markdown text); it reads its measures here, and this module never
imports it back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.shared import Length


THAI_FONT = "TH Sarabun New"
"""The document font of Thai official documents (ระเบียบงานสารบรรณ); named in the docx for
Latin and complex script. Where it is not installed, Word and LibreOffice substitute; the
HTML embeds the shipped Sarabun instead."""
TABLE_TEXT_PT = 10
TABLE_PT = {"th": 13}
"""Table text size by language: TH Sarabun New is drawn small, so Thai tables take 13 pt."""
PAGE_MARGINS_MM = {"top": 25, "right": 20, "bottom": 20, "left": 30}
"""A4 margins as Thai official documents are set in the practice that follows the official
correspondence regulation (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ): 3 cm at the left (the
binding), 2 cm at the right, 2.5 cm at the top (room for the page number), 2 cm at the bottom.
The docx section and the printed HTML's ``@page`` both take them from here."""
A4_MM = (210, 297)
TABLE_WIDTH_CM = (A4_MM[0] - PAGE_MARGINS_MM["left"] - PAGE_MARGINS_MM["right"]) / 10
"""The text width of the A4 page: 16 cm between the margins."""
CM_PER_CHAR = 0.17
"""The old rough width of one character of 10 pt table text; widths now come per character
from ``groupwork.report.text_width``. Tests keep it as a yardstick for English words."""
CELL_PADDING_CM = 0.45
"""Word's and LibreOffice's cell margins (0.19 cm each side) and a little slack."""
SHORT_CELL_EM = 7.0
"""Cells up to this wide (a date, a count, a status: ems of the table's size) should not
wrap."""
HEADER_EM = 5.0
"""A heading may wrap between words; it asks for at most this much of one line."""
READABLE_SHARE = 0.32
"""A column of long text gets up to this share of the table before the short columns get
room beyond their widest piece; less, and a stage name or a note wraps every word or two."""
LONG_CELL_EM = 20.0
"""Long text asks for at most this much per line; beyond that it wraps."""
THAI_WORD_EM = 6.5
"""The most a Thai word asks for as an unbreakable piece (see ``longest_piece_cm``):
"สังคมสงเคราะห์" (6.3 em) is one word to LibreOffice's line breaker too."""
MAX_PIECE_SHARE = 0.3
"""A word longer than this share of the table (a web address) sets no floor: it would
starve the other columns, and Word breaks it anyway."""


def _table_points(lang: str) -> float:
    return TABLE_PT.get(lang, TABLE_TEXT_PT)


def text_width_cm(text: str, lang: str = "en", bold: bool = False) -> float:
    """The room ``text`` takes on one line of a table cell of the ``lang`` review, in cm
    (per character, from the fonts' advance widths: ``groupwork.report.text_width``)."""
    from groupwork.report.text_width import width_cm

    return width_cm(text, lang, _table_points(lang), bold, thai_points=TABLE_PT["th"])


def longest_piece_cm(text: str, lang: str = "en", bold: bool = False) -> float:
    """The widest piece of ``text`` a line never breaks inside (a word, a time range, a
    Thai word found by the dictionary), in cm: the column must be at least this wide.

    A Thai piece counts up to ``THAI_WORD_EM``: the dictionary keeps compounds whole
    ("การสังคมสงเคราะห์") that Word and LibreOffice break between their parts."""
    from groupwork.report.text_width import is_thai, unbreakable_pieces

    thai_cap = THAI_WORD_EM * TABLE_PT["th"] * 2.54 / 72  # Thai is set at the Thai size
    widest = 0.0
    for token in text.split():
        # A token narrower than the widest so far cannot hold a wider piece: skip the
        # dictionary look-up (long Thai notes fill the appendix tables).
        if text_width_cm(token, lang, bold) <= widest:
            continue
        for piece in unbreakable_pieces(token):
            width = text_width_cm(piece, lang, bold)
            if any(is_thai(ch) for ch in piece):
                width = min(width, thai_cap)
            widest = max(widest, width)
    return widest


def _two_lines_cm(text: str, lang: str) -> float:
    """The narrowest width that holds ``text`` on two lines broken where a line may break
    ("19 ม.ค." / "2569", "กำลัง" / "ดำเนินการ")."""
    from groupwork.report.text_width import unbreakable_pieces

    tokens = text.split()
    if len(tokens) > 1:
        starts = [" ".join(tokens[:i]) for i in range(1, len(tokens))]
        ends = [" ".join(tokens[i:]) for i in range(1, len(tokens))]
    else:
        pieces = unbreakable_pieces(text)
        starts = ["".join(pieces[:i]) for i in range(1, len(pieces))]
        ends = ["".join(pieces[i:]) for i in range(1, len(pieces))]
    return min(
        (
            max(text_width_cm(start, lang), text_width_cm(end, lang))
            for start, end in zip(starts, ends, strict=True)
        ),
        default=text_width_cm(text, lang),
    )


def _is_figure(text: str) -> bool:
    """A date, a time, a count or a ratio ("5 ม.ค. 2569", "9/11"): mostly digits."""
    letters = [ch for ch in text if not ch.isspace()]
    return sum(ch.isdigit() for ch in letters) * 5 >= len(letters) * 2


def _column_widths(
    rows: list[list[str]], columns: int, total_cm: float = TABLE_WIDTH_CM, lang: str = "en"
) -> list[Length]:
    """Column widths for the table's text (``rows[0]`` is the bold header row), adding up
    to the page's text width.

    Room is given in rounds, each only as far as the page allows: first every column its
    widest unbreakable piece (no word, time range or heading word is cut); then the columns
    of long text a readable width; then short figures (dates, times, counts) room to stay
    on one line; then the other short cells (a status word) room to break at most once,
    then to stay on one line; what is left goes to the long
    text by how long it usually is, so a stage name or a note gets the room and a list of
    session numbers wraps.
    """
    from docx.shared import Cm

    em = _table_points(lang) * 2.54 / 72
    pad = CELL_PADDING_CM
    header, body = rows[0], rows[1:] or rows[:1]
    rounds: list[list[float]] = [[] for _ in range(6)]
    for c in range(columns):
        title = header[c] if c < len(header) else ""
        cells = [row[c] for row in body if c < len(row)] or [""]
        lengths = [text_width_cm(t, lang) for t in cells]
        piece = max(
            longest_piece_cm(title, lang, bold=True),
            *(longest_piece_cm(t, lang) for t in cells),
        )
        # A date with its time breaks once, between them ("14 ส.ค. 2569" / "06:30–08:30"),
        # never inside the date or the time range.
        dated = max((_two_lines_cm(t, lang) for t in cells if _is_figure(t)), default=0)
        hard = pad + min(max(piece, dated, 2 * em), MAX_PIECE_SHARE * total_cm)
        short = [t for t, n in zip(cells, lengths, strict=True) if n <= SHORT_CELL_EM * em]
        # Figures (dates, times, counts) keep to one line before words do: "5 ม.ค. 2569"
        # broken in two reads worse than "กำลัง" / "ดำเนินการ".
        figures = pad + max((text_width_cm(t, lang) for t in short if _is_figure(t)), default=0)
        two_lines = pad + max((_two_lines_cm(t, lang) for t in short), default=0)
        one_line = pad + max(
            max((text_width_cm(t, lang) for t in short), default=0),
            min(text_width_cm(title, lang, True), HEADER_EM * em),
        )
        typical = sum(lengths) / len(lengths)
        want = pad + min(LONG_CELL_EM * em, typical * 1.2)
        readable = hard
        # A column of long text (not of dates and times, which break once at a space).
        if typical > SHORT_CELL_EM * em and not all(_is_figure(t) for t in cells):
            readable = max(hard, min(want, READABLE_SHARE * total_cm))
        steps = (hard, readable, figures, two_lines, one_line, want)
        for r in range(len(steps)):
            rounds[r].append(max(steps[: r + 1]))
    widths = _fill(rounds, total_cm)
    return [Cm(w) for w in widths]


def _fill(rounds: list[list[float]], total_cm: float) -> list[float]:
    """Grow the columns round by round towards each round's widths; in the round that
    does not fit, the narrowest columns grow first (to one level, as far as the room
    goes), so no column is starved; in the last round (what long text wants) each grows
    by how much it asks. Room left after the last round goes by what the
    columns wanted beyond their first round (evenly if nothing)."""
    first = rounds[0]
    if sum(first) >= total_cm:
        # Too many columns for the page: every one gives up the same share.
        return [w * total_cm / sum(first) for w in first]
    widths = list(first)
    for target in rounds[1:]:
        asks = [max(t - w, 0.0) for t, w in zip(target, widths, strict=True)]
        room = total_cm - sum(widths)
        if sum(asks) > room and target is rounds[-1]:
            # What the long text wants: by how much each column wants.
            return [w + room * a / sum(asks) for w, a in zip(widths, asks, strict=True)]
        if sum(asks) > room:
            return _level(widths, target, room)
        widths = [w + a for w, a in zip(widths, asks, strict=True)]
    room = total_cm - sum(widths)
    extra = [t - f for t, f in zip(rounds[-1], first, strict=True)]
    if not any(extra):
        extra = [1.0] * len(widths)
    return [w + room * e / sum(extra) for w, e in zip(widths, extra, strict=True)]


def _level(widths: list[float], target: list[float], room: float) -> list[float]:
    """``widths`` raised towards ``target`` up to one common level that uses ``room``."""

    def grown(level: float) -> list[float]:
        return [max(w, min(t, level)) for w, t in zip(widths, target, strict=True)]

    low, high = min(widths), max(target)
    for _ in range(60):  # bisection: the level to a nanometre
        middle = (low + high) / 2
        if sum(grown(middle)) - sum(widths) > room:
            high = middle
        else:
            low = middle
    return grown(low)
