"""Sessions as they really happen: planned ahead, started (planned or not), entered
afterwards from paper, cancelled with a reason, moved to another day.

Every door (the TUI's sessions screen and recorder, the CLI, import) calls these, so the rules
hold wherever a session comes from: a session cannot end before it starts, a cancelled session
has a reason and no turns, a session entered afterwards is dated when it was held.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from pydantic import ValidationError

from groupwork import models as m
from groupwork.dates import agency_zone
from groupwork.errors import GroupworkError, InvalidInputError, invalid_input
from groupwork.i18n import _
from groupwork.store import Store


def local_today() -> date:
    """Today where the facilitator is (the agency's zone, ``dates.agency_zone``)."""
    return datetime.now(agency_zone()).date()


def local_moment(day: date, at: time) -> datetime:
    """``at`` o'clock on ``day`` in the agency's zone, as a UTC time (what the store keeps)."""
    return datetime.combine(day, at, tzinfo=agency_zone()).astimezone(UTC)


def _validated(session: m.Session, **changes: object) -> m.Session:
    try:
        return m.Session.model_validate({**session.model_dump(), **changes})
    except ValidationError as exc:
        raise invalid_input(exc) from exc


def _new(**fields: object) -> m.Session:
    try:
        return m.Session(**fields)
    except ValidationError as exc:
        raise invalid_input(exc) from exc


def _add_numbered(
    store: Store, group_id: str, held_on: date, stages: list[int] | None, **fields: object
) -> m.Session:
    """Add the group's next session on ``held_on`` (stages: the group's current one by default).

    Written in one transaction, then the group's sessions are numbered by date
    (``renumber_sessions``), so a session entered afterwards takes its place.
    """
    with store.transaction():
        group = store.get(m.Group, group_id)
        session = _new(
            group_id=group_id,
            number=store.next_session_number(group_id),
            held_on=held_on,
            stages=stages if stages is not None else [group.current_stage],
            **fields,
        )
        return _placed(store, store.add(session))


def _when(session: m.Session) -> tuple[date, time, int]:
    """Where a session falls in the group's course: its day, then its hour, then its number."""
    if session.started_at is not None:
        at = session.started_at.astimezone(agency_zone()).time()
    else:
        at = session.planned_time or time.max
    return (session.held_on, at, session.number)


def renumber_sessions(store: Store, group_id: str) -> None:
    """Number the group's sessions in the order they are (or were) held, without gaps.

    A session entered afterwards from paper, or a planned one moved, takes its place by date
    instead of the next free number, so the sessions screen, the recorder and the review
    always count sessions as the group lived them. Call inside the caller's transaction.
    """
    ordered = sorted(store.sessions(group_id), key=_when)
    if not ordered:
        return
    # From the group's first number, not always 1: a group imported from a file, or begun on
    # paper, may start its records at session 3, and that numbering is the facilitator's.
    first = min(session.number for session in ordered)
    for number, session in enumerate(ordered, start=first):
        if session.number != number:
            store.save(session.model_copy(update={"number": number}))


def open_session(store: Store, group_id: str) -> m.Session | None:
    """The group's session that was started and not closed (the recorder was left running)."""
    open_ones = [s for s in store.sessions(group_id) if s.is_open]
    return open_ones[-1] if open_ones else None


def plan_session(
    store: Store,
    group_id: str,
    held_on: date,
    at: time | None = None,
    plan: str = "",
    stages: list[int] | None = None,
) -> m.Session:
    """Plan a session ahead on ``held_on`` (today or later), at ``at`` o'clock if given."""
    if held_on < local_today():
        raise InvalidInputError(
            [_("A session is planned for today or later; enter a past session with its times.")]
        )
    return _add_numbered(store, group_id, held_on, stages, planned_time=at, plan=plan)


def _placed(store: Store, session: m.Session) -> m.Session:
    """``session`` after the group's sessions were numbered by date (see renumber_sessions)."""
    renumber_sessions(store, session.group_id)
    return store.get(m.Session, session.id)


def start_session(
    store: Store,
    group_id: str,
    held_on: date | None = None,
    stages: list[int] | None = None,
    plan: str = "",
    session_id: str | None = None,
) -> m.Session:
    """Start recording a session now, or resume the one left open.

    With ``session_id``: that session (a planned one starts now and is dated today, when it
    really happens; an open one is resumed). Without: the group's open session is resumed;
    else a planned session for ``held_on`` (default today) that has not started is started;
    failing that a new, unplanned session is numbered after the group's last one.
    ``stages`` defaults to the group's current stage.
    """
    # One write lock from look-up to save, so two windows starting a session at once cannot
    # both take the same number or both start the same planned session.
    with store.transaction():
        if session_id is not None:
            return _start_this(store, store.get(m.Session, session_id), group_id)
        resumed = open_session(store, group_id)
        if resumed is not None:
            return resumed
        held_on = held_on or local_today()
        planned = [
            s
            for s in store.sessions(group_id)
            if s.status == m.SessionStatus.PLANNED and s.started_at is None and s.held_on == held_on
        ]
        changes: dict[str, object] = {"started_at": m.utc_now()}
        if plan:
            changes["plan"] = plan
        if planned:
            if stages is not None:
                changes["stages"] = stages
            return store.save(_validated(planned[0], **changes))
        return _add_numbered(store, group_id, held_on, stages, **changes)


def _start_this(store: Store, session: m.Session, group_id: str) -> m.Session:
    if session.group_id != group_id:
        raise GroupworkError(_("That session belongs to another group."))
    if session.status == m.SessionStatus.CANCELLED:
        raise GroupworkError(
            _("Session {number} was cancelled; it cannot be recorded.").format(
                number=session.number
            )
        )
    if session.ended_at is not None:
        raise GroupworkError(_("Session {number} is already closed.").format(number=session.number))
    if session.started_at is not None:
        return session
    return _placed(
        store, store.save(_validated(session, started_at=m.utc_now(), held_on=local_today()))
    )


def enter_past_session(
    store: Store,
    group_id: str,
    held_on: date,
    starts: time,
    ends: time,
    notes: str = "",
    stages: list[int] | None = None,
) -> m.Session:
    """Enter a session held earlier (recorded on paper) with its date and times; it is held.

    Its roll call and turns can then be entered in the recorder (``SessionRecorder`` with
    ``late_entry=True``), which keeps the times given here.
    """
    if held_on > local_today():
        raise InvalidInputError([_("A past session cannot be dated after today; plan it instead.")])
    if ends <= starts:
        raise InvalidInputError([_("The session ends before it starts.")])
    return _add_numbered(
        store,
        group_id,
        held_on,
        stages,
        planned_time=starts,
        started_at=local_moment(held_on, starts),
        ended_at=local_moment(held_on, ends),
        status=m.SessionStatus.HELD,
        notes=notes,
    )


def enter_cancelled_past_session(
    store: Store,
    group_id: str,
    held_on: date,
    reason: str,
    at: time | None = None,
    stages: list[int] | None = None,
) -> m.Session:
    """A session that was due on ``held_on`` (today or earlier) did not take place: recorded
    afterwards as cancelled, with the reason, numbered by date among the others."""
    if not reason.strip():
        raise InvalidInputError([_("A cancelled session needs a reason.")])
    if held_on > local_today():
        raise InvalidInputError(
            [
                _(
                    "A session that did not take place is dated today or earlier; cancel a planned one."
                )
            ]
        )
    return _add_numbered(
        store,
        group_id,
        held_on,
        stages,
        planned_time=at,
        status=m.SessionStatus.CANCELLED,
        cancel_reason=reason.strip(),
    )


DIALOGUE_FIELDS = ("questions", "themes", "feelings", "society_links")
"""What stage 7 records of a session: the facilitated dialogue, not when or whether it met."""


def add_dialogue_session(
    store: Store, group_id: str, held_on: date, status: m.SessionStatus, **dialogue: list[str]
) -> m.Session:
    """Add a session with its dialogue (stage 7's form), numbered by date with the others.

    Held: dated today or earlier; planned: today or later. A cancellation needs its reason and
    is made in the sessions screen, never here.
    """
    status = m.SessionStatus(status)
    if status == m.SessionStatus.CANCELLED:
        raise InvalidInputError(
            [
                _(
                    "Cancel a session in the Sessions screen (S on the group's screen): it asks "
                    "the reason."
                )
            ]
        )
    if status == m.SessionStatus.HELD and held_on > local_today():
        raise InvalidInputError([_("A held session cannot be dated after today; plan it instead.")])
    if status == m.SessionStatus.PLANNED and held_on < local_today():
        raise InvalidInputError(
            [_("A session is planned for today or later; enter a past session with its times.")]
        )
    unknown = set(dialogue) - set(DIALOGUE_FIELDS)
    assert not unknown, f"not dialogue fields: {unknown}"
    return _add_numbered(store, group_id, held_on, [7], status=status, **dialogue)


def save_dialogue(store: Store, session_id: str, **dialogue: list[str]) -> m.Session:
    """Change only the dialogue of a session: its number, date and status stay as the
    sessions screen set them (moving and cancelling have their own rules)."""
    unknown = set(dialogue) - set(DIALOGUE_FIELDS)
    assert not unknown, f"not dialogue fields: {unknown}"
    session = store.get(m.Session, session_id)
    return store.save(_validated(session, **dialogue))


def _planned(store: Store, session_id: str, refusal: str) -> m.Session:
    session = store.get(m.Session, session_id)
    if session.status != m.SessionStatus.PLANNED or session.started_at is not None:
        raise InvalidInputError([refusal.format(number=session.number)])
    if store.participation(session_id) or store.attendance(session_id):
        raise InvalidInputError(
            [_("Session {number} has records already.").format(number=session.number)]
        )
    return session


def cancel_session(
    store: Store, session_id: str, reason: str, new_date: date | None = None
) -> tuple[m.Session, m.Session | None]:
    """Cancel a planned session with a reason; with ``new_date``, plan its replacement then.

    Returns the cancelled session and the replacement (or None). Both are written together.
    """
    if not reason.strip():
        raise InvalidInputError([_("A cancelled session needs a reason.")])
    with store.transaction():
        session = _planned(
            store,
            session_id,
            _("Session {number} is not planned ahead: it cannot be cancelled."),
        )
        cancelled = store.save(
            _validated(session, status=m.SessionStatus.CANCELLED, cancel_reason=reason.strip())
        )
        replacement = None
        if new_date is not None:
            replacement = plan_session(
                store,
                session.group_id,
                new_date,
                session.planned_time,
                plan=session.plan,
                stages=session.stages,
            )
        # The replacement took its place by date: the cancelled one may have a new number.
        return store.get(m.Session, cancelled.id), replacement


def move_session(store: Store, session_id: str, held_on: date, at: time | None = None) -> m.Session:
    """Move a planned session to another day (and time, when given)."""
    if held_on < local_today():
        raise InvalidInputError([_("A session is moved to today or later.")])
    with store.transaction():
        session = _planned(
            store,
            session_id,
            _("Session {number} is not planned ahead: it cannot be moved."),
        )
        changes: dict[str, object] = {"held_on": held_on}
        if at is not None:
            changes["planned_time"] = at
        return _placed(store, store.save(_validated(session, **changes)))


def _clock(moment: datetime | None) -> str:
    return moment.astimezone(agency_zone()).strftime("%H:%M") if moment is not None else ""


def session_times(session: m.Session) -> str:
    """When the session starts (and ends), in the agency's zone; "" when no time is known."""
    if session.started_at is not None:
        ended = _clock(session.ended_at)
        return _clock(session.started_at) + (f"–{ended}" if ended else "")
    return session.planned_time.strftime("%H:%M") if session.planned_time else ""
