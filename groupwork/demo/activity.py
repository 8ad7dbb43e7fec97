"""The parts of the demo left to chance: attendance, turns in the dialogue, ratings.

Chance never contradicts the content: whoever a session's notes or marks name was there;
a member who left has no marks, turns or ratings after the day she left; turns and marks
fall inside their session. The randomness comes from the builder's ``random.Random(seed)``,
drawn in a fixed order, so a seed always gives the same group.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from groupwork import models as m
from groupwork.demo.content import load
from groupwork.privacy.name_forms import strip_title

if TYPE_CHECKING:
    from groupwork.demo.parts import Builder

HONORIFICS = ("คุณ", "พี่", "น้อง")
"""How the demo's worker writes a member's name in her notes ("คุณพร")."""
_THAI_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
"""Vowel and tone marks: a name followed by one is part of a longer word."""
_THERE = (m.AttendanceStatus.PRESENT, m.AttendanceStatus.LATE)
_MEMBER_KINDS = [m.TurnKind.SPOKE, m.TurnKind.ASKED, m.TurnKind.SUPPORTED, m.TurnKind.CHALLENGED]
_FACILITATOR_KINDS = [m.TurnKind.ASKED, m.TurnKind.SPOKE, m.TurnKind.SUPPORTED]


def named_in(text: str, members: dict[str, m.Member]) -> set[str]:
    """Pseudonyms of the members ``text`` names by their given name after an honorific."""
    found = set()
    for key, member in members.items():
        given = re.escape(strip_title(member.real_name.split()[0]))
        if re.search(rf"(?:{'|'.join(HONORIFICS)}){given}(?![{_THAI_MARKS}])", text):
            found.add(key)
    return found


def attendance(b: Builder, n: int, text: dict[str, Any], excuses: list[str]) -> None:
    """Marks for everyone who was a member on the day; those the notes name were there."""
    rng = b.rng
    notes = " ".join([text["notes"], *(note for _k, _at, note in text.get("marks", []))])
    named = named_in(notes, b.members)
    start = b.session_start(n)
    low = {p["pseudonym"] for p in _people() if p.get("low_attendance")}
    for key in b.members_on(b.dates[n]):
        roll = rng.random()
        if key in low:
            roll = roll * 0.8 + 0.2  # she misses more sessions: work shifts
        if key in named:
            roll = 0.0
        status, reason = m.AttendanceStatus.PRESENT, ""
        if roll > 0.93:
            status = m.AttendanceStatus.ABSENT
        elif roll > 0.84:
            status, reason = m.AttendanceStatus.EXCUSED, rng.choice(excuses)
        elif roll > 0.74:
            status = m.AttendanceStatus.LATE
        b.add(
            m.Attendance(
                id=b.id("attendance", f"{n}/{key}"),
                session_id=b.session_ids[n],
                member_id=b.member_ids[key],
                status=status,
                reason=reason,
                recorded_at=start,
            )
        )


def marks(b: Builder, n: int, specs: list[list[Any]]) -> None:
    """The group-state marks the worker made in session ``n`` (from the content)."""
    start = b.session_start(n)
    for k, (kind, minutes, note) in enumerate(specs):
        b.add(
            m.GroupMark(
                id=b.id("mark", f"{n}/{k}"),
                session_id=b.session_ids[n],
                kind=m.GroupMarkKind(kind),
                at=start + timedelta(minutes=minutes),
                notes=note,
            )
        )


def present(b: Builder, n: int) -> list[str]:
    """Pseudonyms of the members present (or late) at session ``n``, in content order."""
    by_id = {x.member_id: x.status for x in b.store.attendance(b.session_ids[n])}
    return [key for key in b.members if by_id.get(b.member_ids[key]) in _THERE]


def _people() -> list[dict[str, Any]]:
    return load("members")["members"]


def participation(b: Builder) -> None:
    """Turns per session; the facilitator's share falls as members take over."""
    rng = b.rng
    held = b.held()
    talk = {p["pseudonym"]: p["talk"] for p in _people()}
    for index, n in enumerate(held):
        progress = index / (len(held) - 1)
        facilitator_share = 0.55 - 0.45 * progress
        there = present(b, n)
        weights = [talk[p][0] + (talk[p][1] - talk[p][0]) * progress for p in there]
        at = b.session_start(n) + timedelta(minutes=5)
        previous: str | None = None
        for turn in range(rng.randint(34, 48)):
            if rng.random() < facilitator_share:
                actor = m.FACILITATOR
                kind = rng.choices(_FACILITATOR_KINDS, weights=[5, 4, 1])[0]
            else:
                actor = b.member_ids[rng.choices(there, weights=weights)[0]]
                kind = rng.choices(_MEMBER_KINDS, weights=[55, 15, 22, 8])[0]
            duration = round(rng.uniform(8, 120), 1) if rng.random() < 0.7 else None
            responds_to = (
                previous if previous and previous != actor and rng.random() < 0.65 else None
            )
            b.add(
                m.ParticipationEvent(
                    id=b.id("turn", f"{n}/{turn}"),
                    session_id=b.session_ids[n],
                    actor_id=actor,
                    kind=kind,
                    at=at,
                    duration_seconds=duration,
                    responds_to_id=responds_to,
                )
            )
            at += timedelta(seconds=(duration or 40) + rng.uniform(2, 15))
            previous = actor


