"""Table text widths come from the fonts the Word review is set in: digits, punctuation and
Thai letters each their own width, Thai vowel and tone marks none; and a column is never
narrower than a word, a heading word, a date or a time range it holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from groupwork.report.docx import (
    CELL_PADDING_CM,
    CM_PER_CHAR,
    TABLE_WIDTH_CM,
    _column_widths,
    longest_piece_cm,
    text_width_cm,
)
from groupwork.report.text_width import (
    LATIN_FACE_CHARS,
    THAI_FACE_CHARS,
    unbreakable_pieces,
    width_em,
)

SESSION_LOG_TH = [
    ["ลำดับ", "วันที่", "สถานะ", "ขั้นตอน", "เข้าร่วม/บันทึก", "ประเด็นที่พูดคุย"],
    *[
        [str(n), f"{day} ส.ค. 2569 06:30–08:30", "จัดแล้ว", "1, 2, 3", "9/11", "ความไว้วางใจ"]
        for n, day in ((1, 6), (2, 14), (3, 22), (4, 30))
    ],
    ["5", "15 ก.ย. 2569", "ยกเลิก (ฝนตกหนัก พรโทรแจ้งสมาชิก)", "–", "–", "–"],
    ["6", "23 ก.ย. 2569 06:30–08:30", "จัดแล้ว", "7, 10, 11", "10/11", "การโทษตัวเอง; ความอับอาย"],
]


def test_digits_and_thai_letters_are_measured_apart():
    # In TH Sarabun New a digit is 0.544 em, a colon 0.243; Thai marks take no room.
    assert width_em("2569", "th") == pytest.approx(4 * 0.544)
    dash = width_em("–", "th")
    assert width_em("06:30–08:30", "th") == pytest.approx(8 * 0.544 + 2 * 0.243 + dash)
    assert width_em("ลำดับ", "th") == pytest.approx(width_em("ลำดบ", "th"))  # ั is a mark
    assert width_em("สิ้น", "th") == pytest.approx(width_em("สน", "th"))
    # Bold is wider; English documents set Latin text in the (wider) Latin face.
    assert width_em("ลำดับ", "th", bold=True) > width_em("ลำดับ", "th")
    assert width_em("held", "en") > width_em("held", "th")
    # The old estimate (0.17 cm a character) left a time range 0.6 cm short at 13 pt.
    assert text_width_cm("06:30–08:30", "th") > 11 * CM_PER_CHAR + 0.5


def test_pieces_keep_dates_times_and_thai_words_whole():
    assert unbreakable_pieces("7 ก.ค. 2569 06:30–08:30") == ["7", "ก.ค.", "2569", "06:30–08:30"]
    assert unbreakable_pieces("เข้าร่วม/บันทึก") == ["เข้าร่วม/", "บันทึก"]
    assert longest_piece_cm("ลำดับ", "th", bold=True) == text_width_cm("ลำดับ", "th", True)


def test_session_log_columns_hold_their_time_range_and_heading_words():
    widths = [w.cm for w in _column_widths(SESSION_LOG_TH, 6, lang="th")]
    assert sum(widths) == pytest.approx(TABLE_WIDTH_CM, abs=0.05)  # within the page
    number, date, status, stages, attended, themes = widths
    # The header "ลำดับ" is one word: it is never split (the old widths gave it 1.0 cm).
    assert number >= text_width_cm("ลำดับ", "th", bold=True) + CELL_PADDING_CM - 0.001
    # The time range and the date each fit on a line of their own.
    for piece in ("06:30–08:30", "23 ก.ย. 2569"):
        assert date >= text_width_cm(piece, "th") + CELL_PADDING_CM - 0.001
    assert attended >= text_width_cm("เข้าร่วม/", "th", bold=True) + CELL_PADDING_CM - 0.001
    assert status >= text_width_cm("สมาชิก", "th") + CELL_PADDING_CM - 0.001


def test_too_many_columns_share_the_page_alike():
    rows = [[f"ลำดับ{i}" for i in range(12)], ["06:30–08:30"] * 12]
    widths = [w.cm for w in _column_widths(rows, 12, lang="th")]
    assert sum(widths) == pytest.approx(TABLE_WIDTH_CM, abs=0.05)
    assert max(widths) - min(widths) < 0.01


FONTS = {
    "thai": "/usr/share/fonts/truetype/tlwg/Laksaman.ttf",
    "thai-bold": "/usr/share/fonts/truetype/tlwg/Laksaman-Bold.ttf",
    "latin": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "latin-bold": "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
}


@pytest.mark.parametrize("face", list(FONTS))
def test_width_tables_match_the_fonts(face):
    """Where the fonts are installed, the tables are their advance widths (how they were
    made: fontTools, ``hmtx`` over ``unitsPerEm``)."""
    ttlib = pytest.importorskip("fontTools.ttLib")
    if not Path(FONTS[face]).exists():
        pytest.skip(f"{FONTS[face]} is not installed")
    font = ttlib.TTFont(FONTS[face])
    per_em = font["head"].unitsPerEm
    cmap, metrics = font.getBestCmap(), font["hmtx"]
    lang = "th" if face.startswith("thai") else "en"
    chars = THAI_FACE_CHARS if lang == "th" else LATIN_FACE_CHARS
    for ch in chars:
        expected = round(metrics[cmap[ord(ch)]][0] * 1000 / per_em) / 1000
        assert width_em(ch, lang, bold=face.endswith("bold")) == pytest.approx(expected), ch
