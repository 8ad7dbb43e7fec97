"""Consent decides what the review shares: a recording-only member's narratives, a declined
candidate's reasons and referral source, a withdrawn member's words under any name (real,
pseudonym, a link) are withheld, and the review says so; ``--names`` is refused unless every
member consented to be named."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.consent import ConsentRefused
from groupwork.privacy import links
from groupwork.report import generate_review
from groupwork.store import Store

DAY = date(2026, 9, 1)
RISK = "กลัวสามีตามมาที่บ้าน"
"""The recording-only member's risk narrative."""
STORY = "กลัวสามีตามมาอีก"
"""What the withdrawn member told the group."""
DECLINED_REASON = "ไม่สะดวกเดินทางเพราะต้องดูแลแม่"
DECLINED_SOURCE = "โรงพยาบาลตำบลนาดี"


def _selected(store, group, real, pseudonym, scopes, withdrawn=None):
    member = store.add(
        m.Member(
            group_id=group.id,
            real_name=real,
            pseudonym=pseudonym,
            decision=m.SelectionDecision.SELECTED,
            notes=f"บันทึกของ {pseudonym}",
        )
    )
    store.add(
        m.Consent(
            group_id=group.id,
            member_id=member.id,
            given_on=DAY,
            scopes=scopes,
            withdrawn_on=withdrawn,
        )
    )
    return member


def build(store):
    """ฟ้า named in reports; ดาว recorded only; บัว withdrew; แดง declined."""
    group = store.add(m.Group(name="กลุ่มทดสอบ"))
    everything = [m.ConsentScope.RECORDED, m.ConsentScope.SHARED_IN_REPORT]
    _selected(store, group, "ฟ้า ใจดี", "สมาชิก ก", everything)
    dao = _selected(store, group, "ดาว มีสุข", "สมาชิก ข", [m.ConsentScope.RECORDED])
    bua = _selected(store, group, "บัว ทองดี", "สมาชิก ค", everything, withdrawn=date(2026, 10, 1))
    store.add(
        m.Member(
            group_id=group.id,
            real_name="แดง ดีมาก",
            pseudonym="ผู้สมัคร ง",
            decision=m.SelectionDecision.DECLINED,
            decision_reason=DECLINED_REASON,
            referral_source=DECLINED_SOURCE,
        )
    )
    store.add(
        m.Assessment(
            group_id=group.id,
            member_id=dao.id,
            assessed_on=DAY,
            risk=RISK,
            risk_level=m.RiskLevel.HIGH,
            severity=8,
        )
    )
    notes = "\n".join(
        [
            "ทุกคนมาตรงเวลา",
            f"ครั้งที่ 3 บัวบอกว่า{STORY}",
            "สมาชิก ค ร้องไห้เมื่อพูดถึงลูก",
            f"{links.token('m', bua.id, 'บัว')} ขอให้เพื่อนช่วยไปส่ง",
            "สมาชิก ก เล่าเรื่องงานใหม่",
        ]
    )
    store.add(
        m.Session(
            group_id=group.id,
            number=1,
            held_on=DAY,
            status=m.SessionStatus.HELD,
            notes=notes,
            themes=["บัวกลัวสามี", "การหางาน"],
        )
    )
    return group


@pytest.fixture
def review(store, tmp_path):
    group = build(store)
    return generate_review(store, group.id, fmt="md", out=tmp_path / "r.md").read_text()


def test_a_withdrawn_members_words_are_withheld_under_any_name(review):
    for told in (STORY, "ร้องไห้เมื่อพูดถึงลูก", "ขอให้เพื่อนช่วยไปส่ง", "บัวกลัวสามี"):
        assert told not in review
    assert "ทุกคนมาตรงเวลา" in review and "สมาชิก ก เล่าเรื่องงานใหม่" in review
    assert "การหางาน" in review
    assert "withheld: consent withdrawn on" in review
    assert "4 passages that tell of a member who withdrew her consent are withheld." in review


def test_a_recording_only_members_narratives_are_withheld_but_her_figures_stay(review):
    assert RISK not in review and "บันทึกของ สมาชิก ข" not in review
    assert "withheld: consent covers recording only" in review
    assert "The assessment narratives and notes of สมาชิก ข are withheld" in review


def test_a_declined_candidates_reasons_and_referral_source_are_withheld(review):
    assert DECLINED_REASON not in review and DECLINED_SOURCE not in review
    assert "withheld: declined to join" in review
    assert "The reasons and referral source of 1 candidate who declined to join" in review


def test_no_real_name_of_any_of_them(review):
    for name in ("ใจดี", "มีสุข", "ทองดี", "แดง ดีมาก", "บัว", "ดาว"):
        assert name not in review


def test_names_are_refused_when_one_member_did_not_consent(store, tmp_path):
    group = build(store)
    out = tmp_path / "named.md"
    with pytest.raises(ConsentRefused) as refused:
        generate_review(store, group.id, fmt="md", out=out, names=True)
    assert "สมาชิก ข" in str(refused.value) and "without --names" in str(refused.value)
    assert not out.exists()


def test_cli_names_refusal_is_one_line_and_writes_nothing(tmp_path):
    db = tmp_path / "consent.db"
    with Store.open(db) as store:
        build(store)
    out = tmp_path / "named.md"
    result = CliRunner().invoke(
        cli, ["--db", str(db), "review", "กลุ่มทดสอบ", "--format", "md", "--names", "--out", str(out)]
    )
    assert result.exit_code == 1
    assert "สมาชิก ข" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_a_pseudonymised_export_withholds_her_words_too(store):
    from groupwork.exchange import export_group
    from groupwork.privacy.export_gate import gate_export

    group = build(store)
    document = gate_export(store, export_group(store, group.id), pseudonymise=True)
    text = document.model_dump_json()
    for told in (STORY, "ร้องไห้เมื่อพูดถึงลูก", "ขอให้เพื่อนช่วยไปส่ง", "บัวกลัวสามี", "ทองดี"):
        assert told not in text
    assert "ทุกคนมาตรงเวลา" in text and "การหางาน" in text
    assert "withheld: consent withdrawn on" in text
