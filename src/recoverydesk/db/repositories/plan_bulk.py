"""Plans, reviews and BARC-10s many at once (demo data), with Core ``executemany`` inserts.

``bulk_insert_plans`` inserts plans with their supports, goals and steps a batch at a
time and returns them as saved (ids filled in), so reviews can snapshot them.
Repositories never commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from recoverydesk.db.models_plans import (
    Barc10Model,
    GoalModel,
    PlanModel,
    PlanReviewModel,
    PlanSupportModel,
    StepModel,
)
from recoverydesk.db.repositories.plans import snapshot_json
from recoverydesk.domain.plan_kinds import PlanStatus
from recoverydesk.domain.plans import Goal, Plan, PlanDraft, Step, full_sections

IN_CHUNK = 500


@dataclass(frozen=True)
class NewPlan:
    """One plan to bulk-insert: a cleaned, compact draft and its status and dates."""

    member_id: int
    draft: PlanDraft
    status: PlanStatus
    review_due_on: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime
    updated_by: str


def bulk_insert_plans(session: Session, plans: Sequence[NewPlan]) -> list[Plan]:
    """Insert ``plans`` with supports, goals and steps (Core executemany); the saved plans."""
    saved: list[Plan] = []
    for start in range(0, len(plans), IN_CHUNK):
        saved.extend(_insert_plan_batch(session, plans[start : start + IN_CHUNK]))
    return saved


def _insert_plan_batch(session: Session, batch: Sequence[NewPlan]) -> list[Plan]:
    session.execute(insert(PlanModel.__table__), [_plan_values(p) for p in batch])
    p = PlanModel
    stmt = select(p.member_id, p.id).where(p.member_id.in_([n.member_id for n in batch]))
    plan_ids = {member_id: plan_id for member_id, plan_id in session.execute(stmt)}
    keyed = [(plan_ids[n.member_id], n) for n in batch]
    support_rows = [
        {"plan_id": pid, "position": i, "name": s.name, "relation": s.relation, "phone": s.phone}
        for pid, n in keyed
        for i, s in enumerate(n.draft.supports)
    ]
    supports = _inserted(session, PlanSupportModel, "plan_id", support_rows)
    goal_rows = [_goal_values(pid, i, g) for pid, n in keyed for i, g in enumerate(n.draft.goals)]
    goals = _inserted(session, GoalModel, "plan_id", goal_rows)
    step_rows = [
        _step_values(goals[(pid, i)], j, s)
        for pid, n in keyed
        for i, g in enumerate(n.draft.goals)
        for j, s in enumerate(g.steps)
    ]
    steps = _inserted(session, StepModel, "goal_id", step_rows)
    return [_saved_plan(pid, n, supports, goals, steps) for pid, n in keyed]


def _inserted(
    session: Session, model: type[Any], parent: str, rows: list[dict[str, Any]]
) -> dict[tuple[int, int], int]:
    """Insert ``rows``; the new ids by (parent id, position)."""
    if not rows:
        return {}
    session.execute(insert(model.__table__), rows)
    parents = sorted({row[parent] for row in rows})
    column = getattr(model, parent)
    ids: dict[tuple[int, int], int] = {}
    for start in range(0, len(parents), IN_CHUNK):
        chunk = parents[start : start + IN_CHUNK]
        stmt = select(column, model.position, model.id).where(column.in_(chunk))
        ids.update(((owner, pos), row_id) for owner, pos, row_id in session.execute(stmt))
    return ids


def _plan_values(new: NewPlan) -> dict[str, Any]:
    return {
        "member_id": new.member_id,
        "status": new.status,
        "review_due_on": new.review_due_on,
        **full_sections(new.draft.sections),
        "version": 1,
        "created_at": new.created_at,
        "updated_at": new.updated_at,
        "updated_by": new.updated_by,
    }


def _goal_values(plan_id: int, position: int, g: Goal) -> dict[str, Any]:
    texts = ("domain", "goal", "why", "measure", "baseline", "target", "supports")
    return {
        "plan_id": plan_id,
        "position": position,
        **{name: getattr(g, name) for name in texts},
        "target_date": g.target_date,
        "status": g.status,
    }


def _step_values(goal_id: int, position: int, s: Step) -> dict[str, Any]:
    return {
        "goal_id": goal_id,
        "position": position,
        "what": s.what,
        "owner": s.owner,
        "due_on": s.due_on,
        "done_on": s.done_on,
    }


def _saved_plan(
    plan_id: int,
    new: NewPlan,
    supports: dict[tuple[int, int], int],
    goals: dict[tuple[int, int], int],
    steps: dict[tuple[int, int], int],
) -> Plan:
    def goal(i: int, g: Goal) -> Goal:
        goal_id = goals[(plan_id, i)]
        saved = tuple(replace(s, id=steps[(goal_id, j)]) for j, s in enumerate(g.steps))
        return replace(g, id=goal_id, steps=saved)

    return Plan(
        id=plan_id,
        member_id=new.member_id,
        status=new.status,
        review_due_on=new.review_due_on,
        sections=full_sections(new.draft.sections),
        supports=tuple(
            replace(s, id=supports[(plan_id, i)]) for i, s in enumerate(new.draft.supports)
        ),
        goals=tuple(goal(i, g) for i, g in enumerate(new.draft.goals)),
        version=1,
        created_at=new.created_at,
        updated_at=new.updated_at,
        updated_by=new.updated_by,
    )


def bulk_insert_reviews(session: Session, reviews: Sequence[tuple[Plan, dt.datetime, str]]) -> int:
    """Insert reviews: (the plan as it was when reviewed, when, by whom)."""
    rows = [
        {"plan_id": plan.id, "reviewed_at": at, "reviewed_by": by, "snapshot": snapshot_json(plan)}
        for plan, at, by in reviews
    ]
    if rows:
        session.execute(insert(PlanReviewModel.__table__), rows)
    return len(rows)


def bulk_insert_barc10(session: Session, rows: Sequence[dict[str, Any]]) -> int:
    """Insert assessments given as ``barc10_values`` dicts."""
    if rows:
        session.execute(insert(Barc10Model.__table__), list(rows))
    return len(rows)
