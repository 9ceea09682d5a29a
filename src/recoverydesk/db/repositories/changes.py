"""Reading the audit trail as a change feed: what other desks changed since we last looked."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from recoverydesk.db.models_accounts import AuditModel
from recoverydesk.domain.accounts import AuditAction

#: Audit actions that change data (views, prints and sign-ins do not).
CHANGING = (
    AuditAction.CREATE,
    AuditAction.UPDATE,
    AuditAction.ARCHIVE,
    AuditAction.IMPORT,
    AuditAction.RESTORE,
)


def last_id(session: Session) -> int:
    """The newest audit entry's id (0 when there is none)."""
    return session.scalar(select(func.max(AuditModel.id))) or 0


def changes_after(session: Session, after: int, limit: int = 500) -> list[tuple[int, str, str]]:
    """(id, entity, entity_id) of changing entries after ``after``, oldest first (PK range)."""
    stmt = (
        select(AuditModel.id, AuditModel.entity, AuditModel.entity_id)
        .where(AuditModel.id > after, AuditModel.action.in_(CHANGING))
        .order_by(AuditModel.id)
        .limit(limit)
    )
    return [(row[0], row[1], row[2]) for row in session.execute(stmt)]
