"""The twelve stages as data: guides, completion criteria and session templates.

The content lives in ``sessions/`` (one Markdown guide per stage, TOML front matter between
``+++`` lines, see docs/stages.md) and ships inside the wheel as ``groupwork/sessions``. This
module loads it, checks a group's records against each stage's criteria, and moves a group
through the stages. Criteria are data: each names a generic check from ``CHECKS`` with its
parameters, so changing what a stage needs is an edit to a guide, not to the code.

No Textual here: the TUI and the CLI both call these functions.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Any, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from groupwork import models as m
from groupwork.errors import (
    GroupworkError,
    InvalidInputError,
    field_label,
    invalid_input,
)
from groupwork.i18n import N_, _, current_language
from groupwork.store.converters import TABLES

SOURCE_SESSIONS_DIR = Path(__file__).resolve().parent.parent / "sessions"
"""The guides in a source checkout (editable installs and tests)."""

TH_MARKER = "<!-- th -->"
EN_MARKER = "<!-- en -->"
"""Lines that open the Thai and the English part of a guide's or template's body."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _pick(lang: str | None, th: Any, en: Any) -> Any:
    return th if (lang or current_language()) == "th" else en


# --- check parameters ----------------------------------------------------------------
# Each check validates its params with a small model, so a typo in a guide fails at load.


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NoParams(_Params):
    pass


class MinParams(_Params):
    min: int = Field(default=1, ge=0, le=1000)


class FieldsParams(_Params):
    fields: list[str] = Field(min_length=1)

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, fields: list[str]) -> list[str]:
        unknown = [f for f in fields if f not in m.Group.model_fields]
        if unknown:
            raise ValueError(f"not fields of a group: {', '.join(unknown)}")
        return fields


class HeldSessionsParams(MinParams):
    for_stage: bool = False
    """Count only held sessions that list this stage among the stages worked on."""


class ConsentParams(_Params):
    scope: m.ConsentScope = m.ConsentScope.RECORDED


class NarrativeParams(_Params):
    min_chars: int = Field(default=1, ge=1, le=10_000)


class AssessedParams(_Params):
    kind: m.AssessmentKind = m.AssessmentKind.INITIAL


class DecisionsParams(_Params):
    decisions: list[m.SelectionDecision] = Field(
        default_factory=lambda: [
            m.SelectionDecision.SELECTED,
            m.SelectionDecision.DECLINED,
            m.SelectionDecision.WITHDREW,
        ],
        min_length=1,
    )


class RecordsParams(MinParams):
    record: str
    """A table of records that belong to a group (``group_issues``, ``assessments``, ...)."""
    kind: str | None = None
    """Count only records of this kind (for tables whose records have a ``kind``)."""

    @model_validator(mode="after")
    def _known_record(self) -> Self:
        model = _GROUP_TABLES.get(self.record)
        if model is None:
            raise ValueError(
                f"unknown record table {self.record!r}; use one of {sorted(_GROUP_TABLES)}"
            )
        if self.kind is not None:
            info = model.model_fields.get("kind")
            if info is None:
                raise ValueError(f"{self.record} records have no kind")
            info.annotation(self.kind)  # an enum: raises ValueError for an unknown kind
        return self


class HorizonsParams(_Params):
    horizons: list[m.GoalHorizon] = Field(default_factory=lambda: list(m.GoalHorizon), min_length=1)


class SituationsParams(_Params):
    with_plan_changes: bool = False


class HandoverParams(MinParams):
    roles: list[m.FacilitatorRole] = Field(default_factory=list)
    """Count only steps where the facilitator took one of these roles (all steps if empty)."""


class LeadershipParams(_Params):
    roles: list[m.MemberRole] = Field(
        default_factory=lambda: [m.MemberRole.MEMBER_LEADER], min_length=1
    )


_GROUP_TABLES: dict[str, type[m.GroupRecord]] = {
    table: model for model, table in TABLES.items() if issubclass(model, m.GroupRecord)
}


# Captions for the record tables ``min_records`` may count.
RECORD_LABELS: dict[str, str] = {
    "members": N_("Members"),
    "consents": N_("Consent records"),
    "stage_progress": N_("Stage records"),
    "ground_rules": N_("Ground rules"),
    "assessments": N_("Assessments"),
    "group_issues": N_("Group issues"),
    "goals": N_("Goals"),
    "tasks": N_("Tasks"),
    "sessions": N_("Sessions"),
    "rating_scales": N_("Rating scales"),
    "reviews": N_("Joint reviews"),
    "new_situations": N_("New situations"),
    "handover_steps": N_("Handover steps"),
    "endorsements": N_("Endorsements"),
}


