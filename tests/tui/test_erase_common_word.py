"""Erasing from the TUI a member whose name is an ordinary word (พร): her own group's uses of
the word go, another group's are left as written and named in the notice, to re-read."""

from __future__ import annotations

from datetime import date

from groupwork import models as m
from groupwork.store import Store
from groupwork.tui.app import GroupworkApp
from tests.tui.test_wiring import erase_m01, notifications

BLESSING = "ทุกคนอยากได้รับพรจากพระ"


async def test_the_notice_names_what_was_left_in_another_group(seeded_db):
    with Store.open(seeded_db) as store:
        member = store.get(m.Member, "m1")
        store.save(member.model_copy(update={"real_name": "นางพร ใจงาม"}))
        own = store.sessions("g1")[0]
        store.save(own.model_copy(update={"notes": BLESSING}))
        other = store.add(m.Group(name="กลุ่มเยาวชนบ้านหนองเอ็น"))
        elsewhere = store.add(
            m.Session(group_id=other.id, number=1, held_on=date(2026, 3, 2), notes=BLESSING)
        )
    app = GroupworkApp(seeded_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await erase_m01(pilot)
        notice = next(text for text, _ in notifications(app) if text.startswith("Erased."))
    assert (
        "Left as written in other groups, where the name reads as an ordinary word "
        f"(re-read them): กลุ่มเยาวชนบ้านหนองเอ็น: …{BLESSING}…"
    ) in notice
    with Store.open(seeded_db) as store:
        code = store.get(m.Member, "m1").pseudonym
        assert store.get(m.Session, own.id).notes == f"ทุกคนอยากได้รับ{code}จากพระ"
        assert store.get(m.Session, elsewhere.id).notes == BLESSING
