"""Erasing a member's personal data for good, keeping the group's history coherent.

The member's record stays (attendance, turns, tasks and ratings point at its id) but its
real name and pseudonym become an anonymous code ("ANON-3F9A2C"), its notes are emptied, its
consent records deleted and the text of its assessments blanked. Every free-text field of the
group (session notes and themes, stage narratives, reviews, situations, handover notes,
tasks, goals, rules, other members' notes...) has the member's names, and the parts of the
real name, replaced by the same code. Then the WAL is checkpointed and the file vacuumed, so
with ``secure_delete`` on the old bytes are gone from the database file and its ``-wal``.

Backups taken before the erasure still hold the data; ``delete_backups_before`` removes them
when the person asks (``groupwork erase-member --purge-backups``).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from groupwork import models as m
from groupwork.consent import ASSESSMENT_TEXT, MEMBER_PRIVATE_TEXT
from groupwork.errors import GroupworkError, is_disk_full
from groupwork.i18n import _
from groupwork.names import NameScrubber, scrub_data
from groupwork.safety.audit import record_event


@dataclass(frozen=True)
class ErasureResult:
    """What an erasure did: the code that now stands for the member, and whether the old
    bytes could be purged from the file at once (False when another program held the WAL)."""

    code: str
    fully_purged: bool
    disk_full: bool = False
    """True when the wipe could not run because the disk is full (the erasure itself is done)."""


def _scrub_record(store, record: m.Record, scrubber: NameScrubber) -> None:
    data = record.model_dump()
    # Another member who shares a name part (often a relative) keeps their own name fields;
    # mentions of that part in free text are still replaced, erring on the side of privacy.
    keep = {"real_name", "pseudonym"} if isinstance(record, m.Member) else set()
    cleaned = {k: (v if k in keep else scrub_data(v, scrubber.scrub, k)) for k, v in data.items()}
    if cleaned != data:
        store.save(type(record).model_validate(cleaned))


def _new_code(store, group_id: str) -> str:
    taken = {mem.pseudonym for mem in store.members(group_id)}
    while True:
        code = f"ANON-{secrets.token_hex(3).upper()}"
        if code not in taken:
            return code


_GROUP_TABLES = (
    m.Group,
    m.StageProgress,
    m.GroundRule,
    m.Assessment,
    m.GroupIssue,
    m.Goal,
    m.Task,
    m.Session,
    m.Review,
    m.NewSituation,
    m.HandoverStep,
    m.Endorsement,
    m.ClosureReflection,
    m.RatingScale,
    m.Consent,
    m.Member,
)


def erase_member(store, member_id: str) -> ErasureResult:
    """Erase a member's personal data for good (see the module docstring).

    Raises ``NotFoundError`` for an unknown member and ``GroupworkError`` for one already
    erased. All changes land in one transaction; the audit log gets an "erase" entry without
    any of the erased data.
    """
    member = store.get(m.Member, member_id)
    if member.erased:
        raise GroupworkError(_("This member's data was already erased."))
    group_id = member.group_id
    code = _new_code(store, group_id)
    # Every way of writing the member's real name or pseudonym becomes the code.
    scrubber = NameScrubber([((member.real_name, member.pseudonym), code)], shared=code)
    with store.transaction():
        # An unsaved form of this group may hold the name being erased.
        store.drafts.clear_group(group_id)
        for consent in store.consents(member_id):
            store.delete(m.Consent, consent.id)
        for assessment in store.find(m.Assessment, "member_id = ?", [member_id]):
            store.save(assessment.model_copy(update=dict.fromkeys(ASSESSMENT_TEXT, "")))
        store.save(
            member.model_copy(
                update={
                    "real_name": code,
                    "pseudonym": code,
                    **dict.fromkeys(MEMBER_PRIVATE_TEXT, ""),
                    "erased": True,
                }
            )
        )
        for model_cls in _GROUP_TABLES:
            records = (
                [store.get(m.Group, group_id)]
                if model_cls is m.Group
                else store.of_group(model_cls, group_id)
            )
            for record in records:
                _scrub_record(store, record, scrubber)
        for session in store.sessions(group_id):
            for record in [*store.attendance(session.id), *store.group_marks(session.id)]:
                _scrub_record(store, record, scrubber)
        record_event(store.db, "erase", "members", member_id, group_id)
    try:
        purged = purge_freed_bytes(store)
    except store.db.conn.OperationalError as exc:
        # The erasure is committed; only the wipe of old copies failed. With a full disk the
        # copies stay until a later checkpoint (at the latest when the database is closed).
        if not is_disk_full(exc):
            raise
        return ErasureResult(code=code, fully_purged=False, disk_full=True)
    return ErasureResult(code=code, fully_purged=purged)


def purge_freed_bytes(store) -> bool:
    """Move everything into the main file, rebuild it, and empty the WAL.

    ``secure_delete`` zeroes freed pages, but older copies of changed pages live on in the WAL
    until a checkpoint, and VACUUM rebuilds the file without any free space. Returns False when
    another connection kept the WAL busy (the bytes then go at that connection's next
    checkpoint, at the latest when it closes).
    """
    conn = store.db.conn
    if store.path is None:
        return True
    first = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    conn.execute("VACUUM")
    last = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return first[0] == 0 and last[0] == 0
