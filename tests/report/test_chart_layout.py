"""Charts as the reader sees them: readable with only a few sessions (cells not stretched
into wide bands), date labels that do not run into each other, counts on whole numbers,
legends beside the data rather than over it."""

from __future__ import annotations

from datetime import date

import pytest

from groupwork.charts import draw_chart, figure_png
from groupwork.demo import build_demo
from groupwork.i18n import use_language
from groupwork.privacy.naming import build_naming
from groupwork.review_data.data import gather_review_data

DEMO_DAY = date(2026, 11, 21)


def _laid_out(kind, store, group_id, lang="th"):
    with use_language(lang):
        data = gather_review_data(store, group_id)
        naming = build_naming(data.members, data.consents)
        fig = draw_chart(kind, data, naming)
        figure_png(fig)  # lays the figure out, as when it is written
    return fig


def _cell_inches(fig, ax, rows: int, columns: int) -> tuple[float, float]:
    box = ax.get_window_extent()
    return box.width / fig.dpi / columns, box.height / fig.dpi / rows


@pytest.mark.parametrize("kind", ["attendance", "participation"])
def test_heat_map_cells_are_not_stretched_with_few_sessions(store, small_group, kind):
    fig = _laid_out(kind, store, small_group.id)
    ax = fig.axes[0]
    rows, columns = ax.images[0].get_array().shape
    assert columns == 3  # the fixture holds three sessions
    width, height = _cell_inches(fig, ax, rows, columns)
    assert width <= 3 * height, (width, height)
    if kind == "participation":  # the colour bar counts whole turns
        bar = fig.axes[1]
        assert all(float(t).is_integer() for t in bar.get_yticks()), bar.get_yticks()


def test_heat_map_with_many_sessions_still_uses_the_width(store):
    group = build_demo(store, today=DEMO_DAY)
    fig = _laid_out("attendance", store, group.id)
    ax = fig.axes[0]
    assert ax.get_window_extent().width / fig.dpi > 4.5  # of the 7-inch figure


def _overlapping(labels) -> list[tuple[str, str]]:
    boxes = [(t.get_text(), t.get_window_extent()) for t in labels if t.get_text()]
    return [
        (a, b)
        for (a, box_a), (b, box_b) in zip(boxes, boxes[1:], strict=False)
        if box_a.x1 > box_b.x0
    ]


@pytest.mark.parametrize("lang", ["th", "en"])
def test_stage_timeline_dates_do_not_run_into_each_other(store, lang):
    group = build_demo(store, today=DEMO_DAY)  # stages over five months
    fig = _laid_out("stages", store, group.id, lang)
    ax = fig.axes[0]
    labels = ax.get_xticklabels()
    assert len([t for t in labels if t.get_text()]) >= 3
    assert _overlapping(labels) == []


def test_stage_timeline_keeps_its_key_off_the_bars_and_names_only_what_is_drawn():
    from groupwork.charts import chart_style
    from groupwork.charts.figures import stage_timeline

    long_first = [
        ("1. ปัญหาและความจำเป็น", date(2026, 1, 5), date(2026, 6, 30)),
        ("2. การจัดตั้งกลุ่ม", date(2026, 6, 1), date(2026, 7, 10)),
        ("3. การสร้างสัมพันธภาพ", date(2026, 7, 1), None),
    ]
    with use_language("en"), chart_style():  # the Thai font, as draw_chart sets it
        fig = stage_timeline(long_first, today=DEMO_DAY)
        figure_png(fig)
        ax = fig.axes[0]
        legend = fig.legends[0] if fig.legends else ax.get_legend()
        assert not legend.get_window_extent().overlaps(ax.get_window_extent())
        assert [t.get_text() for t in legend.get_texts()] == ["completed", "in progress"]
        done = stage_timeline(long_first[:2], today=DEMO_DAY)
        figure_png(done)
        assert [t.get_text() for t in done.legends[0].get_texts()] == ["completed"]


def test_tasks_chart_counts_whole_tasks_and_keeps_the_legend_off_the_data(store, small_group):
    fig = _laid_out("tasks", store, small_group.id)
    ax = fig.axes[0]
    ticks = [t for t in ax.get_yticks() if ax.get_ylim()[0] <= t <= ax.get_ylim()[1]]
    assert ticks and all(float(t).is_integer() for t in ticks), ticks
    legend = fig.legends[0] if fig.legends else ax.get_legend()
    assert not legend.get_window_extent().overlaps(ax.get_window_extent())
