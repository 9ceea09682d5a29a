"""Contacts: logging, the restricted notes, who may see them, and the follow-up radar."""

import csv
import dataclasses
import datetime as dt
import inspect
import typing
from pathlib import Path

import pytest
from sqlalchemy import select

from recoverydesk.db.models_accounts import AuditModel
from recoverydesk.domain.accounts import Actor, AuditAction, PermissionDeniedError, Role
from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.errors import ValidationError
from recoverydesk.domain.members import Member, MemberDraft
from recoverydesk.domain.peer_rules import NOTE_MAX
from recoverydesk.domain.peers import ContactDraft, ContactKind, Peer, PeerDraft, RadarReason
from recoverydesk.services.access import Access
from recoverydesk.services.contacts import ContactService
from recoverydesk.services.container import Services
from recoverydesk.services.front_desk import FrontDeskService
from recoverydesk.services.members import MemberService
from recoverydesk.services.peers import PeerService
from recoverydesk.services.visits import VisitService

TODAY = dt.date(2026, 3, 10)
MARKER = "QX7-PRIVATE-MARKER-5521"


@pytest.fixture
def access(services: Services) -> Access:
    return services.access


@pytest.fixture
def peers(services: Services, access: Access) -> PeerService:
    return PeerService(services.db, services.clock, services.settings, access)


@pytest.fixture
def contacts(services: Services, access: Access) -> ContactService:
    return ContactService(services.db, services.clock, services.settings, access)


def member(services: Services, first: str, last: str = "Mensah") -> Member:
    return services.members.create(MemberDraft(first, last))


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def moment(clock: FixedClock, days: int) -> dt.datetime:
    return clock.now() - dt.timedelta(days=days)


def audit(services: Services, entity: str) -> list[AuditModel]:
    with services.db.read() as session:
        stmt = select(AuditModel).where(AuditModel.entity == entity).order_by(AuditModel.id)
        return list(session.scalars(stmt))


@pytest.fixture
def ngozi(peers: PeerService) -> Peer:
    return peers.create(PeerDraft("Ngozi Okafor"))


# --- logging and reading ----------------------------------------------------------------------


def test_log_a_contact_and_read_it_back_with_its_note(
    services: Services, contacts: ContactService, ngozi: Peer, clock: FixedClock
) -> None:
    kofi = member(services, "Kofi")
    draft = ContactDraft(
        kofi.id,
        ContactKind.IN_PERSON,
        moment(clock, 1),
        45,
        "  Talked about the week.\r\nGoing to group.\x00 ",
        TODAY,
        ngozi.id,
    )
    saved = contacts.log_contact(draft)
    assert (saved.note, saved.contact_date, saved.peer_name) == (
        "Talked about the week.\nGoing to group.",
        days_ago(1),
        "Ngozi Okafor",
    )
    contacts.log_contact(ContactDraft(kofi.id, ContactKind.TEXT, note="Reminder sent"))
    contacts.log_contact(ContactDraft(kofi.id, ContactKind.PHONE, moment(clock, 9), 5))
    page = contacts.contacts(kofi.id, with_total=True)
    assert [c.kind for c in page.rows] == [
        ContactKind.TEXT,
        ContactKind.IN_PERSON,
        ContactKind.PHONE,
    ]
    assert page.total == 3 and not page.has_more
    first = contacts.contacts(kofi.id, limit=2)
    assert len(first.rows) == 2 and first.has_more
    assert [c.kind for c in contacts.contacts(kofi.id, kind=ContactKind.PHONE).rows] == [
        ContactKind.PHONE
    ]
    summary = contacts.summary(kofi.id)
    assert (summary.contacts, summary.last_contact, summary.next_follow_up) == (3, TODAY, None)


