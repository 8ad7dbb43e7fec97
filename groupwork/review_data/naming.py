"""Keeping members' real names out of every shared output.

Three jobs:

- ``Naming.label``: how a member is called in the report. By default their pseudonym/code;
  with ``--names`` their real name, but only where ``groupwork.consent.consent_covers`` allows
  ``ConsentScope.SHARED_IN_REPORT`` (everyone else stays pseudonymous and is listed in
  ``withheld`` so the command can say so).
- ``Naming.scrub``: the one function that decides what shared text says. It removes real names
  from free text with ``groupwork.names.NameScrubber`` (word by word: Thai names inside Thai
  sentences, titles, joined names; never letters inside an ordinary word). A hidden member's
  name becomes their label; a name part two of them share (a family name) becomes
  "[name withheld]", pointing at neither; a non-member's name the worker chose to replace
  (``groupwork.other_names``) becomes "[name withheld]" too.
- ``shareable``: the review's data with ``Naming.scrub`` applied to every text field of every
  record (the cover's free text, tables, chart labels and titles, document metadata all come
  from it), and the spots a person should re-read collected with where they are.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from groupwork import models as m
from groupwork.consent import consent_covers
from groupwork.i18n import _
from groupwork.labels import field_label
from groupwork.names import NameScrubber, Spot, is_reference, normalise
from groupwork.privacy import links


@dataclass(frozen=True)
class SpotAt:
    """A spot to re-read (``groupwork.names.Spot``) and where in the record it is."""

    where: str
    spot: Spot


@dataclass
class Naming:
    """How members are named in one report, and the scrubber for free text."""

    labels: dict[str, str]
    """Member id -> the name shown in the report."""
    withheld: list[str] = field(default_factory=list)
    """Pseudonyms of members whose real names were asked for but not consented to."""
    _scrubber: NameScrubber | None = None
    spots: list[SpotAt] = field(default_factory=list)
    """Where a person's name that is also an ordinary word was left as written (``shareable``
    fills it): a person should re-read these before sharing."""
    roles: dict[str, str] = field(default_factory=dict)
    """Person around the group id -> the role shown for them (``models.PersonAround``)."""

    def link_label(self, link: links.Link) -> str:
        """What stands for a person the worker linked in the text (``privacy.links``): a
        member's label, a person's role; "[name withheld]" for anyone else."""
        if link.kind == links.MEMBER and link.record_id in self.labels:
            return self.labels[link.record_id]
        if link.kind == links.AROUND and link.record_id in self.roles:
            return self.roles[link.record_id]
        return _("[name withheld]")

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
        if links.has_links(text):  # linked people are rendered, never guessed
            return links.render(normalise(text), self.link_label, self.scrub)
        if self._scrubber is None:
            return normalise(text)
        return normalise(self._scrubber.scrub(text))

    def scrub_all(self, texts: Iterable[str]) -> list[str]:
        """Scrub each text in a list (themes, questions), dropping empty ones."""
        return [t for t in (self.scrub(x) for x in texts) if t.strip()]

    def _scrub_noting(self, text: str, at: tuple[BaseModel, str] | str) -> str:
        if links.has_links(text):
            rest = lambda piece: self._scrub_noting(piece, at)  # noqa: E731
            return links.render(normalise(text), self.link_label, rest)
        if self._scrubber is None:
            return normalise(text)
        cleaned, spots = self._scrubber.scrub_with_spots(text)
        if spots:  # where it is, worked out only when needed: most texts have no spot
            where = at if isinstance(at, str) else where_in(*at)
            self.spots.extend(SpotAt(where, spot) for spot in spots)
        return normalise(cleaned)

    def privacy_note(self) -> str:
        """What the report's privacy notice says about spots to re-read ("" when none).

        Only where they are, never the word: listing the word would tell the reader it is
        someone's name."""
        if not self.spots:
            return ""
        places = sorted({s.where for s in self.spots})
        return _(
            "{count} places hold a word that is also a person's name and was left as written "
            "because it reads as an ordinary word; re-read them before sharing: {places}."
        ).format(count=len(self.spots), places="; ".join(places))


# Each kind of record as the pre-share check names it.
def _kinds() -> dict[type, str]:
    return {
        m.Group: _("Group"),
        m.Member: _("Member"),
        m.Consent: _("Consent"),
        m.StageProgress: _("Stage"),
        m.GroundRule: _("Ground rule"),
        m.Assessment: _("Assessment"),
        m.GroupIssue: _("Issue"),
        m.Goal: _("Goal"),
        m.Task: _("Task"),
        m.Attendance: _("Attendance"),
        m.ParticipationEvent: _("Participation"),
        m.GroupMark: _("Group mark"),
        m.Review: _("Review"),
        m.NewSituation: _("New situation"),
        m.HandoverStep: _("Handover"),
        m.Endorsement: _("Endorsement"),
    }


