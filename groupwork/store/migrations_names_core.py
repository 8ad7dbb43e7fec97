"""Migrations of the names-core branch (m121-m129): the decisions about undecided names."""

from __future__ import annotations

from sqlite_utils import Database

from groupwork.store.schema_initial import MIGRATIONS
from groupwork.store.schema_initial import group_table as _group_table


@MIGRATIONS()
def m121_name_decisions(db: Database) -> None:
    # A person's decision (name or word) for one undecided occurrence of a name that is also
    # an ordinary word, kept by record, field, word, the text around it and its position.
    _group_table(
        db,
        "name_decisions",
        {
            "record_id": str,
            "field": str,
            "word": str,
            "before": str,
            "after": str,
            "position": int,
            "answer": str,
            "decided_at": str,
        },
        not_null={"record_id", "field", "word", "answer"},
    )
    db["name_decisions"].create_index(["group_id", "record_id"])
