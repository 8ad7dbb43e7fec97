"""A tiny app that owns a Store and opens the recorder (the real app shell lives elsewhere)."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

from groupwork import models as m
from groupwork.store import open_store
from groupwork.tui.app import GroupworkApp
from groupwork.tui.screens.recorder import RecorderScreen
from tests.recording_group import (  # noqa: F401  (the recorder tests import them from here)
    GROUP_ID,
    HELD_ON,
    MEMBER_IDS,
    PSEUDONYMS,
    SESSION_ID,
    build_group,
)


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