def where_in(record: BaseModel, field_name: str) -> str:
    """Where a field of a record is, as a person looks for it ("Session 3 › Notes")."""
    if isinstance(record, m.Session):
        kind = _("Session {number}").format(number=record.number)
    elif isinstance(record, m.StageProgress):
        kind = _("Stage {number}").format(number=record.stage)
    else:
        kind = _kinds().get(type(record), type(record).__name__)
    return f"{kind} › {field_label(type(record), field_name)}"


def _scrub_value(naming: Naming, value: Any, at: Any) -> Any:
    if type(value) is str:  # not StrEnum values: those are stored choices, not text
        return naming._scrub_noting(value, at)
    if isinstance(value, BaseModel):
        return scrub_record(naming, value)
    if isinstance(value, list):
        return [_scrub_value(naming, v, at) for v in value]
    if isinstance(value, tuple):
        return tuple(_scrub_value(naming, v, at) for v in value)
    if isinstance(value, dict):
        return {k: _scrub_value(naming, v, at) for k, v in value.items()}
    return value


_SCALARS = (int, float, bool, type(None), date, datetime)


def scrub_record(naming: Naming, record: BaseModel) -> BaseModel:
    """``record`` with every text field (nested ones too) through ``Naming.scrub`` (a copy
    when anything changed); ids and references stay."""
    update = {}
    for name in type(record).model_fields:
        value = getattr(record, name)
        if isinstance(value, _SCALARS) or is_reference(name):
            continue  # most fields of the many small records (turns, attendance) are these
        scrubbed = _scrub_value(naming, value, (record, name))
        if scrubbed != value:
            update[name] = scrubbed
    return record.model_copy(update=update) if update else record


def texts_of(
    value: Any, where: str = "", skip: frozenset[tuple[type, str]] = frozenset()
) -> Iterable[tuple[str, str]]:
    """Every text field in ``value`` (a record, a ``ReviewData``, lists and dicts of them) as
    ``(where, text)`` pairs, ids, references and ``skip`` (``(model, field)``) left out: what
    ``shareable`` scrubs."""
    if type(value) is str:
        if value.strip():
            yield where, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if not is_reference(name) and (type(value), name) not in skip:
                yield from texts_of(getattr(value, name), where_in(value, name), skip)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from texts_of(item, where, skip)
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts_of(item, where, skip)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from texts_of(getattr(value, f.name), f.name, skip)


def shareable(data, naming: Naming):
    """``data`` (a ``ReviewData``) with every text field of every record scrubbed, so nothing
    reaches a shared output without passing ``Naming.scrub``. Fills ``naming.spots``."""
    naming.spots.clear()
    changes = {
        f.name: _scrub_value(naming, getattr(data, f.name), f.name)
        for f in dataclasses.fields(data)
    }
    return dataclasses.replace(data, **changes)


def build_naming(
    members: Iterable[m.Member],
    consents: dict[str, m.Consent | None],
    *,
    names: bool = False,
    others: Iterable[str] = (),
    around: Iterable[m.PersonAround] = (),
) -> Naming:
    """The naming for a report: pseudonyms, or real names where consent allows (``names``).

    ``others`` are names of people who are not members that the worker chose to replace;
    ``around``, the group's register of people around it: linked or written without a link,
    each is shown by role."""
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
    withheld_marker = _("[name withheld]")
    scrubber = NameScrubber(
        [
            *(((x.real_name,), labels[x.id]) for x in protected),
            *(((name,), withheld_marker) for name in others),
            *(((p.real_name,), p.role) for p in around),
        ],
        shared=withheld_marker,
        keep=shown,
    )
    naming = Naming(labels=labels, withheld=sorted(withheld), _scrubber=scrubber or None)
    # A role may name a member ("สามีของฟ้า" typed by mistake): it goes through the scrubber.
    naming.roles = {p.id: naming.scrub(p.role) for p in around}
    return naming


def review_naming(data, *, names: bool = False, others: Iterable[str] = ()):
    """The naming for ``data`` (a ``ReviewData``) and the data every shared output is made
    from: what consent withholds taken out (``consent_withheld``), then
    ``shareable(data, naming)``. Every writer (md, html, docx, charts) starts here."""
    from groupwork.review_data.consent_withheld import withhold_by_consent

    data = withhold_by_consent(data)  # what consent keeps out never reaches a writer
    naming = build_naming(
        data.members, data.consents, names=names, others=others, around=data.people_around
    )
    return naming, shareable(data, naming)
