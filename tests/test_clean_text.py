"""Names and text are clean text (issue 8, item 6): control characters, lone surrogates and
direction overrides are refused with a message naming the field; text stored before is cleaned
on upgrade; nothing typed or imported reaches the terminal as an escape sequence; an oversized
number in an import file is refused as such."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from groupwork import models as m
from groupwork.cli import cli
from groupwork.errors import render_validation_error
from groupwork.i18n import use_language
from groupwork.store import Store

HOSTILE = {
    "escape": "พร\x1b[31mใจงาม",
    "csi-c1": "ดาว\x9b2J",
    "nul": "ฝน\x00",
    "bell": "Ann\x07",
    "newline": "Ann\nLee",
    "right-to-left-override": "สุข\u202eคนดี",
    "isolate": "Ann\u2066Lee",
    "lone-surrogate": "น้ำ\ud800",
}


def _lines(exc: ValidationError, lang: str) -> list[str]:
    with use_language(lang):
        return render_validation_error(exc)


@pytest.mark.parametrize("kind", list(HOSTILE))
@pytest.mark.parametrize(
    "model_cls, field, base",
    [
        (m.Member, "real_name", {"group_id": "g", "pseudonym": "P"}),
        (m.Member, "pseudonym", {"group_id": "g", "real_name": "R"}),
        (m.Group, "name", {}),
        (m.Task, "title", {"group_id": "g"}),
        (m.Goal, "title", {"group_id": "g"}),
    ],
)
def test_names_and_titles_refuse_hostile_characters_naming_the_field(kind, model_cls, field, base):
    with pytest.raises(ValidationError) as caught:
        model_cls.model_validate({**base, field: HOSTILE[kind]})
    [line] = _lines(caught.value, "en")
    label = m.FIELD_LABELS.get(field)
    assert line.startswith(f"{label}: " if label else field), line
    assert "U+" in line or "surrogate" in line
    [thai] = _lines(caught.value, "th")
    assert thai != line  # said in Thai too


def test_notes_keep_newlines_and_tabs_but_refuse_other_controls():
    ok = m.Session(group_id="g", number=1, held_on=date(2026, 1, 5), notes="บรรทัด 1\r\n\tบรรทัด 2")
    assert ok.notes == "บรรทัด 1\n\tบรรทัด 2"  # Windows line ends become newlines
    for bad in ("\x1b[2J", "\x85", "\ud83d"):
        with pytest.raises(ValidationError, match="U\\+|unicode"):
            m.Session(group_id="g", number=1, held_on=date(2026, 1, 5), notes=f"x{bad}")
    with pytest.raises(ValidationError):
        m.Group(name="G", facilitators=["ok", "bad\x1b"])  # items of lists too


def test_text_stored_before_is_cleaned_on_upgrade_and_never_reaches_the_terminal(db_path):
    with Store.open(db_path) as store:
        group = store.add(m.Group(name="กลุ่มดาว", facilitators=["Ann"]))
        member = store.add(m.Member(group_id=group.id, real_name="พร", pseudonym="P"))
        # As an older version could store them: straight into the rows.
        store.db["groups"].update(
            group.id,
            {
                "name": "กลุ่ม\x1b]0;owned\x07ดาว\n2",
                "facilitators": json.dumps(["Ann\x1b[31m"]),
                "purpose": "line 1\r\nline 2\x1b[2J",
            },
        )
        store.db["members"].update(member.id, {"real_name": "\u202eพร\x9b"})
        store.db["_sqlite_migrations"].delete_where("name = ?", ["m004_safefiles_clean_text"])
    with Store.open(db_path) as store:
        cleaned = store.get(m.Group, group.id)
        assert cleaned.name == "กลุ่ม]0;ownedดาว 2"
        assert cleaned.facilitators == ["Ann[31m"]
        assert cleaned.purpose == "line 1\nline 2[2J"
        assert store.get(m.Member, member.id).real_name == "พร"
    result = CliRunner().invoke(cli, ["--db", str(db_path), "groups"])
    assert result.exit_code == 0, result.output
    assert "กลุ่ม]0;ownedดาว 2" in result.output
    assert not any(ord(ch) < 0x20 and ch != "\n" or 0x7F <= ord(ch) <= 0x9F for ch in result.output)


def _export_file(tmp_path, store, group) -> dict:
    from groupwork.exchange import export_group

    return json.loads(export_group(store, group.id).model_dump_json())


def test_an_import_with_an_escape_in_a_name_is_refused_naming_the_field(store, db_path, tmp_path):
    group = store.add(m.Group(name="กลุ่มฝน"))
    store.add(m.Member(group_id=group.id, real_name="ฝน", pseudonym="R"))
    doc = _export_file(tmp_path, store, group)
    doc["members"][0]["real_name"] = "ฝน\x1b[2J\x1b[H"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc))
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "other.db"), "import", str(path)])
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    assert "Real name" in result.output and "U+001B" in result.output


def test_an_oversized_number_in_an_import_file_is_refused_as_such(tmp_path):
    path = tmp_path / "big.json"
    path.write_text('{"format": "groupwork-export", "version": ' + "9" * 5000 + "}")
    for lang, words in (("en", "5000 digits"), ("th", "5000")):
        result = CliRunner().invoke(
            cli, ["--db", str(tmp_path / "x.db"), "--lang", lang, "import", str(path)]
        )
        assert result.exit_code == 1
        assert words in result.output
        assert "went wrong" not in result.output and "ผิดพลาดภายใน" not in result.output
