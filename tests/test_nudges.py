"""The recorder's quiet nudges on constructed turn sequences (no Textual, no database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from groupwork import models as m
from groupwork.i18n import set_language
from groupwork.recording.nudges import Nudge, NudgeLine, Situation, describe, find_nudges
from groupwork.stage_spec import NudgeThresholds, nudge_thresholds, stage_spec

T0 = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
F = m.FACILITATOR
LIMITS = NudgeThresholds(
    silent_minutes=15,
    silent_turns=15,
    dominant_factor=2.0,
    window_turns=20,
    facilitator_target=0.4,
    facilitator_after_turns=10,
)


def turns(*actors: str, start: datetime = T0, every: int = 10) -> list[m.ParticipationEvent]:
    """One turn per actor, ``every`` seconds apart from ``start``."""
    return [
        m.ParticipationEvent(session_id="s1", actor_id=a, at=start + timedelta(seconds=every * i))
        for i, a in enumerate(actors)
    ]


def here(*members: str, since: datetime = T0) -> dict[str, datetime]:
    return dict.fromkeys(members, since)


def kinds(found: list[Nudge]) -> list[tuple[str, str | None]]:
    return [(n.kind.value, n.member_id) for n in found]


def test_silent_for_exactly_n_minutes_is_nudged_one_second_less_is_not():
    log = turns("dao", "fon", "dao", "fon")  # kaew never speaks
    situation = Situation(log, here("dao", "fon", "kaew"))
    quiet = find_nudges(situation, LIMITS, T0 + timedelta(minutes=15) - timedelta(seconds=1))
    assert kinds(quiet) == []
    found = find_nudges(situation, LIMITS, T0 + timedelta(minutes=15))
    assert kinds(found) == [("silent", "kaew")]
    assert (found[0].minutes, found[0].turns) == (15, 4)


def test_silent_counts_from_the_member_s_own_last_turn():
    log = turns("kaew", "dao", "fon", start=T0 + timedelta(minutes=10))
    situation = Situation(log, here("dao", "fon", "kaew"))
    assert kinds(find_nudges(situation, LIMITS, T0 + timedelta(minutes=24))) == []
    found = find_nudges(situation, LIMITS, T0 + timedelta(minutes=25))
    assert kinds(found) == [("silent", "kaew")] and found[0].turns == 2


def test_silent_through_n_turns_of_others_at_exactly_n():
    situation = Situation(turns("kaew", *["dao", "fon", F] * 5), here("dao", "fon", "kaew"))
    now = T0 + timedelta(minutes=3)
    assert [n.turns for n in find_nudges(situation, LIMITS, now) if n.member_id == "kaew"] == [15]
    fewer = Situation(situation.turns[:-1], situation.present)
    assert [n for n in find_nudges(fewer, LIMITS, now) if n.member_id == "kaew"] == []


def test_a_member_who_arrives_late_is_checked_in_with_then_counted_from_arrival():
    arrived = T0 + timedelta(minutes=30)
    log = turns(*["dao", "fon"] * 20, start=T0, every=60)  # 40 turns over 40 minutes
    present = {**here("dao", "fon"), "nok": arrived}
    late = Situation(log, present, late=frozenset({"nok"}))
    found = find_nudges(late, LIMITS, T0 + timedelta(minutes=40))
    # Not "silent for 40 minutes": she was not there; first a gentle check-in.
    assert ("late", "nok") in kinds(found) and ("silent", "nok") not in kinds(found)
    assert kinds(found)[0] == ("late", "nok")
    spoke = turns("nok", start=arrived + timedelta(seconds=30))
    after = Situation(sorted([*log, *spoke], key=lambda e: e.at), present, late=frozenset({"nok"}))
    assert all(
        n.member_id != "nok" for n in find_nudges(after, LIMITS, arrived + timedelta(minutes=5))
    )


def test_a_member_who_missed_last_session_until_they_have_a_turn():
    situation = Situation(turns("dao"), here("dao", "fon"), missed_last=frozenset({"fon"}))
    assert kinds(find_nudges(situation, LIMITS, T0 + timedelta(minutes=1))) == [("missed", "fon")]
    spoke = Situation(turns("dao", "fon"), situation.present, missed_last=frozenset({"fon"}))
    assert find_nudges(spoke, LIMITS, T0 + timedelta(minutes=1)) == []


def test_a_withdrawn_or_absent_member_is_never_named():
    # "gone" withdrew and "away" is marked absent: neither is in the room, however long.
    log = turns(*["dao", "fon"] * 15)
    situation = Situation(log, here("dao", "fon"), missed_last=frozenset())
    found = find_nudges(situation, LIMITS, T0 + timedelta(hours=2))
    assert {n.member_id for n in found} <= {"dao", "fon", None}
    assert "gone" not in str(found) and "away" not in str(found)


def test_one_voice_over_twice_the_average_of_the_window():
    # Four members: the average share is 25 %, over twice that is above 50 %.
    members = ("dao", "fon", "kaew", "nok")
    over = turns(*["dao"] * 11, "fon", "kaew", "nok", *["fon", "kaew", "nok", F] * 1, F, F)
    assert len(over) == 20
    found = find_nudges(Situation(over, here(*members)), LIMITS, T0 + timedelta(minutes=5))
    dominant = [n for n in found if n.kind is m.NudgeKind.DOMINANT]
    assert [(n.member_id, round(n.share, 2)) for n in dominant] == [("dao", 0.65)]
    # Exactly twice the average (8 of 16 member turns) is not over.
    exact = turns(*["dao"] * 8, *["fon", "kaew", "nok"] * 2, "fon", "kaew", *[F] * 4)
    assert len(exact) == 20
    found = find_nudges(Situation(exact, here(*members)), LIMITS, T0 + timedelta(minutes=5))
    assert not [n for n in found if n.kind is m.NudgeKind.DOMINANT]


def test_no_dominance_before_the_window_is_full():
    members = ("dao", "fon", "kaew")
    found = find_nudges(Situation(turns(*["dao"] * 19), here(*members)), LIMITS, T0)
    assert not [n for n in found if n.kind is m.NudgeKind.DOMINANT]


def test_the_facilitator_exactly_at_target_is_not_nudged_above_it_is():
    members = ("dao", "fon")
    at_target = turns(*[F, F, "dao", "fon", "dao"] * 4)  # 8 of 20 = 40 %
    situation = Situation(at_target, here(*members))
    assert not [n for n in find_nudges(situation, LIMITS, T0) if n.kind is m.NudgeKind.FACILITATOR]
    above = turns(*[F, F, "dao", "fon", "dao"] * 3, F, F, F, "dao", "fon")  # 9 of 20
    found = [
        n
        for n in find_nudges(Situation(above, here(*members)), LIMITS, T0)
        if n.kind is m.NudgeKind.FACILITATOR
    ]
    assert [(round(n.share, 2), n.of_turns, n.target) for n in found] == [(0.45, 20, 0.4)]


def test_the_facilitator_is_not_judged_on_the_first_turns():
    situation = Situation(turns(F, F, F, "dao"), here("dao", "fon"))
    assert not [n for n in find_nudges(situation, LIMITS, T0) if n.kind is m.NudgeKind.FACILITATOR]


def test_the_line_records_a_nudge_once_while_it_lasts_and_again_when_it_returns():
    line = NudgeLine()
    silent = Nudge(m.NudgeKind.SILENT, "kaew", minutes=15, turns=4)
    assert line.update([silent]) == [silent]
    assert line.update([silent]) == []
    assert line.update([]) == []
    assert line.update([silent]) == [silent]
    line.muted = True
    assert line.update([Nudge(m.NudgeKind.MISSED, "fon"), silent]) == []
    assert line.text(lambda who: who or "") == ""


def test_the_line_s_words_in_english_and_thai():
    line = NudgeLine()
    line.update(
        [Nudge(m.NudgeKind.SILENT, "kaew", minutes=16, turns=9), Nudge(m.NudgeKind.FACILITATOR)]
    )
    set_language("en")
    assert line.text(lambda who: "Kaew") == (
        "◦ Kaew has not spoken for 16 min (9 turns of others)  (+1 more)"
    )
    set_language("th")
    try:
        assert "Kaew" in line.text(lambda who: "Kaew") and "16" in line.text(lambda who: "Kaew")
        assert "นาที" in line.text(lambda who: "Kaew")
        words = describe(Nudge(m.NudgeKind.FACILITATOR, share=0.5, of_turns=20, target=0.4), str)
        assert "50%" in words and "40%" in words and "You" not in words
    finally:
        set_language("en")


@pytest.mark.parametrize("stage", range(1, 13))
def test_the_thresholds_take_the_stage_s_target_and_the_group_s_own(stage):
    assert nudge_thresholds(stage).facilitator_target == stage_spec(stage).handover_target
    own = m.NudgeSettings(group_id="g", silent_minutes=5, facilitator_target=0.25)
    chosen = nudge_thresholds(stage, own)
    assert (chosen.silent_minutes, chosen.facilitator_target) == (5, 0.25)
    assert chosen.silent_turns == NudgeThresholds().silent_turns


def test_handover_targets_fall_toward_the_handover():
    targets = [stage_spec(n).handover_target for n in range(1, 13)]
    assert targets == sorted(targets, reverse=True) and targets[-1] < targets[0]


# --- with the recorder and the store (both engines) -----------------------------------------


def _group_with_last_session(store):
    from datetime import date

    from groupwork.operations.sessions import start_session
    from groupwork.recording.recorder import SessionRecorder

    group = store.add(m.Group(name="Caregivers", current_stage=7))
    for i, name in enumerate(["Dao", "Fon", "Kaew"]):
        store.add(
            m.Member(
                id=f"m{i}",
                group_id=group.id,
                real_name=f"Real {name}",
                pseudonym=name,
                decision=m.SelectionDecision.SELECTED,
            )
        )
    with time_machine.travel(T0 - timedelta(days=7), tick=False):
        first = SessionRecorder(
            store, start_session(store, group.id, held_on=date(2026, 11, 14)).id
        )
        first.roll_call("m0", m.AttendanceStatus.PRESENT)
        first.roll_call("m1", m.AttendanceStatus.ABSENT)
        first.close("Fon will be called")
    with time_machine.travel(T0, tick=False):
        second = start_session(store, group.id, held_on=date(2026, 11, 21))
    return group, SessionRecorder(store, second.id)


def test_the_recorder_s_nudges_are_stored_with_the_session(store):
    from groupwork.recording.nudging import SessionNudges

    _group, recorder = _group_with_last_session(store)
    nudges = SessionNudges(recorder)
    assert nudges.missed_last == {"m1"}
    assert nudges.limits.facilitator_target == stage_spec(7).handover_target
    with time_machine.travel(T0 + timedelta(minutes=1), tick=False):
        recorder.log_turn("m0")
        assert [(n.kind, n.member_id) for n in nudges.refresh()] == [(m.NudgeKind.MISSED, "m1")]
        assert nudges.refresh() == []  # still shown: stored once
    stored = store.nudges_shown(recorder.session_id)
    assert [(n.kind, n.member_id, n.detail) for n in stored] == [(m.NudgeKind.MISSED, "m1", "")]


def test_a_session_left_empty_goes_with_its_nudges(store):
    from groupwork.recording.nudging import SessionNudges

    group, recorder = _group_with_last_session(store)
    nudges = SessionNudges(recorder)
    with time_machine.travel(T0 + timedelta(minutes=1), tick=False):
        nudges.refresh()
        nudges.toggle_mute()
    assert len(store.nudges_shown(recorder.session_id)) == 2
    assert recorder.leave(discard_if_empty=True) == "discarded"
    assert [s.number for s in store.sessions(group.id)] == [1]
    assert store.nudges_shown(recorder.session_id) == []


def test_no_nudges_for_a_session_entered_afterwards(store):
    from groupwork.recording.nudging import SessionNudges
    from groupwork.recording.recorder import SessionRecorder

    _group, recorder = _group_with_last_session(store)
    recorder.close("")
    late = SessionNudges(SessionRecorder(store, recorder.session_id, late_entry=True))
    assert late.refresh(T0 + timedelta(hours=1)) == []
