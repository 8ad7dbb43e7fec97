"""What a person reads for a model's field or an enumeration's value, in Thai and English.

Field labels are keyed by model and field (``field_label(m.Task, "status")``), captions by
enumeration and value (``caption(m.TaskStatus.OPEN)``), so the same field name or stored value
may read differently in two places: a task that is "open" is not an open group. The strings
are marked with ``N_`` (or ``NC_`` with a context where one English word needs two Thai ones)
and translated when shown, so a change of language takes effect at once.

Models are named here by class name, not imported: ``groupwork.models`` re-exports ``caption``
and ``FIELD_LABELS`` from this module for callers that have not moved yet, and importing the
models here would make that a cycle. ``tests/test_labels.py`` checks every name is a real
model and field.
"""

from __future__ import annotations

from enum import StrEnum

from groupwork import enums as e
from groupwork.i18n import N_, NC_, Message, translate

# --- field labels ---------------------------------------------------------------------------

_FIELD_LABELS: dict[str, dict[str, str]] = {
    "Record": {
        "id": N_("Identifier"),
    },
    "GroupRecord": {
        "group_id": N_("Group"),
    },
    "Group": {
        "name": N_("Name"),
        "agency": N_("Agency"),
        "purpose": N_("Purpose"),
        "problem_situation": N_("Problem situation"),
        "rationale": N_("Why a group"),
        "target_population": N_("Target population"),
        "referral_sources": N_("Referral sources"),
        "selection_criteria": N_("Selection criteria"),
        "admission_rules": N_("Rules for admitting new members"),
        "formality": N_("Formal or informal"),
        "openness": N_("Open or closed"),
        "facilitators": N_("Facilitators"),
        "planned_sessions": N_("Planned sessions"),
        "start_date": N_("Start date"),
        "end_date": N_("End date"),
        "current_stage": N_("Current stage"),
        "status": N_("Status"),
        "created_at": N_("Created at"),
    },
    "Member": {
        "real_name": N_("Real name"),
        "pseudonym": N_("Pseudonym or code"),
        "joined_on": N_("Joined on"),
        "left_on": N_("Left on"),
        "referral_source": N_("Referral source"),
        "decision": N_("Selection decision"),
        "decision_reason": N_("Reason for the decision"),
        "decided_on": N_("Decided on"),
        "orientation_given": N_("Orientation given"),
        "role": N_("Role"),
        "notes": N_("Notes"),
    },
    "Consent": {
        "member_id": N_("Member"),
        "given_on": N_("Consent given on"),
        "scopes": N_("Consent scope"),
        "agencies": N_("Agencies"),
        "withdrawn_on": N_("Consent withdrawn on"),
        "notes": N_("Notes"),
    },
    "StageProgress": {
        "stage": N_("Stage"),
        "status": N_("Status"),
        "started_on": N_("Started on"),
        "completed_on": N_("Completed on"),
        "narrative": N_("Narrative"),
        "unmet_criteria": N_("Unmet criteria"),
        "override_reason": N_("Override reason"),
    },
    "RuleRevision": {
        "revised_on": N_("Revised on"),
        "previous_text": N_("Previous text"),
        "reason": N_("Reason"),
    },
    "GroundRule": {
        "text": N_("Text"),
        "proposed_by": N_("Proposed by"),
        "agreed_on": N_("Agreed on"),
        "revisions": N_("Revisions"),
        "retired_on": N_("Retired on"),
        "retired_reason": N_("Reason for retiring"),
    },
    "Assessment": {
        "member_id": N_("Member"),
        "kind": N_("Kind"),
        "assessed_on": N_("Assessed on"),
        "bio_psycho_social": N_("Bio-psycho-social"),
        "family": N_("Family"),
        "risk": N_("Risk"),
        "risk_level": N_("Risk level"),
        "needs": N_("Needs"),
        "strengths": N_("Strengths"),
        "severity": N_("Severity as felt by the member"),
        "notes": N_("Notes"),
    },
    "GroupIssue": {
        "title": N_("Title"),
        "description": N_("Description"),
        "raised_on": N_("Raised on"),
    },
    "Goal": {
        "title": N_("Title"),
        "description": N_("Description"),
        "member_id": N_("Member"),
        "horizon": N_("Horizon"),
        "priority": N_("Priority"),
        "status": N_("Status"),
        "progress": N_("Progress"),
        "issue_ids": N_("Linked issues"),
        "set_on": N_("Set on"),
        "target_date": N_("Target date"),
        "revisions": N_("Revisions"),
    },
    "GoalRevision": {
        "revised_on": N_("Revised on"),
        "previous_title": N_("Earlier title"),
        "previous_description": N_("Earlier description"),
        "reason": N_("Reason"),
    },
    "Task": {
        "title": N_("Title"),
        "description": N_("Description"),
        "assignee_ids": N_("Assignees"),
        "goal_id": N_("Goal"),
        "agreed_session_id": N_("Agreed in session"),
        "due_on": N_("Due date"),
        "status": N_("Status"),
        "done_session_id": N_("Done in session"),
        "done_on": N_("Done on"),
        "drop_reason": N_("Why it was dropped"),
        "created_at": N_("Created at"),
        "updated_at": N_("Updated at"),
    },
    "Session": {
        "number": N_("Session number"),
        "held_on": N_("Date"),
        "started_at": N_("Started at"),
        "ended_at": N_("Ended at"),
        "status": N_("Status"),
        "cancel_reason": N_("Reason for cancelling"),
        "stages": N_("Stages worked on"),
        "plan": N_("Plan"),
        "notes": N_("Notes"),
        "questions": N_("Questions posed"),
        "themes": N_("Themes"),
        "feelings": N_("Feelings voiced"),
        "society_links": N_("Links to society"),
        "next_steps": N_("Next steps"),
    },
    "Attendance": {
        "session_id": N_("Session"),
        "member_id": N_("Member"),
        "status": N_("Status"),
        "reason": N_("Reason"),
    },
    "ParticipationEvent": {
        "session_id": N_("Session"),
        "actor_id": N_("Speaker"),
        "kind": N_("Kind"),
        "at": N_("Time"),
        "duration_seconds": N_("Duration (seconds)"),
        "responds_to_id": N_("Responding to"),
    },
    "GroupMark": {
        "session_id": N_("Session"),
        "kind": N_("Kind"),
        "at": N_("Time"),
        "notes": N_("Notes"),
    },
    "NudgeShown": {
        "session_id": N_("Session"),
        "kind": N_("Kind"),
        "member_id": N_("Member"),
        "at": N_("Time"),
        "detail": N_("Measured"),
    },
    "NudgeSettings": {
        "silent_minutes": N_("Silent for (minutes)"),
        "silent_turns": N_("Silent for (turns of others)"),
        "dominant_factor": N_("One voice above (times the average share)"),
        "window_turns": N_("Last turns compared"),
        "facilitator_target": N_("Facilitator's share to stay under"),
    },
    "RatingScale": {
        "name": N_("Name"),
        "minimum": N_("Lowest score"),
        "maximum": N_("Highest score"),
    },
    "Rating": {
        "session_id": N_("Session"),
        "member_id": N_("Member"),
        "scale_id": N_("Rating scale"),
        "score": N_("Score"),
    },
    "GoalProgressNote": {
        "goal_id": N_("Goal"),
        "progress": N_("Progress"),
        "notes": N_("Notes"),
    },
    "Obstacle": {
        "obstacle": N_("Obstacle"),
        "how_solved": N_("How it was solved"),
    },
    "Review": {
        "held_on": N_("Date"),
        "session_id": N_("Session"),
        "goal_progress": N_("Goal progress"),
        "obstacles": N_("Obstacles"),
        "successes": N_("Successes"),
        "weaknesses": N_("Weaknesses"),
        "member_coordinator_id": N_("Member coordinator"),
        "notes": N_("Notes"),
    },
    "NewSituation": {
        "level": N_("Level"),
        "member_id": N_("Member"),
        "description": N_("Description"),
        "identified_on": N_("Identified on"),
        "joint_analysis": N_("Joint analysis"),
        "plan_changes": N_("Changes to goals and plans"),
        "analysed_on": N_("Analysed on"),
    },
    "HandoverStep": {
        "taken_on": N_("Date"),
        "facilitator_role": N_("Facilitator's role"),
        "member_id": N_("Member"),
        "member_role": N_("Member's role"),
        "notes": N_("Notes"),
    },
    "ClosureReflection": {
        "updated_at": N_("Updated at"),
    },
    "Endorsement": {
        "name": N_("Name"),
        "position": N_("Position"),
        "endorsed_on": N_("Endorsed on"),
    },
}
"""Labels by model class name, then field name. A model's labels cover the fields it
declares; inherited ones (``id``, ``group_id``) are found through its base classes."""

