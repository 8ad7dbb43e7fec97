"""``groupwork session …`` and ``groupwork scale``: sessions as they really happen (plan ahead,
enter a past one, cancel with a reason, move, list) and the group's rating scale.

Every command goes through ``groupwork.operations`` (the rules are the TUI's too).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from groupwork.commands.context import (
    AppContext,
    fail,
    force_option,
    group_argument,
    handle_errors,
    out_option,
    pass_app,
)
from groupwork.commands.types import Day, WholeNumber
from groupwork.i18n import _
from groupwork.typed_input import SCORES, SESSION_NUMBERS

DATE_HELP = _("e.g. 2026-12-05 or 5/12/2569")


def _time(text: str | None):
    from groupwork.dates import parse_time

    if text is None:
        return None
    try:
        return parse_time(text)
    except ValueError:
        fail(_("Not a time: write 14:00 or 9.30."))
    return None


def _date(text):
    # Days are read by the Day type already; a caller's text goes through the same reader.
    from groupwork import typed_input

    return text if isinstance(text, date) else typed_input.day(text)


@click.group("session", help=_("Plan, enter, cancel, move and list a group's sessions."))
def session_group() -> None:
    """The session commands."""


@session_group.command("list", help=_("List a group's sessions with their dates and status."))
@group_argument
@pass_app
@handle_errors
def list_command(app: AppContext, group_ref: str) -> None:
    from groupwork import models as m
    from groupwork.dates import format_date
    from groupwork.facilitation.feedback import group_share_lines
    from groupwork.operations.sessions import session_times

    store = app.store
    group = store.find_group(group_ref)
    sessions = store.sessions(group.id)
    # The facilitator's share against the handover target (and last time): feedback, for
    # every held session from one read of the group's turns.
    shares = group_share_lines(store, group, sessions)
    for s in sessions:
        about = s.cancel_reason or s.plan
        when = session_times(s)
        line = f"{s.number:>3}  {format_date(s.held_on)}  {when:<11}  {m.caption(s.status)}"
        if s.status == m.SessionStatus.HELD:
            about = shares.get(s.id) or about
        click.echo(line + (f"  {about}" if about else ""))


def _write_document(document, fmt: str, out: Path | None, force: bool) -> None:
    """Print ``document`` (Markdown at 80 columns) or write it to ``out`` (md or html)."""
    from groupwork.facilitation.documents import as_html, as_text
    from groupwork.files import check_output, write_atomically

    text = as_html(document) if fmt == "html" else as_text(document)
    if out is None:
        click.echo(text, nl=False)
        return
    from groupwork.typed_input import path_text

    write_atomically(check_output(out, force=force), text)
    click.echo(_("Written: {path}").format(path=path_text(out)))


_format_option = click.option(
    "--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True
)


@session_group.command("sheet", help=_("The plan sheet for the next session (or session N)."))
@group_argument
@click.option(
    "--session",
    "number",
    type=WholeNumber(SESSION_NUMBERS),
    default=None,
    help=_("The session's number."),
)
@_format_option
@out_option(_("Write the sheet to this file instead of showing it."))
@force_option
@pass_app
@handle_errors
def sheet_command(
    app: AppContext, group_ref: str, number: int | None, fmt: str, out: Path | None, force: bool
) -> None:
    from groupwork.facilitation.documents import sheet_document
    from groupwork.facilitation.sheet import plan_sheet
    from groupwork.operations.sessions import local_today

    group = app.store.find_group(group_ref)
    sheet = plan_sheet(app.store, group.id, number, today=local_today())
    _write_document(sheet_document(sheet), fmt, out, force)


@session_group.command(
    "feedback", help=_("Feedback on session N: your share, members' shares, nudges.")
)
@group_argument
@click.argument("number", type=WholeNumber(SESSION_NUMBERS))
@click.option(
    "--practice", is_flag=True, help=_("Add the dated strengths and weaknesses of your practice.")
)
@_format_option
@out_option(_("Write the feedback to this file instead of showing it."))
@force_option
@pass_app
@handle_errors
def feedback_command(
    app: AppContext,
    group_ref: str,
    number: int,
    practice: bool,
    fmt: str,
    out: Path | None,
    force: bool,
) -> None:
    from groupwork.facilitation.documents import evidence_blocks, feedback_document
    from groupwork.facilitation.evidence import practice_evidence
    from groupwork.facilitation.feedback import session_feedback

    group = app.store.find_group(group_ref)
    session = app.store.session_by_number(group.id, number)
    document = feedback_document(session_feedback(app.store, session.id), group.name)
    if practice:
        document.blocks += evidence_blocks(practice_evidence(app.store, group.id))
    _write_document(document, fmt, out, force)


@session_group.command(
    "nudges", help=_("Show or set when the recorder's quiet nudges speak, for this group.")
)
@group_argument
@click.option(
    "--silent-minutes",
    type=WholeNumber((1, 600)),
    default=None,
    help=_("Minutes a member is silent."),
)
@click.option(
    "--silent-turns",
    type=WholeNumber((1, 1000)),
    default=None,
    help=_("Turns of others while silent."),
)
@click.option("--dominant", type=float, default=None, help=_("Times the average share, e.g. 2."))
@click.option(
    "--window", type=WholeNumber((2, 1000)), default=None, help=_("Last turns compared, e.g. 20.")
)
@click.option(
    "--target", type=WholeNumber((0, 100)), default=None, help=_("Facilitator's share, in percent.")
)
@click.option("--reset", is_flag=True, help=_("Back to the stage's defaults."))
@pass_app
@handle_errors
def nudges_command(
    app: AppContext,
    group_ref: str,
    silent_minutes: int | None,
    silent_turns: int | None,
    dominant: float | None,
    window: int | None,
    target: int | None,
    reset: bool,
) -> None:
    from groupwork.operations.nudges import set_nudge_settings
    from groupwork.stage_spec import nudge_thresholds

    group = app.store.find_group(group_ref)
    given = {
        "silent_minutes": silent_minutes,
        "silent_turns": silent_turns,
        "dominant_factor": dominant,
        "window_turns": window,
        "facilitator_target": None if target is None else target / 100,
    }
    changes = {k: v for k, v in given.items() if v is not None}
    settings = app.store.nudge_settings(group.id)
    if changes or reset:
        settings = set_nudge_settings(app.store, group.id, changes, reset=reset)
    limits = nudge_thresholds(group.current_stage, settings)
    click.echo(
        _(
            "Nudges: silent {minutes} min or {turns} turns of others; one voice over {factor}x "
            "the average of the last {window} turns; facilitator above {target:.0%}."
        ).format(
            minutes=limits.silent_minutes,
            turns=limits.silent_turns,
            factor=f"{limits.dominant_factor:g}",
            window=limits.window_turns,
            target=limits.facilitator_target,
        )
    )


@session_group.command("plan", help=_("Plan a session ahead."))
@group_argument
@click.argument("day", type=Day())
@click.option("--at", "at_text", default=None, help=_("Start time, e.g. 14:00."))
@click.option("--plan", "plan", default="", help=_("What the session is for."))
@pass_app
@handle_errors
def plan_command(app: AppContext, group_ref: str, day: str, at_text: str | None, plan: str):
    from groupwork.operations.sessions import plan_session

    group = app.store.find_group(group_ref)
    session = plan_session(app.store, group.id, _date(day), _time(at_text), plan)
    click.echo(_("Session {number} planned.").format(number=session.number))


@session_group.command(
    "past",
    help=_(
        "Enter a session held earlier, with its date and times; or, with --cancelled and "
        "--reason, one that did not take place."
    ),
)
@group_argument
@click.argument("day", type=Day())
@click.option("--from", "starts", default=None, help=_("Start time, e.g. 13:00."))
@click.option("--to", "ends", default=None, help=_("End time, e.g. 15:00."))
@click.option("--notes", default="", help=_("Notes on the session."))
@click.option("--cancelled", is_flag=True, help=_("The session did not take place."))
@click.option("--reason", default="", help=_("Why it did not take place (with --cancelled)."))
@pass_app
@handle_errors
def past_command(
    app: AppContext,
    group_ref: str,
    day: str,
    starts: str | None,
    ends: str | None,
    notes: str,
    cancelled: bool,
    reason: str,
) -> None:
    from groupwork.operations.sessions import enter_cancelled_past_session, enter_past_session

    group = app.store.find_group(group_ref)
    if cancelled:
        if not reason.strip():
            fail(_("A cancelled session needs a reason (--reason)."))
        session = enter_cancelled_past_session(
            app.store, group.id, _date(day), reason, _time(starts)
        )
        click.echo(_("Session {number} recorded as cancelled.").format(number=session.number))
        return
    if reason:
        fail(_("--reason goes with --cancelled."))
    if starts is None or ends is None:
        fail(_("A session held needs --from and --to (or --cancelled --reason)."))
    start, end = _time(starts), _time(ends)
    if start is None or end is None:  # both are required: an empty one is no time
        fail(_("Not a time: write 14:00 or 9.30."))
    session = enter_past_session(app.store, group.id, _date(day), start, end, notes)
    click.echo(_("Session {number} entered.").format(number=session.number))


@session_group.command("cancel", help=_("Cancel a planned session, with the reason."))
@group_argument
@click.argument("number", type=WholeNumber(SESSION_NUMBERS))
@click.option("--reason", required=True, help=_("Why it is cancelled."))
@click.option(
    "--again-on", "again_on", type=Day(), default=None, help=_("Plan it again on this day.")
)
@pass_app
@handle_errors
def cancel_command(
    app: AppContext, group_ref: str, number: int, reason: str, again_on: str | None
) -> None:
    from groupwork.operations.sessions import cancel_session

    group = app.store.find_group(group_ref)
    session = app.store.session_by_number(group.id, number)
    new_date = _date(again_on) if again_on else None
    _cancelled, replacement = cancel_session(app.store, session.id, reason, new_date)
    click.echo(_("Session {number} cancelled.").format(number=number))
    if replacement is not None:
        click.echo(_("Session {number} planned.").format(number=replacement.number))


@session_group.command("move", help=_("Move a planned session to another day."))
@group_argument
@click.argument("number", type=WholeNumber(SESSION_NUMBERS))
@click.argument("day", type=Day())
@click.option("--at", "at_text", default=None, help=_("Start time, e.g. 14:00."))
@pass_app
@handle_errors
def move_command(app: AppContext, group_ref: str, number: int, day: str, at_text: str | None):
    from groupwork.operations.sessions import move_session

    group = app.store.find_group(group_ref)
    session = app.store.session_by_number(group.id, number)
    move_session(app.store, session.id, _date(day), _time(at_text))
    click.echo(_("Session {number} moved.").format(number=number))


@click.command("scale", help=_("Set the scale members rate sessions on (the agency's words)."))
@group_argument
@click.option("--name", required=True, help=_("The scale's name."))
@click.option("--min", "minimum", type=WholeNumber(SCORES), default=1, show_default=True)
@click.option("--max", "maximum", type=WholeNumber(SCORES), default=5, show_default=True)
@click.option(
    "--anchor", "anchors", multiple=True, help=_("Words for a score, e.g. '1=not at all'.")
)
@pass_app
@handle_errors
def scale_command(
    app: AppContext, group_ref: str, name: str, minimum: int, maximum: int, anchors: tuple
) -> None:
    from groupwork.operations.ratings import set_rating_scale

    group = app.store.find_group(group_ref)
    scale = set_rating_scale(app.store, group.id, name, minimum, maximum, list(anchors))
    click.echo(
        _("Scale {name}: {low} to {high}.").format(
            name=scale.name, low=scale.minimum, high=scale.maximum
        )
    )


COMMANDS = [session_group, scale_command]
