"""The sections stages keep: members, ground rules, goals, tasks, reviews ... as data.

Each ``Section`` says which records it lists, the columns of its table, the fields of its form
and how a record from the form is stored (a domain operation from ``groupwork.operations``
where the record has rules of its own: a revised rule keeps its wording, a task marked done gets
its date, a review updates its goals in one transaction).
"""

from __future__ import annotations

from typing import Any

from groupwork import models as m
from groupwork.i18n import N_, _
from groupwork.models import caption
from groupwork.operations.sessions import DIALOGUE_FIELDS
from groupwork.tui.formatting import assignee_label, clip, show_date
from groupwork.tui.stage_forms import saving
from groupwork.tui.stage_forms.section import (
    Column,
    Section,
    SectionContext,
    caption_cell,
    date_cell,
    flexible,
    member_cell,
    text_cell,
    today,
)
from groupwork.tui.widgets.model_form import FieldSpec, enum_choices

# --- how records with rules of their own are stored ---------------------------------------


def _review_to_form(values: dict[str, Any], ctx: SectionContext) -> dict[str, Any]:
    progress = {note["goal_id"]: note["progress"] for note in values.get("goal_progress", [])}
    values["goal_progress"] = [
        f"{goal.title} = {progress.get(goal.id, goal.progress)}"
        for goal in ctx.goals
        if goal.status == m.GoalStatus.ACTIVE or goal.id in progress
    ]
    values["obstacles"] = [
        f"{o['obstacle']} -> {o['how_solved']}" if o.get("how_solved") else o["obstacle"]
        for o in values.get("obstacles", [])
    ]
    return values


def _review_from_form(values: dict[str, Any], ctx: SectionContext) -> dict[str, Any]:
    by_title = {goal.title: goal.id for goal in ctx.goals}
    notes = []
    for line in values.get("goal_progress") or []:
        title, _sep, number = line.rpartition("=")
        goal_id = by_title.get(title.strip())
        if goal_id:
            # A non-number stays as typed so pydantic reports it under "Goal progress".
            number = number.strip()
            notes.append({"goal_id": goal_id, "progress": number})
    values["goal_progress"] = notes
    obstacles = []
    for line in values.get("obstacles") or []:
        obstacle, _sep, solved = line.partition("->")
        obstacles.append({"obstacle": obstacle.strip(), "how_solved": solved.strip()})
    values["obstacles"] = obstacles
    return values


@flexible
def _review_progress(record: Any, ctx: SectionContext) -> str:
    titles = {goal.id: goal.title for goal in ctx.goals}
    return ", ".join(
        f"{titles.get(n.goal_id, '?')[:12]} {n.progress}%" for n in record.goal_progress
    )


@flexible
def _assignees(record: Any, ctx: SectionContext) -> str:
    return ", ".join(assignee_label(a, ctx.members) for a in record.assignee_ids) or "—"


def _task_status(record: Any, ctx: SectionContext) -> str:
    if record.status == m.TaskStatus.DONE and record.done_on:
        return _("done {day}").format(day=show_date(record.done_on))
    return m.caption(record.status)


@flexible
def _themes(record: Any, ctx: SectionContext) -> str:
    return clip("; ".join(record.themes), 40)


def _rule_status(record: Any, ctx: SectionContext) -> str:
    if record.retired_on:
        return _("retired {day}").format(day=show_date(record.retired_on))
    if record.revisions:
        return _("revised {day}").format(day=show_date(record.revisions[-1].revised_on))
    if record.agreed_on:
        return _("agreed {day}").format(day=show_date(record.agreed_on))
    return _("proposed")


def _role(record: Any, ctx: SectionContext) -> str:
    return "" if record.role == m.MemberRole.MEMBER else m.caption(record.role)


# --- the sections ------------------------------------------------------------------------

GROUP_PROBLEM = Section(
    "problem",
    N_("Problem and why a group"),
    m.Group,
    lambda ctx: [
        FieldSpec("problem_situation", "long"),
        FieldSpec("rationale", "long"),
        FieldSpec("target_population"),
        FieldSpec("referral_sources", "lines"),
        FieldSpec("purpose", "long"),
    ],
    group_fields=True,
)

