"""Each task's and goal's title and each group's name in its shareable form, kept beside the
text as it was typed.

The coordinator's views (``store/postgres/agency.py``) show ``title_shared`` (``name_shared``)
instead of the text: names replaced as the review replaces them (``groupwork.shared_title``).
A person the worker linked shows by pseudonym or role, and a task's or goal's title telling
of a member who withdrew her consent (under any name) by the withdrawal notice. The store writes it whenever
a task, goal or group is saved, and again for the whole group when a member, a person around
it, a consent or a "replace this name" decision changes (a name typed before its person
joined is then caught too). Migrations fill it for rows written before it existed (``backfill``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from groupwork import models as m
from groupwork.i18n import _
from groupwork.privacy import links
from groupwork.privacy.mentions import Mentions
from groupwork.privacy.withheld import notice
from groupwork.shared_title import shareable_title

SHARED_TITLES = {
    m.Task: ("tasks", "title", "group_id"),
    m.Goal: ("goals", "title", "group_id"),
    m.Group: ("groups", "name", "id"),
}
"""The records whose free text reaches the coordinator: (table, text column, the column naming
the group). The shareable form is kept in ``<text column>_shared``."""

Fetch = Callable[[str, Sequence[Any]], list[tuple]]
"""Runs one statement (SQLite's ``?`` placeholders) and returns its rows as tuples."""


def _share(
    fetch: Fetch,
    shared: tuple[str, str, str],
    group_id: str,
    record_id: str = "",
    linked: bool = True,
) -> None:
    table, text, group = shared
    where, params = f"{group} = ?", [group_id]
    if record_id:
        where, params = "id = ?", [record_id]
    texts = fetch(f"select id, {text} from {table} where {where}", params)
    if not texts:
        return
    people = fetch("select real_name, pseudonym from members where group_id = ?", [group_id])
    labels = _link_labels(fetch, group_id) if linked else {}
    # A group's name names the group (as in the review): only titles tell something.
    withdrawn = _withdrawn(fetch, group_id) if linked and table != "groups" else []
    others = [
        row[0]
        for row in fetch(
            "select name from other_name_decisions where group_id = ? and replace = 1",
            [group_id],
        )
    ]
    for record, value in texts:
        # A linked person (privacy.links) is shown as the review shows them, by pseudonym or
        # role: the token itself holds the real name the worker picked.
        shared = links.render(
            value or "",
            lambda link: labels.get((link.kind, link.record_id), _("[name withheld]")),
            lambda piece: shareable_title(piece, people, others),
        )
        # A withdrawn member's words go under any name, her pseudonym too (as in `tasks`).
        told = [shown for finder, shown in withdrawn if finder.in_text(value or "")]
        shared = told[0] if told else shared
        fetch(f"update {table} set {text}_shared = ? where id = ? returning id", [shared, record])


def _withdrawn(fetch: Fetch, group_id: str) -> list[tuple[Mentions, str]]:
    """A finder and the notice for each member of the group whose consent in force is
    withdrawn (the latest record, as ``store.current_consent`` reads it)."""
    latest: dict[str, Any] = {}
    for member_id, withdrawn_on in fetch(
        "select member_id, withdrawn_on from consents where group_id = ? order by given_on, rowid",
        [group_id],
    ):
        latest[member_id] = withdrawn_on
    gone = {k: v if isinstance(v, date) else date.fromisoformat(v) for k, v in latest.items() if v}
    if not gone:
        return []
    rows = fetch("select id, real_name, pseudonym from members where group_id = ?", [group_id])
    return [
        (Mentions(m.Member.model_construct(id=i, real_name=real, pseudonym=alias)), notice(gone[i]))
        for i, real, alias in rows
        if i in gone
    ]


def _link_labels(fetch: Fetch, group_id: str) -> dict[tuple[str, str], str]:
    """What stands for each person a title may link to: (kind, id) -> pseudonym or role."""
    members = fetch("select id, pseudonym from members where group_id = ?", [group_id])
    around = fetch("select id, role from people_around where group_id = ?", [group_id])
    return {
        **{(links.MEMBER, row[0]): row[1] for row in members},
        **{(links.AROUND, row[0]): row[1] for row in around},
    }


def backfill(fetch: Fetch) -> None:
    """Fill the shareable forms where they are missing (rows kept before the columns existed)."""
    for shared in SHARED_TITLES.values():
        table, text, group = shared
        rows = fetch(f"select distinct {group} from {table} where {text}_shared is null", [])
        for (group_id,) in rows:
            # Run by the migration that added the columns, before links and the register of
            # people around a group existed (no table to read, no token to render).
            _share(fetch, shared, group_id, linked=False)


class SharedTitles:
    """Mixed into the stores: ``share_titles`` after every write (see the module docstring)."""

    _rows: Fetch

    def share_titles(self, record: m.Record) -> None:
        """Write the shareable form of ``record``'s free text (a task's or goal's title, a
        group's name), or of every such text of its group when it is a member or a name
        decision, a person around it (their role stands for their links) or a consent (a
        withdrawn member's words are withheld)."""
        shared = SHARED_TITLES.get(type(record))
        if shared is not None:
            group_id = record.id if isinstance(record, m.Group) else record.group_id
            _share(self._rows, shared, group_id, record.id)
        elif isinstance(record, m.Member | m.OtherNameDecision | m.PersonAround | m.Consent):
            for shared in SHARED_TITLES.values():
                _share(self._rows, shared, record.group_id)
