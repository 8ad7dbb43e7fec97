"""A screen that opens is laid out as often as its content needs, not more.

Textual (8.x) lays a newly pushed screen out when the screen resumes; that layout draws it
whole. ``App._get_screen`` also queues an ``AwaitMount`` for the new screen, which waits
until the screen is mounted and then asks the screen for another layout. The screen's mount
completes before its first layout, but the app's task that waits on it resumes only after
the first frame (the event loop is busy drawing it), so the request came after the layout it
was meant to ensure: the whole screen walked, arranged and drawn again with nothing changed,
and the screen idle a frame later (6-10 ms of the UI thread and up to a frame's wait on
every screen opened).

Then a scroll bar shown by that first layout gets its size in the next one, and, as any
widget whose size changes, asks for a layout of its own: one more layout of the whole screen,
a frame later, for a widget whose place its parent decides (the parent's own
``show_vertical_scrollbar`` / ``show_horizontal_scrollbar`` already ask for a layout when a
bar comes or goes). This happened on the coordinator and the dashboard every time.

``ScreenMounted`` is the push's awaitable without the late request: it still waits for the
mount, so ``await app.push_screen(...)`` means what it did. ``OneLayoutAnswersAll`` (a mixin
for the app's screens) spends the requests a whole layout has answered, and drops a scroll
bar's own. Left as Textual does it: the layout that
answers the Resize event the first layout sends the screen itself (skipping it changed where
the stage workspace's scrolled view stands at 80x24). This leans on Textual's private
``App._get_screen`` and ``AwaitMount``; textual is pinned below 9 in pyproject.toml and
tests/tui/test_screen_layout.py counts the layouts of a screen opened.
"""

from __future__ import annotations

from asyncio import create_task, wait

from textual import messages
from textual._time import get_time
from textual.dom import NoScreen
from textual.geometry import Size
from textual.scrollbar import ScrollBar, ScrollBarCorner
from textual.widget import AwaitMount, Widget


class OneLayoutAnswersAll:
    """Mixin for a Screen: a whole layout answers every layout asked for before it began.

    Textual's widgets ask for a layout lazily: a widget whose size may change marks itself,
    and only when its own queue is next empty does it clear its parents' arrangement caches
    and post the screen a ``Layout`` message, which the screen answers at its next frame.
    The layout that answers the screen's Resize (and each other whole layout) ran while many
    such marks and messages were still on their way, so they arrived after it and asked for
    another. Here, before a whole layout, every widget's pending mark is settled as Textual
    would settle it (its parents' caches cleared), so the layout arranges what each widget is
    now; the marks and messages from before it are then spent. What is asked during or after
    it (a scroll bar that came, a widget's own Resize handler) still gets its layout.
    A scroll bar's own request is dropped: its parent arranges it, and asks for a layout
    itself when a bar comes or goes (``show_vertical_scrollbar`` and its twin).
    """

    _whole_layout_began: float = 0.0

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        if scroll:
            super()._refresh_layout(size, scroll)  # type: ignore[misc]
            return
        self._whole_layout_began = get_time()
        for widget in self.walk_children(Widget):  # type: ignore[attr-defined]
            if widget._layout_required:
                settle_layout_mark(widget)
        asked_before = self._layout_required  # type: ignore[has-type]
        super()._refresh_layout(size, scroll)  # type: ignore[misc]
        if asked_before:
            self._layout_required = False

    def _on_layout(self, message: messages.Layout) -> None:
        if message.time < self._whole_layout_began or isinstance(
            message.widget, (ScrollBar, ScrollBarCorner)
        ):
            message.stop()
            message.prevent_default()  # Screen's own handler is not called


def settle_layout_mark(widget: Widget) -> None:
    """What Textual's ``Widget._check_refresh`` does with a widget's layout mark, without
    the message: clear it and the arrangement caches it makes stale."""
    widget._layout_required = False
    for ancestor in widget.ancestors:
        if not isinstance(ancestor, Widget):
            break
        ancestor._clear_arrangement_cache()
        ancestor._layout_updates += 1
        if not ancestor.styles.auto_dimensions:
            break


class ScreenMounted(AwaitMount):
    """``AwaitMount`` for a pushed screen: waits for the mount, asks for no layout after it."""

    def __await__(self):
        async def mounted() -> None:
            if self._widgets:
                await wait([create_task(w._mounted_event.wait()) for w in self._widgets])
                # What Textual's does after its layout request: the widget under the mouse
                # may be another now.
                try:
                    self._parent.app._update_mouse_over(self._parent.screen)
                except NoScreen:
                    pass

        return mounted().__await__()


def without_late_layout(await_mount: AwaitMount) -> AwaitMount:
    """The push's awaitable, changed in place (the app has already queued it) to
    ``ScreenMounted``; anything but Textual's own ``AwaitMount`` is left as it is."""
    if type(await_mount) is AwaitMount:
        await_mount.__class__ = ScreenMounted
    return await_mount
