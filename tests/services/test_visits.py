"""VisitService: the door — check-in once a day, guests, leaving, counts, paper catch-up."""

import datetime as dt
import threading
from pathlib import Path

import pytest

from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.errors import ValidationError
from recoverydesk.domain.members import MemberDraft, MemberStatus
from recoverydesk.domain.visits import VisitRefusedError, VisitRules, VisitSource
from recoverydesk.services.container import Services, open_services


@pytest.fixture
def ana(services: Services):
    return services.members.create(MemberDraft("Ana", "Silva", preferred_name="Annie"))


def test_check_in_records_one_visit_with_local_time(services: Services, ana) -> None:
    result = services.visits.check_in(ana.id, purposes=["Meal", "Drop-in"])
    assert result.created
    assert result.message == "Annie Silva checked in at 10:00"
    rows = services.visits.in_building()
    assert [(r.name, r.purposes) for r in rows] == [("Annie Silva", ("Meal", "Drop-in"))]


def test_second_check_in_same_day_records_nothing(
    services: Services, ana, clock: FixedClock
) -> None:
    services.visits.check_in(ana.id)
    clock.advance(minutes=42)
    again = services.visits.check_in(ana.id, source=VisitSource.SCANNER)
    assert not again.created
    assert again.message == (
        "Annie Silva is already checked in today at 10:00; nothing new recorded"
    )
    assert services.visits.day_counts().visits == 1


def test_next_day_is_a_new_visit(services: Services, ana, clock: FixedClock) -> None:
    services.visits.check_in(ana.id)
    clock.advance(days=1)
    assert services.visits.check_in(ana.id).created


def test_site_local_day_not_utc_day(tmp_path: Path) -> None:
    late_evening = FixedClock(
        time_zone="America/Los_Angeles", moment=dt.datetime(2026, 3, 11, 6, 30, tzinfo=dt.UTC)
    )
    services = open_services(tmp_path / "la.sqlite3", clock=late_evening)
    try:
        member = services.members.create(MemberDraft("Ben", "Okafor"))
        visit = services.visits.check_in(member.id).visit
        assert visit.visit_date == dt.date(2026, 3, 10)
    finally:
        services.close()


def test_coordinator_override_allows_a_second_visit_with_reason(services: Services, ana) -> None:
    services.visits.check_in(ana.id)
    second = services.visits.check_in(ana.id, override_reason="Came back for evening group")
    assert second.created and second.visit.override_reason == "Came back for evening group"
    assert services.visits.day_counts().visits == 2


def test_site_can_turn_once_a_day_off(services: Services, ana) -> None:
    services.visit_rules.save(VisitRules(once_a_day=False))
    services.visits.check_in(ana.id)
    assert services.visits.check_in(ana.id).created


def test_anonymous_guest_and_counts(services: Services, ana) -> None:
    services.visits.check_in(ana.id)
    guest = services.visits.check_in_guest("J.K.")
    assert guest.created and guest.message == "Guest J.K. checked in at 10:00"
    services.visits.check_in_guest()
    counts = services.visits.day_counts()
    assert (counts.visits, counts.unique_members, counts.guests, counts.in_building) == (3, 1, 2, 3)


def test_guest_limit_flags_then_refuses_without_override(
    services: Services, clock: FixedClock
) -> None:
    guest = services.members.create(MemberDraft("Tomás", "Ruiz", status=MemberStatus.GUEST))
    messages = []
    for _ in range(3):
        messages.append(services.visits.check_in(guest.id).message)
        clock.advance(days=1)
    assert messages[0].endswith("(guest visit 1 of 3)")
    assert messages[2].endswith("(guest visit 3 of 3) — time for an introduction")
    with pytest.raises(VisitRefusedError, match="has had 3 guest visits"):
        services.visits.check_in(guest.id)
    assert services.visits.check_in(guest.id, override_reason="Intro booked Friday").created


def test_make_member_keeps_visit_history(services: Services, clock: FixedClock) -> None:
    guest = services.members.create(MemberDraft("Tomás", "Ruiz", status=MemberStatus.GUEST))
    services.visits.check_in(guest.id)
    services.visits.make_member(guest.id)
    assert services.members.get(guest.id).status is MemberStatus.MEMBER
    assert [r.member_id for r in services.visits.visits_on(clock.today())] == [guest.id]


def test_anonymous_guest_visit_becomes_a_member(services: Services, clock: FixedClock) -> None:
    visit = services.visits.check_in_guest("Lê").visit
    member_id = services.visits.make_member_from_guest_visit(visit.id, MemberDraft("Lê", "Văn Tám"))
    rows = services.visits.visits_on(clock.today())
    assert [(r.member_id, r.name, r.guest_label) for r in rows] == [(member_id, "Lê Văn Tám", "")]


def test_archived_member_is_refused_politely(services: Services, ana) -> None:
    services.members.archive(ana.id, "Moved away")
    with pytest.raises(VisitRefusedError, match="is archived"):
        services.visits.check_in(ana.id)
    assert services.visits.day_counts().visits == 0


def test_check_out_one_and_all(services: Services, ana) -> None:
    ben = services.members.create(MemberDraft("Ben", "Okafor"))
    first = services.visits.check_in(ana.id).visit
    services.visits.check_in(ben.id)
    services.visits.check_in_guest()
    services.visits.check_out(first.id)
    assert len(services.visits.in_building()) == 2
    assert services.visits.check_out_all() == 2
    assert services.visits.in_building() == []
    assert services.visits.day_counts().visits == 3


