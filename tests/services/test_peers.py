"""Peers: roster, certificates, supervision, assignments, transfers, caseloads, the unassigned."""

import csv
import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from recoverydesk.db.models_accounts import AuditModel
from recoverydesk.db.models_peers import AssignmentModel
from recoverydesk.db.repositories.peers import PeerRepository
from recoverydesk.domain.accounts import Actor, AuditAction, PermissionDeniedError, Role
from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.errors import ConflictError, NotFoundError, ValidationError
from recoverydesk.domain.members import Member, MemberDraft, MemberStatus
from recoverydesk.domain.peers import (
    AssignmentKind,
    CertificationDraft,
    CertificationStatus,
    ContactDraft,
    ContactKind,
    Peer,
    PeerDraft,
    PeerRole,
    SupervisionDraft,
)
from recoverydesk.services.access import Access
from recoverydesk.services.contacts import ContactService
from recoverydesk.services.container import Services
from recoverydesk.services.peers import PeerService

TODAY = dt.date(2026, 3, 10)
PRIMARY, SECONDARY = AssignmentKind.PRIMARY, AssignmentKind.SECONDARY


@pytest.fixture
def access(services: Services) -> Access:
    return services.access


@pytest.fixture
def peers(services: Services, access: Access) -> PeerService:
    return PeerService(services.db, services.clock, services.settings, access)


def member(services: Services, first: str, last: str = "Rivera", **fields: object) -> Member:
    return services.members.create(MemberDraft(first, last, **fields))  # type: ignore[arg-type]


def peer(peers: PeerService, name: str, **fields: object) -> Peer:
    return peers.create(PeerDraft(name, **fields))  # type: ignore[arg-type]


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def audit_rows(services: Services, entity: str) -> list[AuditModel]:
    with services.db.read() as session:
        stmt = select(AuditModel).where(AuditModel.entity == entity).order_by(AuditModel.id)
        return list(session.scalars(stmt))


# --- roster ---------------------------------------------------------------------------------


def test_add_and_edit_a_peer_with_optimistic_concurrency(peers: PeerService) -> None:
    saved = peer(peers, "  Łukasz   Wójcik ", role=PeerRole.RECOVERY_COACH, phone="555 0101")
    assert saved.name == "Łukasz Wójcik"
    edited = peers.update(saved.id, PeerDraft("Łukasz Wójcik", caseload_cap=20), saved.version)
    assert edited.caseload_cap == 20
    assert edited.version == saved.version + 1
    with pytest.raises(ConflictError, match="Someone else saved this peer"):
        peers.update(saved.id, PeerDraft("Other name"), saved.version)
    assert peers.get(saved.id).name == "Łukasz Wójcik"


def test_bad_peer_input_names_the_field_and_saves_nothing(peers: PeerService) -> None:
    with pytest.raises(ValidationError) as raised:
        peers.create(PeerDraft("   ", caseload_cap=0))
    assert raised.value.for_field("name") == "Name is required"
    assert raised.value.for_field("caseload_cap") is not None
    assert peers.roster(include_inactive=True).rows == ()


def test_roster_filters_sorts_and_pages_in_sql(peers: PeerService) -> None:
    for name in ("Zoë Dubois", "Ana García", "José Núñez", "Mo Haddad"):
        peer(peers, name)
    peer(peers, "Old Timer", active=False)
    page = peers.roster(limit=2, with_total=True)
    assert [r.name for r in page.rows] == ["Ana García", "José Núñez"]
    assert page.has_more and page.total == 4
    assert [r.name for r in peers.roster(limit=2, offset=2).rows] == ["Mo Haddad", "Zoë Dubois"]
    assert [r.name for r in peers.roster("zoe").rows] == ["Zoë Dubois"]
    assert [r.name for r in peers.roster("nunez jose").rows] == ["José Núñez"]
    assert len(peers.roster(include_inactive=True).rows) == 5
    assert peers.roster(sort="name", descending=True).rows[0].name == "Zoë Dubois"
    with pytest.raises(ValidationError) as raised:
        peers.roster(sort="shoe size")
    assert raised.value.for_field("sort") is not None


