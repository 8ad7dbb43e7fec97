"""The review as an editable Word document (python-docx).

Built from the same Markdown as the other formats, by walking markdown-it's tokens: headings
become Word headings (so the navigation pane and a table of contents work), tables become real
tables, lists become list paragraphs, and chart markers become PNG pictures. The facilitator
edits and signs this file; it opens in Word and LibreOffice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

_MARKER = re.compile(r"^\[\[chart:([a-z_]+)\]\]$")
THAI_FONT = "Tahoma"
"""Complex-script font named in the document; present on Windows, substituted elsewhere."""


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
    section = document.sections[0]
    from docx.shared import Mm

    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(18)


def build_docx(markdown: str, out: Path, chart_png: Callable[[str], bytes] | None = None) -> Path:
    """Write the Word document for ``markdown`` to ``out``; ``chart_png(kind)`` gives charts."""
    from io import BytesIO

    from docx import Document
    from docx.shared import Cm
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark", {"html": False}).enable("table").parse(markdown)
    document = Document()
    _set_fonts(document)
    lists: list[str] = []
    quote = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind == "heading_open":
            level = int(token.tag[1])
            heading = document.add_heading(level=0 if level == 1 else min(level - 1, 4))
            _add_runs(heading, tokens[i + 1])
            i += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append("List Bullet" if kind == "bullet_list_open" else "List Number")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
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
                style = lists[-1] if lists else "Quote" if quote else None
                _add_runs(document.add_paragraph(style=style), token)
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
    widths = _column_widths(rows, columns)
    # table.cell(r, c) walks the whole table on each call; one pass per row stays linear.
    for r, (row_cells, row) in enumerate(zip(table.rows, rows, strict=False)):
        for c, (cell, inline) in enumerate(zip(row_cells.cells, row, strict=False)):
            cell.width = widths[c]
            _add_runs(cell.paragraphs[0], inline, bold=r < header_rows)
    document.add_paragraph()
    return i + 1


def _column_widths(rows: list[list], columns: int, total_cm: float = 17.0) -> list:
    """Widths that follow each column's longest text, so a number column stays narrow."""
    from docx.shared import Cm

    longest = [1] * columns
    for row in rows:
        for c, inline in enumerate(row):
            words = inline.content.split() or [""]
            # The longest word sets a floor (it cannot wrap); long text asks for more room.
            need = max(max(len(w) for w in words), min(len(inline.content), 40) * 0.6)
            longest[c] = max(longest[c], need)
    weights = [max(2.5, n) ** 0.9 for n in longest]
    scale = total_cm / sum(weights)
    return [Cm(w * scale) for w in weights]
