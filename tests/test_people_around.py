"""People around a group and the links the worker writes: the token (``privacy.links``), the
register on both engines, its rules, and every shared door showing pseudonyms and roles."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from groupwork import models as m
from groupwork.cli import cli
from groupwork.errors import InvalidInputError
from groupwork.exchange import export_group, import_document
from groupwork.operations.people_around import remove_person, save_person
from groupwork.privacy import links
from groupwork.privacy.shareable import Shareable, shareable_text
from groupwork.store import Store
from tests.people_around_data import REAL_NAMES, SHOWN, build_group


def _leaks(text: str) -> list[str]:
    return [name for name in REAL_NAMES if name in text]


# --- the token ------------------------------------------------------------------------


def test_a_token_names_the_record_and_reads_as_the_name_for_the_worker():
    text = "วันนี้" + links.token("m", "abc123", "ฟ้า") + "บอกว่า"
    (link,) = links.links_in(text)
    assert (link.kind, link.record_id, link.name) == ("m", "abc123", "ฟ้า")
    assert links.for_worker(text) == "วันนี้ฟ้าบอกว่า"
    assert links.for_worker(text, {"abc123": "ฟ้า ใจดี"}) == "วันนี้ฟ้า ใจดีบอกว่า"


def test_render_spaces_a_label_from_the_words_beside_it_and_never_passes_a_token_on():
    text = "วันนี้" + links.token("m", "abc", "ฟ้า") + "บอกว่า " + links.token("p", "x", "แดง")
    seen: list[str] = []

    def rest(piece: str) -> str:
        seen.append(piece)
        return piece

    shown = links.render(text, lambda link: "P" if link.kind == "m" else "R", rest)
    assert shown == "วันนี้ P บอกว่า R"
    assert not any("@[" in piece for piece in seen)


def test_a_name_with_brackets_or_a_line_end_cannot_break_the_token():
    text = links.token("p", "id1", "แดง]\n(x")
    assert links.links_in(text)[0].name == "แดง (x"


@given(
    name=st.text(min_size=1, max_size=60),
    record_id=st.from_regex(r"[0-9a-f]{1,32}", fullmatch=True),
    before=st.text(max_size=30),
    after=st.text(max_size=30),
)
def test_any_name_makes_one_token_that_reads_back(name, record_id, before, after):
    text = before + links.token("p", record_id, name) + after
    found = [link for link in links.links_in(text) if link.record_id == record_id]
    assert found and found[-1].kind == "p"
    shown = links.render(text, lambda link: "ROLE" if link.record_id == record_id else "X")
    assert "ROLE" in shown


def test_relabel_keeps_the_link_and_changes_only_the_name_inside():
    text = "a " + links.token("m", "id1", "ฟ้า") + " b " + links.token("m", "id2", "บัว")
    renamed = links.relabel(text, {"id1": "ANON-1"})
    assert [(x.record_id, x.name) for x in links.links_in(renamed)] == [
        ("id1", "ANON-1"),
        ("id2", "บัว"),
    ]


# --- the register ---------------------------------------------------------------------


def test_the_register_is_stored_edited_and_removed(store):
    group, _fah, _may, headman, nurse = build_group(store)
    assert [(p.real_name, p.role) for p in store.people_around(group.id)] == [
        ("แดง", "ผู้ใหญ่บ้าน"),
        ("Will Park", "the nurse"),
    ]
    save_person(store, headman.model_copy(update={"role": "กำนัน"}))
    assert store.get(m.PersonAround, headman.id).role == "กำนัน"
    remove_person(store, nurse.id)
    assert [p.id for p in store.people_around(group.id)] == [headman.id]


def test_a_removed_person_linked_in_a_note_is_shared_as_withheld(store):
    group, *_rest, nurse = build_group(store)
    remove_person(store, nurse.id)
    shown = shareable_text(store, group.id, "met " + links.token("p", nurse.id, "Will Park"))
    assert shown == "met [name withheld]"


@pytest.mark.parametrize(
    ("real_name", "role", "says"),
    [
        ("แดง", "แดง ผู้ใหญ่บ้าน", "own name"),
        ("บัว", "สามีของฟ้า", "real name of member"),
        ("ฟ้า ใจดี", "ญาติ", "is a member of the group"),
    ],
)
def test_a_role_that_gives_a_name_away_is_refused(store, real_name, role, says):
    group, *_rest = build_group(store)
    before = len(store.people_around(group.id))
    with pytest.raises(InvalidInputError) as refused:
        save_person(store, m.PersonAround(group_id=group.id, real_name=real_name, role=role))
    assert says in str(refused.value)
    assert len(store.people_around(group.id)) == before


# --- the shared doors -----------------------------------------------------------------


def test_the_review_shows_pseudonyms_and_roles_for_links_and_plain_names(store, tmp_path):
    from groupwork.report import generate_review

    group, *_rest = build_group(store)
    text = generate_review(store, group.id, fmt="md", out=tmp_path / "r.md").read_text()
    assert _leaks(text) == []
    assert "สมาชิก ก บอกว่า ผู้ใหญ่บ้าน มาเยี่ยมบ้าน" in text
    assert "Member B met the nurse." in text
    assert "@[" not in text


def test_shareable_renders_many_groups_each_by_its_own_naming(store):
    group, fah, *_rest = build_group(store)
    other = store.add(m.Group(name="บัว"))
    shared = Shareable(store)
    token = links.token("m", fah.id, "ฟ้า")
    assert shared.text(group.id, token + " มา") == "สมาชิก ก มา"
    # Another group does not know her: a link to someone not in it is withheld.
    assert shared.text(other.id, token + " มา") == "[name withheld] มา"


def _cli(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *args])


@pytest.fixture
def group_db(tmp_path):
    db = tmp_path / "doors.db"
    store = Store.open(db)
    build_group(store)
    store.close()
    return db


@pytest.mark.parametrize(
    "args",
    [
        ("tasks",),
        ("tasks", "--json"),
        ("tasks", "--csv"),
        ("status",),
        ("status", "--json"),
        ("status", "--csv"),
        ("digest",),
        ("digest", "--format", "html"),
    ],
)
def test_cli_doors_print_no_real_name(group_db, args):
    result = _cli(group_db, *args)
    assert result.exit_code == 0, result.output
    assert _leaks(result.output) == []
    assert "@[" not in result.output


def test_the_people_command_lists_adds_edits_and_removes_the_register(group_db):
    """The facilitator's door: real names, said to be for them only; the register's rules."""
    group = "กลุ่มของฟ้า ใจดี"
    listed = _cli(group_db, "people", "list", group)
    assert listed.exit_code == 0, listed.output
    assert "for you only" in listed.output
    assert "แดง" in listed.output and "ผู้ใหญ่บ้าน" in listed.output
    added = _cli(group_db, "people", "add", group, "บัว", "--role", "ป้าของสมาชิก ก")
    assert added.exit_code == 0, added.output
    assert _cli(group_db, "people", "edit", group, "บัว", "--notes", "มาทุกครั้ง").exit_code == 0
    assert _cli(group_db, "people", "remove", group, "Will Park").exit_code == 0
    with Store.open(group_db) as store:
        (group_id,) = [g.id for g in store.groups()]
        register = [(p.real_name, p.role, p.notes) for p in store.people_around(group_id)]
    assert sorted(register) == [("บัว", "ป้าของสมาชิก ก", "มาทุกครั้ง"), ("แดง", "ผู้ใหญ่บ้าน", "")]


def test_review_help_describes_linking_deciding_and_the_register():
    text = " ".join(CliRunner().invoke(cli, ["review", "--help"]).output.split())
    assert "@ or Ctrl+L" in text and "--decide-all" in text and "'groupwork people'" in text


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("add", "บัว", "--role", "ป้าบัว"), "own name"),
        (("add", "บัว", "--role", "แม่ของฟ้า"), "สมาชิก ก"),
        (("add", "บัว", "--role", "a\x01"), "control character"),
        (("edit", "ดาว", "--role", "ครู"), "No one called ดาว"),
        (("edit", "แดง"), "Say what to change"),
        (("remove", "9"), "No one called 9"),
    ],
)
def test_the_people_command_refuses_bad_input_in_one_line_and_changes_nothing(group_db, args, says):
    before = _cli(group_db, "people", "list", "กลุ่มของฟ้า ใจดี").output
    result = _cli(group_db, "people", args[0], "กลุ่มของฟ้า ใจดี", *args[1:])
    assert result.exit_code == 1
    assert says in result.output and len(result.output.strip().splitlines()) == 1
    assert _cli(group_db, "people", "list", "กลุ่มของฟ้า ใจดี").output == before


def test_tasks_show_the_role_and_the_pseudonym_in_a_title(group_db):
    result = _cli(group_db, "tasks", "--json")
    (task,) = json.loads(result.output)
    assert task["title"] == "โทรหา ผู้ใหญ่บ้าน กับ สมาชิก ก"
    assert task["group"] == "กลุ่มของสมาชิก ก"


def test_a_pseudonymised_export_keeps_links_and_the_register_without_names(store, new_store):
    from groupwork.privacy.export_gate import gate_export

    group, _fah, _may, headman, _nurse = build_group(store)
    document = gate_export(store, export_group(store, group.id), pseudonymise=True)
    text = document.model_dump_json()
    assert _leaks(text) == []
    assert links.token("p", headman.id, "ผู้ใหญ่บ้าน") in text
    target = new_store()
    import_document(target, document)
    assert [(p.real_name, p.role) for p in target.people_around(group.id)] == [
        ("ผู้ใหญ่บ้าน", "ผู้ใหญ่บ้าน"),
        ("the nurse", "the nurse"),
    ]


def test_the_units_own_export_carries_the_register_and_links_whole(store, new_store):

    group, fah, *_rest = build_group(store)
    document = export_group(store, group.id)
    target = new_store()
    import_document(target, document)
    assert [p.real_name for p in target.people_around(group.id)] == ["แดง", "Will Park"]
    (session,) = target.sessions(group.id)
    assert fah.id in links.linked_ids([session.notes])
    assert SHOWN[0] in shareable_text(target, group.id, session.notes)


def test_the_pre_share_check_does_not_flag_a_registered_person(store):
    from groupwork.report.share_check import pre_share_check

    group, *_rest = build_group(store)
    store.add(
        m.Session(
            group_id=group.id,
            number=2,
            held_on=group.created_at.date(),
            notes="สมชายมาด้วย\nนายสมชายมาด้วย",
        )
    )
    (flag,) = [f for f in pre_share_check(store, group.id).flags if f.name == "สมชาย"]
    assert len(flag.places) == 2  # bare at the start of a sentence, and after a title
    save_person(store, m.PersonAround(group_id=group.id, real_name="สมชาย", role="ปลัดอำเภอ"))
    assert "สมชาย" not in [f.name for f in pre_share_check(store, group.id).flags]


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_the_review_in_html_and_word_shows_roles_not_names(store, tmp_path, fmt):
    import re
    import zipfile

    from groupwork.report import generate_review

    group, *_rest = build_group(store)
    path = generate_review(store, group.id, fmt=fmt, out=tmp_path / f"r.{fmt}")
    if fmt == "docx":
        with zipfile.ZipFile(path) as docx:
            xml = " ".join(docx.read(n).decode() for n in docx.namelist() if n.endswith(".xml"))
        text = re.sub(r"<[^>]+>", "", xml)
    else:
        text = path.read_text(encoding="utf-8")
    assert _leaks(text) == []
    assert "ผู้ใหญ่บ้าน" in text and "the nurse" in text and "@[" not in text


def test_charts_show_no_name_of_anyone_linked(store, tmp_path):
    import re

    from groupwork.charts import CHART_KINDS, render_chart

    group, *_rest = build_group(store)
    for kind in CHART_KINDS:
        svg = render_chart(store, group.id, kind, tmp_path / f"{kind}.svg").read_text()
        assert _leaks(" ".join(re.findall(r">([^<>]+)<", svg))) == [], kind


@pytest.mark.parametrize(
    "text",
    [
        "กลุ่มผู้ดูแล",
        "นางสาวฟ้าใจดีมาก่อน",
        "call Mr Grant today",
        "โทรหาแดง",
        "MAY GRANT",
        "ท้องฟ้าสีคราม",
        "ไม่มีชื่อใครเลย",
    ],
)
def test_the_quick_look_gives_what_the_matcher_gives(store, text):
    from groupwork.privacy.shareable import group_naming

    group, *_rest = build_group(store)
    assert Shareable(store).text(group.id, text) == group_naming(store, group.id).scrub(text)


def test_the_quick_looks_name_parts_are_each_names_folded_on_its_own():
    """The quick look folds a group's names in one call: the parts must be those of each name
    folded alone, names that start or end with a combining mark or carry invisible
    characters, titles and letters that fold to two included."""
    from groupwork.privacy.name_forms import MIN_PART, TITLES, fold

    names = [
        "\u0301Ana",  # starts with a combining accent (it joins nothing before it)
        "Jose\u0301",  # ends with one, decomposed
        "José Strauß",
        "นางสาวฟ้า ใจดี",
        "Mr. Will May",
        "คุณ\u200bแดง",
        "น้ำ",  # สระอำ kept whole
        "ＭＡＹ",  # full-width letters
        "Dr",
    ]

    class Names:
        def names_in_groups(self, ids):
            return {"g": names}

    shared = Shareable(Names())
    shared._prefetch(["g"])
    alone = {p for n in names for p in fold(n).split()}
    alone |= {p[len(t) :].lstrip(". ") for p in alone for t in map(fold, TITLES) if p.startswith(t)}
    assert sorted(shared._parts["g"]) == sorted(p for p in alone if len(p) >= MIN_PART)
    assert {"josé", "strauss", "ฟ้า", "will", "แดง", "น้ำ", "may"} <= set(shared._parts["g"])


def test_an_agency_export_names_consenting_members_and_people_around_by_role(store):
    from datetime import date

    from groupwork.privacy.export_gate import gate_export

    group, fah, may, _headman, _nurse = build_group(store)
    for member in (fah, may):
        store.add(
            m.Consent(
                group_id=group.id,
                member_id=member.id,
                given_on=date(2026, 1, 5),
                scopes=[m.ConsentScope.RECORDED, m.ConsentScope.SHARED_WITH_AGENCIES],
                agencies=["ศูนย์พึ่งได้"],
            )
        )
    text = gate_export(store, export_group(store, group.id), "ศูนย์พึ่งได้").model_dump_json()
    assert "แดง" not in text and "Will Park" not in text
    assert "ผู้ใหญ่บ้าน" in text and "the nurse" in text
    assert "ฟ้า ใจดี" in text  # her consent names this agency
