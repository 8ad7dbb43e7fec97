"""Keeping members' real names out of the report.

Two jobs:

- ``Naming.label``: how a member is called in the report. By default their pseudonym/code;
  with ``--names`` their real name, but only where ``groupwork.consent.consent_covers`` allows
  ``ConsentScope.SHARED_IN_REPORT`` (everyone else stays pseudonymous and is listed in
  ``withheld`` so the command can say so).
- ``Naming.scrub``: remove real names from free text (notes, narratives, themes, task titles)
  that a facilitator typed, with ``groupwork.names.NameScrubber`` (Thai names inside Thai
  sentences, titles, joined names). A hidden member's name becomes their label; a name part
  two of them share (a family name) becomes "[name withheld]", pointing at neither.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from groupwork import models as m
from groupwork.consent import consent_covers
from groupwork.i18n import _
from groupwork.names import NameScrubber, normalise


@dataclass
class Naming:
    """How members are named in one report, and the scrubber for free text."""

    labels: dict[str, str]
    """Member id -> the name shown in the report."""
    withheld: list[str] = field(default_factory=list)
    """Pseudonyms of members whose real names were asked for but not consented to."""
    _scrubber: NameScrubber | None = None

    def label(self, actor_id: str | None) -> str:
        """The name shown for a member id (or the facilitator)."""
        if actor_id is None:
            return ""
        if actor_id == m.FACILITATOR:
            return _("Facilitator")
        return self.labels.get(actor_id, _("(unknown member)"))

    def scrub(self, text: str | None) -> str:
        """``text`` with every protected real name replaced by that member's label."""
        if not text:
            return ""
        if self._scrubber is None:
            return normalise(text)
        return normalise(self._scrubber.scrub(text))

    def scrub_all(self, texts: Iterable[str]) -> list[str]:
        """Scrub each text in a list (themes, questions), dropping empty ones."""
        return [t for t in (self.scrub(x) for x in texts) if t.strip()]


def build_naming(
    members: Iterable[m.Member],
    consents: dict[str, m.Consent | None],
    *,
    names: bool = False,
) -> Naming:
    """The naming for a report: pseudonyms, or real names where consent allows (``names``)."""
    members = list(members)
    labels: dict[str, str] = {}
    withheld: list[str] = []
    protected: list[m.Member] = []
    for member in members:
        consent = consents.get(member.id)
        if names and consent_covers(member, consent, m.ConsentScope.SHARED_IN_REPORT):
            labels[member.id] = member.real_name
        else:
            labels[member.id] = member.pseudonym
            protected.append(member)
            if names and member.is_selected:
                withheld.append(member.pseudonym)
    # A protected name part that is also a named member's shown name stays (it is shown anyway).
    shown = [labels[x.id] for x in members if x not in protected]
    scrubber = NameScrubber(
        (((x.real_name,), labels[x.id]) for x in protected),
        shared=_("[name withheld]"),
        keep=shown,
    )
    return Naming(labels=labels, withheld=sorted(withheld), _scrubber=scrubber or None)
