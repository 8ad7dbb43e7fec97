"""A coordinator login uses the app unchanged: its queries read the pseudonymised views.

``agency add-user --role coordinator`` sets the login's ``search_path`` to the ``coordinator``
schema first, so the store's queries (the coordinator's screen, ``status``, ``groups``,
``tasks``, ``digest``) run through the views, which carry no real names.
"""

from __future__ import annotations

from click.testing import CliRunner

from groupwork.cli import cli
from groupwork.store.postgres import PgStore
from tests.pg.test_agency import agency  # noqa: F401  (the fixture)


def _run(*args: str):
    return CliRunner().invoke(cli, ["--lang", "en", *args])


def test_a_coordinator_login_sees_every_group_through_the_cli_without_real_names(agency):  # noqa: F811
    dsn, groups = agency
    for command in (["status"], ["groups"], ["tasks"]):
        result = _run("--db", dsn("fon"), *command)
        assert result.exit_code == 0, (command, result.output)
        assert "Traceback" not in result.output
        assert "สมศรี" not in result.output and "สุข ใจดี" not in result.output, command
    listed = _run("--db", dsn("fon"), "groups").output
    assert "กลุ่มดาว" in listed and "กลุ่มพร" in listed
    tasks = _run("--db", dsn("fon"), "tasks").output
    assert tasks.count("โทรหาคลินิก") == 2 and "M1" in tasks


def test_a_coordinator_store_reads_the_views_and_may_move_a_task(agency):  # noqa: F811
    from datetime import date

    from groupwork import models as m
    from groupwork.operations.tasks import move_task

    dsn, groups = agency
    with PgStore.open(dsn("fon")) as store:
        assert {g.id for g in store.groups()} == {g.id for g in groups.values()}
        members = store.members(groups["dao"].id)
        assert [x.pseudonym for x in members] == ["M1"]
        assert all("สมศรี" not in x.real_name for x in members)
        (task,) = store.tasks(groups["dao"].id)
        move_task(store, task.id, m.TaskStatus.DONE, date(2026, 3, 9))
    with PgStore.open(dsn("dao")) as store:
        (task,) = store.tasks(groups["dao"].id)
        assert task.status == m.TaskStatus.DONE and task.done_on == date(2026, 3, 9)


def test_a_coordinator_may_change_nothing_but_a_tasks_status(agency):  # noqa: F811
    import pytest

    from groupwork import models as m
    from groupwork.errors import NotYoursError

    dsn, groups = agency
    with PgStore.open(dsn("fon")) as store:
        (member,) = store.members(groups["porn"].id)
        with pytest.raises(NotYoursError, match="task's status"):
            store.save(member.model_copy(update={"pseudonym": "X"}))
        with pytest.raises(NotYoursError):
            store.add(m.Group(name="กลุ่มใหม่"))
    with PgStore.open(dsn("porn")) as store:
        assert [x.pseudonym for x in store.members(groups["porn"].id)] == ["M1"]
        assert [g.name for g in store.groups()] == ["กลุ่มพร"]


def test_the_owner_can_work_as_a_login_for_measuring(agency, pg_dsn):  # noqa: F811
    # The benchmarks measure each kind of login from one owner connection (PgStore.act_as).
    dsn, groups = agency
    with PgStore.open(pg_dsn) as store:
        assert store.durability().keys() == {"fsync", "synchronous_commit"}
        store.act_as("fon")
        assert store.views_only  # a coordinator: the views, as when fon logs in
        assert [x.pseudonym for x in store.members(groups["dao"].id)] == ["M1"]
        assert all("สมศรี" not in x.real_name for x in store.members(groups["dao"].id))
        store.act_as("dao")
        assert not store.views_only
        assert {g.id for g in store.groups()} == {groups["dao"].id}
        # A worker thread's second connection (the coordinator's task count) reads as the
        # same role: dao's group only, as the tables; then as fon, through the views.
        with store.worker_reader() as reader:
            assert not reader.views_only
            assert {g.id for g in reader.groups()} == {groups["dao"].id}
        store.act_as("fon")
        with store.worker_reader() as reader:
            assert reader.views_only
            assert [x.pseudonym for x in reader.members(groups["dao"].id)] == ["M1"]
