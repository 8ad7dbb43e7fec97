"""The TUI's text fitting measures terminal cells, so Thai is not cut short."""

from __future__ import annotations

from rich.cells import cell_len

from groupwork.tui.formatting import clip


def test_thai_marks_take_no_width_so_thai_fits_whole():
    thai = "สมาชิกเล่าเรื่องการไปศาล"  # 24 characters, fewer cells (vowel/tone marks)
    assert len(thai) > 20 >= cell_len(thai)
    assert clip(thai, 20) == thai


def test_long_text_is_cut_to_the_width_with_an_ellipsis():
    cut = clip("Ask the legal aid clinic about court escorts", 12)
    assert cut == "Ask the leg…" and cell_len(cut) == 12
    thai = clip("ติดต่อศูนย์พัฒนาเด็กเล็กเรื่องรับฝากลูกตอนกลางวัน", 10)
    assert thai.endswith("…") and cell_len(thai) <= 10


def test_new_lines_become_spaces():
    assert clip("one\ntwo", 20) == "one two"
