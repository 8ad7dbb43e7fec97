"""Linking people while writing: in the recorder's notes and its quick task the worker links a
member and a person around the group (``@`` and Ctrl+L); the review, the digest, ``tasks`` and
the coordinator screen then show the pseudonym and the role, never the names."""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner
from textual.widgets import DataTable, OptionList, TextArea

from groupwork import models as m
from groupwork.cli import cli
from groupwork.privacy import links
from groupwork.store import Store, open_store
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.coordinator import CoordinatorScreen
from groupwork.tui.screens.people_around import PeopleAroundScreen
from groupwork.tui.screens.person_picker import PersonPickerScreen
from groupwork.tui.screens.record_form import RecordFormScreen
from groupwork.tui.screens.recorder import RecorderScreen
from groupwork.tui.screens.stage_workspace import StageWorkspaceScreen
from tests.tui.test_app_basics import screen_text

TODAY = date(2026, 11, 21)
NAMES = ("ฟ้า", "ใจดี", "May Grant", "แดง")


def _seed(path) -> None:
    with Store.open(path) as store:
        store.add(m.Group(id="g1", name="กลุ่มของ ฟ้า ใจดี", current_stage=7))
        store.add(
            m.Member(
                id="fah",
                group_id="g1",
                real_name="ฟ้า ใจดี",
                pseudonym="สมาชิก ก",
                decision=m.SelectionDecision.SELECTED,
            )
        )
        store.add(
            m.Member(
                id="may",
                group_id="g1",
                real_name="May Grant",
                pseudonym="Member B",
                decision=m.SelectionDecision.SELECTED,
            )
        )
        store.add(m.Session(id="s1", group_id="g1", number=1, held_on=TODAY))


class _Recorder(GroupworkApp):
    def open_store(self, passphrase: str | None) -> None:
        self.store = open_store(self.db_path, passphrase=passphrase)
        self.push_screen(RecorderScreen(self.store, "g1", "s1"))


async def _pick(pilot, downs: int) -> None:
    await pilot.pause()
    assert isinstance(pilot.app.screen, PersonPickerScreen)
    await pilot.press(*["down"] * downs, "enter")
    await pilot.pause()


async def test_the_register_screen_adds_a_person_and_refuses_a_role_with_a_name(tmp_path):
    path = tmp_path / "people.db"
    _seed(path)
    app = GroupworkApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(PeopleAroundScreen("g1"))
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Will Park", "tab", *"Will the nurse", "ctrl+s")
        await pilot.pause()
        assert "own name" in screen_text(app)  # refused: the role holds his name
        await pilot.press("tab", "tab", "shift+tab", "ctrl+a")  # back in the role field
        role = app.screen.query_one("#field-role")
        role.value = "the nurse"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PeopleAroundScreen)
        table = app.screen.query_one("#people-table", DataTable)
        assert [str(c) for c in table.get_row_at(0)[:2]] == ["Will Park", "the nurse"]
    with Store.open(path) as store:
        assert [(p.real_name, p.role) for p in store.people_around("g1")] == [
            ("Will Park", "the nurse")
        ]


