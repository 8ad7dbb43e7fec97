"""The Group Work Review of the demo group: complete, traceable, and safe to share."""

from __future__ import annotations

import re
from datetime import date

import pytest

from groupwork import models as m
from groupwork.demo import build_demo
from groupwork.report import generate_review

TODAY = date(2026, 11, 21)


@pytest.fixture
def demo(store):
    return build_demo(store, today=TODAY)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_demo_review_has_twelve_filled_sections_and_no_real_names(store, demo, tmp_path, lang):
    text = generate_review(
        store, demo.id, fmt="md", lang=lang, out=tmp_path / "r.md", today=TODAY
    ).read_text(encoding="utf-8")
    numbers = [int(n) for n in re.findall(r"^## (\d+)\. ", text, flags=re.MULTILINE)]
    assert numbers == list(range(1, 13))
    members = store.members(demo.id)
    for member in members:
        assert member.real_name not in text
    selected = [mm for mm in members if mm.is_selected]
    assert all(mm.pseudonym in text for mm in selected)
    # every agreed rule in force is quoted; the demo's narratives are used (no "missing" notes)
    for rule in store.of_group(m.GroundRule, demo.id):
        if rule.is_in_force:
            assert rule.text in text


def test_thai_review_has_no_english_left(store, demo, tmp_path):
    """The demo's records are in Thai, so a Thai review has no English words in it at all
    (headings, labels, captions), apart from the program's own name."""
    text = generate_review(
        store, demo.id, fmt="md", lang="th", out=tmp_path / "r.md", today=TODAY
    ).read_text(encoding="utf-8")
    words = set(re.findall(r"[A-Za-z]{2,}", text))
    assert words == {"groupwork"}


def test_english_review_labels_have_no_thai(store, demo, tmp_path):
    """The records are Thai, but every heading and label the program writes is English."""
    text = generate_review(
        store, demo.id, fmt="md", lang="en", out=tmp_path / "r.md", today=TODAY
    ).read_text(encoding="utf-8")
    thai = re.compile("[\u0e00-\u0e7f]")
    labels = re.findall(r"\*\*([^*]+?):\*\*", text)
    headings = [h for h in re.findall(r"^#+ (.+)$", text, flags=re.MULTILINE)]
    assert len(labels) > 20 and len(headings) > 20
    assert [x for x in labels + headings if thai.search(x)] == []
