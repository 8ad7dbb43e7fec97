"""Erasure reaches every group where the person is named (issue 8, item 5), with Thai names
that are ordinary words (พร, ดาว), and the backup after it holds the erased state only."""

from __future__ import annotations

from datetime import date

from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.safety.backup import backup_database, list_backups
from groupwork.safety.erasure import erase_member, find_mentions, namesakes, survey
from groupwork.store import Store

REAL = "นางสาวพร ใจงาม"
NICK = "ดาว"
LATIN = "Porn Jaingam"
NAMES = ["ใจงาม", "Porn", "Jaingam", "คุณพร", "น้องดาว"]


def _two_groups(store: Store):
    """Group A, where พร is a member; group B (her son's group), whose notes name her."""
    a = store.add(m.Group(name="กลุ่มแม่เลี้ยงเดี่ยว"))
    porn = store.add(
        m.Member(group_id=a.id, real_name=REAL, pseudonym="Lotus", decision="selected")
    )
    store.add(m.Member(group_id=a.id, real_name="นายสุข ใจดี", pseudonym="Orchid"))
    b = store.add(m.Group(name="กลุ่มเยาวชน", target_population="เยาวชนที่คุณพร ใจงามส่งต่อมา"))
    son = store.add(m.Member(group_id=b.id, real_name="ด.ช.ฝน ใจงาม", pseudonym="Rain"))
    # A withdrawn member and a cancelled session, as real groups have.
    store.add(
        m.Member(group_id=b.id, real_name="นางน้ำ ใสดี", pseudonym="Water", decision="withdrew")
    )
    store.add(
        m.Session(
            group_id=b.id,
            number=1,
            held_on=date(2026, 2, 2),
            status="cancelled",
            cancel_reason=f"{LATIN} called to cancel",
        )
    )
    session = store.add(
        m.Session(
            group_id=b.id,
            number=2,
            held_on=date(2026, 2, 9),
            notes=f"แม่ของฝน ({NICK}) มาส่งและเล่าเรื่องที่บ้าน",
            themes=["คุณพรเป็นห่วงลูก"],
        )
    )
    store.add(
        m.Task(
            group_id=b.id,
            title="โทรหาคุณพร ใจงาม",
            description="ส่งเอกสารให้ครบ",
            assignee_ids=[son.id],
        )
    )
    store.add(m.Goal(group_id=b.id, title="ฝนมาทุกครั้ง", description=f"{LATIN} agreed to bring him"))
    return a, b, porn, son, session


def _bytes(path) -> bytes:
    return b"".join(
        (path.parent / (path.name + s)).read_bytes()
        for s in ("", "-wal")
        if (path.parent / (path.name + s)).exists()
    )


def test_erasure_reaches_the_other_group_and_the_backup_after_it(db_path):
    store = Store.open(db_path)
    a, b, porn, son, session = _two_groups(store)
    old = backup_database(store, "manual")

    found = find_mentions(store, porn, also=[NICK, LATIN])
    where = {(f.group_id, f.record_type, f.field) for f in found}
    assert {
        (b.id, "Group", "target_population"),
        (b.id, "Session", "cancel_reason"),
        (b.id, "Session", "notes"),
        (b.id, "Session", "themes"),
        (b.id, "Task", "title"),
        (b.id, "Goal", "description"),
    } <= where
    assert (
        store.get(m.Task, store.tasks(b.id)[0].id).title == "โทรหาคุณพร ใจงาม"
    )  # nothing changed yet

    result = erase_member(store, porn.id, also=[NICK, LATIN])
    code = result.code
    texts = [
        store.get(m.Group, b.id).target_population,
        store.session_by_number(b.id, 1).cancel_reason,
        store.session_by_number(b.id, 2).notes,
        *store.session_by_number(b.id, 2).themes,
        store.tasks(b.id)[0].title,
        store.of_group(m.Goal, b.id)[0].description,
    ]
    for text in texts:
        assert code in text, text
        for name in NAMES:
            assert name not in text, (name, text)
    assert "ส่งเอกสารให้ครบ" == store.tasks(b.id)[0].description  # untouched text stays
    assert store.tasks(b.id)[0].assignee_ids == [son.id]  # references stay
    # The son keeps his own name fields: a shared family name does not make him the person.
    assert store.get(m.Member, son.id).real_name == "ด.ช.ฝน ใจงาม"

    after = backup_database(store, "after-erasure")
    blob = after.read_bytes() + _bytes(db_path)
    for name in ["ใจงาม ", "Porn", "Jaingam", "น้องดาว", "คุณพร"]:
        assert name.encode() not in blob, name
    assert b"Jaingam" in old.read_bytes()  # the older backup still holds her
    store.close()


def test_a_namesake_in_another_group_is_reported(store):
    a, b, porn, *_ = _two_groups(store)
    twin = store.add(m.Member(group_id=b.id, real_name="นางสาวพร  ใจงาม", pseudonym="P2"))
    assert [x.id for x in namesakes(store, porn)] == [twin.id]


