"""Members' roles in the group: the member coordinator and member leaders, set in one place.

The role lives on the member (``Member.role``) and nowhere else: appointing a member coordinator
in a stage-9 review, or a leader while handing over in stage 12, both come here, so every check
that asks "has a member taken on a leading role?" sees the same answer.
"""

from __future__ import annotations

from datetime import date

from groupwork import models as m
from groupwork.errors import InvalidInputError
from groupwork.i18n import _
from groupwork.store.repository import Repository

SINGLE_HOLDER_ROLES = frozenset({m.MemberRole.MEMBER_COORDINATOR})
"""Roles one member holds at a time: appointing a new holder hands the role over."""


def is_current(member: m.Member, on: date) -> bool:
    """Selected, not erased, and not left the group by ``on``."""
    left = member.left_on is not None and member.left_on <= on
    return member.is_selected and not member.erased and not left


def current_members(store: Repository, group_id: str, on: date) -> list[m.Member]:
    """The members who can take on a role (or a task) on ``on``, by pseudonym."""
    members = [x for x in store.members(group_id) if is_current(x, on)]
    return sorted(members, key=lambda x: x.pseudonym)


def appoint(store: Repository, member_id: str, role: m.MemberRole, on: date) -> m.Member:
    """Give a current member ``role`` (``MEMBER`` takes a role back).

    A single-holder role (the member coordinator) moves: whoever held it goes back to member.
    Written in one transaction.
    """
    role = m.MemberRole(role)
    member = store.get(m.Member, member_id)
    if role != m.MemberRole.MEMBER and not is_current(member, on):
        raise InvalidInputError(
            [
                _(
                    "{member} is not a current member of the group and cannot take on a role."
                ).format(member=member.pseudonym if not member.erased else _("(erased)"))
            ]
        )
    with store.transaction():
        if role in SINGLE_HOLDER_ROLES:
            for other in store.members(member.group_id):
                if other.id != member.id and other.role == role:
                    store.save(other.model_copy(update={"role": m.MemberRole.MEMBER}))
        return store.save(member.model_copy(update={"role": role}))
