"""Settling the conflicts a push or pull found: a person chooses, record by record, which
side's version stands (``groupwork conflicts settle ID --keep mine|theirs``).

Both versions were kept on the laptop when the conflict was found, so this works offline.
Settling changes the laptop and the base only; the next push (for "mine") or nothing more
(for "theirs") brings both sides to agree:

- **theirs**: the laptop takes the server's version (or erases the record, when the server
  erased it) and the base becomes that version: laptop and server are in step.
- **mine**: the laptop keeps its version and the base becomes the server's version as it was
  seen: the next push sees a change made on the laptop only and sends it. Should the server
  have changed the record again meanwhile, that push finds a new conflict, as it must.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from groupwork.errors import GroupworkError
from groupwork.i18n import _
from groupwork.operations.sync import _hash
from groupwork.store.converters import TABLES
from groupwork.store.sync_state import drop_conflict, kept_conflict, kept_conflicts, set_base

_MODELS = {table: cls for cls, table in TABLES.items()}


def record_kind(table: str) -> str:
    """A table's records, named in the person's language ("member", "session", ...)."""
    kinds = {
        "groups": _("group"),
        "members": _("member"),
        "consents": _("consent"),
        "stage_progress": _("stage record"),
        "ground_rules": _("ground rule"),
        "assessments": _("assessment"),
        "group_issues": _("group issue"),
        "goals": _("goal"),
        "tasks": _("task"),
        "sessions": _("session"),
        "attendance": _("attendance"),
        "participation_events": _("recorded turn"),
        "group_marks": _("group moment"),
        "rating_scales": _("rating scale"),
        "ratings": _("rating"),
        "reviews": _("review"),
        "new_situations": _("new situation"),
        "handover_steps": _("handover step"),
        "endorsements": _("endorsement"),
        "closure_reflections": _("closing reflection"),
        "other_name_decisions": _("name decision"),
        "people_around": _("person around the group"),
        "shared_files": _("shared file"),
    }
    return kinds.get(table, table)


@dataclass(frozen=True)
class FieldDifference:
    """One field of a conflicting record: the laptop's value and the server's."""

    name: str
    mine: object
    theirs: object


@dataclass(frozen=True)
class KeptConflict:
    """A conflict kept on the laptop until a person settles it."""

    id: str
    group_id: str
    table: str
    record_id: str
    fields: list[FieldDifference]
    found_at: datetime
    erased_here: bool
    erased_there: bool

    @property
    def kind(self) -> str:
        """The record's kind in the person's language."""
        return record_kind(self.table)


def _conflict(row: dict) -> KeptConflict:
    mine = json.loads(row["mine"]) if row["mine"] else None
    theirs = json.loads(row["theirs"]) if row["theirs"] else None
    # Erased on one side: the whole record is the difference, no field to list.
    names = json.loads(row["fields"]) if mine is not None and theirs is not None else []
    differences = [FieldDifference(n, mine[n], theirs.get(n)) for n in names]
    return KeptConflict(
        id=row["id"],
        group_id=row["group_id"],
        table=row["table_name"],
        record_id=row["record_id"],
        fields=differences,
        found_at=datetime.fromisoformat(row["found_at"]),
        erased_here=mine is None,
        erased_there=theirs is None,
    )


def conflicts(laptop, group_id: str | None = None) -> list[KeptConflict]:
    """The conflicts kept on this laptop (of one group, or every group), oldest first."""
    return [_conflict(row) for row in kept_conflicts(laptop, group_id)]


def settle(laptop, conflict_ref: str, keep: str) -> KeptConflict:
    """Settle one kept conflict by keeping ``"mine"`` (the laptop's version) or ``"theirs"``
    (the server's). Changes the laptop's record and base in one step each; returns what was
    settled."""
    if keep not in ("mine", "theirs"):
        raise GroupworkError(_("Keep mine or theirs, not {keep}.").format(keep=keep))
    row = kept_conflict(laptop, conflict_ref)
    if row is None:
        raise GroupworkError(
            _(
                "No conflict {id} on this laptop: groupwork conflicts GROUP lists them. "
                "Nothing was changed."
            ).format(id=conflict_ref)
        )
    cls = _MODELS[row["table_name"]]
    theirs = cls.model_validate_json(row["theirs"]) if row["theirs"] else None
    mine = cls.model_validate_json(row["mine"]) if row["mine"] else None
    kept = theirs if keep == "theirs" else mine
    if any(getattr(r, "erased", False) for r in (mine, theirs)) and not getattr(
        kept, "erased", False
    ):
        # A conflict kept before erasures won at once: keeping the version that still names
        # her would bring an erased person back.
        raise GroupworkError(
            _(
                "This member was erased on one side: an erasure cannot be undone. The next "
                "push or pull erases her on the other side too. Nothing was changed."
            )
        )
    key = (row["table_name"], row["record_id"])
    with laptop.transaction():
        if keep == "theirs":
            if theirs is not None:
                laptop.save(theirs)
            elif row["mine"] is not None:
                laptop.delete(cls, row["record_id"])
        set_base(laptop, row["remote"], row["group_id"], key, _hash(theirs) if theirs else None)
        drop_conflict(laptop, row["id"])
    return _conflict(row)
