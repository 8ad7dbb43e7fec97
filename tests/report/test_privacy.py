"""No member's real name in any default output; --names only when every member consented."""

from __future__ import annotations

import re

import pytest
from docx import Document
from review_fixture import NAME_PARTS, REAL_NAMES, TODAY

from groupwork.charts import CHART_KINDS, render_chart
from groupwork.privacy.name_forms import name_variants
from groupwork.privacy.naming import build_naming
from groupwork.report import generate_review, withheld_names


def _leaks(text: str) -> list[str]:
    return [part for part in NAME_PARTS if part.casefold() in text.casefold()]


def _docx_text(path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["en", "th"])
def test_no_real_name_in_md_html_or_docx(store, small_group, tmp_path, lang):
    outputs = {}
    for fmt in ("md", "html", "docx"):
        path = generate_review(
            store, small_group.id, fmt=fmt, lang=lang, out=tmp_path / f"r.{fmt}", today=TODAY
        )
        outputs[fmt] = _docx_text(path) if fmt == "docx" else path.read_text(encoding="utf-8")
    for fmt, text in outputs.items():
        assert _leaks(text) == [], fmt
        assert "ดาว" in text and "Member B" in text  # pseudonyms are there instead


def test_no_real_name_in_chart_text(store, small_group, tmp_path):
    for kind in CHART_KINDS:
        svg = render_chart(store, small_group.id, kind, tmp_path / f"{kind}.svg").read_text()
        text = " ".join(re.findall(r">([^<>]+)<", svg))
        assert _leaks(text) == [], kind


def test_names_flag_is_refused_unless_every_member_consented(store, small_group, tmp_path):
    from datetime import date

    from groupwork import models as m
    from groupwork.consent import ConsentRefused

    out = tmp_path / "r.md"
    with pytest.raises(ConsentRefused) as refused:
        generate_review(store, small_group.id, fmt="md", out=out, names=True, today=TODAY)
    assert "Member D, ดาว, ฟ้า" in str(refused.value)  # recorded only / withdrawn / none
    assert not out.exists()
    assert withheld_names(store, small_group.id) == ["Member D", "ดาว", "ฟ้า"]
    # Once every member consented, the review names them all.
    for member in store.members(small_group.id, selected_only=True):
        store.add(
            m.Consent(
                group_id=small_group.id,
                member_id=member.id,
                given_on=date(2026, 3, 1),
                scopes=[m.ConsentScope.RECORDED, m.ConsentScope.SHARED_IN_REPORT],
            )
        )
    text = generate_review(
        store, small_group.id, fmt="md", out=out, names=True, today=TODAY
    ).read_text(encoding="utf-8")
    assert REAL_NAMES["M2"] in text and REAL_NAMES["M1"] in text


def test_thai_names_inside_thai_sentences_are_replaced():
    from groupwork.models import Member

    members = [
        Member(group_id="g", real_name="นางสาวสมศรี ใจดี", pseudonym="ดาว"),
        Member(group_id="g", real_name="Ann Lee", pseudonym="C-07"),
    ]
    naming = build_naming(members, {})
    assert naming.scrub("วันนี้คุณสมศรีใจดีมาสาย") == "วันนี้คุณดาว มาสาย"
    assert naming.scrub("ใจดีพูดว่า") == "ดาว พูดว่า"
    assert naming.scrub("นางสาวสมศรีมาแล้ว") == "ดาว มาแล้ว"
    assert naming.scrub("สม\u200bศรีเงียบ") == "ดาว เงียบ"  # a zero-width space does not hide it
    assert naming.scrub("Annual report by ANN, and Lee's plan") == (
        "Annual report by C-07, and C-07's plan"
    )
    assert naming.scrub("คุณAnnมา") == "คุณC-07 มา"


def test_a_shared_family_name_is_withheld_without_pointing_at_one_member():
    from groupwork.models import Member

    members = [
        Member(group_id="g", real_name="Somchai Dee", pseudonym="A1"),
        Member(group_id="g", real_name="Somsri Dee", pseudonym="A2"),
    ]
    naming = build_naming(members, {})
    assert naming.scrub("Mrs Dee came") == "Mrs [name withheld] came"
    assert naming.scrub("Somsri Dee came") == "A2 came"


def test_name_variants_cover_titles_and_joined_names():
    variants = name_variants("นางบุญมา แสงทอง")
    assert {"บุญมา", "แสงทอง", "นางบุญมา", "บุญมาแสงทอง", "นางบุญมา แสงทอง"} <= variants
