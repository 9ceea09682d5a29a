"""Peer queries: the roster, certifications, supervision, assignments, the unassigned.

Lists are filtered, sorted and paged in SQL; counts beside each row (caseload, certificate
alerts, last visit) are correlated subqueries answered from indexes, never whole tables
read into Python. Repositories never commit; they run inside a service's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import and_, case, exc, exists, func, insert, or_, select, update
from sqlalchemy.orm import Session

from recoverydesk.db.models import MemberModel, MemberSearchTermModel, VisitModel
from recoverydesk.db.models_peers import (
    AssignmentModel,
    CertificationModel,
    PeerModel,
    SupervisionModel,
)
from recoverydesk.db.repositories.members import TOP, SearchQuery
from recoverydesk.domain.errors import ConflictError, FieldError, ValidationError
from recoverydesk.domain.members import MemberStatus, display_name
from recoverydesk.domain.peers import (
    EXPIRY_WARNING_DAYS,
    Assignment,
    AssignmentKind,
    CaseloadStatus,
    Certification,
    PeerRole,
    PeerRow,
    SupervisionSession,
    UnassignedRow,
    certification_status,
)
from recoverydesk.domain.text import words

A = AssignmentModel
M = MemberModel
P = PeerModel
C = CertificationModel
S = SupervisionModel
_T = MemberSearchTermModel


@dataclass(frozen=True)
class SortSpec:
    """How a list sorts by one key: its columns, and whether empty values come first."""

    keys: tuple[str, ...]
    nulls_first: bool = False


def sort_choice(sorts: dict[str, SortSpec], sort: str) -> SortSpec:
    """The spec of ``sort``; ``ValidationError`` naming the known keys otherwise."""
    if sort not in sorts:
        known = ", ".join(sorts)
        raise ValidationError([FieldError("sort", f"Unknown sort '{sort}' (choose from {known})")])
    return sorts[sort]


def ordered(columns: Any, spec: SortSpec, descending: bool, tie: Sequence[str]) -> list[Any]:
    """ORDER BY terms for ``spec`` over a subquery's ``columns`` (portable null placement)."""
    terms: list[Any] = []
    nulls_first = spec.nulls_first != descending
    for index, name in enumerate(spec.keys):
        column = columns[name]
        if index == 0:
            terms.append(
                case((column.is_(None), 0 if nulls_first else 1), else_=1 if nulls_first else 0)
            )
        terms.append(column.desc() if descending and index == 0 else column.asc())
    terms.extend(columns[name].asc() for name in tie if name not in spec.keys)
    return terms


def page_of(
    session: Session, rows: Any, order: list[Any], limit: int, offset: int, with_total: bool
) -> tuple[list[Any], bool, int | None]:
    """One page (``limit`` rows from ``offset``) of subquery ``rows``, has_more and the total."""
    limit, offset = max(int(limit), 0), max(int(offset), 0)
    found = session.execute(select(rows).order_by(*order).limit(limit + 1).offset(offset)).all()
    total = None
    if with_total:
        total = session.scalar(select(func.count()).select_from(rows)) or 0
    return found[:limit], len(found) > limit, total


def member_filter(text: str) -> list[Any]:
    """WHERE terms for members matching ``text`` (a code, or every word as a name prefix)."""
    query = SearchQuery.parse(text)
    if query.empty:
        return []
    prefixes = [
        exists().where(_T.member_id == M.id, _T.term >= p, _T.term < p + TOP)
        for p in query.prefixes
    ]
    return [or_(M.code == query.code, and_(*prefixes))]


def last_visit_of(member_id: Any) -> Any:
    """The member's latest visit date (from the unique (member_id, visit_date, seq) index)."""
    return (
        select(func.max(VisitModel.visit_date))
        .where(VisitModel.member_id == member_id)
        .scalar_subquery()
    )


def open_count(peer_id: Any, kind: AssignmentKind) -> Any:
    """Open assignments of ``kind`` of a peer, not counting archived members."""
    return (
        select(func.count())
        .select_from(A)
        .join(M, M.id == A.member_id)
        .where(
            A.peer_id == peer_id,
            A.ended_on.is_(None),
            A.kind == kind,
            M.status != MemberStatus.ARCHIVED,
        )
        .scalar_subquery()
    )


