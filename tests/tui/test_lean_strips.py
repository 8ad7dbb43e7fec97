"""A drawn line's caches made on first use (groupwork.tui.lean_strips): fewer objects for the
collector, the same lines drawn."""

from __future__ import annotations

import gc

import pytest
from rich.segment import Segment
from rich.style import Style
from textual.cache import FIFOCache
from textual.strip import Strip

from groupwork.tui import lean_strips

SEGMENTS = [
    Segment("ป้าสมหญิง ", Style(bold=True)),
    Segment("ส่งงาน 2 ชิ้น "),
    Segment("May", Style(italic=True)),
]


@pytest.fixture(autouse=True)
def installed():
    assert lean_strips.install()


def textuals_strip(segments) -> Strip:
    """A strip made by Textual's own constructor, every cache made at once."""
    strip = Strip.__new__(Strip)
    lean_strips.TEXTUAL_INIT(strip, segments)
    return strip


def test_a_new_strip_holds_no_cache_object():
    # Seven caches per strip were most of what a table's kept lines gave the collector.
    segments = [[Segment(f"แถว {n}")] for n in range(200)]
    gc.collect()
    before = len(gc.get_objects())
    strips = [Strip(s) for s in segments]
    lean = len(gc.get_objects()) - before
    eager = [textuals_strip(s) for s in segments]
    made_by_textual = len(gc.get_objects()) - before - lean
    # The strip and its list of segments, and nothing else.
    assert lean <= 2 * len(strips) + 5
    assert made_by_textual >= 8 * len(eager)


def test_each_cache_is_made_once_at_its_first_lookup_with_textuals_size():
    strip, textual = Strip(SEGMENTS), textuals_strip(SEGMENTS)
    for name, size in lean_strips.CACHE_SIZES.items():
        cache = getattr(strip, name)
        assert isinstance(cache, FIFOCache)
        assert cache._maxsize == getattr(textual, name)._maxsize == size
        assert getattr(strip, name) is cache  # kept: the second lookup finds the same one


@pytest.mark.parametrize(
    "draw",
    [
        lambda s: [s.crop(2, 12)],
        lambda s: [s.crop(0, 40)],
        lambda s: s.divide([4, 12, 40]),
        lambda s: [s.apply_style(Style(color="red"))],
        lambda s: [s.adjust_cell_length(30), s.adjust_cell_length(5)],
        lambda s: [s.crop_extend(3, 30, Style(bgcolor="blue"))],
        lambda s: [s.extend_cell_length(35)],
        lambda s: [s.apply_offsets(1, 2)],
        lambda s: [s.simplify(), s.discard_meta()],
    ],
)
def test_lines_drawn_as_textuals_own_strip_draws_them(draw):
    strip, textual = Strip(SEGMENTS), textuals_strip(SEGMENTS)
    assert strip.cell_length == textual.cell_length
    for _ in range(2):  # the second time from the caches
        got, expected = draw(strip), draw(textual)
        assert [list(s) for s in got] == [list(s) for s in expected]
        assert [s.cell_length for s in got] == [s.cell_length for s in expected]


def test_the_crop_cache_answers_the_second_time():
    strip = Strip(SEGMENTS)
    assert strip.crop(2, 12) is strip.crop(2, 12)


def test_other_missing_attributes_still_raise():
    with pytest.raises(AttributeError):
        Strip(SEGMENTS).not_an_attribute  # noqa: B018


def test_a_strip_class_with_other_slots_is_left_alone():
    class LaterStrip:
        __slots__ = ["_segments", "_cell_length", "_caches"]

    assert not lean_strips.fits(LaterStrip)
