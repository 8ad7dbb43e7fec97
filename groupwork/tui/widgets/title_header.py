"""The header every full screen shows, its title there from the screen's first frame."""

from __future__ import annotations

from textual.dom import NoScreen
from textual.events import Mount
from textual.widget import Widget
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class TitleHeader(Header):
    """Textual's header, with the title written when it is mounted.

    Textual's header watches the app's and the screen's title with watchers whose first call
    is queued on the app, behind the screen that is opening: the title came after the
    screen's first frame (which showed the header empty) and its update laid the whole screen
    out again, 7-8 ms of the UI thread and a frame's wait on every screen opened. Here the
    title is written at mount and the watchers only answer later changes.
    """

    def _on_mount(self, event: Mount) -> None:
        # Instead of Header's handler (which would write the same title again, later);
        # Widget's own handler, which that stops too, still runs.
        event.prevent_default()
        Widget._on_mount(self, event)

        def set_title() -> None:
            try:
                self.query_one(HeaderTitle).update(self.format_title())
            except NoScreen:
                pass

        set_title()
        for owner in (self.app, self.screen):
            self.watch(owner, "title", set_title, init=False)
            self.watch(owner, "sub_title", set_title, init=False)
