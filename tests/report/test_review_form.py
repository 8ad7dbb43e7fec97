"""The review in the form of a Thai official document: signature blocks, a table of
contents, page numbers, Thai declared as Thai, the document font, A4; the HTML carries its
font and links its contents."""

from __future__ import annotations

import re

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from review_fixture import TODAY

from groupwork.report import generate_review


@pytest.fixture(scope="module")
def thai(tmp_path_factory):
    """The small group's Thai review as docx and html."""
    from review_fixture import build_small_group

    from groupwork.store import Store

    folder = tmp_path_factory.mktemp("form")
    store = Store.memory()
    group = build_small_group(store)
    return {
        fmt: generate_review(store, group.id, fmt, "th", folder / f"r.{fmt}", today=TODAY)
        for fmt in ("docx", "html", "md")
    }


def _instructions(element) -> list[str]:
    return [t.text.strip() for t in element.iter(qn("w:instrText"))]


def test_signature_blocks_are_centred_with_the_name_in_parentheses(thai):
    document = Document(str(thai["docx"]))
    paragraphs = document.paragraphs
    signed = [i for i, p in enumerate(paragraphs) if p.text.startswith("(ลงชื่อ) ")]
    assert len(signed) == 2  # the head of unit, the reporting worker
    head = [p.text for p in paragraphs[signed[0] : signed[0] + 5]]
    assert head[1] == "(Head Person)"
    assert head[3] == "28 กุมภาพันธ์ 2569" or re.fullmatch(r"\d{1,2} \S+ 25\d\d|\.+", head[3])
    assert head[4] == "หัวหน้าหน่วยงาน"
    worker = [p.text for p in paragraphs[signed[1] : signed[1] + 5]]
    assert worker[4] == "ผู้รายงาน"
    for start in signed:
        for p in paragraphs[start : start + 5]:
            assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_docx_has_a_toc_field_and_page_numbers(thai):
    document = Document(str(thai["docx"]))
    body = document.element.body
    # The contents: one PAGEREF per section to the bookmark on its heading (a Heading 1),
    # computed by LibreOffice as it lays out and by Word on opening (not a TOC field, whose
    # result LibreOffice never updates).
    refs = [i.split()[1] for i in _instructions(body) if i.startswith("PAGEREF ")]
    marks = {b.get(qn("w:name")): b.getparent() for b in body.iter(qn("w:bookmarkStart"))}
    assert len(refs) >= 14 and len(set(refs)) == len(refs)
    for ref in refs:
        assert marks[ref].pPr.pStyle.val == "Heading1"
    links = [h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink"))]
    assert links[: len(refs)] == refs
    section = document.sections[0]
    assert section.different_first_page_header_footer  # no number on the cover
    header = section.header.paragraphs[0]
    assert _instructions(header._p) == ["PAGE"]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert header.text.startswith("- ") and header.text.endswith(" -")
    settings = document.settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_docx_declares_thai_and_names_th_sarabun_new_on_a4(thai):
    document = Document(str(thai["docx"]))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:bidi")) == "th-TH"
    assert lang.get(qn("w:val")) == "th-TH"
    assert "ar-SA" not in document.styles.element.xml
    fonts = document.styles["Normal"].element.rPr.rFonts
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        assert fonts.get(qn(attr)) == "TH Sarabun New"
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    # The official-correspondence margins: 3 cm left (binding), 2 cm right, 16 cm of text.
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 20
    assert round(section.top_margin.mm) == 25


def test_dates_are_written_out_in_thai(thai):
    text = thai["md"].read_text(encoding="utf-8")
    assert re.search(r"\d{1,2} (มกราคม|กุมภาพันธ์|มีนาคม) 2569", text)


def test_html_embeds_the_font_links_its_contents_and_numbers_pages(thai):
    html = thai["html"].read_text(encoding="utf-8")
    assert html.count("@font-face") == 2 and "data:font/ttf," in html
    # The charts' text is text (selectable, shaped by the browser) in that embedded font.
    assert '@font-face { font-family: "Sarabun"' in html
    families = set(re.findall(r"<text style=\"[^\"]*font-family: ([^;\"]*)", html))
    assert families == {"'Sarabun', 'DejaVu Sans'"}
    assert re.search(r'<meta http-equiv="content-language" content="th-TH">', html)
    anchors = re.findall(r'<a href="#([a-z0-9-]+)">', html)
    assert "s1" in anchors and "s12" in anchors and "appendix-f" in anchors
    for anchor in anchors:
        assert f'id="{anchor}"' in html
    assert "counter(page)" in html and "size: A4" in html
    assert html.count('<div class="signature">') == 2
    assert "<p>(ลงชื่อ) " in html and "<p>(Head Person)</p>" in html


def test_docx_metadata_carries_the_title_and_no_author(thai):
    properties = Document(str(thai["docx"])).core_properties
    assert properties.title.startswith("รายงานผลการปฏิบัติงานสังคมสงเคราะห์กลุ่ม")
    assert properties.author == "" and properties.language == "th-TH"


def test_sociogram_names_sit_outside_the_ring(store, small_group):
    from groupwork.charts import draw_chart
    from groupwork.privacy.naming import build_naming
    from groupwork.review_data.data import gather_review_data

    data = gather_review_data(store, small_group.id)
    naming = build_naming(data.members, data.consents)
    fig = draw_chart("sociogram", data, naming)
    ax = fig.axes[0]
    names = [t for t in ax.texts if t.get_text()]
    assert names
    for text in names:
        x, y = text.get_position()
        assert (x * x + y * y) ** 0.5 >= 1.15  # beyond the nodes (radius 1), where no arrow runs
    assert "Facilitator" in [t.get_text() for t in ax.get_legend().get_texts()]
