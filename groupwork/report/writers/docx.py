"""The review model as an editable Word document (python-docx), in the form of a Thai
official document: A4, TH Sarabun New (Thai declared as th-TH), page numbers at the top
centre from page 2 ("- 2 -"), contents with page numbers (PAGEREF fields), centred signature
blocks.

Headings are Word headings (the navigation pane and a TOC the worker inserts use them);
tables are real tables sized by their text (``groupwork.report.docx`` layout helpers);
charts are PNG pictures drawn once each.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from groupwork.i18n import _
from groupwork.report import model as d
from groupwork.report.docx import (
    A4_MM,
    PAGE_MARGINS_MM,
    TABLE_PT,
    TABLE_TEXT_PT,
    TABLE_WIDTH_CM,
    THAI_FONT,
    _column_widths,
)

BODY_PT = {"th": 16, "en": 11}
"""Body text size: TH Sarabun New 16 pt, the Thai official form's body."""
BODY_THAI_PT = {"th": 16, "en": 14}
"""The size of Thai text in the body (the complex-script size): in English documents about
1.3 times the Latin size, as in the tables (13 pt beside 10 pt), so both read alike."""
CHART_WIDTH_CM = TABLE_WIDTH_CM


def _lang_tag(lang: str) -> str:
    return {"th": "th-TH", "en": "en-GB"}.get(lang, lang)


def _setup(document, lang: str) -> None:
    """Fonts, language and page: the document's defaults and its A4 section."""
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    styles = document.styles
    # docDefaults: Thai (complex script) is th-TH, not the template's ar-SA.
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang_el = rpr.find(qn("w:lang"))
    lang_el.set(qn("w:val"), _lang_tag(lang))
    lang_el.set(qn("w:bidi"), "th-TH")
    lang_el.attrib.pop(qn("w:eastAsia"), None)
    normal = styles["Normal"]
    size = BODY_PT.get(lang, 11)
    normal.font.size = Pt(size)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:cs"), THAI_FONT)
    if lang == "th":
        for attr in ("w:ascii", "w:hAnsi"):
            fonts.set(qn(attr), THAI_FONT)
    # Thai is a complex script: Word and LibreOffice draw it at the szCs size, in English
    # documents too (names, notes and themes are written in Thai), where the Latin size
    # would make it hard to read.
    _size_cs(normal.element.get_or_add_rPr(), BODY_THAI_PT.get(lang, BODY_PT["th"]))
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        heading = styles[name].element.get_or_add_rPr()
        heading_fonts = heading.get_or_add_rFonts()
        for attr in (
            ("w:cstheme", "w:asciiTheme", "w:hAnsiTheme") if lang == "th" else ("w:cstheme",)
        ):
            heading_fonts.attrib.pop(qn(attr), None)
        heading_fonts.set(qn("w:cs"), THAI_FONT)
        if lang == "th":
            for attr in ("w:ascii", "w:hAnsi"):
                heading_fonts.set(qn(attr), THAI_FONT)
        _official_heading(styles[name], HEADING_PT[lang == "th"][name])
    title = styles["Title"].element.rPr
    for tag in ("w:sz", "w:szCs"):
        found = title.find(qn(tag))
        if found is not None:
            found.set(qn("w:val"), "44")
    section = document.sections[0]
    section.page_width, section.page_height = Mm(A4_MM[0]), Mm(A4_MM[1])
    # The official-correspondence margins (3 cm binding, 2 cm right: 16 cm of text).
    section.left_margin = Mm(PAGE_MARGINS_MM["left"])
    section.right_margin = Mm(PAGE_MARGINS_MM["right"])
    section.top_margin = Mm(PAGE_MARGINS_MM["top"])
    section.bottom_margin = Mm(PAGE_MARGINS_MM["bottom"])
    _page_numbers(section)


HEADING_PT = {
    True: {"Title": 22, "Heading 1": 18, "Heading 2": 18, "Heading 3": 16, "Heading 4": 16},
    False: {"Title": 22, "Heading 1": 16, "Heading 2": 14, "Heading 3": 12, "Heading 4": 11},
}
"""Heading sizes (Thai documents, English ones): in Thai 16-18 pt, never below the body."""


def _official_heading(style, points: float) -> None:
    """Bold black headings at ``points`` (Word's template draws them blue and smaller than
    a 16 pt Thai body; the Thai official form wants them black, bold, 16-18 pt)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    style.font.bold = True
    style.font.color.rgb = RGBColor(0, 0, 0)
    style.font.size = Pt(points)
    rpr = style.element.get_or_add_rPr()
    color = rpr.find(qn("w:color"))
    for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
        color.attrib.pop(qn(attr), None)
    _size_cs(rpr, points)


def _size_cs(rpr, points: float) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    found = rpr.find(qn("w:szCs"))
    if found is None:
        found = OxmlElement("w:szCs")
        rpr.append(found)
    found.set(qn("w:val"), str(int(points * 2)))


def _field(paragraph, instruction: str, result: str = "") -> None:
    """A complex field (begin, instruction, separate, result, end) in ``paragraph``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str):
        run = OxmlElement("w:r")
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            fld.set(qn("w:dirty"), "true")
        run.append(fld)
        return run

    p = paragraph._p
    p.append(char("begin"))
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run.append(instr)
    p.append(run)
    p.append(char("separate"))
    if result:
        paragraph.add_run(result)
    p.append(char("end"))