def test_paper_catch_up_for_a_past_date(services: Services, ana) -> None:
    past = dt.date(2026, 3, 7)
    result = services.visits.check_in(ana.id, source=VisitSource.PAPER, on=past)
    assert result.created and result.visit.visit_date == past
    assert result.visit.source is VisitSource.PAPER
    again = services.visits.check_in(ana.id, source=VisitSource.PAPER, on=past)
    assert not again.created and "already recorded on 2026-03-07 (paper sheet)" in again.message
    assert services.visits.in_building() == []


def test_future_visits_and_unknown_purposes_are_refused(services: Services, ana) -> None:
    with pytest.raises(ValidationError, match="future"):
        services.visits.check_in(ana.id, on=dt.date(2026, 3, 11))
    with pytest.raises(ValidationError, match="Unknown purpose: Karaoke"):
        services.visits.check_in(ana.id, purposes=["Karaoke"])
    assert services.visits.day_counts().visits == 0


def test_two_desks_racing_the_same_check_in_make_one_visit(
    db_url: Path | str, clock: FixedClock, services: Services, ana
) -> None:
    """Two engines on one database (a SQLite file or one PostgreSQL database)."""
    desks = [open_services(db_url, clock=clock) for _ in range(2)]
    start = threading.Barrier(len(desks))
    outcomes: list[bool] = []

    def desk(desk_services: Services) -> None:
        start.wait()
        for _ in range(10):
            outcomes.append(desk_services.visits.check_in(ana.id).created)

    threads = [threading.Thread(target=desk, args=(d,)) for d in desks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for d in desks:
        d.close()
    assert outcomes.count(True) == 1 and len(outcomes) == 20
    assert services.visits.day_counts().visits == 1


def test_desk_search_shows_flags_and_last_visit_but_no_private_data(
    services: Services, clock: FixedClock
) -> None:
    guest = services.members.create(
        MemberDraft(
            "Zoë",
            "Ødegaard",
            status=MemberStatus.GUEST,
            desk_note="Bring ID for locker",
            peer_wants_to_see=True,
            pronouns="she/her",
        )
    )
    services.visits.check_in(guest.id)
    row = services.front_desk.find("zoe")[0]
    assert (row.name, row.pronouns, row.code) == ("Zoë Ødegaard", "she/her", guest.code)
    assert row.flags == ("Guest: 1 visit of 3", "Peer wants to see you")
    assert row.desk_note == "Bring ID for locker"
    assert row.checked_in_today and row.last_visit == clock.today()
    field_names = set(row.__dataclass_fields__)
    assert not {"address", "email", "date_of_birth", "emergency_contacts"} & field_names


def test_lookup_exact_code_name_or_candidates(services: Services) -> None:
    ana = services.members.create(MemberDraft("Ana", "Silva"))
    services.members.create(MemberDraft("Ana", "Costa"))
    assert services.front_desk.lookup(ana.code).exact.member_id == ana.id
    assert services.front_desk.lookup(ana.code.lower()).exact.member_id == ana.id
    assert services.front_desk.lookup("ana silva").exact.member_id == ana.id
    both = services.front_desk.lookup("ana")
    assert both.exact is None and len(both.rows) == 2
    assert services.front_desk.lookup("M999999").exact is None


def test_a_time_later_today_is_refused(services: Services, ana, clock: FixedClock) -> None:
    later = clock.now() + dt.timedelta(hours=2)
    with pytest.raises(ValidationError, match="future"):
        services.visits.check_in(ana.id, at=later)


def test_undo_takes_back_todays_mistaken_check_in_only(services: Services, ana) -> None:
    visit = services.visits.check_in(ana.id, purposes=["Meal"]).visit
    services.visits.undo_check_in(visit.id)
    assert services.visits.day_counts().visits == 0
    assert services.visits.check_in(ana.id).created, "the person can be checked in again"
    paper = services.visits.check_in(ana.id, source=VisitSource.PAPER, on=dt.date(2026, 3, 2))
    with pytest.raises(ValidationError, match="Only today's check-ins"):
        services.visits.undo_check_in(paper.visit.id)


def test_desk_sees_new_guest_limit_at_once(services: Services) -> None:
    guest = services.members.create(MemberDraft("Tomás", "Ruiz", status=MemberStatus.GUEST))
    assert services.front_desk.find("tomas")[0].flags == ("Guest: 0 visits of 3",)
    services.visit_rules.save(VisitRules(guest_limit=5))
    assert services.front_desk.find(guest.code)[0].flags == ("Guest: 0 visits of 5",)


def test_people_inside_at_midnight_stay_in_the_building(
    services: Services, ana, clock: FixedClock
) -> None:
    clock.moment = dt.datetime(2026, 3, 10, 23, 50, tzinfo=dt.UTC)
    services.visits.check_in(ana.id)
    services.visits.check_in_guest()
    clock.advance(minutes=20)
    assert services.visits.in_building_count() == 2
    assert len(services.visits.in_building()) == 2
    assert services.visits.day_counts().in_building == 2
    assert services.visits.check_out_all() == 2
    assert services.visits.in_building_count() == 0


def test_forgotten_check_outs_leave_the_count_after_a_day(
    services: Services, ana, clock: FixedClock
) -> None:
    services.visits.check_in(ana.id)
    clock.advance(hours=19)
    assert services.visits.in_building_count() == 0


def test_in_building_count_is_not_capped_by_a_page(services: Services) -> None:
    for _ in range(30):
        services.visits.check_in_guest()
    assert len(services.visits.in_building(limit=10)) == 10
    assert services.visits.in_building_count() == 30
