"""Each task's and goal's title and each group's name in its shareable form, kept beside the
text as it was typed.

The coordinator's views (``store/postgres/agency.py``) show ``title_shared`` (``name_shared``)
instead of the text: names replaced as the review replaces them (``groupwork.privacy.shared_title``).
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

from groupwork.models_lazy import LazyMapping
from groupwork.models_lazy import models as m
from groupwork.privacy.mentions import without_mentions
from groupwork.privacy.shared_title import shareable_title
from groupwork.privacy.withdrawn_words import Finder, withdrawn_finders

# Built when first read: naming the classes imports the models (see groupwork.models_lazy).
SHARED_TITLES = LazyMapping(
    lambda: {
        m.Task: ("tasks", "title", "group_id"),
        m.Goal: ("goals", "title", "group_id"),
        m.Group: ("groups", "name", "id"),
    }
)
"""The records whose free text reaches the coordinator: (table, text column, the column naming
the group). The shareable form is kept in ``<text column>_shared``."""

Fetch = Callable[[str, Sequence[Any]], list[tuple]]
"""Runs one statement (SQLite's ``?`` placeholders) and returns its rows as tuples."""


def _share(
    fetch: Fetch,
    shared: tuple[str, str, str],
    group_id: str,
    record_id: str = "",
    register: bool = True,
) -> None:
    table, text, group = shared
    where, params = f"{group} = ?", [group_id]
    if record_id:
        where, params = "id = ?", [record_id]
    texts = fetch(f"select id, {text} from {table} where {where}", params)
    if not texts:
        return
    members = fetch("select id, real_name, pseudonym from members where group_id = ?", [group_id])
    others = [
        row[0]
        for row in fetch(
            "select name from other_name_decisions where group_id = ? and replace = 1",
            [group_id],
        )
    ]
    # ``register`` is False only for the migration that runs before the register's table
    # exists (m111, p020): its rows were written before anyone could be registered.
    around = (
        fetch("select id, real_name, role from people_around where group_id = ?", [group_id])
        if register
        else []
    )
    people = [(real, pseudonym) for _id, real, pseudonym in members]
    linked = {record_id: pseudonym for record_id, _real, pseudonym in members}
    staff = _facilitators(fetch, group_id)
    decide = _decisions(fetch, group_id) if register else None
    # A group's name names the group (as in the review): only titles tell something.
    withdrawn = _withdrawn(fetch, group_id, members) if register and table != "groups" else []
    for record, value in texts:
        # A withdrawn member's words go under any name, her pseudonym too (as ``Shareable.told``
        # does for `tasks`): withheld first, then the names.
        shared_text = shareable_title(
            without_mentions(value or "", withdrawn)[0],
            people,
            others,
            linked=linked,
            around=around,
            staff=staff,
            decide=decide(record, text) if decide else None,
        )
        fetch(
            f"update {table} set {text}_shared = ? where id = ? returning id", [shared_text, record]
        )


def _decisions(fetch: Fetch, group_id: str):
    """``(record id, field) -> Decide`` over the worker's decisions about undecided names in
    the group (``review --check-names --decide``, Ctrl+K): the same decider as the review's."""
    from groupwork.privacy.naming import decider

    columns = ("record_id", "field", "word", "before", "after", "position", "answer")
    rows = fetch(f"select {', '.join(columns)} from name_decisions where group_id = ?", [group_id])
    return decider(
        m.NameDecision.model_construct(group_id=group_id, **dict(zip(columns, row, strict=True)))
        for row in rows
    )


def _facilitators(fetch: Fetch, group_id: str) -> list[str]:
    """The group's facilitators: workers named by design, never replaced by a pseudonym."""
    import json

    rows = fetch("select facilitators from groups where id = ?", [group_id])
    try:
        found = json.loads(rows[0][0]) if rows and rows[0][0] else []
    except ValueError:
        return []
    return [name for name in found if isinstance(name, str)]


def _withdrawn(fetch: Fetch, group_id: str, members: list[tuple]) -> list[Finder]:
    """The finders of the group's members whose consent in force is withdrawn (the latest
    record, as ``store.current_consent`` reads it); ``members``: (id, real name, pseudonym)."""
    latest: dict[str, Any] = {}
    for member_id, withdrawn_on in fetch(
        "select member_id, withdrawn_on from consents where group_id = ? order by given_on, rowid",
        [group_id],
    ):
        latest[member_id] = withdrawn_on
    gone = {k: v if isinstance(v, date) else date.fromisoformat(v) for k, v in latest.items() if v}
    rows = (m.Member.model_construct(id=i, real_name=r, pseudonym=p) for i, r, p in members)
    return withdrawn_finders(rows, gone) if gone else []


def relink(fetch: Fetch) -> None:
    """Write again the shareable forms of texts holding a link token (rows written when a
    token reached the coordinator with the pseudonym inside it)."""
    for shared in SHARED_TITLES.values():
        table, text, group = shared
        rows = fetch(f"select distinct {group} from {table} where {text} like '%@[%'", [])
        for (group_id,) in rows:
            _share(fetch, shared, group_id)


def backfill(fetch: Fetch, register: bool = False) -> None:
    """Fill the shareable forms where they are missing (rows kept before the columns existed;
    ``register``: the people around the group's table exists, so typed names become roles)."""
    for shared in SHARED_TITLES.values():
        table, text, group = shared
        rows = fetch(f"select distinct {group} from {table} where {text}_shared is null", [])
        for (group_id,) in rows:
            _share(fetch, shared, group_id, register=register)


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
        elif isinstance(record, m.NameDecision):
            # Only the record decided about: a decision names its place.
            for shared in SHARED_TITLES.values():
                _share(self._rows, shared, record.group_id, record.record_id)