GROUP_SELECTION = Section(
    "selection",
    N_("How members are selected"),
    m.Group,
    lambda ctx: [
        FieldSpec("selection_criteria", "long"),
        FieldSpec("formality", "select", enum_choices(m.Formality)),
        FieldSpec("openness", "select", enum_choices(m.Openness)),
        FieldSpec("admission_rules", "long"),
    ],
    group_fields=True,
)

MEMBERS = Section(
    "members",
    N_("Candidates and selection decisions"),
    m.Member,
    lambda ctx: [
        FieldSpec("real_name"),
        FieldSpec("pseudonym"),
        FieldSpec("referral_source"),
        FieldSpec("decision", "select", enum_choices(m.SelectionDecision)),
        FieldSpec("decision_reason", "long"),
        FieldSpec("decided_on", "date"),
        FieldSpec("orientation_given", "bool"),
        FieldSpec("joined_on", "date"),
    ],
    [
        (N_("Pseudonym or code"), text_cell("pseudonym", 20)),
        (N_("Selection decision"), caption_cell("decision")),
        (N_("Decided on"), date_cell("decided_on")),
        (N_("Orientation"), lambda r, c: "✓" if r.orientation_given else "·"),
        (N_("Role"), _role),
    ],
    query=lambda store, gid: store.members(gid),
    defaults=lambda ctx: {"decided_on": today(ctx)},
    # The role is set in one place (key o, stages 9 and 12), never in this form.
    save=saving.save_member,
)

CONSENTS = Section(
    "consents",
    N_("Consent"),
    m.Consent,
    lambda ctx: [
        FieldSpec("member_id", "select", ctx.member_choices),
        FieldSpec("given_on", "date"),
        FieldSpec("scopes", "multi", enum_choices(m.ConsentScope)),
        FieldSpec("agencies", "lines"),
        FieldSpec("withdrawn_on", "date"),
    ],
    [
        (N_("Member"), member_cell()),
        (N_("Consent given on"), date_cell("given_on")),
        (N_("Consent scope"), lambda r, c: ", ".join(caption(s) for s in r.scopes)),
        (N_("Consent withdrawn on"), date_cell("withdrawn_on")),
    ],
    query=lambda store, gid: store.group_consents(gid),
    # Nothing ticked: consent is recorded by an act (the worker ticks what the member agreed).
    defaults=lambda ctx: {"given_on": today(ctx), "scopes": []},
)

RULES = Section(
    "rules",
    N_("Ground rules"),
    m.GroundRule,
    lambda ctx: [
        FieldSpec("text", "long"),
        FieldSpec("proposed_by"),
        FieldSpec("agreed_on", "date"),
    ],
    [
        (N_("Text"), text_cell("text", 44)),
        (N_("Proposed by"), text_cell("proposed_by", 14)),
        (N_("Status"), _rule_status),
    ],
    query=lambda store, gid: store.ground_rules(gid),
    defaults=lambda ctx: {"agreed_on": today(ctx), "proposed_by": _("the group")},
    # Revising (v) and retiring (d) an agreed rule are their own dialogs; a wording changed
    # here still keeps the earlier one, unless it only corrects a typo (rules.is_correction).
    save=saving.save_rule,
)


def _assessment_fields(ctx: SectionContext) -> list[FieldSpec]:
    return [
        # Members of the group today (not a person not selected, nor one who withdrew), and
        # whoever an older record already names.
        FieldSpec("member_id", "select", ctx.current_member_choices("member_id")),
        FieldSpec("assessed_on", "date"),
        FieldSpec("bio_psycho_social", "long"),
        FieldSpec("family", "long"),
        FieldSpec("risk", "long"),
        FieldSpec("risk_level", "select", enum_choices(m.RiskLevel)),
        FieldSpec("needs", "long"),
        FieldSpec("strengths", "long"),
        FieldSpec("severity", "int", placeholder="0-10"),
    ]


ASSESSMENT_COLUMNS: list[Column] = [
    (N_("Member"), member_cell()),
    (N_("Assessed on"), date_cell("assessed_on")),
    (N_("Risk level"), caption_cell("risk_level")),
    (N_("Severity"), lambda r, c: f"{r.severity}/10"),
]

