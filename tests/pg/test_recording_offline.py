"""The live recorder on an agency server that goes away mid-session (issue 13, item 5).

Every event keeps its place on screen and in a journal on this computer while the server is
gone, reaches the server once it is back (in order, none twice) and the journal is removed.
"""

from __future__ import annotations

import os
import stat
from datetime import date

import psycopg
import pytest

from groupwork import models as m
from groupwork.errors import ConnectionLost
from groupwork.operations.sessions import start_session
from groupwork.recording.recorder import SessionRecorder
from groupwork.store.postgres import PgStore

NAMES = ["พร", "สุข", "น้ำ", "ดาว"]


@pytest.fixture
def pg(pg_store_dsn):
    store = PgStore.open(pg_store_dsn)
    yield store
    store.close()


def _group(store) -> m.Group:
    group = store.add(m.Group(name="กลุ่มผู้ดูแล", current_stage=7))
    for i, name in enumerate(NAMES):
        store.add(
            m.Member(
                id=f"m{i}",
                group_id=group.id,
                real_name=f"คุณ{name}",
                pseudonym=name,
                decision=m.SelectionDecision.SELECTED,
            )
        )
    return group


def _recorder(store) -> SessionRecorder:
    group = _group(store)
    session = start_session(store, group.id, held_on=date(2026, 11, 21))
    return SessionRecorder(store, session.id)


def _server_ids(dsn: str, session_id: str) -> list[str]:
    """The session's turns as the server holds them, by a connection of their own."""
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT id FROM participation_events WHERE session_id = %s ORDER BY _seq",
            [session_id],
        ).fetchall()
    return [row[0] for row in rows]


def _terminate_backend(dsn: str, pid: int) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_a_terminated_connection_keeps_events_in_a_journal_until_the_server_has_them(
    pg, pg_store_dsn
):
    recorder = _recorder(pg)
    first = recorder.log_turn("m0")
    _terminate_backend(pg_store_dsn, pg.conn.info.backend_pid)

    # The server dropped this connection: the turn after it is kept, shown and journalled.
    kept = recorder.log_turn("m1")
    journal = pg.event_journal()
    assert [e.id for e in recorder.turns] == [first.id, kept.id]
    assert len(recorder.pending) == 1 and recorder.pending.server_away
    assert [r.id for r in journal.records()] == [kept.id]
    assert stat.S_IMODE(os.stat(journal.path).st_mode) == 0o600

    # The next flush reconnects and writes it; the journal is gone.
    assert recorder.store_pending() == 1
    assert not recorder.pending.server_away
    assert not journal.path.exists()
    assert _server_ids(pg_store_dsn, recorder.session_id) == [first.id, kept.id]


def test_a_killed_server_loses_no_event_and_stores_none_twice(pg, pg_store_dsn, pg_server):
    recorder = _recorder(pg)
    before = [recorder.log_turn("m0"), recorder.log_turn(m.FACILITATOR)]
    pg_server.pause()
    try:
        during = [recorder.log_turn(actor) for actor in ("m1", "m2", m.FACILITATOR, "m3")]
        timed = recorder.start_timing("m0")
        recorder.stop_timing()
        mark = recorder.mark_group(m.GroupMarkKind.LAUGHTER)
        undone = recorder.log_turn("m2")
        recorder.undo()  # taken back before the server ever had it
        with pytest.raises(ConnectionLost):
            pg.record_turn(undone)  # still away: the store says so in words
        assert recorder.store_pending() == 0
        assert len(recorder.pending) == 6
        assert len(pg.event_journal().records()) >= 6
    finally:
        pg_server.resume()
    assert recorder.store_pending() == 6
    expected = [e.id for e in [*before, *during, timed]]
    assert _server_ids(pg_store_dsn, recorder.session_id) == expected
    stored = pg.get(m.ParticipationEvent, timed.id)
    assert stored.duration_seconds == timed.duration_seconds
    assert pg.get(m.GroupMark, mark.id).kind is m.GroupMarkKind.LAUGHTER
    assert not pg.event_journal().path.exists()


def test_a_journal_left_behind_is_replayed_when_the_database_opens_again(
    pg, pg_store_dsn, pg_server
):
    recorder = _recorder(pg)
    stored = recorder.log_turn("m0")
    pg_server.pause()
    try:
        kept = [recorder.log_turn("m1"), recorder.log_turn("m2")]
    finally:
        pg_server.resume()
    # The app was closed before the server came back; one event had in fact arrived.
    pg.record_turn(kept[0])
    journal = pg.event_journal()
    assert len(journal.records()) == 2
    again = PgStore.open(pg_store_dsn)
    try:
        assert again.replayed == 2
        assert not journal.path.exists()
        assert _server_ids(pg_store_dsn, recorder.session_id) == [stored.id, *[e.id for e in kept]]
    finally:
        again.close()


def test_roll_call_and_notes_made_while_the_server_is_away_wait_with_the_turns(
    pg, pg_store_dsn, pg_server
):
    recorder = _recorder(pg)
    recorder.roll_call("m0", m.AttendanceStatus.PRESENT)
    pg_server.pause()
    try:
        recorder.roll_call("m0", m.AttendanceStatus.LATE)  # the same mark, changed
        recorder.roll_call("m1", m.AttendanceStatus.ABSENT, "ไปโรงพยาบาล")
        recorder.set_notes("พรเล่าเรื่อง")
        recorder.set_notes("พรเล่าเรื่องงานกะดึก")
        recorder.add_question("อะไรช่วยได้บ้าง")
        assert recorder.pending.server_away
    finally:
        pg_server.resume()
    recorder.store_pending()
    assert len(recorder.pending) == 0
    with PgStore.open(pg_store_dsn) as other:
        marks = {a.member_id: a.status for a in other.attendance(recorder.session_id)}
        session = other.get(m.Session, recorder.session_id)
    assert marks == {"m0": m.AttendanceStatus.LATE, "m1": m.AttendanceStatus.ABSENT}
    assert session.notes == "พรเล่าเรื่องงานกะดึก"
    assert session.questions == ["อะไรช่วยได้บ้าง"]


def test_undoing_a_turn_the_server_has_while_it_is_away_keeps_the_step(pg, pg_store_dsn, pg_server):
    recorder = _recorder(pg)
    first, second = recorder.log_turn("m0"), recorder.log_turn("m1")
    pg_server.pause()
    try:
        with pytest.raises(ConnectionLost) as refused:
            recorder.undo()  # the server has the turn: it cannot be taken back now
        assert "Not undone: the agency database cannot be reached" in refused.value.message
        assert recorder.turns == [first, second] and recorder.can_undo
    finally:
        pg_server.resume()
    assert recorder.undo().record == second  # the same step, once the server is back
    assert _server_ids(pg_store_dsn, recorder.session_id) == [first.id]