def ratings(b: Builder) -> None:
    """How safe members felt speaking in the group (1-5), rising over the sessions."""
    rng = b.rng
    scale_id = b.id("scale", "safety")
    scale = m.RatingScale(
        id=scale_id,
        group_id=b.group_id,
        name="ความรู้สึกปลอดภัยที่จะพูดในกลุ่ม (1 = ไม่ปลอดภัยเลย, 5 = ปลอดภัยมาก)",
        minimum=1,
        maximum=5,
    )
    b.add(scale)
    held = b.held()
    for index, n in enumerate(held):
        progress = index / (len(held) - 1)
        for key in present(b, n):
            score = round(2 + 2.6 * progress + rng.uniform(-0.8, 0.8))
            b.add(
                m.Rating(
                    id=b.id("rating", f"{n}/{key}"),
                    session_id=b.session_ids[n],
                    member_id=b.member_ids[key],
                    scale_id=scale_id,
                    score=float(min(scale.maximum, max(scale.minimum, score))),
                )
            )


__all__ = ["HONORIFICS", "attendance", "marks", "named_in", "participation", "present", "ratings"]


def nudges(b: Builder) -> None:
    """The quiet nudges the recorder would have shown in each held session: the real rules
    (``groupwork.recording.nudges``) judged at each turn over the turns before it."""
    from groupwork.recording.nudges import NudgeLine, Situation, find_nudges
    from groupwork.recording.nudging import missed_last_session
    from groupwork.stage_spec import nudge_thresholds

    for n in b.held():
        session = b.store.get(m.Session, b.session_ids[n])
        start = session.started_at or b.session_start(n)
        marks = [a for a in b.store.attendance(session.id) if a.status in _THERE]
        present = {
            a.member_id: max(start, a.recorded_at) if a.status == m.AttendanceStatus.LATE else start
            for a in marks
        }
        late = frozenset(a.member_id for a in marks if a.status == m.AttendanceStatus.LATE)
        missed = missed_last_session(b.store, session) & present.keys()
        group = b.store.get(m.Group, session.group_id)
        limits = nudge_thresholds(max(session.stages, default=group.current_stage))
        turns = b.store.participation(session.id)
        line = NudgeLine()
        for index, turn in enumerate(turns):
            found = find_nudges(Situation(turns[:index], present, late, missed), limits, turn.at)
            for nudge in line.update(found):
                b.add(
                    m.NudgeShown(
                        id=b.id("nudge", f"{n}/{index}"),
                        session_id=session.id,
                        kind=nudge.kind,
                        member_id=nudge.member_id,
                        at=turn.at,
                        detail=nudge.figures(),
                    )
                )
