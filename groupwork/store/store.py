"""The store: every read and write of groupwork's data, in models.

Each write is committed before the method returns (sqlite-utils commits single writes at
once; multi-row writes use ``db.atomic()``), so whatever the screen acknowledges is on disk.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from groupwork.errors import (
    DatabaseBusy,
    GroupworkError,
    NotFoundError,
    StorageError,
    describe_system_error,
)
from groupwork.i18n import _
from groupwork.models_lazy import models as m
from groupwork.store.bulk import BulkLoading
from groupwork.store.converters import TABLES, from_row, table_name, to_row
from groupwork.store.coordination import CoordinationQueries
from groupwork.store.coordination_tasks import CoordinatorTaskQueries
from groupwork.store.damage import (  # noqa: F401  (re-exported: callers import them from here)
    damaged_message,
    refuse_server_location,
    register_backup_finder,
)
from groupwork.store.database import (
    DamagedDatabase,
    header_problems,
    needs_full_check_on_open,
    open_database,
    quick_check,
    refuse_unusable_location,
    resolve_passphrase,
)
from groupwork.store.drafts import FormDrafts
from groupwork.store.health import HealthChecks
from groupwork.store.home_changes import HomeChanges
from groupwork.store.home_list import HomeListQueries
from groupwork.store.journal import EventJournal
from groupwork.store.leftovers import clean_staged_leftovers
from groupwork.store.migrations import apply_migrations
from groupwork.store.queries import RecordQueries
from groupwork.store.recording_queries import RecordingQueries
from groupwork.store.safekeeping import SafekeepingMixin
from groupwork.store.shared_titles import SharedTitles
from groupwork.store.text_check import refuse_unstorable
from groupwork.typed_input import id_prefix

ModelT = TypeVar("ModelT", bound="m.Record")


class Store(
    RecordQueries,
    SafekeepingMixin,
    CoordinationQueries,
    CoordinatorTaskQueries,
    HomeListQueries,
    HomeChanges,
    BulkLoading,
    HealthChecks,
    RecordingQueries,
    SharedTitles,
):
    """groupwork's data in one SQLite database: the SQLite implementation of ``Repository``
    (the coordinator's queries in ``CoordinationQueries``, bulk loading in ``BulkLoading``)."""

    def __init__(
        self, db: Database, path: Path | None = None, *, passphrase: str | None = None
    ) -> None:
        self.db = db
        self.path = path
        # Kept so backups of an encrypted database can be written encrypted with the same key.
        self._passphrase = passphrase

    @property
    def encrypted(self) -> bool:
        """True when the database is a SQLCipher (encrypted) file."""
        return self._passphrase is not None

    # --- opening --------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, passphrase: str | None = None, *, create: bool = True) -> Store:
        """Open (creating if needed) the database at ``path``, check it and migrate it.

        An encrypted file needs ``passphrase`` (else ``GROUPWORK_PASSPHRASE``); without one it
        raises ``PassphraseRequired``, with a wrong one ``WrongPassphrase``. A new file is
        created encrypted when a passphrase is given. A damaged file raises
        ``DamagedDatabase``, whose message names the latest backup to restore. With
        ``create=False`` a missing file raises ``MissingDatabase`` and nothing is made.
        """
        refuse_server_location(path)
        refuse_unusable_location(path, create=create)
        key = resolve_passphrase(path, passphrase)
        db = open_database(path, key)
        errors = db.conn
        try:
            # The cheap check always; the full one only while it stays cheap (it reads
            # every page): large files are checked on backup and by `groupwork check`.
            problems = header_problems(path)
            if not problems and needs_full_check_on_open(path):
                problems = quick_check(db)
            if problems:
                raise DamagedDatabase(damaged_message(Path(path), problems))
            apply_migrations(db)
        except errors.DatabaseError as exc:
            db.close()
            if "malformed" in str(exc) or "not a database" in str(exc):
                raise DamagedDatabase(damaged_message(Path(path), [str(exc)])) from exc
            raise StorageError(
                _("The database {path} could not be prepared: {error}").format(
                    path=path, error=describe_system_error(exc)
                )
            ) from exc
        except StorageError:
            db.close()
            raise
        # What a killed encrypt or rekey left beside the file (a copy of everyone's records).
        clean_staged_leftovers(path)
        return cls(db, None if str(path) == ":memory:" else Path(path), passphrase=key)

    @classmethod
    def memory(cls) -> Store:
        """A throwaway in-memory store (tests, previews)."""
        return cls.open(":memory:")

    def worker_reader(self) -> Store | None:
        """A second store on the same file, for reads on a worker thread while this one serves
        the screen (the coordinator's task count; the recorder's writer builds on it), or None
        for an in-memory store (it has no second connection): read on this one. Close it after."""
        if self.path is None:
            return None
        return type(self)(
            open_database(self.path, self._passphrase), self.path, passphrase=self._passphrase
        )

    def close(self) -> None:
        """Keep the planner's statistics current (cheap), then close the connection."""
        try:
            # SQLite's advice: optimize before closing; it re-analyzes only tables whose
            # statistics went stale, each read at most analysis_limit rows deep.
            self.db.conn.execute("PRAGMA analysis_limit = 1000")
            self.db.conn.execute("PRAGMA optimize")
        except Exception:  # a read-only, full or already-closed file: statistics can wait
            pass
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Group several writes so they land together or not at all."""
        with self._atomic():
            yield self

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        """A transaction that takes the write lock at once (``BEGIN IMMEDIATE``).

        A deferred transaction that reads before it writes cannot wait for another process's
        write to finish (SQLite answers SQLITE_BUSY at once, without the busy timeout), so
        the TUI and a CLI command writing together would fail. Taking the lock up front lets
        the busy timeout do its job. Nested use becomes a savepoint.
        """
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield
            return
        self._write(conn.execute, "BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        else:
            try:
                self._write(conn.execute, "COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    # --- generic record access ------------------------------------------------------

    def _write(self, fn, *args: Any, **kwargs: Any) -> Any:
        # The connection carries its driver's error classes (sqlite3 or sqlcipher3).
        errors = self.db.conn
        try:
            return fn(*args, **kwargs)
        except errors.IntegrityError as exc:
            raise GroupworkError(
                _("The record does not fit with what is stored: {error}").format(error=exc)
            ) from exc
        except errors.DatabaseError as exc:
            # Busy is the everyday case (the recorder keeps the event and retries); any other
            # driver error ("disk full", "malformed") is still a message, never a traceback.
            busy = "locked" in str(exc) or "busy" in str(exc)
            if isinstance(exc, errors.OperationalError) and busy:
                raise DatabaseBusy(
                    _(
                        "Another groupwork window or command is writing to the database; "
                        "nothing was saved. Try again in a moment."
                    )
                ) from exc
            raise StorageError(
                _("The database could not be written: {error}").format(
                    error=describe_system_error(exc)
                )
            ) from exc

    def add(self, record: ModelT) -> ModelT:
        """Insert a new record (its id must be new). Returns it."""
        with self._atomic():
            self._write(self.db[table_name(type(record))].insert, to_row(record))
            self._after_write(record)
        return record

    def save(self, record: ModelT) -> ModelT:
        """Insert or update a record by id. Returns it."""
        with self._atomic():
            self._write(self.db[table_name(type(record))].upsert, to_row(record), pk="id")
            self._after_write(record)
        return record

    def _after_write(self, record: m.Record) -> None:
        self.share_titles(record)
        if isinstance(record, m.Task):
            assignees = self.db["task_assignees"]
            assignees.delete_where("task_id = ?", [record.id])
            if record.assignee_ids:
                assignees.insert_all(
                    {"task_id": record.id, "assignee_id": a, "position": i}
                    for i, a in enumerate(record.assignee_ids)
                )

    def get(self, model_cls: type[ModelT], record_id: str) -> ModelT:
        """The record with ``record_id``, or ``NotFoundError``."""
        refuse_unstorable([record_id])
        rows = list(self.db[table_name(model_cls)].rows_where("id = ?", [record_id], limit=1))
        if not rows:
            raise NotFoundError(_("No such record: {id}").format(id=record_id))
        return self._hydrate(model_cls, rows)[0]

    def _find(
        self,
        model_cls: type[ModelT],
        where: str | None = None,
        params: Iterable[Any] | dict[str, Any] | None = None,
        order_by: str | None = None,
        limit: int | None = None,
    ) -> list[ModelT]:
        """Records of ``model_cls`` matching a SQL ``where`` clause (SQL stays in the store)."""
        refuse_unstorable(params)
        rows = self.db[table_name(model_cls)].rows_where(
            where, params, order_by=order_by, limit=limit
        )
        return self._hydrate(model_cls, list(rows))

    def delete(self, model_cls: type[m.Record], record_id: str) -> None:
        """Delete one record by id (used for undo and for records entered by mistake)."""
        with self._atomic():
            if model_cls is m.Task:
                self.db["task_assignees"].delete_where("task_id = ?", [record_id])
            if model_cls is m.Session:  # a session left empty goes with the nudges it showed
                self.db["nudges_shown"].delete_where("session_id = ?", [record_id])
            self._write(self.db[table_name(model_cls)].delete_where, "id = ?", [record_id])

    def _hydrate(self, model_cls: type[ModelT], rows: list[dict]) -> list[ModelT]:
        if model_cls is m.Task and rows:
            ids = [r["id"] for r in rows]
            assignees: dict[str, list[str]] = {i: [] for i in ids}
            placeholders = ",".join("?" * len(ids))
            for row in self.db.query(
                f"select task_id, assignee_id from task_assignees "
                f"where task_id in ({placeholders}) order by task_id, position",
                ids,
            ):
                assignees[row["task_id"]].append(row["assignee_id"])
            return [from_row(model_cls, r, assignee_ids=assignees[r["id"]]) for r in rows]
        return [from_row(model_cls, r) for r in rows]

    def _count(
        self, model_cls: type[m.Record], where: str | None = None, params: Any = None
    ) -> int:
        """How many records of ``model_cls`` match a SQL ``where`` clause."""
        refuse_unstorable(params)
        return self.db[table_name(model_cls)].count_where(where or "1", params)

    def count(self, model_cls: type[m.Record]) -> int:
        """How many records of ``model_cls`` are stored."""
        return self._count(model_cls)

    # --- groups ---------------------------------------------------------------------

    def groups(self) -> list[m.Group]:
        """All groups, by name."""
        return self._find(m.Group, order_by="name")

    def find_group(self, ref: str) -> m.Group:
        """A group by id, unique id prefix, or name (case-insensitive); else ``NotFoundError``."""
        ref = ref.strip()
        if not ref:
            raise NotFoundError(_("No group given."))
        exact = self._find(m.Group, "id = ? or lower(name) = lower(?)", [ref, ref])
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            raise NotFoundError(
                _("More than one group is called {ref}; use its id.").format(ref=ref)
            )
        # Exactly by the start of the id, never LIKE: "____" or "%" must not match an id.
        start = id_prefix(ref)
        prefix = self._find(m.Group, "substr(id, 1, ?) = ?", [len(start), start]) if start else []
        if len(prefix) == 1:
            return prefix[0]
        raise NotFoundError(_("No group called {ref}.").format(ref=ref))

    # --- members and consent --------------------------------------------------------

    def members(self, group_id: str, *, selected_only: bool = False) -> list[m.Member]:
        """The group's members (all candidates, or only those selected), by pseudonym."""
        where = "group_id = ?"
        if selected_only:
            where += " and decision = 'selected'"
        return self._find(m.Member, where, [group_id], order_by="pseudonym")

    def find_member(self, group_id: str, ref: str) -> m.Member:
        """A member of the group by id, pseudonym or real name; else ``NotFoundError``."""
        ref = ref.strip()
        found = self._find(
            m.Member,
            "group_id = ? and (id = ? or lower(pseudonym) = lower(?) or lower(real_name) = lower(?))",
            [group_id, ref, ref, ref],
        )
        if len(found) == 1:
            return found[0]
        raise NotFoundError(_("No member called {ref} in this group.").format(ref=ref))

    def consents(self, member_id: str) -> list[m.Consent]:
        """A member's consent records, oldest first."""
        return self._find(m.Consent, "member_id = ?", [member_id], order_by="given_on, rowid")

    def current_consent(self, member_id: str) -> m.Consent | None:
        """The consent record in force for a member (the latest), if any."""
        records = self.consents(member_id)
        return records[-1] if records else None

    # --- stages ---------------------------------------------------------------------

    def stage_progress(self, group_id: str) -> dict[int, m.StageProgress]:
        """Progress for all twelve stages (not-started entries for stages never touched)."""
        stored = {p.stage: p for p in self._find(m.StageProgress, "group_id = ?", [group_id])}
        return {
            n: stored.get(n) or m.StageProgress(group_id=group_id, stage=n) for n in m.STAGE_NUMBERS
        }

    def save_stage_progress(self, progress: m.StageProgress) -> m.StageProgress:
        """Store one stage's progress (one row per group and stage).

        Looked up and written under one write lock, for the same reason as attendance.
        """
        with self._atomic():
            existing = self._find(
                m.StageProgress, "group_id = ? and stage = ?", [progress.group_id, progress.stage]
            )
            if existing and existing[0].id != progress.id:
                progress = progress.model_copy(update={"id": existing[0].id})
            return self.save(progress)

    # --- sessions -------------------------------------------------------------------

    def sessions(self, group_id: str) -> list[m.Session]:
        """The group's sessions in order."""
        return self._find(m.Session, "group_id = ?", [group_id], order_by="number")

    def session_by_number(self, group_id: str, number: int) -> m.Session:
        """Session ``number`` of the group, or ``NotFoundError``."""
        found = self._find(m.Session, "group_id = ? and number = ?", [group_id, number])
        if not found:
            raise NotFoundError(_("No session {number} in this group.").format(number=number))
        return found[0]

    def next_session_number(self, group_id: str) -> int:
        """The number the group's next new session gets."""
        row = self.db.execute(
            "select coalesce(max(number), 0) + 1 from sessions where group_id = ?", [group_id]
        ).fetchone()
        return int(row[0])

    def attendance(self, session_id: str) -> list[m.Attendance]:
        """Attendance marks of one session."""
        return self._find(m.Attendance, "session_id = ?", [session_id])

    def group_attendance(self, group_id: str) -> list[m.Attendance]:
        """Every attendance mark in the group's sessions."""
        return self._find(
            m.Attendance,
            "session_id in (select id from sessions where group_id = ?)",
            [group_id],
        )

    def record_attendance(
        self, session_id: str, member_id: str, status: m.AttendanceStatus, reason: str = ""
    ) -> m.Attendance:
        """Mark a member's attendance at a session (replacing an earlier mark).

        The look-up and the write share one write lock: two windows marking the same member
        at once would otherwise both find no mark and both insert one.
        """
        with self._atomic():
            existing = self._find(
                m.Attendance, "session_id = ? and member_id = ?", [session_id, member_id]
            )
            mark = m.Attendance(
                id=existing[0].id if existing else m.new_id(),
                session_id=session_id,
                member_id=member_id,
                status=status,
                reason=reason,
            )
            return self.save(mark)

    def record_turn(self, event: m.ParticipationEvent) -> m.ParticipationEvent:
        """Commit one participation event (the recorder's hot path)."""
        return self.add(event)

    def event_journal(self) -> EventJournal | None:
        """Where the live recorder keeps events the database has not taken yet, on this
        computer: none for a SQLite file (it is on this computer already; a busy lock's
        wait is held in memory), a journal file for a server database (``PgStore``)."""
        return None

    def participation(self, session_id: str) -> list[m.ParticipationEvent]:
        """A session's participation events in time order."""
        return self._find(
            m.ParticipationEvent, "session_id = ?", [session_id], order_by="at, rowid"
        )

    def group_participation(self, group_id: str) -> list[m.ParticipationEvent]:
        """Every participation event in the group's sessions, in time order."""
        return self._find(
            m.ParticipationEvent,
            "session_id in (select id from sessions where group_id = ?)",
            [group_id],
            order_by="at, rowid",
        )

    def group_marks(self, session_id: str) -> list[m.GroupMark]:
        """A session's group-state marks in time order."""
        return self._find(m.GroupMark, "session_id = ?", [session_id], order_by="at, rowid")

    # --- records that simply belong to a group --------------------------------------

    def of_group(
        self, model_cls: type[ModelT], group_id: str, order_by: str | None = None
    ) -> list[ModelT]:
        """All records of ``model_cls`` that belong to the group.

        ``order_by`` names fields of the model, comma-separated (e.g. ``"priority, title"``);
        anything else is refused, so no SQL comes in this way.
        """
        if order_by is not None:
            names = [name.strip() for name in order_by.split(",")]
            unknown = [n for n in names if n not in model_cls.model_fields]
            if unknown:
                raise ValueError(f"{model_cls.__name__} has no field {unknown[0]!r} to order by")
            order_by = ", ".join(names)
        return self._find(model_cls, "group_id = ?", [group_id], order_by=order_by)

    @property
    def drafts(self) -> FormDrafts:
        """Drafts of forms being filled in (kept as the person types; see ``store.drafts``)."""
        return FormDrafts(self.db)


__all__ = ["Store", "TABLES"]
