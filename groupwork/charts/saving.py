"""Saving a chart with one draw, and matplotlib's font work done once per process.

Four costs of ``Figure.savefig`` that the review paid for every chart (issue 22):

- **Two draws.** A figure with a layout engine (ours use the constrained layout) is drawn twice
  by ``savefig``: first with drawing switched off, only so that the layout engine runs, then
  for real. ``one_draw`` lets that first pass run the layout engine alone; the real draw then
  happens once, with the same layout (the saved bytes are identical: a test compares).
- **Fonts looked up per text.** matplotlib looks the font file up again for every text it
  measures or draws, once per family in the list (``findfont`` is cached, but building its
  cache key reads rcParams every time): thousands of look-ups per review. ``fonts_found_once``
  keeps each answer for the process, keyed by the font properties and the font settings.
- **Text measured per renderer.** Text sizes are cached per renderer, and every savefig makes
  new renderers, so the same tick label was measured again for every chart and pass. A text's
  size depends only on the renderer's kind and resolution, the text and its font, so
  ``fonts_found_once`` keeps those for the process too.
- **Texts laid out per pass.** ``Text._get_layout`` (the lines, their sizes and the box, in the
  text's own frame) ran for every tick label in the layout pass and again, twice or more, in
  the draw (each axis asks for its own and its siblings' label boxes). It depends only on the
  text, its font, alignment, rotation, line spacing and the resolution, so ``fonts_found_once``
  keeps it per those (not for wrapped or TeX text).

``one_draw`` acts on one figure while it is saved. The kept font look-ups are put in front of
matplotlib's the first time a chart is drawn and answer from what was kept only inside
``fonts_found_once`` (``charts.chart_style``), in the thread that entered it; anywhere else they
pass the call straight to matplotlib, so nothing else that uses matplotlib is touched. The
answers are keyed by the font settings in force, so they stay right if those change.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

_FONT_SETTINGS = (
    "font.family",
    "font.serif",
    "font.sans-serif",
    "font.cursive",
    "font.fantasy",
    "font.monospace",
    "text.hinting",
    "text.hinting_factor",
    "text.kerning_factor",
)
"""What the font found and a text's size depend on besides the text and its properties."""
_LOCK = threading.Lock()
_found: dict[tuple, list] = {}
"""Font files found, per (font settings, properties, arguments), for the process."""
_measured: dict[tuple, tuple[float, float, float]] = {}
"""Text sizes measured, per (renderer kind and dpi, text, font, math), for the process."""
_tables: dict[tuple, dict[str, object]] = {}
"""The font-wide tables (OS/2, hhea, head) of each font, read once per process."""
_laid_out: dict[tuple, tuple] = {}
"""Texts laid out (``Text._get_layout``), per everything the layout depends on."""
_MEASURED_MOST = 20_000
"""Forget the sizes when there are more (a long-running TUI draws many reviews)."""


@contextmanager
def one_draw(fig):
    """While saving ``fig``, its layout-only pass runs the layout engine and draws nothing.

    ``print_figure`` calls ``fig.draw`` with drawing disabled while the layout engine is still
    set, then sets the engine to 'none' and calls it again to write the output; only that
    second call draws.
    """
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    def draw(renderer):
        engine = fig.get_layout_engine()
        if engine is None or isinstance(engine, PlaceHolderLayoutEngine):
            return Figure.draw(fig, renderer)
        # The layout pass: Figure.draw would run the engine, then every artist's draw with
        # drawing disabled, work the real draw does again.
        lay_out = engine.execute  # the layout engine's (named as a database call would be)
        if fig.axes:
            try:
                lay_out(fig)
            except ValueError:  # as Figure.draw: a layout that cannot be made is skipped
                pass
        return None

    fig.draw = draw
    try:
        yield fig
    finally:
        del fig.draw


def _font_key(prop) -> tuple:
    """What a ``FontProperties`` is (as its own ``__hash__`` sees it)."""
    return tuple(prop.__dict__.values())


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value


_local = threading.local()
"""Per thread: the font settings in force inside ``fonts_found_once``, else none."""
_installed: list = []
"""The look-ups kept, once installed (once per process; they pass straight through to
matplotlib's own outside ``fonts_found_once``)."""


