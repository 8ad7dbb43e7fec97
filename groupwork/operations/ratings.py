"""Ratings at the close of a session: the group's own scale, set by the agency, and each
present member's score on it.

The scale's name, range and anchors are the agency's own words; groupwork ships no item
wording (published instruments are copyrighted). At most ten scores, so each has one key.
"""

from __future__ import annotations

from pydantic import ValidationError

from groupwork import models as m
from groupwork.errors import InvalidInputError, invalid_input
from groupwork.i18n import _
from groupwork.store import Store

MAX_SCORES = 10
"""Scores a scale may have: one digit key each (1 … 9, 0)."""


def set_rating_scale(
    store: Store,
    group_id: str,
    name: str,
    minimum: int,
    maximum: int,
    anchors: list[str] | None = None,
) -> m.RatingScale:
    """Create or change the group's rating scale (its first scale)."""
    if maximum - minimum + 1 > MAX_SCORES:
        raise InvalidInputError(
            [_("A scale has at most {count} scores (one key each).").format(count=MAX_SCORES)]
        )
    with store.transaction():
        store.get(m.Group, group_id)
        current = store.rating_scale(group_id)
        fields = {
            "group_id": group_id,
            "name": name,
            "minimum": minimum,
            "maximum": maximum,
            "anchors": anchors or [],
        }
        if current is not None:
            fields["id"] = current.id
        try:
            scale = m.RatingScale(**fields)
        except ValidationError as exc:
            raise invalid_input(exc) from exc
        return store.save(scale)


def scores(scale: m.RatingScale) -> list[int]:
    """The scale's scores, lowest first."""
    return list(range(scale.minimum, scale.maximum + 1))


def record_ratings(store: Store, session_id: str, given: dict[str, int]) -> list[m.Rating]:
    """Store the scores given at a session's close (members left out were skipped)."""
    session = store.get(m.Session, session_id)
    scale = store.rating_scale(session.group_id)
    if scale is None or not given:
        return []
    present = {
        a.member_id
        for a in store.attendance(session_id)
        if a.status in (m.AttendanceStatus.PRESENT, m.AttendanceStatus.LATE)
    }
    ratings = []
    for member_id, score in given.items():
        if member_id not in present:
            raise InvalidInputError([_("Only members present at the session are rated.")])
        if score not in scores(scale):
            raise InvalidInputError(
                [
                    _("A score on {scale} is from {low} to {high}.").format(
                        scale=scale.name, low=scale.minimum, high=scale.maximum
                    )
                ]
            )
        ratings.append(
            m.Rating(session_id=session_id, member_id=member_id, scale_id=scale.id, score=score)
        )
    return store.replace_ratings(session_id, ratings)


def raters_of(store: Store, session_id: str) -> list[m.Member]:
    """The members a session's ratings are asked of: those marked present or late, by
    pseudonym."""
    here = {
        a.member_id
        for a in store.attendance(session_id)
        if a.status in (m.AttendanceStatus.PRESENT, m.AttendanceStatus.LATE)
    }
    session = store.get(m.Session, session_id)
    return [x for x in store.members(session.group_id) if x.id in here and not x.erased]


def rate_held_session(store: Store, session_id: str, given: dict[str, int]) -> list[m.Rating]:
    """Add (or change) the scores of a session already closed: the scale was set after its
    close, or a member rated it afterwards. A member's earlier score is replaced only when a
    new one is given."""
    session = store.get(m.Session, session_id)
    if session.status != m.SessionStatus.HELD or session.is_open:
        raise InvalidInputError(
            [
                _("Session {number} is not closed: its ratings are asked at its close.").format(
                    number=session.number
                )
            ]
        )
    if store.rating_scale(session.group_id) is None:
        raise InvalidInputError([_("The group has no rating scale yet: set one first.")])
    return record_ratings(store, session_id, given)
