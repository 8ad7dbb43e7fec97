"""Dates in Thai and English, Buddhist Era and Common Era, and what a person may type."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from groupwork.dates import format_date, parse_date
from groupwork.errors import InvalidInputError
from groupwork.i18n import use_language

D = date(2026, 11, 21)


def test_thai_defaults_to_the_buddhist_era():
    assert format_date(D, lang="th") == "21 พ.ย. 2569"
    assert format_date(date(2027, 1, 3), lang="th") == "3 ม.ค. 2570"


def test_english_defaults_to_the_common_era():
    assert format_date(D, lang="en") == "21 Nov 2026"


def test_era_override_names_the_unusual_era():
    assert format_date(D, lang="en", era="be") == "21 Nov BE 2569"
    assert format_date(D, lang="th", era="ce") == "21 พ.ย. ค.ศ. 2026"


def test_environment_chooses_the_era(monkeypatch):
    monkeypatch.setenv("GROUPWORK_ERA", "be")
    assert format_date(D, lang="en") == "21 Nov BE 2569"
    monkeypatch.setenv("GROUPWORK_ERA", "ce")
    assert format_date(D, lang="th") == "21 พ.ย. ค.ศ. 2026"


def test_current_language_is_used_and_none_is_blank():
    with use_language("th"):
        assert format_date(D) == "21 พ.ย. 2569"
    assert format_date(None) == ""


@pytest.mark.parametrize(
    "text", ["2026-11-21", "2569-11-21", "21/11/2569", "21/11/2026", " 2026-11-21 "]
)
def test_parse_accepts_iso_buddhist_era_and_day_month_year(text):
    assert parse_date(text) == D


@pytest.mark.parametrize("text", ["", "tomorrow", "2026-02-30", "2026-13-01", "21.11.2569"])
def test_parse_rejects_with_a_clear_message(text):
    with pytest.raises(InvalidInputError) as info:
        parse_date(text)
    assert "2026-11-21" in str(info.value)


def test_parse_error_is_translated():
    with use_language("th"), pytest.raises(InvalidInputError) as info:
        parse_date("เมื่อวาน")
    assert "ไม่ใช่วันที่" in str(info.value)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2399, 12, 31)))
def test_iso_and_buddhist_era_round_trip(d):
    assert parse_date(d.isoformat()) == d
    assert parse_date(f"{d.year + 543}-{d.month:02d}-{d.day:02d}") == d


@given(st.text(max_size=30))
def test_any_text_parses_or_gives_invalid_input(text):
    try:
        parse_date(text)
    except InvalidInputError:
        pass
