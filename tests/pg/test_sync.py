"""Field work offline: push and pull round trips between a laptop's SQLite file and the agency
database, with an erasure (a tombstone) and a conflict that is listed and kept."""

from __future__ import annotations

import re
from datetime import date

import pytest
from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.store import Store
from groupwork.store.postgres import PgStore


def _run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture
def laptop(tmp_path):
    """A facilitator's laptop file with one group: two members, consent, a held session."""
    path = tmp_path / "laptop.db"
    with Store.open(path) as store:
        group = store.add(m.Group(name="กลุ่มน้ำ"))
        porn = store.add(m.Member(group_id=group.id, real_name="พร ใจดี", pseudonym="M1"))
        store.add(m.Member(group_id=group.id, real_name="ดาว มีสุข", pseudonym="M2"))
        store.add(m.Consent(group_id=group.id, member_id=porn.id, given_on=date(2026, 3, 2)))
        session = store.add(m.Session(group_id=group.id, number=1, held_on=date(2026, 3, 2)))
        store.record_turn(m.ParticipationEvent(session_id=session.id, actor_id=porn.id))
        store.save(m.Task(group_id=group.id, title="นัดเยี่ยมบ้าน", agreed_session_id=session.id))
    return path, group


def test_push_then_pull_round_trip_with_an_erasure(laptop, pg_store_dsn, tmp_path):
    path, group = laptop
    assert "1 new" not in _run("--db", str(path), "push", "กลุ่มน้ำ", "--to", pg_store_dsn)
    with PgStore.open(pg_store_dsn) as server:
        assert [mb.pseudonym for mb in server.members(group.id)] == ["M1", "M2"]
        assert len(server.group_participation(group.id)) == 1
    # Offline: a second session with a turn, a changed note, and a consent withdrawn by deletion.
    with Store.open(path) as store:
        session = store.add(m.Session(group_id=group.id, number=2, held_on=date(2026, 3, 9)))
        member = store.find_member(group.id, "M2")
        store.record_turn(m.ParticipationEvent(session_id=session.id, actor_id=member.id))
        store.save(member.model_copy(update={"notes": "มาสาย"}))
        consent = store.group_consents(group.id)[0]
        store.delete(m.Consent, consent.id)
    out = _run("--db", str(path), "push", group.id, "--to", pg_store_dsn)
    assert "2 new, 1 changed, 1 erased" in out  # a session and its turn; M2; the consent
    with PgStore.open(pg_store_dsn) as server:
        assert len(server.sessions(group.id)) == 2
        assert server.find_member(group.id, "M2").notes == "มาสาย"
        assert server.group_consents(group.id) == []
    # A second laptop pulls the whole group.
    other = tmp_path / "other.db"
    out = _run("--db", str(other), "pull", "กลุ่มน้ำ", "--from", pg_store_dsn)
    with Store.open(other) as store, PgStore.open(pg_store_dsn) as server:
        for cls in (m.Member, m.Session, m.ParticipationEvent, m.Consent):
            assert store.records_of_group(cls, group.id) == server.records_of_group(cls, group.id)
    # Nothing changed: a second push sends nothing.
    assert "0 new, 0 changed, 0 erased" in _run(
        "--db", str(path), "push", group.id, "--to", pg_store_dsn
    )


def test_a_conflict_is_listed_and_neither_side_overwritten(laptop, pg_store_dsn):
    path, group = laptop
    _run("--db", str(path), "push", group.id, "--to", pg_store_dsn)
    with Store.open(path) as store:
        member = store.find_member(group.id, "M1")
        store.save(member.model_copy(update={"notes": "ที่บ้าน"}))
    with PgStore.open(pg_store_dsn) as server:
        server.save(member.model_copy(update={"notes": "ที่สำนักงาน"}))
    out = _run("--db", str(path), "push", group.id, "--to", pg_store_dsn, code=1)
    assert f"Conflict, kept on both sides: members {member.id[:8]} (notes)" in out
    with Store.open(path) as store, PgStore.open(pg_store_dsn) as server:
        assert store.get(m.Member, member.id).notes == "ที่บ้าน"
        assert server.get(m.Member, member.id).notes == "ที่สำนักงาน"
    out = _run("--db", str(path), "pull", group.id, "--from", pg_store_dsn, code=1)
    assert "Conflict" in out
    # Settled by making the laptop say what the server says: in step again.
    with Store.open(path) as store:
        store.save(member.model_copy(update={"notes": "ที่สำนักงาน"}))
    assert "Conflict" not in _run("--db", str(path), "push", group.id, "--to", pg_store_dsn)


def test_a_change_made_on_the_server_comes_down_with_pull_and_is_not_undone_by_push(
    laptop, pg_store_dsn
):
    path, group = laptop
    _run("--db", str(path), "push", group.id, "--to", pg_store_dsn)
    with PgStore.open(pg_store_dsn) as server:
        task = server.save(m.Task(group_id=group.id, title="โทรหาคลินิก"))
    _run("--db", str(path), "push", group.id, "--to", pg_store_dsn)
    with PgStore.open(pg_store_dsn) as server:
        assert server.get(m.Task, task.id) == task
    assert "1 new" in _run("--db", str(path), "pull", group.id, "--from", pg_store_dsn)
    with Store.open(path) as store:
        assert store.get(m.Task, task.id) == task