# --- the check registry --------------------------------------------------------------


class CheckContext:
    """What the checks read, loaded once per ``check_stage`` call."""

    def __init__(self, store, group: m.Group, stage: int) -> None:
        self.store = store
        self.group = group
        self.stage = stage

    @cached_property
    def members(self) -> list[m.Member]:
        return [x for x in self.store.members(self.group.id) if not x.erased]

    @cached_property
    def selected(self) -> list[m.Member]:
        return [x for x in self.members if x.is_selected]

    @cached_property
    def held_sessions(self) -> list[m.Session]:
        return [s for s in self.store.sessions(self.group.id) if s.status == m.SessionStatus.HELD]

    @cached_property
    def progress(self) -> m.StageProgress:
        return self.store.stage_progress(self.group.id)[self.stage]

    def records(self, model: type[m.GroupRecord]) -> list:
        return self.store.of_group(model, self.group.id)


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
            fields=", ".join(field_label(f) for f in empty)
        )
    return True, _("Filled in: {fields}").format(fields=", ".join(field_label(f) for f in p.fields))


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
        consent = ctx.store.current_consent(member.id)
        if consent is None or not consent.covers(p.scope):
            missing.append(member)
    if missing:
        label = _("Selected members without consent in force ({scope})").format(
            scope=m.caption(p.scope)
        )
        return False, _count_of(label, len(missing), len(ctx.selected))
    return True, _("Every selected member has consent in force ({scope})").format(
        scope=m.caption(p.scope)
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
        label = _("Selected members without an assessment ({kind})").format(kind=m.caption(p.kind))
        return False, _count_of(label, len(missing), len(ctx.selected))
    return True, _("Every selected member has an assessment ({kind})").format(
        kind=m.caption(p.kind)
    )


@check("min_records", RecordsParams)
def _min_records(ctx: CheckContext, p: RecordsParams) -> tuple[bool, str]:
    model = _GROUP_TABLES[p.record]
    records = ctx.records(model)
    if p.kind is not None:
        records = [r for r in records if getattr(r, "kind", None) == p.kind]
    label = _(RECORD_LABELS.get(p.record, p.record))
    if p.kind is not None:
        label = f"{label} ({m.caption(p.kind)})"
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
            horizons=", ".join(m.caption(h) for h in missing)
        )
    return True, _("Group goals cover: {horizons}").format(
        horizons=", ".join(m.caption(h) for h in p.horizons)
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
        roles=" / ".join(m.caption(r) for r in p.roles), n=len(steps), min=p.min
    )


@check("member_leadership_role", LeadershipParams)
def _member_leadership_role(ctx: CheckContext, p: LeadershipParams) -> tuple[bool, str]:
    leaders = [x for x in ctx.selected if x.role in p.roles]
    roles = " / ".join(m.caption(r) for r in p.roles)
    if leaders:
        return True, _("Members in a leading role ({roles}): {names}").format(
            roles=roles, names=", ".join(x.pseudonym for x in leaders)
        )
    return False, _("No selected member has a leading role yet ({roles})").format(roles=roles)


# --- guides and templates ----------------------------------------------------------