ASSESSMENTS = Section(
    "assessments",
    N_("Assessment of each member"),
    m.Assessment,
    _assessment_fields,
    ASSESSMENT_COLUMNS,
    query=lambda store, gid: store.assessments(gid, m.AssessmentKind.INITIAL),
    defaults=lambda ctx: {"assessed_on": today(ctx), "kind": m.AssessmentKind.INITIAL},
)

REASSESSMENTS = Section(
    "reassessments",
    N_("Reassessments"),
    m.Assessment,
    _assessment_fields,
    ASSESSMENT_COLUMNS,
    query=lambda store, gid: store.assessments(gid, m.AssessmentKind.REASSESSMENT),
    defaults=lambda ctx: {"assessed_on": today(ctx), "kind": m.AssessmentKind.REASSESSMENT},
)

ISSUES = Section(
    "issues",
    N_("Issues the group takes up"),
    m.GroupIssue,
    lambda ctx: [
        FieldSpec("title"),
        FieldSpec("description", "long"),
        FieldSpec("raised_on", "date"),
    ],
    [(N_("Title"), text_cell("title", 40)), (N_("Raised on"), date_cell("raised_on"))],
    query=lambda store, gid: store.group_issues(gid),
    defaults=lambda ctx: {"raised_on": today(ctx)},
)

GOALS = Section(
    "goals",
    N_("Goals"),
    m.Goal,
    lambda ctx: [
        FieldSpec("title"),
        FieldSpec("priority", "int", placeholder="1"),
        FieldSpec("horizon", "select", enum_choices(m.GoalHorizon)),
        FieldSpec(
            "member_id",
            "select",
            ctx.member_choices,
            label=N_("Member (empty: a goal of the whole group)"),
        ),
        FieldSpec("description", "long"),
        FieldSpec("status", "select", enum_choices(m.GoalStatus)),
        FieldSpec("set_on", "date"),
        FieldSpec("target_date", "date"),
        FieldSpec(
            "revision_reason",
            "long",
            label=N_("Why the wording changed (kept with the earlier wording)"),
        ),
    ],
    [
        (N_("Priority"), lambda r, c: str(r.priority)),
        (N_("Title"), text_cell("title", 34)),
        (N_("Horizon"), caption_cell("horizon")),
        (N_("Member"), lambda r, c: member_cell()(r, c) if r.member_id else _("group")),
        (N_("Progress"), lambda r, c: f"{r.progress}%"),
    ],
    query=lambda store, gid: store.goals(gid),
    defaults=lambda ctx: {"set_on": today(ctx), "priority": len(ctx.goals) + 1},
    from_form=saving.goal_from_form,
    before_save=saving.goal_revision,
)


def _new_session_statuses() -> list[tuple[str, str]]:
    """Held or planned: a cancellation is made in the sessions screen, with its reason."""
    return [(caption(v), v.value) for v in (m.SessionStatus.HELD, m.SessionStatus.PLANNED)]


DIALOGUE = Section(
    "dialogue",
    N_("Dialogue in each session"),
    m.Session,
    # A session's number follows its date, and moving or cancelling it has rules of its own
    # (the sessions screen): here a new session gets a date and whether it met, an existing
    # one only its dialogue.
    lambda ctx: [
        *(
            [
                FieldSpec("held_on", "date"),
                FieldSpec("status", "select", _new_session_statuses),
            ]
            if ctx.record is None
            else []
        ),
        *(FieldSpec(name, "lines") for name in DIALOGUE_FIELDS),
    ],
    [
        (N_("Session number"), lambda r, c: str(r.number)),
        (N_("Date"), date_cell("held_on")),
        (N_("Status"), caption_cell("status")),
        (N_("Themes"), _themes),
    ],
    query=lambda store, gid: store.sessions(gid),
    defaults=lambda ctx: {
        "number": ctx.store.next_session_number(ctx.group_id),
        "held_on": today(ctx),
        "stages": [7],
    },
    save=saving.save_dialogue,
)

