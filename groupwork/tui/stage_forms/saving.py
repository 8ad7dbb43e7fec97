"""How the records of a stage's forms are stored: through the domain operations where the
record has rules of its own (a revised rule keeps its wording, a task marked done gets its date,
a review updates its goals and appoints its coordinator in one transaction)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from groupwork import models as m
from groupwork.errors import InvalidInputError
from groupwork.i18n import _
from groupwork.models import DROP_REASON_NEEDED
from groupwork.tui.stage_forms.section import SectionContext


def save_rule(old: BaseModel | None, new: BaseModel, ctx: SectionContext) -> BaseModel:
    """A rule from the form; new wording of an agreed rule keeps the earlier one."""
    from groupwork.operations import rules

    assert isinstance(new, m.GroundRule)
    return rules.save_rule(
        ctx.store, old if isinstance(old, m.GroundRule) else None, new, date.today()
    )


def save_member(old: BaseModel | None, new: BaseModel, ctx: SectionContext) -> BaseModel:
    """A member from the form; a decision that needs a reason is refused without one."""
    from groupwork.operations import members

    assert isinstance(new, m.Member)
    return members.save_member(ctx.store, new, date.today())


def save_task(old: BaseModel | None, new: BaseModel, ctx: SectionContext) -> BaseModel:
    """A task from the form; its done date follows its status."""
    from groupwork.operations import tasks

    assert isinstance(new, m.Task)
    return tasks.save_task(ctx.store, old if isinstance(old, m.Task) else None, new, date.today())


def goal_from_form(values: dict[str, Any], ctx: SectionContext) -> dict[str, Any]:
    """Keep the revision's reason aside: it is no field of the goal."""
    ctx.typed["revision_reason"] = values.pop("revision_reason", "") or ""
    return values


def goal_revision(old: BaseModel | None, new: BaseModel, ctx: SectionContext) -> BaseModel:
    """Changing a goal's title or description keeps the earlier wording with the reason."""
    assert isinstance(new, m.Goal)
    if isinstance(old, m.Goal):
        return old.revised(new, date.today(), ctx.typed.get("revision_reason", ""))
    return new


def task_drop_reason(old: BaseModel | None, new: BaseModel, ctx: SectionContext) -> BaseModel:
    """A task that becomes dropped needs the reason the group dropped it."""
    assert isinstance(new, m.Task)
    if new.drop_reason_missing(old if isinstance(old, m.Task) else None):
        raise InvalidInputError([_(DROP_REASON_NEEDED)])
    return new


def save_review(old: BaseModel | None, new: BaseModel, ctx: SectionContext) -> BaseModel:
    """A review, its goals' progress and its member coordinator, in one transaction."""
    from groupwork.operations.reviews import record_review

    assert isinstance(new, m.Review)
    return record_review(ctx.store, new)


def save_dialogue(old: BaseModel | None, new: BaseModel, ctx: SectionContext) -> BaseModel:
    """Stage 7's form: a new session numbered by date with the others, or only the dialogue
    of an existing one."""
    from groupwork.operations import sessions

    assert isinstance(new, m.Session)
    dialogue = {name: getattr(new, name) for name in sessions.DIALOGUE_FIELDS}
    if isinstance(old, m.Session):
        return sessions.save_dialogue(ctx.store, old.id, **dialogue)
    return sessions.add_dialogue_session(
        ctx.store, ctx.group_id, new.held_on, new.status, **dialogue
    )
