"""Textual's ``Strip`` (one drawn line) with its seven small caches made when first used.

Textual 8 gives every ``Strip`` seven ``FIFOCache`` objects in its constructor, though most
strips are drawn once and never cropped, divided or styled again. A table's drawn lines are
kept (DataTable's line caches), so at agency scale the coordinator's task tab held ~2,700
strips and ~19,000 of those caches: a quarter of what the garbage collector walked in a full
pass while the member filter drew its page (20 ms on the UI thread). Textual's own
``Content`` already makes its divide cache on first use; this does the same for ``Strip``.

``install()`` is called once, before the app draws anything. It changes nothing a strip
computes: each cache is the same ``FIFOCache`` of the same size, made at its first lookup
(``__getattr__`` runs only for an attribute not yet set). It does nothing when the installed
Textual's ``Strip`` no longer has these slots (a later release that changed them).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.cache import FIFOCache
from textual.strip import Strip

CACHE_SIZES: dict[str, int] = {
    "_divide_cache": 4,
    "_crop_cache": 16,
    "_style_cache": 16,
    "_filter_cache": 4,
    "_line_length_cache": 4,
    "_crop_extend_cache": 4,
    "_offsets_cache": 4,
}
"""Each lazily made cache, with the size Textual 8's constructor gives it."""

_installed = False
TEXTUAL_INIT = Strip.__init__
"""Textual's own constructor (every cache made at once), kept to compare against."""


def _init(self: Strip, segments: Iterable, cell_length: int | None = None) -> None:
    # Textual's constructor without the caches (made by _cache_on_first_use).
    self._segments = list(segments)
    self._cell_length = cell_length
    self._render_cache = None
    self._link_ids = None
    self._cell_count = None


def _cache_on_first_use(self: Strip, name: str) -> FIFOCache:
    # Python calls this only when normal lookup fails: here, a cache slot not yet filled.
    size = CACHE_SIZES.get(name)
    if size is None:
        raise AttributeError(name)
    cache: FIFOCache = FIFOCache(size)
    setattr(self, name, cache)
    return cache


def fits(strip_class: type = Strip) -> bool:
    """Whether ``strip_class`` has exactly the slots this module knows how to fill."""
    slots = set(getattr(strip_class, "__slots__", ()))
    known = set(CACHE_SIZES) | {
        "_segments",
        "_cell_length",
        "_render_cache",
        "_link_ids",
        "_cell_count",
    }
    return slots == known and "__getattr__" not in vars(strip_class)


def install() -> bool:
    """Make ``Strip``'s caches on first use (once per process); False when Textual's
    ``Strip`` is not the one this module was written for, and nothing was changed."""
    global _installed
    if _installed:
        return True
    if not fits():
        return False
    Strip.__init__ = _init  # type: ignore[method-assign]
    Strip.__getattr__ = _cache_on_first_use  # type: ignore[attr-defined]
    _installed = True
    return True