ROSTER_SORTS = {
    "name": SortSpec(("sort_key",)),
    "role": SortSpec(("role", "sort_key")),
    "caseload": SortSpec(("caseload", "sort_key")),
}
UNASSIGNED_SORTS = {
    "name": SortSpec(("sort_key",)),
    "code": SortSpec(("code",)),
    "joined": SortSpec(("joined_on",)),
    "last_visit": SortSpec(("last_visit",), nulls_first=True),
}


class PeerRepository:
    """Reads and writes peers and their assignments inside a caller's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # --- peers ----------------------------------------------------------------------------

    def get(self, peer_id: int) -> PeerModel | None:
        return self.session.get(PeerModel, peer_id)

    def roster(
        self,
        *,
        today: dt.date,
        default_cap: int,
        text: str = "",
        role: PeerRole | None = None,
        include_inactive: bool = False,
        sort: str = "name",
        descending: bool = False,
        limit: int = 100,
        offset: int = 0,
        with_total: bool = False,
    ) -> tuple[list[PeerRow], bool, int | None]:
        """One page of the roster with caseloads against caps and certificate alerts."""
        spec = sort_choice(ROSTER_SORTS, sort)
        soon = today + dt.timedelta(days=EXPIRY_WARNING_DAYS)

        def certs(*where: Any) -> Any:
            return select(func.count()).where(C.peer_id == P.id, *where).scalar_subquery()

        stmt = select(
            P.id,
            P.name,
            P.sort_key,
            P.role,
            P.phone,
            P.email,
            P.active,
            P.caseload_cap,
            P.version,
            open_count(P.id, AssignmentKind.PRIMARY).label("caseload"),
            open_count(P.id, AssignmentKind.SECONDARY).label("secondary"),
            certs(C.expires_on < today).label("expired"),
            certs(C.expires_on >= today, C.expires_on <= soon).label("expiring"),
        )
        if not include_inactive:
            stmt = stmt.where(P.active.is_(True))
        if role is not None:
            stmt = stmt.where(P.role == role)
        for word in words(text):
            stmt = stmt.where(P.sort_key.contains(word, autoescape=True))
        rows = stmt.subquery("roster")
        order = ordered(rows.c, spec, descending, ("sort_key", "id"))
        found, more, total = page_of(self.session, rows, order, limit, offset, with_total)
        return [_peer_row(r, default_cap) for r in found], more, total

    def active_peers(self) -> list[tuple[int, str, PeerRole]]:
        """Every active peer's id, name and role, by name (a short list: for pickers)."""
        stmt = select(P.id, P.name, P.role).where(P.active.is_(True)).order_by(P.sort_key, P.id)
        return [(r.id, r.name, r.role) for r in self.session.execute(stmt)]

    def caseload_status(self, peer_id: int, cap: int) -> CaseloadStatus:
        count, secondary = self.session.execute(
            select(
                open_count(peer_id, AssignmentKind.PRIMARY),
                open_count(peer_id, AssignmentKind.SECONDARY),
            )
        ).one()
        return CaseloadStatus(peer_id=peer_id, count=count, cap=cap, secondary=secondary)

    def open_assignment_count(self, peer_id: int) -> int:
        """Open assignments of a peer of either kind (archived members too)."""
        stmt = select(func.count()).where(A.peer_id == peer_id, A.ended_on.is_(None))
        return self.session.scalar(stmt) or 0

    # --- certifications and supervision ---------------------------------------------------

    def certification(self, certification_id: int) -> CertificationModel | None:
        return self.session.get(CertificationModel, certification_id)

    def certifications(
        self, today: dt.date, *, peer_id: int | None = None, alerts_only: bool = False
    ) -> list[Certification]:
        """Certifications of one peer (or all), soonest expiry first; alerts: expired or soon."""
        stmt = select(C, P.name).join(P, P.id == C.peer_id)
        if peer_id is not None:
            stmt = stmt.where(C.peer_id == peer_id)
        if alerts_only:
            limit = today + dt.timedelta(days=EXPIRY_WARNING_DAYS)
            stmt = stmt.where(C.expires_on <= limit, P.active.is_(True))
        stmt = stmt.order_by(C.expires_on.is_(None), C.expires_on, C.name, C.id)
        return [to_certification(c, name, today) for c, name in self.session.execute(stmt)]

    def supervision(self, peer_id: int, limit: int, offset: int) -> tuple[list[Any], bool]:
        stmt = (
            select(S)
            .where(S.peer_id == peer_id)
            .order_by(S.held_on.desc(), S.id.desc())
            .limit(max(limit, 0) + 1)
            .offset(max(offset, 0))
        )
        found = [to_supervision(s) for s in self.session.scalars(stmt)]
        return found[:limit], len(found) > limit

    # --- assignments ----------------------------------------------------------------------

    def assignment(self, assignment_id: int) -> AssignmentModel | None:
        return self.session.get(AssignmentModel, assignment_id)

    def open_assignment(self, member_id: int, kind: AssignmentKind) -> AssignmentModel | None:
        stmt = select(A).where(A.member_id == member_id, A.kind == kind, A.ended_on.is_(None))
        return self.session.scalar(stmt)

    def open_assignments_of_peer(self, peer_id: int) -> list[tuple[AssignmentModel, MemberStatus]]:
        """A peer's open assignments (archived members too), each with the member's status."""
        stmt = (
            select(A, M.status)
            .join(M, M.id == A.member_id)
            .where(A.peer_id == peer_id, A.ended_on.is_(None))
            .order_by(A.id)
        )
        return [(a, status) for a, status in self.session.execute(stmt)]

    def open_assignments_to(self, peer_id: int, member_ids: set[int]) -> dict[int, AssignmentModel]:
        """The peer's open assignments among ``member_ids``, by member (for a transfer)."""
        stmt = select(A).where(A.peer_id == peer_id, A.ended_on.is_(None))
        return {a.member_id: a for a in self.session.scalars(stmt) if a.member_id in member_ids}

    def add_assignments(self, models: Sequence[AssignmentModel]) -> None:
        """Insert new open assignments; ``ConflictError`` when another desk got there first.

        The partial unique index ``uq_assignments_open`` allows one open assignment of each
        kind per member; losing that race raises an ``IntegrityError`` on both engines,
        turned here into a plain sentence (inside a savepoint, so nothing half-saved stays).
        """
        try:
            with self.session.begin_nested():
                self.session.add_all(models)
                self.session.flush()
        except exc.IntegrityError as error:
            raise ConflictError(
                "Someone else just assigned a peer to this member. Nothing was saved; "
                "reload to see who the member's peer is now."
            ) from error

    def history(self, member_id: int) -> list[Assignment]:
        """Every assignment the member ever had, open ones and the newest first."""
        stmt = (
            select(A, P.name)
            .join(P, P.id == A.peer_id)
            .where(A.member_id == member_id)
            .order_by(A.ended_on.is_not(None), A.started_on.desc(), A.id.desc())
        )
        return [to_assignment(a, name) for a, name in self.session.execute(stmt)]

    def peer_name(self, peer_id: int) -> str:
        return self.session.scalar(select(P.name).where(P.id == peer_id)) or ""

    # --- members without a primary peer ---------------------------------------------------

    def unassigned(
        self,
        *,
        text: str = "",
        sort: str = "name",
        descending: bool = False,
        limit: int = 100,
        offset: int = 0,
        with_total: bool = False,
    ) -> tuple[list[UnassignedRow], bool, int | None]:
        """Members (status member: no guests, not archived) with no open primary assignment."""
        spec = sort_choice(UNASSIGNED_SORTS, sort)
        has_primary = exists().where(
            A.member_id == M.id, A.ended_on.is_(None), A.kind == AssignmentKind.PRIMARY
        )
        stmt = select(
            M.id,
            M.code,
            M.first_name,
            M.last_name,
            M.preferred_name,
            M.pronouns,
            M.joined_on,
            M.sort_key,
            last_visit_of(M.id).label("last_visit"),
        ).where(M.status == MemberStatus.MEMBER, ~has_primary, *member_filter(text))
        rows = stmt.subquery("unassigned")
        order = ordered(rows.c, spec, descending, ("sort_key", "id"))
        found, more, total = page_of(self.session, rows, order, limit, offset, with_total)
        return [_unassigned(r) for r in found], more, total

    def member_status(self, member_id: int) -> MemberStatus | None:
        return self.session.scalar(select(M.status).where(M.id == member_id))


