"""The demo goes all the way: closed on its last session, endorsed on a later day (never the
day the file was made), a past session that did not take place, stage periods that hold their
own events, and one consent history per member."""

from __future__ import annotations

from datetime import date

import pytest

from groupwork import models as m
from groupwork.demo import build_demo
from groupwork.operations.group_life import open_tasks

TODAY = date(2026, 11, 21)


@pytest.fixture
def demo(engine, module_stores):
    """The demo group, built once per engine (the tests only read it)."""
    return module_stores(engine, lambda store: build_demo(store, today=TODAY))


def _held(store, group_id) -> list[m.Session]:
    return [s for s in store.sessions(group_id) if s.status == m.SessionStatus.HELD]


def test_the_demo_group_is_closed_on_its_last_session_and_endorsed_after(demo):
    store, group = demo
    group = store.get(m.Group, group.id)
    last = _held(store, group.id)[-1].held_on
    assert (group.status, group.end_date) == (m.GroupStatus.CLOSED, last)
    (endorsement,) = store.endorsements(group.id)
    assert last < endorsement.endorsed_on < TODAY
    # Closing kept the open tasks (members carry them on): none was dropped by the closure.
    assert open_tasks(store, group.id)
    assert not [t for t in store.tasks(group.id) if "closed on" in t.drop_reason]


def test_a_past_session_did_not_take_place_and_has_no_records(demo):
    store, group = demo
    cancelled = [s for s in store.sessions(group.id) if s.status == m.SessionStatus.CANCELLED]
    assert len(cancelled) == 1 and cancelled[0].cancel_reason
    assert cancelled[0].held_on < TODAY
    assert not store.participation(cancelled[0].id) and not store.attendance(cancelled[0].id)
    assert not any(s.status == m.SessionStatus.PLANNED for s in store.sessions(group.id))


def _events_of_stage(store, group_id) -> dict[int, list[date]]:
    """The dated records each stage is about (its period must hold them all)."""
    situations = store.of_group(m.NewSituation, group_id)
    return {
        4: [r.agreed_on for r in store.ground_rules(group_id) if r.agreed_on],
        5: [a.assessed_on for a in store.of_group(m.Assessment, group_id) if a.kind == "initial"],
        9: [r.held_on for r in store.of_group(m.Review, group_id)],
        10: [x.identified_on for x in situations],
        11: [x.analysed_on for x in situations if x.analysed_on],
    }


def test_each_stage_period_holds_its_own_events(demo):
    store, group = demo
    progress = store.stage_progress(group.id)
    for stage, days in _events_of_stage(store, group.id).items():
        p = progress[stage]
        assert days, stage
        assert p.started_on <= min(days) and max(days) <= p.completed_on, (
            stage,
            p.started_on,
            p.completed_on,
            sorted(days),
        )
    for stage, p in progress.items():
        assert p.status == m.StageStatus.COMPLETED and p.started_on <= p.completed_on, stage


def test_each_member_has_one_consent_history(demo):
    store, group = demo
    for member in store.members(group.id):
        history = [c for c in store.group_consents(group.id) if c.member_id == member.id]
        days = [c.given_on for c in history]
        # One story: each record later than the one before; a withdrawal ends it.
        assert days == sorted(days) and len(set(days)) == len(days), member.pseudonym
        withdrawals = [c for c in history if c.withdrawn_on is not None]
        assert len(withdrawals) <= 1 and (not withdrawals or withdrawals[0] == history[-1])
