"""The demo's members have given names that are everyday Thai words (พร, สุข, เดือน ...), and
the worker's notes name them ("คุณพร"). The review must hide the names and keep the words."""

from __future__ import annotations

from datetime import date

import pytest

from groupwork.demo import build_demo
from groupwork.report import generate_review

TODAY = date(2026, 11, 21)


@pytest.fixture
def thai_review(store, tmp_path):
    group = build_demo(store, today=TODAY)
    path = generate_review(store, group.id, fmt="md", lang="th", out=tmp_path / "r.md", today=TODAY)
    return path.read_text(encoding="utf-8")


def test_names_in_the_notes_are_replaced_by_pseudonyms(thai_review):
    assert "คุณพร" not in thai_review and "คุณดาว" in thai_review  # พร is ดาว in reports
    assert "คุณเดือน" not in thai_review


def test_ordinary_words_that_contain_a_name_survive(thai_review):
    for word in ("เดือนละสองครั้ง", "พร้อม", "เพราะ"):
        assert word in thai_review, word
    for mangled in ("ดาว้อม", "เดาวาะ", "น้ำละสองครั้ง"):
        assert mangled not in thai_review, mangled
