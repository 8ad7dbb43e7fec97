"""Charts render for the small group and an empty one; the commands behave."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from click.testing import CliRunner
from review_fixture import TODAY

from groupwork import models as m
from groupwork.charts import CHART_KINDS, fonts, render_chart
from groupwork.cli import cli
from groupwork.report import generate_review


@pytest.mark.parametrize("kind", list(CHART_KINDS))
def test_every_chart_renders_for_a_group_and_an_empty_group(store, small_group, tmp_path, kind):
    empty = store.add(m.Group(name="Empty"))
    for group, suffix in ((small_group, "svg"), (empty, "svg"), (small_group, "png")):
        path = render_chart(store, group.id, kind, tmp_path / f"{group.name}-{kind}.{suffix}")
        content = path.read_bytes()
        assert content.startswith(b"\x89PNG" if suffix == "png" else b"<?xml")
    empty_svg = (tmp_path / f"Empty-{kind}.svg").read_text()
    assert "Nothing recorded yet" in empty_svg or "No stage has been started" in empty_svg


@pytest.mark.parametrize(("kind", "fmt"), [("participation", "svg"), ("sociogram", "png")])
def test_a_chart_saved_with_one_draw_is_what_matplotlib_saves(store, small_group, kind, fmt):
    """charts.saving draws once and keeps font look-ups and text sizes: not a byte changes."""
    from io import BytesIO

    import matplotlib

    from groupwork.charts import chart_rc, draw_chart, figure_png, figure_svg, saving
    from groupwork.privacy.naming import build_naming
    from groupwork.review_data.data import gather_review_data

    data = gather_review_data(store, small_group.id)
    naming = build_naming(data.members, data.consents)
    ours = figure_svg(draw_chart(kind, data, naming)) if fmt == "svg" else None
    ours = ours.encode() if ours else figure_png(draw_chart(kind, data, naming))
    plain = BytesIO()
    # Outside chart_style the kept look-ups answer nothing themselves: matplotlib's own work.
    figure = draw_chart(kind, data, naming)
    with matplotlib.rc_context(chart_rc()):
        if fmt == "svg":
            figure.savefig(plain, format="svg", metadata={"Date": None})
        else:
            figure.savefig(plain, format="png", dpi=150, metadata={"Software": None})
    assert ours == plain.getvalue()
    assert saving._local.settings is None  # the kept look-ups pass through out here


def test_matplotlib_imported_lean_sets_properties_as_before():
    """charts.lean_import leaves out set()'s listing of properties, not what set() does;
    it sets objects aside from the garbage collector only in a process cli.main started."""
    import gc

    from groupwork.charts.lean_import import for_one_command, lean_matplotlib

    lean_matplotlib()
    frozen = gc.get_freeze_count()
    for_one_command()  # under the test runner, as under CliRunner: nothing set aside
    assert gc.get_freeze_count() == frozen
    from matplotlib import artist
    from matplotlib.lines import Line2D

    class Dash(Line2D):  # defined after: its set() is made the lean way
        pass

    line = Dash([0, 1], [0, 1])
    line.set(lw=3, color="red")  # an alias, as matplotlib's own set() takes
    assert line.get_linewidth() == 3 and line.get_color() == "red"
    with pytest.raises(AttributeError):
        line.set(no_such_property=1)
    assert artist.kwdoc(Dash) == ""


def test_svg_charts_keep_text_as_text(store, small_group, tmp_path):
    svg = render_chart(store, small_group.id, "attendance", tmp_path / "a.svg").read_text()
    assert "<text" in svg and "ฟ้า" in svg


def test_missing_thai_font_is_reported_once(monkeypatch):
    fonts.reset_font_cache()
    monkeypatch.setattr(fonts, "thai_font", lambda: None)
    try:
        first = fonts.missing_font_notice()
        assert first and "fonts-thai-tlwg" in first
        assert fonts.missing_font_notice() is None
        assert fonts.font_families() == [fonts.FALLBACK_FAMILY]
    finally:
        monkeypatch.undo()
        fonts.reset_font_cache()


def test_progress_is_reported_step_by_step(store, small_group, tmp_path):
    steps = []
    generate_review(
        store,
        small_group.id,
        fmt="html",
        out=tmp_path / "r.html",
        today=TODAY,
        progress=lambda step, total, label: steps.append((step, total, label)),
    )
    totals = {total for _s, total, _l in steps}
    assert len(totals) == 1
    assert [s for s, _t, _l in steps] == list(range(1, totals.pop() + 1))
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.count('<figure class="chart') == 8  # every chart kind placed once
    assert "@page { size: A4" in html


def test_importing_the_report_does_not_import_matplotlib():
    code = "import sys, groupwork.report, groupwork.charts; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


@pytest.fixture
def filled_db(db_path):
    from review_fixture import build_small_group

    from groupwork.store import Store

    with Store.open(db_path) as store:
        build_small_group(store)
    return db_path


def test_review_command(filled_db, tmp_path):
    out = tmp_path / "review.docx"
    result = CliRunner().invoke(
        cli,
        [
            "--db",
            str(filled_db),
            "review",
            "กลุ่มทานตะวัน",
            "--format",
            "docx",
            "--lang",
            "th",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert out.exists() and out.stat().st_size > 10_000
    # With names: refused, naming who did not consent by pseudonym; nothing written.
    named = tmp_path / "named.docx"
    refused = CliRunner().invoke(
        cli,
        ["--db", str(filled_db), "review", "กลุ่มทานตะวัน", "--out", str(named), "--names"],
    )
    assert refused.exit_code == 1 and "ดาว" in refused.output
    assert not named.exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["review", "No such group"], "No group called"),
        (["chart", "กลุ่มทานตะวัน", "pie", "--out", "x.svg"], "Unknown chart pie"),
        (["chart", "กลุ่มทานตะวัน", "tasks", "--out", "x.pdf"], ".svg or .png"),
        (["review", "กลุ่มทานตะวัน", "--out", "/no/such/dir/r.html"], "does not exist"),
    ],
)
def test_commands_reject_bad_input_in_one_line(filled_db, args, message):
    result = CliRunner().invoke(cli, ["--db", str(filled_db), *args])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("kind", ["stages", "tasks"])
def test_chart_date_axes_follow_the_language_and_the_buddhist_era(
    store, small_group, tmp_path, kind
):
    th = render_chart(store, small_group.id, kind, tmp_path / "th.svg", lang="th").read_text()
    en = render_chart(store, small_group.id, kind, tmp_path / "en.svg", lang="en").read_text()
    # The fixture's group runs in early 2026 CE, that is 2569 BE: "69" in Thai, "26" in English.
    assert re.search(r">\d{1,2} (ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.) 69<", th), kind
    assert re.search(r">\d{1,2} (Jan|Feb|Mar|Apr) 26<", en), kind


def test_default_filename_keeps_thai_words_whole():
    from groupwork.report import default_filename

    assert default_filename("กลุ่มก้าวใหม่ (ตัวอย่าง)", "html", "th") == (
        "review-กลุ่มก้าวใหม่-ตัวอย่าง-th.html"
    )
    assert default_filename("Hope / Circle 2", "md", "en") == "review-hope-circle-2-en.md"
    assert default_filename("???", "docx", "en") == "review-group-en.docx"
