"""A screen whose store fails it tells the person; the app goes on.

The agency server can go away between two keys (stopped, a cut network): the store then
raises ``ConnectionLost`` from whatever read comes next. A screen reads in ``compose`` (what
it is built from), ``reload`` (filling its widgets, also on every return to it) and
``redraw``, and in the actions its keys run. Unhandled there, Textual ends the app and prints
a traceback with each function's local values, people's names among them.
``TellsStoreErrors`` (mixed into every screen and dialog of the app) wraps those, with the
screen's named handlers (``on_...``), in ``telling_store_errors``: a ``GroupworkError`` (a
message meant for the person) becomes a notice, the screen keeps what it had, and its keys
still work; a screen that could not be built closes. A handler registered with ``@on`` is not
wrapped (Textual keeps it by the function given); one that reads the store calls a wrapped
method or uses ``filling``.
"""

from __future__ import annotations

import functools
import inspect
import time
from collections.abc import Callable
from typing import Any

from groupwork.errors import ConnectionLost, GroupworkError
from groupwork.i18n import _

WRAPPED = ("compose", "reload", "redraw")
"""The methods of a screen that read the store to show it."""
HANDLERS = ("action_", "on_")
"""The beginnings of the names of a screen's actions (keys) and named message handlers."""


def unread_message(exc: GroupworkError, showing: bool = True) -> str:
    """What to tell the person when a screen could not read or write: the store's own message,
    or for a server that went away, one about what was being done (the store's speaks of a
    change, and the screen may only have been reading). ``showing``: the screen was being
    filled (``WRAPPED``), not answering a key."""
    if not isinstance(exc, ConnectionLost):
        return exc.message
    if showing:
        return _(
            "The agency database cannot be reached, so this screen was not brought up to "
            "date: what it shows may be old or missing. Open it again once the server is back."
        )
    return _(
        "The agency database cannot be reached, so what you asked for was not done: nothing "
        "was read or changed. Do it again once the server is back."
    )


TOLD_ONCE_SECONDS = 2.0
"""The same notice again within this time is not shown twice (a screen that could not read
is often followed by the one under it, reading again as it shows)."""


def _tell(screen: Any, exc: GroupworkError, showing: bool) -> None:
    message = unread_message(exc, showing)
    app = screen.app
    now = time.monotonic()
    last = getattr(app, "_last_unread_notice", None)
    if last is not None and last[0] == message and now - last[1] < TOLD_ONCE_SECONDS:
        return
    app._last_unread_notice = (message, now)
    screen.notify(message, severity="error", timeout=10)


def _close(screen: Any) -> None:
    """Take ``screen`` off the stack if it is on top and not the only one."""
    app = screen.app
    if app.screen is screen and len(app.screen_stack) > 1:
        app.pop_screen()


def telling_store_errors(method: Callable, *, showing: bool | None = None) -> Callable:
    """``method`` (a screen's), with a ``GroupworkError`` it raises shown to the person instead
    of ending the app. ``showing``: the method fills the screen, not answers a key (by
    default, when it is one of ``WRAPPED``); see ``unread_message``."""
    if getattr(method, "_tells_store_errors", False):
        return method
    if showing is None:
        showing = method.__name__ in WRAPPED
    if inspect.isgeneratorfunction(method):

        @functools.wraps(method)
        def composed(self, *args, **kwargs):
            try:
                yield from method(self, *args, **kwargs)
            except GroupworkError as exc:
                # Half a screen: told, it answers nothing more and closes (the person is
                # back where they were).
                self.could_not_compose = True
                _tell(self, exc, showing)
                self.app.call_later(_close, self)

        wrapped: Any = composed
    elif inspect.iscoroutinefunction(method):

        @functools.wraps(method)
        async def awaited(self, *args, **kwargs):
            if getattr(self, "could_not_compose", False):
                return None
            try:
                return await method(self, *args, **kwargs)
            except GroupworkError as exc:
                _tell(self, exc, showing)

        wrapped = awaited
    else:

        @functools.wraps(method)
        def called(self, *args, **kwargs):
            if getattr(self, "could_not_compose", False):
                return None
            try:
                return method(self, *args, **kwargs)
            except GroupworkError as exc:
                _tell(self, exc, showing)

        wrapped = called
    wrapped._tells_store_errors = True
    return wrapped


def filling(method: Callable) -> Callable:
    """``telling_store_errors`` for a method that fills the screen and is not one of
    ``WRAPPED`` (called from an ``@on`` handler, which Textual keeps unwrapped)."""
    return telling_store_errors(method, showing=True)


class TellsStoreErrors:
    """Mixed into the app's screens and dialogs: each subclass's ``WRAPPED`` methods, actions
    and named handlers are wrapped in ``telling_store_errors`` as the class is made."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, value in list(cls.__dict__.items()):
            if inspect.isfunction(value) and (name in WRAPPED or name.startswith(HANDLERS)):
                setattr(cls, name, telling_store_errors(value))