class CriterionSpec(BaseModel):
    """One completion criterion of a stage: a named check with its parameters."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
    """Stable id, kept in ``StageProgress.unmet_criteria`` when a stage is overridden."""
    check: str
    """The name of a check in ``CHECKS``."""
    params: dict[str, Any] = Field(default_factory=dict)
    text_th: Text
    text_en: Text

    @model_validator(mode="after")
    def _known_check_and_params(self) -> Self:
        found = CHECKS.get(self.check)
        if found is None:
            raise ValueError(
                f"unknown check {self.check!r}; known checks: {', '.join(sorted(CHECKS))}"
            )
        try:
            found.params.model_validate(self.params)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'params'}: {e['msg']}"
                for e in exc.errors(include_url=False)
            )
            raise ValueError(f"bad params for check {self.check!r}: {problems}") from None
        return self

    def text(self, lang: str | None = None) -> str:
        """What the criterion asks for, in ``lang`` (default: the current language)."""
        return _pick(lang, self.text_th, self.text_en)

    def run(self, ctx: CheckContext) -> tuple[bool, str]:
        """Apply the check to the group in ``ctx``."""
        found = CHECKS[self.check]
        return found.fn(ctx, found.params.model_validate(self.params))


class StageGuide(BaseModel):
    """One of the twelve stages: names, purpose, prompts, criteria and the guide text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    number: int = Field(ge=1, le=12)
    key: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$")]
    name_th: Text
    name_en: Text
    purpose_th: Text
    purpose_en: Text
    prompts_th: list[Text] = Field(min_length=1)
    prompts_en: list[Text] = Field(min_length=1)
    criteria: list[CriterionSpec] = Field(default_factory=list)
    body_th: Text
    body_en: Text

    @model_validator(mode="after")
    def _unique_criterion_ids(self) -> Self:
        ids = [c.id for c in self.criteria]
        if len(ids) != len(set(ids)):
            raise ValueError("criterion ids must be unique within a stage")
        return self

    def name(self, lang: str | None = None) -> str:
        return _pick(lang, self.name_th, self.name_en)

    def purpose(self, lang: str | None = None) -> str:
        return _pick(lang, self.purpose_th, self.purpose_en)

    def prompts(self, lang: str | None = None) -> list[str]:
        return list(_pick(lang, self.prompts_th, self.prompts_en))

    def body(self, lang: str | None = None) -> str:
        return _pick(lang, self.body_th, self.body_en)


class SessionTemplate(BaseModel):
    """A session plan outline (first meeting, dialogue, review, ...) for some stages."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$")]
    title_th: Text
    title_en: Text
    stages: list[int] = Field(min_length=1)
    body_th: Text
    body_en: Text

    @field_validator("stages")
    @classmethod
    def _valid_stages(cls, stages: list[int]) -> list[int]:
        if any(s not in m.STAGE_NUMBERS for s in stages):
            raise ValueError("stages are numbered 1 to 12")
        return sorted(set(stages))

    def title(self, lang: str | None = None) -> str:
        return _pick(lang, self.title_th, self.title_en)

    def body(self, lang: str | None = None) -> str:
        return _pick(lang, self.body_th, self.body_en)


class GuideFormatError(GroupworkError):
    """A guide or template file in sessions/ is malformed (names the file)."""


_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)^\+\+\+[ \t]*\r?$\n?(.*)\Z", re.S | re.M)


def split_document(text: str, source: str) -> tuple[dict[str, Any], str, str]:
    """Split a guide file into its front matter and its Thai and English bodies.

    The file starts with TOML between ``+++`` lines; the body holds a ``<!-- th -->`` line,
    the Thai text, a ``<!-- en -->`` line and the English text.
    """
    match = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if not match:
        raise GuideFormatError(
            _("{file}: the file must start with TOML front matter between +++ lines").format(
                file=source
            )
        )
    try:
        meta = tomllib.loads(match.group(1))
    except tomllib.TOMLDecodeError as exc:
        raise GuideFormatError(
            _("{file}: the front matter is not valid TOML: {error}").format(file=source, error=exc)
        ) from exc
    lines = match.group(2).splitlines()
    stripped = [line.strip() for line in lines]
    if stripped.count(TH_MARKER) != 1 or stripped.count(EN_MARKER) != 1:
        raise GuideFormatError(
            _("{file}: the body needs one {th} line and one {en} line").format(
                file=source, th=TH_MARKER, en=EN_MARKER
            )
        )
    th_at, en_at = stripped.index(TH_MARKER), stripped.index(EN_MARKER)
    if en_at < th_at:
        raise GuideFormatError(
            _("{file}: the Thai part ({th}) must come before the English part ({en})").format(
                file=source, th=TH_MARKER, en=EN_MARKER
            )
        )
    body_th = "\n".join(lines[th_at + 1 : en_at]).strip()
    body_en = "\n".join(lines[en_at + 1 :]).strip()
    return meta, body_th, body_en


def _validated(model: type[BaseModel], data: dict[str, Any], source: str):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        lines = []
        for error in exc.errors(include_url=False):
            where = ".".join(str(p) for p in error.get("loc", ()))
            lines.append(f"{where}: {error.get('msg', '')}" if where else error.get("msg", ""))
        raise GuideFormatError(
            _("{file} is not a valid guide: {problems}").format(
                file=source, problems="; ".join(lines)
            )
        ) from exc


def parse_guide(text: str, source: str = "<guide>") -> StageGuide:
    """Parse one stage guide file's text (``source`` names it in errors)."""
    meta, body_th, body_en = split_document(text, source)
    return _validated(StageGuide, {**meta, "body_th": body_th, "body_en": body_en}, source)


