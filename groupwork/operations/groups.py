"""Creating a group: the same steps from the new-group screen and ``groupwork group new``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from groupwork import models as m
from groupwork.errors import InvalidInputError
from groupwork.i18n import _
from groupwork.stages import start_stage


def create_group(
    store, group: m.Group, on: date, facilitator_logins: Iterable[str] = ()
) -> m.Group:
    """Store a new ``group`` and start its stage 1 on its start date (``on`` without one).

    ``facilitator_logins`` (an agency database only) are the database logins that run it; each
    must already be a facilitator (``groupwork agency add-user LOGIN --role facilitator``).
    They are checked before anything is written, and the group and its facilitators are
    written together. A name another group already has is refused: commands find groups by it.
    """
    logins = list(dict.fromkeys(facilitator_logins))
    if any(g.name.casefold() == group.name.casefold() for g in store.groups()):
        raise InvalidInputError(
            [_("A group called {name} already exists.").format(name=group.name)]
        )
    if logins:
        store.check_facilitator_logins(logins)
    with store.transaction():
        store.add(group)
        if logins:
            store.assign_group_facilitators(group.id, logins)
        start_stage(store, group.id, 1, group.start_date or on)
    return store.get(m.Group, group.id)
