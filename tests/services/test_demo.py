"""Demo data: made-up people of many cultures and a year of their visits, deterministic."""

import datetime as dt
import re
import statistics
import unicodedata
import zoneinfo
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from recoverydesk.db.repositories.bulk import iter_members
from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.codes import is_valid_code
from recoverydesk.domain.members import Member, MemberDraft, MemberStatus
from recoverydesk.domain.validation import validate_member
from recoverydesk.domain.visits import DEFAULT_PURPOSES, VisitRow, VisitSource
from recoverydesk.services.container import Services, open_services
from recoverydesk.services.demo import (
    DEMO_SETTINGS,
    DemoRefusedError,
    create_demo_database,
    generate_demo,
    generate_demo_members,
    member_count,
)
from recoverydesk.services.demo_visits import weekday_volume

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


# --- visits -------------------------------------------------------------------------------

NEW_YORK = zoneinfo.ZoneInfo(DEMO_SETTINGS.time_zone)
# Tuesday 10 March 2026, 11:30 in New York: the morning rush is in the building.
LATE_MORNING = dt.datetime(2026, 3, 10, 15, 30, tzinfo=dt.UTC)
TODAY = dt.date(2026, 3, 10)
DAYS = 365


def demo_at(path: Path, moment: dt.datetime = LATE_MORNING, **options: int) -> Services:
    clock = FixedClock(time_zone=DEMO_SETTINGS.time_zone, moment=moment)
    create_demo_database(path, clock=clock, **{"members": 300, "days": DAYS, "seed": 4, **options})
    return open_services(path, clock=clock)


def history(services: Services, days: int = DAYS) -> dict[dt.date, list[VisitRow]]:
    first = TODAY - dt.timedelta(days=days + 7)
    every_day = (first + dt.timedelta(days=n) for n in range(days + 14))
    return {day: services.visits.visits_on(day, limit=10_000) for day in every_day}


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Services, dict]]:
    opened = demo_at(tmp_path_factory.mktemp("year") / "demo.sqlite3")
    yield opened, history(opened)
    opened.close()


def test_a_year_of_visits_up_to_today(year: tuple[Services, dict]) -> None:
    _, days = year
    visited = sorted(day for day, rows in days.items() if rows)
    assert visited[-1] == TODAY
    assert visited[0] >= TODAY - dt.timedelta(days=DAYS - 1)
    assert visited[0] <= TODAY - dt.timedelta(days=DAYS - 7)
    assert len(visited) > 300  # every day but a few quiet Sundays
    total = sum(len(rows) for rows in days.values())
    assert 8_000 < total < 30_000  # about 50 a weekday for 300 members


def test_never_two_visits_of_one_member_on_a_day(year: tuple[Services, dict]) -> None:
    _, days = year
    for rows in days.values():
        codes = [r.member_code for r in rows if not r.is_guest]
        assert len(codes) == len(set(codes))


def test_weekdays_are_busy_saturday_quieter_sunday_nearly_closed(
    year: tuple[Services, dict],
) -> None:
    _, days = year
    by_weekday: dict[int, list[int]] = {}
    for day, rows in days.items():
        if TODAY - dt.timedelta(days=DAYS) < day < TODAY:
            by_weekday.setdefault(day.weekday(), []).append(len(rows))
    typical = {weekday: statistics.mean(counts) for weekday, counts in by_weekday.items()}
    assert min(typical[d] for d in range(5)) > 35
    assert typical[6] * 5 < typical[5] < min(typical[d] for d in range(5))


def test_open_at_nine_busiest_late_morning_and_lunch(year: tuple[Services, dict]) -> None:
    _, days = year
    hours = Counter(
        r.checked_in_at.astimezone(NEW_YORK).hour for rows in days.values() for r in rows
    )
    assert min(hours) >= 9 and max(hours) <= 16
    assert {h for h, _ in hours.most_common(2)} <= {11, 12}
    assert hours[16] < hours[11] / 4


