"""The workspace's actions beside add and edit: revise or retire a rule, withdraw a member,
appoint a member to a role. Each is a small form whose save is a domain operation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated

from pydantic import BaseModel, StringConstraints

from groupwork import models as m
from groupwork.i18n import N_, _
from groupwork.tui.formatting import show_date
from groupwork.tui.stage_forms.forms import draft_key, push_form
from groupwork.tui.stage_forms.section import SectionContext
from groupwork.tui.widgets.model_form import FieldSpec

Wording = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class RuleRevisionForm(BaseModel):
    """What the revise-rule dialog asks."""

    text: Wording
    revised_on: date
    reason: str = ""


class RuleRetirementForm(BaseModel):
    """What the retire-rule dialog asks."""

    retired_on: date
    retired_reason: str = ""


class WithdrawalForm(BaseModel):
    """What the withdraw-member dialog asks."""

    left_on: date
    decision_reason: Wording


class AppointmentForm(BaseModel):
    """What the appoint-role dialog asks."""

    member_id: str
    role: m.MemberRole


def _open(
    screen,
    key: str,
    title: Callable[[], str],
    model: type[BaseModel],
    specs: list[FieldSpec],
    values: dict,
    save: Callable[[BaseModel], BaseModel],
    on_saved: Callable[[], None],
    intro: str = "",
) -> None:
    from groupwork.tui.screens.record_form import RecordFormScreen

    form = RecordFormScreen(
        title(),
        model,
        specs,
        {},
        save,
        title,
        values,
        draft_key=key,
        group_id=screen.group_id,
        intro=intro,
    )
    push_form(screen, form, on_saved)


def _earlier_wordings(rule: m.GroundRule) -> str:
    """The rule's history as the dialog shows it: agreed, then each earlier wording."""
    lines = [_("Agreed on {day}.").format(day=show_date(rule.agreed_on))]
    for revision in rule.revisions:
        lines.append(
            _("Until {day}: “{text}”").format(
                day=show_date(revision.revised_on), text=revision.previous_text
            )
        )
    return "\n".join(lines)


def revise_rule(screen, rule: m.GroundRule, on_saved: Callable[[], None]) -> None:
    """The group changes an agreed rule's wording; the dialog shows the earlier ones."""
    from groupwork.operations.rules import revise_rule as revise

    store = screen.app.store

    def save(form: BaseModel) -> BaseModel:
        assert isinstance(form, RuleRevisionForm)
        return revise(store, rule.id, form.text, form.revised_on, form.reason)

    _open(
        screen,
        draft_key(screen.group_id, "revise-rule", rule.id),
        lambda: _("Revise ground rule"),
        RuleRevisionForm,
        [
            FieldSpec("text", "long", label=N_("New wording")),
            FieldSpec("revised_on", "date"),
            FieldSpec("reason", label=N_("Why the group changed it")),
        ],
        {"text": rule.text, "revised_on": date.today()},
        save,
        on_saved,
        _earlier_wordings(rule),
    )


def retire_rule(screen, rule: m.GroundRule, on_saved: Callable[[], None]) -> None:
    """The group stops using an agreed rule, from a day on or after it was agreed."""
    from groupwork.operations.rules import retire_rule as retire

    store = screen.app.store

    def save(form: BaseModel) -> BaseModel:
        assert isinstance(form, RuleRetirementForm)
        return retire(store, rule.id, form.retired_on, form.retired_reason)

    _open(
        screen,
        draft_key(screen.group_id, "retire-rule", rule.id),
        lambda: _("Retire ground rule"),
        RuleRetirementForm,
        [FieldSpec("retired_on", "date"), FieldSpec("retired_reason", "long")],
        {"retired_on": date.today()},
        save,
        on_saved,
        f"“{rule.text}”\n" + _earlier_wordings(rule),
    )


def withdraw_member(screen, member: m.Member, on_saved: Callable[[], None]) -> None:
    """A member leaves the group: the day and the reason (they stay in the record)."""
    from groupwork.operations.members import withdraw_member as withdraw

    store = screen.app.store

    def save(form: BaseModel) -> BaseModel:
        assert isinstance(form, WithdrawalForm)
        return withdraw(store, member.id, form.left_on, form.decision_reason)

    _open(
        screen,
        draft_key(screen.group_id, "withdraw", member.id),
        lambda: _("Withdrawal of {member}").format(member=member.pseudonym),
        WithdrawalForm,
        [
            FieldSpec("left_on", "date"),
            FieldSpec("decision_reason", "long", label=N_("Why the member left")),
        ],
        {"left_on": date.today()},
        save,
        on_saved,
    )


def appoint_role(screen, on_saved: Callable[[], None]) -> None:
    """Appoint a current member as member coordinator or member leader (or back to member)."""
    from groupwork.operations.roles import appoint

    store = screen.app.store
    ctx = SectionContext(store, screen.group_id)

    def roles() -> list[tuple[str, str]]:
        return [(m.caption(r), r.value) for r in m.MemberRole]

    def save(form: BaseModel) -> BaseModel:
        assert isinstance(form, AppointmentForm)
        return appoint(store, form.member_id, form.role, date.today())

    holders = [x for x in ctx.members.values() if x.role != m.MemberRole.MEMBER and not x.erased]
    now = "\n".join(f"{m.caption(x.role)}: {x.pseudonym}" for x in holders)
    _open(
        screen,
        draft_key(screen.group_id, "appoint", None),
        lambda: _("Appoint a member to a role"),
        AppointmentForm,
        [
            FieldSpec("member_id", "select", ctx.current_member_choices("member_id")),
            FieldSpec("role", "select", roles),
        ],
        {"role": m.MemberRole.MEMBER_COORDINATOR.value},
        save,
        on_saved,
        now or _("No member holds a role yet."),
    )
