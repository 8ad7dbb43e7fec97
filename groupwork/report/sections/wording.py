"""The judging words of the review, each derived from a figure by a stated rule.

The review writes no prose of its own except these few judgements, and each one comes from
the figure printed beside it, by the rule in its docstring, so a sentence can never say
"most" above "53%" or "rose" while the record stayed the same. ``tests/report/
test_wording.py`` feeds the boundary figures.
"""

from __future__ import annotations

from groupwork.i18n import _

MOST = 0.75
"""A part of at least three quarters is "most"."""
HALF = 0.5
"""A part of at least a half (and below three quarters) is "more than half" / "half"."""
STEADY = 0.05
"""A change smaller than 5% of the scale's range is "about the same"."""


def how_many(part: int, whole: int) -> str:
    """ "all" (part == whole), "most" (≥ 75%), "more than half" (> 50%), "half" (= 50%),
    "fewer than half" (> 0), "none" (0). ``whole`` must be above 0."""
    if whole <= 0:
        raise ValueError("whole must be positive")
    share = part / whole
    if part == whole:
        return _("all")
    if share >= MOST:
        return _("most")
    if share > HALF:
        return _("more than half")
    if share == HALF:
        return _("half")
    if part > 0:
        return _("fewer than half")
    return _("none")


def change(before: float, after: float, scale_range: float) -> str:
    """ "rose" / "fell" when ``after`` differs from ``before`` by at least 5% of the scale's
    range (``STEADY``), else "stayed about the same" (exactly equal: "stayed the same")."""
    if after == before:
        return _("stayed the same")
    if abs(after - before) < STEADY * scale_range:
        return _("stayed about the same")
    return _("rose") if after > before else _("fell")


def level_change(before: int, after: int) -> str:
    """An ordered level (risk: low < medium < high): "rose", "fell" or "stayed the same"."""
    if after == before:
        return _("stayed the same")
    return _("rose") if after > before else _("fell")


def timeliness(on_time: int, late: int) -> str:
    """The sentence on done tasks that had a due date: how many of them were done on time
    (done on or before the due date), by ``how_many``."""
    total = on_time + late
    if total == 0:
        return ""
    return _(
        "Of the {total} done tasks that had a due date, {word} were done on time "
        "({on_time} on or before the due date, {late} after it)."
    ).format(total=total, word=how_many(on_time, total), on_time=on_time, late=late)


def shared_tasks(per_person_total: int, tasks: int) -> str:
    """Said when the per-person counts add up to more than the tasks: some were shared."""
    if per_person_total <= tasks:
        return ""
    return _(
        "Some tasks were taken on by more than one person, so the counts per person add up "
        "to {sum} for {total} tasks."
    ).format(sum=per_person_total, total=tasks)


def reassessment_followup(days: list[int | None], within: int) -> str:
    """The sentence on reassessing members after a new situation about them: how many were
    followed by the member's reassessment within ``within`` days (``how_many``), the median
    and longest wait among those followed at all, and how many were not followed."""
    if not days:
        return ""
    waits = sorted(d for d in days if d is not None)
    in_time = sum(d <= within for d in waits)
    text = _(
        "Of the {total} new situations about a member, {word} were followed by that "
        "member's reassessment within {within} days ({in_time} of {total})."
    ).format(total=len(days), word=how_many(in_time, len(days)), within=within, in_time=in_time)
    if waits:
        text += " " + _("Days until the reassessment: median {median}, longest {longest}.").format(
            median=_median_text(waits), longest=waits[-1]
        )
    if len(waits) < len(days):
        text += " " + _("Not followed by a reassessment: {count}.").format(
            count=len(days) - len(waits)
        )
    return text


def _median_text(ordered: list[int]) -> str:
    """The median of whole days, with a half when it falls between two of them."""
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return str(ordered[middle])
    total = ordered[middle - 1] + ordered[middle]
    return str(total // 2) if total % 2 == 0 else f"{total / 2:.1f}"
