"""The review as an editable Word document (python-docx).

Built from the same Markdown as the other formats, by walking markdown-it's tokens: headings
become Word headings (so the navigation pane and a table of contents work), tables become real
tables, lists become list paragraphs, and chart markers become PNG pictures. The facilitator
edits and signs this file; it opens in Word and LibreOffice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.shared import Length

_MARKER = re.compile(r"^\[\[chart:([a-z_]+)\]\]$")
THAI_FONT = "Tahoma"
"""Complex-script font named in the document; present on Windows, substituted elsewhere."""
TABLE_TEXT_PT = 10
TABLE_WIDTH_CM = 17.0
"""The text width of an A4 page with 2 cm margins."""
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


def _add_runs(paragraph, inline, bold: bool = False) -> None:
    strong = em = 0
    for child in inline.children or []:
        if child.type == "strong_open":
            strong += 1
        elif child.type == "strong_close":
            strong -= 1
        elif child.type == "em_open":
            em += 1
        elif child.type == "em_close":
            em -= 1
        elif child.type in ("softbreak", "hardbreak"):
            paragraph.add_run(" " if child.type == "softbreak" else "\n")
        elif child.type in ("text", "code_inline"):
            run = paragraph.add_run(child.content)
            run.bold = bold or strong > 0 or None
            run.italic = em > 0 or None


def _set_fonts(document) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:cs"), THAI_FONT)
    # Headings ask for the theme's complex-script font, which Word resolves to one without
    # Thai: name the Thai font instead, so a Thai heading looks like the text under it.
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        heading_fonts = document.styles[name].element.get_or_add_rPr().get_or_add_rFonts()
        heading_fonts.attrib.pop(qn("w:cstheme"), None)
        heading_fonts.set(qn("w:cs"), THAI_FONT)
    # The Thai title ("รายงานผลการปฏิบัติงานสังคมสงเคราะห์กลุ่ม") fits one line at 22 pt.
    title = document.styles["Title"].element.rPr
    for tag in ("w:sz", "w:szCs"):
        title.find(qn(tag)).set(qn("w:val"), "44")
    section = document.sections[0]
    from docx.shared import Mm

    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(18)


def build_docx(
    markdown: str,
    out: Path,
    chart_png: Callable[[str], bytes] | None = None,
    title: str = "",
) -> Path:
    """Write the Word document for ``markdown`` to ``out``; ``chart_png(kind)`` gives charts.

    ``title`` (already scrubbed) is the document's title property; author and comments are
    blank, so no name rides along in the file's properties."""
    from io import BytesIO

    from docx import Document
    from docx.shared import Cm
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark", {"html": False}).enable("table").parse(markdown)
    document = Document()
    properties = document.core_properties
    properties.title, properties.author, properties.comments = title, "", ""
    properties.last_modified_by = ""
    _set_fonts(document)
    lists: list[list] = []  # open lists, innermost last: [style, next number or None]
    number: str | None = None  # "3. " until the list item's first paragraph is written
    quote = 0
    sections = 0  # "## " headings so far
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind == "heading_open":
            level = int(token.tag[1])
            heading = document.add_heading(level=0 if level == 1 else min(level - 1, 4))
            if level == 2:
                sections += 1
                heading.paragraph_format.page_break_before = starts_new_page(sections)
            _add_runs(heading, tokens[i + 1])
            i += 3
            continue
        if kind == "bullet_list_open":
            lists.append(["List Bullet", None])
        elif kind == "ordered_list_open":
            # Numbers written as text: Word's "List Number" style runs one numbering through
            # the whole document, so a second list would go on from 5 instead of 1.
            lists.append(["List Paragraph", int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open" and lists[-1][1] is not None:
            number = f"{lists[-1][1]}. "
            lists[-1][1] += 1
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "inline":
            found = _MARKER.match(token.content.strip())
            if found:
                if chart_png is not None:
                    document.add_picture(BytesIO(chart_png(found.group(1))), width=Cm(16.5))
            else:
                style = lists[-1][0] if lists else "Quote" if quote else None
                paragraph = document.add_paragraph(style=style)
                if number is not None:
                    paragraph.add_run(number)
                    paragraph.paragraph_format.first_line_indent = Cm(-0.63)
                    number = None
                _add_runs(paragraph, token)
        elif kind == "table_open":
            i = _add_table(document, tokens, i)
            continue
        i += 1
    from groupwork.files import write_atomically

    # Built in memory and written whole: a full disk never leaves half a .docx over the last.
    buffer = BytesIO()
    document.save(buffer)
    return write_atomically(out, buffer.getvalue())


def _add_table(document, tokens, start: int) -> int:
    """Add the table starting at ``tokens[start]``; return the index after it."""
    rows: list[list] = []
    header_rows = 0
    i = start
    in_head = False
    while tokens[i].type != "table_close":
        kind = tokens[i].type
        if kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            rows.append([])
            header_rows += in_head
        elif kind == "inline":
            rows[-1].append(tokens[i])
        i += 1
    columns = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=columns)
    table.style = "Table Grid"
    table.autofit = False
    widths = _column_widths([[inline.content for inline in row] for row in rows], columns)
    # LibreOffice lays a table out by its grid, Word by each cell's width: set both.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    # table.cell(r, c) walks the whole table on each call; one pass per row stays linear.
    for r, (row_cells, row) in enumerate(zip(table.rows, rows, strict=False)):
        _keep_row_whole(row_cells, header=r < header_rows)
        for c, (cell, inline) in enumerate(zip(row_cells.cells, row, strict=False)):
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = 0
            _add_runs(paragraph, inline, bold=r < header_rows)
            for run in paragraph.runs:
                _set_size(run, TABLE_TEXT_PT)
    document.add_paragraph()
    return i + 1


def starts_new_page(section: int) -> bool:
    """Whether the ``section``-th "## " heading begins a page, as in the HTML's print rules:
    the endorsement (to be signed on its own page), the first essential, and the lessons
    and appendices; the twelve sections flow on so short ones do not waste paper."""
    return section in (1, 3) or section >= 15


def _set_size(run, points: float) -> None:
    """The run's size for Latin and for Thai: Word sizes a complex script by ``szCs``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size = Pt(points)
    size = run._r.rPr.find(qn("w:sz"))
    complex_size = OxmlElement("w:szCs")
    complex_size.set(qn("w:val"), str(int(points * 2)))
    size.addnext(complex_size)


def _keep_row_whole(row, header: bool) -> None:
    """A row never breaks across pages; header rows repeat at the top of each page."""
    from docx.oxml import OxmlElement

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


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
        head_word = 1.1 * _longest_word(header[c]) if c < len(header) else 0
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