async def test_links_typed_in_notes_and_a_task_reach_every_door_as_pseudonym_and_role(tmp_path):
    path = tmp_path / "links.db"
    _seed(path)
    with Store.open(path) as store:
        store.add(m.PersonAround(id="daeng", group_id="g1", real_name="แดง", role="ผู้ใหญ่บ้าน"))
        # The group is called after its headman too: the digest's one text is the group's name.
        group = store.get(m.Group, "g1")
        store.save(group.model_copy(update={"name": "กลุ่มของ ฟ้า ใจดี กับ แดง"}))
    shared_name = "กลุ่มของ สมาชิก ก กับ ผู้ใหญ่บ้าน"
    app = _Recorder(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f4", *"Today ", "@")
        await _pick(pilot, 1)  # ฟ้า: members come by pseudonym (Member B, สมาชิก ก)
        await pilot.press(*" said ", "ctrl+l")
        await _pick(pilot, 2)  # แดง, after the two members
        await pilot.press(*" came.")
        # The worker reads the names; the notes saved as typed hold the tokens (below).
        assert app.screen.query_one("#notes", TextArea).text == "Today @ฟ้า ใจดี said @แดง came."
        # Esc in the picker types the @ after all.
        await pilot.press(*" may", "@")
        await pilot.pause()
        assert isinstance(app.screen, PersonPickerScreen)
        assert len(app.screen.query_one(OptionList).options) == 3
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        # A task agreed in the room, its title linking the headman.
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"Call ", "@")
        await _pick(pilot, 2)
        await pilot.press("enter", "space", "tab", *"2026-12-01", "enter")
        await pilot.pause()
    with Store.open(path) as store:
        session = store.get(m.Session, "s1")
        notes = session.notes
        (task,) = store.tasks("g1")
        store.save(session.model_copy(update={"status": m.SessionStatus.HELD}))
    fah, daeng = links.token("m", "fah", "ฟ้า ใจดี"), links.token("p", "daeng", "แดง")
    assert notes == f"Today {fah} said {daeng} came. may@"
    assert task.title == f"Call {daeng}"

    # The review.
    from groupwork.report import generate_review

    with Store.open(path) as store:
        review = generate_review(store, "g1", fmt="md", out=tmp_path / "r.md").read_text()
    assert "Today สมาชิก ก said ผู้ใหญ่บ้าน came." in review
    assert not [name for name in NAMES if name in review]

    # The digest and tasks.
    runner = CliRunner()
    digest = runner.invoke(cli, ["--db", str(path), "digest", "--today", TODAY.isoformat()])
    assert shared_name in digest.output
    tasks = runner.invoke(cli, ["--db", str(path), "tasks", "--json"])
    (row,) = json.loads(tasks.output)
    assert (row["title"], row["group"]) == ("Call ผู้ใหญ่บ้าน", shared_name)
    for output in (digest.output, tasks.output):
        assert not [name for name in NAMES if name in output]

    # The coordinator screen.
    app = GroupworkApp(path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CoordinatorScreen)
        groups = app.screen.query_one("#group-status", DataTable)
        assert str(groups.get_row_at(0)[0]).startswith("กลุ่มของ สมาชิก ก")  # clipped
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#coord-tasks", DataTable)
        group_cell, title = (str(c) for c in table.get_row_at(0)[:2])
        assert group_cell.startswith("กลุ่มของ สมาชิก ก") and title == "Call ผู้ใหญ่บ้าน"
        assert not [name for name in NAMES if name in screen_text(app)]


async def test_a_form_shows_a_link_as_the_name_and_saves_its_token(tmp_path):
    """The worker reads "@name" in the field, never the token; saving stores the token; a link
    with a letter deleted is plain text from then on."""
    path = tmp_path / "form.db"
    _seed(path)
    with Store.open(path) as store:
        store.add(m.PersonAround(id="daeng", group_id="g1", real_name="แดง", role="ผู้ใหญ่บ้าน"))
    fah, daeng = links.token("m", "fah", "ฟ้า ใจดี"), links.token("p", "daeng", "แดง")
    app = GroupworkApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(StageWorkspaceScreen("g1", 7))
        await pilot.pause()

        async def open_narrative() -> TextArea:
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, RecordFormScreen)
            return app.screen.query_one("#field-narrative", TextArea)

        field = await open_narrative()
        await pilot.press("@")
        await _pick(pilot, 1)  # ฟ้า
        await pilot.press(*"ชวน", "ctrl+l")
        await _pick(pilot, 2)  # แดง
        await pilot.press(*"มา")
        assert field.text == "@ฟ้า ใจดีชวน@แดงมา"
        assert "(m:fah)" not in screen_text(app) and "(p:daeng)" not in field.text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StageWorkspaceScreen)
        with Store.open(path) as store:
            assert store.stage_progress("g1")[7].narrative == f"{fah}ชวน{daeng}มา"

        field = await open_narrative()  # reopened: the names again, from the stored tokens
        assert field.text == "@ฟ้า ใจดีชวน@แดงมา"
        field.move_cursor((0, len("@ฟ้า ใจดี")))
        await pilot.press("backspace", "ctrl+s")  # one letter of ฟ้า's link deleted
        await pilot.pause()
    with Store.open(path) as store:
        narrative = store.stage_progress("g1")[7].narrative
    assert narrative == f"@ฟ้า ใจดชวน{daeng}มา"
    assert [link.record_id for link in links.links_in(narrative)] == ["daeng"]


def test_a_field_turns_only_intact_links_back_into_tokens():
    from groupwork.tui.widgets.linking import ShownLinks

    may, fah = links.token("m", "may", "May"), links.token("m", "fah", "ฟ้า")
    shown = ShownLinks()
    assert shown.show(f"{may} met {fah}แล้ว") == "@May met @ฟ้าแล้ว"
    assert shown.stored("@May met @ฟ้าแล้ว") == f"{may} met {fah}แล้ว"
    # Copied, it is the link again; a Latin name run into a word, or cut, is not.
    assert shown.stored("@May, @May") == f"{may}, {may}"
    assert shown.stored("@Mays met @ฟ met May") == "@Mays met @ฟ met May"
    assert shown.stored("no link") == "no link"
