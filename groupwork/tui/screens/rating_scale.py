"""The group's rating scale in the TUI, and ratings added to a session already closed.

The scale is set with ``k`` on the sessions screen, or offered at the group's first close when
none is set yet; ratings of a closed session are added with ``a`` there (the scale was set
after it closed, or a member answered later). Saved through ``operations.ratings``, as
``groupwork scale`` is.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel

from groupwork import models as m
from groupwork.errors import GroupworkError
from groupwork.i18n import N_, _
from groupwork.operations.ratings import rate_held_session, raters_of, set_rating_scale
from groupwork.tui.screens.record_form import RecordFormScreen
from groupwork.tui.widgets.model_form import FieldSpec

SCALE_FIELDS = (
    FieldSpec("name", "text", label=N_("Scale name (the agency's words)")),
    FieldSpec("minimum", "int", label=N_("Lowest score")),
    FieldSpec("maximum", "int", label=N_("Highest score")),
    FieldSpec("anchors", "lines", label=N_("Words for a score, one a line (e.g. 1=not at all)")),
)


def scale_title() -> str:
    """The scale form's title in the current language."""
    return _("Rating scale")


class RatingScaleScreen(RecordFormScreen):
    """Set or change the group's rating scale; dismisses with it, or None."""

    def __init__(self, store, group_id: str, intro: str = "") -> None:
        current = store.rating_scale(group_id)
        base = (current or m.RatingScale(group_id=group_id, name="-")).model_dump()
        initial = {**base, "name": current.name if current else ""}

        def save(record: BaseModel) -> BaseModel:
            assert isinstance(record, m.RatingScale)
            return set_rating_scale(
                store, group_id, record.name, record.minimum, record.maximum, record.anchors
            )

        super().__init__(
            scale_title(),
            m.RatingScale,
            list(SCALE_FIELDS),
            base,
            save,
            scale_title,
            initial=initial,
            intro=intro,
        )


def rate_closed_session(screen, session: m.Session, done: Callable[[int], None]) -> None:
    """Ask the ratings of ``session`` (closed) of its members present; ``done(count)``."""
    from groupwork.tui.screens.ratings import RatingsScreen

    store = screen.app.store
    scale = store.rating_scale(session.group_id)
    if scale is None:
        screen.notify(_("The group has no rating scale yet: k sets one."), severity="warning")
        return
    people = [(x.id, x.pseudonym) for x in raters_of(store, session.id)]
    if not people:
        screen.notify(_("Nobody was marked present at this session."), severity="warning")
        return

    def rated(given: dict[str, int] | None) -> None:
        if given is None:
            return
        try:
            saved = rate_held_session(store, session.id, given)
        except GroupworkError as exc:
            screen.notify(exc.message, title=exc.title, severity="error")
            return
        done(len(saved))

    screen.app.push_screen(RatingsScreen(scale, people, later=True), rated)


def ask_close_ratings(screen, recorder, close: Callable[[dict[str, int] | None], None]) -> None:
    """The ratings step of a session's close: ``close(ratings)`` (None: nothing to rate);
    Esc in the ratings goes back to recording without calling it.

    The scale is read now, not when the recorder opened, so a scale set while it was open is
    asked. At the group's first close with no scale yet, the scale form is offered first
    (Esc there: close without ratings).
    """
    from groupwork.tui.screens.ratings import RatingsScreen

    store, group_id = recorder.store, recorder.group.id
    raters = recorder.raters()

    def ask(scale: m.RatingScale | None) -> None:
        if scale is None or not raters:
            close(None)
            return

        def rated(ratings: dict[str, int] | None) -> None:
            if ratings is not None:  # None: Esc, back to recording
                close(ratings)

        people = [(x.id, x.pseudonym) for x in raters]
        screen.app.push_screen(RatingsScreen(scale, people), rated)

    scale = store.rating_scale(group_id)
    closed_before = any(
        s.ended_at is not None and s.id != recorder.session_id for s in store.sessions(group_id)
    )
    if scale is not None or closed_before or not raters:
        ask(scale)
        return
    intro = _(
        "This is the group's first close. Members may rate each session on a scale in the "
        "agency's words; set it now, or press Esc to close without ratings (k on the sessions "
        "screen sets it later)."
    )
    screen.app.push_screen(
        RatingScaleScreen(store, group_id, intro),
        lambda saved: ask(saved if isinstance(saved, m.RatingScale) else None),
    )
