"""Red team, part 3: the audit log is tamper-evident (issue 18).

Each entry is chained to the one before it by a hash the server computes; ``groupwork agency
verify-audit`` recomputes the chain and names the first entry that was changed or removed, and
each laptop notices at its next pull when someone with the server's keys rewrote the log and
recomputed every hash after the rewrite.
"""

from __future__ import annotations

import threading

from click.testing import CliRunner

from groupwork.cli import cli
from groupwork.store import Store
from groupwork.store.audit_chain import entry_hash, verify_chain
from groupwork.store.postgres import PgStore

ROWS = (
    "select id, at, actor, table_name, record_id, group_id, action, columns, previous_hash, "
    "hash from public.audit_log order by id"
)
# What someone with the server's keys does: the append-only trigger set aside, a line changed.
UNGUARD = "alter table public.audit_log disable trigger audit_log_no_change"
REGUARD = "alter table public.audit_log enable trigger audit_log_no_change"
# ... and then every hash from there on computed again, so the chain looks whole.
RECHAIN = """
do $$
declare entry record; previous text; new_hash text;
begin
    for entry in select * from public.audit_log order by id loop
        new_hash := public.groupwork_audit_entry_hash(previous, entry.id, entry.at,
            entry.actor, entry.table_name, entry.record_id, entry.group_id, entry.action,
            entry.columns);
        update public.audit_log set previous_hash = previous, hash = new_hash
        where id = entry.id;
        previous := new_hash;
    end loop;
end $$
"""


def _more_entries(agency, count: int = 3) -> None:
    """dao edits their member ``count`` times: one audit entry each."""
    with PgStore.open(agency.dsn("dao")) as store:
        member = agency.members["dao"]
        for n in range(count):
            store.save(member.model_copy(update={"notes": f"ครั้งที่ {n}"}))


def _verify(agency, login: str = "nam"):
    return CliRunner().invoke(cli, ["agency", "verify-audit", agency.dsn(login)])


def test_every_entry_is_chained_by_the_server_and_the_chain_checks(red_agency):
    agency = red_agency
    _more_entries(agency)
    with agency.superuser() as conn:
        rows = conn.execute(ROWS).fetchall()
    assert len(rows) == 5  # each group's member inserted, dao's edited three times
    previous = None
    for row in rows:
        assert row["previous_hash"] == previous
        assert row["hash"] == entry_hash(previous, row)
        previous = row["hash"]
    check = verify_chain(rows)
    assert check.broken is None and check.head_id == rows[-1]["id"]
    result = _verify(agency)
    assert result.exit_code == 0, result.output
    assert f"its {len(rows)} entries are each chained" in result.output
    assert f"entry {rows[-1]['id']}" in result.output


def test_only_an_admin_checks_the_whole_log(red_agency):
    result = _verify(red_agency, "dao")
    assert result.exit_code == 1
    assert "Only the agency's administrators" in result.output
    result = CliRunner().invoke(
        cli, ["--lang", "th", "agency", "verify-audit", red_agency.dsn("dao")]
    )
    assert result.exit_code == 1 and "ผู้ดูแลระบบ" in result.output


def test_the_actor_and_moment_are_the_servers_even_for_the_owners_own_insert(red_agency):
    with red_agency.superuser() as conn:
        conn.execute(
            "insert into public.audit_log (at, actor, table_name, record_id, action, hash) "
            "values ('2020-01-01', 'someone', 'members', 'x', 'erase', 'forged')"
        )
        row = conn.execute(ROWS + " desc limit 1").fetchone()
    assert row["actor"] != "someone" and row["at"] != "2020-01-01"
    assert row["hash"] == entry_hash(row["previous_hash"], row)


def test_a_changed_entry_is_named(red_agency):
    _more_entries(red_agency)
    with red_agency.superuser() as conn:
        ids = [r["id"] for r in conn.execute(ROWS)]
        conn.execute(UNGUARD)
        conn.execute("update public.audit_log set actor = 'someone' where id = %s", [ids[1]])
        conn.execute(REGUARD)
    result = _verify(red_agency)
    assert result.exit_code == 1
    assert f"entry {ids[1]} (written " in result.output
    assert "was changed after it was written" in result.output
    result = CliRunner().invoke(
        cli, ["--lang", "th", "agency", "verify-audit", red_agency.dsn("nam")]
    )
    assert result.exit_code == 1 and "ถูกแก้" in result.output