def _page_numbers(section) -> None:
    """ "- 2 -" at the top centre of every page but the first (the cover)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("- ")
    _field(paragraph, "PAGE", "2")
    paragraph.add_run(" -")


def _runs(paragraph, content: d.Inline, bold: bool = False) -> None:
    for piece in content:
        run = paragraph.add_run(piece.text)
        run.bold = bold or piece.bold or None
        run.italic = piece.italic or None


def _label(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(text + ":").bold = True
    paragraph.paragraph_format.keep_with_next = True


def _table(document, block: d.Table, lang: str) -> None:
    """The table as one piece of WordprocessingML, parsed once: python-docx's cell by cell
    API costs a child lookup per property (seconds for the 500-row task table)."""
    from docx.oxml import parse_xml

    if block.title:
        _label(document, block.title)
    rows = ([block.headers] if block.show_headers else []) + [
        [" ".join(c.split()) or "–" for c in r] for r in block.rows
    ]
    widths = [round(w / 635) for w in _column_widths(rows, len(block.headers), lang=lang)]  # twips
    half_points = str(int(TABLE_PT.get(lang, TABLE_TEXT_PT) * 2))
    thai_half_points = str(int(TABLE_PT["th"] * 2))  # Thai text at its own readable size
    sizes = f'<w:sz w:val="{half_points}"/><w:szCs w:val="{thai_half_points}"/>'
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [
        f'<w:tbl {_NS}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
    ]
    for r, row in enumerate(rows):
        # A row never breaks across pages; the header row repeats at the top of each page.
        out.append(
            "<w:tr><w:trPr><w:cantSplit/>"
            + ("<w:tblHeader/>" if r == 0 and block.show_headers else "")
            + "</w:trPr>"
        )
        bold = "<w:b/>" if r == 0 and block.show_headers else ""
        for width, text in zip(widths, row, strict=False):
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                '<w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
                f'<w:r><w:rPr>{bold}{sizes}</w:rPr><w:t xml:space="preserve">'
                f"{_xml_text(text)}</w:t></w:r></w:p></w:tc>"
            )
        out.append("</w:tr>")
    out.append("</w:tbl>")
    document.element.body.sectPr.addprevious(parse_xml("".join(out)))
    document.add_paragraph()


_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _xml_text(text: str) -> str:
    """Cell text escaped for XML, without the control characters XML cannot hold."""
    from xml.sax.saxutils import escape

    cleaned = "".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 32)
    return escape(cleaned)


def _signature(document, block: d.Signature) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    dots = "." * 40
    lines = [
        _("(Signed)") + f" {dots}",
        f"({block.name})" if block.name else f"({dots})",
        block.position or dots,
        block.day or dots,
        block.role,
    ]
    for i, line in enumerate(lines):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = i < len(lines) - 1
        paragraph.paragraph_format.space_before = Pt(18 if i == 0 else 0)
        run = paragraph.add_run(line)
        run.italic = i == len(lines) - 1 or None


def _bookmark_name(number: int) -> str:
    """The hidden bookmark on section ``number``'s heading, which its contents line points at."""
    return f"_Toc{number:04d}"


def _bookmark(paragraph, number: int) -> None:
    """Wrap the heading's text in the bookmark its contents line refers to."""
    from docx.oxml import parse_xml

    name = _bookmark_name(number)
    paragraph._p.insert(
        1 if paragraph._p.pPr is not None else 0,
        parse_xml(f'<w:bookmarkStart {_NS} w:id="{number}" w:name="{name}"/>'),
    )
    paragraph._p.append(parse_xml(f'<w:bookmarkEnd {_NS} w:id="{number}"/>'))


