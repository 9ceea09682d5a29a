"""Two desks on one database, racing: every day one visit, every member a unique code."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from recoverydesk.db.models import VisitModel
from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.members import MemberDraft
from recoverydesk.services.container import Services, open_services

DAYS = 100


def race(desks: list[Services], work: Callable[[int, Services], object]) -> list[object]:
    """Run ``work(desk_number, desk)`` on every desk at once; the results in any order."""
    start = threading.Barrier(len(desks))
    results: list[object] = []
    errors: list[BaseException] = []

    def run(number: int, desk: Services) -> None:
        start.wait()
        try:
            results.append(work(number, desk))
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(n, d)) for n, d in enumerate(desks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def test_a_hundred_days_of_racing_check_ins_make_one_visit_a_day(
    db_url: Path | str, clock: FixedClock, services: Services
) -> None:
    member = services.members.create(MemberDraft("Dương", "Thị Hoa"))
    desks = [open_services(db_url, clock=clock) for _ in range(2)]
    try:
        for _ in range(DAYS):
            created = race(desks, lambda _n, d: d.visits.check_in(member.id).created)
            assert sorted(created) == [False, True]
            clock.advance(days=1)
    finally:
        for desk in desks:
            desk.close()
    with services.db.read() as session:
        visits = session.execute(
            select(func.count(), func.count(func.distinct(VisitModel.visit_date)))
        ).one()
    assert tuple(visits) == (DAYS, DAYS)


def test_desks_creating_members_at_once_never_share_a_code(
    db_url: Path | str, clock: FixedClock
) -> None:
    desks = [open_services(db_url, clock=clock) for _ in range(2)]
    try:
        made = race(
            desks,
            lambda n, d: [
                d.members.create(MemberDraft(f"Desk{n}", f"Person{i:02d}")).code for i in range(25)
            ],
        )
    finally:
        for desk in desks:
            desk.close()
    codes = [code for batch in made for code in batch]  # type: ignore[attr-defined]
    assert len(codes) == 50 and len(set(codes)) == 50
