"""Opening a database that needs updating says which step of how many is running."""

from __future__ import annotations

from groupwork import i18n
from groupwork import models as m
from groupwork.store import Store
from groupwork.store.migrations import upgrade_pending
from groupwork.store.upgrade_progress import upgrade_listener, upgrade_message

# Two shipped migrations that can run again on a current file (they clean text, make indexes).
AGAIN = ["m004_safefiles_clean_text", "m120_coord_indexes"]


def _as_if_older(db_path) -> None:
    with Store.open(db_path) as store:
        store.add(m.Group(name="กลุ่มดาว"))
        for name in AGAIN:
            store.db["_sqlite_migrations"].delete_where("name = ?", [name])


def test_each_step_of_an_update_is_told_and_a_new_file_says_nothing(db_path):
    steps: list[tuple[int, int]] = []
    with upgrade_listener(lambda step, of: steps.append((step, of))):
        Store.open(db_path).close()
        assert steps == []  # created, not updated
        _as_if_older(db_path)
        assert upgrade_pending(db_path)
        Store.open(db_path).close()
    assert steps == [(1, 2), (2, 2)]
    assert not upgrade_pending(db_path)
    with Store.open(db_path) as store:
        assert [g.name for g in store.groups()] == ["กลุ่มดาว"]


def test_no_listener_no_steps_and_the_same_result(db_path):
    _as_if_older(db_path)
    Store.open(db_path).close()
    assert not upgrade_pending(db_path)


def test_what_cannot_be_read_needs_no_update(tmp_path):
    assert not upgrade_pending(tmp_path / "none.db")
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    assert not upgrade_pending(tmp_path / "junk.db")
    assert not upgrade_pending(":memory:")


def test_the_message_in_thai_and_english():
    with i18n.use_language("en"):
        assert upgrade_message(2, 7) == "Updating the database (2 of 7)…"
    with i18n.use_language("th"):
        assert "2" in upgrade_message(2, 7) and "ฐานข้อมูล" in upgrade_message(2, 7)


def test_the_cli_shows_the_steps_on_a_terminal_only(db_path, monkeypatch):
    import io

    from click.testing import CliRunner

    from groupwork.cli import cli
    from groupwork.commands import context

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    shown = Terminal()
    monkeypatch.setattr(context, "_stderr", lambda: shown)
    _as_if_older(db_path)
    result = CliRunner().invoke(cli, ["--db", str(db_path), "--lang", "en", "groups"])
    assert result.exit_code == 0, result.output
    assert "Updating" not in result.output  # the command's own output is as before
    assert shown.getvalue() == (
        "\rUpdating the database (1 of 2)…\rUpdating the database (2 of 2)…\n"
    )
