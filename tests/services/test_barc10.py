"""BARC-10 through the service: bounds, total and threshold, history order, due dates, access.

Real databases (SQLite file and PostgreSQL), a FixedClock at 2026-03-10.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert, select

from recoverydesk.db.models_accounts import AuditModel
from recoverydesk.db.models_plans import Barc10Model
from recoverydesk.domain.accounts import Actor, PermissionDeniedError, Role
from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.errors import NotFoundError, ValidationError
from recoverydesk.domain.members import MemberDraft
from recoverydesk.services.barc10 import Barc10Service
from recoverydesk.services.container import Services

TODAY = dt.date(2026, 3, 10)
ALL_FOURS = [4] * 10


@pytest.fixture
def barc10(services: Services) -> Barc10Service:
    return Barc10Service(services.db, services.clock, services.settings, services.access)


@pytest.fixture
def member_id(services: Services) -> int:
    return services.members.create(MemberDraft(first_name="Alex", last_name="Rivera")).id


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def test_scores_outside_1_to_6_are_refused_by_item(barc10: Barc10Service, member_id: int) -> None:
    for bad in (0, 7):
        scores = [4] * 10
        scores[6] = bad
        with pytest.raises(ValidationError) as caught:
            barc10.record(member_id, scores, TODAY, "Dee")
        assert caught.value.for_field("item7") == (
            "Item 7 (Living space supports recovery) must be 1 to 6"
        )
    with pytest.raises(ValidationError) as caught:
        barc10.record(member_id, [4] * 9, TODAY, "Dee")
    assert [e.field for e in caught.value.errors] == ["item10"]
    assert barc10.history(member_id) == []


def test_the_total_is_computed_and_47_is_flagged(barc10: Barc10Service, member_id: int) -> None:
    below = barc10.record(member_id, [5, 5, 5, 5, 5, 5, 5, 4, 4, 3], days_ago(90), "Dee")
    at = barc10.record(member_id, [5, 5, 5, 5, 5, 5, 5, 4, 4, 4], TODAY, "Dee")
    assert (below.total, below.at_or_above_threshold) == (46, False)
    assert (at.total, at.at_or_above_threshold) == (47, True)
    assert at.scores == (5, 5, 5, 5, 5, 5, 5, 4, 4, 4)


def test_the_database_refuses_a_typed_total(services: Services, member_id: int) -> None:
    row = {f"item{n}": 4 for n in range(1, 11)}
    row |= {"member_id": member_id, "taken_on": TODAY, "administered_by": "", "total": 41}
    with pytest.raises(Exception, match="(?i)check"), services.db.write() as session:
        session.execute(insert(Barc10Model.__table__), {**row, "created_at": services.clock.now()})


def test_history_is_newest_first(barc10: Barc10Service, member_id: int) -> None:
    barc10.record(member_id, [3] * 10, days_ago(100), "Dee")
    barc10.record(member_id, [5] * 10, days_ago(10), "Sam")
    barc10.record(member_id, [4] * 10, days_ago(50), "Dee")
    barc10.record(member_id, [6] * 10, days_ago(10), "Priya")  # same day: the later one first
    history = barc10.history(member_id)
    assert [(b.taken_on, b.total) for b in history] == [
        (days_ago(10), 60),
        (days_ago(10), 50),
        (days_ago(50), 40),
        (days_ago(100), 30),
    ]
    assert barc10.latest(member_id) == history[0]


def test_the_next_one_is_due_an_interval_after_the_latest(
    services: Services, barc10: Barc10Service, member_id: int, clock: FixedClock
) -> None:
    assert barc10.due_on(member_id) is None
    barc10.record(member_id, ALL_FOURS, days_ago(30), "Dee")
    assert barc10.due_on(member_id) == days_ago(30) + dt.timedelta(days=90)
    services.settings.save(services.settings.get().replace(barc10_interval_days=28))
    assert barc10.due_on(member_id) == days_ago(2)
    clock.advance(days=5)
    barc10.record(member_id, ALL_FOURS, None, "Dee")  # taken today by default
    assert barc10.due_on(member_id) == clock.today() + dt.timedelta(days=28)


def test_a_future_date_is_refused(barc10: Barc10Service, member_id: int) -> None:
    with pytest.raises(ValidationError) as caught:
        barc10.record(member_id, ALL_FOURS, TODAY + dt.timedelta(days=1), "Dee")
    assert caught.value.for_field("taken_on") == "The date taken cannot be in the future"


def test_who_administered_defaults_to_the_signed_in_person(
    services: Services, barc10: Barc10Service, member_id: int
) -> None:
    assert barc10.record(member_id, ALL_FOURS).administered_by == "Command line"
    assert barc10.record(member_id, ALL_FOURS, None, "  Dee   Walsh ").administered_by == (
        "Dee Walsh"
    )
    with pytest.raises(NotFoundError):
        barc10.record(999_999, ALL_FOURS)


def test_scores_are_restricted_and_never_in_the_audit(
    services: Services, barc10: Barc10Service, member_id: int
) -> None:
    barc10.record(member_id, [6, 5, 4, 3, 2, 1, 2, 3, 4, 5], TODAY, "Dee")
    barc10.history(member_id)
    with services.db.read() as session:
        rows = session.execute(
            select(AuditModel.action, AuditModel.entity, AuditModel.detail).where(
                AuditModel.entity == "barc10"
            )
        ).all()
    assert [(a.value, e) for a, e, _ in rows] == [("create", "barc10"), ("view", "barc10")]
    assert all("35" not in detail for *_, detail in rows)
    services.access.act_as(Actor("desk1", "Desk One", Role.FRONT_DESK, user_id=1))
    for attempt in (
        lambda: barc10.history(member_id),
        lambda: barc10.record(member_id, ALL_FOURS),
        lambda: barc10.due_on(member_id),
    ):
        with pytest.raises(PermissionDeniedError):
            attempt()
