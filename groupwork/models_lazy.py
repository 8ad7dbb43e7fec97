"""``groupwork.models`` imported when first used, not when the module naming it is imported.

Building the record classes (pydantic: ~30 ms of its own imports, ~55 ms of classes) was most
of what start-up did beyond the stack it stands on, and the home screen builds no record: it
reads the store's plain rows. The store's modules (and the TUI's formatting) therefore name
the models through ``models`` below, which imports ``groupwork.models`` the first time one of
its names is read (by the import system, so two threads wait for one import), then keeps each
name it handed out, so later reads cost what a module attribute costs.

``LazyMapping`` is the same for a module-level table keyed by record classes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import cached_property
from typing import Any, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class _LazyModels:
    """Stands for the module ``groupwork.models``: ``models.Group`` imports it first."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and doctest probe for dunders: not a record
            raise AttributeError(name)
        from groupwork import models as real

        value = getattr(real, name)
        setattr(self, name, value)  # next time an attribute of this object: no import call
        return value

    def __repr__(self) -> str:
        return "<groupwork.models, imported on first use>"


models: Any = _LazyModels()
"""Use as ``from groupwork.models_lazy import models as m``; then ``m.Group`` as before."""


class LazyMapping(Mapping[K, V]):
    """A read-only table built by ``build()`` the first time it is read."""

    def __init__(self, build: Callable[[], dict[K, V]]) -> None:
        self._build = build

    @cached_property
    def _data(self) -> dict[K, V]:
        return self._build()

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def get(self, key: K, default: Any = None) -> Any:
        """The value for ``key``, or ``default`` (one lookup: used per stored record)."""
        return self._data.get(key, default)

    def __repr__(self) -> str:
        return repr(self._data)
