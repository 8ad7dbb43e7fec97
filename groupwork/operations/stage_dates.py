"""A stage's dates as the group lived them: when its work began and ended.

A stage completed in the TUI once defaulted to the day ``c`` was pressed for both dates, so
every stage of a course entered afterwards read "4 Dec – 4 Dec". The defaults here are the
first and last session in which the stage was worked on (held sessions naming it), and the
worker may type others.
"""

from __future__ import annotations

from datetime import date

from groupwork import models as m
from groupwork.dates import format_date
from groupwork.errors import InvalidInputError
from groupwork.i18n import _
from groupwork.operations.sessions import local_today
from groupwork.stages import complete_stage


def stage_sessions(store, group_id: str, number: int) -> list[m.Session]:
    """The held sessions that worked on stage ``number``, in the order they were held."""
    return [
        s
        for s in store.sessions(group_id)
        if s.status == m.SessionStatus.HELD and number in s.stages
    ]


def default_stage_dates(store, group_id: str, number: int) -> tuple[date, date]:
    """(started, completed) offered when stage ``number`` is completed: its first and last
    session; without sessions, the start already recorded, else today, and today."""
    progress = store.stage_progress(group_id)[number]
    held = stage_sessions(store, group_id, number)
    today = local_today()
    if held:
        first = min(progress.started_on or held[0].held_on, held[0].held_on)
        return first, held[-1].held_on
    return progress.started_on or today, today


def complete_stage_dated(
    store,
    group_id: str,
    number: int,
    started_on: date,
    completed_on: date,
    override_reason: str = "",
) -> m.StageProgress:
    """Complete stage ``number`` with the dates the worker confirmed (not after today, the
    start not after the completion)."""
    _refuse_out_of_order(started_on, completed_on)
    return complete_stage(
        store, group_id, number, completed_on, override_reason, started_on=started_on
    )


def _refuse_out_of_order(started_on: date, completed_on: date) -> None:
    """Refuse a completion after today or a start after the completion (both reasons)."""
    problems = []
    if completed_on > local_today():
        problems.append(_("A stage is not completed on a day after today."))
    if started_on > completed_on:
        problems.append(
            _("The stage cannot start ({start}) after it was completed ({end}).").format(
                start=format_date(started_on), end=format_date(completed_on)
            )
        )
    if problems:
        raise InvalidInputError(problems)


def set_stage_dates(
    store,
    group_id: str,
    number: int,
    started_on: date | None = None,
    completed_on: date | None = None,
    override_reason: str = "",
) -> m.StageProgress:
    """The command line's door to the TUI's completion dialog: complete stage ``number`` on
    the dates given (by default its first and last session); a stage already completed keeps
    its reason and takes the new dates (by default the ones it has)."""
    progress = store.stage_progress(group_id)[number]
    if progress.status != m.StageStatus.COMPLETED:
        first, last = default_stage_dates(store, group_id, number)
        return complete_stage_dated(
            store, group_id, number, started_on or first, completed_on or last, override_reason
        )
    started = started_on or progress.started_on or progress.completed_on
    completed = completed_on or progress.completed_on
    _refuse_out_of_order(started, completed)
    # Completing again re-checks the criteria; the reason given then still stands.
    reason = override_reason or progress.override_reason
    return complete_stage(store, group_id, number, completed, reason, started_on=started)