def test_logging_and_reading_are_audited_without_the_note(
    services: Services, contacts: ContactService
) -> None:
    kofi = member(services, "Kofi")
    contacts.log_contact(ContactDraft(kofi.id, ContactKind.PHONE, note=MARKER))
    contacts.contacts(kofi.id)
    entries = audit(services, "contacts")
    assert [(e.action, e.entity_id) for e in entries] == [
        (AuditAction.CREATE, str(kofi.id)),
        (AuditAction.VIEW, str(kofi.id)),
    ]
    assert all(MARKER not in e.detail and "Kofi" not in e.detail for e in entries)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"minutes": -1}, "minutes"),
        ({"minutes": 1441}, "minutes"),
        ({"later": dt.timedelta(minutes=6)}, "contacted_at"),
        ({"follow_up_on": days_ago(2)}, "follow_up_on"),
        ({"note": "x" * (NOTE_MAX + 1)}, "note"),
    ],
)
def test_bad_contacts_name_the_field_and_save_nothing(
    services: Services, contacts: ContactService, clock: FixedClock, changes: dict, field: str
) -> None:
    kofi = member(services, "Kofi")
    values: dict = {"member_id": kofi.id, "kind": ContactKind.PHONE, **changes}
    values["contacted_at"] = clock.now() + values.pop("later", -dt.timedelta(days=1))
    draft = ContactDraft(**values)
    assert [e.field for e in contacts.validate(draft)] == [field]
    with pytest.raises(ValidationError) as raised:
        contacts.log_contact(draft)
    assert raised.value.for_field(field)
    assert contacts.contacts(kofi.id).rows == ()


def test_a_few_minutes_ahead_is_fine_and_naive_times_are_local(
    services: Services, contacts: ContactService, clock: FixedClock
) -> None:
    services.settings.save(services.settings.get().replace(time_zone="America/New_York"))
    kofi = member(services, "Kofi")
    ahead = contacts.log_contact(
        ContactDraft(kofi.id, ContactKind.PHONE, clock.now() + dt.timedelta(minutes=4))
    )
    assert ahead.contact_date == TODAY
    late_evening = contacts.log_contact(
        ContactDraft(kofi.id, ContactKind.TEXT, dt.datetime(2026, 3, 9, 23, 30))
    )
    assert late_evening.contact_date == dt.date(2026, 3, 9)
    assert late_evening.contacted_at == dt.datetime(2026, 3, 10, 3, 30, tzinfo=dt.UTC)


def test_peers_see_and_log_contacts_only_for_their_own_members(
    services: Services,
    peers: PeerService,
    contacts: ContactService,
    access: Access,
    ngozi: Peer,
) -> None:
    mine, theirs = member(services, "Kofi"), member(services, "Ama")
    peers.assign(mine.id, ngozi.id)
    contacts.log_contact(ContactDraft(theirs.id, ContactKind.PHONE, note=MARKER))
    access.act_as(Actor("ngozi", "Ngozi", Role.PEER, peer_id=ngozi.id))
    logged = contacts.log_contact(ContactDraft(mine.id, ContactKind.IN_PERSON, minutes=30))
    assert logged.peer_id == ngozi.id and logged.recorded_by == "ngozi"
    assert len(contacts.contacts(mine.id).rows) == 1
    with pytest.raises(PermissionDeniedError, match="not on your caseload"):
        contacts.contacts(theirs.id)
    with pytest.raises(PermissionDeniedError):
        contacts.log_contact(ContactDraft(theirs.id, ContactKind.PHONE))
    access.act_as(Actor("desk", "Desk", Role.FRONT_DESK))
    with pytest.raises(PermissionDeniedError):
        contacts.contacts(mine.id)
    with pytest.raises(PermissionDeniedError):
        contacts.radar()
    refused = [e for e in audit(services, "member") if e.action is AuditAction.REFUSED]
    assert len(refused) >= 3


# --- notes never reach the front desk -------------------------------------------------------


def _dataclasses_in(annotation: object, found: set[type]) -> None:
    if dataclasses.is_dataclass(annotation) and isinstance(annotation, type):
        if annotation in found:
            return
        found.add(annotation)
        for hint in typing.get_type_hints(annotation).values():
            _dataclasses_in(hint, found)
    for arg in typing.get_args(annotation):
        _dataclasses_in(arg, found)


