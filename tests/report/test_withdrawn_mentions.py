"""The pre-share check lists the places that may name a member who withdrew her consent in full
(the demo's บัว, real name อ้อย: both ordinary words, "lotus" and "sugarcane"): her own
records are withheld, but the group's notes may still tell her story."""

from __future__ import annotations

from datetime import date

from click.testing import CliRunner

from groupwork.cli import cli
from groupwork.demo import build_demo
from groupwork.report.share_check import pre_share_check
from groupwork.store import Store

TODAY = date(2026, 11, 21)
HER_STORY = "คุณอ้อยเล่าว่าสามีเคยขู่ว่าจะพาลูกไป"
GARDEN = "สมาชิกช่วยกันปลูกบัวในกระถางหน้าศูนย์"
OTHERS = "คุณพรกับน้ำมาช่วยจัดห้อง"


def _demo_with_notes(store):
    group = build_demo(store, today=TODAY)
    sessions = [s for s in store.sessions(group.id) if s.status == "held"]
    for session, text in zip(sessions[2:5], (HER_STORY, GARDEN, OTHERS), strict=True):
        store.save(session.model_copy(update={"notes": f"{session.notes} {text}"}))
    return group, sessions[2:5]


def test_the_places_that_may_name_her_are_listed_with_their_words(store):
    group, (story, garden, others) = _demo_with_notes(store)
    check = pre_share_check(store, group.id)
    found = {(x.pseudonym, x.context) for x in check.withdrawn}
    # Her real name, certainly her; her pseudonym as the ordinary word, listed all the same.
    assert any(who == "บัว" and "อ้อยเล่าว่าสามีเคยขู่" in ctx for who, ctx in found)
    assert any(who == "บัว" and "ปลูกบัวในกระถาง" in ctx for who, ctx in found)
    # Other members (พร, น้ำ) have not withdrawn: their note is not listed for her.
    assert not any("คุณพรกับน้ำ" in ctx for _who, ctx in found)
    assert all(who == "บัว" for who, _ctx in found)
    assert check.open_items >= len(check.withdrawn) == 2


def test_no_withdrawal_no_list(store):
    group, _sessions = _demo_with_notes(store)
    for consent in store.group_consents(group.id):
        if consent.withdrawn_on:
            store.save(consent.model_copy(update={"withdrawn_on": None}))
    assert pre_share_check(store, group.id).withdrawn == []


def test_the_check_names_command_shows_them(db_path):
    with Store.open(db_path) as store:
        group, _sessions = _demo_with_notes(store)
    result = CliRunner().invoke(cli, ["--db", str(db_path), "review", group.id, "--check-names"])
    assert result.exit_code == 0, result.output
    assert "2 places may name a member who withdrew their consent." in result.output
    assert "อ้อยเล่าว่าสามีเคยขู่" in result.output and "[บัว]" in result.output