def parse_template(text: str, source: str = "<template>") -> SessionTemplate:
    """Parse one session template file's text (``source`` names it in errors)."""
    meta, body_th, body_en = split_document(text, source)
    return _validated(SessionTemplate, {**meta, "body_th": body_th, "body_en": body_en}, source)


def sessions_dir() -> Traversable:
    """Where the guides are: inside the installed wheel, else the source tree's sessions/."""
    try:
        packaged = resources.files("groupwork") / "sessions"
        if packaged.is_dir():
            return packaged
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - odd installs
        pass
    if SOURCE_SESSIONS_DIR.is_dir():
        return SOURCE_SESSIONS_DIR
    raise GuideFormatError(_("The stage guides (sessions/) are missing from this installation."))


def _markdown_files(folder: str) -> list[Traversable]:
    base = sessions_dir() / folder
    if not base.is_dir():
        raise GuideFormatError(
            _("The folder {folder} is missing from the stage guides.").format(folder=folder)
        )
    return sorted((f for f in base.iterdir() if f.name.endswith(".md")), key=lambda f: f.name)


def _read(file: Traversable, source: str) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GuideFormatError(
            _("{file} cannot be read: {error}").format(file=source, error=exc)
        ) from exc


@cache
def _load_guides() -> tuple[StageGuide, ...]:
    guides = []
    for file in _markdown_files("stages"):
        source = f"sessions/stages/{file.name}"
        guide_ = parse_guide(_read(file, source), source)
        expected = f"{guide_.number:02d}-{guide_.key}.md"
        if file.name != expected:
            raise GuideFormatError(
                _("{file}: the file name must be {expected} (number and key)").format(
                    file=source, expected=expected
                )
            )
        guides.append(guide_)
    numbers = [g.number for g in guides]
    if numbers != list(m.STAGE_NUMBERS):
        raise GuideFormatError(
            _(
                "sessions/stages must hold one guide for each stage 1 to 12; found: {numbers}"
            ).format(numbers=", ".join(str(n) for n in numbers) or "-")
        )
    return tuple(guides)


def load_guides() -> list[StageGuide]:
    """The twelve stage guides in order (read once, then cached)."""
    return list(_load_guides())


def guide(number: int) -> StageGuide:
    """The guide of stage ``number`` (1 to 12)."""
    _require_stage(number)
    return _load_guides()[number - 1]


@cache
def _load_templates() -> tuple[SessionTemplate, ...]:
    templates = []
    for file in _markdown_files("templates"):
        source = f"sessions/templates/{file.name}"
        templates.append(parse_template(_read(file, source), source))
    # In the order a group meets them: by the first stage each serves.
    templates.sort(key=lambda t: (t.stages[0], t.key))
    keys = [t.key for t in templates]
    if len(keys) != len(set(keys)):
        raise GuideFormatError(_("Two session templates have the same key."))
    return tuple(templates)


def load_templates() -> list[SessionTemplate]:
    """Every session plan template (read once, then cached)."""
    return list(_load_templates())


def templates_for_stage(number: int) -> list[SessionTemplate]:
    """The session templates meant for stage ``number``."""
    _require_stage(number)
    return [t for t in _load_templates() if number in t.stages]


def clear_cache() -> None:
    """Forget loaded guides and templates (after editing the files in a running program)."""
    _load_guides.cache_clear()
    _load_templates.cache_clear()


# --- checking and moving through the stages -----------------------------------------


@dataclass(frozen=True)
class CriterionResult:
    """Whether one criterion is met, and what is there or missing (current language)."""

    criterion: CriterionSpec
    met: bool
    detail: str

    @property
    def id(self) -> str:
        return self.criterion.id


class UnmetCriteriaError(GroupworkError):
    """A stage was to be completed while some criteria are unmet and no reason was given."""

    def __init__(self, number: int, unmet: list[CriterionResult]) -> None:
        self.number = number
        self.unmet = unmet
        items = "; ".join(f"{r.criterion.text()} ({r.detail})" for r in unmet)
        super().__init__(
            _(
                "Stage {number} cannot be completed yet: {items}. "
                "To complete it anyway, give the reason."
            ).format(number=number, items=items),
            _("Criteria not met"),
        )


