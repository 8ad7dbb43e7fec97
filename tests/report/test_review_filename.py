"""The review's default file name never carries a member's real name (the file name travels
further than the file: e-mail subjects, shared folders)."""

from __future__ import annotations

from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.report import shareable_filename
from groupwork.store import Store


def _group_named_after_a_member(path) -> str:
    with Store.open(path) as store:
        group = store.add(m.Group(name="กลุ่มคุณสมศรี บ้านหนองบัว"))
        store.add(
            m.Member(
                group_id=group.id,
                real_name="สมศรี ใจดี",
                pseudonym="ส01",
                decision=m.SelectionDecision.SELECTED,
            )
        )
        return group.id


def test_default_file_name_is_made_from_the_scrubbed_group_name(db_path):
    group_id = _group_named_after_a_member(db_path)
    with Store.open(db_path) as store:
        name = shareable_filename(store, group_id, "md", "th")
    assert "สมศรี" not in name
    assert name.startswith("review-") and name.endswith("-th.md") and "ส01" in name


def test_review_command_default_file_name_has_no_real_name(db_path, tmp_path, monkeypatch):
    _group_named_after_a_member(db_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        cli,
        ["--db", str(db_path), "review", "กลุ่มคุณสมศรี บ้านหนองบัว", "--format", "md"],
    )
    assert result.exit_code == 0, result.output
    written = [p.name for p in tmp_path.glob("review-*.md")]
    assert len(written) == 1, written
    assert "สมศรี" not in written[0]
