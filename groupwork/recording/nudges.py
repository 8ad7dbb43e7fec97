"""Quiet nudges while recording: what the turns committed so far suggest the facilitator notice.

``find_nudges`` is a pure function of a ``Situation`` (the turns, who is in the room since
when, who came late or missed the last session) and the thresholds (``stage_spec``'s defaults
and the group's own, ``stage_spec.nudge_thresholds``). The recorder screen asks it once a
second, on its timer, never on a keypress, so a key costs what it cost before the nudges.

The rules, each judged on the turns already recorded:

- **silent**: a member in the room has not spoken for ``silent_minutes`` (at least: exactly
  N minutes counts) or through ``silent_turns`` turns of others, since the session started,
  since they arrived, or since their own last turn;
- **dominant**: over the last ``window_turns`` turns (once there are that many), one member
  took more than ``dominant_factor`` times the average member's share (exactly twice is not
  over);
- **facilitator**: the facilitator's share of the last ``window_turns`` turns (of all turns
  while fewer) is above the stage's handover target (exactly at it is not above), judged once
  the session has ``facilitator_after_turns`` turns;
- **late / missed**: a member who arrived late, or missed the last session, has not yet had
  a turn since arriving: a gentle check-in. Shown before the silence rule for that member.

Members who withdrew, or are marked excused or absent, are never named.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from groupwork import models as m
from groupwork.i18n import _
from groupwork.stage_spec import NudgeThresholds

ORDER = (
    m.NudgeKind.LATE,
    m.NudgeKind.MISSED,
    m.NudgeKind.SILENT,
    m.NudgeKind.DOMINANT,
    m.NudgeKind.FACILITATOR,
)
"""Which nudge the one line shows first: a check-in, then silence, then the balance of voices."""


@dataclass(frozen=True)
class Situation:
    """What the nudges are judged on: the session so far."""

    turns: Sequence[m.ParticipationEvent]
    """The session's turns, oldest first."""
    present: dict[str, datetime]
    """Members in the room -> since when (the session's start, or when a late one arrived)."""
    late: frozenset[str] = frozenset()
    """Members marked late in this session."""
    missed_last: frozenset[str] = frozenset()
    """Members marked absent or excused in the group's last held session."""


@dataclass(frozen=True)
class Nudge:
    """One thing the facilitator might notice, with the figures behind it."""

    kind: m.NudgeKind
    member_id: str | None = None
    minutes: int = 0
    turns: int = 0
    share: float = 0.0
    of_turns: int = 0
    """How many turns a share was taken over."""
    target: float = 0.0

    @property
    def key(self) -> tuple[m.NudgeKind, str | None]:
        """What makes two nudges the same (one kept record while it lasts)."""
        return (self.kind, self.member_id)

    def figures(self) -> str:
        """The figures as a short plain text to store with the nudge (no names, no words)."""
        if self.kind is m.NudgeKind.SILENT:
            return f"{self.minutes} min, {self.turns} turns"
        if self.kind is m.NudgeKind.DOMINANT:
            return f"{self.share:.0%} of {self.of_turns} turns"
        if self.kind is m.NudgeKind.FACILITATOR:
            return f"{self.share:.0%} of {self.of_turns} turns > {self.target:.0%}"
        return ""


def _last_turns(turns: Sequence[m.ParticipationEvent], wanted: set[str]) -> dict[str, int]:
    """Index of each wanted actor's last turn (one backward pass, stopping when all found)."""
    found: dict[str, int] = {}
    for index in range(len(turns) - 1, -1, -1):
        actor = turns[index].actor_id
        if actor in wanted and actor not in found:
            found[actor] = index
            if len(found) == len(wanted):
                break
    return found