def _require_stage(number: int) -> None:
    if not isinstance(number, int) or number not in m.STAGE_NUMBERS:
        raise InvalidInputError(
            [_("{field}: stages are numbered 1 to 12").format(field=field_label("stage"))]
        )


def check_stage(store, group_id: str, number: int) -> list[CriterionResult]:
    """Check the group's records against every criterion of stage ``number``."""
    _require_stage(number)
    ctx = CheckContext(store, store.get(m.Group, group_id), number)
    results = []
    for spec in guide(number).criteria:
        met, detail = spec.run(ctx)
        results.append(CriterionResult(spec, met, detail))
    return results


def _lowest_open_stage(progress: dict[int, m.StageProgress]) -> int:
    for number in m.STAGE_NUMBERS:
        if progress[number].status != m.StageStatus.COMPLETED:
            return number
    return m.STAGE_NUMBERS[-1]


def _save(store, group: m.Group, progress: m.StageProgress, *, work_started: bool):
    """Store the stage's progress and bring the group's current stage and status along."""
    try:
        progress = m.StageProgress.model_validate(progress.model_dump())
    except ValidationError as exc:
        raise invalid_input(exc) from exc
    with store.transaction():
        progress = store.save_stage_progress(progress)
        all_progress = store.stage_progress(group.id)
        update: dict[str, Any] = {"current_stage": _lowest_open_stage(all_progress)}
        if work_started and group.status == m.GroupStatus.PLANNING:
            update["status"] = m.GroupStatus.ACTIVE
        changed = {k: v for k, v in update.items() if getattr(group, k) != v}
        if changed:
            store.save(group.model_copy(update=changed))
    return progress


def _progress_of(store, group_id: str, number: int) -> tuple[m.Group, m.StageProgress]:
    _require_stage(number)
    group = store.get(m.Group, group_id)
    return group, store.stage_progress(group_id)[number]


def start_stage(store, group_id: str, number: int, on: date) -> m.StageProgress:
    """Mark stage ``number`` as in progress from ``on`` (the group becomes active)."""
    group, progress = _progress_of(store, group_id, number)
    if progress.status == m.StageStatus.COMPLETED:
        raise GroupworkError(
            _("Stage {number} is already completed; reopen it to work on it again.").format(
                number=number
            )
        )
    if progress.status == m.StageStatus.IN_PROGRESS and progress.started_on is not None:
        return progress
    progress = progress.model_copy(
        update={"status": m.StageStatus.IN_PROGRESS, "started_on": progress.started_on or on}
    )
    return _save(store, group, progress, work_started=True)


def complete_stage(
    store, group_id: str, number: int, on: date, override_reason: str = ""
) -> m.StageProgress:
    """Complete stage ``number`` on ``on``.

    Raises ``UnmetCriteriaError`` when criteria are unmet and no ``override_reason`` is given;
    with a reason, the unmet criteria's ids and the reason are kept on the stage's record.
    """
    group, progress = _progress_of(store, group_id, number)
    unmet = [r for r in check_stage(store, group_id, number) if not r.met]
    reason = (override_reason or "").strip()
    if unmet and not reason:
        raise UnmetCriteriaError(number, unmet)
    progress = progress.model_copy(
        update={
            "status": m.StageStatus.COMPLETED,
            "started_on": progress.started_on or on,
            "completed_on": on,
            "unmet_criteria": [r.id for r in unmet],
            # A reason only means something when it overrides unmet criteria.
            "override_reason": reason if unmet else "",
        }
    )
    return _save(store, group, progress, work_started=True)


def reopen_stage(store, group_id: str, number: int) -> m.StageProgress:
    """Take stage ``number`` back to in progress (stages 9 to 12 often loop).

    The narrative stays; the completion date, unmet criteria and override reason belonged to
    the completion that is undone, so they are cleared (a new completion records its own).
    """
    group, progress = _progress_of(store, group_id, number)
    if progress.status != m.StageStatus.COMPLETED:
        return progress
    progress = progress.model_copy(
        update={
            "status": m.StageStatus.IN_PROGRESS,
            "completed_on": None,
            "unmet_criteria": [],
            "override_reason": "",
        }
    )
    return _save(store, group, progress, work_started=False)


def set_narrative(store, group_id: str, number: int, text: str) -> m.StageProgress:
    """Replace the facilitator's narrative of stage ``number`` (its status is unchanged)."""
    group, progress = _progress_of(store, group_id, number)
    progress = progress.model_copy(update={"narrative": text})
    return _save(store, group, progress, work_started=False)
