"""The Word document as the unit head prints and signs it: tables that fit the page with
readable columns, numbered lists that start at 1, Thai headings in a Thai-capable font."""

from __future__ import annotations

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from review_fixture import TODAY

from groupwork.report import generate_review
from groupwork.report.docx import THAI_FONT
from groupwork.report.writers.docx import build_docx


def _grid_cm(table) -> list[float]:
    grid = table._tbl.tblGrid
    return [int(col.get(qn("w:w"))) / 567 for col in grid.findall(qn("w:gridCol"))]


def _stages_table(document, lang):
    stage = {"en": "Stage", "th": "ขั้นตอน"}[lang]
    for table in document.tables:
        if [c.text for c in table.rows[0].cells][1:2] == [stage]:
            return table
    raise AssertionError("no stages-at-a-glance table")


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """The small group's review as docx, in Thai and English (charts drawn once)."""
    from review_fixture import build_small_group

    from groupwork.store import Store

    folder = tmp_path_factory.mktemp("docx")
    store = Store.memory()
    group = build_small_group(store)
    return {
        lang: Document(
            str(
                generate_review(
                    store, group.id, "docx", lang, folder / f"r-{lang}.docx", today=TODAY
                )
            )
        )
        for lang in ("th", "en")
    }


@pytest.mark.parametrize("lang", ["th", "en"])
def test_stages_table_gives_the_stage_name_room(documents, lang):
    table = _stages_table(documents[lang], lang)
    widths = _grid_cm(table)
    assert len(widths) == 6
    section = documents[lang].sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) / Cm(1)
    assert sum(widths) == pytest.approx(text_width, abs=0.1)  # the text width of the A4 page
    number, name, status, started, completed, sessions = widths
    # The widest column; 6 cm at 17 cm of text, 5.2 cm at the 16 cm of the official margins
    # (the short columns keep their room: the centimetre the margins took comes off here).
    assert name == max(widths) and name >= text_width - 10.9
    assert number <= 1.6
    # A date ("19 Jan 2026", "19 ม.ค. 2569") fits on one line.
    assert min(started, completed) >= 2.1
    # Word reads the cell widths, LibreOffice the grid: both say the same.
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            assert cell.width == pytest.approx(Cm(width), rel=0.01)


def test_tables_repeat_their_header_and_keep_rows_whole(documents):
    # The cover's facts (the first table) have no header row to repeat.
    cover, *tables = documents["th"].tables
    assert cover.rows[0]._tr.trPr.find(qn("w:tblHeader")) is None
    assert "หัวข้อ" not in cover.rows[0].cells[0].text
    for table in tables:
        first = table.rows[0]._tr.trPr
        assert first is not None and first.find(qn("w:tblHeader")) is not None
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_numbered_lists_each_start_at_one(tmp_path):
    markdown = "1. first rule\n2. second rule\n\nIssues:\n\n1. first issue\n2. second issue\n"
    document = Document(str(build_docx(markdown, tmp_path / "x.docx")))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts == [
        "1. first rule",
        "2. second rule",
        "Issues:",
        "1. first issue",
        "2. second issue",
    ]


def test_headings_name_the_thai_font(documents):
    """Word takes Thai (a complex script) from the cs font: the headings must not fall back
    to the theme's, which has no Thai."""
    styles = documents["th"].styles
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        fonts = styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:cs")) == THAI_FONT
        assert fonts.get(qn("w:cstheme")) is None


def test_pages_break_where_the_printed_html_breaks(documents):
    """The endorsement is signed on a page of its own; section 1, the lessons and each
    appendix start a page; the other sections flow on."""
    starts = [
        p.text
        for p in documents["en"].paragraphs
        if p.style.name == "Heading 1" and p.paragraph_format.page_break_before
    ]
    assert starts[0] == "Endorsement by the head of unit"
    assert starts[1].startswith("1. ")
    assert starts[2] == "Lessons learned"
    assert all(s.startswith("Appendix") for s in starts[3:]) and len(starts) >= 6
    assert not any(s.startswith(("2. ", "7. ", "12. ")) for s in starts)


def test_no_column_cuts_an_english_word():
    from groupwork.report.docx import CM_PER_CHAR, TABLE_WIDTH_CM, _column_widths

    rows = [
        ["No.", "Stage", "Status", "Orientation given"],
        ["1", "Problem and need for the group method " * 2, "completed", "yes"],
        ["2", "Group formation and member selection", "in progress", "no"],
    ]
    widths = [w.cm for w in _column_widths(rows, 4)]
    assert sum(widths) == pytest.approx(TABLE_WIDTH_CM, abs=0.05)
    assert widths[2] >= len("completed") * CM_PER_CHAR * 1.15  # the word fits on one line
    assert widths[3] >= len("Orientation") * CM_PER_CHAR * 1.2  # bold heading word
    assert widths[1] == max(widths)


@pytest.mark.parametrize(
    ("lang", "body", "table"), [("th", (16, 16), (13, 13)), ("en", (11, 14), (10, 13))]
)
def test_thai_text_is_set_at_a_readable_size_in_both_languages(documents, lang, body, table):
    # Word and LibreOffice draw Thai at the complex-script size (szCs). An English review's
    # names, notes and themes are Thai: at the Latin 10-11 pt they were hard to read.
    def sizes(rpr) -> tuple[float, float]:
        return tuple(int(rpr.find(qn(tag)).get(qn("w:val"))) / 2 for tag in ("w:sz", "w:szCs"))

    document = documents[lang]
    assert sizes(document.styles["Normal"].element.rPr) == body
    cell_run = _stages_table(document, lang).rows[1].cells[1].paragraphs[0].runs[0]
    assert sizes(cell_run._r.rPr) == table


def test_thai_headings_are_bold_black_and_never_smaller_than_the_body(documents):
    document = documents["th"]
    for name in ("Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        style = document.styles[name]
        rpr = style.element.rPr
        assert style.font.bold and str(style.font.color.rgb) == "000000", name
        assert rpr.find(qn("w:color")).get(qn("w:themeColor")) is None, name
        sizes = [int(rpr.find(qn(t)).get(qn("w:val"))) / 2 for t in ("w:sz", "w:szCs")]
        assert all(16 <= size <= 18 for size in sizes), (name, sizes)