def test_a_peer_with_members_cannot_be_made_inactive(
    services: Services, peers: PeerService
) -> None:
    ngozi = peer(peers, "Ngozi Okafor")
    peers.assign(member(services, "Alex").id, ngozi.id)
    with pytest.raises(ValidationError) as raised:
        peers.update(ngozi.id, PeerDraft("Ngozi Okafor", active=False), ngozi.version)
    assert "transfer the caseload" in (raised.value.for_field("active") or "")


# --- certifications and supervision ----------------------------------------------------------


def test_certificate_expiry_flags_follow_the_clock(
    services: Services, peers: PeerService, clock: FixedClock
) -> None:
    ngozi = peer(peers, "Ngozi Okafor")
    issued = dt.date(2024, 1, 1)
    peers.add_certification(ngozi.id, CertificationDraft("CPRS", "C-1", issued, days_ago(1)))
    peers.add_certification(ngozi.id, CertificationDraft("NCPRS", "", issued, days_ago(-60)))
    peers.add_certification(ngozi.id, CertificationDraft("MHFA", "", issued, days_ago(-61)))
    peers.add_certification(ngozi.id, CertificationDraft("NHS peer support training"))
    status = {c.name: c.status for c in peers.certifications(ngozi.id)}
    assert status == {
        "CPRS": CertificationStatus.EXPIRED,
        "NCPRS": CertificationStatus.EXPIRES_SOON,
        "MHFA": CertificationStatus.VALID,
        "NHS peer support training": CertificationStatus.NO_EXPIRY,
    }
    row = peers.roster().rows[0]
    assert (row.expired_certifications, row.expiring_certifications) == (1, 1)
    assert [c.name for c in peers.certification_alerts()] == ["CPRS", "NCPRS"]
    clock.advance(days=2)
    status = {c.name: c.status for c in peers.certifications(ngozi.id)}
    assert status["MHFA"] is CertificationStatus.EXPIRES_SOON


def test_certificate_edit_remove_and_validation(peers: PeerService) -> None:
    ngozi = peer(peers, "Ngozi Okafor")
    cert = peers.add_certification(ngozi.id, CertificationDraft("CPRS"))
    with pytest.raises(ValidationError) as raised:
        peers.update_certification(
            cert.id, CertificationDraft("CPRS", "", dt.date(2025, 5, 1), dt.date(2025, 4, 1))
        )
    assert raised.value.for_field("expires_on") == "Expiry date cannot be before the issue date"
    renewed = peers.update_certification(cert.id, CertificationDraft("CPRS", "C-77"))
    assert renewed.number == "C-77"
    peers.remove_certification(cert.id)
    assert peers.certifications(ngozi.id) == []


def test_supervision_log_is_for_supervisors_and_audited(
    services: Services, peers: PeerService, access: Access
) -> None:
    ngozi = peer(peers, "Ngozi Okafor")
    draft = SupervisionDraft(days_ago(3), "Thanh Tùng Bùi", "Boundaries", "Restricted words")
    peers.add_supervision(ngozi.id, draft)
    peers.add_supervision(ngozi.id, SupervisionDraft(days_ago(30), "Thanh Tùng Bùi"))
    log = peers.supervision_log(ngozi.id)
    assert [s.held_on for s in log.rows] == [days_ago(3), days_ago(30)]
    assert log.rows[0].note == "Restricted words"
    views = [a for a in audit_rows(services, "supervision") if a.action is AuditAction.VIEW]
    assert views and "Restricted" not in views[-1].detail
    with pytest.raises(ValidationError) as raised:
        peers.add_supervision(ngozi.id, SupervisionDraft(days_ago(-1), ""))
    assert {e.field for e in raised.value.errors} == {"held_on", "supervisor"}
    access.act_as(Actor("pat", "Pat", Role.PEER, peer_id=ngozi.id))
    with pytest.raises(PermissionDeniedError):
        peers.supervision_log(ngozi.id)
    with pytest.raises(PermissionDeniedError):
        peers.add_supervision(ngozi.id, draft)


