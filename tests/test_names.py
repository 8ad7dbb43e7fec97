"""The one name matcher: what every caller (report, exports, erasure) now gets alike."""

from __future__ import annotations

from groupwork.names import NameScrubber, name_variants, scrub_data, strip_title


def test_latin_titles_come_off_only_when_written_with_a_dot():
    assert strip_title("Dr.Lee") == "Lee"
    assert strip_title("Mraz") == "Mraz"
    assert strip_title("นางสาวมาลี") == "มาลี"
    assert "raz" not in name_variants("Mraz Novak")


def test_a_hidden_name_split_by_an_invisible_character_is_still_found():
    scrub = NameScrubber([(("นางสาวมาลี ศรีสุข",), "X")], shared="?").scrub
    assert scrub("มา\u200bลีมาสาย") == "Xมาสาย"
    assert scrub("นางสาวมาลีกับศรีสุข") == "XกับX"
    untouched = "ไม่มีชื่อ\u200bในนี้"
    assert scrub(untouched) is untouched  # text without a name is not rewritten


def test_a_shared_family_name_points_at_nobody_and_ids_stay():
    scrubber = NameScrubber(
        [(("Anong Wong",), "Lotus"), (("Chanida Wong",), "Jasmine")], shared="[?]"
    )
    data = {"id": "Wong", "member_id": "Anong", "notes": ["Anong met Wong"], "n": 3}
    assert scrub_data(data, scrubber.scrub) == {
        "id": "Wong",
        "member_id": "Anong",
        "notes": ["Lotus met [?]"],
        "n": 3,
    }