def _contents(document, block: d.Contents, sections: list[d.Heading]) -> None:
    """The contents: per section a line linked to its heading, with dot leaders to its page
    number, a PAGEREF field to the heading's bookmark.

    Not a TOC field: LibreOffice shows a TOC field's result exactly as it was written (it
    never updates an index on opening, even the PAGEREF fields inside it), so the numbers
    would never appear there; PAGEREF fields standing on their own are computed by
    LibreOffice as it lays out the pages and by Word when it updates fields on opening
    (``w:updateFields``), and the headings stay Word headings for a TOC the worker inserts."""
    from docx.oxml import parse_xml
    from docx.shared import Pt

    title = document.add_paragraph()
    run = title.add_run(block.title)
    run.bold = True
    run.font.size = Pt(18)
    _size_cs(run._r.get_or_add_rPr(), 18)  # a Thai title is a complex-script run
    right = round(TABLE_WIDTH_CM * 567)  # the text width in twips: numbers at the margin
    for number, section in enumerate(sections, 1):
        name = _bookmark_name(number)
        line = (
            f"<w:p {_NS}><w:pPr><w:tabs>"
            f'<w:tab w:val="right" w:leader="dot" w:pos="{right}"/></w:tabs>'
            '<w:spacing w:after="0"/></w:pPr>'
            f'<w:hyperlink w:anchor="{name}" w:history="1">'
            f'<w:r><w:t xml:space="preserve">{_xml_text(section.text)}</w:t></w:r>'
            "<w:r><w:tab/></w:r>"
            '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> PAGEREF {name} \\h </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:t></w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
            "</w:hyperlink></w:p>"
        )
        document.element.body.sectPr.addprevious(parse_xml(line))


def _update_fields_on_open(document) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _style_id(word, name: str) -> str | None:
    """The id python-docx writes for paragraph style ``name`` (None for the default style)."""
    from docx.enum.style import WD_STYLE_TYPE

    return word.part.get_style_id(word.styles[name], WD_STYLE_TYPE.PARAGRAPH)


def _styled(paragraph, style_id: str | None):
    """``paragraph`` given the style ``style_id``, as ``paragraph.style = ...`` would."""
    paragraph._p.style = style_id
    return paragraph


def write_docx(
    document: d.Document, out: Path, chart_png: Callable[[str], bytes] | None = None
) -> Path:
    """Write the Word document to ``out``; ``chart_png(kind)`` gives each chart's PNG."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm

    word = Document()
    _setup(word, document.lang)
    # Styles looked up once, by id: python-docx finds a style by name by walking all of them,
    # and setting a paragraph's style walks them all again to see whether it is the default
    # (272 paragraphs: a third of the writing). The paragraph gets the same w:pStyle.
    quote, bullet, numbered = (
        _style_id(word, n) for n in ("Quote", "List Bullet", "List Paragraph")
    )
    headings = [
        _style_id(word, n) for n in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4")
    ]
    sections = document.sections()
    bookmarks = {id(h): n for n, h in enumerate(sections, 1)}
    for block in document.blocks:
        if isinstance(block, d.Heading):
            level = 0 if block.level == 1 else min(block.level - 1, 4)
            heading = _styled(word.add_paragraph(block.text), headings[level])
            heading.paragraph_format.page_break_before = block.new_page
            if id(block) in bookmarks:
                _bookmark(heading, bookmarks[id(block)])
            if block.level == 1:
                heading.alignment = WD_ALIGN_PARAGRAPH.CENTER  # the title, as on a cover
        elif isinstance(block, d.Paragraph):
            paragraph = word.add_paragraph()
            if block.style == "quote":
                _styled(paragraph, quote)
            _runs(paragraph, block.content)
        elif isinstance(block, d.ListBlock):
            if block.title:
                _label(word, block.title)
            for i, item in enumerate(block.items, 1):
                if block.numbered:
                    # Numbers written as text: Word's "List Number" runs one numbering
                    # through the document, so a second list would go on from 5.
                    paragraph = _styled(word.add_paragraph(), numbered)
                    paragraph.add_run(f"{i}. ")
                    paragraph.paragraph_format.first_line_indent = Cm(-0.63)
                else:
                    paragraph = _styled(word.add_paragraph(), bullet)
                _runs(paragraph, item)
        elif isinstance(block, d.Table):
            _table(word, block, document.lang)
        elif isinstance(block, d.Chart):
            if chart_png is not None:
                word.add_picture(BytesIO(chart_png(block.kind)), width=Cm(CHART_WIDTH_CM))
        elif isinstance(block, d.Signature):
            _signature(word, block)
        elif isinstance(block, d.Contents):
            _contents(word, block, sections)
        elif isinstance(block, d.PageBreak):
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _update_fields_on_open(word)
    # The file's own metadata: the (scrubbed) title, and none of the template's author.
    properties = word.core_properties
    properties.title = document.title
    properties.author = properties.last_modified_by = ""
    properties.comments = properties.keywords = properties.subject = ""
    properties.language = _lang_tag(document.lang)
    from groupwork.files import write_atomically

    # Built in memory and written whole: a full disk never leaves half a .docx over the last.
    buffer = BytesIO()
    word.save(buffer)
    return write_atomically(out, buffer.getvalue())


def build_docx(
    source: d.Document | str, out: Path, chart_png: Callable[[str], bytes] | None = None
) -> Path:
    """Write ``source`` (a document model, or Markdown text) as a Word document to ``out``."""
    from groupwork.i18n import current_language

    if isinstance(source, str):
        from groupwork.report.writers.legacy import document_from_markdown

        source = document_from_markdown(source, lang=current_language())
    return write_docx(source, out, chart_png)
