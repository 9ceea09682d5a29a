"""Peer queries: the roster, certifications, supervision, assignments, the unassigned.

Lists are filtered, sorted and paged in SQL (``lists.sorted_page``); counts beside each
row (caseload, certificate alerts, last visit) are correlated subqueries answered from
indexes, never whole tables read into Python. Repositories never commit; they run inside a
service's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import exc, exists, func, select
from sqlalchemy.orm import Session

from recoverydesk.db.models import MemberModel
from recoverydesk.db.models_peers import (
    AssignmentModel,
    CertificationModel,
    PeerModel,
    SupervisionModel,
)
from recoverydesk.db.repositories.lists import SortSpec, last_visit_of, member_filter, sorted_page
from recoverydesk.domain.errors import ConflictError
from recoverydesk.domain.members import MemberStatus, display_name
from recoverydesk.domain.peers import (
    EXPIRY_WARNING_DAYS,
    Assignment,
    AssignmentKind,
    CaseloadStatus,
    Certification,
    CertificationDraft,
    Page,
    PageRequest,
    Peer,
    PeerDraft,
    PeerRole,
    PeerRow,
    SupervisionSession,
    UnassignedRow,
    certification_status,
)
from recoverydesk.domain.text import name_search_key, words

A = AssignmentModel
M = MemberModel
P = PeerModel
C = CertificationModel
S = SupervisionModel


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
        page: PageRequest,
    ) -> Page[PeerRow]:
        """One page of the roster with caseloads against caps and certificate alerts."""
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
        return sorted_page(
            self.session,
            stmt.subquery("roster"),
            ROSTER_SORTS,
            page,
            ("sort_key", "id"),
            lambda r: _peer_row(r, default_cap),
        )

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
        page: PageRequest,
    ) -> Page[UnassignedRow]:
        """Members (status member: no guests, not archived) with no open primary assignment."""
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
        return sorted_page(
            self.session,
            stmt.subquery("unassigned"),
            UNASSIGNED_SORTS,
            page,
            ("sort_key", "id"),
            _unassigned,
        )

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


def to_peer(model: PeerModel) -> Peer:
    return Peer(
        id=model.id,
        name=model.name,
        role=model.role,
        phone=model.phone,
        email=model.email,
        active=model.active,
        caseload_cap=model.caseload_cap,
        version=model.version,
        created_at=model.created_at,
        updated_at=model.updated_at,
    )


def fill_peer(model: PeerModel, draft: PeerDraft) -> None:
    """Copy a (cleaned, valid) draft onto ``model``, with the name's sort key."""
    model.name = draft.name
    model.sort_key = name_search_key(draft.name)[:300]
    model.role = draft.role
    model.phone = draft.phone
    model.email = draft.email
    model.active = draft.active
    model.caseload_cap = draft.caseload_cap


def fill_certification(model: CertificationModel, draft: CertificationDraft) -> None:
    model.name = draft.name
    model.number = draft.number
    model.issued_on = draft.issued_on
    model.expires_on = draft.expires_on


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
