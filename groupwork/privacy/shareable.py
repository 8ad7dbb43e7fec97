"""The one path shared text takes: every door that shows text about a group to someone else.

The review (md, html, docx), its charts, the digest, ``groupwork tasks`` and ``status``, the
TUI's coordinator screen and the pseudonymised and agency exports (``export_naming``,
``Naming.export_row``) all render a group's free text (a group's name, a task's title,
notes, narratives) through a ``Naming``
(``privacy.naming``): people the worker linked (``privacy.links``) become their pseudonym
or role, and the name matcher (``privacy.names``) replaces the names typed without a link
(members' real names by pseudonyms, the register's people by their roles, the non-members'
names the worker chose to replace by "[name withheld]").

- ``group_naming``: one group's naming, read from the store (the review builds its own from
  the data it gathered, ``privacy.naming.review_naming``: the same function underneath).
- ``Shareable``: many groups' text (the coordinator's views, the digest): one naming per group,
  built the first time that group's text is shown.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TypeVar

from groupwork import models as m
from groupwork.privacy import links
from groupwork.privacy.name_forms import MIN_PART, TITLES, fold, normalise
from groupwork.privacy.naming import Naming, build_naming
from groupwork.privacy.withdrawn_words import WithdrawnWords

RowT = TypeVar("RowT")
_TITLES = tuple(fold(t) for t in TITLES)


def group_naming(store, group_id: str, *, names: bool = False) -> Naming:
    """How ``group_id``'s text reads when shared: pseudonyms (real names only with ``names``
    and where each member's consent allows it), the register's roles, replaced names."""
    members = store.members(group_id)
    consents: dict[str, m.Consent | None] = (
        {x.id: store.current_consent(x.id) for x in members} if names else {}
    )
    # A coordinator's login reads pseudonymised views only (docs/agency.md): no real names to
    # replace, and no right on the register; a link to a person around is then withheld.
    views_only = getattr(store, "views_only", False)
    group = store.get(m.Group, group_id)
    return build_naming(
        members,
        consents,
        names=names,
        others=[] if views_only else store.replaced_other_names(group_id),
        staff=group.facilitators,  # named by design, never replaced
        decisions=[] if views_only else store.name_decisions(group_id),
        around=[] if views_only else store.people_around(group_id),
    )


def export_naming(store, group_id: str, hidden: Iterable[m.Member], staff: Iterable[str]) -> Naming:
    """The naming an export leaving the unit is rendered by (``privacy.export_gate.gate_export``): the
    same ``build_naming`` as every other door. The ``hidden`` members become their pseudonyms;
    the others keep their real names (the door checked their consent to the agency); the
    register's people their roles; the non-member names the worker chose to replace become
    "[name withheld]"; ``staff`` (facilitators, heads who endorsed) are never replaced."""
    hidden_ids = {x.id for x in hidden}
    members = [x for x in store.members(group_id) if not x.erased]
    return build_naming(
        members,
        {},
        named=[x.id for x in members if x.id not in hidden_ids],
        others=store.replaced_other_names(group_id),
        staff=staff,
        decisions=store.name_decisions(group_id),
        around=store.people_around(group_id),
    )


def shareable_text(store, group_id: str, text: str | None) -> str:
    """``text`` (free text of ``group_id``) as it may be shown to anyone but the worker."""
    return group_naming(store, group_id).scrub(text)


class Shareable:
    """Shared text of many groups at once: one ``Naming`` per group, built on first use and
    kept for this object's life (one screen page, one command)."""

    def __init__(self, store) -> None:
        self._store = store
        self._namings: dict[str, Naming] = {}
        self._parts: dict[str, list[str]] = {}
        self._done: dict[tuple[str, str], str] = {}
        self._withdrawn = WithdrawnWords(store)

    def naming(self, group_id: str) -> Naming:
        """``group_id``'s naming (see ``group_naming``)."""
        if group_id not in self._namings:
            self._namings[group_id] = group_naming(self._store, group_id)
        return self._namings[group_id]

    def text(self, group_id: str, text: str | None) -> str:
        """``text`` of ``group_id`` as it may be shared."""
        if not text:
            return ""
        # A group's name repeats on every row of that group (a page of members, of tasks):
        # worked out once per group and text for this object's life.
        key = (group_id, text)
        if key not in self._done:
            if not links.has_links(text) and not self._may_name(group_id, text):
                self._done[key] = normalise(text)  # what the full path gives a text with no name
            else:
                self._done[key] = self.naming(group_id).scrub(text)
        return self._done[key]

    def told(self, group_id: str, text: str | None) -> str:
        """A text that tells something (a task's title) as it may be shared: each line telling
        of a member who withdrew her consent, under any name (her pseudonym too), withheld. A
        group's name names the group: not searched, as in the review."""
        return self.text(group_id, self._withdrawn.withhold(group_id, text or ""))

    def _may_name(self, group_id: str, text: str) -> bool:
        """False when no part of any name the group's naming replaces is in ``text``, even
        as letters inside a word: then the matcher would leave it as it is. Spares building a
        matcher (and loading the Thai dictionary) for every group on a page of group names.
        A coordinator's login sees no real name (pseudonymised views): only links count."""
        if getattr(self._store, "views_only", False):
            return False
        if group_id not in self._parts:
            self._prefetch([group_id])
        folded = fold(text)
        return any(part in folded for part in self._parts[group_id])

    def _prefetch(self, group_ids: Iterable[str]) -> None:
        """The name parts of ``group_ids`` not known yet, in one query."""
        wanted = [g for g in dict.fromkeys(group_ids) if g not in self._parts]
        if not wanted or getattr(self._store, "views_only", False):
            return
        names = self._store.names_in_groups(wanted)
        for group_id in wanted:
            # Folded together: folding goes letter by letter and no letter joins with a line
            # break, so this is each name folded on its own, in one call instead of one each.
            parts = set(fold("\n".join(names.get(group_id, []))).split())
            # Each part with any title taken off too (more parts: never fewer finds).
            # (Most parts start with no title: one test of all titles first, then which.)
            parts |= {
                p[len(t) :].lstrip(". ")
                for p in parts
                if p.startswith(_TITLES)
                for t in _TITLES
                if p.startswith(t)
            }
            self._parts[group_id] = [p for p in parts if len(p) >= MIN_PART]

    def rows(
        self,
        rows: Iterable[RowT],
        text_field: str,
        group_field: str = "group_id",
        *,
        told: bool = False,
    ) -> list[RowT]:
        """Frozen rows (``store.rows``) with ``text_field`` rendered for sharing, each by its
        own group (``group_field`` names the group's id); ``told``: the field tells something
        (a task's title), so a withdrawn member's words in it are withheld (``told``)."""
        rows = list(rows)
        self._prefetch(getattr(row, group_field) for row in rows)
        if told:  # the page's consents in one read, not one per group
            self._withdrawn.prefetch(getattr(row, group_field) for row in rows)
        render = self.told if told else self.text
        return [
            dataclasses.replace(
                row,
                **{text_field: render(getattr(row, group_field), getattr(row, text_field))},
            )
            for row in rows
        ]
