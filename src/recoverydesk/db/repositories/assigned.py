"""Whether a member is on a peer's caseload (for the access checks of peer work)."""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from recoverydesk.db.models_peers import AssignmentModel


def is_assigned(session: Session, member_id: int, peer_id: int) -> bool:
    """True when the member has an open assignment (primary or secondary) to the peer."""
    stmt = select(
        exists().where(
            AssignmentModel.member_id == member_id,
            AssignmentModel.peer_id == peer_id,
            AssignmentModel.ended_on.is_(None),
        )
    )
    return bool(session.scalar(stmt))
