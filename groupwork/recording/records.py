"""What the live recorder hands back and keeps: undo entries, live figures, pending writes.

Kept apart from ``recorder.py`` (the recorder itself) so each stays small.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final

from groupwork import analytics
from groupwork import models as m
from groupwork.errors import ConnectionLost, StorageError
from groupwork.i18n import _

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


StoreCall = Callable[[Any, m.Record], object]
"""How one record is written, given the store to write it with (the recorder's own, or the
writer thread's): ``store_call("record_turn")`` or a function of (store, record)."""


class store_call:  # noqa: N801 - used as a function: store_call("add")
    """The store's method ``method`` applied to the record, on whichever store writes it."""

    def __init__(self, method: str) -> None:
        self.method = method

    def __call__(self, store: Any, record: m.Record) -> object:
        return getattr(store, self.method)(record)


def retry_of(call: StoreCall) -> StoreCall:
    """How to write a record again after a failed try: an insert becomes an upsert, so a
    commit whose answer was lost (a server gone mid-commit) is never refused as a duplicate."""
    if isinstance(call, store_call) and call.method in ("add", "record_turn"):
        return store_call("save")
    return call


def delete_call(model: type[m.Record]) -> StoreCall:
    """Delete the record (an undo that reached the database first)."""
    return lambda store, record: store.delete(model, record.id)  # type: ignore[attr-defined]


def mark_attendance(store: Any, mark: m.Record) -> m.Attendance:
    """Store a roll-call mark by member (the store keeps the id a mark already has)."""
    assert isinstance(mark, m.Attendance)
    return store.record_attendance(mark.session_id, mark.member_id, mark.status, mark.reason)


def unmark_attendance(store: Any, mark: m.Record) -> None:
    """Remove a member's roll-call mark, whatever id the store gave it."""
    assert isinstance(mark, m.Attendance)
    for stored in store.attendance(mark.session_id):
        if stored.member_id == mark.member_id:
            store.delete(m.Attendance, stored.id)


class PendingWrites:
    """Records the recorder has shown but not yet stored, written in the order they were made:
    a turn never lands before the one it answers, and an undo never before what it undoes.

    Without a writer thread (the default) each record is written at once on the recorder's
    store; one the database cannot take yet (another writer held the lock, or the disk, the
    file) waits here and ``flush`` (the screen's timer, and before the session is left or
    closed) writes it later. With ``start_writer`` (the live recorder on a database file) every
    record is handed to one thread with its own connection, which commits it at once, in
    order, and keeps trying what the database will not take yet: the keypress never waits
    for another process's lock. Nothing is dropped until it is stored.

    With a ``journal`` (an agency database on a server), every record that had to wait is also
    written to a file on this computer, so a server that went away (``ConnectionLost``) loses
    nothing even if the app is closed before it comes back.
    """

    RETRY_SECONDS = 0.25
    """How long the writer thread waits before trying a refused write again."""

    def __init__(self, store: Any, journal: EventJournal | None = None) -> None:
        self._store = store
        self.journal = journal
        self._items: list[tuple[m.Record, StoreCall]] = []
        self._in_flight = False
        """True while the writer thread is writing ``_items[0]``."""
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self.writer_store: Any = None
        self._stopping = False
        self._on_change: Callable[[], None] | None = None
        self.server_away = False
        """True while records wait because the server cannot be reached (not a busy lock)."""
        self.last_error: StorageError | None = None
        """Why the last write failed (the screen tells the person: busy, or something worse);
        None again once everything waiting is stored."""

    def __len__(self) -> int:
        with self._cond:
            return len(self._items)

    def __contains__(self, record: object) -> bool:
        with self._cond:
            return any(r is record for r, _call in self._items)

    @property
    def records(self) -> list[m.Record]:
        """What waits, oldest first."""
        with self._cond:
            return [r for r, _call in self._items]

    @property
    def background(self) -> bool:
        """True while a writer thread stores the records (``start_writer``)."""
        return self._thread is not None

    @property
    def troubled(self) -> bool:
        """True while records wait because a write failed (not merely being written now)."""
        with self._cond:
            return bool(self._items) and self.last_error is not None

    def write(self, record: m.Record, call: StoreCall) -> bool:
        """Store ``record`` now, or keep it behind what already waits; True when stored.

        While records wait, a new one joins them without trying the lock: each key waits at
        most one busy timeout, and ``flush`` (run by the screen's timer) writes them in order.
        With a writer thread the record always joins the queue (False): the thread stores it.
        """
        if self.background:
            with self._cond:
                self._items.append((record, call))
                if self.journal is not None and self.last_error is not None:
                    self.journal.append(record)
                self._cond.notify_all()
            return False
        if self._items:
            self._keep(record, call)
            return False
        try:
            call(self._store, record)
        except StorageError as exc:  # busy, server away, or worse: kept, never lost
            self._failed(exc)
            self._keep(record, retry_of(call))
            return False
        return True

    def _failed(self, exc: StorageError) -> None:
        self.last_error = exc
        self.server_away = isinstance(exc, ConnectionLost)

    def _keep(self, record: m.Record, call: StoreCall) -> None:
        self._items.append((record, call))
        if self.journal is not None:
            self.journal.append(record)

    def changed(self, record: m.Record) -> None:
        """A waiting record changed (a timed turn got its duration): journal it again."""
        if self.journal is not None and record in self:
            self.journal.append(record)

    def flush(self, wait: float = 1.0) -> int:
        """Store what waits, oldest first, until the lock is busy again; how many were stored.
        With a writer thread: wait up to ``wait`` seconds for it to store everything."""
        if self.background:
            with self._cond:
                before = len(self._items)
                self._cond.wait_for(lambda: not self._items, timeout=wait)
                return before - len(self._items)
        stored = 0
        while self._items:
            record, call = self._items[0]
            try:
                call(self._store, record)
            except StorageError as exc:
                self._failed(exc)
                break
            self._items.pop(0)
            stored += 1
        if not self._items:
            self._all_stored(stored)
        return stored

    def _all_stored(self, stored: int) -> None:
        self.server_away = False
        self.last_error = None
        if stored and self.journal is not None:
            self.journal.clear()

    def drop(self, record: m.Record) -> bool:
        """Forget a waiting record (it was undone before it was stored); True when it will
        never be stored. False when it was stored already, or is being written right now
        (then the undo must follow it into the database)."""
        with self._cond:
            keep_first = self._in_flight
            head = self._items[:1] if keep_first else []
            rest = self._items[1:] if keep_first else self._items
            remaining = [(r, c) for r, c in rest if r is not record]
            if len(remaining) == len(rest):
                return False
            self._items = head + remaining
            if self.journal is not None and self.last_error is not None:
                self.journal.rewrite([r for r, _call in self._items])
            return not any(r is record for r, _call in head)

    # --- the writer thread ----------------------------------------------------------------

    def start_writer(self, store: Any, on_change: Callable[[], None] | None = None) -> None:
        """Store every record from now on in a thread of its own, on ``store`` (a second
        connection to the same database, used by that thread only). ``on_change`` is called
        (from that thread) when everything waiting is stored, and when a write failed."""
        self.writer_store = store
        self._on_change = on_change
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="recorder-writer", daemon=True)
        self._thread.start()

    def stop_writer(self, wait: float = 3.0) -> int:
        """Store what waits (up to ``wait`` seconds), stop the thread and close its store;
        how many records could not be stored (they stay, for ``flush`` on the recorder's
        own store)."""
        thread = self._thread
        if thread is None:
            return len(self)
        self.flush(wait)
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        thread.join(timeout=wait)
        if not thread.is_alive():
            self._thread = None
            self.writer_store.close()
        return len(self)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._items or self._stopping)
                if not self._items or (self._stopping and self.last_error is not None):
                    return
                record, call = self._items[0]
                self._in_flight = True
            try:
                call(self.writer_store, record)
            except Exception as raised:  # noqa: BLE001 - the thread must outlive any failure
                # Anything else (a session deleted by another window, a bug) must not end the
                # thread: every later turn would wait behind a dead writer. It is kept and told
                # like a storage failure, and tried again.
                exc = (
                    raised
                    if isinstance(raised, StorageError)
                    else StorageError(
                        _("This event could not be saved yet: {why}").format(why=raised)
                    )
                )
                with self._cond:
                    self._in_flight = False
                    first = self.last_error is None
                    self._failed(exc)
                    self._items[0] = (record, retry_of(call))
                    if first and self.journal is not None:
                        self.journal.rewrite([r for r, _call in self._items])
                    self._cond.notify_all()
                self._changed()
                with self._cond:  # try again soon; a stop ends the wait
                    self._cond.wait_for(lambda: self._stopping, timeout=self.RETRY_SECONDS)
                continue
            with self._cond:
                self._in_flight = False
                self._items.pop(0)
                done = not self._items
                if done:
                    self._all_stored(1)
                self._cond.notify_all()
            if done:
                self._changed()

    def _changed(self) -> None:
        if self._on_change is not None:
            self._on_change()
