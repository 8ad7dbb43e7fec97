"""The store's queries for the course of sessions: stable member keys, rating scales and
ratings, and the connection settings of the live recorder.

A mixin of ``Store`` (kept apart so ``store.py`` stays small); the SQL stays in the store.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from groupwork.models_lazy import models as m
from groupwork.store.database import BUSY_TIMEOUT_MS, waiting_at_most
from groupwork.store.wal import AUTOCHECKPOINT_PAGES, BackgroundCheckpointer

RECORDER_BUSY_TIMEOUT_MS = 50
"""How long a recorder write waits for another writer's lock before the event is kept pending
(the person sees it marked as not yet saved; it is written as soon as the lock is free)."""


class RecordingQueries:
    """Store methods for sessions as they happen (mixed into ``Store``)."""

    # --- stable member keys ---------------------------------------------------------

    def member_key_slots(self, group_id: str) -> dict[str, int]:
        """Each member's key slot (0 is the first key), for members who were given one."""
        rows = self.db.execute(
            "select member_id, slot from member_keys where group_id = ?", [group_id]
        ).fetchall()
        return {member_id: slot for member_id, slot in rows}

    def assign_member_key_slots(self, group_id: str, member_ids: list[str]) -> dict[str, int]:
        """Give each of ``member_ids`` without a slot the lowest free one, in the order given.

        Slots are never taken back or renumbered: a member who withdraws keeps theirs.
        Returns every slot of the group.
        """
        with self._atomic():
            slots = self.member_key_slots(group_id)
            used = set(slots.values())
            free = (slot for slot in range(10_000) if slot not in used)
            new = [
                {"member_id": member_id, "group_id": group_id, "slot": next(free)}
                for member_id in member_ids
                if member_id not in slots
            ]
            if new:
                self._write(self.db["member_keys"].insert_all, new)
                slots.update({row["member_id"]: row["slot"] for row in new})
        return slots

    # --- nudges -----------------------------------------------------------------------

    def nudges_shown(self, session_id: str) -> list[m.NudgeShown]:
        """The nudges the recorder showed in one session (and its mutes), in time order."""
        return self._find(m.NudgeShown, "session_id = ?", [session_id], order_by="at, rowid")

    def group_nudges_shown(self, group_id: str) -> list[m.NudgeShown]:
        """The nudges shown in every session of the group (and its mutes), in time order."""
        return self._find(
            m.NudgeShown,
            "session_id in (select id from sessions where group_id = ?)",
            [group_id],
            order_by="at, rowid",
        )

    def nudge_settings(self, group_id: str) -> m.NudgeSettings | None:
        """The group's own thresholds for the nudges, or None (the stage's defaults)."""
        found = self._find(m.NudgeSettings, "group_id = ?", [group_id], order_by="rowid")
        return found[0] if found else None

    # --- rating scales and ratings --------------------------------------------------

    def rating_scale(self, group_id: str) -> m.RatingScale | None:
        """The scale the group rates sessions on (its first), or None when it has none."""
        found = self.rating_scales(group_id)
        return found[0] if found else None

    def ratings(self, session_id: str) -> list[m.Rating]:
        """The ratings given in one session."""
        return self._find(m.Rating, "session_id = ?", [session_id], order_by="rowid")

    def replace_ratings(self, session_id: str, ratings: list[m.Rating]) -> list[m.Rating]:
        """Store a session's ratings in one transaction, replacing what a member had on a scale."""
        with self._atomic():
            for rating in ratings:
                self._write(
                    self.db["ratings"].delete_where,
                    "session_id = ? and member_id = ? and scale_id = ?",
                    [session_id, rating.member_id, rating.scale_id],
                )
                self.add(rating)
        return ratings

    # --- the live recorder's connection ---------------------------------------------

    def start_live_recording(self) -> BackgroundCheckpointer | None:
        """Set the connection up for the live recorder (see ``groupwork.store.wal``).

        Turns this connection's automatic checkpoint off, starts a background checkpointer
        and shortens the busy timeout so a write waits at most ``RECORDER_BUSY_TIMEOUT_MS``.
        Returns the checkpointer (None for an in-memory store); ``stop_live_recording``
        undoes it all.
        """
        conn = self.db.conn
        conn.execute(f"PRAGMA busy_timeout = {RECORDER_BUSY_TIMEOUT_MS}")
        if self.path is None:
            return None
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        return BackgroundCheckpointer(self.path, self._passphrase).start()

    def live_writer(self):
        """A second store on the same file for the recorder's writer thread (its own
        connection: a commit waiting for another process's lock there never holds this
        connection), or None for an in-memory store (it has no second connection)."""
        if self.path is None:  # in memory, or a server (PostgreSQL commits per key)
            return None
        writer = self.worker_reader()
        writer.db.conn.execute(f"PRAGMA busy_timeout = {RECORDER_BUSY_TIMEOUT_MS}")
        # The recorder's background checkpointer copies the WAL; no checkpoint in a commit.
        writer.db.conn.execute("PRAGMA wal_autocheckpoint = 0")
        return writer

    @contextmanager
    def waiting_briefly(self) -> Iterator[None]:
        """Writes in the block wait at most ``RECORDER_BUSY_TIMEOUT_MS`` for another process's
        write lock, then raise ``DatabaseBusy`` (a screen tries once without freezing, then
        waits in a worker). A server database has no file lock: nothing changes there."""
        if self.db is None:
            yield
            return
        with waiting_at_most(self.db.conn, RECORDER_BUSY_TIMEOUT_MS):
            yield

    def stop_live_recording(self, checkpointer: BackgroundCheckpointer | None) -> None:
        """Back to ordinary settings after recording."""
        conn = self.db.conn
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if checkpointer is not None:
            checkpointer.stop()
            conn.execute(f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}")

    def wal_autocheckpoint_pages(self) -> int:
        """This connection's automatic checkpoint threshold (0: off)."""
        return int(self.db.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
