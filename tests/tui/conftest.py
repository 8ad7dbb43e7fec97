"""Fixtures for driving the TUI: a fixed day, a group with a few records, helpers."""

from __future__ import annotations

import asyncio
import gc
import inspect
from datetime import UTC, date, datetime

import pytest
import time_machine

from groupwork import models as m
from groupwork.store import open_store

TODAY = date(2026, 11, 21)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run ``async def`` tests (Pilot needs an event loop) without another plugin."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        names = pyfuncitem._fixtureinfo.argnames
        kwargs = {name: pyfuncitem.funcargs[name] for name in names}
        asyncio.run(pyfuncitem.obj(**kwargs))
        return True
    return None


@pytest.fixture(autouse=True)
def nothing_frozen_after():
    """What an app froze out of the collector's reach (``groupwork.tui.lasting``) lives as long
    as that app: the test's app is gone when the test ends, so its objects may be collected."""
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def frozen_day():
    """Screens show "today" (overdue marks, default dates): keep it fixed."""
    with time_machine.travel(datetime(2026, 11, 21, 9, 0, tzinfo=UTC), tick=False):
        yield


def seed_group(path) -> str:
    """A small group with fixed ids: three members, sessions, tasks. Returns the group id.

    ``path`` is a file, or an agency database on the test server (tests/tui/test_on_postgres.py).
    """
    with open_store(path) as store:
        group = store.add(
            m.Group(
                id="g1",
                name="Caregivers of Ban Nong",
                agency="Provincial social development office",
                problem_situation="Exhausted family caregivers",
                rationale="They share the same strain",
                target_population="Family caregivers",
                start_date=date(2026, 10, 1),
                current_stage=3,
                status=m.GroupStatus.ACTIVE,
                created_at=datetime(2026, 10, 1, tzinfo=UTC),
            )
        )
        for stage, status in ((1, "completed"), (2, "completed"), (3, "in_progress")):
            store.save_stage_progress(
                m.StageProgress(
                    id=f"sp{stage}",
                    group_id=group.id,
                    stage=stage,
                    status=status,
                    started_on=date(2026, 10, stage),
                    completed_on=date(2026, 10, 10) if status == "completed" else None,
                )
            )
        for i, name in enumerate(["Malee", "Somchai", "Wipa"], start=1):
            store.add(
                m.Member(
                    id=f"m{i}",
                    group_id=group.id,
                    real_name=f"{name} Real",
                    pseudonym=f"M0{i}",
                    decision=m.SelectionDecision.SELECTED,
                    orientation_given=True,
                )
            )
        for n in (1, 2, 3):
            held = n < 3
            session = store.add(
                m.Session(
                    id=f"s{n}",
                    group_id=group.id,
                    number=n,
                    held_on=date(2026, 10, 7 * n),
                    status=m.SessionStatus.HELD if held else m.SessionStatus.PLANNED,
                )
            )
            if n == 3:
                session = store.save(session.model_copy(update={"held_on": date(2026, 11, 28)}))
            if held:
                for i in (1, 2, 3):
                    store.record_attendance(session.id, f"m{i}", m.AttendanceStatus.PRESENT)
                for k in range(n * 2):
                    store.record_turn(
                        m.ParticipationEvent(
                            id=f"e{n}-{k}",
                            session_id=session.id,
                            actor_id=f"m{1 + k % 2}",
                            at=datetime(2026, 10, 7 * n, 10, k, tzinfo=UTC),
                        )
                    )
        store.add(
            m.Task(
                id="t1",
                group_id=group.id,
                title="Call the health centre",
                assignee_ids=["m1"],
                due_on=date(2026, 11, 1),
                created_at=datetime(2026, 10, 7, tzinfo=UTC),
                updated_at=datetime(2026, 10, 7, tzinfo=UTC),
            )
        )
        store.add(
            m.Task(
                id="t2",
                group_id=group.id,
                title="Bring the rota",
                assignee_ids=["m2", m.FACILITATOR],
                due_on=date(2026, 12, 1),
                created_at=datetime(2026, 10, 7, tzinfo=UTC),
                updated_at=datetime(2026, 10, 7, tzinfo=UTC),
            )
        )
        return group.id


@pytest.fixture
def seeded_db(db_path):
    seed_group(db_path)
    return db_path


@pytest.fixture
def seeded_server(pg_store_dsn):
    """An agency database on the test server holding ``seed_group``'s group."""
    seed_group(pg_store_dsn)
    return pg_store_dsn


def count_home_reads(app, monkeypatch) -> list[dict]:
    """The keyword arguments of each ``home_groups`` read the app makes from now on."""
    reads: list[dict] = []
    home_groups = app.store.home_groups
    monkeypatch.setattr(
        app.store, "home_groups", lambda *a, **k: reads.append(k) or home_groups(*a, **k)
    )
    return reads
