"""Peers: the roster, certifications, supervision, assignments, caseloads, the unassigned.

One method, one user action, one transaction; each checks the signed-in person's rights
first (``Access.require``) and writes its audit entry inside its own write. Rights:
``PEERS_VIEW`` reads the roster, caseloads and assignment history; ``PEERS_MANAGE`` adds
and edits peers and certifications; ``SUPERVISION`` reads and writes the supervision log
(its notes are restricted); ``ASSIGN`` assigns, ends and transfers. Nothing here returns
a contact note (see ``ContactService``).

A peer's caseload is their open *primary* assignments of members who are not archived;
it counts against the peer's own cap or the site's ``default_caseload_cap``. Secondary
assignments are listed and counted apart. Assignment history is never deleted: ending or
transferring closes an assignment with a date and a reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn, TypeVar

from recoverydesk.db.models_peers import (
    AssignmentModel,
    CertificationModel,
    PeerModel,
    SupervisionModel,
)
from recoverydesk.db.repositories.contacts import ContactRepository
from recoverydesk.db.repositories.peers import (
    PeerRepository,
    to_assignment,
    to_certification,
    to_supervision,
)
from recoverydesk.db.session import Database
from recoverydesk.domain.accounts import Action, AuditAction
from recoverydesk.domain.clock import Clock
from recoverydesk.domain.errors import ConflictError, FieldError, NotFoundError, ValidationError
from recoverydesk.domain.members import MemberStatus
from recoverydesk.domain.peers import (
    Assignment,
    AssignmentKind,
    CaseloadPage,
    CaseloadStatus,
    CaseloadTransfer,
    Certification,
    CertificationDraft,
    MemberPeers,
    Page,
    Peer,
    PeerDraft,
    PeerRole,
    PeerRow,
    SupervisionDraft,
    SupervisionSession,
    UnassignedRow,
    validate_certification,
    validate_peer,
    validate_period,
    validate_start,
    validate_supervision,
)
from recoverydesk.domain.text import clean_multiline, clean_text, name_search_key
from recoverydesk.services.access import Access
from recoverydesk.services.contacts import EXPORT_PAGE, write_csv
from recoverydesk.services.settings import SettingsService

T = TypeVar("T")

ROSTER_COLUMNS = (
    "name", "role", "active", "phone", "email", "caseload", "cap", "over_cap",
    "secondary", "expiring_certifications", "expired_certifications",
)  # fmt: skip
CASELOAD_COLUMNS = (
    "member_code", "name", "kind", "started_on", "last_contact", "next_follow_up",
    "follow_up_overdue", "last_visit",
)  # fmt: skip
UNASSIGNED_COLUMNS = ("member_code", "name", "joined_on", "last_visit")


class PeerService:
    """Everything the app does with peers, their certificates, supervision and caseloads."""

    def __init__(
        self, db: Database, clock: Clock, settings: SettingsService, access: Access
    ) -> None:
        self._db = db
        self._clock = clock
        self._settings = settings
        self._access = access

    # --- the roster -----------------------------------------------------------------------

    def validate(self, draft: PeerDraft) -> list[FieldError]:
        """Every problem with ``draft`` (for a form that checks as the person types)."""
        return validate_peer(_clean_peer(draft))

    def create(self, draft: PeerDraft) -> Peer:
        """Add a peer to the roster."""
        self._access.require(Action.PEERS_MANAGE)
        draft = _valid_peer(draft)
        now = self._clock.now()
        with self._db.write() as session:
            model = PeerModel(version=1, created_at=now, updated_at=now)
            _apply(model, draft)
            session.add(model)
            session.flush()
            self._access.record(session, AuditAction.CREATE, "peer", model.id)
            return _to_peer(model)

    def update(self, peer_id: int, draft: PeerDraft, expected_version: int) -> Peer:
        """Save edits; ``ConflictError`` when someone saved the peer since it was opened.

        A peer who still has members cannot be made inactive: transfer the caseload first.
        """
        self._access.require(Action.PEERS_MANAGE)
        draft = _valid_peer(draft)
        try:
            with self._db.write() as session:
                repo = PeerRepository(session)
                model = _peer(repo, peer_id)
                if model.version != expected_version:
                    raise _stale()
                if model.active and not draft.active and repo.open_assignment_count(peer_id):
                    _refuse("active", "This peer still has members: transfer the caseload first")
                _apply(model, draft)
                model.updated_at = self._clock.now()
                session.flush()
                self._access.record(session, AuditAction.UPDATE, "peer", model.id)
                return _to_peer(model)
        except ConflictError as error:
            raise _stale() from error

    def get(self, peer_id: int) -> Peer:
        self._access.require(Action.PEERS_VIEW)
        with self._db.read() as session:
            return _to_peer(_peer(PeerRepository(session), peer_id))

    def roster(
        self,
        text: str = "",
        *,
        role: PeerRole | None = None,
        include_inactive: bool = False,
        sort: str = "name",
        descending: bool = False,
        limit: int = 100,
        offset: int = 0,
        with_total: bool = False,
    ) -> Page[PeerRow]:
        """One page of peers (active only unless asked) with caseload and certificate alerts.

        ``text`` matches words of the name (accent- and case-insensitive). Sorts: name,
        role, caseload.
        """
        self._access.require(Action.PEERS_VIEW)
        default_cap = self._default_cap()
        with self._db.read() as session:
            rows, more, total = PeerRepository(session).roster(
                today=self._clock.today(),
                default_cap=default_cap,
                text=text,
                role=role,
                include_inactive=include_inactive,
                sort=sort,
                descending=descending,
                limit=limit,
                offset=offset,
                with_total=with_total,
            )
        return Page(tuple(rows), more, total)

    def active_peers(self) -> list[tuple[int, str, PeerRole]]:
        """(id, name, role) of every active peer by name: for "assign to" pickers."""
        self._access.require(Action.PEERS_VIEW)
        with self._db.read() as session:
            return PeerRepository(session).active_peers()

    def export_roster(self, path: str | Path, *, include_inactive: bool = True) -> int:
        """Write the roster to a CSV file; how many peers were written."""
        self._access.require(Action.PEERS_VIEW)
        rows = (
            (
                p.name,
                p.role,
                p.active,
                p.phone,
                p.email,
                p.caseload.count,
                p.caseload.cap,
                p.caseload.over_cap,
                p.caseload.secondary,
                p.expiring_certifications,
                p.expired_certifications,
            )  # fmt: skip
            for p in self._all(
                lambda offset: self.roster(
                    include_inactive=include_inactive, limit=EXPORT_PAGE, offset=offset
                )
            )
        )
        count = write_csv(path, ROSTER_COLUMNS, rows)
        self._access.log(AuditAction.EXPORT, "peers", "", f"{count} rows")
        return count

    # --- certifications -------------------------------------------------------------------

    def certifications(self, peer_id: int) -> list[Certification]:
        """A peer's certifications, soonest expiry first, each flagged expired or soon."""
        self._access.require(Action.PEERS_VIEW)
        with self._db.read() as session:
            return PeerRepository(session).certifications(self._clock.today(), peer_id=peer_id)

    def certification_alerts(self) -> list[Certification]:
        """Certifications of active peers that have expired or expire within 60 days."""
        self._access.require(Action.PEERS_VIEW)
        with self._db.read() as session:
            return PeerRepository(session).certifications(self._clock.today(), alerts_only=True)

    def add_certification(self, peer_id: int, draft: CertificationDraft) -> Certification:
        self._access.require(Action.PEERS_MANAGE)
        draft = self._valid_certification(draft)
        with self._db.write() as session:
            peer = _peer(PeerRepository(session), peer_id)
            model = CertificationModel(peer_id=peer_id)
            _apply_certification(model, draft)
            session.add(model)
            session.flush()
            self._access.record(session, AuditAction.CREATE, "certification", model.id)
            return to_certification(model, peer.name, self._clock.today())

    def update_certification(
        self, certification_id: int, draft: CertificationDraft
    ) -> Certification:
        self._access.require(Action.PEERS_MANAGE)
        draft = self._valid_certification(draft)
        with self._db.write() as session:
            repo = PeerRepository(session)
            model = _certification(repo, certification_id)
            _apply_certification(model, draft)
            session.flush()
            self._access.record(session, AuditAction.UPDATE, "certification", model.id)
            return to_certification(model, repo.peer_name(model.peer_id), self._clock.today())

    def remove_certification(self, certification_id: int) -> None:
        """Delete a certification entered by mistake."""
        self._access.require(Action.PEERS_MANAGE)
        with self._db.write() as session:
            model = _certification(PeerRepository(session), certification_id)
            session.delete(model)
            session.flush()
            self._access.record(
                session, AuditAction.UPDATE, "certification", certification_id, "removed"
            )

    # --- supervision ----------------------------------------------------------------------

    def add_supervision(self, peer_id: int, draft: SupervisionDraft) -> SupervisionSession:
        actor = self._access.require(Action.SUPERVISION)
        draft = SupervisionDraft(
            held_on=draft.held_on,
            supervisor=clean_text(draft.supervisor),
            topics=clean_text(draft.topics),
            note=clean_multiline(draft.note),
        )
        _raise(validate_supervision(draft, self._clock.today()))
        with self._db.write() as session:
            _peer(PeerRepository(session), peer_id)
            model = SupervisionModel(
                peer_id=peer_id,
                held_on=draft.held_on,
                supervisor=draft.supervisor,
                topics=draft.topics,
                note=draft.note,
                recorded_by=actor.username[:80],
                created_at=self._clock.now(),
            )
            session.add(model)
            session.flush()
            self._access.record(session, AuditAction.CREATE, "supervision", model.id)
            return to_supervision(model)

    def supervision_log(
        self, peer_id: int, *, limit: int = 50, offset: int = 0
    ) -> Page[SupervisionSession]:
        """A peer's supervision sessions, newest first, notes included (audited)."""
        self._access.require(Action.SUPERVISION)
        with self._db.read() as session:
            rows, more = PeerRepository(session).supervision(peer_id, limit, offset)
        self._access.log(AuditAction.VIEW, "supervision", peer_id, f"{len(rows)} sessions")
        return Page(tuple(rows), more)

    # --- assignments ----------------------------------------------------------------------

    def assign(
        self,
        member_id: int,
        peer_id: int,
        *,
        kind: AssignmentKind = AssignmentKind.PRIMARY,
        started_on: dt.date | None = None,
    ) -> Assignment:
        """Assign a member to a peer; refused when they already have a peer of that kind.

        Changing a member's peer is a ``transfer`` (it keeps the history and the reason).
        """
        actor = self._access.require(Action.ASSIGN)
        today = self._clock.today()
        started_on = started_on or today
        _raise(validate_start(started_on, today))
        with self._db.write() as session:
            repo = PeerRepository(session)
            _assignable(repo, member_id)
            peer = _active_peer(repo, peer_id, "peer_id")
            current = repo.open_assignment(member_id, kind)
            if current is not None:
                who = repo.peer_name(current.peer_id)
                _refuse(
                    "peer_id",
                    f"This member already has a {kind.label.lower()} peer ({who}, since "
                    f"{current.started_on.isoformat()}). Use Transfer to change it, so the "
                    "history keeps the reason.",
                )
            other = repo.open_assignment(member_id, _other(kind))
            if other is not None and other.peer_id == peer_id:
                _refuse("peer_id", f"{peer.name} is already this member's {_other(kind)} peer")
            model = self._new(member_id, peer_id, kind, started_on, actor.username)
            repo.add_assignments([model])
            detail = f"member {member_id} to peer {peer_id} ({kind.value})"
            self._access.record(session, AuditAction.CREATE, "assignment", model.id, detail)
            return to_assignment(model, peer.name)

    def end_assignment(
        self, assignment_id: int, reason: str, *, ended_on: dt.date | None = None
    ) -> Assignment:
        """Close an open assignment with a reason (it stays in the member's history)."""
        self._access.require(Action.ASSIGN)
        reason = clean_text(reason)
        today = self._clock.today()
        ended_on = ended_on or today
        with self._db.write() as session:
            repo = PeerRepository(session)
            model = repo.assignment(assignment_id)
            if model is None:
                raise NotFoundError(f"Assignment {assignment_id} no longer exists.")
            if model.ended_on is not None:
                _refuse("ended_on", f"Already ended on {model.ended_on.isoformat()}")
            _raise(validate_period(model.started_on, ended_on, today, reason))
            model.ended_on, model.end_reason = ended_on, reason
            session.flush()
            self._access.record(session, AuditAction.UPDATE, "assignment", model.id, "ended")
            return to_assignment(model, repo.peer_name(model.peer_id))

    def transfer(
        self,
        member_id: int,
        to_peer_id: int,
        reason: str,
        *,
        kind: AssignmentKind = AssignmentKind.PRIMARY,
        on: dt.date | None = None,
    ) -> Assignment:
        """Move a member to another peer, keeping the history.

        The old assignment ends on ``on`` with ``reason`` and the new one starts that day.
        If the new peer was the member's secondary peer, that ends too (now the primary).
        """
        actor = self._access.require(Action.ASSIGN)
        reason = clean_text(reason)
        today = self._clock.today()
        on = on or today
        with self._db.write() as session:
            repo = PeerRepository(session)
            _assignable(repo, member_id)
            current = repo.open_assignment(member_id, kind)
            if current is None:
                _refuse("peer_id", f"This member has no {kind} peer to transfer; use Assign")
            peer = _active_peer(repo, to_peer_id, "to_peer_id")
            if current.peer_id == to_peer_id:
                _refuse("to_peer_id", f"{peer.name} is already this member's peer")
            other = repo.open_assignment(member_id, _other(kind))
            held = other if other is not None and other.peer_id == to_peer_id else None
            if held is not None and kind is AssignmentKind.SECONDARY:
                _refuse("to_peer_id", f"{peer.name} is already this member's primary peer")
            for ending in (current, held):
                if ending is not None:
                    _raise(validate_period(ending.started_on, on, today, reason))
                    ending.ended_on, ending.end_reason = on, reason
            session.flush()
            model = self._new(member_id, to_peer_id, kind, on, actor.username)
            repo.add_assignments([model])
            detail = f"member {member_id} from peer {current.peer_id} to peer {to_peer_id}"
            self._access.record(session, AuditAction.UPDATE, "assignment", current.id, detail)
            return to_assignment(model, peer.name)

    def transfer_caseload(
        self, from_peer_id: int, to_peer_id: int, reason: str, *, on: dt.date | None = None
    ) -> CaseloadTransfer:
        """Move every open assignment of one peer to another in one transaction.

        Each old assignment ends on ``on`` with ``reason``; the new peer gets the same kind
        from that day. Archived members' assignments just end. Where the new peer already
        is the member's other peer: a primary moving onto their secondary makes them the
        primary; a secondary moving onto their primary just ends.
        """
        actor = self._access.require(Action.ASSIGN)
        reason = clean_text(reason)
        today = self._clock.today()
        on = on or today
        if from_peer_id == to_peer_id:
            _refuse("to_peer_id", "Choose a different peer")
        default_cap = self._default_cap()
        with self._db.write() as session:
            repo = PeerRepository(session)
            _peer(repo, from_peer_id)
            peer = _active_peer(repo, to_peer_id, "to_peer_id")
            moving = repo.open_assignments_of_peer(from_peer_id)
            held = repo.open_assignments_to(to_peer_id, {a.member_id for a, _ in moving})
            ending, moved = _caseload_moves(moving, held)
            for model in ending:
                _raise(validate_period(model.started_on, on, today, reason))
                model.ended_on, model.end_reason = on, reason
            session.flush()
            fresh = [self._new(a.member_id, to_peer_id, a.kind, on, actor.username) for a in moved]
            repo.add_assignments(fresh)
            ended = len(ending)
            detail = f"caseload to peer {to_peer_id}: {ended} ended, {len(fresh)} opened"
            self._access.record(session, AuditAction.UPDATE, "peer", from_peer_id, detail)
            status_now = repo.caseload_status(to_peer_id, _cap(peer, default_cap))
        return CaseloadTransfer(from_peer_id, to_peer_id, ended, len(fresh), status_now)

    def member_peers(self, member_id: int) -> MemberPeers:
        """A member's primary and secondary peer now, and their whole assignment history."""
        self._access.require(Action.PEERS_VIEW)
        with self._db.read() as session:
            history = PeerRepository(session).history(member_id)

        def current(kind: AssignmentKind) -> Assignment | None:
            return next((a for a in history if a.open and a.kind is kind), None)

        return MemberPeers(
            current(AssignmentKind.PRIMARY), current(AssignmentKind.SECONDARY), tuple(history)
        )

    # --- caseloads and the unassigned -----------------------------------------------------

    def caseload_status(self, peer_id: int) -> CaseloadStatus:
        """A peer's caseload count against their cap (``over_cap``, ``warning``)."""
        self._access.require(Action.PEERS_VIEW)
        default_cap = self._default_cap()
        with self._db.read() as session:
            repo = PeerRepository(session)
            return repo.caseload_status(peer_id, _cap(_peer(repo, peer_id), default_cap))

    def caseload(
        self,
        peer_id: int,
        *,
        text: str = "",
        kind: AssignmentKind | None = None,
        sort: str = "name",
        descending: bool = False,
        limit: int = 100,
        offset: int = 0,
        with_total: bool = False,
    ) -> CaseloadPage:
        """One page of a peer's members with last contact, next follow-up and last visit.

        Sorts: name, code, started, last_contact, next_follow_up, last_visit, kind.
        """
        self._access.require(Action.PEERS_VIEW)
        default_cap = self._default_cap()
        with self._db.read() as session:
            repo = PeerRepository(session)
            status = repo.caseload_status(peer_id, _cap(_peer(repo, peer_id), default_cap))
            rows, more, total = ContactRepository(session).caseload(
                peer_id,
                today=self._clock.today(),
                kind=kind,
                text=text,
                sort=sort,
                descending=descending,
                limit=limit,
                offset=offset,
                with_total=with_total,
            )
        return CaseloadPage(tuple(rows), more, status, total)

    def export_caseload(self, path: str | Path, peer_id: int, *, sort: str = "name") -> int:
        """Write a peer's whole caseload to a CSV file; how many members were written."""
        self._access.require(Action.PEERS_VIEW)
        rows = (
            (
                r.code,
                r.name,
                r.kind,
                r.started_on,
                r.last_contact,
                r.next_follow_up,
                r.follow_up_overdue,
                r.last_visit,
            )  # fmt: skip
            for r in self._all(
                lambda offset: self.caseload(peer_id, sort=sort, limit=EXPORT_PAGE, offset=offset)
            )
        )
        count = write_csv(path, CASELOAD_COLUMNS, rows)
        self._access.log(AuditAction.EXPORT, "caseload", peer_id, f"{count} rows")
        return count

    def needs_assignment(
        self,
        text: str = "",
        *,
        sort: str = "name",
        descending: bool = False,
        limit: int = 100,
        offset: int = 0,
        with_total: bool = False,
    ) -> Page[UnassignedRow]:
        """Members (not guests, not archived) with no open primary assignment.

        Sorts: name, code, joined, last_visit.
        """
        self._access.require(Action.PEERS_VIEW)
        with self._db.read() as session:
            rows, more, total = PeerRepository(session).unassigned(
                text=text,
                sort=sort,
                descending=descending,
                limit=limit,
                offset=offset,
                with_total=with_total,
            )
        return Page(tuple(rows), more, total)

    def export_needs_assignment(self, path: str | Path, *, text: str = "") -> int:
        """Write every member waiting for a peer to a CSV file; how many were written."""
        self._access.require(Action.PEERS_VIEW)
        rows = (
            (r.code, r.name, r.joined_on, r.last_visit)
            for r in self._all(
                lambda offset: self.needs_assignment(text, limit=EXPORT_PAGE, offset=offset)
            )
        )
        count = write_csv(path, UNASSIGNED_COLUMNS, rows)
        self._access.log(AuditAction.EXPORT, "needs-assignment", "", f"{count} rows")
        return count

    # --- helpers --------------------------------------------------------------------------

    def _default_cap(self) -> int:
        return self._settings.get().default_caseload_cap

    def _valid_certification(self, draft: CertificationDraft) -> CertificationDraft:
        draft = CertificationDraft(
            clean_text(draft.name), clean_text(draft.number), draft.issued_on, draft.expires_on
        )
        _raise(validate_certification(draft, self._clock.today()))
        return draft

    def _new(
        self,
        member_id: int,
        peer_id: int,
        kind: AssignmentKind,
        started_on: dt.date,
        username: str,
    ) -> AssignmentModel:
        return AssignmentModel(
            member_id=member_id,
            peer_id=peer_id,
            kind=kind,
            started_on=started_on,
            ended_on=None,
            end_reason="",
            recorded_by=username[:80],
            created_at=self._clock.now(),
        )

    @staticmethod
    def _all(fetch: Callable[[int], Page[T] | CaseloadPage]) -> Iterator[T]:
        """Every row of a paged list, a page at a time (for exports)."""
        offset = 0
        while True:
            page = fetch(offset)
            yield from page.rows  # type: ignore[misc]
            if not page.has_more:
                return
            offset += EXPORT_PAGE


