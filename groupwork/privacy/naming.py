"""Keeping members' real names out of every shared output.

Three jobs:

- ``Naming.label``: how a member is called in the report. By default their pseudonym/code;
  with ``--names`` their real name, but only where ``groupwork.consent.consent_covers`` allows
  ``ConsentScope.SHARED_IN_REPORT`` (everyone else stays pseudonymous and is listed in
  ``withheld`` so the command can say so).
- ``Naming.scrub``: the one function that decides what shared text says. It removes real names
  from free text with ``groupwork.privacy.names.NameScrubber`` (word by word: Thai names inside Thai
  sentences, titles, joined names; never letters inside an ordinary word). A hidden member's
  name becomes their label; a name part two of them share (a family name) becomes
  "[name withheld]", pointing at neither; a non-member's name the worker chose to replace
  (``groupwork.privacy.other_names``) becomes "[name withheld]" too.
- ``shareable``: the review's data with ``Naming.scrub`` applied to every text field of every
  record (the cover's free text, tables, chart labels and titles, document metadata all come
  from it), and the spots a person should re-read collected with where they are.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

from pydantic import BaseModel

from groupwork import models as m
from groupwork.consent import consent_covers
from groupwork.i18n import _, current_language, ngettext
from groupwork.labels import field_label
from groupwork.privacy import links
from groupwork.privacy.name_forms import normalise
from groupwork.privacy.names import Decide, NameScrubber, Spot, is_reference, scrub_data
from groupwork.privacy.positions import Answer


@dataclass(frozen=True)
class SpotAt:
    """An undecided occurrence (``groupwork.privacy.names.Spot``) and where it is: as a
    person reads it (``where``) and as a decision is kept (``record_id``, ``field``)."""

    where: str
    spot: Spot
    record_id: str = ""
    field: str = ""

    @property
    def id(self) -> str:
        """A short id a person types to decide it (``review --decide ID=name``): the same as
        long as the words around it stay."""
        import hashlib

        key = "\0".join(
            (self.record_id, self.field, self.spot.word, self.spot.before, self.spot.after)
        )
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:6]


NEAR = 3
"""Letters beside an occurrence that must still agree when the other side changed."""


def decider(decisions: Iterable[m.NameDecision]) -> Callable[[str, str], Decide | None]:
    """``(record_id, field) -> Decide`` over a person's decisions: each occurrence is found by
    its word and the text around it, the nearest position breaking a tie."""
    by_place: dict[tuple[str, str], list[m.NameDecision]] = {}
    for decision in decisions:
        by_place.setdefault((decision.record_id, decision.field), []).append(decision)

    def for_field(record_id: str, field_name: str) -> Decide | None:
        found = by_place.get((record_id, field_name))
        if not found:
            return None

        def decide(word: str, before: str, after: str, start: int) -> Answer | None:
            # The words right around it, as far as both texts reach: an edit a little way off
            # (or the text starting nearer) does not lose the decision. A change right beside
            # it (a withheld passage before it, say) keeps it only when that side still ends
            # in the same few letters and the other side agrees in full.
            def agrees(d: m.NameDecision) -> bool:
                left = before.endswith(d.before) or d.before.endswith(before)
                right = after.startswith(d.after) or d.after.startswith(after)
                if left and right:
                    return len(d.before) + len(d.after) + len(before) + len(after) > 0
                near_left = os.path.commonprefix([before[::-1], d.before[::-1]])
                near_right = os.path.commonprefix([after, d.after])
                return (left and bool(before) and len(near_right) >= NEAR) or (
                    right and bool(after) and len(near_left) >= NEAR
                )

            same = [d for d in found if d.word == word and agrees(d)]
            if not same:
                return None
            return Answer(min(same, key=lambda d: abs(d.position - start)).answer)

        return decide

    return for_field


@dataclass
class Naming:
    """How members are named in one report, and the scrubber for free text."""

    labels: dict[str, str]
    """Member id -> the name shown in the report."""
    withheld: list[str] = field(default_factory=list)
    """Pseudonyms of members whose real names were asked for but not consented to."""
    _scrubber: NameScrubber | None = None
    spots: list[SpotAt] = field(default_factory=list)
    """Undecided occurrences of a person's name that is also an ordinary word, left as
    written (``shareable`` fills it): a person decides them before sharing."""
    others_open: int = 0
    """Possible names of people who are not members, not decided yet (the cover says so)."""
    _decide: Callable[[str, str], Decide | None] | None = None
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
        record_id, field_name = (
            ("", at) if isinstance(at, str) else (str(getattr(at[0], "id", "")), at[1])
        )
        if isinstance(at, str):
            where: str | Callable[[], str] = at
        else:
            where = lambda: where_in(*at)  # noqa: E731 -- only when needed: most have no spot
        return normalise(self._scrub_at(text, record_id, field_name, where))

    def _scrub_at(
        self, text: str, record_id: str, field_name: str, where: str | Callable[[], str]
    ) -> str:
        """``text`` (no link token in it) scrubbed with the decisions of ``record_id``'s
        ``field_name``; each undecided occurrence noted in ``spots`` as at ``where``."""
        if self._scrubber is None:
            return text
        decide = self._decide(record_id, field_name) if self._decide else None
        cleaned, spots = self._scrubber.scrub_with_spots(text, decide)
        if spots:
            at = where if isinstance(where, str) else where()
            self.spots.extend(SpotAt(at, spot, record_id, field_name) for spot in spots)
        return cleaned

    def export_row(self, table: str, row: dict, skip: Iterable[str] = ()) -> dict:
        """One record of an export leaving the unit (as dumped) with every text field
        scrubbed like any shared text, undecided occurrences noted in ``spots``; ``skip``
        fields, ids and references left alone. Link tokens stay (the file is imported
        again) but each is rendered by its id: the label inside, never the name."""
        record_id = str(row.get("id", ""))
        out = {}
        for key, value in row.items():
            if key in skip:
                out[key] = value
                continue
            where = f"{table} › {key}"

            def rest(text: str, key: str = key, where: str = where) -> str:
                return self._scrub_at(text, record_id, key, where)

            def scrub(text: str, rest=rest) -> str:
                if not links.has_links(text):
                    return rest(text)
                relinked = lambda link: links.token(  # noqa: E731
                    link.kind, link.record_id, self.link_label(link)
                )
                return links.render(text, relinked, rest, spaced=False)

            out[key] = scrub_data(value, scrub, key)
        return out

    @property
    def all_removed(self) -> bool:
        """True only when nothing is left undecided: no occurrence of a member's name, no
        possible name of a non-member (what lets the cover say the names are removed)."""
        return not self.spots and not self.others_open

    def privacy_note(self) -> str:
        """What the report's cover says is still undecided ("" when nothing is).

        Only how many and where, never the word: listing the word would tell the reader it
        is someone's name."""
        notes = []
        if self.spots:
            places = sorted({s.where for s in self.spots})
            notes.append(
                ngettext(
                    "{count} occurrence of a word that is also a person's name is still "
                    "undecided and was left as written: {places}.",
                    "{count} occurrences of a word that is also a person's name are still "
                    "undecided and were left as written: {places}.",
                    len(self.spots),
                ).format(count=len(self.spots), places="; ".join(places))
            )
        if self.others_open:
            notes.append(
                ngettext(
                    "{count} possible name of someone who is not a member is not decided yet.",
                    "{count} possible names of people who are not members are not decided yet.",
                    self.others_open,
                ).format(count=self.others_open)
            )
        if notes:
            notes.append(_("Decide each in the pre-share check before sharing."))
        return " ".join(notes)


