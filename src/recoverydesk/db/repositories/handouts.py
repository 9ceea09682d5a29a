"""Queries behind printed handouts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from recoverydesk.db.models import MemberModel, VisitModel
from recoverydesk.domain.members import MemberStatus, display_name

REGULAR_DAYS = 30


class HandoutRepository:
    """Reads for handouts inside a caller's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def regulars(self, day: dt.date, days: int = REGULAR_DAYS) -> list[tuple[str, str]]:
        """(display name, code) of people seen in ``[day - days, day)``, by sort key.

        One query: an ``EXISTS`` on the visit-date index per member, no whole-table load.
        Archived people are left out.
        """
        seen = exists().where(
            VisitModel.member_id == MemberModel.id,
            VisitModel.visit_date >= day - dt.timedelta(days=days),
            VisitModel.visit_date < day,
        )
        query = (
            select(
                MemberModel.first_name,
                MemberModel.last_name,
                MemberModel.preferred_name,
                MemberModel.code,
            )
            .where(MemberModel.status != MemberStatus.ARCHIVED, seen)
            .order_by(MemberModel.sort_key, MemberModel.id)
        )
        return [
            (display_name(first, last, preferred), code)
            for first, last, preferred, code in self.session.execute(query)
        ]
