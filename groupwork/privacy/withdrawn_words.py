"""A withdrawn member's words in the titles shown by the doors that show many groups' text
at once (``privacy.shareable.Shareable.told``: ``groupwork tasks``, the TUI's coordinator
screen).

The review takes her words out with the rest of what consent withholds
(``privacy.consent_withheld``), the exports in ``privacy.export_gate.gate_export``. A task's title
("เพ็ญขอยืมเงินกองทุน") still reached ``groupwork tasks`` as "สมาชิก ง ขอยืมเงินกองทุน": her
words under her pseudonym. Here each line of such a text that mentions her, under any name
(``privacy.mentions``), is replaced by the withdrawal notice, as in the review.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from groupwork.models_lazy import models as m
from groupwork.privacy.mentions import Mentions, without_mentions
from groupwork.privacy.withheld import notice, withdrawn_in_full

Finder = tuple[Mentions, str]
"""A withdrawn member's finder and the notice that replaces a line mentioning her."""


class WithdrawnWords:
    """Withholds the words of the members who withdrew their consent, group by group; each
    group's consents are read once, the first time its text is shown."""

    def __init__(self, store) -> None:
        self._store = store
        self._finders: dict[str, list[Finder]] = {}

    def withhold(self, group_id: str, text: str) -> str:
        """``text`` of ``group_id`` with each line that mentions a withdrawn member replaced
        by the notice."""
        finders = self._finders.get(group_id)
        if finders is None:
            finders = self._finders[group_id] = self._read(group_id)
        return without_mentions(text, finders)[0] if finders else text

    def prefetch(self, group_ids: Iterable[str]) -> None:
        """Read the consents of the groups not read yet in one query (a page of groups: one
        read for all, not one per group); members only of a group where someone withdrew."""
        wanted = [g for g in dict.fromkeys(group_ids) if g not in self._finders]
        if not wanted or getattr(self._store, "views_only", False):
            return
        consents = self._store.consents_of_groups(wanted)
        for group_id in wanted:
            self._finders[group_id] = self._found(group_id, consents.get(group_id, []))

    def _read(self, group_id: str) -> list[Finder]:
        # A coordinator's login reads the pseudonymised views only: no consents to read
        # (the stored shareable titles are all it sees).
        if getattr(self._store, "views_only", False):
            return []
        return self._found(group_id, self._store.group_consents(group_id))

    def _found(self, group_id: str, consents: list[m.Consent]) -> list[Finder]:
        gone = withdrawn_in_full({c.member_id: c for c in consents})
        return withdrawn_finders(self._store.members(group_id), gone) if gone else []


def withdrawn_finders(members: Iterable[m.Member], gone: dict[str, date]) -> list[Finder]:
    """A finder of each member in ``gone`` (member id -> the day her consent was withdrawn),
    with the notice that stands for her words; the other members are left out."""
    return [(Mentions(x), notice(gone[x.id])) for x in members if x.id in gone]
