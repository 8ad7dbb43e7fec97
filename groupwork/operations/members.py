"""Members (stage 2): selection decisions and withdrawal.

A decision not to select someone, and a member's withdrawal, are facts the review reports with
their reasons; they are recorded here so every door asks for the same things.
"""

from __future__ import annotations

from datetime import date

from groupwork import models as m
from groupwork.errors import InvalidInputError
from groupwork.i18n import _
from groupwork.store.repository import Repository

NEEDS_REASON = frozenset({m.SelectionDecision.NOT_SELECTED, m.SelectionDecision.WITHDREW})
"""Decisions the review explains: a person not selected, a member who withdrew."""


def check_member(member: m.Member) -> None:
    """Refuse a decision that needs a reason and has none."""
    if member.decision in NEEDS_REASON and not member.decision_reason.strip():
        raise InvalidInputError(
            [
                _("Say why ({decision}): the review reports the reason.").format(
                    decision=m.caption(member.decision)
                )
            ]
        )


def save_member(store: Repository, member: m.Member, on: date) -> m.Member:
    """Store a member added or edited in a form; a decision gets its date, a leaver no role."""
    updates: dict = {}
    if member.decision != m.SelectionDecision.CANDIDATE and member.decided_on is None:
        updates["decided_on"] = on
    if not member.is_selected and member.role != m.MemberRole.MEMBER:
        updates["role"] = m.MemberRole.MEMBER
    member = member.model_copy(update=updates) if updates else member
    check_member(member)
    return store.save(member)


def decide_selection(
    store: Repository, member_id: str, decision: m.SelectionDecision, reason: str, on: date
) -> m.Member:
    """Record a selection decision (selected, not selected, declined ...) and why, on ``on``."""
    member = store.get(m.Member, member_id)
    decided = member.model_copy(
        update={
            "decision": m.SelectionDecision(decision),
            "decision_reason": reason.strip(),
            "decided_on": on,
        }
    )
    return save_member(store, decided, on)


def withdraw_member(store: Repository, member_id: str, on: date, reason: str) -> m.Member:
    """A member left the group on ``on``: kept in the record (and their key), with the reason."""
    member = store.get(m.Member, member_id)
    if member.joined_on is not None and on < member.joined_on:
        raise InvalidInputError([_("A member cannot leave before joining the group.")])
    withdrawn = member.model_copy(
        update={
            "decision": m.SelectionDecision.WITHDREW,
            "decision_reason": reason.strip(),
            "decided_on": on,
            "left_on": on,
            "role": m.MemberRole.MEMBER,
        }
    )
    return save_member(store, withdrawn, on)
