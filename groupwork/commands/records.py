"""``groupwork task status``, ``member withdraw|role``, ``rule revise|correct|retire``.

What a coordinator or facilitator changes from the command line in a group's records. Each
command finds the record, then calls the operation the TUI calls (``groupwork.operations``), so
the same rules hold: a done task gets its done date, a withdrawal keeps the member with the
reason, a revised rule keeps its earlier wording, a single-holder role moves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

import click

from groupwork.commands.context import AppContext, group_argument, handle_errors, pass_app
from groupwork.commands.types import Day
from groupwork.errors import NotFoundError
from groupwork.i18n import _

T = TypeVar("T")

TASK_STATUSES = ("open", "in_progress", "done", "dropped")
"""The values of ``models.TaskStatus`` (a test keeps the two equal)."""
MEMBER_ROLES = ("member", "member_coordinator", "member_leader")
"""The values of ``models.MemberRole`` (a test keeps the two equal)."""

_on_option = click.option(
    "--on",
    "on_text",
    type=Day(),
    default=None,
    help=_("The day it happened (default: today), e.g. 2026-12-05 or 5/12/2569."),
)


def dated(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--on DAY`` (default today), the open store, and errors as one line: every command here."""
    return _on_option(pass_app(handle_errors(fn)))


def _day(on: date | None) -> date:
    return on if on is not None else date.today()


def pick(
    records: Sequence[T],
    ref: str,
    words: Callable[[T], str],
    missing: str,
    *,
    numbered: bool = False,
) -> T:
    """The one record whose words are ``ref``, or whose id starts with ``ref`` (4 or more
    characters), or (``numbered``) whose place from 1 in ``records`` is ``ref``.

    ``NotFoundError`` with ``missing`` when none or several match.
    """
    ref = ref.strip()
    if numbered and ref.isdigit() and 1 <= int(ref) <= len(records):
        return records[int(ref) - 1]
    found = [r for r in records if words(r).strip() == ref]
    from groupwork.typed_input import id_prefix

    start = id_prefix(ref)
    found = found or [r for r in records if r.id == ref]  # type: ignore[attr-defined]
    found = found or [r for r in records if start and r.id.startswith(start)]  # type: ignore[attr-defined]
    if len(found) != 1:
        raise NotFoundError(missing.format(ref=ref))
    return found[0]


@click.group("task", help=_("Change a group's tasks."))
def task_group() -> None:
    """The task commands."""


@task_group.command("status", help=_("Move a task to another status (done gets its date)."))
@group_argument
@click.argument("task_ref", metavar="TASK")  # its title or id
@click.argument("status", type=click.Choice(TASK_STATUSES))
@click.option("--reason", default="", help=_("Why the group dropped the task."))
@dated
def task_status_command(
    app: AppContext, group_ref: str, task_ref: str, status: str, reason: str, on_text: str | None
) -> None:
    from groupwork import models as m
    from groupwork.operations.tasks import move_task

    group = app.store.find_group(group_ref)
    tasks = app.store.tasks(group.id)
    task = pick(tasks, task_ref, lambda t: t.title, _("No task {ref} in this group."))
    moved = move_task(app.store, task.id, m.TaskStatus(status), _day(on_text), reason)
    click.echo(
        _("Task {title}: {status}.").format(title=moved.title, status=m.caption(moved.status))
    )


@click.group("member", help=_("Withdraw a member or give a member a role."))
def member_group() -> None:
    """The member commands."""


def _member(app: AppContext, group_ref: str, member_ref: str):
    return app.store.find_member(app.store.find_group(group_ref).id, member_ref)


@member_group.command("withdraw", help=_("Record that a member left the group, and why."))
@group_argument
@click.argument("member_ref", metavar="MEMBER")
@click.option("--reason", required=True, help=_("Why the member left."))
@dated
def withdraw_command(
    app: AppContext, group_ref: str, member_ref: str, reason: str, on_text: str | None
) -> None:
    from groupwork.operations.members import withdraw_member

    member = _member(app, group_ref, member_ref)
    withdraw_member(app.store, member.id, _day(on_text), reason)
    click.echo(_("{member} withdrew from the group.").format(member=member.pseudonym))


@member_group.command("role", help=_("Give a member a role (member takes a role back)."))
@group_argument
@click.argument("member_ref", metavar="MEMBER")
@click.argument("role", type=click.Choice(MEMBER_ROLES))
@dated
def role_command(
    app: AppContext, group_ref: str, member_ref: str, role: str, on_text: str | None
) -> None:
    from groupwork import models as m
    from groupwork.operations.roles import appoint

    member = _member(app, group_ref, member_ref)
    appointed = appoint(app.store, member.id, m.MemberRole(role), _day(on_text))
    click.echo(
        _("{member}: {role}.").format(member=member.pseudonym, role=m.caption(appointed.role))
    )


@click.group("rule", help=_("Revise, correct or retire a group's ground rule."))
def rule_group() -> None:
    """The ground-rule commands."""


def _rule(app: AppContext, group_ref: str, rule_ref: str):
    group = app.store.find_group(group_ref)
    rules = app.store.ground_rules(group.id, by_agreement=True)
    return pick(
        rules, rule_ref, lambda r: r.text, _("No ground rule {ref} in this group."), numbered=True
    )


@rule_group.command("revise", help=_("Give an agreed rule new wording; the old one is kept."))
@group_argument
@click.argument("rule_ref", metavar="RULE")
@click.argument("text")
@click.option("--reason", default="", help=_("Why the group changed it."))
@dated
def revise_command(
    app: AppContext, group_ref: str, rule_ref: str, text: str, reason: str, on_text: str | None
) -> None:
    from groupwork.operations.rules import revise_rule

    rule = _rule(app, group_ref, rule_ref)
    revised = revise_rule(app.store, rule.id, text, _day(on_text), reason)
    click.echo(_("Rule revised: {text}").format(text=revised.text))


@rule_group.command(
    "correct", help=_("Correct a typo in a rule's wording (no revision is recorded).")
)
@group_argument
@click.argument("rule_ref", metavar="RULE")
@click.argument("text")
@pass_app
@handle_errors
def correct_command(app: AppContext, group_ref: str, rule_ref: str, text: str) -> None:
    from groupwork.operations.rules import correct_rule_wording

    rule = _rule(app, group_ref, rule_ref)
    corrected = correct_rule_wording(app.store, rule.id, text)
    click.echo(_("Rule corrected: {text}").format(text=corrected.text))


@rule_group.command("retire", help=_("Record that the group stopped using a rule."))
@group_argument
@click.argument("rule_ref", metavar="RULE")
@click.option("--reason", default="", help=_("Why the group stopped using it."))
@dated
def retire_command(
    app: AppContext, group_ref: str, rule_ref: str, reason: str, on_text: str | None
) -> None:
    from groupwork.operations.rules import retire_rule

    rule = _rule(app, group_ref, rule_ref)
    retire_rule(app.store, rule.id, _day(on_text), reason)
    click.echo(_("Rule retired: {text}").format(text=rule.text))


COMMANDS = [task_group, member_group, rule_group]
