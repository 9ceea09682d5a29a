"""The Plans list: members with plans and what needs attention, filtered and sorted in SQL.

Each row counts the plan's overdue goals and steps and reads the member's latest BARC-10
with correlated subqueries; ``PlanQuery`` says which plans (a peer's caseload, only those
needing attention, a member search) in which order. ``plan_list_rows`` reads one page and
``count_plans`` counts them all. Plans are restricted data: only the plan repositories
read the plan tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, exists, func, not_, or_, select
from sqlalchemy.orm import Session

from recoverydesk.db.models import MemberModel
from recoverydesk.db.models_peers import AssignmentModel
from recoverydesk.db.models_plans import Barc10Model, GoalModel, PlanModel, StepModel
from recoverydesk.db.repositories.members import words_match
from recoverydesk.domain.members import MemberStatus
from recoverydesk.domain.plan_kinds import GoalStatus
from recoverydesk.domain.plans import PlanSort

OPEN_GOAL = (GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS)


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
