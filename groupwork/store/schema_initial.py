"""The first migration: the schema groupwork shipped with (``m001_initial``).

Kept in a module of its own because it is long and never changes; ``MIGRATIONS`` (the ordered
set every later migration joins) is defined here so that ``m001_initial`` is registered first.
``groupwork.store.migrations`` imports this module before defining the rest.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("groupwork")

_GROUP_FK = ("group_id", "groups", "id")


def group_table(db: Database, name: str, columns: dict, *, extra_fks=(), not_null=()) -> None:
    """Create a table of records that belong to a group."""
    db[name].create(
        {"id": str, "group_id": str, **columns},
        pk="id",
        foreign_keys=[_GROUP_FK, *extra_fks],
        not_null={"group_id", *not_null},
    )
    db[name].create_index(["group_id"])


@MIGRATIONS()
def m001_initial(db: Database) -> None:
    db["groups"].create(
        {
            "id": str,
            "name": str,
            "agency": str,
            "purpose": str,
            "problem_situation": str,
            "rationale": str,
            "target_population": str,
            "referral_sources": str,  # JSON list
            "selection_criteria": str,
            "admission_rules": str,
            "formality": str,
            "openness": str,
            "facilitators": str,  # JSON list
            "planned_sessions": int,
            "start_date": str,
            "end_date": str,
            "current_stage": int,
            "status": str,
            "created_at": str,
        },
        pk="id",
        not_null={"name"},
    )
    db["groups"].create_index(["name"])

    group_table(
        db,
        "members",
        {
            "real_name": str,
            "pseudonym": str,
            "joined_on": str,
            "left_on": str,
            "referral_source": str,
            "decision": str,
            "decision_reason": str,
            "decided_on": str,
            "orientation_given": int,
            "role": str,
            "notes": str,
            "erased": int,
        },
        not_null={"pseudonym"},
    )

    group_table(
        db,
        "consents",
        {
            "member_id": str,
            "given_on": str,
            "scopes": str,  # JSON list
            "agencies": str,  # JSON list
            "withdrawn_on": str,
            "notes": str,
        },
        extra_fks=[("member_id", "members", "id")],
    )
    db["consents"].create_index(["member_id", "given_on"])

    group_table(
        db,
        "stage_progress",
        {
            "stage": int,
            "status": str,
            "started_on": str,
            "completed_on": str,
            "narrative": str,
            "unmet_criteria": str,  # JSON list
            "override_reason": str,
        },
    )
    db["stage_progress"].create_index(["group_id", "stage"], unique=True)

    group_table(
        db,
        "ground_rules",
        {
            "text": str,
            "proposed_by": str,
            "proposed_by_member_id": str,
            "agreed_on": str,
            "revisions": str,  # JSON list of {revised_on, previous_text, reason}
            "retired_on": str,
            "retired_reason": str,
        },
    )

    group_table(
        db,
        "assessments",
        {
            "member_id": str,
            "kind": str,
            "assessed_on": str,
            "bio_psycho_social": str,
            "family": str,
            "risk": str,
            "risk_level": str,
            "needs": str,
            "strengths": str,
            "severity": int,
            "notes": str,
        },
        extra_fks=[("member_id", "members", "id")],
    )
    db["assessments"].create_index(["member_id"])

    group_table(db, "group_issues", {"title": str, "description": str, "raised_on": str})

    group_table(
        db,
        "goals",
        {
            "title": str,
            "description": str,
            "member_id": str,
            "horizon": str,
            "priority": int,
            "status": str,
            "progress": int,
            "issue_ids": str,  # JSON list
            "set_on": str,
            "target_date": str,
        },
        extra_fks=[("member_id", "members", "id")],
    )

    group_table(
        db,
        "sessions",
        {
            "number": int,
            "held_on": str,
            "started_at": str,
            "ended_at": str,
            "status": str,
            "cancel_reason": str,
            "stages": str,  # JSON list of ints
            "plan": str,
            "notes": str,
            "questions": str,  # JSON lists
            "themes": str,
            "feelings": str,
            "society_links": str,
            "next_steps": str,
        },
    )
    db["sessions"].create_index(["group_id", "number"])

    group_table(
        db,
        "tasks",
        {
            "title": str,
            "description": str,
            "goal_id": str,
            "agreed_session_id": str,
            "due_on": str,
            "status": str,
            "done_session_id": str,
            "done_on": str,
            "created_at": str,
            "updated_at": str,
        },
        extra_fks=[
            ("goal_id", "goals", "id"),
            ("agreed_session_id", "sessions", "id"),
            ("done_session_id", "sessions", "id"),
        ],
    )
    db["tasks"].create_index(["status", "due_on"])
    # Assignees are members or the facilitator, so no foreign key on assignee_id.
    db["task_assignees"].create(
        {"task_id": str, "assignee_id": str, "position": int},
        pk=("task_id", "assignee_id"),
        foreign_keys=[("task_id", "tasks", "id")],
    )
    db["task_assignees"].create_index(["assignee_id"])

    db["attendance"].create(
        {
            "id": str,
            "session_id": str,
            "member_id": str,
            "status": str,
            "reason": str,
            "recorded_at": str,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id"), ("member_id", "members", "id")],
        not_null={"session_id", "member_id", "status"},
    )
    db["attendance"].create_index(["session_id", "member_id"], unique=True)
    db["attendance"].create_index(["member_id"])

    # actor_id and responds_to_id hold a member id or "facilitator": no foreign key.
    db["participation_events"].create(
        {
            "id": str,
            "session_id": str,
            "actor_id": str,
            "kind": str,
            "at": str,
            "duration_seconds": float,
            "responds_to_id": str,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
        not_null={"session_id", "actor_id", "kind", "at"},
    )
    db["participation_events"].create_index(["session_id", "at"])
    db["participation_events"].create_index(["actor_id"])

    db["group_marks"].create(
        {"id": str, "session_id": str, "kind": str, "at": str, "notes": str},
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
        not_null={"session_id", "kind", "at"},
    )
    db["group_marks"].create_index(["session_id", "at"])

    group_table(db, "rating_scales", {"name": str, "minimum": int, "maximum": int})
    db["ratings"].create(
        {"id": str, "session_id": str, "member_id": str, "scale_id": str, "score": float},
        pk="id",
        foreign_keys=[
            ("session_id", "sessions", "id"),
            ("member_id", "members", "id"),
            ("scale_id", "rating_scales", "id"),
        ],
        not_null={"session_id", "member_id", "scale_id"},
    )
    db["ratings"].create_index(["session_id", "member_id", "scale_id"], unique=True)

    group_table(
        db,
        "reviews",
        {
            "held_on": str,
            "session_id": str,
            "goal_progress": str,  # JSON list
            "obstacles": str,  # JSON list
            "successes": str,
            "weaknesses": str,
            "member_coordinator_id": str,
            "notes": str,
        },
        extra_fks=[("session_id", "sessions", "id")],
    )

    group_table(
        db,
        "new_situations",
        {
            "level": str,
            "member_id": str,
            "description": str,
            "identified_on": str,
            "joint_analysis": str,
            "plan_changes": str,
            "analysed_on": str,
        },
        extra_fks=[("member_id", "members", "id")],
    )

    group_table(
        db,
        "handover_steps",
        {
            "on": str,
            "facilitator_role": str,
            "member_id": str,
            "member_role": str,
            "notes": str,
        },
        extra_fks=[("member_id", "members", "id")],
    )

    group_table(
        db,
        "endorsements",
        {"name": str, "position": str, "endorsed_on": str},
    )
