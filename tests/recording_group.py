"""The recorder tests' group: ten caregivers with fixed ids and session 3 planned.

Kept apart from ``tests.tui.recorder_app`` (which imports Textual) so the core's recorder
tests can build the same group where Textual is not installed.
"""

from __future__ import annotations

from datetime import date

from groupwork import models as m
from groupwork.store import Store

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
