"""Commands whose output grows with the agency print rows as they read them."""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner

from groupwork import models as m
from groupwork.cli import cli
from groupwork.commands.table import echo_json_list
from groupwork.store import Store
from groupwork.store.rows import TaskFilter

TODAY = date(2026, 3, 1)


def _printed(rows) -> str:
    runner = CliRunner()

    import click

    @click.command()
    def show():
        echo_json_list(iter(rows), per_write=2)

    return runner.invoke(show).output


def test_the_json_list_is_what_json_dumps_prints():
    row = {"id": "a", "group": "กลุ่มดาว", "assignees": ["May", "บัว"], "due_on": None, "x": {}}
    for rows in ([], [row], [row, dict(row, id="b", assignees=[]), dict(row, id="c")]):
        assert _printed(rows) == json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def test_tasks_read_in_batches_are_the_tasks_of_one_page(db_path):
    with Store.open(db_path) as store:
        for g in range(3):
            group = store.add(m.Group(name=f"กลุ่มฟ้า {g}"))
            member = store.add(m.Member(group_id=group.id, real_name="แดง", pseudonym=f"P{g}"))
            for t in range(7):
                store.add(
                    m.Task(
                        group_id=group.id,
                        title=f"งาน {t}",
                        assignee_ids=[member.id] if t % 2 else [],
                        due_on=date(2026, 2, 1 + t),
                    )
                )
        every = TaskFilter()
        whole = store.coordinator_tasks(every, TODAY)
        assert list(store.iter_coordinator_tasks(every, TODAY, batch=4)) == whole
        assert len(whole) == 21 and any(row.assignees for row in whole)
    result = CliRunner().invoke(
        cli, ["--db", str(db_path), "tasks", "--overdue", "--json", "--today", "2026-03-01"]
    )
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert [row["id"] for row in printed] == [row.id for row in whole]
    assert all(row["overdue"] for row in printed)


def test_status_json_pages_through_the_groups_and_prints_them_all(db_path, monkeypatch):
    from groupwork.commands import coordination
    from groupwork.coordination import status_record

    with Store.open(db_path) as store:
        for g in range(5):
            store.add(m.Group(name=f"กลุ่มบัว {g}", facilitators=["Grant"]))
        whole = [status_record(r, TODAY) for r in store.group_status(TODAY)]
    monkeypatch.setattr(coordination, "STATUS_PAGE", 2)
    result = CliRunner().invoke(
        cli, ["--db", str(db_path), "status", "--json", "--today", "2026-03-01"]
    )
    assert result.exit_code == 0, result.output
    assert result.output == json.dumps(whole, ensure_ascii=False, indent=1) + "\n"
