"""Tables of peer work: peers, certifications, supervision, assignments, contacts.

Contact notes and supervision notes are restricted: only the peer-work repositories read
those columns; the front desk's queries never select them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from recoverydesk.db.base import Base
from recoverydesk.domain.peers import AssignmentKind, ContactKind, PeerRole


class PeerModel(Base):
    """A peer supporter (or coach, volunteer, supervisor)."""

    __tablename__ = "peers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    sort_key: Mapped[str] = mapped_column(String(300), index=True)
    role: Mapped[PeerRole]
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    active: Mapped[bool] = mapped_column(default=True)
    #: None means the site's default cap.
    caseload_cap: Mapped[int | None]
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]

    __mapper_args__ = {"version_id_col": version}


class CertificationModel(Base):
    """A certification or training a peer holds."""

    __tablename__ = "peer_certifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    peer_id: Mapped[int] = mapped_column(ForeignKey("peers.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    number: Mapped[str] = mapped_column(String(60), default="")
    issued_on: Mapped[dt.date | None]
    expires_on: Mapped[dt.date | None] = mapped_column(index=True)


class SupervisionModel(Base):
    """One supervision session of a peer; ``note`` is restricted."""

    __tablename__ = "supervision_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    peer_id: Mapped[int] = mapped_column(ForeignKey("peers.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[dt.date]
    supervisor: Mapped[str] = mapped_column(String(160), default="")
    topics: Mapped[str] = mapped_column(String(400), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[dt.datetime]


class AssignmentModel(Base):
    """A member assigned to a peer from ``started_on`` until ``ended_on`` (history is kept).

    A partial unique index allows one *open* assignment of each kind per member.
    """

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    peer_id: Mapped[int] = mapped_column(ForeignKey("peers.id"))
    kind: Mapped[AssignmentKind]
    started_on: Mapped[dt.date]
    ended_on: Mapped[dt.date | None]
    end_reason: Mapped[str] = mapped_column(String(200), default="")
    recorded_by: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[dt.datetime]

    __table_args__ = (
        Index("ix_assignments_member_id", "member_id", "ended_on"),
        Index("ix_assignments_peer_id", "peer_id", "ended_on"),
        Index(
            "uq_assignments_open",
            "member_id",
            "kind",
            unique=True,
            sqlite_where=text("ended_on IS NULL"),
            postgresql_where=text("ended_on IS NULL"),
        ),
    )


class ContactModel(Base):
    """One contact between a peer and a member; ``note`` is restricted."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    peer_id: Mapped[int | None] = mapped_column(ForeignKey("peers.id"), index=True)
    contacted_at: Mapped[dt.datetime]
    #: The site-local date of ``contacted_at`` (what "last contact" and the radar use).
    contact_date: Mapped[dt.date]
    kind: Mapped[ContactKind]
    minutes: Mapped[int | None]
    note: Mapped[str] = mapped_column(Text, default="")
    follow_up_on: Mapped[dt.date | None] = mapped_column(index=True)
    recorded_by: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[dt.datetime]

    __table_args__ = (Index("ix_contacts_member_id", "member_id", "contact_date"),)
