"""What each stage's workspace records, as data: sections of records, their columns and forms.

A section is one kind of record (members, ground rules, goals, ...) shown as a table with an
add/edit form. ``STAGE_SECTIONS`` says which sections each of the twelve stages shows; the
workspace screen builds itself from it, so adding a field to a stage is a change here only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from pydantic import BaseModel

from groupwork import models as m
from groupwork.i18n import N_, _
from groupwork.models import caption
from groupwork.tui.formatting import assignee_label, clip, member_label, show_date
from groupwork.tui.widgets.model_form import FieldSpec, enum_choices


@dataclass
class SectionContext:
    """The store and group a section works on, with lookups its columns and choices need."""

    store: Any
    group_id: str

    @cached_property
    def members(self) -> dict[str, m.Member]:
        return {mem.id: mem for mem in self.store.members(self.group_id)}

    @cached_property
    def goals(self) -> list[m.Goal]:
        return self.store.goals(self.group_id)

    def member_choices(self) -> list[tuple[str, str]]:
        return [(member_label(mem), mem.id) for mem in self.members.values() if not mem.erased]

    def assignee_choices(self) -> list[tuple[str, str]]:
        return [(_("facilitator"), m.FACILITATOR), *self.member_choices()]

    def goal_choices(self) -> list[tuple[str, str]]:
        return [(goal.title, goal.id) for goal in self.goals]

    def session_choices(self) -> list[tuple[str, str]]:
        return [
            (_("Session {number}").format(number=s.number), s.id)
            for s in self.store.sessions(self.group_id)
        ]


Column = tuple[str, Callable[[Any, SectionContext], str]]


@dataclass
class Section:
    """One kind of record a stage keeps."""

    key: str
    title: str
    """Marked with N_; translated when shown."""
    model: type[BaseModel]
    fields: Callable[[SectionContext], list[FieldSpec]]
    columns: list[Column] = field(default_factory=list)
    query: Callable[[Any, str], list[Any]] | None = None
    """The store query for the group's records of this section: ``(store, group_id) -> list``."""
    defaults: Callable[[SectionContext], dict[str, Any]] = lambda ctx: {}
    group_fields: bool = False
    """True: the section edits fields of the group itself (one record, shown as label/value)."""
    to_form: Callable[[dict[str, Any], SectionContext], dict[str, Any]] | None = None
    from_form: Callable[[dict[str, Any], SectionContext], dict[str, Any]] | None = None
    before_save: Callable[[BaseModel | None, BaseModel, SectionContext], BaseModel] | None = None
    after_save: Callable[[BaseModel, SectionContext], None] | None = None

    def records(self, ctx: SectionContext) -> list[BaseModel]:
        """The group's records of this section."""
        if self.group_fields:
            return [ctx.store.get(m.Group, ctx.group_id)]
        assert self.query is not None, f"section {self.key} names no store query"
        return self.query(ctx.store, ctx.group_id)


def _text(name: str, width: int = 40) -> Callable[[Any, SectionContext], str]:
    def cell(record: Any, ctx: SectionContext) -> str:
        return clip(str(getattr(record, name) or ""), width)

    return cell


def _date(name: str) -> Callable[[Any, SectionContext], str]:
    return lambda record, ctx: show_date(getattr(record, name))


def _caption(name: str) -> Callable[[Any, SectionContext], str]:
    return lambda record, ctx: caption(getattr(record, name))


def _member(name: str = "member_id") -> Callable[[Any, SectionContext], str]:
    def cell(record: Any, ctx: SectionContext) -> str:
        member_id = getattr(record, name)
        return member_label(ctx.members.get(member_id)) if member_id else "—"

    return cell


def _today(ctx: SectionContext) -> date:
    return date.today()


# --- hooks for records with nested parts ---------------------------------------------------


def _rule_revision(old: BaseModel | None, new: BaseModel, ctx: SectionContext) -> BaseModel:
    """Changing an agreed rule's wording keeps the old wording as a revision."""
    assert isinstance(new, m.GroundRule)
    if isinstance(old, m.GroundRule) and old.text != new.text:
        revision = m.RuleRevision(revised_on=date.today(), previous_text=old.text)
        return new.model_copy(update={"revisions": [*old.revisions, revision]})
    return new


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


def _review_updates_goals(review: BaseModel, ctx: SectionContext) -> None:
    """A review's judgement becomes each goal's current progress."""
    assert isinstance(review, m.Review)
    for note in review.goal_progress:
        goal = ctx.store.get(m.Goal, note.goal_id)
        ctx.store.save(goal.model_copy(update={"progress": note.progress}))


def _review_progress(record: Any, ctx: SectionContext) -> str:
    titles = {goal.id: goal.title for goal in ctx.goals}
    return ", ".join(
        f"{titles.get(n.goal_id, '?')[:12]} {n.progress}%" for n in record.goal_progress
    )


def _assignees(record: Any, ctx: SectionContext) -> str:
    return ", ".join(assignee_label(a, ctx.members) for a in record.assignee_ids) or "—"


def _lines_count(record: Any, ctx: SectionContext) -> str:
    return str(len(record.themes))


