"""Migrations of the names-doors work: the people around a group, the register of shared
files groupwork wrote. (Their PostgreSQL twins: ``postgres/migrations/p040_*``, ``p041_*``.)"""

from __future__ import annotations

from sqlite_utils import Database

from groupwork.store.schema_initial import MIGRATIONS, group_table


@MIGRATIONS()
def m131_people_around(db: Database) -> None:
    # The register of people around a group (partner, headman, nurse): their real name for
    # the worker, the role that stands for them in everything shared. Links in free text
    # name these ids (groupwork.privacy.links).
    group_table(
        db,
        "people_around",
        {"real_name": str, "role": str, "notes": str, "added_at": str},
        not_null={"real_name", "role"},
    )


@MIGRATIONS()
def m132_shared_files(db: Database) -> None:
    # The register of files groupwork wrote that leave the database (reviews, charts,
    # exports, digests): when, where, whose data. Erasing a member lists them.
    group_table(
        db,
        "shared_files",
        {
            "path": str,
            "kind": str,
            "written_at": str,
            "member_ids": str,  # JSON list
            "real_names": int,
        },
        not_null={"path", "kind"},
    )
