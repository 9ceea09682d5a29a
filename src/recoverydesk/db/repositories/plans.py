"""Recovery plans, their reviews and BARC-10s: reads and writes inside a caller's session.

Plans are restricted data: only this module reads the plan tables. A review's snapshot is
the whole plan as JSON (``snapshot_json`` / ``plan_from_snapshot``); the database refuses
to change or delete a review once written (append-only triggers of migration 0004).
The Plans list is queried in ``plan_list``; demo data is inserted by ``plan_bulk``.
Repositories never commit.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from recoverydesk.db.models import MemberModel
from recoverydesk.db.models_plans import (
    Barc10Model,
    GoalModel,
    PlanModel,
    PlanReviewModel,
    PlanSupportModel,
    StepModel,
)
from recoverydesk.domain.barc10 import Barc10
from recoverydesk.domain.plan_kinds import GoalStatus, PlanStatus, StepOwner
from recoverydesk.domain.plans import (
    SECTION_KEYS,
    Goal,
    Plan,
    PlanDraft,
    Step,
    Support,
    full_sections,
)

SNAPSHOT_FORMAT = 1
ITEMS = tuple(f"item{n}" for n in range(1, 11))

_M = TypeVar("_M", PlanSupportModel, GoalModel, StepModel)
_V = TypeVar("_V", Support, Goal, Step)


class PlanRepository:
    """Plans, reviews and BARC-10 rows of one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, member_id: int) -> PlanModel | None:
        return self.session.scalar(select(PlanModel).where(PlanModel.member_id == member_id))

    def member_exists(self, member_id: int) -> bool:
        stmt = select(exists().where(MemberModel.id == member_id))
        return bool(self.session.scalar(stmt))

    def create(self, member_id: int, now: dt.datetime, by: str) -> PlanModel:
        """A new draft plan, or the one another desk created a moment ago."""
        model = PlanModel(
            member_id=member_id,
            status=PlanStatus.DRAFT,
            created_at=now,
            updated_at=now,
            updated_by=by,
            **dict.fromkeys(SECTION_KEYS, ""),
        )
        try:
            with self.session.begin_nested():
                self.session.add(model)
        except IntegrityError:
            existing = self.get(member_id)
            if existing is None:
                raise
            return existing
        return model

    def apply(self, model: PlanModel, draft: PlanDraft, now: dt.datetime, by: str) -> None:
        """Replace sections, supports, goals and steps; rows keep their ids when matched."""
        for key, text in full_sections(draft.sections).items():
            setattr(model, key, text)
        model.supports = _merged(model.supports, draft.supports, PlanSupportModel, _fill_support)
        model.goals = _merged(model.goals, draft.goals, GoalModel, _fill_goal)
        self.touch(model, now, by)

    @staticmethod
    def touch(model: PlanModel, now: dt.datetime, by: str) -> None:
        """Mark the plan changed: its version goes up even when only child rows changed."""
        model.updated_at = now
        model.updated_by = by
        flag_modified(model, "updated_at")

    def add_review(self, plan: Plan, at: dt.datetime, by: str) -> PlanReviewModel:
        review = PlanReviewModel(
            plan_id=plan.id, reviewed_at=at, reviewed_by=by, snapshot=snapshot_json(plan)
        )
        self.session.add(review)
        self.session.flush()
        return review

    def reviews(self, plan_id: int) -> Sequence[Any]:
        """(id, reviewed_at, reviewed_by) of a plan's reviews, newest first."""
        r = PlanReviewModel
        stmt = (
            select(r.id, r.reviewed_at, r.reviewed_by)
            .where(r.plan_id == plan_id)
            .order_by(r.reviewed_at.desc(), r.id.desc())
        )
        return self.session.execute(stmt).all()

    def member_of_review(self, review_id: int) -> int | None:
        stmt = (
            select(PlanModel.member_id)
            .join(PlanReviewModel, PlanReviewModel.plan_id == PlanModel.id)
            .where(PlanReviewModel.id == review_id)
        )
        return self.session.scalar(stmt)

    def review(self, review_id: int) -> PlanReviewModel | None:
        return self.session.get(PlanReviewModel, review_id)

    # --- BARC-10 ----------------------------------------------------------------------------

    def add_barc10(
        self,
        member_id: int,
        scores: Sequence[int],
        taken_on: dt.date,
        by: str,
        now: dt.datetime,
    ) -> Barc10Model:
        model = Barc10Model(**barc10_values(member_id, scores, taken_on, by, now))
        self.session.add(model)
        self.session.flush()
        return model

    def barc10_history(self, member_id: int) -> list[Barc10Model]:
        """A member's assessments, newest first."""
        b = Barc10Model
        stmt = select(b).where(b.member_id == member_id).order_by(b.taken_on.desc(), b.id.desc())
        return list(self.session.scalars(stmt))

    def latest_barc10(self, member_id: int) -> Barc10Model | None:
        b = Barc10Model
        stmt = (
            select(b)
            .where(b.member_id == member_id)
            .order_by(b.taken_on.desc(), b.id.desc())
            .limit(1)
        )
        return self.session.scalar(stmt)


# --- mapping ------------------------------------------------------------------------------


