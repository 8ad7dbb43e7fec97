"""A boundary test per judging sentence of the review: each is said exactly when its rule
holds, with its figures beside it, and never about a member who withdrew."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from groupwork import analytics as a
from groupwork import models as m
from groupwork.report.sections.closing import participation_judgements

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _session(n: int) -> m.Session:
    return m.Session(id=f"s{n}", group_id="g", number=n, held_on=date(2026, 3, n), status="held")


def _member(key: str, decision: str = "selected") -> m.Member:
    return m.Member(id=key, group_id="g", real_name=key, pseudonym=key, decision=decision)


def _data(turns: dict[str, list[int]], members: list[m.Member], sessions: int = 4):
    """Each member's turns in sessions 1..n (a member with fewer numbers missed the rest)."""
    held = [_session(n) for n in range(1, sessions + 1)]
    marks, events = [], []
    for member, counts in turns.items():
        for n, count in enumerate(counts, start=1):
            marks.append(m.Attendance(session_id=f"s{n}", member_id=member, status="present"))
            events += [
                m.ParticipationEvent(
                    session_id=f"s{n}", actor_id=member, at=T0 + timedelta(seconds=i)
                )
                for i in range(count)
            ]
    return SimpleNamespace(
        events=events,
        selected_members=[x for x in members if x.is_selected],
        sessions=held,
        attendance=marks,
    )


NAMING = SimpleNamespace(label=lambda member_id: member_id)


def test_the_words_match_the_rule_constants():
    # The sentences say "a fifth" and "1.8 times": the rule's constants.
    assert (a.QUIET_BELOW, a.DOMINANT_ABOVE) == (0.2, 1.8)


@pytest.mark.parametrize(("turns_of_bua", "quiet"), [(1, True), (3, False)])
def test_rarely_heard_is_per_session_attended(turns_of_bua, quiet):
    # ดาว and ฟ้า: 10 turns per session; บัว came once. With 1 turn she is under a fifth of
    # the average; with 3 turns in her one session she is not, though her total is small.
    members = [_member("ดาว"), _member("ฟ้า"), _member("บัว")]
    data = _data({"ดาว": [10] * 4, "ฟ้า": [10] * 4, "บัว": [turns_of_bua]}, members)
    said = " ".join(participation_judgements(data, NAMING))
    assert ("บัว" in said) is quiet
    if quiet:
        assert "บัว (1.0 turns per session attended, 1 turns in 1)" in said
        assert "average of 7.0" in said


def test_exactly_a_fifth_of_the_average_is_not_rarely_heard():
    rates = a.turns_per_session_attended(
        ["A", "B"], [_session(1)], [], []
    )  # nobody attended: nothing to judge
    assert rates == []
    members = [_member(k) for k in ("A", "B", "C", "D", "E", "F", "G", "H", "I", "J")]
    # Nine members at 11 turns, one at 2: average 10.1, 2 / 10.1 = 0.198 -> quiet;
    # at 3 turns: average 10.2, 3 / 10.2 = 0.29 -> not.
    turns = {x.id: [11] for x in members[:9]}
    data = _data({**turns, "J": [2]}, members, sessions=1)
    assert "J (" in " ".join(participation_judgements(data, NAMING))
    data = _data({**turns, "J": [3]}, members, sessions=1)
    assert participation_judgements(data, NAMING) == []


def test_nothing_is_said_about_a_member_who_withdrew():
    members = [_member("ดาว"), _member("ฟ้า"), _member("บัว", decision="withdrew")]
    data = _data({"ดาว": [10] * 4, "ฟ้า": [1] * 4, "บัว": [0, 0]}, members)
    said = " ".join(participation_judgements(data, NAMING))
    assert "บัว" not in said


def test_took_a_large_share_above_1_8_times_the_average():
    members = [_member(k) for k in ("A", "B", "C")]
    # A 20, B and C 5: average 10, A at 2.0 -> dominant.
    data = _data({"A": [20], "B": [5], "C": [5]}, members, sessions=1)
    said = participation_judgements(data, NAMING)
    assert len(said) == 1 and "A (20.0 turns per session attended, 20 turns in 1)" in said[0]
    # A 14, B and C 5: average 8, A at 1.75 -> not dominant.
    data = _data({"A": [14], "B": [5], "C": [5]}, members, sessions=1)
    assert participation_judgements(data, NAMING) == []