# --- values -----------------------------------------------------------------------------------


def _peer_row(r: Any, default_cap: int) -> PeerRow:
    cap = r.caseload_cap if r.caseload_cap is not None else default_cap
    return PeerRow(
        id=r.id,
        name=r.name,
        role=r.role,
        phone=r.phone,
        email=r.email,
        active=r.active,
        caseload=CaseloadStatus(peer_id=r.id, count=r.caseload, cap=cap, secondary=r.secondary),
        default_cap=r.caseload_cap is None,
        expiring_certifications=r.expiring,
        expired_certifications=r.expired,
        version=r.version,
    )


def _unassigned(r: Any) -> UnassignedRow:
    return UnassignedRow(
        member_id=r.id,
        code=r.code,
        name=display_name(r.first_name, r.last_name, r.preferred_name),
        pronouns=r.pronouns,
        joined_on=r.joined_on,
        last_visit=r.last_visit,
    )


def to_certification(model: CertificationModel, peer_name: str, today: dt.date) -> Certification:
    return Certification(
        id=model.id,
        peer_id=model.peer_id,
        peer_name=peer_name,
        name=model.name,
        number=model.number,
        issued_on=model.issued_on,
        expires_on=model.expires_on,
        status=certification_status(model.expires_on, today),
    )


def to_supervision(model: SupervisionModel) -> SupervisionSession:
    return SupervisionSession(
        id=model.id,
        peer_id=model.peer_id,
        held_on=model.held_on,
        supervisor=model.supervisor,
        topics=model.topics,
        note=model.note,
        recorded_by=model.recorded_by,
        created_at=model.created_at,
    )