FIELD_LABELS: dict[str, str] = {}
"""Labels by bare field name (the first model's label wins): for callers that do not know
the model, such as a message about an imported row or a column."""
for _labels in _FIELD_LABELS.values():
    for _name, _label in _labels.items():
        FIELD_LABELS.setdefault(_name, _label)


def field_label(model: type | str | None, name: str) -> str:
    """The translated label of ``model``'s field ``name`` ("Due date", "วันครบกำหนด").

    ``model`` is the model class (its base classes are searched too), or its class name (as
    a pydantic ``ValidationError.title`` gives it), or None when it is not known. Then the
    labels by bare name; a field nobody labelled reads as its name, so it is visible, not blank.
    """
    names = [c.__name__ for c in model.__mro__] if isinstance(model, type) else [model]
    for class_name in names:
        label = _FIELD_LABELS.get(class_name or "", {}).get(name)
        if label:
            return translate(label)
    label = FIELD_LABELS.get(name)
    return translate(label) if label else name


# --- captions of enumeration values -------------------------------------------------------

_CAPTIONS: dict[type[StrEnum], dict[str, Message]] = {
    e.GroupStatus: {
        e.GroupStatus.PLANNING: N_("planning"),
        e.GroupStatus.ACTIVE: N_("active"),
        e.GroupStatus.CLOSED: NC_("group status", "closed"),
    },
    e.Formality: {e.Formality.FORMAL: N_("formal"), e.Formality.INFORMAL: N_("informal")},
    e.Openness: {e.Openness.OPEN: N_("open"), e.Openness.CLOSED: N_("closed")},
    e.StageStatus: {
        e.StageStatus.NOT_STARTED: N_("not started"),
        e.StageStatus.IN_PROGRESS: N_("in progress"),
        e.StageStatus.COMPLETED: N_("completed"),
    },
    e.SelectionDecision: {
        e.SelectionDecision.CANDIDATE: N_("candidate"),
        e.SelectionDecision.INVITED: N_("invited"),
        e.SelectionDecision.SELECTED: N_("selected"),
        e.SelectionDecision.NOT_SELECTED: N_("not selected"),
        e.SelectionDecision.DECLINED: N_("declined"),
        e.SelectionDecision.WITHDREW: N_("withdrew"),
    },
    e.MemberRole: {
        e.MemberRole.MEMBER: N_("member"),
        e.MemberRole.MEMBER_COORDINATOR: N_("member coordinator"),
        e.MemberRole.MEMBER_LEADER: N_("member leader"),
    },
    e.ConsentScope: {
        e.ConsentScope.RECORDED: N_("recorded"),
        e.ConsentScope.SHARED_IN_REPORT: N_("named in reports"),
        e.ConsentScope.SHARED_WITH_AGENCIES: N_("shared with named agencies"),
    },
    e.AttendanceStatus: {
        e.AttendanceStatus.PRESENT: N_("present"),
        e.AttendanceStatus.LATE: N_("late"),
        e.AttendanceStatus.EXCUSED: N_("excused"),
        e.AttendanceStatus.ABSENT: N_("absent"),
    },
    e.SessionStatus: {
        e.SessionStatus.PLANNED: N_("planned"),
        e.SessionStatus.HELD: N_("held"),
        e.SessionStatus.CANCELLED: N_("cancelled"),
    },
    e.TurnKind: {
        e.TurnKind.SPOKE: N_("spoke"),
        e.TurnKind.ASKED: N_("asked"),
        e.TurnKind.SUPPORTED: N_("supported"),
        e.TurnKind.CHALLENGED: N_("challenged"),
    },
    e.GroupMarkKind: {
        e.GroupMarkKind.SILENCE: N_("silence"),
        e.GroupMarkKind.CONFLICT: N_("conflict"),
        e.GroupMarkKind.LAUGHTER: N_("laughter"),
        e.GroupMarkKind.BREAKTHROUGH: N_("breakthrough"),
    },
    e.NudgeKind: {
        e.NudgeKind.SILENT: N_("silent for a while"),
        e.NudgeKind.DOMINANT: N_("one voice over twice the average"),
        e.NudgeKind.FACILITATOR: N_("facilitator above the handover target"),
        e.NudgeKind.LATE: N_("arrived late, not yet checked in with"),
        e.NudgeKind.MISSED: N_("missed last session, not yet checked in with"),
        e.NudgeKind.MUTED: N_("nudges muted"),
        e.NudgeKind.UNMUTED: N_("nudges on again"),
    },
    e.AssessmentKind: {
        e.AssessmentKind.INITIAL: N_("initial"),
        e.AssessmentKind.REASSESSMENT: N_("reassessment"),
    },
    e.RiskLevel: {
        e.RiskLevel.LOW: N_("low"),
        e.RiskLevel.MEDIUM: N_("medium"),
        e.RiskLevel.HIGH: N_("high"),
    },
    e.GoalHorizon: {
        e.GoalHorizon.SHORT_TERM: N_("short term"),
        e.GoalHorizon.LONG_TERM: N_("long term"),
    },
    e.GoalStatus: {
        e.GoalStatus.ACTIVE: N_("active"),
        e.GoalStatus.ACHIEVED: N_("achieved"),
        e.GoalStatus.REVISED: N_("revised"),
        e.GoalStatus.DROPPED: N_("dropped"),
    },
    e.TaskStatus: {
        # In Thai a task still to do is not "เปิด" (open, as a door or a group is).
        e.TaskStatus.OPEN: NC_("task status", "open"),
        e.TaskStatus.IN_PROGRESS: N_("in progress"),
        e.TaskStatus.DONE: N_("done"),
        e.TaskStatus.DROPPED: N_("dropped"),
    },
    e.SituationLevel: {
        e.SituationLevel.MEMBER: N_("member"),
        e.SituationLevel.GROUP: N_("group"),
    },
    e.FacilitatorRole: {
        e.FacilitatorRole.LEADING: N_("leading"),
        e.FacilitatorRole.CO_LEADING: N_("co-leading"),
        e.FacilitatorRole.OBSERVING: N_("observing"),
        e.FacilitatorRole.RESOURCE_LINKING: N_("linking resources"),
        e.FacilitatorRole.CONSULTING: N_("consulting"),
    },
}
"""Captions by enumeration, then value."""

CAPTIONS: dict[str, Message] = {}
"""Captions by bare stored value (the first enumeration's caption wins): for a value read
without its type, such as a status in an exported row."""
for _captions in _CAPTIONS.values():
    for _value, _caption in _captions.items():
        CAPTIONS.setdefault(str(_value), _caption)
del _labels, _name, _label, _captions, _value, _caption


def caption(value: StrEnum | str) -> str:
    """The translated caption of an enumeration value ("in_progress" -> "in progress" /
    "กำลังดำเนินการ").

    An enumeration member is captioned as its type says; a bare string by ``CAPTIONS``.
    A value nobody captioned reads as itself.
    """
    found = None
    if isinstance(value, StrEnum):
        found = _CAPTIONS.get(type(value), {}).get(value)
    raw = value.value if isinstance(value, StrEnum) else str(value)
    found = found or CAPTIONS.get(raw)
    return translate(found) if found else raw
