"""The twelve stages as data: guides, completion criteria and session templates.

The content lives in ``sessions/`` (one Markdown guide per stage, TOML front matter between
``+++`` lines, see docs/stages.md) and ships inside the wheel as ``groupwork/sessions``. This
module loads it, checks a group's records against each stage's criteria, and moves a group
through the stages. Criteria are data: each names a generic check from ``CHECKS`` with its
parameters, so changing what a stage needs is an edit to a guide, not to the code.

No Textual here: the TUI and the CLI both call these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources.abc import Traversable
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

from groupwork import guide_files
from groupwork import models as m
from groupwork.criteria import CHECKS, CheckContext
from groupwork.errors import (
    GroupworkError,
    InvalidInputError,
    invalid_input,
)
from groupwork.guide_files import (  # noqa: F401  (re-exported: callers and tests name them here)
    EN_MARKER,
    SOURCE_SESSIONS_DIR,
    TH_MARKER,
    GuideFormatError,
    markdown_files,
    read_file,
    sessions_dir,
    split_document,
)
from groupwork.i18n import _, current_language
from groupwork.labels import field_label

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _pick(lang: str | None, th: Any, en: Any) -> Any:
    return th if (lang or current_language()) == "th" else en


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
        """The stage's name in ``lang`` (default: the current language)."""
        return _pick(lang, self.name_th, self.name_en)

    def purpose(self, lang: str | None = None) -> str:
        """What the stage is for, in ``lang`` (default: the current language)."""
        return _pick(lang, self.purpose_th, self.purpose_en)

    def prompts(self, lang: str | None = None) -> list[str]:
        """The guide's questions for the worker, in ``lang``; a new list each call."""
        return list(_pick(lang, self.prompts_th, self.prompts_en))

    def body(self, lang: str | None = None) -> str:
        """The guide's Markdown text, in ``lang`` (default: the current language)."""
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
        """The template's title in ``lang`` (default: the current language)."""
        return _pick(lang, self.title_th, self.title_en)

    def body(self, lang: str | None = None) -> str:
        """The template's Markdown text, in ``lang`` (default: the current language)."""
        return _pick(lang, self.body_th, self.body_en)


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


def _markdown_files(folder: str) -> list[Traversable]:
    return markdown_files(sessions_dir(), folder)  # this module's sessions_dir (tests swap it)


@cache
def _load_guides() -> tuple[StageGuide, ...]:
    guides = []
    for file in _markdown_files("stages"):
        source = f"sessions/stages/{file.name}"
        guide_ = parse_guide(read_file(file, source), source)
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
        templates.append(parse_template(read_file(file, source), source))
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
    guide_files.clear_cache()


# --- checking and moving through the stages -----------------------------------------


@dataclass(frozen=True)
class CriterionResult:
    """Whether one criterion is met, and what is there or missing (current language)."""

    criterion: CriterionSpec
    met: bool
    detail: str

    @property
    def id(self) -> str:
        """The id of the criterion, as the guide names it and ``unmet_criteria`` stores it."""
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
            [
                _("{field}: stages are numbered 1 to 12").format(
                    field=field_label(m.StageProgress, "stage")
                )
            ]
        )


def check_stage(store, group_id: str, number: int, shared=None) -> list[CriterionResult]:
    """Check the group's records against every criterion of stage ``number`` (``shared``:
    a ``CheckContext`` of the group's whose reads this check shares)."""
    _require_stage(number)
    ctx = shared or CheckContext(store, store.get(m.Group, group_id), number)
    ctx = ctx.for_stage(number) if shared else ctx
    return [CriterionResult(spec, *spec.run(ctx)) for spec in guide(number).criteria]


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
    store,
    group_id: str,
    number: int,
    on: date,
    override_reason: str = "",
    started_on: date | None = None,
) -> m.StageProgress:
    """Complete stage ``number`` on ``on`` (``started_on``: when its work began, if given).

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
            "started_on": started_on or progress.started_on or on,
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
