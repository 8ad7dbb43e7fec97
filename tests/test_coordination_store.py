"""Every figure of the coordinator's queries, checked against the stored records on a database
of several groups (generated ones, the demo, and a small group written out by hand)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from groupwork import models as m
from groupwork.store import Store
from groupwork.store.database import header_problems
from groupwork.store.rows import TASK_SORTS, TaskFilter
from tests.coordination_data import (
    CAME,
    TODAY,
    all_members,
    build_several_groups,
    expected_absent,
    expected_digest,
    expected_status,
)
from tests.engines import copy_to_server


@pytest.fixture(scope="module")
def several(tmp_path_factory):
    path = tmp_path_factory.mktemp("coord") / "several.db"
    build_several_groups(path)
    return path


@pytest.fixture(scope="module")
def several_on_server(several, pg_new_database):
    """The same groups in a PostgreSQL database, copied group by group by export and import."""
    return copy_to_server(several, pg_new_database())


def _open_file(path):
    return Store.open(path)


@pytest.fixture
def store(engine, several, request):
    if engine == "postgresql":
        from groupwork.store.postgres import PgStore

        s = PgStore.open(request.getfixturevalue("several_on_server"))
    else:
        s = _open_file(several)
    yield s
    s.close()


def test_the_generated_database_keeps_every_constraint(store):
    assert store.count(m.Group) == 12
    assert store.integrity_problems() == [] and store.foreign_key_problems() == []
    # Every stored row loads as its model (the generator writes the stored format).
    groups = store.groups()
    events = [e for g in groups for e in store.group_participation(g.id)]
    assert len(events) == store.count(m.ParticipationEvent) > 5000
    sessions = [s for g in groups for s in store.sessions(g.id)]
    assert {s.status for s in sessions} == {"held", "planned", "cancelled"}


def test_the_generator_is_deterministic(tmp_path):
    from tests.coordination_data import agency_script

    script = agency_script()
    counts = [
        script.build(tmp_path / f"{n}.db", seed=3, scale=0.002, today=TODAY, say=lambda *_: None)
        for n in (1, 2)
    ]
    assert counts[0] == counts[1]
    with Store.open(tmp_path / "1.db") as a, Store.open(tmp_path / "2.db") as b:
        assert sorted(t.model_dump_json() for t in a.tasks()) == sorted(
            t.model_dump_json() for t in b.tasks()
        )


def test_group_status_figures_match_the_records(store):
    rows = store.group_status(TODAY)
    groups = {g.id: g for g in store.groups()}
    assert [r.name for r in rows] == sorted(g.name for g in groups.values())
    for row in rows:
        want = expected_status(store, groups[row.id], TODAY)
        assert list(row.facilitators) == want.facilitators
        assert row.current_stage == want.stage
        assert row.sessions_held == want.held
        assert (row.planned_sessions or row.sessions_held + row.sessions_scheduled) == want.planned
        assert (row.last_session, row.next_session) == (want.last, want.next)
        assert row.overdue == want.overdue
        oldest = (TODAY - row.oldest_overdue).days if row.oldest_overdue else None
        assert oldest == want.oldest_overdue_days
        assert [s.rate for s in row.recent if s.marked] == pytest.approx(want.recent_rates)
        assert row.stage_since == want.stage_since


def test_group_status_pages_are_slices_of_the_whole(store):
    whole = store.group_status(TODAY)
    assert store.group_status(TODAY, limit=5, offset=5) == whole[5:10]
    assert store.group_count() == len(whole)
    # Without the closed groups: the same rows in the same order, the others left out.
    going = [r for r in whole if r.status != "closed"]
    assert len(going) < len(whole)
    assert store.group_status(TODAY, closed=False) == going
    assert store.group_status(TODAY, limit=3, offset=2, closed=False) == going[2:5]
    assert store.group_count(closed=False) == len(going)


def test_home_list_matches_the_records(store):
    for row in store.group_list(TODAY):
        group = store.get(m.Group, row.id)
        want = expected_status(store, group, TODAY)
        assert (row.name, row.current_stage, row.status) == (
            group.name,
            group.current_stage,
            group.status,
        )
        assert (row.next_session, row.overdue) == (want.next, want.overdue)
    # Home's own order and figures: running groups first, then closed ones, each by name; a
    # closed group's tasks kept open are not its overdue work. A screenful first, the same rows.
    home = store.home_groups(TODAY)
    by_name = sorted(store.group_list(TODAY), key=lambda r: r.status == "closed")
    assert [r.id for r in home] == [r.id for r in by_name]
    for row, listed in zip(home, by_name, strict=True):
        assert row.overdue == listed.overdue
    # The rule is exercised: a closed group here kept tasks open that are past their date.
    assert any(
        t.is_overdue(TODAY) for r in by_name if r.status == "closed" for t in store.tasks(r.id)
    )
    assert store.home_groups(TODAY, limit=4) == home[:4]
    # Chosen groups' rows (those written since home's last read): the same rows, in home's
    # order; an id of no group is left out.
    chosen = {home[-1].id, home[1].id, "no-such-group"}
    assert store.home_groups(TODAY, ids=chosen) == [home[1], home[-1]]
    assert store.home_groups(TODAY, ids=set()) == []
    shape = store.home_list_shape()
    assert sorted(shape.names) == sorted(r.name for r in home) and shape.count == len(home)
    assert shape.stages == {r.current_stage for r in home}


# A member filter is read one of four ways, chosen by how many members share the pseudonym
# (coordination._NAMED: their ids, or a subquery) and how many tasks they have
# (coordination._FEW: through the assignees, or walking the table's order): all must agree.
WAYS = [(0, 0), (0, 10**9), (10**9, 0), (10**9, 10**9)]
WAY_NAMES = ["walk/subquery", "walk/ids", "assignees/subquery", "assignees/ids"]


def read_tasks_the_way(monkeypatch, few: int, named: int) -> None:
    """Make the store read a member filter in the way given by these two thresholds."""
    monkeypatch.setattr("groupwork.store.coordination_tasks._FEW", few)
    monkeypatch.setattr("groupwork.store.coordination_tasks._NAMED", named)


def _all_tasks(store):
    names = {g.id: g.name for g in store.groups()}
    pseudonyms = {x.id: x.pseudonym for x in all_members(store)}
    return names, pseudonyms, store.tasks()


@pytest.mark.parametrize(
    ("task_filter", "keep"),
    [
        (TaskFilter(), lambda t, g, who: True),
        (TaskFilter(min_days_overdue=1), lambda t, g, who: t.is_overdue(TODAY)),
        (
            TaskFilter(min_days_overdue=30),
            lambda t, g, who: t.is_overdue(TODAY) and (TODAY - t.due_on).days >= 30,
        ),
        (
            TaskFilter(statuses=("done", "dropped")),
            lambda t, g, who: t.status in ("done", "dropped"),
        ),
        (TaskFilter(member="ดาว"), lambda t, g, who: "ดาว" in who),
        (TaskFilter(member=" ดาว "), lambda t, g, who: "ดาว" in who),
        (TaskFilter(member="facilitator"), lambda t, g, who: m.FACILITATOR in t.assignee_ids),
        (
            TaskFilter(member="ดาว", member_ids=(m.FACILITATOR,)),
            lambda t, g, who: "ดาว" in who or m.FACILITATOR in t.assignee_ids,
        ),
        (
            TaskFilter(member="ดาว", statuses=("open",)),
            lambda t, g, who: "ดาว" in who and t.status == "open",
        ),
        (TaskFilter(group_name="ดาวเหนือ"), lambda t, g, who: "ดาวเหนือ" in g.name),
        (
            TaskFilter(facilitator="คุณสุข"),
            lambda t, g, who: any("คุณสุข" in f for f in g.facilitators),
        ),
        (
            TaskFilter(due_from=TODAY, due_to=TODAY + timedelta(days=7)),
            lambda t, g, who: (
                t.due_on is not None and TODAY <= t.due_on <= TODAY + timedelta(days=7)
            ),
        ),
    ],
)
@pytest.mark.parametrize(("few", "named"), WAYS, ids=WAY_NAMES)
def test_task_table_filters_match_the_records(store, task_filter, keep, few, named, monkeypatch):
    read_tasks_the_way(monkeypatch, few, named)
    groups = {g.id: g for g in store.groups()}
    pseudonyms = {x.id: x.pseudonym for x in all_members(store)}
    wanted = [
        t
        for t in store.tasks()
        if keep(t, groups[t.group_id], [pseudonyms.get(a, a) for a in t.assignee_ids])
    ]
    rows = store.coordinator_tasks(task_filter, TODAY)
    assert wanted and {r.id for r in rows} == {t.id for t in wanted}
    total, overdue = store.count_coordinator_tasks(task_filter, TODAY)
    assert total == len(wanted) and overdue == sum(t.is_overdue(TODAY) for t in wanted)
    by_id = {t.id: t for t in wanted}
    for r in rows:
        t = by_id[r.id]
        assert r.group_name == groups[t.group_id].name and r.title == t.title
        assert list(r.assignees) == [pseudonyms.get(a, a) for a in t.assignee_ids]
        assert r.days_overdue == ((TODAY - t.due_on).days if t.is_overdue(TODAY) else 0)


def test_few_assignments_of_members_called_by_a_name_are_counted(store, monkeypatch):
    # More members by the name than are passed as ids: counted from the members by that name.
    monkeypatch.setattr("groupwork.store.coordination_tasks._NAMED", 0)
    pseudonyms = {x.id: x.pseudonym for x in all_members(store)}
    n = sum(pseudonyms.get(a) == "ดาว" for t in store.tasks() for a in t.assignee_ids)
    params: dict = {}
    who = store._assignee_condition(TaskFilter(member="ดาว"), params)
    for few, want in ((n, False), (n + 1, True)):
        monkeypatch.setattr("groupwork.store.coordination_tasks._FEW", few)
        assert store._few_assignments(who, params) is want, few


@pytest.mark.parametrize("sort", ["due", "group", "title", "status", "overdue"])
@pytest.mark.parametrize("descending", [False, True])
def test_task_pages_follow_the_sort_and_page_through_everything(store, sort, descending):
    whole = store.coordinator_tasks(TaskFilter(), TODAY, sort=sort, descending=descending)
    far = date.max
    keys = {
        "due": lambda r: (r.due_on or far, r.title),
        "group": lambda r: (r.group_name, r.due_on or far, r.title),
        "title": lambda r: r.title,
        "status": lambda r: (r.status, r.due_on or far, r.title),
        "overdue": lambda r: (-r.days_overdue if r.days_overdue else 1, r.title),
    }
    found = [keys[sort](r) for r in whole]
    assert found == sorted(found, reverse=descending)
    pages = [
        store.coordinator_tasks(
            TaskFilter(), TODAY, sort=sort, descending=descending, limit=700, offset=k
        )
        for k in range(0, len(whole), 700)
    ]
    assert [r.id for page in pages for r in page] == [r.id for r in whole]


@pytest.mark.parametrize(("few", "named"), WAYS, ids=WAY_NAMES)
@pytest.mark.parametrize("sort", TASK_SORTS)
def test_a_members_tasks_come_in_the_tables_order_page_by_page(
    store, sort, few, named, monkeypatch
):
    read_tasks_the_way(monkeypatch, few, named)
    everyone = store.coordinator_tasks(TaskFilter(), TODAY, sort=sort, descending=True)
    wanted = [r.id for r in everyone if "ดาว" in r.assignees]
    member = TaskFilter(member="ดาว")
    pages = [
        store.coordinator_tasks(member, TODAY, sort=sort, descending=True, limit=7, offset=k)
        for k in range(0, len(wanted) + 7, 7)
    ]
    assert len(wanted) > 7 and [r.id for page in pages for r in page] == wanted


def test_members_who_stopped_coming(store):
    groups = store.groups()
    found = store.absent_members([g.id for g in groups])
    for group in groups:
        mine = {a.pseudonym for a in found if a.group_id == group.id}
        assert mine == expected_absent(store, group)
    small = [a for a in found if a.group_id == "small"]
    assert [(a.pseudonym, a.last_attended) for a in small] == [("ฝน", date(2026, 10, 1))]


def test_turns_over_the_last_three_held_sessions(store):
    demo = next(g for g in store.groups() if g.name.endswith("(ตัวอย่าง)"))
    rows = {r.pseudonym: r.turns for r in store.recent_member_turns([demo.id], 3)}
    held = sorted(
        (s for s in store.sessions(demo.id) if s.status == "held"),
        key=lambda s: (s.held_on, s.number),
    )[-3:]
    events = [e for s in held for e in store.participation(s.id)]
    for member in store.members(demo.id, selected_only=True):
        if member.left_on is None:
            assert rows[member.pseudonym] == sum(e.actor_id == member.id for e in events)
    assert set(rows) <= {x.pseudonym for x in store.members(demo.id)}


def test_digest_figures_match_the_records(store):
    since = TODAY - timedelta(days=14)
    groups = {g.id: g for g in store.groups()}
    for row in store.digest(since, TODAY):
        want = expected_digest(store, groups[row.id], since, TODAY)
        assert row.sessions_held == want["sessions_held"]
        assert row.tasks_done == want["tasks_done"]
        assert row.newly_overdue == want["newly_overdue"]
        assert (row.marked_before, row.attended_before) == want["before"]
        assert (row.marked_since, row.attended_since) == want["since"]
        assert sorted((c.stage, c.change, c.on) for c in row.stage_changes) == want["changes"]


def test_no_query_row_carries_a_real_name(store):
    real = {x.real_name for x in all_members(store)}
    ids = [g.id for g in store.groups()]
    everything = repr(
        [
            store.group_status(TODAY),
            store.coordinator_tasks(TaskFilter(), TODAY),
            store.absent_members(ids),
            store.recent_member_turns(ids),
            store.digest(TODAY - timedelta(days=30), TODAY),
        ]
    )
    assert not any(name in everything for name in real)


def test_opening_checks_the_header_cheaply(tmp_path):
    path = tmp_path / "cut.db"
    with Store.open(path) as s:
        s.add(m.Group(name="พร"))
    assert header_problems(path) == []
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 100])  # cut short: no longer whole pages
    assert header_problems(path) and "not whole pages" in header_problems(path)[0]


def test_attendance_marks_counted_as_came(store):
    # The queries and the tests share one meaning of "came": present or late.
    assert CAME == {m.AttendanceStatus.PRESENT.value, m.AttendanceStatus.LATE.value}