@pytest.mark.parametrize(
    ("before", "after", "said"),
    [
        ("นอนไม่หลับ", "นอนไม่หลับ", "same"),
        ("นอนไม่หลับ", "นอนหลับได้", "different"),
        ("", "นอนหลับได้", "written only at the reassessment"),
        ("นอนไม่หลับ", "  ", "not written at the reassessment"),
    ],
)
def test_an_empty_note_is_never_judged_a_change(before, after, said):
    from groupwork.report.sections.assessment import area_change

    assert area_change(before, after) == said


def test_turning_points_are_dated_records_in_order_and_skip_a_withdrawn_member():
    from groupwork.report.sections.lessons import turning_points

    fah, bua = _member("ฟ้า"), _member("บัว", decision="withdrew")
    held = [_session(1), _session(9)]
    goal = m.Goal(
        group_id="g",
        title="มีรายได้จากงานที่บ้าน",
        revisions=[
            m.GoalRevision(
                revised_on=date(2026, 3, 8), previous_title="มีงานประจำ", reason="งานเลื่อน"
            )
        ],
    )
    data = SimpleNamespace(
        sessions=held,
        marks=[
            m.GroupMark(session_id="s9", kind="breakthrough", notes="ทุกคนปรบมือ"),
            m.GroupMark(session_id="s1", kind="laughter"),  # not a turning point
        ],
        selected_members=[fah],
        situations=[
            m.NewSituation(
                group_id="g",
                member_id="ฟ้า",
                level="member",
                description="ย้ายบ้าน",
                identified_on=date(2026, 3, 2),
                analysed_on=date(2026, 3, 5),
            ),
            m.NewSituation(
                group_id="g",
                member_id=bua.id,
                level="member",
                description="ถอนตัว",
                identified_on=date(2026, 3, 3),
            ),
        ],
        goals=[goal],
        rules=[],
        handover=[
            m.HandoverStep(group_id="g", taken_on=date(2026, 3, 9), facilitator_role="consulting")
        ],
    )
    naming = SimpleNamespace(label=lambda member_id: member_id, scrub=lambda text: text)
    points = turning_points(data, naming)
    assert [p.split(":")[0] for p in points] == [
        "2 Mar 2026",
        "8 Mar 2026",
        "9 Mar 2026",
        "9 Mar 2026",
    ]
    assert "a new situation (ฟ้า): ย้ายบ้าน; analysed together on 5 Mar 2026" in points[0]
    assert "“มีงานประจำ” was revised to “มีรายได้จากงานที่บ้าน” (งานเลื่อน)" in points[1]
    assert "session 9: breakthrough marked by the recorder (ทุกคนปรบมือ)" in points[2]
    assert not any("บัว" in p or "ถอนตัว" in p for p in points)


def _situation(key: str, member: str | None, day: int) -> m.NewSituation:
    level = "member" if member else "group"
    return m.NewSituation(
        id=key, group_id="g", level=level, member_id=member, description="x",
        identified_on=date(2026, 3, day),
    )  # fmt: skip


def _assessed(member: str, day: int, kind: str = "reassessment") -> m.Assessment:
    return m.Assessment(group_id="g", member_id=member, kind=kind, assessed_on=date(2026, 3, day))


def test_reassessed_within_14_days_is_counted_from_each_situation():
    from groupwork.report.sections.wording import reassessment_followup

    assert a.REASSESS_WITHIN_DAYS == 14
    situations = [
        _situation("on-the-day", "ดาว", 1),  # reassessed the same day: 0
        _situation("fourteen", "ฟ้า", 2),  # 14 days: within
        _situation("fifteen", "นิด", 2),  # 15 days: not within
        _situation("never", "บัว", 10),  # reassessed only before it: not followed
        _situation("group", None, 3),  # about the group, not a member: left out
    ]
    assessments = [
        _assessed("ดาว", 1, "initial"),
        _assessed("ดาว", 1),
        _assessed("ดาว", 20),  # a later one: the next counts
        _assessed("ฟ้า", 16),
        _assessed("นิด", 17),
        _assessed("บัว", 9),
    ]
    delays = a.reassessment_delays(situations, assessments)
    assert [(s.id, d) for s, d in delays] == [
        ("on-the-day", 0),
        ("fourteen", 14),
        ("fifteen", 15),
        ("never", None),
    ]
    text = reassessment_followup([d for _s, d in delays], 14)
    assert "Of the 4 new situations about a member, half were followed" in text
    assert "within 14 days (2 of 4)" in text
    assert "median 14, longest 15" in text and "Not followed by a reassessment: 1." in text
    assert "(2 of 2)" in reassessment_followup([14, 3], 14) and "all" in reassessment_followup(
        [14, 3], 14
    )
    assert "median 8.5" in reassessment_followup([14, 3], 14)
    assert reassessment_followup([], 14) == ""
