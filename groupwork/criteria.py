"""Completion criteria: the generic, parameterised checks that stage guides name.

A guide's ``[[criteria]]`` entry names a check from ``CHECKS`` and gives its parameters;
``CheckContext`` reads what the check needs from the store once. Adding a kind of criterion is
one ``@check`` function here; changing what a stage needs is an edit to its guide in
``sessions/``. Each check returns whether it is met and a detail in the current language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from groupwork import models as m
from groupwork.criteria_params import (  # noqa: F401 (re-exported: guides and tests name them here)
    _GROUP_TABLES,
    RECORD_LABELS,
    AssessedParams,
    ConsentParams,
    DecisionsParams,
    FieldsParams,
    HandoverParams,
    HeldSessionsParams,
    HorizonsParams,
    LeadershipParams,
    MinParams,
    NarrativeParams,
    NoParams,
    RecordsParams,
    SituationsParams,
    _Params,
)
from groupwork.i18n import _
from groupwork.labels import caption, field_label

# --- the check registry --------------------------------------------------------------


class CheckContext:
    """What the checks read, loaded once per ``check_stage`` call."""

    def __init__(self, store, group: m.Group, stage: int) -> None:
        self.store = store
        self.group = group
        self.stage = stage
        self._records: dict[type, list] = {}

    def for_stage(self, stage: int) -> CheckContext:
        """The same group's context for ``stage``, sharing what this one has read (members,
        sessions, consents, every stage's progress, records): checking all twelve stages
        (the dashboard's rail) reads each once, not twelve times."""
        other = CheckContext(self.store, self.group, stage)
        shared = ("members", "selected", "held_sessions", "consents", "all_progress")
        other.__dict__.update({k: v for k, v in self.__dict__.items() if k in shared})
        other._records = self._records
        return other

    @cached_property
    def members(self) -> list[m.Member]:
        """The group's members, leaving out erased ones."""
        return [x for x in self.store.members(self.group.id) if not x.erased]

    @cached_property
    def selected(self) -> list[m.Member]:
        """The members selected into the group (the ones it works with)."""
        return [x for x in self.members if x.is_selected]

    @cached_property
    def held_sessions(self) -> list[m.Session]:
        """The group's sessions that were held (not planned or cancelled)."""
        return [s for s in self.store.sessions(self.group.id) if s.status == m.SessionStatus.HELD]

    @cached_property
    def all_progress(self) -> dict[int, m.StageProgress]:
        """The group's record of every stage."""
        return self.store.stage_progress(self.group.id)

    @property
    def progress(self) -> m.StageProgress:
        """The group's record of the stage being checked."""
        return self.all_progress[self.stage]

    @cached_property
    def consents(self) -> dict[str, m.Consent]:
        """Each member's consent in force (the latest of hers), read for the group at once."""
        return {c.member_id: c for c in self.store.group_consents(self.group.id)}

    def records(self, model: type[m.GroupRecord]) -> list:
        """Every record of ``model`` that belongs to the group (read once per context)."""
        if model not in self._records:
            self._records[model] = self.store.of_group(model, self.group.id)
        return self._records[model]


CheckFn = Callable[[CheckContext, Any], tuple[bool, str]]


@dataclass(frozen=True)
class Check:
    """A generic, parameterised test of a group's records."""

    name: str
    fn: CheckFn
    params: type[_Params]


CHECKS: dict[str, Check] = {}
"""Every check a guide's criterion may name."""


def check(name: str, params: type[_Params] = NoParams) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` as the check called ``name`` in guides."""

    def register(fn: CheckFn) -> CheckFn:
        CHECKS[name] = Check(name, fn, params)
        return fn

    return register


def _count_of(label: str, missing: int, total: int) -> str:
    return _("{label}: {missing} of {total}").format(label=label, missing=missing, total=total)


@check("group_fields_filled", FieldsParams)
def _group_fields_filled(ctx: CheckContext, p: FieldsParams) -> tuple[bool, str]:
    def filled(value: Any) -> bool:
        if isinstance(value, str):
            return bool(value.strip())
        if isinstance(value, list):
            return any(str(v).strip() for v in value)
        return value is not None

    empty = [f for f in p.fields if not filled(getattr(ctx.group, f))]
    if empty:
        return False, _("Not yet filled in: {fields}").format(
            fields=", ".join(field_label(m.Group, f) for f in empty)
        )
    return True, _("Filled in: {fields}").format(
        fields=", ".join(field_label(m.Group, f) for f in p.fields)
    )


@check("min_selected_members", MinParams)
def _min_selected_members(ctx: CheckContext, p: MinParams) -> tuple[bool, str]:
    n = len(ctx.selected)
    return n >= p.min, _("Selected members: {n} (at least {min} needed)").format(n=n, min=p.min)


@check("decisions_have_reasons", DecisionsParams)
def _decisions_have_reasons(ctx: CheckContext, p: DecisionsParams) -> tuple[bool, str]:
    decided = [x for x in ctx.members if x.decision in p.decisions]
    if not decided:
        return False, _("No selection decisions recorded yet")
    missing = [x for x in decided if not x.decision_reason.strip()]
    if missing:
        return False, _count_of(_("Decisions without a reason"), len(missing), len(decided)) + (
            " (" + ", ".join(x.pseudonym for x in missing[:5]) + ")"
        )
    return True, _("Every decision has a reason ({n})").format(n=len(decided))


@check("selected_members_have_consent", ConsentParams)
def _selected_members_have_consent(ctx: CheckContext, p: ConsentParams) -> tuple[bool, str]:
    if not ctx.selected:
        return False, _("No members selected yet")
    missing = []
    for member in ctx.selected:
        consent = ctx.consents.get(member.id)
        if consent is None or not consent.covers(p.scope):
            missing.append(member)
    if missing:
        label = _("Selected members without consent in force ({scope})").format(
            scope=caption(p.scope)
        )
        return False, _count_of(label, len(missing), len(ctx.selected))
    return True, _("Every selected member has consent in force ({scope})").format(
        scope=caption(p.scope)
    )


@check("orientation_given")
def _orientation_given(ctx: CheckContext, p: NoParams) -> tuple[bool, str]:
    if not ctx.selected:
        return False, _("No members selected yet")
    missing = [x for x in ctx.selected if not x.orientation_given]
    if missing:
        return False, _count_of(
            _("Selected members not yet oriented"), len(missing), len(ctx.selected)
        )
    return True, _("Every selected member was oriented")


@check("stage_narrative", NarrativeParams)
def _stage_narrative(ctx: CheckContext, p: NarrativeParams) -> tuple[bool, str]:
    n = len(ctx.progress.narrative.strip())
    if n == 0:
        return False, _("No narrative written for this stage yet")
    return n >= p.min_chars, _("Narrative: {n} characters (at least {min} needed)").format(
        n=n, min=p.min_chars
    )


@check("min_held_sessions", HeldSessionsParams)
def _min_held_sessions(ctx: CheckContext, p: HeldSessionsParams) -> tuple[bool, str]:
    sessions = ctx.held_sessions
    if p.for_stage:
        sessions = [s for s in sessions if ctx.stage in s.stages]
        text = _("Held sessions that worked on this stage: {n} (at least {min} needed)")
    else:
        text = _("Held sessions: {n} (at least {min} needed)")
    return len(sessions) >= p.min, text.format(n=len(sessions), min=p.min)


@check("min_agreed_rules", MinParams)
def _min_agreed_rules(ctx: CheckContext, p: MinParams) -> tuple[bool, str]:
    n = sum(1 for rule in ctx.records(m.GroundRule) if rule.is_in_force)
    return n >= p.min, _("Ground rules in force: {n} (at least {min} needed)").format(
        n=n, min=p.min
    )


@check("rules_have_proposer")
def _rules_have_proposer(ctx: CheckContext, p: NoParams) -> tuple[bool, str]:
    rules = [r for r in ctx.records(m.GroundRule) if r.is_in_force]
    if not rules:
        return False, _("No ground rules agreed yet")
    missing = [r for r in rules if not r.proposed_by.strip() and not r.proposed_by_member_id]
    if missing:
        return False, _count_of(
            _("Rules with no record of who proposed them"), len(missing), len(rules)
        )
    return True, _("Every rule records who proposed it")


@check("every_selected_member_assessed", AssessedParams)
def _every_selected_member_assessed(ctx: CheckContext, p: AssessedParams) -> tuple[bool, str]:
    if not ctx.selected:
        return False, _("No members selected yet")
    assessed = {a.member_id for a in ctx.records(m.Assessment) if a.kind == p.kind}
    missing = [x for x in ctx.selected if x.id not in assessed]
    if missing:
        label = _("Selected members without an assessment ({kind})").format(kind=caption(p.kind))
        return False, _count_of(label, len(missing), len(ctx.selected))
    return True, _("Every selected member has an assessment ({kind})").format(kind=caption(p.kind))


@check("min_records", RecordsParams)
def _min_records(ctx: CheckContext, p: RecordsParams) -> tuple[bool, str]:
    model = _GROUP_TABLES[p.record]
    records = ctx.records(model)
    if p.kind is not None:
        records = [r for r in records if getattr(r, "kind", None) == p.kind]
    label = _(RECORD_LABELS.get(p.record, p.record))
    if p.kind is not None:
        label = f"{label} ({caption(p.kind)})"
    return len(records) >= p.min, _("{label}: {n} (at least {min} needed)").format(
        label=label, n=len(records), min=p.min
    )


@check("group_goals_prioritised")
def _group_goals_prioritised(ctx: CheckContext, p: NoParams) -> tuple[bool, str]:
    goals = [
        g
        for g in ctx.records(m.Goal)
        if g.is_group_goal and g.status not in (m.GoalStatus.DROPPED, m.GoalStatus.REVISED)
    ]
    if not goals:
        return False, _("No shared group goals yet")
    priorities = [g.priority for g in goals]
    shared = sorted({x for x in priorities if priorities.count(x) > 1})
    if shared:
        return False, _("Group goals share a priority: {priorities}").format(
            priorities=", ".join(str(x) for x in shared)
        )
    return True, _("Group goals ranked: {n}").format(n=len(goals))


@check("goal_horizons_covered", HorizonsParams)
def _goal_horizons_covered(ctx: CheckContext, p: HorizonsParams) -> tuple[bool, str]:
    present = {
        g.horizon
        for g in ctx.records(m.Goal)
        if g.is_group_goal and g.status not in (m.GoalStatus.DROPPED, m.GoalStatus.REVISED)
    }
    missing = [h for h in p.horizons if h not in present]
    if missing:
        return False, _("No group goal yet for: {horizons}").format(
            horizons=", ".join(caption(h) for h in missing)
        )
    return True, _("Group goals cover: {horizons}").format(
        horizons=", ".join(caption(h) for h in p.horizons)
    )


@check("sessions_with_dialogue", MinParams)
def _sessions_with_dialogue(ctx: CheckContext, p: MinParams) -> tuple[bool, str]:
    # A dialogue is on record when a question was posed and something came back from it.
    n = sum(
        1 for s in ctx.held_sessions if s.questions and (s.themes or s.feelings or s.society_links)
    )
    return n >= p.min, _(
        "Sessions with questions and recorded responses: {n} (at least {min} needed)"
    ).format(n=n, min=p.min)


@check("sessions_with_society_links", MinParams)
def _sessions_with_society_links(ctx: CheckContext, p: MinParams) -> tuple[bool, str]:
    n = sum(1 for s in ctx.held_sessions if s.society_links)
    return n >= p.min, _(
        "Sessions that linked personal problems to society: {n} (at least {min} needed)"
    ).format(n=n, min=p.min)


@check("tasks_assigned", MinParams)
def _tasks_assigned(ctx: CheckContext, p: MinParams) -> tuple[bool, str]:
    # "Who, what, by when": a task counts when a member took it on and it has a due date.
    tasks = [t for t in ctx.records(m.Task) if t.status != m.TaskStatus.DROPPED]
    n = sum(
        1 for t in tasks if t.due_on is not None and any(a != m.FACILITATOR for a in t.assignee_ids)
    )
    return n >= p.min, _(
        "Tasks taken on by members with a due date: {n} (at least {min} needed)"
    ).format(n=n, min=p.min)


@check("min_reviews", MinParams)
def _min_reviews(ctx: CheckContext, p: MinParams) -> tuple[bool, str]:
    n = len(ctx.records(m.Review))
    return n >= p.min, _("Joint reviews: {n} (at least {min} needed)").format(n=n, min=p.min)


@check("reviews_cover_goals")
def _reviews_cover_goals(ctx: CheckContext, p: NoParams) -> tuple[bool, str]:
    reviews = sorted(ctx.records(m.Review), key=lambda r: r.held_on)
    goals = [g for g in ctx.records(m.Goal) if g.is_group_goal and g.status == m.GoalStatus.ACTIVE]
    if not reviews:
        return False, _("No joint review yet")
    if not goals:
        return False, _("No active group goals to review")
    covered = {note.goal_id for note in reviews[-1].goal_progress}
    missing = [g for g in goals if g.id not in covered]
    if missing:
        return False, _count_of(
            _("Active group goals not covered by the latest review"), len(missing), len(goals)
        )
    return True, _("The latest review covers every active group goal")


@check("review_lessons_recorded")
def _review_lessons_recorded(ctx: CheckContext, p: NoParams) -> tuple[bool, str]:
    reviews = ctx.records(m.Review)
    if not reviews:
        return False, _("No joint review yet")
    if any(r.successes.strip() and r.weaknesses.strip() for r in reviews):
        return True, _("Successes and weaknesses are recorded")
    return False, _("No review records both successes and weaknesses yet")


@check("new_situations_analysed", SituationsParams)
def _new_situations_analysed(ctx: CheckContext, p: SituationsParams) -> tuple[bool, str]:
    situations = ctx.records(m.NewSituation)
    if not situations:
        return False, _("No new situations recorded yet")

    def done(s: m.NewSituation) -> bool:
        return bool(s.joint_analysis.strip()) and (
            not p.with_plan_changes or bool(s.plan_changes.strip())
        )

    missing = [s for s in situations if not done(s)]
    if missing:
        label = (
            _("New situations without a joint analysis and plan changes")
            if p.with_plan_changes
            else _("New situations without a joint analysis")
        )
        return False, _count_of(label, len(missing), len(situations))
    return True, _("Every new situation was analysed together ({n})").format(n=len(situations))


@check("handover_steps", HandoverParams)
def _handover_steps(ctx: CheckContext, p: HandoverParams) -> tuple[bool, str]:
    steps = ctx.records(m.HandoverStep)
    if p.roles:
        steps = [s for s in steps if s.facilitator_role in p.roles]
        text = _("Handover steps where the facilitator was {roles}: {n} (at least {min} needed)")
    else:
        text = _("Handover steps: {n} (at least {min} needed)")
    return len(steps) >= p.min, text.format(
        roles=" / ".join(caption(r) for r in p.roles), n=len(steps), min=p.min
    )


@check("member_leadership_role", LeadershipParams)
def _member_leadership_role(ctx: CheckContext, p: LeadershipParams) -> tuple[bool, str]:
    leaders = [x for x in ctx.selected if x.role in p.roles]
    roles = " / ".join(caption(r) for r in p.roles)
    if leaders:
        return True, _("Members in a leading role ({roles}): {names}").format(
            roles=roles, names=", ".join(x.pseudonym for x in leaders)
        )
    return False, _("No selected member has a leading role yet ({roles})").format(roles=roles)
