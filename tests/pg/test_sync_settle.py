"""Conflicts kept on the laptop and settled by a person; push naming what the server refused
while the rest lands; each laptop's last sync as the admin and a facilitator see it."""

from __future__ import annotations

import re
from datetime import date

import psycopg
import pytest
from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.store import Store
from groupwork.store.postgres import PgStore
from groupwork.store.sync_state import laptop_id


def _run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture
def laptop(tmp_path):
    """A laptop file with one group: two members and a held session, pushed nowhere yet."""
    path = tmp_path / "laptop.db"
    with Store.open(path) as store:
        group = store.add(m.Group(name="กลุ่มฝน"))
        store.add(m.Member(group_id=group.id, real_name="พร ใจดี", pseudonym="M1"))
        store.add(m.Member(group_id=group.id, real_name="น้ำ สุขใจ", pseudonym="M2"))
        store.add(m.Session(group_id=group.id, number=1, held_on=date(2026, 3, 2)))
    return path, group


def _conflict_on_notes(path, group, dsn):
    """Push, then change M1's notes on the laptop and on the server: the next push conflicts."""
    _run("--db", str(path), "push", group.id, "--to", dsn)
    with Store.open(path) as store:
        member = store.find_member(group.id, "M1")
        store.save(member.model_copy(update={"notes": "เยี่ยมที่บ้าน"}))
    with PgStore.open(dsn) as server:
        server.save(member.model_copy(update={"notes": "พบที่สำนักงาน"}))
    out = _run("--db", str(path), "push", group.id, "--to", dsn, code=1)
    assert "Nothing was overwritten" in out
    return member


def _conflict_id(path) -> str:
    out = _run("--db", str(path), "conflicts")
    return re.search(r"^([0-9a-f]{8})  member ", out, re.M).group(1)


def test_a_conflict_is_listed_with_both_values_and_kept_until_settled(laptop, pg_store_dsn):
    path, group = laptop
    member = _conflict_on_notes(path, group, pg_store_dsn)
    out = _run("--db", str(path), "conflicts", "กลุ่มฝน")
    assert f"member {member.id[:8]} (found " in out
    assert "notes: this laptop «เยี่ยมที่บ้าน», agency database «พบที่สำนักงาน»" in out
    # A pull lists it again and overwrites neither side.
    _run("--db", str(path), "pull", group.id, "--from", pg_store_dsn, code=1)
    with Store.open(path) as store, PgStore.open(pg_store_dsn) as server:
        assert store.get(m.Member, member.id).notes == "เยี่ยมที่บ้าน"
        assert server.get(m.Member, member.id).notes == "พบที่สำนักงาน"
    # Found again by the pull, the same conflict: this laptop's value still on the left.
    out = _run("--db", str(path), "conflicts", group.id)
    assert "notes: this laptop «เยี่ยมที่บ้าน», agency database «พบที่สำนักงาน»" in out
    assert len(re.findall(r"^[0-9a-f]{8}  ", out, re.M)) == 1


def test_settling_keep_mine_sends_the_laptops_version_at_the_next_push(laptop, pg_store_dsn):
    path, group = laptop
    member = _conflict_on_notes(path, group, pg_store_dsn)
    out = _run("--db", str(path), "conflicts", "settle", _conflict_id(path), "--keep", "mine")
    assert "the next push sends it" in out
    assert "No conflicts" in _run("--db", str(path), "conflicts", group.id)
    assert "0 new, 1 changed, 0 erased" in _run(
        "--db", str(path), "push", group.id, "--to", pg_store_dsn
    )
    assert "0 new, 0 changed, 0 erased" in _run(
        "--db", str(path), "pull", group.id, "--from", pg_store_dsn
    )
    with Store.open(path) as store, PgStore.open(pg_store_dsn) as server:
        assert store.get(m.Member, member.id) == server.get(m.Member, member.id)
        assert server.get(m.Member, member.id).notes == "เยี่ยมที่บ้าน"


