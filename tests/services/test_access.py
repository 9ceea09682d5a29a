"""Access checks and the audit trail: refusals are refused and recorded; the chain holds."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from recoverydesk.db.models_accounts import AuditModel
from recoverydesk.db.repositories import audit
from recoverydesk.domain.accounts import (
    PERMISSIONS,
    Action,
    Actor,
    AuditAction,
    PermissionDeniedError,
    Role,
)
from recoverydesk.domain.members import MemberDraft
from recoverydesk.domain.peers import PeerDraft, PeerRole
from recoverydesk.services.container import Services, open_services

DESK = Actor("desk1", "Desk One", Role.FRONT_DESK, user_id=1)
PEER = Actor("peer1", "Peer One", Role.PEER, user_id=2, peer_id=None)


def audit_rows(services: Services) -> list[tuple[str, str, str, str]]:
    with services.db.read() as session:
        rows = session.execute(
            select(
                AuditModel.username,
                AuditModel.action,
                AuditModel.entity_id,
                AuditModel.detail,
            ).order_by(AuditModel.id)
        )
        return [(u, a.value, e, d) for u, a, e, d in rows]


def test_every_role_can_check_in_and_only_admin_manages_accounts() -> None:
    assert all(Action.CHECK_IN in actions for actions in PERMISSIONS.values())
    assert [r for r, a in PERMISSIONS.items() if Action.ACCOUNTS in a] == [Role.ADMIN]
    assert Action.PLANS_VIEW not in PERMISSIONS[Role.FRONT_DESK]
    assert Action.CONTACTS_VIEW not in PERMISSIONS[Role.FRONT_DESK]


def test_a_refused_action_raises_and_is_audited(services: Services) -> None:
    services.access.act_as(DESK)
    with pytest.raises(PermissionDeniedError, match="Front desk"):
        services.access.require(Action.PLANS_VIEW, member_id=7)
    assert audit_rows(services) == [("desk1", "refused", "7", "plans-view")]


def test_a_peer_is_refused_members_not_on_their_caseload(services: Services) -> None:
    services.access.act_as(PEER)
    with pytest.raises(PermissionDeniedError, match="not on your caseload"):
        services.access.require(Action.CONTACTS_VIEW, member_id=3)
    assert services.access.require(Action.PEERS_VIEW) == PEER
    assert [row[1] for row in audit_rows(services)] == ["refused"]


def test_nobody_signed_in_is_refused(services: Services) -> None:
    services.access.act_as(None)
    with pytest.raises(PermissionDeniedError, match="sign in"):
        services.access.require(Action.CHECK_IN)


def test_the_chain_verifies_and_the_database_refuses_edits(services: Services) -> None:
    for n in range(5):
        services.access.log(AuditAction.VIEW, "plan", n)
    with services.db.read() as session:
        report = audit.verify(session)
    assert report.ok and report.checked == 5
    with pytest.raises(Exception, match="append-only"), services.db.write() as session:
        session.execute(update(AuditModel).values(detail="x"))
    with pytest.raises(Exception, match="append-only"), services.db.write() as session:
        session.execute(delete(AuditModel))


@pytest.mark.sqlite_only
def test_an_edited_row_in_a_copy_breaks_the_chain_at_that_row(
    services: Services, db_path: Path, tmp_path: Path
) -> None:
    for n in range(6):
        services.access.log(AuditAction.VIEW, "plan", n)
    copy = tmp_path / "copy.sqlite3"
    services.close()
    shutil.copy(db_path, copy)
    with sqlite3.connect(copy) as conn:  # someone edits the file with another tool
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET entity_id = '99' WHERE id = 4")
    tampered = open_services(copy)
    try:
        with tampered.db.read() as session:
            report = audit.verify(session)
    finally:
        tampered.close()
    assert (report.ok, report.first_broken_id, report.checked) == (False, 4, 3)


def test_existing_services_enforce_the_matrix(services: Services, tmp_path: Path) -> None:
    member = services.members.create(draft_member())
    services.access.act_as(DESK)
    result = services.visits.check_in(member.id)
    assert result.created and result.visit.recorded_by == "desk1"
    refused = [
        lambda: services.members.archive(member.id, "moved away"),
        lambda: services.csv.export_members(tmp_path / "all.csv"),
        lambda: services.settings.save(services.settings.get()),
        lambda: services.visits.check_in(member.id, override_reason="second meal"),
    ]
    for attempt in refused:
        with pytest.raises(PermissionDeniedError):
            attempt()
    assert not (tmp_path / "all.csv").exists()
    assert services.members.get(member.id).status.value == "member"
    rows = audit_rows(services)
    assert [r[1] for r in rows] == ["create", "create", "refused", "refused", "refused", "refused"]
    assert rows[1][0] == "desk1"


def draft_member() -> MemberDraft:
    return MemberDraft("Quynh", "Trần")


def test_archiving_a_member_ends_their_assignments_with_the_reason(services: Services) -> None:
    member = services.members.create(draft_member())
    peer = services.peers.create(PeerDraft("Kwame Mensah", PeerRole.PEER_SUPPORTER))
    services.peers.assign(member.id, peer.id)
    services.members.archive(member.id, "Moved to Leeds")
    history = services.peers.member_peers(member.id)
    assert history.primary is None
    assert [(a.peer_name, a.end_reason) for a in history.history] == [
        ("Kwame Mensah", "Member archived: Moved to Leeds")
    ]
    assert services.peers.caseload_status(peer.id).count == 0


def test_a_locked_screen_refuses_every_use_case(services: Services) -> None:
    services.access.act_as(DESK)
    services.access.set_locked(True)
    with pytest.raises(PermissionDeniedError, match="locked"):
        services.members.create(draft_member())
    assert not services.access.can(Action.CHECK_IN)
