"""Visit queries and the race-safe insert behind check-in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, and_, exc, func, or_, select, update
from sqlalchemy.orm import Session

from recoverydesk.db.models import MemberModel, VisitModel, VisitPurposeModel
from recoverydesk.domain.members import MemberStatus, display_name
from recoverydesk.domain.visits import DayCounts, Visit, VisitRow, VisitSource


def to_visit(model: VisitModel) -> Visit:
    """The domain value of a visit row."""
    return Visit(
        id=model.id,
        member_id=model.member_id,
        guest_label=model.guest_label,
        visit_date=model.visit_date,
        checked_in_at=model.checked_in_at,
        checked_out_at=model.checked_out_at,
        source=model.source,
        purposes=tuple(p.purpose for p in model.purposes),
        recorded_by=model.recorded_by,
        override_reason=model.override_reason,
    )


def _in_building(since: dt.datetime, today: dt.date) -> Any:
    """Open visits begun since ``since`` (past days typed in from paper never count).

    ``since`` is at most a day back, so the visit-date index narrows the search to today
    and yesterday before the other conditions are checked.
    """
    return and_(
        VisitModel.visit_date >= today - dt.timedelta(days=1),
        VisitModel.checked_out_at.is_(None),
        VisitModel.checked_in_at >= since,
        or_(VisitModel.source != VisitSource.PAPER, VisitModel.visit_date == today),
    )


class VisitRepository:
    """Reads and writes visits inside a caller's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, visit_id: int) -> VisitModel | None:
        return self.session.get(VisitModel, visit_id)

    def first_of_day(self, member_id: int, day: dt.date) -> VisitModel | None:
        return self.session.scalar(
            select(VisitModel)
            .where(VisitModel.member_id == member_id, VisitModel.visit_date == day)
            .order_by(VisitModel.seq)
            .limit(1)
        )

    def next_seq(self, member_id: int, day: dt.date) -> int:
        current = self.session.scalar(
            select(func.max(VisitModel.seq)).where(
                VisitModel.member_id == member_id, VisitModel.visit_date == day
            )
        )
        return (current or 0) + 1

    def insert_once(self, model: VisitModel, purposes: Sequence[str]) -> bool:
        """Insert ``model``; False (and nothing written) when the unique key already exists.

        Runs in a savepoint so that losing the race to another desk leaves the caller's
        transaction usable to read the visit that won.
        """
        model.purposes = [VisitPurposeModel(purpose=p, position=i) for i, p in enumerate(purposes)]
        try:
            with self.session.begin_nested():
                self.session.add(model)
                self.session.flush()
        except exc.IntegrityError:
            return False
        return True

    def delete(self, model: VisitModel) -> None:
        self.session.delete(model)
        self.session.flush()

    def member_visit_count(self, member_id: int) -> int:
        return (
            self.session.scalar(
                select(func.count())
                .select_from(VisitModel)
                .where(VisitModel.member_id == member_id)
            )
            or 0
        )

    def set_purposes(self, model: VisitModel, purposes: Sequence[str]) -> None:
        model.purposes = [VisitPurposeModel(purpose=p, position=i) for i, p in enumerate(purposes)]

    def check_out_in_building(self, since: dt.datetime, today: dt.date, moment: dt.datetime) -> int:
        result = self.session.execute(
            update(VisitModel).where(_in_building(since, today)).values(checked_out_at=moment)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def in_building_rows(self, since: dt.datetime, today: dt.date, limit: int) -> list[VisitRow]:
        stmt = (
            self._rows_query()
            .where(_in_building(since, today))
            .order_by(VisitModel.checked_in_at.desc(), VisitModel.id.desc())
            .limit(limit)
        )
        found = self.session.execute(stmt).all()
        purposes = self._purposes_of([r.id for r in found])
        return [self._row(r, purposes.get(r.id, ())) for r in found]

    def in_building_count(self, since: dt.datetime, today: dt.date) -> int:
        stmt = select(func.count()).select_from(VisitModel).where(_in_building(since, today))
        return self.session.scalar(stmt) or 0

    def rows(self, day: dt.date, *, limit: int = 500, offset: int = 0) -> list[VisitRow]:
        stmt = self._rows_query().where(VisitModel.visit_date == day)
        stmt = stmt.order_by(VisitModel.checked_in_at.desc(), VisitModel.id.desc())
        found = self.session.execute(stmt.limit(limit).offset(offset)).all()
        purposes = self._purposes_of([r.id for r in found])
        return [self._row(r, purposes.get(r.id, ())) for r in found]

    def counts(self, day: dt.date, in_building: int) -> DayCounts:
        visits, members, guests = self.session.execute(
            select(
                func.count(),
                func.count(func.distinct(VisitModel.member_id)),
                func.count().filter(VisitModel.member_id.is_(None)),
            ).where(VisitModel.visit_date == day)
        ).one()
        return DayCounts(
            visits=visits, unique_members=members, guests=guests, in_building=in_building
        )

    def last_visit_dates(self, member_ids: Sequence[int]) -> dict[int, dt.date]:
        if not member_ids:
            return {}
        found = self.session.execute(
            select(VisitModel.member_id, func.max(VisitModel.visit_date))
            .where(VisitModel.member_id.in_(member_ids))
            .group_by(VisitModel.member_id)
        ).all()
        return {member_id: day for member_id, day in found}

    def guest_visit_counts(self, member_ids: Sequence[int]) -> dict[int, int]:
        """Visit counts of the given members who are still guests."""
        if not member_ids:
            return {}
        found = self.session.execute(
            select(VisitModel.member_id, func.count())
            .join(MemberModel, MemberModel.id == VisitModel.member_id)
            .where(VisitModel.member_id.in_(member_ids), MemberModel.status == MemberStatus.GUEST)
            .group_by(VisitModel.member_id)
        ).all()
        return {member_id: count for member_id, count in found}

    def _rows_query(self) -> Select[Any]:
        return select(
            VisitModel.id,
            VisitModel.member_id,
            VisitModel.guest_label,
            VisitModel.checked_in_at,
            VisitModel.checked_out_at,
            VisitModel.source,
            MemberModel.code,
            MemberModel.first_name,
            MemberModel.last_name,
            MemberModel.preferred_name,
            MemberModel.pronouns,
        ).outerjoin(MemberModel, MemberModel.id == VisitModel.member_id)

    def _purposes_of(self, visit_ids: list[int]) -> dict[int, tuple[str, ...]]:
        if not visit_ids:
            return {}
        found: dict[int, list[str]] = {}
        for visit_id, purpose in self.session.execute(
            select(VisitPurposeModel.visit_id, VisitPurposeModel.purpose)
            .where(VisitPurposeModel.visit_id.in_(visit_ids))
            .order_by(VisitPurposeModel.visit_id, VisitPurposeModel.position)
        ):
            found.setdefault(visit_id, []).append(purpose)
        return {k: tuple(v) for k, v in found.items()}

    @staticmethod
    def _row(r: Any, purposes: tuple[str, ...]) -> VisitRow:
        name = display_name(r.first_name, r.last_name, r.preferred_name) if r.member_id else ""
        return VisitRow(
            visit_id=r.id,
            member_id=r.member_id,
            member_code=r.code or "",
            name=name,
            pronouns=r.pronouns or "",
            guest_label=r.guest_label,
            checked_in_at=r.checked_in_at,
            checked_out_at=r.checked_out_at,
            source=r.source,
            purposes=purposes,
        )
