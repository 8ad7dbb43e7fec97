"""The register of shared files: every file groupwork wrote that leaves the database.

A review (md, html, docx), a chart, an export, a digest written to a file: each holds
something about people, and once written it is beyond the database's reach: erasure cannot
rewrite it, encryption does not cover it. So each is noted when written (``note_written``:
when, where, which group's data, which members were in the group, whether real names are in
it), one row per group, and ``erase-member`` lists the ones that may hold the erased member's
data (``files_holding``) with what to do about each.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from groupwork import models as m

KINDS = ("review", "chart", "export", "digest")
"""What a shared file can be."""


def note_written(
    store, group_ids: Iterable[str], path: Path | str, kind: str, *, real_names: bool = False
) -> None:
    """Note that ``path`` (a ``kind`` of file) was written with the data of ``group_ids``.

    Best effort: a file already written is not undone because it could not be noted (a
    coordinator's login that may not write), but every door that writes one calls this."""
    from groupwork.errors import GroupworkError

    # A name with bytes that are not UTF-8 (a surrogate here) is kept readable, escaped: the
    # register must take every file that was written.
    where = os.fsencode(Path(path).resolve()).decode("utf-8", "backslashreplace")
    try:
        with store.transaction():
            for group_id in group_ids:
                members = [x.id for x in store.members(group_id) if not x.erased]
                store.add(
                    m.SharedFile(
                        group_id=group_id,
                        path=where,
                        kind=kind,
                        member_ids=members,
                        real_names=real_names,
                    )
                )
    except GroupworkError:
        pass  # the file stands; a read-only login cannot keep the note


@dataclass(frozen=True)
class HeldCopy:
    """A file written earlier that may hold a member's data, and whether it is still there."""

    record: m.SharedFile
    exists: bool


def files_holding(store, member: m.Member) -> list[HeldCopy]:
    """The shared files written while ``member`` was in her group (newest last), each with
    whether it is still where it was written."""
    return [
        HeldCopy(f, Path(f.path).exists())
        for f in store.shared_files(member.group_id)
        if member.id in f.member_ids
    ]
