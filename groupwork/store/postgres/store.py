"""``PgStore``: the ``Repository`` on PostgreSQL (psycopg 3), for an agency's shared database.

It is the SQLite ``Store`` with its storage primitives replaced: every intent-named read builds
its query from a ``where``/``order_by`` fragment in the SQL both engines share, and those reach
the server through ``_find`` and ``_count`` here, which turn ``?`` into psycopg's ``%s`` and
``rowid`` into this schema's ``_seq``. So a query added to the SQLite store works here unchanged
(the store tests run on both engines); rows go through ``store/converters.py`` on both. Every
write runs in its own transaction (or the caller's ``transaction()``), committed before the
method returns. A write refused by row-level security raises ``NotYoursError``; a dropped
connection raises ``StorageError`` and nothing is acknowledged."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from groupwork import models as m
from groupwork.errors import (
    ConnectionLost,
    GroupworkError,
    NotFoundError,
    NotYoursError,
    StorageError,
)
from groupwork.i18n import _
from groupwork.store.converters import from_row, table_name, to_row
from groupwork.store.journal import EventJournal, journal_path
from groupwork.store.postgres.agency import (
    add_user,
    apply_access_rules,
    is_agency_database,
    read_through_views,
    remove_facilitator,
)
from groupwork.store.postgres.agency_groups import AgencyGroups
from groupwork.store.postgres.audit_chain_pg import PgAuditChain
from groupwork.store.postgres.change_notices import PgChangeNotices
from groupwork.store.postgres.connection import (
    RECONNECT_TIMEOUT_SECONDS,
    connect,
    describe_location,
)
from groupwork.store.postgres.coordinator_login import CoordinatorWrites, with_stand_ins
from groupwork.store.postgres.dialect import quoted, to_postgres, to_postgres_params
from groupwork.store.postgres.drafts import PgFormDrafts
from groupwork.store.postgres.hardening import as_owner
from groupwork.store.postgres.query_plans import PgQueryPlans
from groupwork.store.postgres.schema import apply_migrations
from groupwork.store.postgres.server_errors import _errors, _server_away_message
from groupwork.store.postgres.sync_log import PgSyncLog
from groupwork.store.postgres.worker_reader import PgWorkerReader
from groupwork.store.store import Store
from groupwork.store.text_check import refuse_unstorable

ModelT = TypeVar("ModelT", bound=m.Record)
_DURABILITY = ("fsync", "synchronous_commit")


class PgStore(
    PgChangeNotices,
    PgAuditChain,
    CoordinatorWrites,
    AgencyGroups,
    PgWorkerReader,
    PgQueryPlans,
    Store,
):
    """groupwork's data in a PostgreSQL database: the second implementation of ``Repository``."""

    def __init__(self, conn: Any, location: str) -> None:
        # No sqlite-utils database: anything still reaching for ``db`` fails loudly.
        self.db = None  # type: ignore[assignment]
        self._conn = conn
        self.location = location
        self.path = None
        self._passphrase = None
        info = conn.info
        # Kept from the first connection: the journal's name must not change on reconnect.
        self._sync_key = f"{info.user}@{info.host}:{info.port}/{info.dbname}"
        self.replayed = 0
        """Events a journal left by an earlier run held, written to the server on open."""
        self.views_only = False
        """True for a coordinator login: it reads the coordinator views (see agency.py)."""
        self.journal_problem = ""
        """Why a journal left by an earlier run could not be sent (it is kept), if so."""

    @property
    def conn(self) -> Any:
        """The connection, opened again when the server dropped it (``ConnectionLost`` while
        it cannot be reached: the recorder keeps its events until then)."""
        conn = self._conn
        if conn.closed or conn.broken:
            try:
                conn = connect(self.location, timeout=RECONNECT_TIMEOUT_SECONDS)
            except StorageError as exc:
                raise ConnectionLost(_server_away_message(exc.message)) from exc
            read_through_views(conn)
            self._conn = conn
        return conn

    @classmethod
    def open(cls, path: Any, passphrase: str | None = None) -> PgStore:  # type: ignore[override]
        """Connect to the database at ``path`` (a URL or connection string) and migrate it.

        ``passphrase`` is SQLite's and is ignored: the server's logins guard the data.
        """
        location = str(path)
        conn = connect(location)
        try:
            with _errors(), as_owner(conn):
                if apply_migrations(conn) and is_agency_database(conn):
                    # New tables or columns get the agency's access rules at once.
                    apply_access_rules(conn)
            with _errors():
                views_only = read_through_views(conn)
        except BaseException:
            conn.close()
            raise
        store = cls(conn, location)
        store.views_only = views_only
        store._replay_journal()
        return store

    def _replay_journal(self) -> None:
        """Send events a recording kept on this computer while this server was away (a
        journal left by an earlier run); a refusal keeps the journal and says why."""
        journal = self.event_journal()
        if not journal.path.exists():
            return
        try:
            self.replayed = journal.replay(self.save)
        except GroupworkError as exc:
            self.journal_problem = _(
                "{count} events recorded while the agency database could not be reached are "
                "kept on this computer ({path}) and could not be sent yet: {error}"
            ).format(count=len(journal), path=journal.path, error=exc.message)

    @classmethod
    def memory(cls) -> PgStore:
        """Not for a server database (SQLite's in-memory store only)."""
        raise NotImplementedError("PgStore has no in-memory form")

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    @property
    def sync_key(self) -> str:
        """Which server, database and login a laptop syncs with (``push``/``pull`` keep their
        base per key, so another login on the same laptop never inherits someone's base)."""
        return self._sync_key

    def event_journal(self) -> EventJournal:
        """The journal on this computer for live events this server has not taken yet."""
        return EventJournal(journal_path(self.sync_key))

    def __repr__(self) -> str:
        return f"PgStore({describe_location(self.location)!r})"

    # --- transactions and errors --------------------------------------------------------

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        """One transaction, committed when the block ends (nested use is a savepoint)."""
        with _errors(), self.conn.transaction():
            yield

    def _write(self, fn, *args: Any, **kwargs: Any) -> Any:
        with _errors():
            return fn(*args, **kwargs)

    def _run(self, sql: str, params: Iterable[Any] | None = None) -> Any:
        """Execute ``sql`` (psycopg placeholders) with errors in the person's words."""
        if isinstance(params, dict):
            raise TypeError("PgStore queries take positional parameters")
        params = list(params) if params is not None else []
        refuse_unstorable(params)
        with _errors():
            return self.conn.execute(sql, params)

    # --- generic record access ------------------------------------------------------------

    def add(self, record: ModelT) -> ModelT:
        """Insert a new record (its id must be new). Returns it."""
        self._put(record, upsert=False)
        return record

    def save(self, record: ModelT) -> ModelT:
        """Insert or update a record by id. Returns it."""
        self._put(record, upsert=True)
        return record

    def _put(self, record: m.Record, *, upsert: bool) -> None:
        # Update, else insert (ON CONFLICT would check the row under row-level security before
        # the trigger that makes a new group its creator's has run).
        row = to_row(record)
        table = quoted(table_name(type(record)))
        if self.views_only:
            self._put_through_views(record, row, table)
            return
        with self._atomic():
            updated = 0
            if upsert:
                sets = ", ".join(f"{quoted(n)} = %s" for n in row if n != "id")
                values = [v for n, v in row.items() if n != "id"]
                updated = self._run(
                    f"update {table} set {sets} where id = %s", [*values, record.id]
                ).rowcount
            if not updated:
                self._run(
                    f"insert into {table} ({', '.join(map(quoted, row))}) "
                    f"values ({', '.join(['%s'] * len(row))})",
                    row.values(),
                )
            self._after_write(record)

    def _after_write(self, record: m.Record) -> None:
        self.share_titles(record)
        if isinstance(record, m.Task):
            self._run("delete from task_assignees where task_id = %s", [record.id])
            for position, assignee in enumerate(record.assignee_ids):
                self._run(
                    "insert into task_assignees (task_id, assignee_id, position) "
                    "values (%s, %s, %s)",
                    [record.id, assignee, position],
                )

    def get(self, model_cls: type[ModelT], record_id: str) -> ModelT:
        """The record with ``record_id``, or ``NotFoundError``."""
        found = self._find(model_cls, "id = ?", [record_id], limit=1)
        if not found:
            raise NotFoundError(_("No such record: {id}").format(id=record_id))
        return found[0]

    def _find(
        self,
        model_cls: type[ModelT],
        where: str | None = None,
        params: Iterable[Any] | None = None,
        order_by: str | None = None,
        limit: int | None = None,
    ) -> list[ModelT]:
        """Records of ``model_cls`` matching a ``where`` fragment (see the module docstring)."""
        sql = f"select * from {quoted(table_name(model_cls))}"
        if where:
            sql += f" where {to_postgres(where)}"
        # Ties fall back to the order written, as SQLite's table scans return them.
        sql += f" order by {to_postgres(order_by) + ', ' if order_by else ''}_seq"
        if limit is not None:
            sql += f" limit {int(limit)}"
        rows = self._run(sql, params).fetchall()
        for row in rows:
            del row["_seq"]
        return self._hydrate(model_cls, rows)

    find = _find

    def _hydrate(self, model_cls: type[ModelT], rows: list[dict]) -> list[ModelT]:
        if model_cls is m.Task and rows:
            assignees: dict[str, list[str]] = {r["id"]: [] for r in rows}
            for row in self._run(
                "select task_id, assignee_id from task_assignees "
                "where task_id = any(%s) order by task_id, position",
                [list(assignees)],
            ):
                assignees[row["task_id"]].append(row["assignee_id"])
            return [from_row(model_cls, r, assignee_ids=assignees[r["id"]]) for r in rows]
        rows = with_stand_ins(model_cls, rows)
        return [from_row(model_cls, r) for r in rows]

    def delete(self, model_cls: type[m.Record], record_id: str) -> None:
        """Delete one record by id."""
        with self._atomic():
            if model_cls is m.Task:
                self._run("delete from task_assignees where task_id = %s", [record_id])
            if model_cls is m.Session:  # a session left empty goes with the nudges it showed
                self._run("delete from nudges_shown where session_id = %s", [record_id])
            self._run(f"delete from {quoted(table_name(model_cls))} where id = %s", [record_id])

    def _count(
        self, model_cls: type[m.Record], where: str | None = None, params: Any = None
    ) -> int:
        """How many records of ``model_cls`` match a ``where`` fragment."""
        sql = f"select count(*) as n from {quoted(table_name(model_cls))}"
        if where:
            sql += f" where {to_postgres(where)}"
        return int(self._run(sql, params).fetchone()["n"])

    # --- groups another facilitator holds --------------------------------------------------

    def find_group(self, ref: str) -> m.Group:
        """As ``Store.find_group``; a group that exists but is not this login's raises
        ``NotYoursError`` (the server hides its rows, and says only that it exists)."""
        try:
            return super().find_group(ref)
        except NotFoundError:
            if ref.strip() and self._group_exists_elsewhere(ref.strip()):
                raise NotYoursError(
                    _(
                        "The group {ref} is not yours: you may open only the groups you "
                        "facilitate. Ask the agency's administrator to add you to it."
                    ).format(ref=ref.strip()),
                    title=_("Not your group"),
                ) from None
            raise

    # --- the agency's roles (groupwork agency ...) ------------------------------------------

    def init_agency(self) -> None:
        """Create (or bring up to date) the roles, row-level security and coordinator views."""
        with _errors(), as_owner(self.conn):
            apply_access_rules(self.conn)

    def add_agency_user(
        self, login: str, role: str, group_ids: Iterable[str] = (), password_verifier: str = ""
    ) -> bool:
        """Give ``login`` a role (creating the login when new) and, for a facilitator, groups.

        ``password_verifier`` is a SCRAM-SHA-256 verifier made on this machine (never the
        password itself). Returns True when the login was created.
        """
        with _errors():
            if not is_agency_database(self.conn):
                raise GroupworkError(
                    _("This database is not set up for an agency yet: run groupwork agency init.")
                )
            return add_user(self.conn, login, role, list(group_ids), password_verifier)

    def remove_agency_facilitator(self, login: str, group_ids: Iterable[str]) -> int:
        """Take ``login`` off the facilitators of these groups; how many it was on."""
        with _errors():
            return remove_facilitator(self.conn, login, list(group_ids))

    def act_as(self, login: str) -> None:
        """Work as ``login`` on this connection (``SET ROLE``: its row-level security and, for
        a coordinator, the views): how the benchmarks measure each kind of login from the
        owner's connection. Lost if the connection is opened again."""
        from psycopg import sql

        self.conn.execute(sql.SQL("set role {}").format(sql.Identifier(login)))
        self.views_only = read_through_views(self.conn)

    def durability(self) -> dict[str, str]:
        """The server's ``fsync`` and ``synchronous_commit``: what a commit waits for."""
        return {k: self.conn.execute(f"show {k}").fetchone()[k] for k in _DURABILITY}

    # --- safekeeping: what SQLite does with its file, the server does itself -----------------

    @property
    def database_error(self) -> type[Exception]:
        """psycopg's base error class, for callers to catch."""
        import psycopg

        return psycopg.Error

    def integrity_problems(self) -> list[str]:
        """None reported: the server checks its own pages (data checksums, amcheck)."""
        return []

    def quick_problems(self) -> list[str]:
        """None reported: the server enforces its own keys and checks its own pages."""
        return []

    def foreign_key_problems(self) -> list[str]:
        """None: PostgreSQL enforces every foreign key on every write."""
        return []

    def analyze(self) -> None:
        """Refresh the query planner's statistics (the tables this login may analyse)."""
        self._run("analyze")

    def _rows(self, sql: str, params: Any = ()) -> list[tuple]:
        """Rows as tuples for a query written in SQLite's dialect (``store/coordination.py``)."""
        return self._cursor(sql, params).fetchall()  # rows come with the answer: no error left

    def _cursor(self, sql: str, params: Any = ()) -> Any:
        """``_rows``'s query executed, to fetch from a batch at a time (tuples)."""
        from psycopg.rows import tuple_row

        refuse_unstorable(params)
        with _errors():
            cursor = self.conn.cursor(row_factory=tuple_row)
            return cursor.execute(to_postgres(sql), to_postgres_params(params))

    # --- the live recorder (store/recording_queries.py) ---------------------------------------

    @property
    def drafts(self) -> PgFormDrafts:
        """Drafts of forms being filled in (kept as the person types)."""
        return PgFormDrafts(self._run)

    @property
    def sync_log(self) -> PgSyncLog:
        """The agency's record of each laptop's pushes and pulls."""
        return PgSyncLog(self._run)

    def member_key_slots(self, group_id: str) -> dict[str, int]:
        """Each member's key slot (0 is the first key), for members who were given one."""
        rows = self._run("select member_id, slot from member_keys where group_id = %s", [group_id])
        return {row["member_id"]: row["slot"] for row in rows}

    def assign_member_key_slots(self, group_id: str, member_ids: list[str]) -> dict[str, int]:
        """As ``Store.assign_member_key_slots``: the lowest free slots, never taken back."""
        with self._atomic():
            slots = self.member_key_slots(group_id)
            free = (slot for slot in range(10_000) if slot not in set(slots.values()))
            for member_id in member_ids:
                if member_id not in slots:
                    slots[member_id] = next(free)
                    self._run(
                        "insert into member_keys (member_id, group_id, slot) values (%s, %s, %s)",
                        [member_id, group_id, slots[member_id]],
                    )
        return slots

    def replace_ratings(self, session_id: str, ratings: list[m.Rating]) -> list[m.Rating]:
        """Store a session's ratings in one transaction, replacing a member's earlier one."""
        with self._atomic():
            for rating in ratings:
                self._run(
                    "delete from ratings where session_id = %s and member_id = %s "
                    "and scale_id = %s",
                    [session_id, rating.member_id, rating.scale_id],
                )
                self.add(rating)
        return ratings

    def start_live_recording(self) -> None:
        """Nothing to set up: the server has no WAL checkpoints for the app to manage."""
        return None

    def stop_live_recording(self, checkpointer: None) -> None:
        """Nothing to undo (see ``start_live_recording``)."""

    def wal_autocheckpoint_pages(self) -> int:
        """0: a server database has no SQLite WAL."""
        return 0

    def load_rows(self, model_cls: Any, rows: Any) -> int:
        """Bulk loading is SQLite's (benchmarks); load a server with its own COPY."""
        raise NotImplementedError("PgStore.load_rows: use PostgreSQL's COPY")

    def record_erasure(self, member_id: str, group_id: str) -> None:
        """Add the audit entry of an erasure (no values), under the login that erased."""
        self._run("select groupwork_audit_event('erase', 'members', %s, %s)", [member_id, group_id])

    def purge_freed_bytes(self) -> str:
        """Nothing to do here: the erased values' old row versions leave the table files at
        the server's next (auto)vacuum, and its backups as they expire (docs/agency.md)."""
        from groupwork.store.safekeeping import PurgeOutcome

        return PurgeOutcome.PURGED

    # --- the reads of Store that speak to sqlite-utils directly -----------------------------

    def next_session_number(self, group_id: str) -> int:
        """The number the group's next new session gets."""
        row = self._run(
            "select coalesce(max(number), 0) + 1 as n from sessions where group_id = %s",
            [group_id],
        ).fetchone()
        return int(row["n"])

    def existing_ids(self, model_cls: type[m.Record], ids: list[str]) -> set[str]:
        """Which of ``ids`` are already ids of stored ``model_cls`` records."""
        rows = self._run(
            f"select id from {quoted(table_name(model_cls))} where id = any(%s)", [list(ids)]
        )
        return {row["id"] for row in rows}
