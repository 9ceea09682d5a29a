"""Recovery plans, their reviews and BARC-10s: reads and writes inside a caller's session.

Plans are restricted data: only this module reads the plan tables. A review's snapshot is
the whole plan as JSON (``snapshot_json`` / ``plan_from_snapshot``); the database refuses
to change or delete a review once written (append-only triggers of migration 0004).
Repositories never commit.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from sqlalchemy import Select, and_, exists, func, insert, not_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from recoverydesk.db.models import MemberModel
from recoverydesk.db.models_peers import AssignmentModel
from recoverydesk.db.models_plans import (
    Barc10Model,
    GoalModel,
    PlanModel,
    PlanReviewModel,
    PlanSupportModel,
    StepModel,
)
from recoverydesk.db.repositories.members import words_match
from recoverydesk.domain.members import MemberStatus
from recoverydesk.domain.plan_kinds import GoalStatus, PlanStatus, StepOwner
from recoverydesk.domain.plans import (
    SECTION_KEYS,
    Barc10,
    Goal,
    Plan,
    PlanDraft,
    PlanSort,
    Step,
    Support,
    full_sections,
)

SNAPSHOT_FORMAT = 1
ITEMS = tuple(f"item{n}" for n in range(1, 11))
OPEN_GOAL = (GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS)

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


# --- the Plans list -----------------------------------------------------------------------


@dataclass(frozen=True)
class PlanQuery:
    """What the Plans list asks for: filters, the day it is, and the order."""

    today: dt.date
    barc10_days: int
    peer_id: int | None = None
    attention_only: bool = False
    include_archived: bool = False
    sort: PlanSort = PlanSort.NAME
    descending: bool = False
    #: words that must start the member's name words or code (the search box)
    text: str = ""

    @property
    def barc10_cutoff(self) -> dt.date:
        """An assessment on or before this day means the next one is due."""
        return self.today - dt.timedelta(days=self.barc10_days)


def _goals_overdue(today: dt.date) -> Any:
    return and_(
        GoalModel.plan_id == PlanModel.id,
        GoalModel.status.in_(OPEN_GOAL),
        GoalModel.target_date < today,
    )


def _latest_barc10(column: Any) -> Any:
    b = Barc10Model
    return (
        select(column)
        .where(b.member_id == PlanModel.member_id)
        .order_by(b.taken_on.desc(), b.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def plan_list_columns(query: PlanQuery) -> dict[str, Any]:
    """The Plans list's columns (member, plan, counts, latest BARC-10) by label."""
    steps = (
        select(func.count())
        .select_from(StepModel)
        .join(GoalModel, StepModel.goal_id == GoalModel.id)
        .where(
            GoalModel.plan_id == PlanModel.id,
            GoalModel.status.in_(OPEN_GOAL),
            StepModel.done_on.is_(None),
            StepModel.due_on < query.today,
        )
        .scalar_subquery()
    )
    goals = select(func.count()).select_from(GoalModel).where(_goals_overdue(query.today))
    m, p = MemberModel, PlanModel
    columns = {
        "member_id": m.id,
        "code": m.code,
        "first_name": m.first_name,
        "last_name": m.last_name,
        "preferred_name": m.preferred_name,
        "status": p.status,
        "review_due_on": p.review_due_on,
        "goals_overdue": goals.scalar_subquery(),
        "steps_overdue": steps,
        "barc10_total": _latest_barc10(Barc10Model.total),
        "barc10_taken_on": _latest_barc10(Barc10Model.taken_on),
        "updated_at": p.updated_at,
    }
    return {name: column.label(name) for name, column in columns.items()}


def _filtered(stmt: Select[Any], query: PlanQuery) -> Select[Any]:
    stmt = stmt.select_from(PlanModel).join(MemberModel, MemberModel.id == PlanModel.member_id)
    if not query.include_archived:
        stmt = stmt.where(MemberModel.status != MemberStatus.ARCHIVED)
    for condition in words_match(query.text):
        stmt = stmt.where(condition)
    if query.peer_id is not None:
        a = AssignmentModel
        stmt = stmt.where(
            exists().where(
                a.member_id == PlanModel.member_id,
                a.peer_id == query.peer_id,
                a.ended_on.is_(None),
            )
        )
    if query.attention_only:
        b = Barc10Model
        recent = exists().where(
            b.member_id == PlanModel.member_id, b.taken_on > query.barc10_cutoff
        )
        stmt = stmt.where(
            or_(
                PlanModel.review_due_on < query.today,
                exists().where(_goals_overdue(query.today)),
                not_(recent),
            )
        )
    return stmt


def plan_list_rows(
    session: Session, query: PlanQuery, *, limit: int, offset: int = 0
) -> Sequence[Any]:
    """One page of the Plans list, filtered and sorted in SQL."""
    columns = plan_list_columns(query)
    stmt = _filtered(select(*columns.values()), query)
    first = {
        PlanSort.NAME: [],
        PlanSort.CODE: [columns["code"]],
        PlanSort.STATUS: [columns["status"]],
        PlanSort.REVIEW_DUE: [columns["review_due_on"]],
        PlanSort.GOALS_OVERDUE: [columns["goals_overdue"]],
        PlanSort.STEPS_OVERDUE: [columns["steps_overdue"]],
        PlanSort.BARC10_TOTAL: [columns["barc10_total"]],
        PlanSort.BARC10_DUE: [columns["barc10_taken_on"]],
    }[query.sort]
    # numbers that flag work read most-first; a member never assessed is the most due
    flip = query.sort in (PlanSort.GOALS_OVERDUE, PlanSort.STEPS_OVERDUE)
    descending = query.descending != flip
    order = [(c.desc() if descending else c.asc()) for c in first]
    if query.sort is PlanSort.BARC10_DUE:
        order = [o.nulls_first() if not descending else o.nulls_last() for o in order]
    else:
        order = [o.nulls_last() for o in order]
    names = [
        MemberModel.sort_key.desc() if query.descending and not first else MemberModel.sort_key
    ]
    stmt = stmt.order_by(*order, *names, MemberModel.id).limit(limit).offset(offset)
    return session.execute(stmt).all()


def count_plans(session: Session, query: PlanQuery) -> int:
    return session.scalar(_filtered(select(func.count()), query)) or 0


# --- many at once (demo data) -------------------------------------------------------------

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
