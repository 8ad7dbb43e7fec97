"""A frame that draws a widget answers the repaints that widget asked for before it.

Textual (8.x) repaints lazily. A widget that changes (its text, or its size in a layout)
marks itself; only when its own queue is next empty does it post its screen an ``Update``
message, and the screen draws the widget at its next frame. A screen opening lays itself out
and draws itself whole in one turn of the event loop, so every widget's mark from that first
layout (each one's size has just changed from nothing) was still waiting when the frame was
drawn. The marks turned into ``Update`` messages after it, and the screen drew the whole
frame again at the next tick of its frame timer (1/60 s): on the coordinator at agency scale
one more frame of 3-4 ms, and 10-25 ms before the screen was idle, for nothing that had
changed. Two more redraws of that kind:
- ``Screen._on_screen_resume`` asks for a whole repaint after the layout that has just drawn
  the screen whole;
- Textual sends the screens under the top one their dirty regions to redraw through the top
  one even when the top screen is opaque and hides them (the screen under it is laid out
  again when the new screen answers its own Resize).

``FramesAnswerRepaints`` (a mixin for the app's screens) spends, just before a frame is
drawn, the marks of the widgets that frame draws whole, and drops ``Update`` messages posted
before it for them; asks for no repaint after a resume that drew the screen whole; and keeps
what a screen hidden under an opaque one would redraw until it shows again (its resume
repaints it whole). A change made during or after the frame still gets its own. This leans on
Textual's private frame machinery (``Screen._compositor_refresh``, the compositor's dirty
regions); textual is pinned below 9 in pyproject.toml and tests/tui/test_screen_frames.py
counts the frames of a screen opened and checks what a change after it shows.
"""

from __future__ import annotations

import sys

from textual import events, messages
from textual._time import get_time


class FramesAnswerRepaints:
    """Mixin for a Screen: a frame answers the repaints asked for before it of what it draws."""

    _whole_frames_drawn = 0
    _whole_frame_began = 0.0

    def _compositor_refresh(self) -> None:
        app = self.app  # type: ignore[attr-defined]
        if app.is_inline:
            super()._compositor_refresh()  # type: ignore[misc]
        elif self is app.screen:
            self._spend_what_this_frame_draws()
            super()._compositor_refresh()  # type: ignore[misc]
        elif self._hidden_by_an_opaque_screen():
            # Textual would send these regions to the top screen to draw through it, where
            # nothing of this screen shows. Its resume repaints it whole (Screen's own
            # ``_on_screen_resume``), drawing whatever changed meanwhile.
            self._compositor._dirty_regions.clear()  # type: ignore[attr-defined]
            self._dirty_widgets.clear()  # type: ignore[attr-defined]
        else:
            super()._compositor_refresh()  # type: ignore[misc]

    def _spend_what_this_frame_draws(self) -> None:
        """Clear the repaint marks of the widgets the coming frame draws whole, and note the
        frame's start for their ``Update`` messages already posted."""
        compositor = self._compositor  # type: ignore[attr-defined]
        dirty = compositor._dirty_regions
        if not dirty:
            return
        began = get_time()
        if compositor.size.region in dirty:  # drawn whole: every widget on it
            self._place_tab_underlines()
            self._whole_frame_began = began
            self._whole_frames_drawn += 1
            self._repaint_required = False
            for widget in compositor.visible_widgets:
                widget._repaint_required = False
            return
        for widget, (region, clip) in compositor.visible_widgets.items():
            shown = region.intersection(clip)
            if shown and any(area.contains_region(shown) for area in dirty):
                widget._repaint_required = False
                widget._drawn_whole_at = began  # type: ignore[attr-defined]

    def _place_tab_underlines(self) -> None:
        """Put each tab row's underline under its active tab now that the layout has placed
        the tabs, as ``Tabs`` does itself once the screen has been drawn (it asks for that
        after a refresh): the whole frame about to be drawn shows it, not the next one."""
        # Read from what is loaded: no tab row exists before Textual's tabs module is, and
        # importing it here would add it to start-up (home has no tabs).
        tabs_module = sys.modules.get("textual.widgets._tabs")
        if tabs_module is None:
            return
        for tabs in self.query(tabs_module.Tabs):  # type: ignore[attr-defined]
            active = tabs.active_tab
            if active is None or not tabs.display:
                continue
            start, end = active.virtual_region.shrink(active.styles.gutter).column_span
            underline = tabs.query_one(tabs_module.Underline)
            underline.highlight_start, underline.highlight_end = start, end

    def _on_update(self, message: messages.Update) -> None:
        drawn = max(self._whole_frame_began, getattr(message.widget, "_drawn_whole_at", 0.0))
        if message.time < drawn:  # posted before a frame that drew the widget whole
            message.stop()
            message.prevent_default()  # Screen's own handler is not called

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Screen's handler lays the screen out and draws it whole when its size changed (a
        # screen just pushed), then asks for a whole repaint: spent when it drew one.
        event.prevent_default()  # Screen's handler runs here, not again after
        drawn = self._whole_frames_drawn
        super()._on_screen_resume(event)  # type: ignore[misc]
        if self._whole_frames_drawn != drawn:
            self._repaint_required = False

    def _hidden_by_an_opaque_screen(self) -> bool:
        """Whether a screen above this one in the stack hides it (an opaque background)."""
        stack = self.app.screen_stack  # type: ignore[attr-defined]
        if self not in stack:
            return False
        above = stack[stack.index(self) + 1 :]
        return any(screen.styles.background.a == 1 for screen in above)