def test_past_visits_checked_out_today_still_open_none_in_the_future(
    year: tuple[Services, dict],
) -> None:
    services, days = year
    for day, rows in days.items():
        for r in rows:
            assert r.checked_in_at <= LATE_MORNING
            assert r.checked_in_at.astimezone(NEW_YORK).date() == day
            if day < TODAY:
                assert r.checked_out_at is not None
            if r.checked_out_at is not None:
                stay = r.checked_out_at - r.checked_in_at
                assert dt.timedelta(minutes=20) <= stay <= dt.timedelta(hours=4)
                assert r.checked_out_at <= LATE_MORNING
    today = days[TODAY]
    inside = services.visits.in_building()
    assert len(today) > 5 and len(inside) > len(today) / 2
    assert services.visits.day_counts().in_building == len(inside)


def test_guests_regulars_and_occasional_visitors(year: tuple[Services, dict]) -> None:
    services, days = year
    rows = [r for day_rows in days.values() for r in day_rows]
    anonymous = [r for r in rows if r.is_guest]
    assert len(anonymous) > 100 and any(r.guest_label for r in anonymous)
    assert any(not r.guest_label for r in anonymous)
    visits = Counter(r.member_code for r in rows if not r.is_guest)
    members = services.members.search(limit=1000, include_archived=True).rows
    guests = [m.code for m in members if m.status is MemberStatus.GUEST]
    assert guests and all(1 <= visits[code] <= 3 for code in guests)
    regulars = [code for code, n in visits.items() if n > 150]  # most weekdays of a year
    occasional = [code for code, n in visits.items() if 1 <= n <= 30]
    assert 10 <= len(regulars) <= 80 and len(occasional) > len(regulars)


def test_purposes_and_sources_look_like_a_drop_in_centre(year: tuple[Services, dict]) -> None:
    _, days = year
    rows = [r for day_rows in days.values() for r in day_rows]
    purposes = Counter(p for r in rows for p in r.purposes)
    assert set(purposes) <= set(DEFAULT_PURPOSES)
    assert purposes.most_common(1)[0][0] == "Drop-in"
    meals = Counter(
        11 <= r.checked_in_at.astimezone(NEW_YORK).hour <= 13 for r in rows if "Meal" in r.purposes
    )
    assert meals[True] > 4 * meals[False]
    sources = Counter(r.source for r in rows)
    assert sources[VisitSource.DESK] + sources[VisitSource.SCANNER] > 0.85 * len(rows)
    assert sources[VisitSource.PAPER] > 0


def test_same_seed_and_moment_same_visits(tmp_path: Path) -> None:
    def pairs(name: str) -> Counter[tuple[str, dt.date]]:
        opened = demo_at(tmp_path / name, members=80, days=60)
        try:
            days = history(opened, 60)
        finally:
            opened.close()
        return Counter(
            (r.member_code or r.guest_label, d) for d, rows in days.items() for r in rows
        )

    first = pairs("a.sqlite3")
    assert sum(first.values()) > 500
    assert pairs("b.sqlite3") == first


def test_before_opening_nobody_is_in_yet(tmp_path: Path) -> None:
    early = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)  # 8:00 in New York
    opened = demo_at(tmp_path / "early.sqlite3", early, members=60, days=14)
    try:
        assert opened.visits.visits_on(TODAY) == []
        assert opened.visits.visits_on(TODAY - dt.timedelta(days=1))
    finally:
        opened.close()


def test_without_days_no_visits(services: Services) -> None:
    made = generate_demo(services, 50, days=0)
    assert (made.members, made.visits) == (50, 0)
    assert services.visits.day_counts().visits == 0


def test_daily_visits_scale_believably_but_benchmark_sizes_are_dense() -> None:
    assert 45 < weekday_volume(300, 365) < 60
    assert weekday_volume(5_000, 365) < weekday_volume(20_000, 30) <= 1_000
    open_days = 365 * 5.5 / 7
    assert 9 < weekday_volume(100_000, 365) * open_days / 100_000 < 11  # ~1M visits


def test_a_demo_made_in_the_evening_has_an_empty_building(tmp_path: Path) -> None:
    evening = dt.datetime(2026, 3, 11, 2, 0, tzinfo=dt.UTC)  # 22:00 on the 10th in New York
    services = demo_at(tmp_path / "evening.sqlite3", moment=evening, days=3)
    try:
        assert services.visits.day_counts(TODAY).visits > 0
        assert services.visits.in_building_count() == 0
    finally:
        services.close()
