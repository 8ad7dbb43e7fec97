"""What a person types, read in one place (groupwork.typed_input): numbers, dates, ids, texts
and files, refused in one line; ids matched exactly on both engines."""

from __future__ import annotations

import os
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from groupwork import models as m
from groupwork import typed_input
from groupwork.errors import InvalidInputError, NotFoundError


@given(st.integers())
def test_a_whole_number_is_read_or_refused_by_its_range(n):
    low, high = typed_input.DAYS
    if low <= n <= high:
        assert typed_input.whole_number(str(n), low, high) == n
    else:
        with pytest.raises(InvalidInputError) as refused:
            typed_input.whole_number(str(n), low, high)
        assert "\n" not in str(refused.value) and "whole number" in str(refused.value)


@given(st.text(max_size=60))
def test_any_text_as_a_number_is_a_number_in_range_or_one_line(text):
    try:
        value = typed_input.whole_number(text, *typed_input.SESSION_NUMBERS)
    except InvalidInputError as exc:
        assert "\n" not in str(exc)
    else:
        assert 1 <= value <= 10_000


def test_huge_numbers_never_reach_int():
    with pytest.raises(InvalidInputError):
        typed_input.whole_number("9" * 5000, 1, 10)  # int() would refuse this as a ValueError


def test_thai_digits_are_numbers():
    assert typed_input.whole_number("๑๒", 1, 100) == 12


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-05", date(2026, 12, 5)),
        ("5/12/2569", date(2026, 12, 5)),
        ("5.12.2569", date(2026, 12, 5)),
        ("20261205", date(2026, 12, 5)),
    ],
)
def test_dates_as_people_type_them(text, expected):
    assert typed_input.day(text) == expected


@pytest.mark.parametrize(
    "text", ["20261301", "2026-02-30", "0000-01-01", "99999999", "1800-01-01", "2026-1-1x", ""]
)
def test_impossible_dates_are_one_line(text):
    with pytest.raises(InvalidInputError) as refused:
        typed_input.day(text)
    assert "\n" not in str(refused.value)


@given(st.text(max_size=20))
def test_any_text_is_a_usable_date_or_one_line(text):
    try:
        found = typed_input.day(text)
    except InvalidInputError as exc:
        assert "\n" not in str(exc)
    else:
        assert date(1900, 1, 1) <= found <= date(2300, 12, 31)


@pytest.mark.parametrize("text", ["____", "%", "a_b%", "ABCD%", "abc", "g123", "1234 5"])
def test_wildcards_and_short_texts_are_no_id_prefix(text):
    assert typed_input.id_prefix(text) is None


def test_an_id_prefix_is_hex_in_lower_case():
    assert typed_input.id_prefix(" 8205AbCd ") == "8205abcd"


@pytest.mark.parametrize("value", ["a\x00b", "bad \udcff byte", "bell\x07"])
def test_texts_that_cannot_be_stored_are_refused(value):
    with pytest.raises(InvalidInputError):
        typed_input.text(value)


def test_input_files_must_be_regular_readable_files(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for path, words in [
        (fifo, "not a regular file"),
        (tmp_path, "is a folder"),
        (tmp_path / "missing.json", "does not exist"),
    ]:
        with pytest.raises(InvalidInputError) as refused:
            typed_input.input_file(path)
        assert words in str(refused.value) and str(path) in str(refused.value)
    good = tmp_path / "export.json"
    good.write_text("{}")
    assert typed_input.input_file(good) == good


@pytest.mark.parametrize("ref", ["____", "%", "_%", "%%%%", "________________________________"])
def test_wildcards_never_find_a_group(store, ref):
    """On both engines: LIKE would have matched "____" to every id."""
    store.add(m.Group(name="Hope"))
    with pytest.raises(NotFoundError):
        store.find_group(ref)


def test_an_id_prefix_finds_its_group_in_any_case(store):
    group = store.add(m.Group(name="Park"))
    store.add(m.Group(name="Will"))
    assert store.find_group(group.id[:6].upper()).id == group.id
    assert store.find_group(group.id).id == group.id