def _agency_laptop(pg_server, pg_dsn, path, group):
    name = re.search(r"dbname=(\S+)", pg_dsn).group(1)
    _run("agency", "init", pg_dsn)
    _run("--db", pg_dsn, "agency", "add-user", "dao", "--role", "facilitator")
    dao = pg_server.dsn(name, user="dao")
    _run("--db", str(path), "push", group.id, "--to", dao)
    return dao


def _revoke(pg_dsn, group_id):
    import psycopg

    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        conn.execute("delete from agency.group_facilitators where group_id = %s", [group_id])


def test_a_laptop_copy_is_erased_when_access_to_the_group_ends(laptop, pg_server, pg_dsn):
    path, group = laptop
    dao = _agency_laptop(pg_server, pg_dsn, path, group)
    _revoke(pg_dsn, group.id)
    out = _run("--db", str(path), "pull", group.id, "--from", dao)
    assert "its copy on this laptop was erased" in out
    with Store.open(path) as store:
        assert store.groups() == []
        assert store.count(m.Member) == store.count(m.ParticipationEvent) == 0


def test_unsent_changes_are_reported_then_erased_with_a_revoked_group(laptop, pg_server, pg_dsn):
    path, group = laptop
    dao = _agency_laptop(pg_server, pg_dsn, path, group)
    with Store.open(path) as store:
        issue = store.add(m.GroupIssue(group_id=group.id, title="ค่าเดินทาง"))
    _revoke(pg_dsn, group.id)
    out = _run("--db", str(path), "--lang", "en", "push", group.id, "--to", dao)
    assert "1 changes to the group กลุ่มน้ำ made on this laptop were never sent" in out
    assert f"group issue {issue.id[:8]}" in out
    assert out.index("never sent") < out.index("its copy on this laptop was erased")
    with Store.open(path) as store:
        assert store.groups() == [] and store.group_issues(group.id) == []


def test_a_revoked_group_is_erased_whichever_group_is_synced_and_its_backups_too(
    laptop, pg_server, pg_dsn
):
    from groupwork.safety.backup import backup_database, list_backups

    path, group = laptop
    dao = _agency_laptop(pg_server, pg_dsn, path, group)
    with Store.open(path) as store:
        other = store.add(m.Group(name="กลุ่มบัว"))
        store.add(m.Member(group_id=other.id, real_name="บัว ใจดี", pseudonym="M1"))
        backup_database(store, "manual")
    _run("--db", str(path), "push", other.id, "--to", dao)
    _revoke(pg_dsn, group.id)
    out = _run("--db", str(path), "--lang", "en", "pull", other.id, "--from", dao)
    assert "no longer gives you the group กลุ่มน้ำ" in out
    assert "older backups that still held it were deleted" in out
    with Store.open(path) as store:
        assert [g.name for g in store.groups()] == ["กลุ่มบัว"]
    for info in list_backups(path):
        with Store.open(info.path) as copy:
            assert [g.name for g in copy.groups()] == ["กลุ่มบัว"]


def test_a_session_pushed_by_a_facilitator_appears_in_the_coordinators_view(
    laptop, pg_server, pg_dsn
):
    import psycopg

    path, group = laptop
    name = re.search(r"dbname=(\S+)", pg_dsn).group(1)
    _run("agency", "init", pg_dsn)
    _run("--db", pg_dsn, "agency", "add-user", "dao", "--role", "facilitator")
    _run("--db", pg_dsn, "agency", "add-user", "fon", "--role", "coordinator")
    _run("--db", str(path), "push", group.id, "--to", pg_server.dsn(name, user="dao"))
    with psycopg.connect(pg_server.dsn(name, user="fon")) as conn:
        rows = conn.execute("select number from coordinator.sessions").fetchall()
    assert rows == [(1,)]
    # The group became the pushing facilitator's; another facilitator's push is refused.
    _run("--db", pg_dsn, "agency", "add-user", "porn", "--role", "facilitator")
    out = _run(
        "--db", str(path), "push", group.id, "--to", pg_server.dsn(name, user="porn"), code=1
    )
    assert "is not yours" in out


def test_push_names_each_record_the_server_refused_and_why(laptop, pg_store_dsn):
    path, group = laptop
    _run("--db", str(path), "push", group.id, "--to", pg_store_dsn)
    # Stage 1 started on both sides as two different records: the server keeps one per stage.
    with PgStore.open(pg_store_dsn) as server:
        server.save_stage_progress(m.StageProgress(group_id=group.id, stage=1, narrative="ก"))
    with Store.open(path) as store:
        mine = store.save_stage_progress(m.StageProgress(group_id=group.id, stage=1, narrative="ข"))
    out = _run("--db", str(path), "push", group.id, "--to", pg_store_dsn, code=1)
    assert f"Not sent: stage_progress {mine.id[:8]}: The record does not fit" in out
