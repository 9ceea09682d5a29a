"""Demo peer work: a believable team, caseloads, certificates and a year of contacts, fast."""

import datetime as dt
import random
import time
import zoneinfo
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from recoverydesk.db.models import MemberModel
from recoverydesk.db.models_peers import AssignmentModel, ContactModel, PeerModel
from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.members import MemberStatus
from recoverydesk.domain.peer_rules import MINUTES_MAX
from recoverydesk.domain.peers import AssignmentKind, CertificationStatus, PeerRole
from recoverydesk.services.contacts import ContactService
from recoverydesk.services.container import Services, open_services
from recoverydesk.services.demo import generate_demo
from recoverydesk.services.demo_peers import add_demo_peers
from recoverydesk.services.peers import PeerService

MEMBERS = 1000


def demo(services: Services, members: int, seed: int = 3) -> float:
    """Demo members and visits, then the peer work; seconds the peer work took."""
    generate_demo(services, members, days=365, seed=seed, peer_work=False)
    zone = zoneinfo.ZoneInfo(services.settings.get().time_zone)
    with services.db.read() as session:
        ids = list(session.scalars(select(MemberModel.id).order_by(MemberModel.id)))
    started = time.perf_counter()
    with services.db.write() as session:
        add_demo_peers(session, random.Random(seed), ids, now=services.clock.now(), zone=zone)
    return time.perf_counter() - started


@pytest.fixture
def filled(services: Services) -> tuple[Services, PeerService, ContactService, float]:
    seconds = demo(services, MEMBERS)
    access = services.access
    peers = PeerService(services.db, services.clock, services.settings, access)
    contacts = ContactService(services.db, services.clock, services.settings, access)
    return services, peers, contacts, seconds


def check_team(filled: tuple) -> None:
    services, peers, _, seconds = filled
    team = peers.roster(include_inactive=True).rows
    assert len(team) == 12
    roles = Counter(p.role for p in team)
    assert roles[PeerRole.SUPERVISOR] == 1 and roles[PeerRole.VOLUNTEER] == 2
    assert len({p.name for p in team}) == 12
    assert any(not p.name.isascii() for p in team)  # names of many cultures and scripts
    assert all(p.email.endswith("@example.org") and "555-01" in p.phone for p in team)
    gone = [p for p in team if not p.active]
    assert len(gone) == 1 and gone[0].caseload.count == 0
    alerts = Counter(c.status for c in peers.certification_alerts())
    assert alerts == {CertificationStatus.EXPIRED: 1, CertificationStatus.EXPIRES_SOON: 2}
    coach = next(p for p in team if p.role is PeerRole.RECOVERY_COACH)
    sessions = peers.supervision_log(coach.id).rows
    today = services.clock.today()
    assert len(sessions) >= 10
    assert all(today - dt.timedelta(days=400) <= s.held_on <= today for s in sessions)
    if services.db.is_sqlite:
        assert seconds < 15  # bulk inserts: about half a second on a laptop


def check_caseloads(filled: tuple) -> None:
    services, peers, _, _ = filled
    with services.db.read() as session:
        active = session.scalar(
            select(func.count())
            .select_from(MemberModel)
            .where(MemberModel.status == MemberStatus.MEMBER)
        )
    waiting = peers.needs_assignment(with_total=True).total
    assert active and waiting
    assert 0.08 * active < waiting < 0.3 * active
    caseloads = [p.caseload for p in peers.roster().rows if p.caseload.count]
    assert len(caseloads) == 8
    assert sum(c.over_cap for c in caseloads) == 1
    assert sum(p.caseload.secondary for p in peers.roster().rows) > 0


def check_history(filled: tuple) -> None:
    services, peers, _, _ = filled
    with services.db.read() as session:
        reasons = Counter(
            session.scalars(
                select(AssignmentModel.end_reason).where(AssignmentModel.ended_on.is_not(None))
            )
        )
        backwards = session.scalar(
            select(func.count())
            .select_from(AssignmentModel)
            .where(AssignmentModel.ended_on < AssignmentModel.started_on)
        )
        moved = session.scalar(
            select(AssignmentModel.member_id)
            .where(AssignmentModel.end_reason == "Peer left the team")
            .limit(1)
        )
    assert reasons["Peer left the team"] > 0 and reasons["Member archived"] > 0
    assert len(reasons) >= 6
    assert backwards == 0
    history = peers.member_peers(moved).history
    assert len(history) >= 2 and history[0].open and history[0].kind is AssignmentKind.PRIMARY


def check_contacts(filled: tuple) -> None:
    services, _, contacts, _ = filled
    now, today = services.clock.now(), services.clock.today()
    c = ContactModel
    with services.db.read() as session:
        total, first, last, latest, longest = session.execute(
            select(
                func.count(),
                func.min(c.contact_date),
                func.max(c.contact_date),
                func.max(c.contacted_at),
                func.max(c.minutes),
            )
        ).one()
        kinds = Counter(session.scalars(select(c.kind)))
        early_follow_ups = session.scalar(
            select(func.count()).where(c.follow_up_on < c.contact_date)
        )
        with_notes = session.scalar(select(func.count()).where(c.note != ""))
        peerless = session.scalar(select(func.count()).where(c.peer_id.is_(None)))
        peers_known = session.scalar(select(func.count()).select_from(PeerModel))
    assert total > 10 * MEMBERS
    assert today - dt.timedelta(days=372) <= first and last <= today
    assert latest <= now and 0 < longest <= MINUTES_MAX
    assert len(kinds) == 6 and early_follow_ups == 0 and peerless == 0 and peers_known == 12
    assert 0.5 * total < with_notes < total
    radar = contacts.radar(with_total=True)
    assert radar.total and radar.rows[0].why
    assigned = 1 - 0.15
    assert radar.total < 0.5 * assigned * MEMBERS


def test_a_team_with_certificates_supervision_caseloads_and_history(filled: tuple) -> None:
    """Twelve peers, one expired and two expiring certificates, most members assigned."""
    check_team(filled)
    check_caseloads(filled)
    check_history(filled)


def test_a_year_of_plausible_contacts_and_a_radar_with_people_on_it(filled: tuple) -> None:
    check_contacts(filled)


@pytest.fixture
def other(tmp_path: Path, clock: FixedClock) -> Iterator[Services]:
    opened = open_services(tmp_path / "other.sqlite3", clock=clock)
    yield opened
    opened.close()


@pytest.mark.sqlite_only
def test_same_seed_same_peer_work(services: Services, other: Services) -> None:
    demo(services, 150, seed=9)
    demo(other, 150, seed=9)

    def snapshot(s: Services) -> tuple:
        with s.db.read() as session:
            names = list(session.scalars(select(PeerModel.name).order_by(PeerModel.id)))
            assignments = session.execute(
                select(
                    AssignmentModel.member_id, AssignmentModel.peer_id, AssignmentModel.started_on
                ).order_by(AssignmentModel.id)
            ).all()
            contacts = session.scalar(select(func.count()).select_from(ContactModel))
        return names, assignments, contacts

    assert snapshot(services) == snapshot(other)
