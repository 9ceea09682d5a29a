"""Demo data: realistic synthetic members and visits for trying the app, training, benchmarks.

The people are made up from first and last names of many cultures and scripts
(``demo_names``), combined at random. Phone numbers are in ranges set aside for fiction
(US 555-01xx, UK Ofcom drama numbers 07700 900xxx) and e-mail addresses are at
example.org. With ``days`` they also get a history of visits (``demo_visits``). The same
seed at the same moment gives the same people, codes and visits.

Demo data only ever goes into an empty database or one that is already a demo: a settings
row (``DEMO_MARKER``) marks a demo database, so a real centre's data is never mixed with
made-up people. People and visits are added in one transaction.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import random
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from recoverydesk.db.repositories import bulk
from recoverydesk.db.repositories.members import sort_key
from recoverydesk.db.repositories.settings import SettingsRepository
from recoverydesk.db.session import Session
from recoverydesk.domain.accounts import Role
from recoverydesk.domain.clock import Clock
from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.domain.members import (
    EmergencyContact,
    Focus,
    MemberDraft,
    MemberStatus,
    Pathway,
)
from recoverydesk.domain.settings import PaperSize, SiteSettings, valid_time_zone
from recoverydesk.domain.text import fold
from recoverydesk.services.accounts import add_demo_accounts
from recoverydesk.services.container import Services, open_services
from recoverydesk.services.demo_names import (
    CULTURES,
    Culture,
    name_list,
    pick_name,
    pick_preferred,
)
from recoverydesk.services.demo_peers import add_demo_peers
from recoverydesk.services.demo_plans import add_demo_plans
from recoverydesk.services.demo_visits import NO_RECENT_VISITS, DemoPerson, demo_visits

DEMO_MARKER = "demo_database"
#: Peer work (caseloads, contacts, plans) covers at most this many members, so
#: benchmark-sized demos stay quick.
MAX_PEER_WORK = 3000
DEMO_SETTINGS = SiteSettings(
    centre_name="Harbour Light Recovery Café",
    address="1 Quay Street\nHarbourtown",
    phone="(555) 555-0100",
    email="hello@example.org",
    time_zone="America/New_York",
    paper_size=PaperSize.LETTER,
    crisis_numbers="Crisis line: 988 (US) · Samaritans 116 123 (UK)",
)


class DemoRefusedError(RecoveryDeskError):
    """Demo people would be mixed into a database that holds real members."""


@dataclass(frozen=True)
class DemoResult:
    """What one demo run added."""

    members: int
    visits: int
    plans: int = 0


_GENDER_PRONOUNS = {
    "f": (("she/her", 55), ("she/they", 3), ("", 42)),
    "m": (("he/him", 55), ("he/they", 3), ("", 42)),
    "x": (("they/them", 85), ("ze/zir", 5), ("", 10)),
}
# fmt: off
_PATHWAY_ODDS = (
    (Pathway.TWELVE_STEP, 0.45), (Pathway.SMART, 0.2), (Pathway.MEDICATION_ASSISTED, 0.2),
    (Pathway.HARM_REDUCTION, 0.15), (Pathway.FAITH_BASED, 0.12), (Pathway.SECULAR, 0.08),
    (Pathway.OTHER, 0.04),
)
# fmt: on
_FOCUS = (Focus.SUBSTANCE_USE, Focus.BOTH, Focus.MENTAL_HEALTH, Focus.FAMILY_ALLY)
_FOCUS_WEIGHTS = (55, 25, 12, 8)
_ARCHIVE_REASONS = (
    "Moved out of the area",
    "Asked for their record to be closed",
    NO_RECENT_VISITS,
    "Transferred to another centre",
)
_DESK_NOTES = name_list(
    "Bring ID for locker, Parcel waiting at the desk, Locker 12 key to return,"
    " Ask about Thursday's SMART group, Prefers text messages, Owes a library book"
)
_RELATIONSHIPS = name_list(
    "mother, father, sister, brother, partner, wife, husband, daughter, son,"
    " friend, sponsor, aunt, grandmother"
)
_STREETS = name_list(
    "Harbour Road, Quay Street, Chapel Lane, Mill Street, Station Road, Elm Avenue,"
    " Victoria Terrace, Rope Walk, Anchor Close"
)
_AREA_CODES = (212, 312, 415, 617, 206, 503, 713, 404)


def generate_demo(
    services: Services, members: int, *, days: int = 0, seed: int = 1, peer_work: bool = True
) -> DemoResult:
    """Add ``members`` synthetic people and their visits over the last ``days`` days.

    With ``peer_work`` (the default) they also get peers, assignments, contacts, plans and
    BARC-10 histories.

    An empty database first gets the demo centre's settings (name, time zone...). Refuses
    (``DemoRefusedError``) a database that holds members but is not a demo one.
    """
    existing = _members_before(services)
    if not existing:
        apply_demo_settings(services)
    zone = _site_zone(services)
    purposes = services.visit_rules.get().purposes
    site = services.settings.get()
    now = services.clock.now()
    today = now.astimezone(zone).date()
    stream = f"{seed}+{existing}"
    rng = random.Random(seed if not existing else stream)
    with _collector_paused():
        drafts = _drafts(rng, today, members)
        with services.db.write() as session:
            SettingsRepository(session).put(DEMO_MARKER, f"seed={seed}")
            people = _insert_people(session, rng, drafts, today, now)
            visits = demo_visits(
                random.Random(f"{stream}:visits"),
                people,
                days=days,
                now=now,
                zone=zone,
                purposes=purposes,
            )
            bulk.bulk_insert_visits(session, visits)
            if not peer_work:
                return DemoResult(members=len(drafts), visits=len(visits))
            served = [p.member_id for p in people][:MAX_PEER_WORK]
            if not existing:  # one team per demo database
                add_demo_peers(
                    session, random.Random(f"{stream}:peers"), served, now=now, zone=zone
                )
            plans = add_demo_plans(
                session,
                rng=random.Random(f"{stream}:plans"),
                member_ids=[p.member_id for p in people if p.status is MemberStatus.MEMBER][
                    :MAX_PEER_WORK
                ],
                today=today,
                now=now,
                review_days=site.plan_review_days,
                barc10_days=site.barc10_interval_days,
            )
    return DemoResult(members=len(drafts), visits=len(visits), plans=plans.plans)


def generate_demo_members(services: Services, members: int, seed: int = 1, days: int = 0) -> int:
    """Add ``members`` synthetic people (and ``days`` of visits); how many people were added."""
    return generate_demo(services, members, days=days, seed=seed).members


def member_count(services: Services) -> int:
    with services.db.read() as session:
        return bulk.count_members(session)


def is_demo_database(services: Services) -> bool:
    with services.db.read() as session:
        return DEMO_MARKER in SettingsRepository(session).all()


def apply_demo_settings(services: Services) -> None:
    """Give the demo centre a name, crisis numbers, time zone and paper size."""
    services.settings.save(DEMO_SETTINGS)


def create_demo_database(
    path: Path,
    *,
    members: int = 300,
    days: int = 365,
    seed: int = 1,
    clock: Clock | None = None,
) -> list[tuple[str, str, Role]]:
    """Create (or migrate) the database at ``path`` and fill it with demo people and visits.

    A database that already is a demo with members is left as it is; one with real
    members is refused (``DemoRefusedError``). Returns the demo accounts
    (username, password, role), created on first use.
    """
    services = open_services(path, clock=clock)
    try:
        if not (is_demo_database(services) and member_count(services)):
            generate_demo(services, members, days=days, seed=seed)
        return add_demo_accounts(services)
    finally:
        services.close()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many rows.

    A million new rows (none of them in a reference cycle) make it rescan the same live
    objects again and again: about a fifth of the time of a 100,000-member demo.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _members_before(services: Services) -> int:
    """How many members there are; refuses a database with real (not demo) ones."""
    with services.db.read() as session:
        existing = bulk.count_members(session)
        is_demo = DEMO_MARKER in SettingsRepository(session).all()
    if existing and not is_demo:
        raise DemoRefusedError(
            f"{services.description} already holds real members (not demo data); demo people "
            "only go into an empty database or a demo one. Nothing was added."
        )
    return existing


def _site_zone(services: Services) -> zoneinfo.ZoneInfo:
    name = services.settings.get().time_zone
    return zoneinfo.ZoneInfo(name if valid_time_zone(name) else "UTC")


def _insert_people(
    session: Session,
    rng: random.Random,
    drafts: list[MemberDraft],
    today: dt.date,
    now: dt.datetime,
) -> list[DemoPerson]:
    codes = bulk.allocate_codes(session, len(drafts))
    people = [
        bulk.NewMember(code, d, _reason(rng, d)) for code, d in zip(codes, drafts, strict=True)
    ]
    ids = bulk.bulk_insert_members(session, people, today=today, now=now)
    return [
        DemoPerson(member_id, p.draft.status, p.draft.joined_on or today, p.archived_reason)
        for member_id, p in zip(ids, people, strict=True)
    ]


def _reason(rng: random.Random, draft: MemberDraft) -> str:
    return rng.choice(_ARCHIVE_REASONS) if draft.status is MemberStatus.ARCHIVED else ""


def _drafts(rng: random.Random, today: dt.date, count: int) -> list[MemberDraft]:
    """``count`` people, no two with the same (folded) name and date of birth."""
    weights = [c.weight for c in CULTURES]
    name_key = functools.lru_cache(maxsize=None)(sort_key)
    seen: set[tuple[str, dt.date | None]] = set()
    drafts = []
    for culture in rng.choices(CULTURES, weights, k=count):
        draft = _person(rng, today, culture)
        key = (name_key(draft.first_name, draft.last_name), draft.date_of_birth)
        while draft.date_of_birth and key in seen:
            draft = _person(rng, today, culture)
            key = (name_key(draft.first_name, draft.last_name), draft.date_of_birth)
        seen.add(key)
        drafts.append(draft)
    return drafts


def _person(rng: random.Random, today: dt.date, culture: Culture) -> MemberDraft:
    gender = rng.choices("fmx", (47, 47, 6))[0]
    first, last = pick_name(rng, culture, gender)
    roll = rng.random()
    status = (
        MemberStatus.GUEST
        if roll < 0.08
        else MemberStatus.ARCHIVED
        if roll < 0.12
        else MemberStatus.MEMBER
    )
    guest = status is MemberStatus.GUEST
    born = (
        None
        if guest and rng.random() < 0.6
        else today - dt.timedelta(days=rng.randint(18 * 365, 72 * 365))
    )
    joined = today - dt.timedelta(days=rng.randint(0, 90 if guest else 6 * 365))
    pronouns, weights = zip(*_GENDER_PRONOUNS[gender], strict=True)
    return MemberDraft(
        first_name=first,
        last_name=last,
        preferred_name=pick_preferred(rng, culture, first),
        pronouns=rng.choices(pronouns, weights)[0],
        date_of_birth=born,
        phone=_phone(rng) if rng.random() < 0.85 else "",
        email=_email(rng, first, last) if rng.random() < 0.4 else "",
        address=_address(rng) if rng.random() < 0.35 else "",
        focus=None if guest or rng.random() < 0.1 else rng.choices(_FOCUS, _FOCUS_WEIGHTS)[0],
        pathways=frozenset()
        if guest
        else frozenset(p for p, odds in _PATHWAY_ODDS if rng.random() < odds),
        recovery_start=None if guest else _recovery_start(rng, today, born),
        joined_on=joined,
        status=status,
        desk_note=rng.choice(_DESK_NOTES) if rng.random() < 0.03 else "",
        peer_wants_to_see=not guest and rng.random() < 0.05,
        emergency_contacts=_contacts(rng, culture, last),
    )


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return f"({rng.choice(_AREA_CODES)}) 555-01{rng.randint(0, 99):02d}"
    return f"07700 900{rng.randint(0, 999):03d}"


def _email(rng: random.Random, first: str, last: str) -> str:
    local = ".".join(
        "".join(ch for ch in fold(part) if ch.isascii() and ch.isalnum()) for part in (first, last)
    )
    local = local.strip(".") or "member"
    return f"{local}{rng.randint(1, 99)}@example.org"


def _address(rng: random.Random) -> str:
    return f"{rng.randint(1, 240)} {rng.choice(_STREETS)}, Harbourtown"


def _recovery_start(rng: random.Random, today: dt.date, born: dt.date | None) -> dt.date | None:
    if rng.random() < 0.25:
        return None
    earliest = max(
        today - dt.timedelta(days=20 * 365), (born or today) + dt.timedelta(days=15 * 365)
    )
    span = max((today - earliest).days, 0)
    return today - dt.timedelta(days=rng.randint(0, span)) if span else today


def _contacts(rng: random.Random, culture: Culture, last: str) -> tuple[EmergencyContact, ...]:
    count = rng.choices((0, 1, 2), (55, 35, 10))[0]
    return tuple(
        EmergencyContact(
            name=f"{rng.choice(culture.female + culture.male)} "
            f"{last if rng.random() < 0.5 else rng.choice(culture.last).split('/')[0]}",
            relationship=rng.choice(_RELATIONSHIPS),
            phone=_phone(rng),
        )
        for _ in range(count)
    )