def _themes(record: Any, ctx: SectionContext) -> str:
    return clip("; ".join(record.themes), 40)


def _rule_status(record: Any, ctx: SectionContext) -> str:
    if record.retired_on:
        return _("retired")
    if record.agreed_on:
        revised = len(record.revisions)
        return _("agreed") + (f" ({revised}×)" if revised else "")
    return _("proposed")


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
        FieldSpec("role", "select", enum_choices(m.MemberRole)),
    ],
    [
        (N_("Pseudonym or code"), _text("pseudonym", 20)),
        (N_("Selection decision"), _caption("decision")),
        (N_("Decided on"), _date("decided_on")),
        (N_("Orientation"), lambda r, c: "✓" if r.orientation_given else "·"),
    ],
    query=lambda store, gid: store.members(gid),
    defaults=lambda ctx: {"decided_on": _today(ctx)},
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
        (N_("Member"), _member()),
        (N_("Consent given on"), _date("given_on")),
        (N_("Consent scope"), lambda r, c: ", ".join(caption(s) for s in r.scopes)),
        (N_("Consent withdrawn on"), _date("withdrawn_on")),
    ],
    query=lambda store, gid: store.group_consents(gid),
    defaults=lambda ctx: {"given_on": _today(ctx), "scopes": [m.ConsentScope.RECORDED]},
)

RULES = Section(
    "rules",
    N_("Ground rules"),
    m.GroundRule,
    lambda ctx: [
        FieldSpec("text", "long"),
        FieldSpec("proposed_by"),
        FieldSpec("agreed_on", "date"),
        FieldSpec("retired_on", "date"),
        FieldSpec("retired_reason"),
    ],
    [
        (N_("Text"), _text("text", 44)),
        (N_("Proposed by"), _text("proposed_by", 14)),
        (N_("Status"), _rule_status),
    ],
    query=lambda store, gid: store.ground_rules(gid),
    defaults=lambda ctx: {"agreed_on": _today(ctx), "proposed_by": _("the group")},
    before_save=_rule_revision,
)


def _assessment_fields(ctx: SectionContext) -> list[FieldSpec]:
    return [
        FieldSpec("member_id", "select", ctx.member_choices),
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
    (N_("Member"), _member()),
    (N_("Assessed on"), _date("assessed_on")),
    (N_("Risk level"), _caption("risk_level")),
    (N_("Severity"), lambda r, c: f"{r.severity}/10"),
]

ASSESSMENTS = Section(
    "assessments",
    N_("Assessment of each member"),
    m.Assessment,
    _assessment_fields,
    ASSESSMENT_COLUMNS,
    query=lambda store, gid: store.assessments(gid, m.AssessmentKind.INITIAL),
    defaults=lambda ctx: {"assessed_on": _today(ctx), "kind": m.AssessmentKind.INITIAL},
)

REASSESSMENTS = Section(
    "reassessments",
    N_("Reassessments"),
    m.Assessment,
    _assessment_fields,
    ASSESSMENT_COLUMNS,
    query=lambda store, gid: store.assessments(gid, m.AssessmentKind.REASSESSMENT),
    defaults=lambda ctx: {"assessed_on": _today(ctx), "kind": m.AssessmentKind.REASSESSMENT},
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
    [(N_("Title"), _text("title", 40)), (N_("Raised on"), _date("raised_on"))],
    query=lambda store, gid: store.group_issues(gid),
    defaults=lambda ctx: {"raised_on": _today(ctx)},
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
    ],
    [
        (N_("Priority"), lambda r, c: str(r.priority)),
        (N_("Title"), _text("title", 34)),
        (N_("Horizon"), _caption("horizon")),
        (N_("Member"), lambda r, c: _member()(r, c) if r.member_id else _("group")),
        (N_("Progress"), lambda r, c: f"{r.progress}%"),
    ],
    query=lambda store, gid: store.goals(gid),
    defaults=lambda ctx: {"set_on": _today(ctx), "priority": len(ctx.goals) + 1},
)

DIALOGUE = Section(
    "dialogue",
    N_("Dialogue in each session"),
    m.Session,
    lambda ctx: [
        FieldSpec("number", "int"),
        FieldSpec("held_on", "date"),
        FieldSpec("status", "select", enum_choices(m.SessionStatus)),
        FieldSpec("questions", "lines"),
        FieldSpec("themes", "lines"),
        FieldSpec("feelings", "lines"),
        FieldSpec("society_links", "lines"),
    ],
    [
        (N_("Session number"), lambda r, c: str(r.number)),
        (N_("Date"), _date("held_on")),
        (N_("Status"), _caption("status")),
        (N_("Themes"), _themes),
    ],
    query=lambda store, gid: store.sessions(gid),
    defaults=lambda ctx: {
        "number": ctx.store.next_session_number(ctx.group_id),
        "held_on": _today(ctx),
        "stages": [7],
    },
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
        FieldSpec("description", "long"),
    ],
    [
        (N_("Task"), _text("title", 30)),
        (N_("Assignees"), _assignees),
        (N_("Due date"), _date("due_on")),
        (N_("Status"), _caption("status")),
    ],
    query=lambda store, gid: store.tasks(gid),
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
        FieldSpec("member_coordinator_id", "select", ctx.member_choices),
    ],
    [(N_("Date"), _date("held_on")), (N_("Goal progress"), _review_progress)],
    query=lambda store, gid: store.reviews(gid),
    defaults=lambda ctx: {"held_on": _today(ctx)},
    to_form=_review_to_form,
    from_form=_review_from_form,
    after_save=_review_updates_goals,
)

