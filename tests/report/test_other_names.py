"""Names the scrubber cannot know: flagged before sharing, decided, and the choice applied."""

from __future__ import annotations

from click.testing import CliRunner
from ordinary_names import build_ordinary_names_group

from groupwork.cli import cli
from groupwork.privacy.other_names import likely_names
from groupwork.store import Store

PRIVACY_NOTE_TH = (
    "คำที่เป็นชื่อคนด้วยยังไม่ได้ตัดสิน 2 จุด จึงคงไว้ตามที่เขียน: ขั้นที่ 1 › บันทึกบรรยาย; ขั้นที่ 3 › บันทึกบรรยาย"
)
OTHERS = " ลูกสาวชื่อวิไลวรรณมาด้วย พี่สมชายมารับ ส่วนMr Smith จากอำเภอโทรมา"


def test_likely_names_are_names_not_letters_inside_ordinary_words():
    assert likely_names("ลูกสาวชื่อวิไลวรรณมาด้วย พี่สมชายมารับ") == ["วิไลวรรณ", "สมชาย"]
    assert likely_names("Mr Smith called; Mrs Lee too", known=["Lee"]) == ["Smith"]
    # Name-list entries that are ordinary words, or letters across two words, are not flagged.
    assert likely_names("ทำบุญมากขึ้น ที่ประชุมเสนอให้เปลี่ยนเวลา สามีมาด้วย") == []
    assert likely_names("คุณแก้วเล่าว่า แก้วน้ำแตก") == ["แก้ว"]  # after a title, a name
    assert likely_names("พี่สมชายมารับ", known=["สมชาย"]) == []


def _run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def test_check_decide_and_the_review_applies_the_choice(tmp_path):
    db = tmp_path / "g.db"
    with Store.open(db) as store:
        group = build_ordinary_names_group(store)
        progress = store.stage_progress(group.id)[5]
        store.save_stage_progress(
            progress.model_copy(update={"narrative": progress.narrative + OTHERS})
        )
    result = _run(db, "review", group.id[:8], "--check-names")
    assert result.exit_code == 0, result.output
    assert "Undecided: 2" in result.output
    assert "Stage 1 › Narrative: …เพราะทุกคนอยากได้รับพรจากพระ…  [พร]" in result.output
    assert "not decided yet: 3" in result.output
    assert "  สมชาย (1)\n    Stage 5 › Narrative: " in result.output
    result = _run(
        db,
        "review",
        group.id[:8],
        "--replace-name",
        "สมชาย",
        "--replace-name",
        "วิไลวรรณ",
        "--keep-name",
        "Smith",
    )
    assert result.exit_code == 0, result.output
    assert "not decided yet: 0" in result.output
    assert "Replaced: วิไลวรรณ, สมชาย" in result.output and "Kept as written: Smith" in result.output
    with Store.open(db) as store:
        assert store.other_name_decisions(group.id) == {
            "สมชาย": True,
            "วิไลวรรณ": True,
            "Smith": False,
        }
    out = tmp_path / "r.md"
    result = _run(db, "--lang", "th", "review", group.id[:8], "--format", "md", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "2 จุด" in result.output or "2 spots" in result.output  # the spots to re-read
    text = out.read_text(encoding="utf-8").replace("\\", "")
    assert "ลูกสาวชื่อ[สงวนชื่อ] มาด้วย พี่[สงวนชื่อ] มารับ ส่วนMr Smith จากอำเภอโทรมา" in text
    assert PRIVACY_NOTE_TH in text  # the privacy notice says where to re-read, not the word


def test_a_blank_name_to_decide_is_refused_in_one_line(tmp_path):
    db = tmp_path / "g.db"
    with Store.open(db) as store:
        group = build_ordinary_names_group(store)
    result = _run(db, "review", group.id[:8], "--keep-name", "  ")
    assert result.exit_code != 0
    assert "1 to 200 characters" in result.stderr
    with Store.open(db) as store:
        assert store.other_name_decisions(group.id) == {}