# Each kind of record as the pre-share check names it: asked for every field of every record,
# so made once per language.
def _kinds() -> dict[type, str]:
    return _kinds_in(current_language())


@cache
def _kinds_in(language: str) -> dict[type, str]:
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
    staff: Iterable[str] = (),
    decisions: Iterable[m.NameDecision] = (),
    around: Iterable[m.PersonAround] = (),
    named: Iterable[str] | None = None,
) -> Naming:
    """The naming for a report: pseudonyms, or real names where consent allows (``names``).
    ``named``: the ids of the members a door already checked may be named (an agency export,
    by its own consent scope), instead of ``names`` and ``consents``.

    ``others`` are names of people who are not members that the worker chose to replace;
    ``staff`` the workers' names (facilitators, the head of unit), never replaced;
    ``decisions`` a person's decisions about undecided occurrences; ``around``, the group's
    register of people around it: linked or written without a link, each is shown by role."""
    members = list(members)
    labels: dict[str, str] = {}
    withheld: list[str] = []
    protected: list[m.Member] = []
    by_door = None if named is None else set(named)
    for member in members:
        consent = consents.get(member.id)
        if (
            member.id in by_door
            if by_door is not None
            else names and consent_covers(member, consent, m.ConsentScope.SHARED_IN_REPORT)
        ):
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
        protect=staff,
    )
    naming = Naming(
        labels=labels,
        withheld=sorted(withheld),
        _scrubber=scrubber or None,
        _decide=decider(decisions),
    )
    # A role may name a member ("สามีของฟ้า" typed by mistake): it goes through the scrubber.
    naming.roles = {p.id: naming.scrub(p.role) for p in around}
    return naming


def staff_names(data) -> list[str]:
    """The workers named in ``data`` (a ``ReviewData``): the facilitators and the head of unit
    who signs; they are named by design and never replaced by a member's pseudonym."""
    return [*data.group.facilitators, *([data.endorsement.name] if data.endorsement else [])]


def review_naming(
    data,
    *,
    names: bool = False,
    others: Iterable[str] = (),
    decisions: Iterable[m.NameDecision] = (),
    withhold: bool = True,
):
    """The naming for ``data`` (a ``ReviewData``) and the data every shared output is made
    from: what consent withholds taken out (``consent_withheld``), then
    ``shareable(data, naming)``. Every writer (md, html, docx, charts) starts here.
    ``withhold=False`` (the pre-share check) keeps every passage, so a person can decide each
    occurrence, those in withheld passages too (erasure and the exports apply decisions)."""
    from groupwork.privacy.consent_withheld import withhold_by_consent

    if withhold:  # what consent keeps out never reaches a writer
        data = withhold_by_consent(data)
    naming = build_naming(
        data.members,
        data.consents,
        names=names,
        others=others,
        staff=staff_names(data),
        decisions=decisions,
        around=data.people_around,
    )
    return naming, shareable(data, naming)
