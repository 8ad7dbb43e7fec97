"""Feedback after a session: how the facilitator's part compared with the handover target.

``session_feedback(store, session_id)`` gathers, from the session's records only: the
facilitator's share of turns against the stage's handover target and against the last held
session, each member's share, who responded to whom (the strongest links, as text), questions
asked against other turns, the silences marked, and each nudge shown with what followed it
(did the member speak within ``FOLLOW_MINUTES``; did the facilitator's share of the next turns
fall under the target), so the worker sees which they acted on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from groupwork import analytics
from groupwork import models as m
from groupwork.errors import GroupworkError
from groupwork.i18n import _
from groupwork.stage_spec import stage_spec
from groupwork.store import Store

FOLLOW_MINUTES = 5
"""A nudge about a member counts as acted on when they had a turn within this many minutes."""
FOLLOW_TURNS = 10
"""A nudge about the facilitator's share is judged on this many turns after it."""


@dataclass(frozen=True)
class NudgeOutcome:
    """A nudge shown, and whether what followed suggests it was acted on."""

    at: datetime
    kind: m.NudgeKind
    who: str
    acted: bool | None
    """True: acted on; False: not; None: cannot tell (the session ended first, or a mute)."""


@dataclass
class SessionFeedback:
    """The figures of one held session, with the names the facilitator knows."""

    number: int
    held_on: date
    stage: int
    turns: int
    facilitator_share: float | None
    target: float
    last_share: float | None
    last_number: int | None
    shares: list[tuple[str, int, float]] = field(default_factory=list)
    """Members present: name, turns, share of member turns (most first)."""
    responses: list[tuple[str, str, int]] = field(default_factory=list)
    """Who responded to whom, and how often (strongest first)."""
    questions: int = 0
    facilitator_questions: int = 0
    statements: int = 0
    silences: list[datetime] = field(default_factory=list)
    nudges: list[NudgeOutcome] = field(default_factory=list)
    started_at: datetime | None = None

    @property
    def within_target(self) -> bool | None:
        """True when the facilitator's share was at or under the handover target."""
        if self.facilitator_share is None:
            return None
        return self.facilitator_share <= self.target


def _outcome(nudge: m.NudgeShown, turns: list[m.ParticipationEvent], target: float) -> bool | None:
    after = [t for t in turns if t.at >= nudge.at]
    if nudge.kind in (m.NudgeKind.MUTED, m.NudgeKind.UNMUTED):
        return None
    if nudge.kind is m.NudgeKind.FACILITATOR:
        following = after[:FOLLOW_TURNS]
        if len(following) < FOLLOW_TURNS:
            return None
        share = sum(1 for t in following if t.by_facilitator) / len(following)
        return share <= target
    if nudge.kind is m.NudgeKind.DOMINANT:
        following = after[:FOLLOW_TURNS]
        if len(following) < FOLLOW_TURNS:
            return None
        return sum(1 for t in following if t.actor_id == nudge.member_id) <= FOLLOW_TURNS // 3
    limit = nudge.at + timedelta(minutes=FOLLOW_MINUTES)
    if any(t.actor_id == nudge.member_id and t.at <= limit for t in after):
        return True
    return False if after and after[-1].at >= limit else None


