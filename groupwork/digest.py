"""The coordinator's digest: what happened in each group since a day, as Markdown or HTML.

Pure: takes the store's ``DigestGroupRow`` list and writes text. Groups with nothing recorded
in the period are counted, not listed, so a digest of a large agency stays readable. Pseudonyms
and figures only: no member is named.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from groupwork.dates import format_date
from groupwork.i18n import _
from groupwork.store.rows import DigestGroupRow, StageChangeRow


@dataclass(frozen=True)
class DigestLine:
    """One group's line of the digest, in figures."""

    name: str
    sessions_held: int
    tasks_done: int
    newly_overdue: int
    rate_before: float | None
    rate_since: float | None
    stage_changes: tuple[StageChangeRow, ...]

    @property
    def attendance_change(self) -> int | None:
        """Percentage points from before the period to during it (None without both)."""
        if self.rate_before is None or self.rate_since is None:
            return None
        return round(100 * self.rate_since) - round(100 * self.rate_before)


def _rate(attended: int, marked: int) -> float | None:
    return attended / marked if marked else None


def digest_lines(rows: list[DigestGroupRow]) -> list[DigestLine]:
    """The groups with anything in the period (a session, a task done or overdue, a stage)."""
    lines = []
    for r in rows:
        if not (r.sessions_held or r.tasks_done or r.newly_overdue or r.stage_changes):
            continue
        lines.append(
            DigestLine(
                name=r.name,
                sessions_held=r.sessions_held,
                tasks_done=r.tasks_done,
                newly_overdue=r.newly_overdue,
                rate_before=_rate(r.attended_before, r.marked_before),
                rate_since=_rate(r.attended_since, r.marked_since),
                stage_changes=r.stage_changes,
            )
        )
    return lines


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{round(100 * rate)}%"


def attendance_text(line: DigestLine) -> str:
    """ "80% → 60% (−20)", or what is known."""
    text = f"{_percent(line.rate_before)} → {_percent(line.rate_since)}"
    change = line.attendance_change
    if change:
        text += f" ({change:+d})".replace("-", "−")
    return text


def stage_text(change: StageChangeRow) -> str:
    """ "stage 3 completed 21 Nov 2026"."""
    if change.change == "completed":
        words = _("stage {stage} completed {date}")
    else:
        words = _("stage {stage} started {date}")
    return words.format(stage=change.stage, date=format_date(change.on))


def _title(since: date, today: date) -> str:
    return _("Digest of the groups, {since} to {today}").format(
        since=format_date(since), today=format_date(today)
    )


def _summary(rows: list[DigestGroupRow], lines: list[DigestLine]) -> str:
    return _("{active} of {total} groups recorded something in this period.").format(
        active=len(lines), total=len(rows)
    )


def _headers() -> list[str]:
    return [
        _("Group"),
        _("Sessions held"),
        _("Tasks done"),
        _("Newly overdue"),
        _("Attendance before → since"),
        _("Stage changes"),
    ]


def _cells(line: DigestLine) -> list[str]:
    return [
        line.name,
        str(line.sessions_held),
        str(line.tasks_done),
        str(line.newly_overdue),
        attendance_text(line),
        "; ".join(stage_text(c) for c in line.stage_changes) or "—",
    ]


def render_markdown(rows: list[DigestGroupRow], since: date, today: date) -> str:
    """The digest as a Markdown document (a table, one line per group with activity)."""
    lines = digest_lines(rows)
    out = [f"# {_title(since, today)}", "", _summary(rows, lines), ""]
    if lines:
        out.append("| " + " | ".join(_headers()) + " |")
        out.append("|" + "---|" * len(_headers()))
        for line in lines:
            cells = [c.replace("|", "\\|") for c in _cells(line)]
            out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


_CSS = """
body { font-family: "Sarabun", "Noto Sans Thai", "Leelawadee UI", "Tahoma", "Thonburi",
  "Loma", "Garuda", "Noto Sans", "DejaVu Sans", sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: 0.35em 0.6em; text-align: left; vertical-align: top; }
th { background: #eef2f5; }
td.n { text-align: right; }
tr.late td.overdue { color: #a40000; font-weight: bold; }
"""


def render_html(rows: list[DigestGroupRow], since: date, today: date, lang: str = "en") -> str:
    """The digest as one self-contained HTML page."""
    lines = digest_lines(rows)
    title = escape(_title(since, today))
    head = "".join(f"<th>{escape(h)}</th>" for h in _headers())
    body = []
    for line in lines:
        cells = _cells(line)
        late = ' class="late"' if line.newly_overdue else ""
        body.append(
            f"<tr{late}><td>{escape(cells[0])}</td>"
            f'<td class="n">{cells[1]}</td><td class="n">{cells[2]}</td>'
            f'<td class="n overdue">{cells[3]}</td>'
            f"<td>{escape(cells[4])}</td><td>{escape(cells[5])}</td></tr>"
        )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_CSS}</style></head><body>"
        f"<h1>{title}</h1><p>{escape(_summary(rows, lines))}</p>"
        f"{table if lines else ''}</body></html>\n"
    )