def test_front_desk_and_peers_cannot_manage_or_assign(
    services: Services, peers: PeerService, access: Access
) -> None:
    ngozi = peer(peers, "Ngozi Okafor")
    alex = member(services, "Alex")
    access.act_as(Actor("desk", "Desk", Role.FRONT_DESK))
    with pytest.raises(PermissionDeniedError):
        peers.roster()
    access.act_as(Actor("pat", "Pat", Role.PEER, peer_id=ngozi.id))
    assert peers.roster().rows[0].name == "Ngozi Okafor"
    with pytest.raises(PermissionDeniedError):
        peers.assign(alex.id, ngozi.id)
    with pytest.raises(PermissionDeniedError):
        peers.create(PeerDraft("Someone"))
    assert peers.member_peers(alex.id).history == ()


# --- assignments ----------------------------------------------------------------------------


def test_assign_refuses_a_second_primary_unless_it_is_a_transfer(
    services: Services, peers: PeerService
) -> None:
    a, b = peer(peers, "Ngozi Okafor"), peer(peers, "Amira Khoury")
    alex = member(services, "Alex")
    peers.assign(alex.id, a.id, started_on=days_ago(10))
    with pytest.raises(ValidationError) as raised:
        peers.assign(alex.id, b.id)
    message = raised.value.for_field("peer_id") or ""
    assert "already has a primary peer (Ngozi Okafor" in message and "Transfer" in message
    with pytest.raises(ValidationError, match="already this member's primary peer"):
        peers.assign(alex.id, a.id, kind=SECONDARY)
    second = peers.assign(alex.id, b.id, kind=SECONDARY)
    now = peers.member_peers(alex.id)
    assert (now.primary and now.primary.peer_id, now.secondary) == (a.id, second)


def test_assign_refuses_archived_members_inactive_peers_and_future_starts(
    services: Services, peers: PeerService
) -> None:
    a = peer(peers, "Ngozi Okafor")
    gone = peer(peers, "Old Timer", active=False)
    alex = member(services, "Alex")
    archived = member(services, "Sam")
    services.members.archive(archived.id, "Moved away")
    with pytest.raises(ValidationError, match="archived"):
        peers.assign(archived.id, a.id)
    with pytest.raises(ValidationError, match="not an active peer"):
        peers.assign(alex.id, gone.id)
    with pytest.raises(ValidationError) as raised:
        peers.assign(alex.id, a.id, started_on=TODAY + dt.timedelta(days=1))
    assert raised.value.for_field("started_on") is not None
    with pytest.raises(NotFoundError):
        peers.assign(999_999, a.id)


def test_assignment_history_survives_transfers(services: Services, peers: PeerService) -> None:
    a, b, c = (peer(peers, n) for n in ("Ngozi Okafor", "Amira Khoury", "Jamie Taylor"))
    alex = member(services, "Alex")
    peers.assign(alex.id, a.id, started_on=days_ago(100))
    peers.transfer(alex.id, b.id, "Schedule change", on=days_ago(40))
    peers.transfer(alex.id, c.id, "Member asked for a different peer")
    history = peers.member_peers(alex.id).history
    assert [(h.peer_name, h.started_on, h.ended_on, h.end_reason) for h in history] == [
        ("Jamie Taylor", TODAY, None, ""),
        ("Amira Khoury", days_ago(40), TODAY, "Member asked for a different peer"),
        ("Ngozi Okafor", days_ago(100), days_ago(40), "Schedule change"),
    ]
    assert peers.member_peers(alex.id).primary == history[0]
    assert [r.name for r in peers.caseload(c.id).rows] == ["Alex Rivera"]
    assert peers.caseload(a.id).rows == () and peers.caseload(b.id).rows == ()