def front_desk_dtos() -> set[type]:
    found: set[type] = set()
    for service in (FrontDeskService, VisitService, MemberService):
        for name, method in inspect.getmembers(service, inspect.isfunction):
            if not name.startswith("_"):
                _dataclasses_in(typing.get_type_hints(method).get("return"), found)
    return found


def test_no_front_desk_dto_has_a_field_for_contact_notes() -> None:
    dtos = front_desk_dtos()
    names = {d.__name__ for d in dtos}
    assert {"Member", "MemberRow", "MemberPage", "DeskRow", "Visit", "CheckInResult"} <= names
    for dto in dtos:
        noted = {f.name for f in dataclasses.fields(dto) if "note" in f.name.lower()}
        assert noted <= {"desk_note"}, f"{dto.__name__} has {noted}"


def test_a_contact_note_never_shows_at_the_desk_or_in_peer_lists(
    services: Services,
    peers: PeerService,
    contacts: ContactService,
    ngozi: Peer,
    clock: FixedClock,
) -> None:
    kofi = member(services, "Kofi", "Marker")
    peers.assign(kofi.id, ngozi.id, started_on=days_ago(40))
    note = f"Private: {MARKER}"
    contacts.log_contact(
        ContactDraft(kofi.id, ContactKind.PHONE, moment(clock, 30), 10, note, days_ago(25))
    )
    checked_in = services.visits.check_in(kofi.id)
    shown = [
        services.front_desk.find("Kofi"),
        services.front_desk.lookup(kofi.code),
        services.members.search("Marker"),
        services.members.get(kofi.id),
        services.members.by_code(kofi.code),
        checked_in,
        services.visits.in_building(),
        services.visits.visits_on(TODAY),
        peers.caseload(ngozi.id),
        peers.member_peers(kofi.id),
        peers.roster(),
        contacts.radar(),
        contacts.summary(kofi.id),
    ]
    assert contacts.radar().rows, "the member should be on the radar for this check to bite"
    for value in shown:
        assert MARKER not in repr(value)
    assert MARKER in repr(contacts.contacts(kofi.id))  # the one place it belongs


# --- the follow-up radar --------------------------------------------------------------------


@pytest.fixture
def radar_people(
    services: Services, peers: PeerService, contacts: ContactService, clock: FixedClock
) -> dict[str, Member]:
    """Members in every situation the radar must tell apart (follow-up days: 14)."""
    one = peers.create(PeerDraft("Ngozi Okafor"))
    two = peers.create(PeerDraft("Amira Khoury"))
    names = ("Follow", "Quiet", "Recent", "Visitor", "Never", "Planned", "Loose", "Superseded")
    people = {name: member(services, name) for name in names}
    for name, person in people.items():
        if name != "Loose":
            peer = two if name == "Never" else one
            peers.assign(person.id, peer.id, started_on=days_ago(30))

    def log(name: str, days: int, follow_up: dt.date | None = None) -> None:
        draft = ContactDraft(
            people[name].id, ContactKind.PHONE, moment(clock, days), 10, "", follow_up, one.id
        )
        contacts.log_contact(draft)

    log("Follow", 5, days_ago(3))
    log("Quiet", 20)
    log("Recent", 1)
    log("Visitor", 30)
    services.visits.check_in(people["Visitor"].id, on=days_ago(2))
    log("Planned", 2, days_ago(-1))
    log("Loose", 100, days_ago(90))
    log("Superseded", 10, days_ago(8))
    log("Superseded", 2)
    return people


