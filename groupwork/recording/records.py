"""What the live recorder hands back and keeps: undo entries, live figures, pending writes.

Kept apart from ``recorder.py`` (the recorder itself) so each stays small.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from groupwork import analytics
from groupwork import models as m
from groupwork.errors import ConnectionLost, StorageError

if TYPE_CHECKING:
    from groupwork.store.journal import EventJournal


class _Auto:
    """Marker: infer whom a turn responds to (see ``SessionRecorder.log_turn``)."""

    def __repr__(self) -> str:
        return "AUTO"


AUTO: Final = _Auto()
"""Pass as ``responds_to`` to let the recorder infer the response (the default)."""


class UndoneKind(StrEnum):
    """What kind of record an undo took back."""

    TURN = "turn"
    MARK = "mark"
    ATTENDANCE = "attendance"
    QUESTION = "question"
    THEME = "theme"
    TASK = "task"


@dataclass(frozen=True)
class Undone:
    """What ``SessionRecorder.undo`` took back, for the screen to say."""

    kind: UndoneKind
    record: object
    """The removed record (a turn, mark, task), the restored attendance mark (or the removed
    one when there was none before), or the removed question/theme text."""


@dataclass(frozen=True)
class LiveStats:
    """The live figures: each member's share against the average, and the facilitator's."""

    shares: list[analytics.ShareOfTurns]
    facilitator_share: float | None
    member_turns: int
    facilitator_turns: int
    timed_actor: str | None
    """The actor whose turn is being timed now, if any."""


@dataclass
class UndoEntry:
    """One step the recorder can take back."""

    kind: UndoneKind
    record: object
    previous: object = None


class PendingWrites:
    """Records the recorder has shown but could not yet store (another writer held the lock,
    or the database could not be written at all: the disk, the file).

    They are written in the order they were made, before anything newer: a turn never lands
    before the one it answers. ``flush`` is called by the screen's
    timer, and before the session is left or closed; nothing is dropped until it is stored.

    With a ``journal`` (an agency database on a server), every waiting record is also written
    to a file on this computer before the keypress returns, so a server that went away
    (``ConnectionLost``) loses nothing even if the app is closed before it comes back.
    """

    def __init__(
        self, save: Callable[[m.Record], object], journal: EventJournal | None = None
    ) -> None:
        self._save = save
        self.journal = journal
        self.records: list[m.Record] = []
        self.server_away = False
        """True while records wait because the server cannot be reached (not a busy lock)."""
        self.last_error: StorageError | None = None
        """Why the last write failed (the screen tells the person: busy, or something worse)."""

    def __len__(self) -> int:
        return len(self.records)

    def __contains__(self, record: object) -> bool:
        return any(r is record for r in self.records)

    def write(self, record: m.Record, store_now: Callable[[m.Record], object]) -> bool:
        """Store ``record`` now, or keep it behind what already waits; True when stored.

        While records wait, a new one joins them without trying the lock: each key waits at
        most one busy timeout, and ``flush`` (run by the screen's timer) writes them in order.
        """
        if self.records:
            self._keep(record)
            return False
        try:
            store_now(record)
        except StorageError as exc:  # busy, server away, or worse: kept, never lost
            self.last_error = exc
            self.server_away = isinstance(exc, ConnectionLost)
            self._keep(record)
            return False
        return True

    def _keep(self, record: m.Record) -> None:
        self.records.append(record)
        if self.journal is not None:
            self.journal.append(record)

    def changed(self, record: m.Record) -> None:
        """A waiting record changed (a timed turn got its duration): journal it again."""
        if self.journal is not None and record in self:
            self.journal.append(record)

    def flush(self) -> int:
        """Store what waits, oldest first, until the lock is busy again; how many were stored."""
        stored = 0
        while self.records:
            try:
                self._save(self.records[0])
            except StorageError as exc:
                self.last_error = exc
                self.server_away = isinstance(exc, ConnectionLost)
                break
            self.records.pop(0)
            stored += 1
        if not self.records:
            self.server_away = False
            if stored and self.journal is not None:
                self.journal.clear()
        return stored

    def drop(self, record: m.Record) -> bool:
        """Forget a waiting record (it was undone before it was stored); True if it waited."""
        for index, waiting in enumerate(self.records):
            if waiting is record:
                del self.records[index]
                if self.journal is not None:
                    self.journal.rewrite(self.records)
                return True
        return False