def test_transfer_rules(services: Services, peers: PeerService) -> None:
    a, b = peer(peers, "Ngozi Okafor"), peer(peers, "Amira Khoury")
    alex = member(services, "Alex")
    with pytest.raises(ValidationError, match="no primary peer to transfer"):
        peers.transfer(alex.id, b.id, "Why not")
    peers.assign(alex.id, a.id, started_on=days_ago(5))
    with pytest.raises(ValidationError) as raised:
        peers.transfer(alex.id, b.id, "  ")
    assert raised.value.for_field("reason") == "A reason is required"
    with pytest.raises(ValidationError) as raised:
        peers.transfer(alex.id, b.id, "Too early", on=days_ago(6))
    assert raised.value.for_field("ended_on") is not None
    with pytest.raises(ValidationError, match="already this member's peer"):
        peers.transfer(alex.id, a.id, "Same")
    peers.assign(alex.id, b.id, kind=SECONDARY)
    peers.transfer(alex.id, b.id, "Secondary steps up")
    now = peers.member_peers(alex.id)
    assert now.primary and now.primary.peer_id == b.id and now.secondary is None
    assert len(now.history) == 3


def test_end_an_assignment_then_the_member_needs_one(
    services: Services, peers: PeerService
) -> None:
    a = peer(peers, "Ngozi Okafor")
    alex = member(services, "Alex")
    assignment = peers.assign(alex.id, a.id, started_on=days_ago(20))
    assert peers.needs_assignment().rows == ()
    with pytest.raises(ValidationError) as raised:
        peers.end_assignment(assignment.id, "Oops", ended_on=days_ago(21))
    assert "before the start" in (raised.value.for_field("ended_on") or "")
    ended = peers.end_assignment(assignment.id, "Member asked for a break")
    assert (ended.ended_on, ended.end_reason, ended.open) == (
        TODAY,
        "Member asked for a break",
        False,
    )
    with pytest.raises(ValidationError, match="Already ended"):
        peers.end_assignment(assignment.id, "Again")
    assert [r.member_id for r in peers.needs_assignment().rows] == [alex.id]


def test_losing_the_assignment_race_is_a_plain_conflict(
    services: Services, peers: PeerService
) -> None:
    a, b = peer(peers, "Ngozi Okafor"), peer(peers, "Amira Khoury")
    alex = member(services, "Alex")
    peers.assign(alex.id, a.id)
    now = services.clock.now()
    duplicate = AssignmentModel(
        member_id=alex.id, peer_id=b.id, kind=PRIMARY, started_on=TODAY, created_at=now
    )
    with pytest.raises(ConflictError, match="Someone else just assigned"):  # noqa: SIM117
        with services.db.write() as session:
            PeerRepository(session).add_assignments([duplicate])
    assert [h.peer_id for h in peers.member_peers(alex.id).history] == [a.id]


def test_caseload_transfer_moves_every_open_assignment_and_records_the_reason(
    services: Services, peers: PeerService
) -> None:
    leaving, taking, other = (
        peer(peers, n) for n in ("Ngozi Okafor", "Amira Khoury", "Jamie Taylor")
    )
    people = [member(services, n) for n in ("Alex", "Blair", "Casey", "Drew", "Emery")]
    for person in people[:3]:
        peers.assign(person.id, leaving.id, started_on=days_ago(30))
    peers.assign(people[3].id, other.id, started_on=days_ago(30))
    peers.assign(people[3].id, leaving.id, kind=SECONDARY, started_on=days_ago(30))
    peers.assign(people[4].id, taking.id, started_on=days_ago(30))
    peers.assign(people[4].id, leaving.id, kind=SECONDARY, started_on=days_ago(30))
    peers.transfer(people[0].id, other.id, "Earlier move", on=days_ago(10))
    services.members.archive(people[2].id, "Moved away")

    done = peers.transfer_caseload(leaving.id, taking.id, "Peer left the team")

    # Blair, Drew 2nd, Emery 2nd (archiving Casey already ended hers, with its own reason)
    assert (done.ended, done.opened) == (3, 2)
    assert peers.caseload(leaving.id).rows == ()
    assert [r.name for r in peers.caseload(taking.id).rows] == [
        "Blair Rivera",
        "Drew Rivera",
        "Emery Rivera",
    ]
    assert done.caseload.count == 2 and not done.caseload.over_cap
    drew = peers.member_peers(people[3].id)
    assert drew.secondary and drew.secondary.peer_id == taking.id
    emery = peers.member_peers(people[4].id)
    assert emery.secondary is None and emery.primary and emery.primary.peer_id == taking.id
    casey = peers.member_peers(people[2].id)
    assert casey.primary is None
    assert casey.history[0].end_reason == "Member archived: Moved away"
    blair = peers.member_peers(people[1].id).history
    assert [(h.peer_id, h.end_reason) for h in blair] == [
        (taking.id, ""),
        (leaving.id, "Peer left the team"),
    ]
    entry = audit_rows(services, "peer")[-1]
    assert (entry.action, entry.entity_id) == (AuditAction.UPDATE, str(leaving.id))
    assert entry.detail == f"caseload to peer {taking.id}: 3 ended, 2 opened"
    assert "Peer left" not in entry.detail and "Rivera" not in entry.detail


