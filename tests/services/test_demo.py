"""Demo data: made-up people of many cultures, deterministic, never mixed with real data."""

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from recoverydesk.db.repositories.bulk import iter_members
from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.codes import is_valid_code
from recoverydesk.domain.members import Member, MemberDraft, MemberStatus
from recoverydesk.domain.validation import validate_member
from recoverydesk.services.container import Services, open_services
from recoverydesk.services.demo import (
    DEMO_SETTINGS,
    DemoRefusedError,
    create_demo_database,
    generate_demo_members,
    member_count,
)

_US_FICTION = re.compile(r"^\(\d{3}\) 555-01\d\d$")
_UK_DRAMA = re.compile(r"^07700 900\d{3}$")


@pytest.fixture
def other(tmp_path: Path, clock: FixedClock) -> Iterator[Services]:
    opened = open_services(tmp_path / "other.sqlite3", clock=clock)
    yield opened
    opened.close()


def everyone(services: Services) -> list[Member]:
    with services.db.read() as session:
        return sorted(iter_members(session), key=lambda m: m.code)


def people(services: Services) -> list[tuple[str, str, str, dt.date | None]]:
    rows = everyone(services)
    return [(m.code, m.first_name, m.last_name, m.date_of_birth) for m in rows]


def scripts(text: str) -> set[str]:
    return {unicodedata.name(ch).split()[0] for ch in text if ch.isalpha()}


def test_same_seed_same_people(services: Services, other: Services) -> None:
    assert generate_demo_members(services, 120, seed=7) == 120
    generate_demo_members(other, 120, seed=7)
    assert people(services) == people(other)


def test_another_seed_other_people(services: Services, other: Services) -> None:
    generate_demo_members(services, 60, seed=1)
    generate_demo_members(other, 60, seed=2)
    names = {(p[1], p[2]) for p in people(services)}
    assert names != {(p[1], p[2]) for p in people(other)}


def test_demo_people_are_valid_and_varied(services: Services) -> None:
    generate_demo_members(services, 400, seed=1)
    members = everyone(services)
    assert len(members) == 400
    today = services.clock.today()
    for m in members:
        assert validate_member(m.to_draft(), today) == [], m.code
        assert is_valid_code(m.code)
        assert not m.phone or _US_FICTION.match(m.phone) or _UK_DRAMA.match(m.phone)
        assert not m.email or m.email.endswith("@example.org")
        assert (m.status is MemberStatus.ARCHIVED) == bool(m.archived_reason)
    statuses = {m.status for m in members}
    assert statuses == set(MemberStatus)
    assert {"she/her", "he/him", "they/them", ""} <= {m.pronouns for m in members}
    assert any(m.preferred_name for m in members) and any(m.desk_note for m in members)
    assert any(m.peer_wants_to_see for m in members) and any(m.emergency_contacts for m in members)
    assert any(m.recovery_start is None for m in members)
    assert len({len(m.pathways) for m in members}) >= 3


def test_names_come_from_several_scripts(services: Services) -> None:
    generate_demo_members(services, 300, seed=1)
    names = [f"{m.first_name} {m.last_name}" for m in everyone(services)]
    found = set().union(*(scripts(n) for n in names))
    assert {"LATIN", "CYRILLIC", "GREEK", "ARABIC", "CJK"} <= found
    latin_only = [n for n in names if scripts(n) == {"LATIN"}]
    assert len(latin_only) > len(names) * 0.7  # mostly Latin script, as at a US/UK centre
    assert any(not n.isascii() for n in latin_only)  # accents: José, Zoë, Nguyễn, Łukasz


def test_no_two_demo_people_share_name_and_birth_date(services: Services) -> None:
    generate_demo_members(services, 2000, seed=3)
    keys = [
        (m.first_name, m.last_name, m.date_of_birth) for m in everyone(services) if m.date_of_birth
    ]
    assert len(keys) == len(set(keys))


def test_refuses_a_database_with_real_members(services: Services) -> None:
    services.members.create(MemberDraft("Ana", "Silva"))
    with pytest.raises(DemoRefusedError, match="real members"):
        generate_demo_members(services, 10)
    assert member_count(services) == 1


def test_adds_to_an_existing_demo(services: Services) -> None:
    generate_demo_members(services, 30, seed=1)
    generate_demo_members(services, 20, seed=1)
    members = everyone(services)
    assert len(members) == 50 and len({m.code for m in members}) == 50


def test_create_demo_database_fills_once_and_sets_the_centre(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    create_demo_database(path, members=40, days=30, seed=5)
    create_demo_database(path, members=40, seed=5)  # already a demo: left as it is
    opened = open_services(path)
    try:
        assert member_count(opened) == 40
        settings = opened.settings.get()
        assert settings.centre_name == "Harbour Light Recovery Café"
        assert settings.crisis_numbers == DEMO_SETTINGS.crisis_numbers
        assert settings.paper_size == DEMO_SETTINGS.paper_size
    finally:
        opened.close()


def test_five_thousand_member_demo(services: Services) -> None:
    assert generate_demo_members(services, 5000, seed=11) == 5000
    page = services.members.search("ngu", limit=50, with_total=True)
    assert page.total and all(r.last_name.startswith("Ng") for r in page.rows)
    assert services.members.search("юл").rows
    codes = [r.code for r in services.members.search(limit=10_000, include_archived=True).rows]
    assert len(codes) == len(set(codes)) == 5000