SITUATIONS = Section(
    "situations",
    N_("New situations"),
    m.NewSituation,
    lambda ctx: [
        FieldSpec("description", "long"),
        FieldSpec("level", "select", enum_choices(m.SituationLevel)),
        FieldSpec("member_id", "select", ctx.member_choices),
        FieldSpec("identified_on", "date"),
    ],
    [
        (N_("Description"), _text("description", 40)),
        (N_("Level"), _caption("level")),
        (N_("Identified on"), _date("identified_on")),
    ],
    query=lambda store, gid: store.new_situations(gid),
    defaults=lambda ctx: {"identified_on": _today(ctx)},
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
        (N_("Description"), _text("description", 30)),
        (N_("Joint analysis"), _text("joint_analysis", 30)),
        (N_("Analysed on"), _date("analysed_on")),
    ],
    query=lambda store, gid: store.new_situations(gid),
    defaults=lambda ctx: {"identified_on": _today(ctx), "analysed_on": _today(ctx)},
    # Opening a situation here means analysing it now: offer today's date.
    to_form=lambda values, ctx: {**values, "analysed_on": values.get("analysed_on") or _today(ctx)},
)

HANDOVER = Section(
    "handover",
    N_("Handover steps"),
    m.HandoverStep,
    lambda ctx: [
        FieldSpec("taken_on", "date"),
        FieldSpec("facilitator_role", "select", enum_choices(m.FacilitatorRole)),
        FieldSpec("member_id", "select", ctx.member_choices),
        FieldSpec("member_role"),
        FieldSpec("notes", "long"),
    ],
    [
        (N_("Date"), _date("taken_on")),
        (N_("Facilitator's role"), _caption("facilitator_role")),
        (N_("Member"), _member()),
        (N_("Member's role"), _text("member_role", 24)),
    ],
    query=lambda store, gid: store.handover_steps(gid),
    defaults=lambda ctx: {"taken_on": _today(ctx), "facilitator_role": m.FacilitatorRole.OBSERVING},
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

STAGE_SECTIONS: dict[int, list[str]] = {
    1: ["problem"],
    2: ["members", "consents", "selection"],
    3: [],  # relationship building is told in the stage narrative (key n)
    4: ["rules"],
    5: ["assessments", "issues"],
    6: ["goals"],
    7: ["dialogue"],
    8: ["tasks"],
    9: ["reviews"],
    10: ["situations", "reassessments"],
    11: ["analysis", "goals"],
    12: ["handover"],
}
"""The sections each stage's workspace shows, in order. Every stage also has its narrative."""

NARRATIVE_PROMPTS = {
    3: N_("How did members come to accept each other and see their problem as shared?"),
    12: N_("The new plan: what the group decided to do next, and who leads it."),
}
"""Stages whose narrative is their main record get a specific prompt."""


# --- opening the forms -------------------------------------------------------------------


def _form_values(section: Section, record: BaseModel | None, ctx: SectionContext) -> dict:
    if record is None:
        values = {"group_id": ctx.group_id, **section.defaults(ctx)}
    else:
        values = record.model_dump()
    if section.to_form:
        values = section.to_form(values, ctx)
    return values


def open_record_form(
    screen, group_id: str, section_key: str, record: BaseModel | None, on_saved: Callable[[], None]
) -> None:
    """Push the add (``record`` None) or edit form of a section; ``on_saved`` runs after a save."""
    from groupwork.tui.screens.record_form import RecordFormScreen

    section = SECTIONS[section_key]
    ctx = SectionContext(screen.app.store, group_id)
    values = _form_values(section, record, ctx)
    base = {} if record is None else record.model_dump()
    if record is None:
        base = {k: v for k, v in values.items() if k not in {s.name for s in section.fields(ctx)}}

    def save(new: BaseModel) -> BaseModel:
        if section.before_save:
            new = section.before_save(record, new, ctx)
        ctx.store.save(new)
        if section.after_save:
            section.after_save(new, ctx)
        return new

    def title() -> str:
        verb = _("Add") if record is None else _("Edit")
        return f"{verb}: {_(section.title)}"

    transform = (lambda data: section.from_form(data, ctx)) if section.from_form else None
    form = RecordFormScreen(
        title(), section.model, section.fields(ctx), base, save, title, values, transform
    )

    def done(saved: BaseModel | None) -> None:
        if saved is not None:
            on_saved()

    screen.app.push_screen(form, done)


def open_add_form(screen, group_id: str, section_key: str, on_saved: Callable[[], None]) -> None:
    """Push the form adding a new record of ``section_key``."""
    open_record_form(screen, group_id, section_key, None, on_saved)
