"""Erasing a member's personal data for good, everywhere the person is named.

The member's record stays (attendance, turns, tasks and ratings point at its id) but its
real name and pseudonym become an anonymous code ("ANON-3F9A2C"), its notes are emptied, its
consent records deleted and the text of its assessments blanked. Then every text field of
every stored record, in *every* group (a person is often named in another group's notes or
tasks: a sibling's group, an earlier group), has the person's names replaced by the same
code: the real name, the pseudonym, their parts, and any other spelling the worker gives (a
nickname, the Latin spelling of a Thai name). Matching is ``groupwork.privacy.names``'s, the one
matcher behind the report's pseudonymisation. ``find_mentions`` shows where the names are
before anything is changed. Then the WAL is checkpointed and the file vacuumed, so with
``secure_delete`` on the old bytes are gone from the database file and its ``-wal``.

A name that is also an ordinary word (พร "blessing", สุข "happy", น้ำ "water") may be either
where it stands (the matcher's third answer, ``privacy.positions.Answer.UNDECIDED``). Erasure
never takes it for a word nor replaces it blindly (that rewrote ordinary words, "ท้องฟ้า", for
good): in every group, her own included, it is left as written and listed, with the words
around it, for the worker to re-read and edit (``ErasureResult.left_as_written``; ``survey``
lists both before anything changes).

Another group's member with the same name may be the same person; their name fields are not
changed (that is a decision about that record), but they are reported so the worker can
erase them too. Backups taken before the erasure still hold the data:
``after_erasure_backup`` backs up the erased state and names them, and the doors offer to
delete them (``groupwork erase-member --purge-backups``).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from groupwork import models as m
from groupwork.consent import ASSESSMENT_TEXT, MEMBER_PRIVATE_TEXT
from groupwork.errors import GroupworkError, NotYoursError
from groupwork.i18n import _
from groupwork.privacy import links
from groupwork.privacy.name_forms import normalise
from groupwork.privacy.names import NameScrubber, scrub_data
from groupwork.store.safekeeping import PurgeOutcome


@dataclass(frozen=True)
class Mention:
    """One text field that names the person: which group, which kind of record, which field."""

    group_id: str | None
    record_type: str
    record_id: str
    field: str
    context: str = ""
    """For a name left as written: the words around it (empty for a replaced one)."""


@dataclass(frozen=True)
class ErasureResult:
    """What an erasure did: the code that now stands for the member, and whether the old
    bytes could be purged from the file at once (False when another program held the WAL)."""

    code: str
    fully_purged: bool
    disk_full: bool = False
    """True when the wipe could not run because the disk is full (the erasure itself is done)."""
    mentions: list[Mention] = field(default_factory=list)
    """Every text field, in any group, where the person's names were replaced."""
    left_as_written: list[Mention] = field(default_factory=list)
    """Where, in any group (hers too), a name that is also an ordinary word may be her and
    was left as written: undecided, to re-read and edit by hand."""
    log_lines: int = 0
    """Lines of ``errors.log`` that named the person and now hold the code."""


@dataclass(frozen=True)
class Survey:
    """Where the person is named, found before anything changes."""

    mentions: list[Mention]
    """Text fields where the names will be replaced."""
    left_as_written: list[Mention]
    """Undecided uses, in any group, of a name that is also an ordinary word: left as written."""


# Another member who shares a name part (often a relative) keeps their own name fields;
# mentions of that part in free text are still replaced, erring on the side of privacy.
_OWN_NAME_FIELDS = frozenset({"real_name", "pseudonym"})


def _cleaned(record: m.Record, scrub: Callable[[str, str], str]) -> dict | None:
    """``record``'s fields with the names replaced (``scrub(text, field)``), or None when it
    does not name them."""
    if isinstance(record, m.SharedFile):
        return None  # where a file was written, not text about anyone: listed, never rewritten
    data = record.model_dump()
    keep = _OWN_NAME_FIELDS if isinstance(record, m.Member) else set()
    cleaned = {
        k: (v if k in keep else scrub_data(v, lambda text, k=k: scrub(text, k), k))
        for k, v in data.items()
    }
    return cleaned if cleaned != data else None


