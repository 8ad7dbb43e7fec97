"""A tiny app that owns a Store and opens the recorder (the real app shell lives elsewhere)."""

from __future__ import annotations

import asyncio
import functools
from datetime import date
from pathlib import Path

from groupwork import models as m
from groupwork.store import Store, open_store
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.recorder import RecorderScreen

GROUP_ID = "group-caregivers"
SESSION_ID = "session-0003"
PSEUDONYMS = ["Dao", "Fon", "Kaew", "Nok", "Pim", "Som", "Tan", "ดาวเหนือ", "น้ำฝน", "แก้วตา"]
MEMBER_IDS = [f"member-{i:02}" for i in range(len(PSEUDONYMS))]
HELD_ON = date(2026, 11, 21)


def build_group(store: Store) -> None:
    """A group of ten caregivers with fixed ids, and session 3 planned for 21 Nov 2026."""
    store.add(m.Group(id=GROUP_ID, name="Caregivers of Ban Suan", current_stage=7))
    for member_id, pseudonym in zip(MEMBER_IDS, PSEUDONYMS, strict=True):
        store.add(
            m.Member(
                id=member_id,
                group_id=GROUP_ID,
                real_name=f"Real name of {pseudonym}",
                pseudonym=pseudonym,
                decision=m.SelectionDecision.SELECTED,
            )
        )
    store.add(m.Session(id=SESSION_ID, group_id=GROUP_ID, number=3, held_on=HELD_ON))


class RecorderTestApp(GroupworkApp):
    """The real app, opening the recorder for ``GROUP_ID`` straight away (no home screen)."""

    def __init__(self, db_path: Path | str, session_id: str | None = SESSION_ID) -> None:
        super().__init__(db_path)
        self.session_id = session_id
        self.closed: list[m.Session | None] = []

    def open_store(self, passphrase: str | None) -> None:
        # Textual runs every class's on_mount, so the start is changed here, not there.
        self.store = open_store(self.db_path, passphrase=passphrase)  # a file or a server
        self.push_screen(RecorderScreen(self.store, GROUP_ID, self.session_id), self.closed.append)


async def until(pilot, condition, seconds: float = 5.0) -> None:
    """Let the app (and the recorder's writer thread) run until ``condition()`` holds."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the recorder did not get there in time")


def run_async(test):
    """Run an async test with asyncio.run (no async pytest plugin is installed)."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper
