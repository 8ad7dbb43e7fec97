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

import re
import secrets
from dataclasses import dataclass
from typing import Any

from groupwork import models as m
from groupwork.errors import GroupworkError
from groupwork.i18n import _
from groupwork.safety.audit import record_event

# Titles and honorifics that are part of a written name but identify nobody; replacing them
# everywhere would mangle ordinary text ("นาง" is also inside many Thai words).
_TITLES = {
    "นาย",
    "นาง",
    "นางสาว",
    "น.ส.",
    "ด.ช.",
    "ด.ญ.",
    "เด็กชาย",
    "เด็กหญิง",
    "คุณ",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "miss",
    "dr",
    "dr.",
}
_THAI = re.compile(r"[\u0E00-\u0E7F]")
MIN_PART_LENGTH = 2


@dataclass(frozen=True)
class ErasureResult:
    """What an erasure did: the code that now stands for the member, and whether the old
    bytes could be purged from the file at once (False when another program held the WAL)."""

    code: str
    fully_purged: bool


def name_variants(*names: str) -> list[str]:
    """The strings to remove: each full name, then its parts (no titles), longest first."""
    found: set[str] = set()
    for name in names:
        name = " ".join(name.split())
        if not name:
            continue
        found.add(name)
        for part in name.split(" "):
            if len(part) >= MIN_PART_LENGTH and part.lower() not in _TITLES:
                found.add(part)
    return sorted(found, key=lambda s: (-len(s), s))


def name_pattern(variants: list[str]) -> re.Pattern[str] | None:
    """One regex matching any variant: Thai ones anywhere (Thai has no spaces between
    words), Latin ones as whole words, ignoring case."""
    if not variants:
        return None
    alternatives = []
    for v in variants:
        escaped = re.escape(v)
        if _THAI.search(v):
            alternatives.append(escaped)
        else:
            alternatives.append(rf"(?<![A-Za-z0-9]){escaped}(?![A-Za-z0-9])")
    return re.compile("|".join(alternatives), re.IGNORECASE)


def scrub(value: Any, pattern: re.Pattern[str] | None, code: str) -> Any:
    """``value`` (text, or lists and dicts of text) with every match replaced by ``code``."""
    if pattern is None:
        return value
    if type(value) is str:  # not StrEnum values: those are stored choices, not text
        return pattern.sub(code, value)
    if isinstance(value, list):
        return [scrub(v, pattern, code) for v in value]
    if isinstance(value, dict):
        return {k: (v if _is_reference(k) else scrub(v, pattern, code)) for k, v in value.items()}
    return value


def _is_reference(field: str) -> bool:
    return field == "id" or field.endswith("_id") or field.endswith("_ids")


def _scrub_record(store, record: m.Record, pattern, code: str) -> None:
    data = record.model_dump()
    # Another member who shares a name part (often a relative) keeps their own name fields;
    # mentions of that part in free text are still replaced, erring on the side of privacy.
    keep = {"real_name", "pseudonym"} if isinstance(record, m.Member) else set()
    cleaned = {k: (v if k in keep else scrub(v, pattern, code)) for k, v in data.items()}
    cleaned = {k: (v if _is_reference(k) else cleaned[k]) for k, v in data.items()}
    if cleaned != data:
        store.save(type(record).model_validate(cleaned))


def _new_code(store, group_id: str) -> str:
    taken = {mem.pseudonym for mem in store.members(group_id)}
    while True:
        code = f"ANON-{secrets.token_hex(3).upper()}"
        if code not in taken:
            return code


_ASSESSMENT_TEXT = ("bio_psycho_social", "family", "risk", "needs", "strengths", "notes")
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
    pattern = name_pattern(name_variants(member.real_name, member.pseudonym))
    with store.transaction():
        for consent in store.consents(member_id):
            store.delete(m.Consent, consent.id)
        for assessment in store.find(m.Assessment, "member_id = ?", [member_id]):
            store.save(assessment.model_copy(update=dict.fromkeys(_ASSESSMENT_TEXT, "")))
        store.save(
            member.model_copy(
                update={
                    "real_name": code,
                    "pseudonym": code,
                    "notes": "",
                    "decision_reason": "",
                    "referral_source": "",
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
                _scrub_record(store, record, pattern, code)
        for session in store.sessions(group_id):
            for record in [*store.attendance(session.id), *store.group_marks(session.id)]:
                _scrub_record(store, record, pattern, code)
        record_event(store.db, "erase", "members", member_id, group_id)
    return ErasureResult(code=code, fully_purged=purge_freed_bytes(store))


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
