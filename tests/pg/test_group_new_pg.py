"""``groupwork group new`` on an agency database: an administrator creates a group and names
the logins that facilitate it; a facilitator's new group is theirs."""

from __future__ import annotations

from click.testing import CliRunner

from groupwork.cli import cli
from groupwork.store.postgres import PgStore
from tests.pg.test_agency import agency  # noqa: F401  (the fixture)


def _run(dsn, *args: str):
    return CliRunner().invoke(cli, ["--lang", "en", "--db", dsn, *args])


def test_an_admin_creates_a_group_for_two_facilitators(agency, pg_dsn):  # noqa: F811
    dsn, _groups = agency
    result = _run(
        dsn("nam"), "group", "new", "กลุ่มบัว", "--facilitator", "dao", "--facilitator", "porn"
    )
    assert result.exit_code == 0, result.output
    assert "Its facilitators: dao, porn" in result.output
    for login in ("dao", "porn"):
        with PgStore.open(dsn(login)) as store:
            group = store.find_group("กลุ่มบัว")
            assert group.current_stage == 1 and group.facilitators == []
    result = _run(dsn("porn"), "--db", dsn("porn"), "stages", "กลุ่มบัว")
    assert result.exit_code == 0, result.output


def test_a_login_that_is_not_a_facilitator_is_refused_and_nothing_is_created(agency, pg_dsn):  # noqa: F811
    dsn, _groups = agency
    for login in ("fon", "nobody"):
        result = _run(pg_dsn, "group", "new", "กลุ่มบัว", "--facilitator", login)
        assert result.exit_code == 1, result.output
        assert f"{login} is not a facilitator" in result.output and "Traceback" not in result.output
    with PgStore.open(pg_dsn) as store:
        assert "กลุ่มบัว" not in [g.name for g in store.groups()]


def test_a_facilitators_new_group_is_theirs(agency):  # noqa: F811
    dsn, _groups = agency
    assert _run(dsn("dao"), "group", "new", "กลุ่มฟ้า").exit_code == 0
    with PgStore.open(dsn("dao")) as store:
        assert "กลุ่มฟ้า" in [g.name for g in store.groups()]
    with PgStore.open(dsn("porn")) as store:
        assert "กลุ่มฟ้า" not in [g.name for g in store.groups()]


def test_adding_a_facilitator_to_a_group_not_yet_created_says_how_to_create_it(agency, pg_dsn):  # noqa: F811
    result = _run(pg_dsn, "agency", "add-user", "porn", "--role", "facilitator", "--group", "กลุ่มบัว")
    assert result.exit_code == 1
    assert "groupwork group new กลุ่มบัว --facilitator LOGIN" in result.output
