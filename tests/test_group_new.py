"""``groupwork group new NAME``: a group made from the command line as the new-group screen
makes it (stage 1 started), refused in words when the name is taken or empty."""

from __future__ import annotations

from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.store import Store


def _run(db, *args: str):
    return CliRunner().invoke(cli, ["--lang", "en", "--db", str(db), *args])


def test_a_group_is_created_at_stage_one_with_its_facilitators(tmp_path):
    db = tmp_path / "g.db"
    result = _run(db, "group", "new", "กลุ่มบัว", "--facilitator", "นิด ใจดี")
    assert result.exit_code == 0, result.output
    assert "Created the group กลุ่มบัว" in result.output
    store = Store.open(db)
    (group,) = store.groups()
    assert group.facilitators == ["นิด ใจดี"] and group.current_stage == 1
    assert store.get(m.Group, group.id).status == m.GroupStatus.ACTIVE
    store.close()


def test_a_taken_or_empty_name_is_refused_and_nothing_is_added(tmp_path):
    db = tmp_path / "g.db"
    assert _run(db, "group", "new", "กลุ่มบัว").exit_code == 0
    for name, said in (("กลุ่มบัว", "already exists"), ("  ", "must not be empty")):
        result = _run(db, "group", "new", name)
        assert result.exit_code == 1 and said in result.output
        assert "Traceback" not in result.output
    store = Store.open(db)
    assert len(store.groups()) == 1
    store.close()
