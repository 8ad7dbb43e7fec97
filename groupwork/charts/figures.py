"""One function per chart: plain prepared data in, a matplotlib ``Figure`` out.

Figures are built with ``matplotlib.figure.Figure`` (never pyplot's global state), so they can
be drawn in a worker thread and nothing leaks between charts. matplotlib is imported inside
each function: importing this module costs nothing until a chart is drawn.

Every function copes with empty data (a group with no sessions yet) by drawing a short note
instead of failing. Titles and labels come in already translated; member labels are the
report's (pseudonyms by default).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from groupwork.i18n import _

WIDTH = 7.0
"""Inches: the text width of an A4 page with ordinary margins."""
PALETTE = ("#2b6f8e", "#e07b39", "#6a9f58", "#b5485d", "#8a6bb0", "#c9a227", "#4f8f8b")
MAX_EDGES = 60
"""The sociogram draws at most this many (the strongest) who-responds-to-whom arrows."""
STATUS_COLOURS = {
    "present": "#3a8d5c",
    "late": "#c9a227",
    "excused": "#8fb3d9",
    "absent": "#c0504d",
}


def _figure(height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(WIDTH, height), layout="constrained")


def _empty(fig, title: str, message: str | None = None):
    ax = fig.add_subplot()
    ax.set_title(title, loc="left")
    ax.text(0.5, 0.5, message or _("Nothing recorded yet."), ha="center", va="center")
    ax.set_axis_off()
    return fig


def _rows_height(rows: int, base: float = 1.2, per_row: float = 0.28, most: float = 9.5) -> float:
    return min(most, base + per_row * max(rows, 1))


GRID_ROW = 0.28
"""Inches per member row in the heat maps (``_rows_height``'s per_row)."""
GRID_WIDTH = 5.2
"""Inches left for the heat maps' cells once names, legend or colour bar have their room."""
WIDEST_CELL = 2.5
"""A heat-map cell is at most this many times as wide as it is tall."""


def _cell_aspect(columns: int) -> float | str:
    """imshow's aspect for a sessions grid: stretch to the width when there are many
    sessions; with a few, keep cells near square instead of drawing wide bands."""
    if GRID_WIDTH / max(columns, 1) <= WIDEST_CELL * GRID_ROW:
        return "auto"
    return 1 / WIDEST_CELL


@dataclass
class HeatmapData:
    """A grid of rows (members) by columns (sessions)."""

    row_labels: list[str]
    column_labels: list[str]
    values: list[list[float | None]]
    notes: list[list[str]] | None = None
    """Text for a cell whose value is None (why there is no figure); None: all are figures."""
    legend: str = ""
    """What the notes mean, printed under the grid."""


def attendance_heatmap(data: HeatmapData, statuses: Sequence[str], captions: Sequence[str]):
    """Members x sessions, one colour per attendance status (values index ``statuses``)."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    title = _("Attendance by member and session")
    fig = _figure(_rows_height(len(data.row_labels), base=1.6))
    if not data.row_labels or not data.column_labels:
        return _empty(fig, title)
    import numpy as np

    grid = np.array([[np.nan if v is None else v for v in row] for row in data.values], dtype=float)
    cmap = ListedColormap([STATUS_COLOURS.get(s, "#999999") for s in statuses]).with_extremes(
        bad="#eeeeee"
    )
    ax = fig.add_subplot()
    ax.imshow(
        np.ma.masked_invalid(grid),
        cmap=cmap,
        vmin=-0.5,
        vmax=len(statuses) - 0.5,
        aspect=_cell_aspect(len(data.column_labels)),
    )
    _grid_axes(ax, data)
    ax.set_title(title, loc="left")
    handles = [
        Patch(color=STATUS_COLOURS.get(s, "#999999"), label=c)
        for s, c in zip(statuses, captions, strict=True)
    ] + [Patch(color="#eeeeee", label=_("no mark"))]
    fig.legend(handles=handles, loc="outside lower center", ncols=5, frameon=False)
    return fig


def _grid_axes(ax, data: HeatmapData) -> None:
    step = max(1, math.ceil(len(data.column_labels) / 26))
    ax.set_xticks(range(0, len(data.column_labels), step))
    ax.set_xticklabels(data.column_labels[::step])
    ax.set_yticks(range(len(data.row_labels)))
    ax.set_yticklabels(data.row_labels)
    ax.set_xlabel(_("Session"))
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)


def matplotlib_colormap(name: str):
    """A named colour map (a copy, safe to change)."""
    from matplotlib import colormaps

    return colormaps[name].copy()


def participation_heatmap(data: HeatmapData):
    """Turns taken by each member in each session."""
    title = _("Turns taken by each member in each session")
    fig = _figure(_rows_height(len(data.row_labels), base=1.4))
    if not data.row_labels or not data.column_labels:
        return _empty(fig, title)
    import numpy as np

    # A cell with no figure (the member was absent, had left) is blank grey, not a 0.
    grid = np.ma.masked_invalid(
        np.array([[np.nan if v is None else v for v in row] for row in data.values], dtype=float)
    )
    ax = fig.add_subplot()
    cmap = matplotlib_colormap("Blues").with_extremes(bad="#eeeeee")
    image = ax.imshow(grid, cmap=cmap, aspect=_cell_aspect(len(data.column_labels)), vmin=0)
    _grid_axes(ax, data)
    if data.legend:
        ax.set_xlabel(_("Session") + "   " + data.legend)
    if grid.size <= 200:
        # Numbers in the cells when they fit; beyond that the colour has to speak.
        top = grid.max() or 1
        for (r, c), value in np.ndenumerate(grid.filled(np.nan)):
            blank = np.isnan(value)
            text = (data.notes[r][c] if data.notes else "") if blank else f"{int(value)}"
            ax.text(
                c,
                r,
                text,
                ha="center",
                va="center",
                fontsize=7,
                color="white" if not blank and value > top * 0.6 else "#333333",
                # Inside its cell (200 cells at most, so a cell is about as wide as a number
                # or wider): left out of the layout, which need not measure every number
                # before the draw does. The saved chart is the same byte for byte.
                in_layout=False,
            )
    from matplotlib.ticker import MaxNLocator

    bar = fig.colorbar(image, ax=ax, label=_("Turns"), shrink=0.8)
    bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # turns are counted whole
    ax.set_title(title, loc="left")
    return fig


def share_bars(labels: Sequence[str], shares: Sequence[float], flags: Sequence[str]):
    """Each member's share of the members' turns, against the group average.

    ``flags`` per member: "quiet", "dominant" or "".
    """
    title = _("Each member's share of the turns")
    fig = _figure(_rows_height(len(labels), base=1.4))
    if not labels or not any(shares):
        return _empty(fig, title)
    ax = fig.add_subplot()
    colours = [{"quiet": "#c0504d", "dominant": "#e07b39"}.get(f, PALETTE[0]) for f in flags]
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, [s * 100 for s in shares], color=colours)
    average = 100 / len(labels)
    ax.axvline(average, color="#333333", linestyle="--", linewidth=1)
    ax.text(
        average,
        len(labels) - 0.4,
        " " + _("average {value}%").format(value=round(average)),
        va="bottom",
        fontsize=8,
    )
    ax.set_yticks(positions)
    ax.set_yticklabels(labels)
    ax.set_xlabel(_("Share of members' turns (%)"))
    ax.set_ylim(-0.6, len(labels) + 0.2)
    ax.set_title(title, loc="left")
    _tidy(ax)
    return fig


def handover_curve(session_numbers: Sequence[int], shares: Sequence[float | None]):
    """The facilitator's share of all turns in each session: falls as members take over."""
    title = _("The facilitator's share of the turns, session by session")
    fig = _figure(2.8)
    points = [(n, s) for n, s in zip(session_numbers, shares, strict=True) if s is not None]
    if not points:
        return _empty(fig, title)
    ax = fig.add_subplot()
    xs, ys = zip(*points, strict=True)
    ax.plot(xs, [y * 100 for y in ys], marker="o", color=PALETTE[1])
    ax.set_ylim(0, 100)
    ax.set_xlabel(_("Session"))
    ax.set_ylabel(_("Facilitator's share (%)"))
    ax.set_title(title, loc="left")
    if len(xs) <= 26:
        ax.set_xticks(xs)
    _tidy(ax)
    return fig


def rating_means(series: dict[str, list[tuple[int, float]]], ranges: dict[str, tuple[int, int]]):
    """The group's mean score per session on each rating scale (one line per scale, the
    y axis spanning the scale's whole range)."""
    title = _("The group's mean rating, session by session")
    fig = _figure(2.8)
    if not any(series.values()):
        return _empty(fig, title)
    ax = fig.add_subplot()
    low = min(r[0] for r in ranges.values())
    high = max(r[1] for r in ranges.values())
    for i, (name, points) in enumerate(series.items()):
        if points:
            xs, ys = zip(*points, strict=True)
            ax.plot(xs, ys, marker="o", color=PALETTE[i % len(PALETTE)], label=name)
    ax.set_ylim(low, high)
    ax.set_xlabel(_("Session"))
    ax.set_ylabel(_("Group mean"))
    ax.set_title(title, loc="left")
    if len(series) > 1:
        ax.legend(frameon=False, fontsize=8)
    _tidy(ax)
    return fig


def sociogram(labels: dict[str, str], edges: dict[tuple[str, str], int], centre: str | None):
    """Who responds to whom: people on a circle, arrows from responder to the one answered.

    ``labels`` maps node ids to names; ``centre`` (the facilitator) is drawn in the middle.
    """
    from matplotlib.patches import FancyArrowPatch

    title = _("Who responds to whom")
    fig = _figure(5.6)
    if not edges:
        return _empty(fig, title)
    ax = fig.add_subplot()
    ring = [n for n in labels if n != centre]
    pos: dict[str, tuple[float, float]] = {}
    for i, node in enumerate(ring):
        angle = math.pi / 2 - 2 * math.pi * i / max(len(ring), 1)
        pos[node] = (math.cos(angle), math.sin(angle))
    if centre is not None and centre in labels:
        pos[centre] = (0.0, 0.0)
    heaviest = max(edges.values())
    # A big group has hundreds of pairs: only the strongest ties are drawn, so the drawing
    # stays readable (and quick; each curved arrow is costly to lay out).
    strongest = sorted(edges.items(), key=lambda kv: kv[1])[-MAX_EDGES:]
    for (source, target), count in strongest:
        if source not in pos or target not in pos or source == target:
            continue
        weight = count / heaviest
        # add_artist, not add_patch: the limits are set below, so working out each curved
        # arrow's extent for autoscaling (its whole path, shrunk and clipped) was wasted.
        ax.add_artist(
            FancyArrowPatch(
                pos[source],
                pos[target],
                arrowstyle="-|>",
                mutation_scale=8 + 6 * weight,
                linewidth=0.5 + 3.5 * weight,
                color=PALETTE[0],
                alpha=0.25 + 0.6 * weight,
                connectionstyle="arc3,rad=0.12",
                shrinkA=14,
                shrinkB=14,
            )
        )
    said = {}
    for (source, _target), count in edges.items():
        said[source] = said.get(source, 0) + count
    for node, (x, y) in pos.items():
        size = 250 + 600 * (said.get(node, 0) / max(said.values()))
        colour = PALETTE[1] if node == centre else "#f3d9c6"
        # The centre's name goes in the legend: in the middle it would sit on the arrows.
        label = labels[node] if node == centre else None
        ax.scatter([x], [y], s=size, color=colour, zorder=3, label=label)
        if node == centre:
            continue
        # Each name outside the ring, beyond its node, where no arrow runs.
        ax.text(
            x * 1.2,
            y * 1.2,
            labels[node],
            ha="left" if x > 0.3 else "right" if x < -0.3 else "center",
            va="bottom" if y > 0.3 else "top" if y < -0.3 else "center",
            fontsize=9,
            zorder=4,
        )
    if centre is not None and centre in pos:
        ax.legend(loc="lower left", frameon=False, fontsize=9, markerscale=0.5)
    ax.set_xlim(-1.6, 1.6)
    ax.set_ylim(-1.45, 1.45)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(title, loc="left")
    return fig


def tasks_over_time(days: Sequence[date], series: dict[str, Sequence[int]]):
    """Tasks by status at each session's date, stacked."""
    title = _("Tasks by status over time")
    fig = _figure(3.0)
    if not days or not any(any(v) for v in series.values()):
        return _empty(fig, title)
    ax = fig.add_subplot()
    ax.stackplot(
        list(days),
        *series.values(),
        labels=list(series),
        colors=[PALETTE[i % len(PALETTE)] for i in range(len(series))],
        alpha=0.85,
    )
    from matplotlib.ticker import MaxNLocator

    ax.set_ylabel(_("Tasks"))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # a count: no half tasks
    # Beside the plot: a stack that fills up to the top has no empty corner for it.
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    ax.set_title(title, loc="left")
    _date_axis(ax)
    fig.autofmt_xdate()
    _tidy(ax)
    return fig


def goal_bars(titles: Sequence[str], progress: Sequence[int]):
    """Each group goal's progress, as last judged together."""
    from groupwork.charts.labels import line_count, wrap

    title = _("Progress towards each goal")
    wrapped = [wrap(t, 34) for t in titles]
    fig = _figure(_rows_height(line_count(wrapped), base=1.2, per_row=0.3))
    if not titles:
        return _empty(fig, title)
    ax = fig.add_subplot()
    positions = list(range(len(titles)))[::-1]
    ax.barh(positions, [100] * len(titles), color="#eeeeee")
    ax.barh(positions, list(progress), color=PALETTE[2])
    for y, value in zip(positions, progress, strict=True):
        ax.text(min(value, 90) + 1, y, f"{value}%", va="center", fontsize=8)
    ax.set_yticks(positions)
    ax.set_yticklabels(wrapped)
    ax.set_xlim(0, 100)
    ax.set_xlabel(_("Progress (%)"))
    ax.set_title(title, loc="left")
    _tidy(ax)
    return fig


def stage_timeline(rows: Sequence[tuple[str, date | None, date | None]], today: date):
    """The twelve stages on a timeline: a bar from start to completion (or today)."""
    import matplotlib.dates as mdates

    from groupwork.charts.labels import line_count, wrap

    title = _("The stages on a timeline")
    labels = [wrap(label, 30) for label, _s, _e in rows]
    fig = _figure(max(3.8, 1.4 + 0.24 * line_count(labels)))
    started = [(label, s, e) for label, s, e in rows if s is not None]
    if not started:
        return _empty(fig, title, _("No stage has been started yet."))
    ax = fig.add_subplot()
    positions = list(range(len(rows)))[::-1]
    for y, (_label, start, end) in zip(positions, rows, strict=True):
        if start is None:
            continue
        finish = end or today
        ax.barh(
            y,
            max((finish - start).days, 1),
            left=mdates.date2num(start),
            color=PALETTE[0] if end else PALETTE[1],
            height=0.6,
        )
    ax.set_yticks(positions)
    ax.set_yticklabels(labels, fontsize=8)
    ax.xaxis_date()
    # Few enough dates that "15 ก.ค. 69" labels do not run into each other.
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=6))
    _date_axis(ax)
    from matplotlib.patches import Patch

    handles = [Patch(color=PALETTE[0], label=_("completed"))]
    if any(end is None for _label, _start, end in started):
        handles.append(Patch(color=PALETTE[1], label=_("in progress")))
    # Below the axes, never on them: where the bars run depends on the group's course, and
    # inside the plot the key hid the bar of a long first stage.
    fig.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False, fontsize=8)
    ax.set_title(title, loc="left")
    _tidy(ax)
    return fig


def _date_axis(ax) -> None:
    """Dates on the x axis as people read them: "21 พ.ย. 69" in Thai (Buddhist Era)."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter

    from groupwork.dates import format_date

    ax.xaxis.set_major_formatter(
        FuncFormatter(lambda value, _pos: format_date(mdates.num2date(value).date(), short=True))
    )


def _tidy(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