def find_nudges(situation: Situation, limits: NudgeThresholds, now: datetime) -> list[Nudge]:
    """Every nudge the session calls for now, in the order the line shows them."""
    turns = situation.turns
    present = situation.present
    last = _last_turns(turns, set(present))
    found: list[Nudge] = []
    silent: list[Nudge] = []
    for member_id, arrived in present.items():
        spoke_at = last.get(member_id)
        if spoke_at is not None and turns[spoke_at].at >= arrived:
            since, others = turns[spoke_at].at, len(turns) - 1 - spoke_at
        else:
            since = arrived
            others = len(turns) - bisect.bisect_left(turns, arrived, key=lambda e: e.at)
            if member_id in situation.late:
                found.append(Nudge(m.NudgeKind.LATE, member_id))
                continue
            if member_id in situation.missed_last:
                found.append(Nudge(m.NudgeKind.MISSED, member_id))
                continue
        minutes = int((now - since).total_seconds() // 60)
        if minutes >= limits.silent_minutes or others >= limits.silent_turns:
            silent.append(Nudge(m.NudgeKind.SILENT, member_id, minutes=minutes, turns=others))
    silent.sort(key=lambda n: (-n.minutes, -n.turns))
    found.extend(silent)
    window = turns[-limits.window_turns :]
    dominant = _dominant(window, present, limits)
    if dominant is not None:
        found.append(dominant)
    if len(turns) >= limits.facilitator_after_turns and window:
        share = sum(1 for e in window if e.actor_id == m.FACILITATOR) / len(window)
        if share > limits.facilitator_target:
            found.append(
                Nudge(
                    m.NudgeKind.FACILITATOR,
                    share=share,
                    of_turns=len(window),
                    target=limits.facilitator_target,
                )
            )
    found.sort(key=lambda n: ORDER.index(n.kind))
    return found


def _dominant(
    window: Sequence[m.ParticipationEvent], present: dict[str, datetime], limits: NudgeThresholds
) -> Nudge | None:
    """The member over ``dominant_factor`` times the average share of the window, if any."""
    if len(window) < limits.window_turns or len(present) < 2:
        return None
    counts = Counter(e.actor_id for e in window if e.actor_id in present)
    member_turns = sum(counts.values())
    if not member_turns:
        return None
    actor, top = counts.most_common(1)[0]
    share = top / member_turns
    if share * len(present) > limits.dominant_factor:
        return Nudge(m.NudgeKind.DOMINANT, actor, share=share, of_turns=member_turns)
    return None


def describe(nudge: Nudge, name: Callable[[str | None], str]) -> str:
    """The nudge in a few quiet words for the recorder's line (``name``: a member's pseudonym)."""
    who = name(nudge.member_id)
    if nudge.kind is m.NudgeKind.LATE:
        return _("{who} arrived late: a gentle check-in?").format(who=who)
    if nudge.kind is m.NudgeKind.MISSED:
        return _("{who} missed last session: a gentle check-in?").format(who=who)
    if nudge.kind is m.NudgeKind.SILENT:
        return _("{who} has not spoken for {minutes} min ({turns} turns of others)").format(
            who=who, minutes=nudge.minutes, turns=nudge.turns
        )
    if nudge.kind is m.NudgeKind.DOMINANT:
        return _(
            "{who} took {share:.0%} of members' last {count} turns: room for the others?"
        ).format(who=who, share=nudge.share, count=nudge.of_turns)
    return _(
        "You took {share:.0%} of the last {count} turns (target {target:.0%}): hand it to the group?"
    ).format(share=nudge.share, count=nudge.of_turns, target=nudge.target)


@dataclass
class NudgeLine:
    """What the one line shows over time, and which nudges became shown (to be recorded).

    A nudge is recorded once when it first reaches the line; while it stays true it is not
    recorded again; once it has passed, it is recorded again if it comes back.
    """

    muted: bool = False
    current: list[Nudge] = field(default_factory=list)
    _recorded: set[tuple[m.NudgeKind, str | None]] = field(default_factory=set)

    def update(self, nudges: list[Nudge]) -> list[Nudge]:
        """Take the nudges found now; the ones newly shown on the line (to record)."""
        self.current = nudges
        active = {n.key for n in nudges}
        self._recorded &= active
        if self.muted or not nudges:
            return []
        top = nudges[0]
        if top.key in self._recorded:
            return []
        self._recorded.add(top.key)
        return [top]

    def text(self, name: Callable[[str | None], str]) -> str:
        """The line's words ("" when muted or there is nothing to say)."""
        if self.muted or not self.current:
            return ""
        line = "◦ " + describe(self.current[0], name)
        more = len(self.current) - 1
        if more:
            line += "  " + _("(+{count} more)").format(count=more)
        return line
