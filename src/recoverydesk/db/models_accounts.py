"""Tables of accounts and the audit trail.

``audit_log`` is append-only: migration 0004 adds triggers (SQLite and PostgreSQL) that
refuse UPDATE and DELETE, and each row carries a SHA-256 hash chained to the one before.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from recoverydesk.db.base import Base
from recoverydesk.domain.accounts import AuditAction, Role


class UserModel(Base):
    """A person who signs in; ``username_key`` is the casefolded name (unique)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80))
    username_key: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(160))
    role: Mapped[Role]
    peer_id: Mapped[int | None] = mapped_column(ForeignKey("peers.id"))
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[dt.datetime | None]
    last_sign_in: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]


class AuditModel(Base):
    """One audit entry; ``row_hash`` = SHA-256 of ``prev_hash`` and this row's fields."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(index=True)
    username: Mapped[str] = mapped_column(String(80))
    station: Mapped[str] = mapped_column(String(80), default="")
    action: Mapped[AuditAction]
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[str] = mapped_column(String(40), default="")
    detail: Mapped[str] = mapped_column(String(200), default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))
