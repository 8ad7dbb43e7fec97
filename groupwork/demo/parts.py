"""What the demo's parts (``activity``, ``course``) use of the builder that calls them.

The builder (``groupwork.demo.builder.DemoBuilder``) imports the parts to call them; the parts
are typed against this face of it rather than the builder itself, so neither imports the other
back.
"""

from __future__ import annotations

import random
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from groupwork import models as m
    from groupwork.store import Store


class Builder(Protocol):
    """The demo builder as its parts see it: where to write, the ids made so far, the days."""

    store: Store
    rng: random.Random
    group_id: str
    dates: dict[int, date]
    member_ids: dict[str, str]
    members: dict[str, m.Member]
    session_ids: dict[int, str]
    goal_ids: dict[str, str]

    def id(self, kind: str, key: object) -> str:
        """A stable id for ``kind`` and ``key``."""
        ...

    def day(self, spec: str) -> date:
        """A content date ("s7+4") as a day of this build."""
        ...

    def session_start(self, n: int) -> datetime:
        """When session ``n`` began."""
        ...

    def held(self) -> list[int]:
        """The numbers of the sessions that took place."""
        ...

    def add(self, record: m.Record) -> None:
        """Write one record."""
        ...

    def members_on(self, when: date) -> list[str]:
        """Pseudonyms of the people who were members of the group on ``when``."""
        ...