def test_erase_member_command_shows_what_it_found_and_the_backups_that_still_hold_her(db_path):
    with Store.open(db_path) as store:
        _two_groups(store)
        old = backup_database(store, "manual")
    result = CliRunner().invoke(
        cli,
        [
            "--db",
            str(db_path),
            "--lang",
            "th",
            "erase-member",
            "กลุ่มแม่เลี้ยงเดี่ยว",
            "Lotus",
            "--also",
            NICK,
            "--also",
            LATIN,
        ],
        input="y\nn\n",
    )
    assert result.exit_code == 0, result.output
    assert "กลุ่มเยาวชน › งาน" in result.output or "กลุ่มเยาวชน ›" in result.output
    assert old.name in result.output  # the older backup is named
    assert old.exists()  # the person said no to purging
    assert list_backups(db_path)[0].reason == "after-erasure"

    again = CliRunner().invoke(
        cli,
        [
            "--db",
            str(db_path),
            "erase-member",
            "กลุ่มแม่เลี้ยงเดี่ยว",
            "Orchid",
            "--yes",
            "--purge-backups",
        ],
    )
    assert again.exit_code == 0, again.output
    assert not old.exists()
    assert "Deleted" in again.output


def test_erase_member_does_not_promise_rotation_removes_the_before_encrypt_copy(db_path):
    with Store.open(db_path) as store:
        _two_groups(store)
        kept = backup_database(store, "before-encrypt")
    result = CliRunner().invoke(
        cli,
        ["--db", str(db_path), "--lang", "en", "erase-member", "กลุ่มแม่เลี้ยงเดี่ยว", "Lotus"],
        input="y\nn\n",
    )
    assert result.exit_code == 0, result.output
    assert kept.name in result.output and kept.exists()
    assert "rotation removes them in time" not in result.output
    assert "rotation never removes the copy from before encrypting" in result.output


BLESSING = "ทุกคนอยากได้รับพรจากพระ"
"""พร as the ordinary word ("blessing"): it may or may not be her, where it stands."""


def _blessings(store: Store, a, b, orchid_id: str):
    """The word พร where it reads as "blessing", in her group (a session's notes and an
    absence reason, a record tied to the group by its session) and in the other group."""
    own = store.add(m.Session(group_id=a.id, number=1, held_on=date(2026, 2, 3), notes=BLESSING))
    absence = store.add(
        m.Attendance(session_id=own.id, member_id=orchid_id, status="absent", reason=BLESSING)
    )
    other = store.add(m.Session(group_id=b.id, number=3, held_on=date(2026, 2, 16), notes=BLESSING))
    return own, absence, other


def test_an_undecided_name_is_listed_in_every_group_hers_too_never_rewritten(store):
    a, b, porn, _son, _session = _two_groups(store)
    orchid = next(x for x in store.members(a.id) if x.pseudonym == "Orchid")
    own, absence, other = _blessings(store, a, b, orchid.id)

    found = survey(store, porn)
    assert not {(f.record_id, f.field) for f in found.mentions} & {
        (own.id, "notes"),
        (absence.id, "reason"),
    }
    assert sorted(
        (f.group_id, f.record_type, f.record_id, f.field) for f in found.left_as_written
    ) == sorted(
        [
            (a.id, "Session", own.id, "notes"),
            (a.id, "Attendance", absence.id, "reason"),
            (b.id, "Session", other.id, "notes"),
        ]
    )
    assert all("ได้รับพรจากพระ" in f.context for f in found.left_as_written)

    result = erase_member(store, porn.id)
    # Undecided: never rewritten (no ordinary word changed for good), in her group or elsewhere,
    # and every one listed for the worker to re-read and edit.
    assert store.get(m.Session, own.id).notes == BLESSING
    assert store.get(m.Attendance, absence.id).reason == BLESSING
    assert store.get(m.Session, other.id).notes == BLESSING
    assert result.left_as_written == found.left_as_written
    # Where she is certainly named in the other group, she is gone.
    assert "คุณพร" not in store.tasks(b.id)[0].title


def test_erase_member_command_lists_what_it_leaves_as_written(db_path):
    with Store.open(db_path) as store:
        a, b, _porn, _son, _session = _two_groups(store)
        orchid = next(x for x in store.members(a.id) if x.pseudonym == "Orchid")
        _blessings(store, a, b, orchid.id)
    result = CliRunner().invoke(
        cli, ["--db", str(db_path), "erase-member", "กลุ่มแม่เลี้ยงเดี่ยว", "Lotus", "--yes"]
    )
    assert result.exit_code == 0, result.output
    assert "3 places use a word that is also this person's name" in result.output
    assert "  กลุ่มเยาวชน › session › Notes: …ทุกคนอยากได้รับพรจากพระ…\n" in result.output
    # In her own group too, her absence reason found through its session: listed, not rewritten.
    assert "  กลุ่มแม่เลี้ยงเดี่ยว › attendance › Reason: …ทุกคนอยากได้รับพรจากพระ…\n" in result.output
    assert "Still undecided, left as written, to re-read: 3 places (listed above)." in result.output