def test_caseload_transfer_refuses_the_same_peer_or_an_inactive_one(
    peers: PeerService,
) -> None:
    a, gone = peer(peers, "Ngozi Okafor"), peer(peers, "Old Timer", active=False)
    with pytest.raises(ValidationError, match="different peer"):
        peers.transfer_caseload(a.id, a.id, "Why")
    with pytest.raises(ValidationError, match="not an active peer"):
        peers.transfer_caseload(a.id, gone.id, "Why")


# --- caseloads ------------------------------------------------------------------------------


def test_caseload_counts_against_the_cap_and_warns_when_over(
    services: Services, peers: PeerService
) -> None:
    small = peer(peers, "Ngozi Okafor", caseload_cap=2)
    site = peer(peers, "Amira Khoury")
    people = [member(services, n) for n in ("Alex", "Blair", "Casey")]
    for person in people[:2]:
        peers.assign(person.id, small.id)
    status = peers.caseload_status(small.id)
    assert (status.count, status.cap, status.over_cap, status.warning) == (2, 2, False, "")
    peers.assign(people[2].id, small.id)
    page = peers.caseload(small.id)
    assert page.status.over_cap and page.status.warning == "Over cap: 3 of 2"
    row = next(r for r in peers.roster().rows if r.id == small.id)
    assert row.caseload.over_cap and not row.default_cap
    peers.assign(people[0].id, site.id, kind=SECONDARY)
    services.settings.save(services.settings.get().replace(default_caseload_cap=1))
    site_status = peers.caseload_status(site.id)
    assert (site_status.count, site_status.secondary, site_status.cap) == (0, 1, 1)
    assert not site_status.over_cap


def test_caseload_shows_last_contact_follow_up_and_visit(
    services: Services, peers: PeerService, access: Access, clock: FixedClock
) -> None:
    contacts = ContactService(services.db, services.clock, services.settings, access)
    a = peer(peers, "Ngozi Okafor")
    people = [member(services, n, "Okafor") for n in ("Chinedu", "Ada", "Emeka")]
    for person in people:
        peers.assign(person.id, a.id, started_on=days_ago(60))
    at = clock.now() - dt.timedelta(days=5)
    contacts.log_contact(
        ContactDraft(people[0].id, ContactKind.PHONE, at, 10, "x", days_ago(2), a.id)
    )
    contacts.log_contact(
        ContactDraft(people[1].id, ContactKind.TEXT, clock.now() - dt.timedelta(days=20))
    )
    services.visits.check_in(people[1].id, on=days_ago(1))
    rows = {r.member_id: r for r in peers.caseload(a.id).rows}
    chinedu, ada, emeka = (rows[p.id] for p in people)
    assert (chinedu.last_contact, chinedu.next_follow_up, chinedu.follow_up_overdue) == (
        days_ago(5),
        days_ago(2),
        True,
    )
    assert (ada.last_contact, ada.last_visit, ada.next_follow_up) == (
        days_ago(20),
        days_ago(1),
        None,
    )
    assert (emeka.last_contact, emeka.last_visit) == (None, None)
    by_contact = peers.caseload(a.id, sort="last_contact").rows
    assert [r.name for r in by_contact] == ["Emeka Okafor", "Ada Okafor", "Chinedu Okafor"]
    recent_first = peers.caseload(a.id, sort="last_contact", descending=True).rows
    assert [r.name for r in recent_first][:2] == ["Chinedu Okafor", "Ada Okafor"]
    page = peers.caseload(a.id, limit=2, with_total=True)
    assert len(page.rows) == 2 and page.has_more and page.total == 3
    assert [r.name for r in peers.caseload(a.id, text="ada").rows] == ["Ada Okafor"]


