"""A tiny app that owns a Store and opens the recorder (the real app shell lives elsewhere)."""

from __future__ import annotations

import asyncio
import functools
from datetime import date
from pathlib import Path

from textual.app import App
from textual.widgets import Static

from groupwork import models as m
from groupwork.store import Store
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


class RecorderTestApp(App):
    """Opens the recorder for ``GROUP_ID`` on the database at ``db_path``."""

    def __init__(self, db_path: Path | str, session_id: str | None = SESSION_ID) -> None:
        super().__init__()
        self.store = Store.open(db_path)
        self.session_id = session_id
        self.closed: list[m.Session | None] = []

    def compose(self):
        yield Static("home")

    def on_mount(self) -> None:
        self.push_screen(RecorderScreen(self.store, GROUP_ID, self.session_id), self.closed.append)

    def on_unmount(self) -> None:
        self.store.close()


def run_async(test):
    """Run an async test with asyncio.run (no async pytest plugin is installed)."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper
