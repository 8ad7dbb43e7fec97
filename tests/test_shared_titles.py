"""Tasks' and goals' titles are kept with their shareable form (names replaced as the review
replaces them), written by the store on every save: what a coordinator's view may show."""

from __future__ import annotations

from groupwork import models as m
from groupwork.privacy.shared_title import shareable_title
from groupwork.store import Store
from groupwork.store.shared_titles import backfill


def _shared(store: Store, table: str) -> dict[str, str]:
    return {r[0]: r[1] for r in store.db.execute(f"select title, title_shared from {table}")}


def test_a_saved_task_and_goal_keep_their_title_with_names_replaced():
    store = Store.memory()
    group = store.add(m.Group(name="กลุ่มบัว"))
    store.add(m.Member(group_id=group.id, real_name="แดง ใจดี", pseudonym="M1"))
    task = store.save(m.Task(group_id=group.id, title="นัดเยี่ยมบ้านคุณแดง"))
    store.save(m.Goal(group_id=group.id, title="แดง หางานได้"))
    assert _shared(store, "tasks") == {"นัดเยี่ยมบ้านคุณแดง": "นัดเยี่ยมบ้านคุณM1"}
    assert _shared(store, "goals") == {"แดง หางานได้": "M1 หางานได้"}
    assert store.get(m.Task, task.id).title == "นัดเยี่ยมบ้านคุณแดง"


def test_a_later_member_or_name_decision_updates_the_groups_shared_titles():
    store = Store.memory()
    group = store.add(m.Group(name="กลุ่มบัว"))
    store.save(m.Task(group_id=group.id, title="Call May and Grant"))
    assert _shared(store, "tasks") == {"Call May and Grant": "Call May and Grant"}
    store.add(m.Member(group_id=group.id, real_name="May Park", pseudonym="M1"))
    store.decide_other_name(group.id, "Grant", replace=True)
    assert _shared(store, "tasks") == {"Call May and Grant": "Call M1 and [name withheld]"}


def test_rows_kept_before_the_column_existed_are_filled():
    store = Store.memory()
    group = store.add(m.Group(name="กลุ่มบัว"))
    store.add(m.Member(group_id=group.id, real_name="ดาว", pseudonym="M1"))
    store.save(m.Task(group_id=group.id, title="ไปหาดาว"))
    store.db.execute("update tasks set title_shared = null")
    backfill(lambda sql, params: store.db.conn.execute(sql, params).fetchall())
    assert _shared(store, "tasks") == {"ไปหาดาว": "ไปหาM1"}


def test_the_shareable_title_follows_the_reviews_rules():
    people = [("May Park", "M1"), ("Will Park", "M2")]
    # A family name two members share points at neither.
    assert shareable_title("Park family visit", people) == "[name withheld] family visit"
    assert shareable_title("See May", people) == "See M1"


def test_a_groups_name_is_kept_with_names_replaced_too():
    store = Store.memory()
    group = store.add(m.Group(name="กลุ่มครอบครัวคุณแดง"))
    store.add(m.Member(group_id=group.id, real_name="แดง ใจดี", pseudonym="M1"))
    (row,) = store.db.execute("select name, name_shared from groups").fetchall()
    assert row == ("กลุ่มครอบครัวคุณแดง", "กลุ่มครอบครัวคุณM1")


def test_a_file_from_before_the_columns_gets_them_filled_when_opened(tmp_path):
    path = tmp_path / "old.db"
    with Store.open(path) as store:
        group = store.add(m.Group(name="กลุ่มบ้านแดง"))
        store.add(m.Member(group_id=group.id, real_name="แดง ใจดี", pseudonym="M1"))
        store.save(m.Task(group_id=group.id, title="โทรหาแดง"))
        # As an older groupwork left it: no shareable columns, m111 not applied.
        for table, column in (("tasks", "title"), ("goals", "title"), ("groups", "name")):
            store.db.execute(f"alter table {table} drop column {column}_shared")
        store.db.execute("delete from _sqlite_migrations where name = 'm111_title_shared'")
        store.db.conn.commit()
    with Store.open(path) as store:
        assert _shared(store, "tasks") == {"โทรหาแดง": "โทรหาM1"}
        (row,) = store.db.execute("select name_shared from groups").fetchall()
        assert row == ("กลุ่มบ้านM1",)


def test_a_linked_member_and_person_are_rendered_by_id_never_by_the_name_in_the_token():
    from groupwork.privacy import links
    from groupwork.store.shared_titles import relink

    store = Store.memory()
    group = store.add(m.Group(name="กลุ่มบัว"))
    fah = store.add(m.Member(group_id=group.id, real_name="ฟ้า ใจดี", pseudonym="M1"))
    head = store.add(m.PersonAround(group_id=group.id, real_name="ดาว", role="ผู้ใหญ่บ้าน"))
    title = (
        f"โทรหา{links.token('m', fah.id, 'ฟ้า')}กับ{links.token('p', head.id, 'ดาว')}"
        f" และ{links.token('m', 'gone', 'May')}"
    )
    store.save(m.Task(group_id=group.id, title=title))
    shared = "โทรหา M1 กับ ผู้ใหญ่บ้าน และ [name withheld]"
    assert _shared(store, "tasks") == {title: shared}
    # A row kept when the token reached the coordinator (pseudonym inside) is written again.
    store.db.execute("update tasks set title_shared = ?", ["@[M1](m:x)"])
    relink(lambda sql, params: store.db.conn.execute(sql, params).fetchall())
    assert _shared(store, "tasks") == {title: shared}
    # A new role reaches the titles already kept; typed without a link, the role too.
    store.save(head.model_copy(update={"role": "กำนัน"}))
    assert _shared(store, "tasks")[title] == shared.replace("ผู้ใหญ่บ้าน", "กำนัน")
    store.save(m.Goal(group_id=group.id, title="ดาวมาเยี่ยม"))
    assert _shared(store, "goals") == {"ดาวมาเยี่ยม": "กำนัน มาเยี่ยม"}
