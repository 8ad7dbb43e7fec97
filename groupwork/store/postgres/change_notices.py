"""The agency server's change mark: notices of written groups, sessions and tasks, counted.

Migration p092 has the server send an empty notice on ``CHANNEL`` after every statement that
writes one of those tables, whoever writes it. The store listens on its connection and counts
the notices its connection has been sent. Counting reads only what already reached this
computer (no round trip), so home, back from another screen, learns without asking the server
whether it has anything new to show (``Repository.change_mark``).

Why a count can be trusted: a notice is sent when the writing transaction commits, to every
connection listening by then. Home takes the mark before it reads; a write committed after
that read began sends its notice after the mark was taken, so the next mark differs. A write
the read already saw may also change the next mark: home then reads once more, which is safe.
Where the count cannot be trusted the mark is None and home reads every time: the server's
triggers missing or disabled, the connection lost (a new connection listens afresh and its
marks never equal the old one's).

Which groups changed (``home_changes_since``, migration p093): when every notice since home's
last read came from this connection itself, the groups its own writes changed are in its
session setting ``groupwork.home_changes`` (triggers list them; nobody else can see or set
it); home reads that list, emptying it, and then only those groups' rows. A notice from any
other connection (another login, another window, the recorder's own writer) means writes it
cannot list: home reads everything, as before.
"""

from __future__ import annotations

import itertools
from typing import Any

CHANNEL = "groupwork_changed"
"""The channel p092's triggers notify (the notice's text is empty)."""
TRIGGERS = ("groups_changed", "sessions_changed", "tasks_changed")
"""p092's statement triggers, one on each table home lists."""
HOME_TRIGGERS = tuple(
    f"{table}_home_{when}"
    for table in ("groups", "sessions", "tasks")
    for when in ("insert_delete", "update", "truncate")
)
"""p093's triggers, which list the groups this connection's writes changed."""
SETTING = "groupwork.home_changes"
"""The session setting p093's triggers list them in (comma separated; "*": everything)."""


_LISTEN_AND_CHECK = (
    f"listen {CHANNEL}; "
    "select count(*) filter (where t.tgname in ("
    + ", ".join(f"'{name}'" for name in TRIGGERS)
    + ")), count(*) filter (where t.tgname in ("
    + ", ".join(f"'{name}'" for name in HOME_TRIGGERS)
    + ")) from pg_catalog.pg_trigger t"
    " join pg_catalog.pg_class c on c.oid = t.tgrelid"
    " join pg_catalog.pg_namespace s on s.oid = c.relnamespace"
    " where s.nspname = 'public' and t.tgenabled in ('O', 'A')"
).encode()
"""Listening, then how many of ``TRIGGERS`` and of ``HOME_TRIGGERS`` are there and enabled
(one simple query)."""
_READ_AND_EMPTY = (
    f"select pg_catalog.current_setting('{SETTING}', true),"
    f" pg_catalog.set_config('{SETTING}', '', false)"
).encode()
"""The groups listed since the last read, and the list emptied (one statement, one round trip)."""

_listenings = itertools.count(1)


class _Listening:
    """One connection listening on ``CHANNEL``, and how many notices it has been sent."""

    __slots__ = ("conn", "number", "notices", "pid", "foreign", "lists_groups")

    def __init__(self, conn: Any, lists_groups: bool) -> None:
        self.conn = conn
        self.pid = conn.info.backend_pid
        """The server process of this connection: the notices its own writes send carry it."""
        self.foreign = 0
        """Notices sent by any other connection (writes this connection's list cannot hold)."""
        self.lists_groups = lists_groups
        """Whether p093's triggers are there and enabled (``home_changes_since`` can answer)."""
        # Numbered, not told apart by ``id()``: a later listening could be given a dead one's
        # address, and with it a mark equal to one taken before.
        self.number = next(_listenings)
        self.notices = 0

    def heard(self, pid: int) -> None:
        """Count a notice sent by the server process ``pid``."""
        self.notices += 1
        if pid != self.pid:
            self.foreign += 1