def test_settling_keep_theirs_takes_the_servers_version_on_the_laptop(laptop, pg_store_dsn):
    path, group = laptop
    member = _conflict_on_notes(path, group, pg_store_dsn)
    out = _run("--db", str(path), "conflicts", "settle", _conflict_id(path), "--keep", "theirs")
    assert "both sides agree now" in out
    with Store.open(path) as store:
        assert store.get(m.Member, member.id).notes == "พบที่สำนักงาน"
    out = _run("--db", str(path), "push", group.id, "--to", pg_store_dsn)
    assert "Conflict" not in out
    with Store.open(path) as store, PgStore.open(pg_store_dsn) as server:
        assert store.get(m.Member, member.id) == server.get(m.Member, member.id)


def test_an_erasure_against_a_change_is_a_conflict_and_keep_mine_erases_there(laptop, pg_store_dsn):
    path, group = laptop
    with Store.open(path) as store:
        task = store.save(m.Task(group_id=group.id, title="โทรหาคลินิก"))
    _run("--db", str(path), "push", group.id, "--to", pg_store_dsn)
    with Store.open(path) as store:
        store.delete(m.Task, task.id)
    with PgStore.open(pg_store_dsn) as server:
        server.save(task.model_copy(update={"title": "โทรหาคลินิกอีกครั้ง"}))
    _run("--db", str(path), "push", group.id, "--to", pg_store_dsn, code=1)
    with PgStore.open(pg_store_dsn) as server:  # the tombstone did not erase a changed task
        assert server.get(m.Task, task.id).title == "โทรหาคลินิกอีกครั้ง"
    out = _run("--db", str(path), "conflicts")
    assert "erased on this laptop, changed on the other side" in out
    conflict = re.search(r"^([0-9a-f]{8})  task ", out, re.M).group(1)
    _run("--db", str(path), "conflicts", "settle", conflict, "--keep", "mine")
    assert "0 new, 0 changed, 1 erased" in _run(
        "--db", str(path), "push", group.id, "--to", pg_store_dsn
    )
    with PgStore.open(pg_store_dsn) as server:
        assert server.records_of_group(m.Task, group.id) == []


def test_settling_an_unknown_conflict_says_so_and_changes_nothing(laptop):
    path, _group = laptop
    out = _run("--db", str(path), "conflicts", "settle", "abcd1234", "--keep", "mine", code=1)
    assert "No conflict abcd1234 on this laptop" in out


def test_a_refused_record_is_named_and_the_rest_of_the_push_lands(laptop, pg_store_dsn):
    path, group = laptop
    _run("--db", str(path), "push", group.id, "--to", pg_store_dsn)
    with PgStore.open(pg_store_dsn) as server:  # stage 1 begun on the server meanwhile
        server.save_stage_progress(m.StageProgress(group_id=group.id, stage=1, narrative="ก"))
    with Store.open(path) as store:
        mine = store.save_stage_progress(m.StageProgress(group_id=group.id, stage=1, narrative="ข"))
        session = store.add(m.Session(group_id=group.id, number=2, held_on=date(2026, 3, 9)))
    out = _run("--db", str(path), "push", group.id, "--to", pg_store_dsn, code=1)
    assert f"Not sent: stage_progress {mine.id[:8]}: " in out
    assert "(stage record)" in out
    assert "Everything else was sent" in out
    with PgStore.open(pg_store_dsn) as server:
        assert server.get(m.Session, session.id) == session
        assert server.stage_progress(group.id)[1].narrative == "ก"


def _agency(pg_server, pg_dsn):
    name = re.search(r"dbname=(\S+)", pg_dsn).group(1)
    _run("agency", "init", pg_dsn)
    for login, role in (("dao", "facilitator"), ("porn", "facilitator"), ("fon", "coordinator")):
        _run("--db", pg_dsn, "agency", "add-user", login, "--role", role)
    _run("--db", pg_dsn, "agency", "add-user", "sukh", "--role", "admin")
    return {login: pg_server.dsn(name, user=login) for login in ("dao", "porn", "fon", "sukh")}