@contextmanager
def fonts_found_once():
    """matplotlib's font look-ups and text measurements kept for the process, meanwhile."""
    import matplotlib

    if not _installed:
        _install()
    outer = getattr(_local, "settings", None)
    _local.settings = tuple(_hashable(matplotlib.rcParams[k]) for k in _FONT_SETTINGS)
    try:
        yield
    finally:
        _local.settings = outer


def _install() -> None:
    """Put the kept look-ups in front of matplotlib's (a lock: two threads may draw charts)."""
    from matplotlib import font_manager, text

    with _LOCK:
        if _installed:
            return
        manager = font_manager.fontManager
        find = manager._find_fonts_by_props
        measure = text._get_text_metrics_with_cache
        get_font = text.get_font
        font_properties = font_manager.FontProperties

        def find_once(prop, fontext="ttf", directory=None, fallback_to_default=True, **kwargs):
            settings = getattr(_local, "settings", None)
            if settings is None or type(prop) is not font_properties or directory or kwargs:
                return find(prop, fontext, directory, fallback_to_default, **kwargs)
            key = (settings, _font_key(prop), fontext, fallback_to_default)
            found = _found.get(key)
            if found is None:
                found = _found[key] = find(prop, fontext, directory, fallback_to_default)
            return list(found)

        def measure_once(renderer, s, fontprop, ismath, dpi):
            settings = getattr(_local, "settings", None)
            if settings is None:
                return measure(renderer, s, fontprop, ismath, dpi)
            kind = (type(renderer), getattr(renderer, "dpi", None))
            key = (settings, kind, s, _font_key(fontprop), ismath, dpi)
            size = _measured.get(key)
            if size is None:
                if len(_measured) > _MEASURED_MOST:
                    _measured.clear()
                size = _measured[key] = measure(renderer, s, fontprop, ismath, dpi)
            return size

        def tables_of(paths, *args, **kwargs):
            # Text._get_layout asks this font only for its tables (line gap, ascent, descent),
            # and reads them again for every text it lays out.
            settings = getattr(_local, "settings", None)
            if settings is None or args or kwargs:
                return get_font(paths, *args, **kwargs)
            key = (settings, tuple(paths) if isinstance(paths, list) else paths)
            tables = _tables.get(key)
            if tables is None:
                tables = _tables[key] = {}
            return _FontTables(tables, lambda: get_font(paths))

        manager._find_fonts_by_props = find_once
        text._get_text_metrics_with_cache = measure_once
        text.get_font = tables_of
        text.Text._get_layout = _layout_once(text.Text._get_layout)
        _installed.append((find, measure, get_font))


def _layout_once(layout):
    """``Text._get_layout`` answered from what was laid out before when nothing it depends on
    differs (it is in the text's own frame: where the text stands is added by its callers)."""
    from matplotlib.transforms import Bbox

    def layout_once(self, renderer):
        settings = getattr(_local, "settings", None)
        if settings is None or self.get_wrap() or self.get_usetex():
            return layout(self, renderer)
        key = (
            settings,
            type(renderer),
            getattr(renderer, "dpi", None),
            self.get_figure(root=True).dpi,
            self.get_text(),
            _font_key(self._fontproperties),
            self.get_parse_math(),
            self._linespacing,
            self._multialignment,
            self._horizontalalignment,
            self._verticalalignment,
            self.get_rotation(),
            self.get_rotation_mode(),
        )
        laid = _laid_out.get(key)
        if laid is None:
            if len(_laid_out) > _MEASURED_MOST:
                _laid_out.clear()
            laid = _laid_out[key] = layout(self, renderer)
        bbox, lines, corner = laid
        # A copy of the box: a caller may move it.
        return Bbox(bbox.get_points().copy()), list(lines), corner

    return layout_once


class _FontTables:
    """A font's ``get_sfnt_table`` answered from what was read before (the font is opened only
    for a table not read yet)."""

    def __init__(self, tables: dict, open_font) -> None:
        self._tables = tables
        self._open = open_font

    def get_sfnt_table(self, name: str):
        """The font's table ``name`` (a dict, or None when the font has none)."""
        if name not in self._tables:
            self._tables[name] = self._open().get_sfnt_table(name)
        return self._tables[name]
