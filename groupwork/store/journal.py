"""A journal on this computer for live events an agency server has not taken yet.

When the connection to the PostgreSQL server drops while a facilitator records, each event
the recorder keeps (``recording.records.PendingWrites``) is also appended here, one JSON line
per event, flushed and fsync'd before the keypress returns: closing the laptop or a crash
loses nothing the screen showed. When the server has every event the journal is removed. A
journal left behind (the app was closed while the server was away) is replayed the next time
that database is opened (``replay``): events are written by id with ``save``, so an event
the server already had is not stored twice.

One file per server database and login, in ``journal/`` under the user's data folder,
readable by this user only (0600): it holds what was recorded about people.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from groupwork.i18n import _
from groupwork.models_lazy import models as m
from groupwork.paths import user_dir


def journal_path(key: str) -> Path:
    """The journal file for ``key`` (which server, database and login: ``PgStore.sync_key``)."""
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
    return user_dir() / "journal" / f"{digest}.jsonl"


def _model(name: str) -> type[m.Record]:
    cls = getattr(m, name, None)
    if not (isinstance(cls, type) and issubclass(cls, m.Record)):
        raise ValueError(f"not a record type: {name}")
    return cls


class EventJournal:
    """Append-only file of records waiting for the server (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __repr__(self) -> str:
        return f"EventJournal({str(self.path)!r})"

    def _open(self, mode: str) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        return os.open(self.path, mode | os.O_WRONLY | os.O_CREAT, 0o600)

    @staticmethod
    def _line(record: m.Record) -> bytes:
        entry = {"model": type(record).__name__, "record": record.model_dump(mode="json")}
        return (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")

    def append(self, record: m.Record) -> None:
        """Add ``record`` (a later line for the same id supersedes an earlier one); on disk
        (fsync) when this returns."""
        fd = self._open(os.O_APPEND)
        try:
            os.write(fd, self._line(record))
            os.fsync(fd)
        finally:
            os.close(fd)

    def rewrite(self, records: Iterable[m.Record]) -> None:
        """Replace the journal with ``records`` (after an undo took one back); removed when
        there are none."""
        records = list(records)
        if not records:
            self.clear()
            return
        fd = self._open(os.O_TRUNC)
        try:
            os.write(fd, b"".join(self._line(r) for r in records))
            os.fsync(fd)
        finally:
            os.close(fd)

    def clear(self) -> None:
        """Remove the journal: the server has everything."""
        self.path.unlink(missing_ok=True)

    def records(self) -> list[m.Record]:
        """What the journal holds, in the order it was written (a torn last line, from a
        crash mid-write, is skipped: that event never reached the screen as saved)."""
        if not self.path.exists():
            return []
        out: list[m.Record] = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
                out.append(_model(entry["model"]).model_validate(entry["record"]))
            except (ValueError, KeyError, TypeError):
                continue
        return out

    def __len__(self) -> int:
        return len(self.records())

    def replay(self, save: Callable[[m.Record], object]) -> int:
        """Write every journalled record in order with ``save`` (an upsert by id), then remove
        the journal; how many were written. A failure leaves the journal as it was."""
        records = self.records()
        for record in records:
            save(record)
        self.clear()
        return len(records)


def journal_news(store: object) -> str:
    """What to tell the person after opening ``store``: events a journal held were sent now,
    or could not be sent (and are kept); empty when there was no journal."""
    problem = getattr(store, "journal_problem", "")
    if problem:
        return problem
    count = getattr(store, "replayed", 0)
    if count:
        return _(
            "{count} events recorded while the agency database could not be reached were "
            "kept on this computer and are now on the server."
        ).format(count=count)
    return ""