def _group_of(record: m.Record, session_groups: dict[str, str]) -> str | None:
    """The group a record belongs to (through its session for attendance, turns, ratings)."""
    if isinstance(record, m.Group):
        return record.id
    group_id = getattr(record, "group_id", None)
    if group_id is None and getattr(record, "session_id", None):
        return session_groups.get(record.session_id)
    return group_id


def person_scrubber(
    member: m.Member, code: str, also: Iterable[str] = (), staff: Iterable[str] = ()
) -> NameScrubber:
    """The matcher for every way of writing the member's names (and ``also``), all -> ``code``;
    ``staff`` (the workers' names) are never touched."""
    names = [member.real_name, member.pseudonym, *(a for a in also if a.strip())]
    return NameScrubber([(names, code)], shared=code, protect=staff)


def _staff(store) -> list[str]:
    """Every worker named in the store: facilitators and heads of unit who endorsed."""
    found: list[str] = []
    for group in store.groups():
        found += group.facilitators
        found += [e.name for e in store.endorsements(group.id)]
    return found


class _Eraser:
    """Replaces the person's names in one record at a time: the certain uses, in every group
    (noting the undecided ones in ``left_as_written``)."""

    def __init__(self, store, member: m.Member, code: str, also: Iterable[str]) -> None:
        also = list(also)
        self.group_id = member.group_id
        # A link to the person keeps its id (it is shared as the code) but not the name.
        self.relabel = {member.id: code}
        self.session_groups = {s.id: g.id for g in store.groups() for s in store.sessions(g.id)}
        from groupwork.privacy.naming import decider

        self.scrubber = person_scrubber(member, code, also, _staff(store))
        # A person's decisions count here too: an occurrence decided to be her is replaced.
        self.decide = decider(d for g in store.groups() for d in store.name_decisions(g.id))
        self.left_as_written: list[Mention] = []

    def group_of(self, record: m.Record) -> str | None:
        """The group ``record`` belongs to."""
        return _group_of(record, self.session_groups)

    def cleaned(self, record: m.Record) -> dict | None:
        """The record's fields with the names replaced, or None when it does not name them."""

        def scrub(text: str, field_name: str) -> str:
            cleaned, spots = self.scrubber.scrub_with_spots(
                links.relabel(text, self.relabel), self.decide(record.id, field_name)
            )
            self.left_as_written.extend(
                Mention(
                    self.group_of(record), type(record).__name__, record.id, field_name, s.context
                )
                for s in spots
            )
            return cleaned

        return _cleaned(record, scrub)


def _walk(
    eraser: _Eraser,
    records: Iterable[m.Record],
    member: m.Member,
    write: Callable[[m.Record], object] | None = None,
) -> list[Mention]:
    """Pass ``records`` through ``eraser`` (writing each changed one with ``write``, if given);
    the text fields it changes, but in the member's own record and their consents and
    assessments (emptied anyway). One pass: every record of every group is read once."""
    found = []
    for record in records:
        cleaned = eraser.cleaned(record)
        if cleaned is None:
            continue
        if write is not None:
            write(type(record).model_validate(cleaned))
        if record.id == member.id or getattr(record, "member_id", None) == member.id:
            continue
        data = record.model_dump()
        where = (eraser.group_of(record), type(record).__name__, record.id)
        found += [Mention(*where, name) for name in data if cleaned[name] != data[name]]
    return found


def survey(store, member: m.Member, also: Iterable[str] = ()) -> Survey:
    """Where ``member`` is named in every text field of every stored record, in every group:
    what an erasure would replace, and what it would leave as written. Nothing is changed."""
    eraser = _Eraser(store, member, "ANON", also)
    return Survey(_walk(eraser, store.every_record(), member), eraser.left_as_written)


def find_mentions(store, member: m.Member, also: Iterable[str] = ()) -> list[Mention]:
    """The text fields an erasure of ``member`` would change (``survey(...).mentions``)."""
    return survey(store, member, also).mentions