def session_feedback(store: Store, session_id: str) -> SessionFeedback:
    """The feedback on one session (held or still open), from its records."""
    session = store.get(m.Session, session_id)
    group = store.get(m.Group, session.group_id)
    stage = max(session.stages, default=group.current_stage)
    target = stage_spec(stage).handover_target
    names = {x.id: x.real_name for x in store.members(group.id)}
    names[m.FACILITATOR] = _("Facilitator")
    turns = store.participation(session.id)
    held = [
        s
        for s in store.sessions(group.id)
        if s.status == m.SessionStatus.HELD and s.number < session.number
    ]
    last = held[-1] if held else None
    feedback = SessionFeedback(
        number=session.number,
        held_on=session.held_on,
        stage=stage,
        turns=len(turns),
        facilitator_share=analytics.facilitator_share(turns),
        target=target,
        last_share=analytics.facilitator_share(store.participation(last.id)) if last else None,
        last_number=last.number if last else None,
        started_at=session.started_at,
    )
    away = (m.AttendanceStatus.ABSENT, m.AttendanceStatus.EXCUSED)
    marks = store.attendance(session.id)
    present = [a.member_id for a in marks if a.status not in away and a.member_id in names]
    spoke = {t.actor_id for t in turns if t.actor_id != m.FACILITATOR and t.actor_id in names}
    roster = list(dict.fromkeys([*present, *spoke]))
    feedback.shares = sorted(
        ((names[s.actor_id], s.turns, s.share) for s in analytics.member_shares(turns, roster)),
        key=lambda row: (-row[1], row[0]),
    )
    feedback.responses = sorted(
        (
            (names.get(who, "?"), names.get(whom, "?"), count)
            for who, targets in analytics.response_matrix(turns).items()
            for whom, count in targets.items()
        ),
        key=lambda row: (-row[2], row[0], row[1]),
    )
    asked = [t for t in turns if t.kind == m.TurnKind.ASKED]
    feedback.questions = len(asked)
    feedback.facilitator_questions = sum(1 for t in asked if t.by_facilitator)
    feedback.statements = len(turns) - len(asked)
    feedback.silences = [
        g.at for g in store.group_marks(session.id) if g.kind == m.GroupMarkKind.SILENCE
    ]
    feedback.nudges = [
        NudgeOutcome(
            n.at,
            m.NudgeKind(n.kind),
            names.get(n.member_id or "", ""),
            _outcome(n, turns, target),
        )
        for n in store.nudges_shown(session.id)
    ]
    return feedback


def share_line(feedback: SessionFeedback) -> str:
    """One line for a session list: the facilitator's share against the target and last time."""
    shown = [n for n in feedback.nudges if n.kind not in _NOT_NUDGES]
    return _share_text(feedback.facilitator_share, feedback.target, feedback.last_share, len(shown))


_NOT_NUDGES = (m.NudgeKind.MUTED, m.NudgeKind.UNMUTED)


def _share_text(share: float | None, target: float, last: float | None, nudges: int) -> str:
    if share is None:
        return ""
    line = _("you {share:.0%} (target {target:.0%})").format(share=share, target=target)
    if last is not None:
        line += " " + _("last time {share:.0%}").format(share=last)
    if nudges:
        line += " · " + _("{count} nudges").format(count=nudges)
    return line


def group_share_lines(store: Store, group: m.Group, sessions: list[m.Session]) -> dict[str, str]:
    """``share_line`` of each held session in ``sessions`` (the group's, in order), by id, from
    one read of the group's turns and one of its nudges (``session_feedback`` reads nine times
    per session). Empty when this login may not read the turns (a coordinator on an agency
    database sees no turns, names or nudges)."""
    try:
        turns = store.group_participation(group.id)
        nudges = store.group_nudges_shown(group.id)
    except GroupworkError:
        return {}
    by_session: dict[str, list[m.ParticipationEvent]] = {}
    for turn in turns:
        by_session.setdefault(turn.session_id, []).append(turn)
    shown: dict[str, int] = {}
    for nudge in nudges:
        if m.NudgeKind(nudge.kind) not in _NOT_NUDGES:
            shown[nudge.session_id] = shown.get(nudge.session_id, 0) + 1
    lines: dict[str, str] = {}
    last: m.Session | None = None
    for session in sorted(sessions, key=lambda s: s.number):
        if session.status != m.SessionStatus.HELD:
            continue
        stage = max(session.stages, default=group.current_stage)
        last_share = (
            analytics.facilitator_share(by_session.get(last.id, [])) if last is not None else None
        )
        lines[session.id] = _share_text(
            analytics.facilitator_share(by_session.get(session.id, [])),
            stage_spec(stage).handover_target,
            last_share,
            shown.get(session.id, 0),
        )
        last = session
    return lines