def _merged(
    existing: Sequence[_M],
    rows: Sequence[_V],
    make: type[_M],
    fill: Callable[[_M, _V, int], None],
) -> list[_M]:
    """Models for ``rows`` in order: the existing one with the row's id, else a new one."""
    by_id = {m.id: m for m in existing}
    merged = []
    for position, row in enumerate(rows):
        model = by_id.pop(row.id, None) if row.id is not None else None
        if model is None:
            model = make()
        fill(model, row, position)
        merged.append(model)
    return merged


def _fill_support(model: PlanSupportModel, row: Support, position: int) -> None:
    model.position, model.name, model.relation, model.phone = (
        position,
        row.name,
        row.relation,
        row.phone,
    )


def _fill_goal(model: GoalModel, row: Goal, position: int) -> None:
    model.position = position
    for name in ("domain", "goal", "why", "measure", "baseline", "target", "supports"):
        setattr(model, name, getattr(row, name))
    model.target_date, model.status = row.target_date, row.status
    model.steps = _merged(list(model.steps or ()), row.steps, StepModel, _fill_step)


def _fill_step(model: StepModel, row: Step, position: int) -> None:
    model.position, model.what, model.owner = position, row.what, row.owner
    model.due_on, model.done_on = row.due_on, row.done_on


def to_plan(model: PlanModel) -> Plan:
    """The saved plan as a value."""
    return Plan(
        id=model.id,
        member_id=model.member_id,
        status=model.status,
        review_due_on=model.review_due_on,
        sections={key: getattr(model, key) for key in SECTION_KEYS},
        supports=tuple(Support(s.name, s.relation, s.phone, s.id) for s in model.supports),
        goals=tuple(_to_goal(g) for g in model.goals),
        version=model.version,
        created_at=model.created_at,
        updated_at=model.updated_at,
        updated_by=model.updated_by,
    )


def _to_goal(g: GoalModel) -> Goal:
    steps = tuple(Step(s.what, s.owner, s.due_on, s.done_on, s.id) for s in g.steps)
    return Goal(
        g.domain,
        g.goal,
        g.why,
        g.measure,
        g.baseline,
        g.target,
        g.target_date,
        g.status,
        g.supports,
        steps,
        g.id,
    )


def to_barc10(model: Barc10Model) -> Barc10:
    return Barc10(
        id=model.id,
        member_id=model.member_id,
        taken_on=model.taken_on,
        administered_by=model.administered_by,
        scores=tuple(getattr(model, item) for item in ITEMS),
        created_at=model.created_at,
    )


def barc10_values(
    member_id: int, scores: Sequence[int], taken_on: dt.date, by: str, now: dt.datetime
) -> dict[str, Any]:
    """Column values of one assessment; the total is computed here, never typed."""
    return {
        "member_id": member_id,
        "taken_on": taken_on,
        "administered_by": by,
        **dict(zip(ITEMS, scores, strict=True)),
        "total": sum(scores),
        "created_at": now,
    }


# --- snapshots ----------------------------------------------------------------------------


def snapshot_json(plan: Plan) -> str:
    """The whole plan as JSON text (what a review keeps)."""
    data = {
        "format": SNAPSHOT_FORMAT,
        "id": plan.id,
        "member_id": plan.member_id,
        "status": plan.status.value,
        "review_due_on": _iso(plan.review_due_on),
        "sections": dict(plan.sections),
        "supports": [[s.id, s.name, s.relation, s.phone] for s in plan.supports],
        "goals": [_goal_data(g) for g in plan.goals],
        "version": plan.version,
        "created_at": plan.created_at.isoformat(),
        "updated_at": plan.updated_at.isoformat(),
        "updated_by": plan.updated_by,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _goal_data(g: Goal) -> dict[str, Any]:
    texts = ("domain", "goal", "why", "measure", "baseline", "target", "supports")
    return {
        "id": g.id,
        **{name: getattr(g, name) for name in texts},
        "target_date": _iso(g.target_date),
        "status": g.status.value,
        "steps": [[s.id, s.what, s.owner.value, _iso(s.due_on), _iso(s.done_on)] for s in g.steps],
    }


def plan_from_snapshot(text: str) -> Plan:
    """A review's snapshot as a ``Plan`` value (as it was when reviewed)."""
    data = json.loads(text)
    return Plan(
        id=data["id"],
        member_id=data["member_id"],
        status=PlanStatus(data["status"]),
        review_due_on=_date(data["review_due_on"]),
        sections=full_sections(data["sections"]),
        supports=tuple(Support(name, rel, phone, i) for i, name, rel, phone in data["supports"]),
        goals=tuple(_goal_of(g) for g in data["goals"]),
        version=data["version"],
        created_at=dt.datetime.fromisoformat(data["created_at"]),
        updated_at=dt.datetime.fromisoformat(data["updated_at"]),
        updated_by=data["updated_by"],
    )


def _goal_of(g: dict[str, Any]) -> Goal:
    steps = tuple(
        Step(what, StepOwner(owner), _date(due), _date(done), i)
        for i, what, owner, due, done in g["steps"]
    )
    texts = ("domain", "goal", "why", "measure", "baseline", "target", "supports")
    return Goal(
        **{name: g[name] for name in texts},
        target_date=_date(g["target_date"]),
        status=GoalStatus(g["status"]),
        steps=steps,
        id=g["id"],
    )


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
