"""The demo group's course after its plan: joint reviews, new situations, the worker's
handover, the stage narratives and the closure (the worker's reflection, the group closed,
the endorsement).

Functions of the builder (``groupwork.demo.builder.DemoBuilder``), called from its ``build``;
the facts come from ``content/goals.toml`` and ``content/course.toml``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from groupwork import models as m
from groupwork.demo.content import MORNING, load
from groupwork.operations.reviews import record_review

if TYPE_CHECKING:
    from groupwork.demo.parts import Builder


def reviews(b: Builder) -> None:
    """The two joint reviews, with goal progress, obstacles and how they were solved."""
    for k, spec in enumerate(load("goals")["reviews"], start=1):
        n = spec["session"]
        coordinator = spec.get("coordinator")
        # Through the reviews operation: the review and its goals' progress land together.
        record_review(
            b.store,
            m.Review(
                id=b.id("review", k),
                group_id=b.group_id,
                held_on=b.dates[n],
                session_id=b.session_ids[n],
                goal_progress=[
                    m.GoalProgressNote(
                        goal_id=b.goal_ids[goal],
                        progress=value,
                        notes="บรรลุแล้ว" if value == 100 else "",
                    )
                    for goal, value in spec["progress"].items()
                ],
                obstacles=[
                    m.Obstacle(obstacle=what, how_solved=how) for what, how in spec["obstacles"]
                ],
                successes=spec["successes"],
                weaknesses=spec["weaknesses"],
                member_coordinator_id=b.member_ids[coordinator] if coordinator else None,
                notes=spec.get("notes", ""),
            ),
        )


def situations(b: Builder) -> None:
    """New situations of members and of the group, and how the group analysed them."""
    for spec in load("course")["situations"]:
        member = spec.get("member")
        b.add(
            m.NewSituation(
                id=b.id("situation", spec["key"]),
                group_id=b.group_id,
                level=m.SituationLevel.MEMBER if member else m.SituationLevel.GROUP,
                member_id=b.member_ids[member] if member else None,
                description=spec["description"],
                identified_on=b.day(spec["identified"]),
                joint_analysis=spec["joint_analysis"],
                plan_changes=spec["plan_changes"],
                analysed_on=b.day(spec["analysed"]),
            )
        )


def handover(b: Builder) -> None:
    """The worker's steps back, from leading to consulting."""
    for i, spec in enumerate(load("course")["handover"], start=1):
        member = spec.get("member")
        # TODO(operations): appoint a member's role through the roles operation (branch
        # `forms`) once it is on main.
        b.add(
            m.HandoverStep(
                id=b.id("handover", i),
                group_id=b.group_id,
                taken_on=b.dates[spec["session"]],
                facilitator_role=m.FacilitatorRole(spec["role"]),
                member_id=b.member_ids[member] if member else None,
                member_role=spec.get("member_role", ""),
                notes=spec.get("notes", ""),
            )
        )


def stages(b: Builder) -> None:
    """All twelve stages completed, each with the worker's narrative."""
    for stage, spec in load("course")["stages"].items():
        b.store.save_stage_progress(
            m.StageProgress(
                id=b.id("stage", int(stage)),
                group_id=b.group_id,
                stage=int(stage),
                status=m.StageStatus.COMPLETED,
                started_on=b.day(spec["started"]),
                completed_on=b.day(spec["completed"]),
                narrative=spec["narrative"],
            )
        )


def closure(b: Builder) -> None:
    """The worker's own reflection at closure, and the unit head's endorsement."""
    spec = dict(load("course")["reflection"])
    written = datetime.combine(b.day(spec.pop("written")), MORNING)
    b.add(
        m.ClosureReflection(
            id=b.id("reflection", 1), group_id=b.group_id, updated_at=written, **spec
        )
    )
    # The group ended with its last session; the head of unit endorsed the review a day
    # later (never dated the day the demo file was made). Closing kept the open tasks (the
    # choice ``close_group(..., "keep")`` makes): the members carry them on after the handover
    # and the worker's home visit with the volunteer is still to come, so they stay on the
    # coordinator's list, some overdue.
    last = b.dates[b.held()[-1]]
    group = b.store.get(m.Group, b.group_id)
    b.store.save(group.model_copy(update={"status": m.GroupStatus.CLOSED, "end_date": last}))
    endorsement = dict(load("group")["endorsement"])
    b.add(
        m.Endorsement(
            id=b.id("endorsement", 1),
            group_id=b.group_id,
            endorsed_on=b.day(endorsement.pop("endorsed")),
            **endorsement,
        )
    )


__all__ = ["closure", "handover", "reviews", "situations", "stages"]
