"""Scrubbing by words: a group named with ordinary Thai words, in every default output."""

from __future__ import annotations

import html

import pytest
from docx import Document
from ordinary_names import (
    GROUP_NAME,
    MEMBERS,
    NOTES,
    SPOTS,
    TARGET_POPULATION,
    build_ordinary_names_group,
    expected,
)
from review_fixture import TODAY

from groupwork.privacy.thai_words import words
from groupwork.report import generate_review
from groupwork.report.share_check import pre_share_check

# Spellings that only ever name a member (each of the eleven has at least one).
IDENTIFYING = [
    "ใจงาม",
    "สีดา",
    "แสงทอง",
    "ทองดี",
    "สุขใจ",
    "ศรีสวัสดิ์",
    "Somchai",
    "Ｓｏｍｃｈａｉ",
    "Anna",
    "บุญมา",
    "มีสุข",
    *MEMBERS.values(),
]


def _docx_text(path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    properties = document.core_properties
    parts += [properties.title, properties.author, properties.subject, properties.comments]
    return "\n".join(parts)


def _text(path, fmt: str) -> str:
    if fmt == "docx":
        return _docx_text(path)
    text = path.read_text(encoding="utf-8")
    return html.unescape(text) if fmt == "html" else text.replace("\\", "")


@pytest.fixture
def group(store):
    return build_ordinary_names_group(store)


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_names_replaced_and_every_ordinary_word_intact(store, group, tmp_path, fmt, lang):
    path = generate_review(
        store, group.id, fmt=fmt, lang=lang, out=tmp_path / f"r.{fmt}", today=TODAY
    )
    text = _text(path, fmt)
    for note in [*NOTES, GROUP_NAME, TARGET_POPULATION]:
        assert expected(note) in text, note  # word by word, as typed, names replaced
    # Whole words only: "ทำบุญมากขึ้น" holds the letters of บุญมา and must stay.
    tokens = {t.casefold() for t in words(text, IDENTIFYING)}
    assert [name for name in IDENTIFYING if name.casefold() in tokens] == []
    assert [name for name in MEMBERS.values() if name in text] == []


def test_the_spots_to_reread_are_counted_and_placed(store, group):
    check = pre_share_check(store, group.id)
    assert [s.spot.word for s in check.spots] == SPOTS
    assert "ได้รับพรจากพระ" in check.spots[0].spot.context
    assert check.spots[0].where.startswith("Stage 1")
    assert "อย่างละเอียด" in check.spots[1].spot.context
