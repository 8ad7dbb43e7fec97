"""Charts of a group's participation, attendance, tasks, goals and stages.

``draw_chart(kind, data, naming)`` turns the report's gathered data into a matplotlib
``Figure``; ``render_chart(store, group_id, kind, out)`` writes one chart to an .svg or .png
file. matplotlib is imported only when a chart is drawn, so importing this package (or
``groupwork.report``) stays cheap for the TUI.

SVG is written with real text (``svg.fonttype: none``) so a browser shapes Thai itself; PNG is
rasterised with the Thai-capable font found by ``groupwork.charts.fonts``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date
from io import BytesIO, StringIO
from pathlib import Path
from typing import TYPE_CHECKING

from groupwork.errors import InvalidInputError
from groupwork.i18n import N_, _

if TYPE_CHECKING:
    from groupwork.privacy.naming import Naming
    from groupwork.review_data.data import ReviewData

CHART_KINDS: dict[str, str] = {
    "attendance": N_("attendance heat map (members by sessions)"),
    "participation": N_("turns per member per session"),
    "shares": N_("each member's share of the turns against the average"),
    "handover": N_("the facilitator's share of turns across sessions"),
    "sociogram": N_("who responds to whom"),
    "tasks": N_("tasks by status over time"),
    "goals": N_("progress towards each goal"),
    "stages": N_("the stages on a timeline"),
    "ratings": N_("the group's mean rating per session"),
}
"""Chart kinds and what each shows (translate with ``_`` when displayed)."""

_FORMATS = {".svg": "svg", ".png": "png"}


def chart_rc() -> dict:
    """The matplotlib settings of our charts: the Thai-capable font, real text in SVG."""
    from groupwork.charts.fonts import font_families

    return {
        "font.family": font_families(),
        "font.size": 9,
        "svg.fonttype": "none",
        "svg.hashsalt": "groupwork",
        "axes.titlesize": 11,
        "axes.titleweight": "bold",
    }


@contextmanager
def chart_style():
    """``chart_rc`` in force; fonts found and texts measured once per process meanwhile
    (``charts.saving``)."""
    from groupwork.charts.lean_import import lean_matplotlib

    lean_matplotlib()
    import matplotlib

    from groupwork.charts.saving import fonts_found_once

    with matplotlib.rc_context(chart_rc()), fonts_found_once():
        yield


def draw_chart(kind: str, data: ReviewData, naming: Naming):
    """The ``Figure`` for chart ``kind`` of the gathered group data."""
    check_kind(kind)
    with chart_style():
        return _BUILDERS[kind](data, naming)


def check_kind(kind: str) -> None:
    """Raise ``InvalidInputError`` (listing the kinds) unless ``kind`` is a chart kind."""
    if kind not in CHART_KINDS:
        raise InvalidInputError(
            [
                _("Unknown chart {kind}. Choose one of: {kinds}.").format(
                    kind=kind, kinds=", ".join(CHART_KINDS)
                )
            ]
        )


def figure_svg(fig, prefix: str = "") -> str:
    """The figure as an SVG document (text kept as text); ids prefixed to inline several."""
    from groupwork.charts.saving import one_draw

    buffer = StringIO()
    with chart_style(), one_draw(fig):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    if prefix:
        svg = re.sub(r'id="([^"]+)"', rf'id="{prefix}-\1"', svg)
        svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}-\1)", svg)
        svg = re.sub(r'href="#([^"]+)"', rf'href="#{prefix}-\1"', svg)
    return svg


def figure_png(fig, dpi: int = 150) -> bytes:
    """The figure as PNG bytes."""
    from groupwork.charts.saving import one_draw

    buffer = BytesIO()
    with chart_style(), one_draw(fig):
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def render_chart(
    store, group_id: str, kind: str, out: Path, lang: str | None = None, names: bool = False
) -> Path:
    """Write chart ``kind`` of the group to ``out`` (.svg or .png). Returns ``out``."""
    from groupwork.i18n import current_language, use_language
    from groupwork.privacy.naming import review_naming
    from groupwork.review_data.data import gather_review_data

    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in _FORMATS:
        raise InvalidInputError(
            [_("Charts are written as .svg or .png; {name} is neither.").format(name=out.name)]
        )
    check_kind(kind)
    with use_language(lang or current_language()):
        data = gather_review_data(store, group_id)
        others = store.replaced_other_names(group_id)
        naming, data = review_naming(
            data, names=names, others=others, decisions=store.name_decisions(group_id)
        )
        fig = draw_chart(kind, data, naming)
        content = figure_svg(fig).encode() if suffix == ".svg" else figure_png(fig)
    from groupwork.files import write_atomically
    from groupwork.safety.shared_files import note_written

    written = write_atomically(out, content)
    note_written(store, [group_id], written, "chart", real_names=names)
    return written


# --- from gathered data to each chart's plain inputs ---------------------------------------


def _people(data: ReviewData) -> list:
    return data.participants


def _attendance(data: ReviewData, naming: Naming):
    from groupwork import analytics
    from groupwork.charts import figures
    from groupwork.labels import caption
    from groupwork.models import AttendanceStatus

    held = data.held_sessions
    matrix = analytics.attendance_matrix(held, data.attendance)
    statuses = list(AttendanceStatus)
    index = {s: i for i, s in enumerate(statuses)}
    people = _people(data)
    values = [
        [index.get(matrix.get((p.id, s.id))) if (p.id, s.id) in matrix else None for s in held]
        for p in people
    ]
    grid = figures.HeatmapData(
        [naming.label(p.id) for p in people], [str(s.number) for s in held], values
    )
    return figures.attendance_heatmap(
        grid, [s.value for s in statuses], [caption(s) for s in statuses]
    )


def _participation(data: ReviewData, naming: Naming):
    from groupwork import analytics
    from groupwork.charts import figures

    held = data.held_sessions
    people = data.participants
    cells = analytics.participation_cells(people, held, data.attendance, data.events)
    marks = participation_marks()
    grid = figures.HeatmapData(
        [naming.label(p.id) for p in people],
        [str(s.number) for s in held],
        [[c if isinstance(c, int) else None for c in row] for row in cells],
        notes=[[marks.get(c, "") if isinstance(c, str) else "" for c in row] for row in cells],
        legend=participation_legend(),
    )
    return figures.participation_heatmap(grid)


def participation_marks() -> dict[str, str]:
    """The mark of a participation cell without a count (``analytics.NOT_THERE``)."""
    return {"absent": "–", "withdrawn": "×", "not_marked": "·"}


def participation_legend() -> str:
    """What the marks of the participation heat map mean (0 is a member present, silent)."""
    return _("0 present, no turn · – absent · × had left the group · · not in the roll call")


def _shares(data: ReviewData, naming: Naming):
    from groupwork import analytics
    from groupwork.charts import figures

    ids = [x.id for x in data.participants]
    shares = analytics.member_shares(data.events, ids) if ids else []
    return figures.share_bars(
        [naming.label(s.actor_id) for s in shares],
        [s.share or 0.0 for s in shares],
        ["quiet" if s.quiet else "dominant" if s.dominant else "" for s in shares],
    )


def _handover(data: ReviewData, naming: Naming):
    from groupwork import analytics
    from groupwork.charts import figures

    curve = analytics.facilitator_share_by_session(data.sessions, data.events)
    return figures.handover_curve([s.number for s, _v in curve], [v for _s, v in curve])


def _sociogram(data: ReviewData, naming: Naming):
    from groupwork import analytics
    from groupwork.charts import figures
    from groupwork.models import FACILITATOR

    matrix = analytics.response_matrix(data.events)
    edges = {
        (source, target): count
        for source, targets in matrix.items()
        for target, count in targets.items()
    }
    involved = {n for pair in edges for n in pair}
    labels = {x.id: naming.label(x.id) for x in data.members if x.id in involved}
    if FACILITATOR in involved:
        labels[FACILITATOR] = naming.label(FACILITATOR)
    return figures.sociogram(labels, edges, FACILITATOR if FACILITATOR in labels else None)


def _tasks(data: ReviewData, naming: Naming):
    from groupwork import analytics
    from groupwork.charts import figures
    from groupwork.labels import caption
    from groupwork.models import TaskStatus

    timeline = analytics.tasks_by_status_over_time(data.tasks, data.sessions)
    series = {caption(s): [counts[s] for _d, counts in timeline] for s in TaskStatus}
    return figures.tasks_over_time([d for d, _c in timeline], series)


def _goals(data: ReviewData, naming: Naming):
    from groupwork.charts import figures

    goals = [g for g in data.goals if g.is_group_goal]
    return figures.goal_bars([naming.scrub(g.title) for g in goals], [g.progress for g in goals])


def _stages(data: ReviewData, naming: Naming):
    from groupwork.charts import figures
    from groupwork.stages import guide

    rows = []
    for n, progress in sorted(data.stages.items()):
        # Whole names: the chart wraps long ones between words (never cut with "…").
        rows.append((f"{n}. {guide(n).name()}", progress.started_on, progress.completed_on))
    # Stages still open run to the last session held (a closed group's report is often
    # written weeks later; "today" would stretch every open bar).
    held = data.held_sessions
    until = held[-1].held_on if held else (data.today or date.today())
    return figures.stage_timeline(rows, until)


def _ratings(data: ReviewData, naming: Naming):
    from groupwork.charts import figures

    number = {s.id: s.number for s in data.sessions}
    series, ranges = {}, {}
    for scale in data.scales:
        by_session: dict[int, list[float]] = {}
        for r in data.ratings:
            if r.scale_id == scale.id and r.session_id in number:
                by_session.setdefault(number[r.session_id], []).append(r.score)
        name = naming.scrub(scale.name)
        series[name] = sorted((n, sum(v) / len(v)) for n, v in by_session.items())
        ranges[name] = (scale.minimum, scale.maximum)
    return figures.rating_means(series, ranges)


_BUILDERS: dict[str, Callable] = {
    "ratings": _ratings,
    "attendance": _attendance,
    "participation": _participation,
    "shares": _shares,
    "handover": _handover,
    "sociogram": _sociogram,
    "tasks": _tasks,
    "goals": _goals,
    "stages": _stages,
}