# --- needs assignment -----------------------------------------------------------------------


def test_needs_assignment_lists_active_members_without_an_open_primary(
    services: Services, peers: PeerService
) -> None:
    a = peer(peers, "Ngozi Okafor")
    assigned = member(services, "Alex")
    waiting = member(services, "Blair", joined_on=days_ago(3))
    only_secondary = member(services, "Casey")
    member(services, "Guest", "Person", status=MemberStatus.GUEST)
    archived = member(services, "Drew")
    services.members.archive(archived.id, "Moved away")
    peers.assign(assigned.id, a.id)
    peers.assign(only_secondary.id, a.id, kind=SECONDARY)
    page = peers.needs_assignment(with_total=True)
    assert [r.name for r in page.rows] == ["Blair Rivera", "Casey Rivera"]
    assert page.total == 2 and not page.has_more
    assert [r.name for r in peers.needs_assignment(sort="joined").rows] == [
        "Blair Rivera",
        "Casey Rivera",
    ]
    assert peers.needs_assignment(sort="joined", descending=True).rows[0].name == "Casey Rivera"
    assert [r.code for r in peers.needs_assignment(waiting.code).rows] == [waiting.code]
    first = peers.needs_assignment(limit=1)
    assert len(first.rows) == 1 and first.has_more


# --- exports --------------------------------------------------------------------------------


def test_exports_are_private_complete_and_formula_safe(
    services: Services, peers: PeerService, tmp_path: Path
) -> None:
    sneaky = peer(peers, "=HYPERLINK(1)")
    peer(peers, "Ngozi Okafor")
    alex = member(services, "Alex")
    member(services, "Blair")
    peers.assign(alex.id, sneaky.id)
    roster = tmp_path / "roster.csv"
    assert peers.export_roster(roster) == 2
    rows = list(csv.reader(roster.open(encoding="utf-8-sig")))
    assert rows[0][:3] == ["name", "role", "active"]
    assert [r[0] for r in rows[1:]] == ["'=HYPERLINK(1)", "Ngozi Okafor"]
    if os.name == "posix":
        assert stat.S_IMODE(roster.stat().st_mode) == 0o600
    assert peers.export_caseload(tmp_path / "caseload.csv", sneaky.id) == 1
    assert peers.export_needs_assignment(tmp_path / "waiting.csv") == 1
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind
    exports = [a for a in audit_rows(services, "peers") if a.action is AuditAction.EXPORT]
    assert exports[-1].detail == "2 rows"


def test_exports_write_exactly_the_filtered_and_sorted_list(
    services: Services, peers: PeerService, tmp_path: Path
) -> None:
    kwame = peer(peers, "Kwame Mensah")
    for first in ("Ana", "Bea", "Cleo", "Dara"):
        peers.assign(member(services, first).id, kwame.id, started_on=days_ago(5))
    member(services, "Eli", "Unassigned")
    member(services, "Fay", "Unassigned")

    out = tmp_path / "caseload.csv"
    peers.export_caseload(out, kwame.id, text="rivera", sort="name", descending=True)
    names = [row[1] for row in csv.reader(out.open(encoding="utf-8-sig"))][1:]
    assert names == ["Dara Rivera", "Cleo Rivera", "Bea Rivera", "Ana Rivera"]
    peers.export_caseload(out, kwame.id, text="cl")
    assert [row[1] for row in csv.reader(out.open(encoding="utf-8-sig"))][1:] == ["Cleo Rivera"]

    waiting = tmp_path / "needs.csv"
    peers.export_needs_assignment(waiting, sort="name", descending=True)
    names = [row[1] for row in csv.reader(waiting.open(encoding="utf-8-sig"))][1:]
    assert names == ["Fay Unassigned", "Eli Unassigned"]
