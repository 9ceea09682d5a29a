"""Contact queries: a member's contact log, caseload activity, the follow-up radar.

"Last contact", "latest follow-up" and "last visit" are correlated aggregate subqueries per
member: ``max(contact_date)`` from the ``(member_id, contact_date)`` index, the follow-up
of the newest contact by the same index, ``max(visit_date)`` from the unique
``(member_id, visit_date, seq)`` visits index. Each costs an index seek per member of the
list, however many contacts or visits the centre holds. Only this module and the peer-work
services read ``contacts.note``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, Integer, and_, case, cast, func, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from recoverydesk.db.models import MemberModel
from recoverydesk.db.models_peers import AssignmentModel, ContactModel, PeerModel
from recoverydesk.db.repositories.lists import SortSpec, last_visit_of, member_filter, sorted_page
from recoverydesk.domain.members import MemberStatus, display_name
from recoverydesk.domain.peer_rules import radar_reasons
from recoverydesk.domain.peers import (
    AssignmentKind,
    CaseloadRow,
    Contact,
    ContactKind,
    ContactSummary,
    Page,
    PageRequest,
    RadarReason,
    RadarRow,
)

A = AssignmentModel
C = ContactModel
M = MemberModel
P = PeerModel

CASELOAD_SORTS = {
    "name": SortSpec(("sort_key",)),
    "code": SortSpec(("code",)),
    "started": SortSpec(("started_on",)),
    "last_contact": SortSpec(("last_contact",), nulls_first=True),
    "next_follow_up": SortSpec(("next_follow_up",)),
    "last_visit": SortSpec(("last_visit",), nulls_first=True),
    "kind": SortSpec(("kind", "sort_key")),
}
RADAR_SORTS = {
    "overdue": SortSpec(("due_on",)),
    "name": SortSpec(("sort_key",)),
    "peer": SortSpec(("peer_key",)),
    "last_contact": SortSpec(("last_contact",), nulls_first=True),
}


class plus_days(FunctionElement[dt.date]):  # noqa: N801 (an SQL function's name)
    """``date + days`` as a date on both engines (SQLite stores dates as ISO text)."""

    type = Date()
    inherit_cache = True
    name = "plus_days"


@compiles(plus_days)
def _plus_days(element: plus_days, compiler: SQLCompiler, **kw: Any) -> str:
    day, days = (compiler.process(c, **kw) for c in element.clauses)
    return f"({day} + {days})"


@compiles(plus_days, "sqlite")
def _plus_days_sqlite(element: plus_days, compiler: SQLCompiler, **kw: Any) -> str:
    day, days = (compiler.process(c, **kw) for c in element.clauses)
    return f"date({day}, {days} || ' days')"


def _days(count: int) -> Any:
    return cast(literal(int(count)), Integer)


def last_contact_of(member_id: Any) -> Any:
    return select(func.max(C.contact_date)).where(C.member_id == member_id).scalar_subquery()


def latest_follow_up_of(member_id: Any) -> Any:
    """The follow-up date set at the member's newest contact (None if it set none)."""
    return (
        select(C.follow_up_on)
        .where(C.member_id == member_id)
        .order_by(C.contact_date.desc(), C.contacted_at.desc(), C.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def _later(a: Any, b: Any) -> Any:
    """The later of two nullable dates (portable ``greatest`` that ignores nulls)."""
    return case((a.is_(None), b), (b.is_(None), a), (a > b, a), else_=b)


class ContactRepository:
    """Reads and writes contacts and activity lists inside a caller's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, model: ContactModel) -> None:
        self.session.add(model)
        self.session.flush()

    def get(self, contact_id: int) -> Contact | None:
        stmt = select(C, P.name).outerjoin(P, P.id == C.peer_id).where(C.id == contact_id)
        found = self.session.execute(stmt).first()
        return to_contact(found[0], found[1]) if found else None

    def contacts(
        self,
        member_id: int,
        *,
        kind: ContactKind | None = None,
        peer_id: int | None = None,
        limit: int = 50,
        offset: int = 0,
        with_total: bool = False,
    ) -> tuple[list[Contact], bool, int | None]:
        """A member's contacts, newest first, notes included."""
        where = [C.member_id == member_id]
        if kind is not None:
            where.append(C.kind == kind)
        if peer_id is not None:
            where.append(C.peer_id == peer_id)
        stmt = (
            select(C, P.name)
            .outerjoin(P, P.id == C.peer_id)
            .where(*where)
            .order_by(C.contacted_at.desc(), C.id.desc())
            .limit(max(limit, 0) + 1)
            .offset(max(offset, 0))
        )
        found = [to_contact(c, name) for c, name in self.session.execute(stmt)]
        total = None
        if with_total:
            total = self.session.scalar(select(func.count()).select_from(C).where(*where)) or 0
        return found[:limit], len(found) > limit, total

    def summary(self, member_id: int) -> ContactSummary:
        count, last = self.session.execute(
            select(func.count(), func.max(C.contact_date)).where(C.member_id == member_id)
        ).one()
        follow_up = self.session.scalar(select(latest_follow_up_of(literal(member_id))))
        return ContactSummary(member_id, count, last, follow_up)

    # --- caseload ---------------------------------------------------------------------------

    def caseload(
        self,
        peer_id: int,
        *,
        today: dt.date,
        kind: AssignmentKind | None = None,
        text: str = "",
        page: PageRequest,
    ) -> Page[CaseloadRow]:
        """The peer's open assignments (archived members left out) with recent activity."""
        where = [A.peer_id == peer_id, A.ended_on.is_(None), M.status != MemberStatus.ARCHIVED]
        if kind is not None:
            where.append(A.kind == kind)
        rows = (
            select(
                A.id.label("assignment_id"),
                A.kind,
                A.started_on,
                M.id.label("member_id"),
                M.code,
                M.first_name,
                M.last_name,
                M.preferred_name,
                M.pronouns,
                M.sort_key,
                last_contact_of(M.id).label("last_contact"),
                latest_follow_up_of(M.id).label("next_follow_up"),
                last_visit_of(M.id).label("last_visit"),
            )
            .join(M, M.id == A.member_id)
            .where(*where, *member_filter(text))
            .subquery("caseload")
        )
        tie = ("sort_key", "assignment_id")
        return sorted_page(
            self.session, rows, CASELOAD_SORTS, page, tie, lambda r: _caseload_row(r, today)
        )

    # --- follow-up radar --------------------------------------------------------------------

    def radar(
        self,
        *,
        today: dt.date,
        quiet_days: int,
        peer_id: int | None = None,
        reason: RadarReason | None = None,
        text: str = "",
        page: PageRequest,
    ) -> Page[RadarRow]:
        """Assigned members whose latest follow-up date has passed, or quiet for too long.

        Due day: the latest contact's follow-up date, or ``quiet_days`` after the later of
        the last contact and the last visit (or of the first assignment, if neither),
        whichever is earlier. A member is on the radar when that day is before ``today``.
        """
        r = self._radar_facts(today, quiet_days, peer_id, text)
        where = [r.c.due_on < today]
        if reason is RadarReason.FOLLOW_UP_DUE:
            where.append(r.c.follow_up_on < today)
        elif reason is RadarReason.NO_RECENT_CONTACT:
            where.append(r.c.quiet_due < today)
        rows = (
            select(r, P.name.label("peer_name"), P.sort_key.label("peer_key"))
            .outerjoin(P, P.id == r.c.peer_id)
            .where(*where)
            .subquery("radar")
        )
        tie = ("due_on", "sort_key", "member_id")
        return sorted_page(
            self.session,
            rows,
            RADAR_SORTS,
            page,
            tie,
            lambda row: _radar_row(row, today, quiet_days),
        )

    def _radar_facts(self, today: dt.date, quiet_days: int, peer_id: int | None, text: str) -> Any:
        assigned = select(A.member_id).where(A.ended_on.is_(None))
        if peer_id is not None:
            assigned = assigned.where(A.peer_id == peer_id)
        a2 = AssignmentModel.__table__.alias("first_assignment")
        primary = (
            select(A.peer_id)
            .where(A.member_id == M.id, A.ended_on.is_(None), A.kind == AssignmentKind.PRIMARY)
            .limit(1)
            .scalar_subquery()
        )
        facts = (
            select(
                M.id.label("member_id"),
                M.code,
                M.first_name,
                M.last_name,
                M.preferred_name,
                M.sort_key,
                primary.label("peer_id"),
                last_contact_of(M.id).label("last_contact"),
                latest_follow_up_of(M.id).label("follow_up_on"),
                last_visit_of(M.id).label("last_visit"),
                select(func.min(a2.c.started_on))
                .where(a2.c.member_id == M.id)
                .scalar_subquery()
                .label("assigned_on"),
            )
            .where(M.id.in_(assigned), M.status != MemberStatus.ARCHIVED, *member_filter(text))
            .subquery("facts")
        )
        f = facts.c
        last_touch = _later(f.last_contact, f.last_visit)
        quiet_due = plus_days(func.coalesce(last_touch, f.assigned_on), _days(quiet_days))
        due = case(
            (and_(f.follow_up_on.is_not(None), f.follow_up_on < quiet_due), f.follow_up_on),
            else_=quiet_due,
        )
        return select(
            *f, last_touch.label("last_touch"), quiet_due.label("quiet_due"), due.label("due_on")
        ).subquery("due")


def _caseload_row(r: Any, today: dt.date) -> CaseloadRow:
    return CaseloadRow(
        assignment_id=r.assignment_id,
        member_id=r.member_id,
        code=r.code,
        name=display_name(r.first_name, r.last_name, r.preferred_name),
        pronouns=r.pronouns,
        kind=r.kind,
        started_on=r.started_on,
        last_contact=r.last_contact,
        next_follow_up=r.next_follow_up,
        last_visit=r.last_visit,
        follow_up_overdue=r.next_follow_up is not None and r.next_follow_up < today,
    )


def _radar_row(r: Any, today: dt.date, quiet_days: int) -> RadarRow:
    reasons, why = radar_reasons(today, r.follow_up_on, r.last_touch, r.assigned_on, quiet_days)
    return RadarRow(
        member_id=r.member_id,
        code=r.code,
        name=display_name(r.first_name, r.last_name, r.preferred_name),
        peer_id=r.peer_id,
        peer_name=r.peer_name or "",
        last_contact=r.last_contact,
        last_visit=r.last_visit,
        follow_up_on=r.follow_up_on,
        due_on=r.due_on,
        days_overdue=(today - r.due_on).days,
        reasons=reasons,
        why=why,
    )


def to_contact(model: ContactModel, peer_name: str | None) -> Contact:
    return Contact(
        id=model.id,
        member_id=model.member_id,
        peer_id=model.peer_id,
        peer_name=peer_name or "",
        contacted_at=model.contacted_at,
        contact_date=model.contact_date,
        kind=model.kind,
        minutes=model.minutes,
        note=model.note,
        follow_up_on=model.follow_up_on,
        recorded_by=model.recorded_by,
    )
