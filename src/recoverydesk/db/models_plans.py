"""Tables of recovery plans: plan, support network, goals, steps, reviews, BARC-10.

Plans are restricted data: only the plan repositories read these tables.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recoverydesk.db.base import Base
from recoverydesk.domain.plan_kinds import GoalStatus, PlanStatus, StepOwner


class PlanModel(Base):
    """A member's current recovery plan (one per member); reviews keep earlier versions."""

    __tablename__ = "recovery_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), unique=True)
    status: Mapped[PlanStatus] = mapped_column(default=PlanStatus.DRAFT)
    review_due_on: Mapped[dt.date | None] = mapped_column(index=True)
    strengths: Mapped[str] = mapped_column(Text, default="")
    when_well: Mapped[str] = mapped_column(Text, default="")
    triggers: Mapped[str] = mapped_column(Text, default="")
    warning_signs: Mapped[str] = mapped_column(Text, default="")
    coping_tools: Mapped[str] = mapped_column(Text, default="")
    daily_routine: Mapped[str] = mapped_column(Text, default="")
    crisis_who: Mapped[str] = mapped_column(Text, default="")
    crisis_helps: Mapped[str] = mapped_column(Text, default="")
    crisis_avoid: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    updated_by: Mapped[str] = mapped_column(String(80), default="")

    supports: Mapped[list[PlanSupportModel]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="PlanSupportModel.position"
    )
    goals: Mapped[list[GoalModel]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="GoalModel.position"
    )

    __mapper_args__ = {"version_id_col": version}


class PlanSupportModel(Base):
    """Someone in the member's support network."""

    __tablename__ = "plan_supports"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("recovery_plans.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(160))
    relation: Mapped[str] = mapped_column(String(80), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")


class GoalModel(Base):
    """A goal in the member's words, in a life domain."""

    __tablename__ = "plan_goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("recovery_plans.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    domain: Mapped[str] = mapped_column(String(60))
    goal: Mapped[str] = mapped_column(Text)
    why: Mapped[str] = mapped_column(Text, default="")
    measure: Mapped[str] = mapped_column(Text, default="")
    baseline: Mapped[str] = mapped_column(Text, default="")
    target: Mapped[str] = mapped_column(Text, default="")
    target_date: Mapped[dt.date | None] = mapped_column(index=True)
    status: Mapped[GoalStatus] = mapped_column(default=GoalStatus.NOT_STARTED)
    supports: Mapped[str] = mapped_column(Text, default="")

    steps: Mapped[list[StepModel]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="StepModel.position"
    )


class StepModel(Base):
    """An action step towards a goal."""

    __tablename__ = "plan_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(
        ForeignKey("plan_goals.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    what: Mapped[str] = mapped_column(Text)
    owner: Mapped[StepOwner] = mapped_column(default=StepOwner.MEMBER)
    due_on: Mapped[dt.date | None] = mapped_column(index=True)
    done_on: Mapped[dt.date | None]


class PlanReviewModel(Base):
    """An immutable snapshot of a plan taken when it was marked reviewed (JSON)."""

    __tablename__ = "plan_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("recovery_plans.id"))
    reviewed_at: Mapped[dt.datetime]
    reviewed_by: Mapped[str] = mapped_column(String(80), default="")
    snapshot: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_plan_reviews_plan_id", "plan_id", "reviewed_at"),)


_ITEMS = [f"item{n}" for n in range(1, 11)]


class Barc10Model(Base):
    """One BARC-10 assessment; the database itself checks every item and the total."""

    __tablename__ = "barc10_assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    taken_on: Mapped[dt.date]
    administered_by: Mapped[str] = mapped_column(String(160), default="")
    item1: Mapped[int] = mapped_column(SmallInteger)
    item2: Mapped[int] = mapped_column(SmallInteger)
    item3: Mapped[int] = mapped_column(SmallInteger)
    item4: Mapped[int] = mapped_column(SmallInteger)
    item5: Mapped[int] = mapped_column(SmallInteger)
    item6: Mapped[int] = mapped_column(SmallInteger)
    item7: Mapped[int] = mapped_column(SmallInteger)
    item8: Mapped[int] = mapped_column(SmallInteger)
    item9: Mapped[int] = mapped_column(SmallInteger)
    item10: Mapped[int] = mapped_column(SmallInteger)
    total: Mapped[int] = mapped_column(SmallInteger)
    created_at: Mapped[dt.datetime]

    __table_args__ = (
        Index("ix_barc10_assessments_member_id", "member_id", "taken_on"),
        *(CheckConstraint(f"{c} BETWEEN 1 AND 6", name=f"{c}_range") for c in _ITEMS),
        CheckConstraint(f"total = {' + '.join(_ITEMS)}", name="total_sum"),
    )