def to_assignment(model: AssignmentModel, peer_name: str) -> Assignment:
    return Assignment(
        id=model.id,
        member_id=model.member_id,
        peer_id=model.peer_id,
        peer_name=peer_name,
        kind=model.kind,
        started_on=model.started_on,
        ended_on=model.ended_on,
        end_reason=model.end_reason,
        recorded_by=model.recorded_by,
    )


# --- many rows at once (demo data) ------------------------------------------------------------


class MemberFact(NamedTuple):
    """What demo peer work needs to know about a member."""

    id: int
    status: MemberStatus
    joined_on: dt.date


def member_facts(session: Session, member_ids: Sequence[int]) -> list[MemberFact]:
    """Status and joining date of ``member_ids`` (read over their id range, in id order)."""
    if not member_ids:
        return []
    wanted = set(member_ids)
    stmt = (
        select(M.id, M.status, M.joined_on)
        .where(M.id.between(min(wanted), max(wanted)))
        .order_by(M.id)
    )
    return [MemberFact(*r) for r in session.execute(stmt) if r.id in wanted]


def insert_rows(session: Session, model: type[Any], rows: Sequence[dict[str, Any]]) -> None:
    """One ``executemany`` per batch of plain rows (assignments, certificates, sessions)."""
    table = model.__table__
    for start in range(0, len(rows), 5000):
        session.execute(insert(table), list(rows[start : start + 5000]))


def insert_peer(session: Session, values: dict[str, Any]) -> int:
    """Insert one peer row; its id."""
    return int(session.execute(insert(P.__table__).returning(P.id), values).scalar_one())


def end_open_assignments(session: Session, peer_id: int, on: dt.date, reason: str) -> int:
    """End every open assignment of a peer (bulk); how many were ended."""
    result = session.execute(
        update(A)
        .where(A.peer_id == peer_id, A.ended_on.is_(None))
        .values(ended_on=on, end_reason=reason)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
