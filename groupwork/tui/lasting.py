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
"""

from __future__ import annotations

import gc
import time

REGROWTH = 60_000
"""Objects frozen since the last whole pass after which one is due (~7 MiB at agency scale)."""
IDLE_SECONDS = 2.0
"""How long without a key or a click before a due whole pass runs."""


class LastingObjects:
    """The app's freezes, and the whole pass that collects what died after being frozen."""

    def __init__(self) -> None:
        self.frozen_after_pass = gc.get_freeze_count()
        self.last_touched = time.monotonic()

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
