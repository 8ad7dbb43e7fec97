"""The footer every screen uses: the screen's keys, and the palette key only where there is room."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PALETTE_KEY_FROM_WIDTH = 100
"""Terminal width from which the footer also shows the command-palette key (Ctrl+P)."""


class KeyFooter(Footer):
    """Textual's footer, leaving out the palette key on a narrow terminal.

    The palette key is pinned to the right and covers whatever keys reach under it; at 80
    columns (in Thai above all) those were the screen's own keys. F1 lists every key and
    names Ctrl+P, so nothing is lost from sight for good. With ``compact_when_narrow`` the
    footer also drops its padding below that width, for screens with many keys. A key that
    would be cut at the right edge ("w บันทึกการถอ") is left out whole instead: F1 lists it.
    """

    def __init__(self, *args, compact_when_narrow: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.compact_when_narrow = compact_when_narrow
        self.recompose_asked = False
        # The keys are drawn with the footer's first compose (Textual's waited for the first
        # announcement, then recomposed and laid the screen out again before its first paint);
        # an announcement that changes nothing shown then draws nothing again.
        self.set_reactive(Footer._bindings_ready, True)
        self._shown: tuple | None = None

    def bindings_changed(self, screen) -> None:
        """The screen's keys changed: draw them again once, however many changes came."""
        # Opening a screen announces its bindings several times (mount, focus, each widget
        # that takes focus); Textual's footer recomposed for each, six times before a
        # screen's first paint. The keys are read when the one recompose runs.
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.recompose_soon()

    def recompose_soon(self) -> None:
        """Recompose after the next refresh, unless a recompose is already waiting for it."""
        if not self.recompose_asked:
            self.recompose_asked = True
            self.call_after_refresh(self.recompose)

    def on_resize(self, event: events.Resize) -> None:
        wide = event.size.width >= PALETTE_KEY_FROM_WIDTH
        if self.compact_when_narrow and self.compact == wide:
            self.compact = not wide
        if wide != self.show_command_palette:
            self.show_command_palette = wide
            self.recompose_soon()
        self.call_after_refresh(self._leave_out_cut_keys)

    def compose(self) -> ComposeResult:
        """Textual's keys, each born with the compactness it will have once mounted."""
        # A FooterKey starts compact (its default) and takes the footer's compactness from
        # a data binding after it is mounted: each change of class restyled the key, twice
        # for every key of a footer that is not compact (~2 ms a key, 20-50 ms a screen).
        # Set before mounting, the class is in place when the key is first styled and the
        # binding then finds nothing to change.
        self._shown = self._keys_shown()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                bound = "compact" in (widget._reactive_connect or {})
                compact = self.compact if bound else FooterKey.compact._default
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget

    def _keys_shown(self) -> tuple:
        """What the keys would show: each shown binding, its state and tooltip, the footer's
        compactness and whether the palette key is there."""
        shown = tuple(
            (key, binding, enabled, tooltip)
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == self.app.COMMAND_PALETTE_BINDING
        )
        return (shown, self.compact, self.show_command_palette)

    async def recompose(self) -> None:
        """Draw the keys again (the screen's bindings changed), then leave out a cut one."""
        self.recompose_asked = False
        if not self.is_attached or self._pruning:
            return  # its screen went meanwhile (as Textual's recompose)
        if self._shown is not None and self._keys_shown() == self._shown:
            return  # the same keys as drawn: nothing to draw again
        await super().recompose()
        self.call_after_refresh(self._leave_out_cut_keys)

    def _leave_out_cut_keys(self) -> None:
        right = self.content_region.right
        for key in self.query(FooterKey):
            if key.display and key.region.width and key.region.right > right:
                key.display = False