def namesakes(store, member: m.Member, also: Iterable[str] = ()) -> list[m.Member]:
    """Members of other groups with one of the member's full names: perhaps the same person."""

    def key(name: str) -> str:
        return " ".join(normalise(name).split()).casefold()

    wanted = {key(n) for n in (member.real_name, *also) if n.strip()}
    return [
        other
        for other in store.every_record()
        if isinstance(other, m.Member)
        and other.id != member.id
        and not other.erased
        and key(other.real_name) in wanted
    ]


def _new_code(store, group_id: str) -> str:
    taken = {mem.pseudonym for mem in store.members(group_id)}
    while True:
        code = f"ANON-{secrets.token_hex(3).upper()}"
        if code not in taken:
            return code


def erase_member(
    store, member_id: str, also: Iterable[str] = (), code: str | None = None
) -> ErasureResult:
    """Erase a member's personal data for good (see the module docstring).

    ``also``: other spellings of the person's name (a nickname, a Latin spelling) to replace
    too. ``code``: the anonymous code to use, when the member was already erased elsewhere
    (push and pull carry an erasure to the other side with the same code). Raises
    ``NotFoundError`` for an unknown member and ``GroupworkError`` for one already erased. All changes land in one transaction; the audit log gets an "erase" entry without
    any of the erased data.
    """
    if getattr(store, "views_only", False):  # a coordinator login (store/postgres/agency.py)
        raise NotYoursError(
            _(
                "Only the group's facilitator or the agency's administrator may erase a "
                "member; a coordinator may change a task's status, nothing else. Nothing was "
                "changed."
            )
        )
    member = store.get(m.Member, member_id)
    if member.erased:
        raise GroupworkError(_("This member's data was already erased."))
    also = list(also)
    group_id = member.group_id
    code = code or _new_code(store, group_id)
    eraser = _Eraser(store, member, code, also)
    with store.transaction():
        # An unsaved form of this group may hold the name being erased.
        store.drafts.clear_group(group_id)
        for consent in store.consents(member_id):
            store.delete(m.Consent, consent.id)
        for assessment in store.member_assessments(member_id):
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
        # Every record of every group: the person may be named far from their own group.
        mentions = _walk(eraser, list(store.every_record()), member, store.save)
        store.record_erasure(member_id, group_id)
    outcome = store.purge_freed_bytes()
    return ErasureResult(
        code=code,
        fully_purged=outcome == PurgeOutcome.PURGED,
        disk_full=outcome == PurgeOutcome.DISK_FULL,
        mentions=mentions,
        left_as_written=eraser.left_as_written,
        log_lines=clean_error_log(member, code, also),
    )


def clean_error_log(member: m.Member, code: str, also: Iterable[str] = ()) -> int:
    """Replace the person's names in ``errors.log`` (a traceback may quote what was being
    saved) by ``code``, every use, as in her own group; returns how many lines changed. The
    log is rewritten owner-only, whole or not at all."""
    from groupwork import paths
    from groupwork.files import write_atomically

    log = paths.errors_log()
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 0
    from groupwork.privacy.positions import Answer

    scrubber = person_scrubber(member, code, also)
    lines = text.split("\n")

    def every_use(*_occurrence) -> Answer:
        # The log is never shared: an undecided use goes too (a common word lost there costs
        # nothing; her name kept there would outlive the erasure).
        return Answer.NAME

    cleaned = [
        scrubber.scrub_with_spots(links.relabel(line, {member.id: code}), every_use)[0]
        for line in lines
    ]
    changed = sum(a != b for a, b in zip(lines, cleaned, strict=True))
    if changed:
        write_atomically(log, "\n".join(cleaned), private=True)
    return changed


def after_erasure_backup(store) -> tuple[list, str | None]:
    """Back up the erased state at once (the newest backup must not hold the person).

    Returns the older backups that still hold the person (``BackupInfo``, newest first) and
    what went wrong with the new backup, if anything: that is not an erasure failure, and the
    older backups are returned either way so the person is told about them.
    """
    from datetime import UTC, datetime

    from groupwork.errors import StorageError
    from groupwork.safety.backup import backup_database, list_backups

    if store.path is None:
        return [], None
    started = datetime.now(UTC)
    problem = None
    try:
        backup_database(store, "after-erasure")
    except StorageError as exc:
        problem = str(exc)
    return [b for b in list_backups(store.path) if b.taken_at < started], problem
