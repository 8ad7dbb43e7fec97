"""Periodic joint reviews (stage 9): the review, each goal's progress and the appointed member
coordinator are written together, in one transaction, or not at all."""

from __future__ import annotations

from datetime import date

from groupwork import models as m
from groupwork.errors import InvalidInputError
from groupwork.i18n import _
from groupwork.operations.roles import appoint
from groupwork.store.repository import Repository


def record_review(store: Repository, review: m.Review, on: date | None = None) -> m.Review:
    """Store ``review``; its goal progress becomes each goal's progress; its member coordinator
    (if any) is appointed. ``on`` is the appointment's date (the review's date by default)."""
    goals = {g.id: g for g in store.goals(review.group_id)}
    unknown = [n.goal_id for n in review.goal_progress if n.goal_id not in goals]
    if unknown:
        raise InvalidInputError(
            [
                _("The review names goals this group does not have: {ids}").format(
                    ids=", ".join(unknown)
                )
            ]
        )
    with store.transaction():
        store.save(review)
        for note in review.goal_progress:
            store.save(goals[note.goal_id].model_copy(update={"progress": note.progress}))
        if review.member_coordinator_id:
            coordinator = store.get(m.Member, review.member_coordinator_id)
            if coordinator.role != m.MemberRole.MEMBER_COORDINATOR:
                appoint(
                    store, coordinator.id, m.MemberRole.MEMBER_COORDINATOR, on or review.held_on
                )
    return review
