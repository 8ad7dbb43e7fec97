"""Migrations of the facilitation aids (issue 23): the nudges shown while recording, and a
group's own thresholds for them. Imported at the end of ``store/migrations.py``."""

from __future__ import annotations

from sqlite_utils import Database

from groupwork.store.schema_initial import MIGRATIONS, group_table


@MIGRATIONS()
def m171_nudges(db: Database) -> None:
    # Each nudge the recorder showed, kept with its session: the worker sees afterwards which
    # they acted on (the session's feedback lists them beside what happened next).
    db["nudges_shown"].create(
        {
            "id": str,
            "session_id": str,
            "kind": str,
            "member_id": str,
            "at": str,
            "detail": str,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
        not_null={"session_id", "kind", "at"},
    )
    db["nudges_shown"].create_index(["session_id", "at"])
    # One row per group at most; an empty column keeps the stage's default.
    group_table(
        db,
        "nudge_settings",
        {
            "silent_minutes": int,
            "silent_turns": int,
            "dominant_factor": float,
            "window_turns": int,
            "facilitator_target": float,
        },
    )