def test_each_laptops_last_sync_as_the_admin_and_each_facilitator_see_it(
    laptop, pg_server, pg_dsn, tmp_path
):
    path, group = laptop
    dsn = _agency(pg_server, pg_dsn)
    _run("--db", str(path), "push", group.id, "--to", dsn["dao"])
    _run("--db", str(path), "pull", group.id, "--from", dsn["dao"])
    other = tmp_path / "porn.db"
    with Store.open(other) as store:
        store.add(m.Group(name="กลุ่มดาว"))
    _run("--db", str(other), "push", "กลุ่มดาว", "--to", dsn["porn"])
    with Store.open(path) as store:
        dao_laptop = laptop_id(store)
        assert laptop_id(store) == dao_laptop  # stable: made once, kept in the file
    with Store.open(other) as store:
        porn_laptop = laptop_id(store)
    # The admin sees both laptops, the latest sync of each: dao's pull, porn's push.
    out = _run("agency", "syncs", dsn["sukh"])
    assert re.search(rf"laptop {dao_laptop}  dao  กลุ่มฝน  pull .*0 new", out)
    assert re.search(rf"laptop {porn_laptop}  porn  กลุ่มดาว  push .*: 1 new", out)
    assert len(out.strip().splitlines()) == 2
    # Each facilitator sees their own only.
    out = _run("agency", "syncs", dsn["dao"])
    assert dao_laptop in out and porn_laptop not in out
    # The coordinator has no right to the record of syncs; the server refuses.
    assert "for the agency's administrators" in _run("agency", "syncs", dsn["fon"], code=1)
    # Nor may a facilitator write a sync under someone else's login, even by hand.
    with psycopg.connect(dsn["dao"]) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(
            "insert into sync_log (id, laptop_id, login, group_id, direction, at) "
            "values ('x', 'x', 'porn', 'x', 'push', '2026-03-02')"
        )


def test_losing_a_group_erases_it_at_the_next_push_and_the_admin_sees_that_sync(
    laptop, pg_server, pg_dsn
):
    path, group = laptop
    dsn = _agency(pg_server, pg_dsn)
    _run("--db", str(path), "push", group.id, "--to", dsn["dao"])
    # The admin takes dao off the group's facilitators, through their own login and rights.
    out = _run("--db", dsn["sukh"], "agency", "remove-user", "dao", "--group", "กลุ่มฝน")
    assert "dao no longer facilitates: กลุ่มฝน" in out
    assert "Nothing was changed" in _run(
        "--db", dsn["sukh"], "agency", "remove-user", "dao", "--group", "กลุ่มฝน"
    )
    out = _run("--db", str(path), "push", group.id, "--to", dsn["dao"])
    assert "its copy on this laptop was erased" in out
    with Store.open(path) as store:
        assert store.groups() == [] and store.count(m.Member) == 0
    out = _run("agency", "syncs", dsn["sukh"])
    assert re.search(r"dao  กลุ่มฝน  push .*: 0 new, 0 changed, 4 erased", out)


def test_a_session_recorded_offline_reaches_the_coordinator_without_real_names(
    laptop, pg_server, pg_dsn, tmp_path
):
    path, group = laptop
    dsn = _agency(pg_server, pg_dsn)
    _run("--db", str(path), "push", group.id, "--to", dsn["dao"])
    # A second laptop of dao's pulls the group and, with no network, records session 2.
    field = tmp_path / "field.db"
    _run("--db", str(field), "pull", "กลุ่มฝน", "--from", dsn["dao"])
    with Store.open(field) as store:
        session = store.add(m.Session(group_id=group.id, number=2, held_on=date(2026, 3, 9)))
        member = store.find_member(group.id, "M2")
        store.record_turn(m.ParticipationEvent(session_id=session.id, actor_id=member.id))
    assert "2 new" in _run("--db", str(field), "push", group.id, "--to", dsn["dao"])
    with psycopg.connect(dsn["fon"]) as conn:
        numbers = conn.execute("select number from coordinator.sessions order by number")
        assert [r[0] for r in numbers] == [1, 2]
        turns = conn.execute(
            "select m.pseudonym from coordinator.participation_events e "
            "join coordinator.members m on m.id = e.actor_id where e.session_id = %s",
            [session.id],
        ).fetchall()
        assert turns == [("M2",)]
        # The view's real_name is the pseudonym (the app's lookups by name find it).
        names = conn.execute("select real_name, pseudonym from coordinator.members").fetchall()
        assert all(real == pseudonym for real, pseudonym in names)
