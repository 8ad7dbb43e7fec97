"""Keys typed faster than the screen draws still mean what they meant in order.

Found in tmux: "a3" sent at once logged member 3's turn as plain speech and gave "asked"
to the next turn; "m3" logged a turn for member 3 instead of a burst of laughter. The
recorder's command keys used to run as bindings after the key had travelled back to the
app, behind the member key typed next.
"""

from __future__ import annotations

from textual import events

from groupwork import models as m
from groupwork.store import Store
from tests.tui.recorder_app import MEMBER_IDS, SESSION_ID, RecorderTestApp, build_group, run_async


def type_at_once(app, *keys: str) -> None:
    """Queue every key before the app handles the first (a burst from a quick typist)."""
    for key in keys:
        character = " " if key == "space" else key
        app.post_message(events.Key(key, character))


@run_async
async def test_kind_and_mark_keys_typed_quickly_apply_to_the_next_key(db_path):
    with Store.open(db_path) as store:
        build_group(store)
    app = RecorderTestApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        type_at_once(app, "a", "3", "s", "1", "c", "2", "m", "3", "n", "4", "f")
        await pilot.pause()
        await pilot.pause()
    with Store.open(db_path) as store:
        turns = store.participation(SESSION_ID)
        marks = store.group_marks(SESSION_ID)
    assert [(t.actor_id, t.kind) for t in turns] == [
        (MEMBER_IDS[2], m.TurnKind.ASKED),
        (MEMBER_IDS[0], m.TurnKind.SUPPORTED),
        (MEMBER_IDS[1], m.TurnKind.CHALLENGED),
        (MEMBER_IDS[3], m.TurnKind.SPOKE),
        (m.FACILITATOR, m.TurnKind.SPOKE),
    ]
    assert turns[3].responds_to_id is None  # n: a new thread
    assert [mark.kind for mark in marks] == [m.GroupMarkKind.LAUGHTER]