class PgChangeNotices:
    """``change_mark`` for ``PgStore`` (its ``_conn`` is the connection home reads through)."""

    _conn: Any
    _listening: _Listening | None = None
    """The connection listening now (None before the first mark, or when it cannot listen)."""
    _cannot_listen: Any = None
    """The connection found without p092's triggers: no mark while it is the store's."""

    def change_mark(self) -> tuple[int, int] | None:
        """A value that differs once a group, session or task was written since it was taken,
        by any login (the count of notices this connection has been sent, with the
        connection's number); None when this server cannot tell (then read again)."""
        conn = self._conn
        if conn.closed or conn.broken or conn is self._cannot_listen:
            return None
        listening = self._listening
        try:
            if listening is None or listening.conn is not conn:
                listening = self._listen(conn)
                if listening is None:
                    return None
            with conn.lock:
                # What has reached this computer, without waiting: libpq's socket never blocks.
                # Read twice: a server that ended the connection sent its farewell, then
                # closed; the first read takes the farewell, only the second meets the close.
                pgconn = conn.pgconn
                for _read in range(2):
                    pgconn.consume_input()
                    while (notice := pgconn.notifies()) is not None:
                        listening.heard(notice.be_pid)
        except Exception:  # the connection failed: the next query says so (and reconnects)
            self._listening = None
            return None
        return listening.number, listening.notices

    def home_changes_since(self, seen: object | None) -> tuple[object, frozenset[str]] | None:
        """The groups this connection's own writes changed since ``seen`` (a value this method
        returned; None: only that value, no round trip), with the value to give next time.

        None (read everything) when a notice came from another connection since ``seen``, the
        connection is another, p093's triggers are missing, or a transaction is open (its
        list may yet be rolled back)."""
        conn = self._conn
        listening = self._listening
        if listening is None or listening.conn is not conn or not listening.lists_groups:
            return None
        now = (listening.number, listening.foreign)
        if seen is None:
            # The list is not emptied here: what it holds from before is read again at the
            # next return, which is safe (a group's row read twice), and saves a round trip.
            return now, frozenset()
        if seen != now:
            return None
        from psycopg import pq

        try:
            with conn.lock:
                pgconn = conn.pgconn
                if pgconn.transaction_status != pq.TransactionStatus.IDLE:
                    return None
                found = pgconn.exec_(_READ_AND_EMPTY)
                if found.status != pq.ExecStatus.TUPLES_OK:
                    return None
                listed = found.get_value(0, 0) or b""
        except Exception:  # the connection failed: the full read says so (and reconnects)
            return None
        return now, frozenset(filter(None, listed.decode().split(",")))

    def _listen(self, conn: Any) -> _Listening | None:
        """Start listening on ``conn`` if the server notifies (p092's three triggers there and
        enabled); None otherwise. Notices a query meets are counted from here on.

        One round trip (the first mark comes before home's first read at start-up): the
        LISTEN and the triggers' check in one simple query; a server without the triggers
        is told to stop listening again."""
        from psycopg import pq

        with conn.lock:
            # Only between transactions: a LISTEN sent inside one that another thread has
            # open (a worker's import) would end with it if it rolled back, and the mark
            # would then trust a silence. The lock keeps any other statement out meanwhile.
            pgconn = conn.pgconn
            if pgconn.transaction_status != pq.TransactionStatus.IDLE:
                return None  # read this time; listen at the next mark
            found = pgconn.exec_(_LISTEN_AND_CHECK)
            if found.status != pq.ExecStatus.TUPLES_OK:
                return None
            if int(found.get_value(0, 0)) != len(TRIGGERS):
                pgconn.exec_(f"unlisten {CHANNEL}".encode())
                self._cannot_listen = conn
                return None
            lists_groups = int(found.get_value(0, 1)) == len(HOME_TRIGGERS)
        listening = _Listening(conn, lists_groups)

        def counted(notice: Any) -> None:
            listening.heard(notice.pid)

        # Notices that arrive while a query runs are handed to this handler by psycopg (and
        # not kept: a backlog would grow with every write while home is not shown).
        conn.add_notify_handler(counted)
        self._listening = listening
        return listening
