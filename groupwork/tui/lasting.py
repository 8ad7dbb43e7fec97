"""What lives as long as the app, kept out of the garbage collector's full passes.

``gc.freeze()`` moves every object alive at that moment out of the collector's reach, so a
full pass no longer walks the modules, the app and an agency's 2,000 rows (~200 ms on the UI
thread while rows were added). But an object frozen while alive stays out of reach after it
dies: a screen popped or a list replaced after a freeze is never collected if its objects
refer to one another. Home froze on every reload, so each trip to a dashboard and back kept
~26,000 objects for good (RSS 77 -> 105 MiB over ten trips at agency scale).

So each freeze first collects what is not frozen yet (~10 ms: only what was made since the
last one), and once ``REGROWTH`` more objects have been frozen, everything is unfrozen and
collected in one whole pass (~100-150 ms at agency scale) when the person has not touched a
key or the mouse for ``IDLE_SECONDS``: a key pressed in the middle of a screen's work never
waits for it.

While the live recorder is open (``hold_full_passes``), the collector makes no full pass of its
own while the person types: one runs when they have not pressed a key for a second.
"""

from __future__ import annotations

import gc
import time

REGROWTH = 60_000
"""Objects frozen since the last whole pass after which one is due (~7 MiB at agency scale)."""
IDLE_SECONDS = 2.0
"""How long without a key or a click before a due whole pass runs."""
HELD_FULL_PASS_THRESHOLD = 100
"""The collector's third threshold while full passes are held (``hold_full_passes``): a full
pass of its own after 100 middle passes instead of 10 (~200 recorder keys without a pause)."""
PAUSE_SECONDS = 1.0
"""While full passes are held, one that is due runs once the person paused this long."""


class LastingObjects:
    """The app's freezes, and the whole pass that collects what died after being frozen."""

    def __init__(self) -> None:
        self.frozen_after_pass = gc.get_freeze_count()
        self.last_touched = time.monotonic()
        self.held_thresholds: tuple[int, int, int] | None = None
        """The collector's thresholds before ``hold_full_passes``, while held."""

    def touched(self) -> None:
        """The person pressed a key or clicked: a whole pass waits until they pause."""
        self.last_touched = time.monotonic()

    def freeze(self) -> bool:
        """Freeze what is alive now, after collecting what is not frozen yet; True when a
        whole pass is due (run ``whole_pass_if_idle`` until it returns True)."""
        gc.collect()
        gc.freeze()
        return self.pass_due()

    def pass_due(self) -> bool:
        """Whether enough has been frozen since the last whole pass to need another."""
        return gc.get_freeze_count() - self.frozen_after_pass > REGROWTH

    def idle_in(self) -> float:
        """Seconds until the person will have been idle for ``IDLE_SECONDS`` (0: now)."""
        return max(0.0, self.last_touched + IDLE_SECONDS - time.monotonic())

    def whole_pass_if_idle(self) -> bool:
        """Unfreeze, collect everything and freeze again, if the person is idle (or no pass
        is due any more); False when it must be tried again later (``idle_in``)."""
        if not self.pass_due():
            return True
        if self.idle_in() > 0:
            return False
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.frozen_after_pass = gc.get_freeze_count()
        return True

    def hold_full_passes(self) -> None:
        """No full pass while a person types without pausing (the live recorder): until
        ``release_full_passes``, only the young generations are collected.

        A full pass walks everything made since the last freeze: while recording, every frame's
        caches and each turn's objects; 6-30 ms of CPU on the UI thread each, and up to 170 ms
        of wall time when the machine is busy (a key waits behind it). What those passes free
        (cyclic garbage that outlived two young passes, ~80 objects a key) waits for a pause
        (``full_pass_if_paused``), or for the collector's own pass after ten times as long.
        """
        if self.held_thresholds is None:
            self.held_thresholds = gc.get_threshold()
            young, middle, _full = self.held_thresholds
            gc.set_threshold(young, middle, HELD_FULL_PASS_THRESHOLD)

    def full_pass_if_paused(self) -> bool:
        """While held, the full pass the collector would have run by now, once the person has
        not pressed a key for ``PAUSE_SECONDS`` (the recorder's one-second timer asks): it walks
        only what was made since the recorder opened (~10 ms). True when it ran."""
        if self.held_thresholds is None or gc.get_count()[2] < self.held_thresholds[2]:
            return False
        if time.monotonic() - self.last_touched < PAUSE_SECONDS:
            return False
        gc.collect()
        return True

    def release_full_passes(self) -> None:
        """The collector's thresholds as before ``hold_full_passes`` (the next full pass comes
        as it would have, collecting what waited)."""
        if self.held_thresholds is not None:
            gc.set_threshold(*self.held_thresholds)
            self.held_thresholds = None