TASKS = Section(
    "tasks",
    N_("Tasks"),
    m.Task,
    lambda ctx: [
        FieldSpec("title"),
        FieldSpec("assignee_ids", "multi", ctx.assignee_choices),
        FieldSpec("due_on", "date"),
        FieldSpec("goal_id", "select", ctx.goal_choices),
        FieldSpec("status", "select", enum_choices(m.TaskStatus)),
        FieldSpec("done_on", "date", label=N_("Done on (empty: the day it is marked done)")),
        FieldSpec("description", "long"),
        FieldSpec("drop_reason", "long"),
    ],
    [
        (N_("Task"), text_cell("title", 30)),
        (N_("Assignees"), _assignees),
        (N_("Due date"), date_cell("due_on")),
        (N_("Status"), _task_status),
    ],
    query=lambda store, gid: store.tasks(gid),
    before_save=saving.task_drop_reason,
    save=saving.save_task,
)

REVIEWS = Section(
    "reviews",
    N_("Joint reviews"),
    m.Review,
    lambda ctx: [
        FieldSpec("held_on", "date"),
        FieldSpec(
            "goal_progress", "lines", label=N_("Goal progress (one goal a line: title = percent)")
        ),
        FieldSpec(
            "obstacles", "lines", label=N_("Obstacles (one a line: obstacle -> how it was solved)")
        ),
        FieldSpec("successes", "long"),
        FieldSpec("weaknesses", "long"),
        FieldSpec(
            "member_coordinator_id", "select", ctx.current_member_choices("member_coordinator_id")
        ),
    ],
    [(N_("Date"), date_cell("held_on")), (N_("Goal progress"), _review_progress)],
    query=lambda store, gid: store.reviews(gid),
    defaults=lambda ctx: {"held_on": today(ctx)},
    to_form=_review_to_form,
    from_form=_review_from_form,
    save=saving.save_review,
)

SITUATIONS = Section(
    "situations",
    N_("New situations"),
    m.NewSituation,
    lambda ctx: [
        FieldSpec("description", "long"),
        FieldSpec("level", "select", enum_choices(m.SituationLevel)),
        FieldSpec("member_id", "select", ctx.current_member_choices("member_id")),
        FieldSpec("identified_on", "date"),
    ],
    [
        (N_("Description"), text_cell("description", 40)),
        (N_("Level"), caption_cell("level")),
        (N_("Identified on"), date_cell("identified_on")),
    ],
    query=lambda store, gid: store.new_situations(gid),
    defaults=lambda ctx: {"identified_on": today(ctx)},
)

ANALYSIS = Section(
    "analysis",
    N_("Joint analysis of the new situations"),
    m.NewSituation,
    lambda ctx: [
        FieldSpec("description", "long"),
        FieldSpec("joint_analysis", "long"),
        FieldSpec("plan_changes", "long"),
        FieldSpec("analysed_on", "date"),
    ],
    [
        (N_("Description"), text_cell("description", 30)),
        (N_("Joint analysis"), text_cell("joint_analysis", 30)),
        (N_("Analysed on"), date_cell("analysed_on")),
    ],
    query=lambda store, gid: store.new_situations(gid),
    defaults=lambda ctx: {"identified_on": today(ctx), "analysed_on": today(ctx)},
    # Opening a situation here means analysing it now: offer today's date.
    to_form=lambda values, ctx: {**values, "analysed_on": values.get("analysed_on") or today(ctx)},
)

HANDOVER = Section(
    "handover",
    N_("Handover steps"),
    m.HandoverStep,
    lambda ctx: [
        FieldSpec("taken_on", "date"),
        FieldSpec("facilitator_role", "select", enum_choices(m.FacilitatorRole)),
        FieldSpec("member_id", "select", ctx.current_member_choices("member_id")),
        FieldSpec("member_role"),
        FieldSpec("notes", "long"),
    ],
    [
        (N_("Date"), date_cell("taken_on")),
        (N_("Facilitator's role"), caption_cell("facilitator_role")),
        (N_("Member"), member_cell()),
        (N_("Member's role"), text_cell("member_role", 24)),
    ],
    query=lambda store, gid: store.handover_steps(gid),
    defaults=lambda ctx: {"taken_on": today(ctx), "facilitator_role": m.FacilitatorRole.OBSERVING},
)

SECTIONS = {
    s.key: s
    for s in (
        GROUP_PROBLEM,
        GROUP_SELECTION,
        MEMBERS,
        CONSENTS,
        RULES,
        ASSESSMENTS,
        REASSESSMENTS,
        ISSUES,
        GOALS,
        DIALOGUE,
        TASKS,
        REVIEWS,
        SITUATIONS,
        ANALYSIS,
        HANDOVER,
    )
}
