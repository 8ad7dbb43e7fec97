"""The app's freezes: what died after being frozen is collected by a whole pass, which waits
until the person pauses."""

import gc
import weakref

from groupwork.tui import lasting
from groupwork.tui.lasting import LastingObjects


class Node:
    """A screen's widgets in small: objects that refer to one another."""

    def __init__(self) -> None:
        self.me = self


def test_what_died_frozen_is_collected_once_due_and_the_person_pauses(monkeypatch):
    gc.unfreeze()
    try:
        keeper = LastingObjects()
        died_young = Node()
        young = weakref.ref(died_young)
        del died_young
        monkeypatch.setattr(lasting, "REGROWTH", 10**9)
        assert keeper.freeze() is False  # nothing due; what was not frozen is collected
        assert young() is None
        died_frozen = Node()
        frozen = weakref.ref(died_frozen)
        keeper.freeze()  # alive: frozen with the rest
        del died_frozen
        keeper.freeze()
        assert frozen() is not None  # out of the collector's reach until a whole pass
        monkeypatch.setattr(lasting, "REGROWTH", 0)
        assert keeper.pass_due()
        keeper.touched()  # a key just now: the pass waits
        assert keeper.idle_in() > 0 and keeper.whole_pass_if_idle() is False
        assert frozen() is not None
        keeper.last_touched -= lasting.IDLE_SECONDS
        assert keeper.whole_pass_if_idle() is True
        assert frozen() is None  # everything collected, then frozen again
        assert keeper.frozen_after_pass > 0 and not keeper.pass_due()
    finally:
        gc.unfreeze()
