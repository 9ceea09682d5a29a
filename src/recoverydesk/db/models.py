"""Tables. Typed SQLAlchemy 2 models; services turn them into domain values."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recoverydesk.db.base import Base
from recoverydesk.db.types import search_term_type
from recoverydesk.domain.members import Focus, MemberStatus, Pathway
from recoverydesk.domain.visits import VisitSource


class MemberModel(Base):
    """A member; ``version`` guards against two desks saving over each other."""

    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    preferred_name: Mapped[str] = mapped_column(String(80), default="")
    pronouns: Mapped[str] = mapped_column(String(40), default="")
    date_of_birth: Mapped[dt.date | None]
    phone: Mapped[str] = mapped_column(String(40), default="")
    phone_last4: Mapped[str] = mapped_column(String(4), default="", index=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    address: Mapped[str] = mapped_column(String(400), default="")
    focus: Mapped[Focus | None]
    recovery_start: Mapped[dt.date | None]
    joined_on: Mapped[dt.date] = mapped_column(index=True)
    status: Mapped[MemberStatus] = mapped_column(default=MemberStatus.MEMBER)
    archived_reason: Mapped[str] = mapped_column(String(400), default="")
    archived_at: Mapped[dt.datetime | None]
    desk_note: Mapped[str] = mapped_column(String(200), default="")
    peer_wants_to_see: Mapped[bool] = mapped_column(default=False)
    search_key: Mapped[str] = mapped_column(String(300))
    sort_key: Mapped[str] = mapped_column(String(300))
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]

    pathways: Mapped[list[MemberPathwayModel]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="MemberPathwayModel.pathway"
    )
    emergency_contacts: Mapped[list[EmergencyContactModel]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="EmergencyContactModel.position"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_members_sort_key_id", "sort_key", "id"),
        Index("ix_members_search_key", "search_key"),
    )


class MemberPathwayModel(Base):
    """One recovery pathway a member follows."""

    __tablename__ = "member_pathways"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    pathway: Mapped[Pathway] = mapped_column(primary_key=True)


class EmergencyContactModel(Base):
    """Someone to call for a member, in the member's order."""

    __tablename__ = "emergency_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(160))
    relationship: Mapped[str] = mapped_column(String(80), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")


class MemberSearchTermModel(Base):
    """One searchable word of a member (folded name word, code, last 4 phone digits).

    Search is a prefix range on ``term`` (``term >= 'jos' AND term < 'jos' || U+10FFFF``),
    which both SQLite and PostgreSQL answer from the primary-key index.
    """

    __tablename__ = "member_search_terms"

    term: Mapped[str] = mapped_column(search_term_type(), primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class SettingModel(Base):
    """One site-wide setting as text (shared by every desk)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class CounterModel(Base):
    """A named counter that only moves forward (member codes are never reused)."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    next_value: Mapped[int]


class VisitModel(Base):
    """A visit at the door.

    ``(member_id, visit_date, seq)`` is unique, and an ordinary check-in always uses
    ``seq = 1``: the database itself makes a second check-in of the same member on the same
    site-local day impossible. A coordinator's override (or a site that allows several
    visits a day) takes the next ``seq`` and records why. Anonymous guests have no member
    (NULLs never collide).
    """

    __tablename__ = "visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    guest_label: Mapped[str] = mapped_column(String(40), default="")
    visit_date: Mapped[dt.date] = mapped_column(index=True)
    seq: Mapped[int] = mapped_column(default=1)
    checked_in_at: Mapped[dt.datetime]
    checked_out_at: Mapped[dt.datetime | None]
    source: Mapped[VisitSource]
    recorded_by: Mapped[str] = mapped_column(String(80), default="")
    override_reason: Mapped[str] = mapped_column(String(200), default="")

    purposes: Mapped[list[VisitPurposeModel]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="VisitPurposeModel.position"
    )

    __table_args__ = (
        UniqueConstraint("member_id", "visit_date", "seq", name="uq_visits_member_day"),
    )


class VisitPurposeModel(Base):
    """One purpose of a visit (drop-in, meal, group...), in the order ticked."""

    __tablename__ = "visit_purposes"

    visit_id: Mapped[int] = mapped_column(
        ForeignKey("visits.id", ondelete="CASCADE"), primary_key=True
    )
    purpose: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)


# The other tables live in their own modules; importing them here completes the metadata.
from recoverydesk.db import models_accounts, models_peers, models_plans  # noqa: E402, F401
