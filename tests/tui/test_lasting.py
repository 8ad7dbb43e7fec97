"""The app's freezes: what died after being frozen is collected once enough was frozen since."""

import gc
import weakref

from groupwork.tui import lasting
from groupwork.tui.lasting import LastingObjects


class Node:
    """A screen's widgets in small: objects that refer to one another."""

    def __init__(self) -> None:
        self.me = self


def test_a_freeze_collects_what_died_since_and_now_and_then_what_died_frozen(monkeypatch):
    gc.unfreeze()
    try:
        keeper = LastingObjects()
        died_young = Node()
        young = weakref.ref(died_young)
        del died_young
        keeper.freeze()  # what is not frozen yet is collected first
        assert young() is None
        died_frozen = Node()
        frozen = weakref.ref(died_frozen)
        keeper.freeze()  # alive: frozen with the rest
        del died_frozen
        monkeypatch.setattr(lasting, "REGROWTH", 10**9)
        keeper.freeze()
        assert frozen() is not None  # out of the collector's reach until a whole pass
        monkeypatch.setattr(lasting, "REGROWTH", 0)
        keeper.freeze()
        assert frozen() is None  # enough frozen since: everything collected, then frozen
        assert keeper.frozen_after_pass == gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
