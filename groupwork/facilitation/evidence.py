"""Dated evidence of the worker's own practice, for the reflection at closure.

Across the group's held sessions, from the feedback of each (``feedback.session_feedback``):
a session where the facilitator's share stayed at or under the stage's handover target is a
strength, one above it a weakness; members answering each other is a strength; a member
present who never spoke, and a nudge not acted on, are weaknesses. Each line names its date
and session, so the reflection can cite it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from groupwork import models as m
from groupwork.facilitation.feedback import SessionFeedback, session_feedback
from groupwork.i18n import _
from groupwork.store import Store


@dataclass(frozen=True)
class Evidence:
    """One dated observation about the worker's practice."""

    held_on: date
    number: int
    text: str


@dataclass
class PracticeEvidence:
    """Strengths and weaknesses, oldest first."""

    strengths: list[Evidence] = field(default_factory=list)
    weaknesses: list[Evidence] = field(default_factory=list)


def _observe(feedback: SessionFeedback, out: PracticeEvidence) -> None:
    """Add the session's strengths and its weaknesses, each as one dated line."""
    day, number = feedback.held_on, feedback.number
    good: list[str] = []
    bad: list[str] = []
    if feedback.facilitator_share is not None:
        words = _("your share of turns {share:.0%}, target {target:.0%}").format(
            share=feedback.facilitator_share, target=feedback.target
        )
        (good if feedback.within_target else bad).append(words)
    facilitator = _("Facilitator")
    between = sum(c for who, whom, c in feedback.responses if facilitator not in (who, whom))
    if between:
        good.append(_("members answered each other {count} times").format(count=between))
    silent = [name for name, turns, _share in feedback.shares if turns == 0]
    if silent and feedback.turns:
        bad.append(_("present but not heard: {names}").format(names=", ".join(silent)))
    acted = sum(1 for n in feedback.nudges if n.acted is True)
    missed = sum(1 for n in feedback.nudges if n.acted is False)
    if acted:
        good.append(_("acted on {count} nudges").format(count=acted))
    if missed:
        bad.append(_("{count} nudges not acted on").format(count=missed))
    if good:
        out.strengths.append(Evidence(day, number, "; ".join(good)))
    if bad:
        out.weaknesses.append(Evidence(day, number, "; ".join(bad)))


def practice_evidence(store: Store, group_id: str) -> PracticeEvidence:
    """The worker's strengths and weaknesses in the group's held sessions, with dates."""
    out = PracticeEvidence()
    for session in store.sessions(group_id):
        if session.status == m.SessionStatus.HELD:
            _observe(session_feedback(store, session.id), out)
    return out
