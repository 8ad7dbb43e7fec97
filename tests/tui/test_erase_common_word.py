"""Erasing from the TUI a member whose name is an ordinary word (พร): where it may be the word
it is undecided, in her own group as in another, so it is left as written (no word rewritten
for good) and named in the notice, to re-read."""

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
        "Still undecided, left as written, where the name may be an ordinary word "
        "(re-read and edit them): "
    ) in notice
    assert f"กลุ่มเยาวชนบ้านหนองเอ็น: …{BLESSING}…" in notice
    assert notice.count(BLESSING) == 2  # hers too
    with Store.open(seeded_db) as store:
        assert store.get(m.Session, own.id).notes == BLESSING
        assert store.get(m.Session, elsewhere.id).notes == BLESSING
