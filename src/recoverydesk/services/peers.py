"""Peers: the roster, certifications, supervision, assignments, caseloads, the unassigned.

One method, one user action, one transaction; each checks the signed-in person's rights
first (``Access.require``) and writes its audit entry inside its own write. Rights:
``PEERS_VIEW`` reads the roster, caseloads and assignment history; ``PEERS_MANAGE`` adds
and edits peers and certifications; ``SUPERVISION`` reads and writes the supervision log
(its notes are restricted); ``ASSIGN`` assigns, ends and transfers (the methods
``PeerService`` takes from ``AssignmentService``, in ``assignments``). Nothing here returns
a contact note (see ``ContactService``).

A peer's caseload is their open *primary* assignments of members who are not archived;
it counts against the peer's own cap or the site's ``default_caseload_cap``. Secondary
assignments are listed and counted apart. Assignment history is never deleted: ending or
transferring closes an assignment with a date and a reason.
"""

from __future__ import annotations

from pathlib import Path

from recoverydesk.db.models_peers import CertificationModel, PeerModel, SupervisionModel
from recoverydesk.db.repositories.contacts import ContactRepository
from recoverydesk.db.repositories.peers import (
    PeerRepository,
    fill_certification,
    fill_peer,
    to_certification,
    to_peer,
    to_supervision,
)
from recoverydesk.domain.accounts import Action, AuditAction
from recoverydesk.domain.errors import ConflictError, FieldError, NotFoundError, raise_if, refuse
from recoverydesk.domain.peer_rules import (
    validate_certification,
    validate_peer,
    validate_supervision,
)
from recoverydesk.domain.peers import (
    AssignmentKind,
    CaseloadPage,
    CaseloadStatus,
    Certification,
    CertificationDraft,
    Page,
    PageRequest,
    Peer,
    PeerDraft,
    PeerRole,
    PeerRow,
    SupervisionDraft,
    SupervisionSession,
    UnassignedRow,
)
from recoverydesk.domain.text import clean_multiline, clean_text
from recoverydesk.services.assignments import AssignmentService
from recoverydesk.services.csv_files import EXPORT_PAGE, every_row, write_csv

ROSTER_COLUMNS = (
    "name", "role", "active", "phone", "email", "caseload", "cap", "over_cap",
    "secondary", "expiring_certifications", "expired_certifications",
)  # fmt: skip
CASELOAD_COLUMNS = (
    "member_code", "name", "kind", "started_on", "last_contact", "next_follow_up",
    "follow_up_overdue", "last_visit",
)  # fmt: skip
UNASSIGNED_COLUMNS = ("member_code", "name", "joined_on", "last_visit")


class PeerService(AssignmentService):
    """Everything the app does with peers, their certificates, supervision and caseloads.

    Assigning, ending and transferring come from ``AssignmentService``.
    """

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
            fill_peer(model, draft)
            session.add(model)
            session.flush()
            self._access.record(session, AuditAction.CREATE, "peer", model.id)
            return to_peer(model)

    def update(self, peer_id: int, draft: PeerDraft, expected_version: int) -> Peer:
        """Save edits; ``ConflictError`` when someone saved the peer since it was opened.

        A peer who still has members cannot be made inactive: transfer the caseload first.
        """
        self._access.require(Action.PEERS_MANAGE)
        draft = _valid_peer(draft)
        try:
            with self._db.write() as session:
                repo = PeerRepository(session)
                model = self._peer(repo, peer_id)
                if model.version != expected_version:
                    raise _stale()
                if model.active and not draft.active and repo.open_assignment_count(peer_id):
                    refuse("active", "This peer still has members: transfer the caseload first")
                fill_peer(model, draft)
                model.updated_at = self._clock.now()
                session.flush()
                self._access.record(session, AuditAction.UPDATE, "peer", model.id)
                return to_peer(model)
        except ConflictError as error:
            raise _stale() from error

    def get(self, peer_id: int) -> Peer:
        self._access.require(Action.PEERS_VIEW)
        with self._db.read() as session:
            return to_peer(self._peer(PeerRepository(session), peer_id))

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
        page = PageRequest(sort, descending, limit, offset, with_total)
        with self._db.read() as session:
            return PeerRepository(session).roster(
                today=self._clock.today(),
                default_cap=default_cap,
                text=text,
                role=role,
                include_inactive=include_inactive,
                page=page,
            )

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
            for p in every_row(
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
            peer = self._peer(PeerRepository(session), peer_id)
            model = CertificationModel(peer_id=peer_id)
            fill_certification(model, draft)
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
            fill_certification(model, draft)
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
        raise_if(validate_supervision(draft, self._clock.today()))
        with self._db.write() as session:
            self._peer(PeerRepository(session), peer_id)
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

    # --- caseloads and the unassigned -----------------------------------------------------

    def caseload_status(self, peer_id: int) -> CaseloadStatus:
        """A peer's caseload count against their cap (``over_cap``, ``warning``)."""
        self._access.require(Action.PEERS_VIEW)
        default_cap = self._default_cap()
        with self._db.read() as session:
            repo = PeerRepository(session)
            return self._status(repo, self._peer(repo, peer_id), default_cap)

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
            status = self._status(repo, self._peer(repo, peer_id), default_cap)
            page = ContactRepository(session).caseload(
                peer_id,
                today=self._clock.today(),
                kind=kind,
                text=text,
                page=PageRequest(sort, descending, limit, offset, with_total),
            )
        return CaseloadPage(page.rows, page.has_more, status, page.total)

    def export_caseload(
        self,
        path: str | Path,
        peer_id: int,
        *,
        text: str = "",
        kind: AssignmentKind | None = None,
        sort: str = "name",
        descending: bool = False,
    ) -> int:
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
            for r in every_row(
                lambda offset: self.caseload(
                    peer_id,
                    text=text,
                    kind=kind,
                    sort=sort,
                    descending=descending,
                    limit=EXPORT_PAGE,
                    offset=offset,
                )
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
        page = PageRequest(sort, descending, limit, offset, with_total)
        with self._db.read() as session:
            return PeerRepository(session).unassigned(text=text, page=page)

    def export_needs_assignment(
        self, path: str | Path, *, text: str = "", sort: str = "name", descending: bool = False
    ) -> int:
        """Write every member waiting for a peer to a CSV file; how many were written."""
        self._access.require(Action.PEERS_VIEW)
        rows = (
            (r.code, r.name, r.joined_on, r.last_visit)
            for r in every_row(
                lambda offset: self.needs_assignment(
                    text, sort=sort, descending=descending, limit=EXPORT_PAGE, offset=offset
                )
            )
        )
        count = write_csv(path, UNASSIGNED_COLUMNS, rows)
        self._access.log(AuditAction.EXPORT, "needs-assignment", "", f"{count} rows")
        return count

    # --- helpers --------------------------------------------------------------------------

    def _valid_certification(self, draft: CertificationDraft) -> CertificationDraft:
        draft = CertificationDraft(
            clean_text(draft.name), clean_text(draft.number), draft.issued_on, draft.expires_on
        )
        raise_if(validate_certification(draft, self._clock.today()))
        return draft


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
    raise_if(validate_peer(draft))
    return draft


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