def test_a_removed_entry_is_named(red_agency):
    _more_entries(red_agency)
    with red_agency.superuser() as conn:
        ids = [r["id"] for r in conn.execute(ROWS)]
        conn.execute(UNGUARD)
        conn.execute("delete from public.audit_log where id = %s", [ids[1]])
        conn.execute(REGUARD)
    result = _verify(red_agency)
    assert result.exit_code == 1
    assert f"between entry {ids[0]} and entry {ids[2]}" in result.output
    with red_agency.superuser() as conn:
        conn.execute(UNGUARD)
        conn.execute("delete from public.audit_log where id = %s", [ids[0]])
        conn.execute(REGUARD)
    assert f"entries before entry {ids[2]}" in _verify(red_agency).output


def test_a_laptop_catches_a_rewrite_whose_hashes_were_recomputed(red_agency, tmp_path):
    agency = red_agency
    laptop = str(tmp_path / "laptop.db")
    group = agency.groups["dao"]

    def pull():
        return CliRunner().invoke(
            cli, ["--db", laptop, "pull", group.name, "--from", agency.dsn("dao")]
        )

    first = pull()
    assert first.exit_code == 0, first.output
    assert "WARNING" not in first.output
    with Store.open(laptop) as store:
        [head] = list(store.db["sync_audit_heads"].rows)
    # More work on the server, by the book: the laptop follows without a word.
    with PgStore.open(agency.dsn("dao")) as server:
        member = agency.members["dao"]
        server.save(member.model_copy(update={"notes": "ย้ายบ้าน"}))
    second = pull()
    assert second.exit_code == 0 and "WARNING" not in second.output
    # Someone with the server's keys removes the first entry and recomputes every hash.
    with agency.superuser() as conn:
        conn.execute(UNGUARD)
        conn.execute("delete from public.audit_log where id = (select min(id) from audit_log)")
        conn.execute(RECHAIN)
        conn.execute(REGUARD)
    assert _verify(agency).exit_code == 0  # the chain alone looks whole now
    third = pull()
    assert "WARNING: the agency database's audit log was rewritten" in third.output
    assert "now has the hash" in third.output
    # It says so again at the next push or pull: the laptop keeps what it saw.
    fourth = CliRunner().invoke(
        cli, ["--db", laptop, "--lang", "th", "push", group.name, "--to", agency.dsn("dao")]
    )
    assert "ถูกเขียนใหม่" in fourth.output
    with Store.open(laptop) as store:
        kept = store.db["sync_audit_heads"].get(head["remote"])
    assert kept["entry_id"] > head["entry_id"]  # the head of the second pull, kept


def test_concurrent_writers_keep_one_chain(red_agency):
    agency = red_agency
    errors: list[BaseException] = []

    def edit(login: str) -> None:
        try:
            with PgStore.open(agency.dsn(login)) as store:
                member = agency.members[login]
                for n in range(15):
                    store.save(member.model_copy(update={"notes": f"ครั้งที่ {n}"}))
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=edit, args=(login,)) for login in ("dao", "porn")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with agency.superuser() as conn:
        rows = conn.execute(ROWS).fetchall()
    assert verify_chain(rows).broken is None
    assert len(rows) >= 30


def test_an_admins_laptop_catches_the_newest_entries_removed(red_agency, tmp_path):
    """Removing the newest entries leaves a whole chain; the head checked last tells."""
    agency = red_agency
    _more_entries(agency)
    laptop = tmp_path / "nam.db"
    Store.open(laptop).close()
    args = ["--db", str(laptop), "agency", "verify-audit", agency.dsn("nam")]
    assert CliRunner().invoke(cli, args).exit_code == 0
    with agency.superuser() as conn:
        conn.execute(UNGUARD)
        conn.execute("delete from public.audit_log where id = (select max(id) from audit_log)")
        conn.execute(REGUARD)
    assert _verify(agency).exit_code == 0  # without this machine's memory: looks whole
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "is gone from it" in result.output