def test_radar_lists_the_most_overdue_first_and_says_why(
    contacts: ContactService, radar_people: dict[str, Member]
) -> None:
    page = contacts.radar(with_total=True)
    assert [(r.name, r.days_overdue, r.why) for r in page.rows] == [
        ("Never Mensah", 16, "No contact or visit since assigned 30 days ago"),
        ("Quiet Mensah", 6, "No contact or visit for 20 days"),
        ("Follow Mensah", 3, "Follow-up due 3 days ago"),
    ]
    assert page.total == 3
    assert [r.peer_name for r in page.rows] == ["Amira Khoury", "Ngozi Okafor", "Ngozi Okafor"]
    assert page.rows[2].reasons == (RadarReason.FOLLOW_UP_DUE,)
    assert [r.name for r in contacts.radar(descending=True).rows][0] == "Follow Mensah"
    assert [r.name for r in contacts.radar(sort="name").rows] == [
        "Follow Mensah",
        "Never Mensah",
        "Quiet Mensah",
    ]
    first = contacts.radar(limit=2)
    assert len(first.rows) == 2 and first.has_more


def test_radar_filters_by_peer_and_reason(
    peers: PeerService,
    contacts: ContactService,
    access: Access,
    radar_people: dict[str, Member],
) -> None:
    one = next(r for r in peers.roster().rows if r.name == "Ngozi Okafor")
    mine = [r.name for r in contacts.radar(peer_id=one.id).rows]
    assert mine == ["Quiet Mensah", "Follow Mensah"]
    follow_ups = contacts.radar(reason=RadarReason.FOLLOW_UP_DUE).rows
    assert [r.name for r in follow_ups] == ["Follow Mensah"]
    quiet = contacts.radar(reason=RadarReason.NO_RECENT_CONTACT).rows
    assert [r.name for r in quiet] == ["Never Mensah", "Quiet Mensah"]
    assert [r.name for r in contacts.radar(text="qui").rows] == ["Quiet Mensah"]
    access.act_as(Actor("ngozi", "Ngozi", Role.PEER, peer_id=one.id))
    assert [r.name for r in contacts.radar().rows] == mine  # a peer sees their own


def test_radar_follows_the_clock_and_the_follow_up_days_setting(
    services: Services,
    contacts: ContactService,
    clock: FixedClock,
    radar_people: dict[str, Member],
) -> None:
    services.settings.save(services.settings.get().replace(follow_up_days=25))
    assert [(r.name, r.days_overdue) for r in contacts.radar().rows] == [
        ("Never Mensah", 5),
        ("Follow Mensah", 3),
    ]
    services.settings.save(services.settings.get().replace(follow_up_days=14))
    clock.advance(days=10)
    rows = {r.name: r for r in contacts.radar().rows}
    assert rows["Planned Mensah"].why == "Follow-up due 9 days ago"
    assert "Recent Mensah" not in rows  # 11 quiet days is within 14
    assert "Loose Mensah" not in rows  # no open assignment
    order = [r.days_overdue for r in contacts.radar().rows]
    assert order == sorted(order, reverse=True)


def test_exports_of_the_radar_and_of_contacts(
    services: Services,
    contacts: ContactService,
    radar_people: dict[str, Member],
    tmp_path: Path,
) -> None:
    radar = tmp_path / "radar.csv"
    assert contacts.export_radar(radar) == 3
    rows = list(csv.reader(radar.open(encoding="utf-8-sig")))
    assert rows[0][:4] == ["member_code", "name", "peer", "why"]
    assert rows[1][1:4] == [
        "Never Mensah",
        "Amira Khoury",
        "No contact or visit since assigned 30 days ago",
    ]
    follow = radar_people["Follow"].id
    contacts.log_contact(ContactDraft(follow, ContactKind.TEXT, note="=SUM(A1)"))
    plain = tmp_path / "plain.csv"
    assert contacts.export_contacts(plain, follow) == 2
    assert "note" not in plain.read_text(encoding="utf-8-sig").splitlines()[0]
    noted = tmp_path / "noted.csv"
    contacts.export_contacts(noted, follow, include_notes=True)
    cells = list(csv.reader(noted.open(encoding="utf-8-sig")))
    assert cells[0][-1] == "note" and cells[1][-1] == "'=SUM(A1)"
    exports = [e for e in audit(services, "contacts") if e.action is AuditAction.EXPORT]
    assert [e.detail for e in exports] == ["2 contacts", "2 contacts with notes"]