def _caseload_moves(
    moving: list[tuple[AssignmentModel, MemberStatus]], held: dict[int, AssignmentModel]
) -> tuple[list[AssignmentModel], list[AssignmentModel]]:
    """Which assignments a caseload transfer ends, and which of them move to the new peer.

    ``held``: the new peer's open assignments of the same members. Archived members'
    assignments only end; a primary moving onto the new peer's secondary ends that
    secondary too; a secondary moving onto the new peer's primary only ends.
    """
    ending: list[AssignmentModel] = []
    moved: list[AssignmentModel] = []
    for assignment, status in moving:
        ending.append(assignment)
        if status is MemberStatus.ARCHIVED:
            continue
        other = held.get(assignment.member_id)
        if other is not None:
            if assignment.kind is not AssignmentKind.PRIMARY:
                continue
            ending.append(other)
        moved.append(assignment)
    return ending, moved


def _raise(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationError(errors)


def _refuse(field: str, message: str) -> NoReturn:
    raise ValidationError([FieldError(field, message)])


def _clean_peer(draft: PeerDraft) -> PeerDraft:
    roles = {r.value for r in PeerRole}
    return PeerDraft(
        name=clean_text(draft.name),
        role=PeerRole(draft.role) if draft.role in roles else draft.role,
        phone=clean_text(draft.phone),
        email=clean_text(draft.email),
        active=bool(draft.active),
        caseload_cap=draft.caseload_cap,
    )


def _valid_peer(draft: PeerDraft) -> PeerDraft:
    draft = _clean_peer(draft)
    _raise(validate_peer(draft))
    return draft


def _apply(model: PeerModel, draft: PeerDraft) -> None:
    model.name = draft.name
    model.sort_key = name_search_key(draft.name)[:300]
    model.role = draft.role
    model.phone = draft.phone
    model.email = draft.email
    model.active = draft.active
    model.caseload_cap = draft.caseload_cap


def _apply_certification(model: CertificationModel, draft: CertificationDraft) -> None:
    model.name = draft.name
    model.number = draft.number
    model.issued_on = draft.issued_on
    model.expires_on = draft.expires_on


def _to_peer(model: PeerModel) -> Peer:
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


def _cap(peer: PeerModel, default_cap: int) -> int:
    return peer.caseload_cap if peer.caseload_cap is not None else default_cap


def _other(kind: AssignmentKind) -> AssignmentKind:
    primary = AssignmentKind.PRIMARY
    return AssignmentKind.SECONDARY if kind is primary else primary


def _peer(repo: PeerRepository, peer_id: int) -> PeerModel:
    model = repo.get(peer_id)
    if model is None:
        raise NotFoundError(f"Peer {peer_id} no longer exists.")
    return model


def _active_peer(repo: PeerRepository, peer_id: int, field: str) -> PeerModel:
    model = repo.get(peer_id)
    if model is None:
        _refuse(field, f"Peer {peer_id} does not exist")
    if not model.active:
        _refuse(field, f"{model.name} is not an active peer")
    return model


def _assignable(repo: PeerRepository, member_id: int) -> None:
    status = repo.member_status(member_id)
    if status is None:
        raise NotFoundError(f"Member {member_id} no longer exists.")
    if status is MemberStatus.ARCHIVED:
        _refuse("member_id", "This member is archived. Restore them in Members first.")


def _certification(repo: PeerRepository, certification_id: int) -> CertificationModel:
    model = repo.certification(certification_id)
    if model is None:
        raise NotFoundError(f"Certification {certification_id} no longer exists.")
    return model


def _stale() -> ConflictError:
    return ConflictError(
        "Someone else saved this peer while you were editing. Your changes were not saved "
        "but are still in the form; reopen the peer to see theirs."
    )
