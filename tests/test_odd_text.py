"""Text neither engine can take (a lone surrogate, NUL) and text that disguises itself (bidi
controls) are refused with a clear message on SQLite and on PostgreSQL alike, on the way in as
a record and as a lookup; nothing is changed (issue 13)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from groupwork import models as m
from groupwork.cli import cli
from groupwork.errors import InvalidInputError, NotFoundError
from groupwork.store import open_store

SURROGATE = "กลุ่ม\udcff"  # bytes that were not UTF-8, as Python hands them over
NUL = "กลุ่ม\x00ดาว"
BIDI = "กลุ่ม\u202eดาว"


@pytest.mark.parametrize("bad", [SURROGATE, NUL, BIDI])
def test_a_record_with_odd_text_is_refused_and_nothing_stored(store, bad):
    with pytest.raises(ValidationError):
        m.Group(name=bad)
    with pytest.raises(ValidationError):
        m.Group(id=bad, name="ฝน")
    group = store.add(m.Group(name="ฝน"))
    with pytest.raises(ValidationError):
        group.name = bad
    assert [g.name for g in store.groups()] == ["ฝน"]


@pytest.mark.parametrize("bad", [SURROGATE, NUL])
def test_a_lookup_with_text_no_engine_stores_is_a_clear_refusal(store, bad):
    group = store.add(m.Group(name="ฝน"))
    for lookup in (
        lambda: store.find_group(bad),
        lambda: store.get(m.Group, bad),
        lambda: store.members(bad),
        lambda: store.sessions(bad),
    ):
        with pytest.raises(InvalidInputError, match="U\\+(DCFF|0000)"):
            lookup()
    assert store.get(m.Group, group.id).name == "ฝน"


def test_a_lookup_with_a_direction_override_finds_nothing(store):
    store.add(m.Group(name="ดาว"))
    with pytest.raises(NotFoundError):
        store.find_group(BIDI)


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "odd.db")
    return request.getfixturevalue("pg_store_dsn")


@pytest.mark.parametrize("bad", [SURROGATE, NUL, BIDI])
def test_the_cli_refuses_odd_group_names_on_both_engines(location, bad):
    with open_store(location) as store:
        store.add(m.Group(name="น้ำ"))
    result = CliRunner().invoke(cli, ["--lang", "en", "--db", location, "stages", bad])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "No group called" in result.output or "holds a" in result.output
    with open_store(location) as store:
        assert [g.name for g in store.groups()] == ["น้ำ"]
