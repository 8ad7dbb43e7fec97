"""Erasure wins over every conflict (issue 18): a member erased on the server cannot come back
from a laptop that changed her meanwhile, by push, by pull or by settling a conflict."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.safety.erasure import erase_member
from groupwork.store import Store
from groupwork.store.postgres import PgStore
from tests.pg.test_sync import laptop  # noqa: F401  (the fixture)


def _run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(cli, ["--lang", "en", *args])
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture
def synced(laptop, pg_store_dsn):  # noqa: F811
    """The laptop group of test_sync (พร with a consent, ดาว) pushed to the server."""
    path, group = laptop
    _run("--db", str(path), "push", group.id, "--to", pg_store_dsn)
    with Store.open(path) as store:
        porn = store.find_member(group.id, "M1")
    return path, group, porn


def _names_on(store, group_id: str) -> str:
    texts = [x.model_dump_json() for x in store.members(group_id)]
    texts += [t.model_dump_json() for t in store.tasks(group_id)]
    return " ".join(texts)


@pytest.mark.parametrize("first", ["pull", "push"])
def test_a_laptops_edits_cannot_bring_back_a_member_erased_on_the_server(
    synced, pg_store_dsn, first
):
    path, group, porn = synced
    with Store.open(path) as store:  # offline: her notes, and a task naming her
        store.save(store.get(m.Member, porn.id).model_copy(update={"notes": "ย้ายบ้าน"}))
        task = store.tasks(group.id)[0]
        store.save(task.model_copy(update={"title": "นัดเยี่ยมบ้านพร ใจดี"}))
    with PgStore.open(pg_store_dsn) as server:
        code = erase_member(server, porn.id).code
    direction = ["--to"] if first == "push" else ["--from"]
    out = _run("--db", str(path), first, group.id, *direction, pg_store_dsn)
    assert "Conflict" not in out
    _run("--db", str(path), "push", group.id, "--to", pg_store_dsn)
    with Store.open(path) as store, PgStore.open(pg_store_dsn) as server:
        for side in (store, server):
            member = side.get(m.Member, porn.id)
            assert member.erased and member.real_name == code
            assert "พร" not in _names_on(side, group.id)
        assert store.group_consents(group.id) == []
    assert "0 new, 0 changed, 0 erased" in _run(
        "--db", str(path), "push", group.id, "--to", pg_store_dsn
    )


def test_a_conflict_kept_before_cannot_be_settled_against_the_erasure(synced, pg_store_dsn):
    from groupwork.operations.sync_settle import settle
    from groupwork.store.sync_state import keep_conflicts

    path, group, porn = synced
    with Store.open(path) as store:
        mine = store.get(m.Member, porn.id)
        theirs = mine.model_copy(
            update={"real_name": "ANON-1", "pseudonym": "ANON-1", "erased": True}
        )
        keep_conflicts(
            store,
            "server",
            group.id,
            [
                {
                    "id": "c0ffee01",
                    "table_name": "members",
                    "record_id": porn.id,
                    "fields": '["real_name"]',
                    "mine": mine.model_dump_json(),
                    "theirs": theirs.model_dump_json(),
                    "found_at": "2026-03-02T10:00:00+07:00",
                }
            ],
        )
        with pytest.raises(Exception, match="cannot be undone"):
            settle(store, "c0ffee01", "mine")
        assert store.get(m.Member, porn.id).real_name == "พร ใจดี"
        settle(store, "c0ffee01", "theirs")
        assert store.get(m.Member, porn.id).erased


def test_an_erasure_made_on_the_laptop_wins_over_a_change_made_on_the_server(synced, pg_store_dsn):
    path, group, porn = synced
    with PgStore.open(pg_store_dsn) as server:
        server.save(server.get(m.Member, porn.id).model_copy(update={"notes": "พร ย้ายบ้าน"}))
    with Store.open(path) as store:
        code = erase_member(store, porn.id).code
    out = _run("--db", str(path), "push", group.id, "--to", pg_store_dsn)
    assert "Conflict" not in out
    with PgStore.open(pg_store_dsn) as server:
        member = server.get(m.Member, porn.id)
        assert member.erased and member.real_name == code and member.notes == ""
        assert server.group_consents(group.id) == []
