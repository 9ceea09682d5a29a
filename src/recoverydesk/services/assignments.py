"""Assignments: which peer supports a member, over time.

``AssignmentService`` assigns a member to a peer, ends an assignment, transfers a member
or a whole caseload to another peer, and reads a member's peers with their history. Every
action needs ``Action.ASSIGN`` (reading needs ``PEERS_VIEW``) and writes its audit entry
inside its own write. History is never deleted: ending or transferring closes an
assignment with a date and a reason. A member has at most one open assignment of each
kind (primary, secondary); the database refuses a second one even when two desks race.

``PeerService`` builds on this class, so ``services.peers.assign(...)`` works too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from recoverydesk.db.models_peers import AssignmentModel, PeerModel
from recoverydesk.db.repositories.peers import PeerRepository, to_assignment
from recoverydesk.db.session import Session
from recoverydesk.domain.accounts import Action, AuditAction
from recoverydesk.domain.errors import NotFoundError, raise_if, refuse
from recoverydesk.domain.members import MemberStatus
from recoverydesk.domain.peer_rules import validate_period, validate_start
from recoverydesk.domain.peers import (
    Assignment,
    AssignmentKind,
    CaseloadStatus,
    CaseloadTransfer,
    MemberPeers,
)
from recoverydesk.domain.text import clean_text
from recoverydesk.services.site_service import SiteService


class AssignmentService(SiteService):
    """Assigns members to peers, ends and transfers assignments, reads a member's peers."""

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
        raise_if(validate_start(started_on, today))
        with self._db.write() as session:
            repo = PeerRepository(session)
            _assignable(repo, member_id)
            peer = _active_peer(repo, peer_id, "peer_id")
            current = repo.open_assignment(member_id, kind)
            if current is not None:
                who = repo.peer_name(current.peer_id)
                refuse(
                    "peer_id",
                    f"This member already has a {kind.label.lower()} peer ({who}, since "
                    f"{current.started_on.isoformat()}). Use Transfer to change it, so the "
                    "history keeps the reason.",
                )
            other = repo.open_assignment(member_id, _other(kind))
            if other is not None and other.peer_id == peer_id:
                refuse("peer_id", f"{peer.name} is already this member's {_other(kind)} peer")
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
                refuse("ended_on", f"Already ended on {model.ended_on.isoformat()}")
            _end(session, [model], ended_on, today, reason)
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
                refuse("peer_id", f"This member has no {kind} peer to transfer; use Assign")
            peer = _active_peer(repo, to_peer_id, "to_peer_id")
            if current.peer_id == to_peer_id:
                refuse("to_peer_id", f"{peer.name} is already this member's peer")
            other = repo.open_assignment(member_id, _other(kind))
            held = other if other is not None and other.peer_id == to_peer_id else None
            if held is not None and kind is AssignmentKind.SECONDARY:
                refuse("to_peer_id", f"{peer.name} is already this member's primary peer")
            _end(session, [a for a in (current, held) if a is not None], on, today, reason)
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
            refuse("to_peer_id", "Choose a different peer")
        default_cap = self._default_cap()
        with self._db.write() as session:
            repo = PeerRepository(session)
            self._peer(repo, from_peer_id)
            peer = _active_peer(repo, to_peer_id, "to_peer_id")
            moving = repo.open_assignments_of_peer(from_peer_id)
            held = repo.open_assignments_to(to_peer_id, {a.member_id for a, _ in moving})
            ending, moved = _caseload_moves(moving, held)
            _end(session, ending, on, today, reason)
            fresh = [self._new(a.member_id, to_peer_id, a.kind, on, actor.username) for a in moved]
            repo.add_assignments(fresh)
            ended = len(ending)
            detail = f"caseload to peer {to_peer_id}: {ended} ended, {len(fresh)} opened"
            self._access.record(session, AuditAction.UPDATE, "peer", from_peer_id, detail)
            status_now = self._status(repo, peer, default_cap)
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

    # --- shared with PeerService ----------------------------------------------------------

    def _default_cap(self) -> int:
        return self._settings.get().default_caseload_cap

    @staticmethod
    def _status(repo: PeerRepository, peer: PeerModel, default_cap: int) -> CaseloadStatus:
        """The peer's caseload against their own cap, or the site's default cap."""
        cap = peer.caseload_cap if peer.caseload_cap is not None else default_cap
        return repo.caseload_status(peer.id, cap)

    @staticmethod
    def _peer(repo: PeerRepository, peer_id: int) -> PeerModel:
        """The peer, or ``NotFoundError`` when there is none."""
        model = repo.get(peer_id)
        if model is None:
            raise NotFoundError(f"Peer {peer_id} no longer exists.")
        return model

    # --- inside ---------------------------------------------------------------------------

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


def _end(
    session: Session, ending: Sequence[AssignmentModel], on: dt.date, today: dt.date, reason: str
) -> None:
    """Close each of ``ending`` on ``on`` with ``reason`` (refused if a period is wrong)."""
    for model in ending:
        raise_if(validate_period(model.started_on, on, today, reason))
        model.ended_on, model.end_reason = on, reason
    session.flush()


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


def _other(kind: AssignmentKind) -> AssignmentKind:
    primary = AssignmentKind.PRIMARY
    return AssignmentKind.SECONDARY if kind is primary else primary


def _active_peer(repo: PeerRepository, peer_id: int, field: str) -> PeerModel:
    model = repo.get(peer_id)
    if model is None:
        refuse(field, f"Peer {peer_id} does not exist")
    if not model.active:
        refuse(field, f"{model.name} is not an active peer")
    return model


def _assignable(repo: PeerRepository, member_id: int) -> None:
    status = repo.member_status(member_id)
    if status is None:
        raise NotFoundError(f"Member {member_id} no longer exists.")
    if status is MemberStatus.ARCHIVED:
        refuse("member_id", "This member is archived. Restore them in Members first.")
