"""Whether a member is on a peer's caseload (access checks); ending a member's assignments."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import exists, select, update
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


def end_member_assignments(session: Session, member_id: int, on: dt.date, reason: str) -> int:
    """End every open assignment of a member (archiving them); how many were ended."""
    result = session.execute(
        update(AssignmentModel)
        .where(AssignmentModel.member_id == member_id, AssignmentModel.ended_on.is_(None))
        .values(ended_on=on, end_reason=reason[:200])
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
