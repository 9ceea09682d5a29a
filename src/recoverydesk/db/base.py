"""Declarative base with constraint naming conventions and the domain type map."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from recoverydesk.db.types import UTCDateTime, enum_column
from recoverydesk.domain.accounts import AuditAction, Role
from recoverydesk.domain.members import Focus, MemberStatus, Pathway
from recoverydesk.domain.peers import AssignmentKind, ContactKind, PeerRole
from recoverydesk.domain.plan_kinds import GoalStatus, PlanStatus, StepOwner
from recoverydesk.domain.visits import VisitSource

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every model; maps domain enums and UTC datetimes to columns."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        dt.datetime: UTCDateTime(),
        MemberStatus: enum_column(MemberStatus),
        Focus: enum_column(Focus),
        Pathway: enum_column(Pathway),
        VisitSource: enum_column(VisitSource),
        PeerRole: enum_column(PeerRole),
        AssignmentKind: enum_column(AssignmentKind),
        ContactKind: enum_column(ContactKind),
        PlanStatus: enum_column(PlanStatus),
        GoalStatus: enum_column(GoalStatus),
        StepOwner: enum_column(StepOwner),
        Role: enum_column(Role),
        AuditAction: enum_column(AuditAction),
    }
