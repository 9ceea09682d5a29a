"""Peer-work rules: certificate expiry, radar reasons, what a peer, contact or period needs."""

import datetime as dt

import pytest

from recoverydesk.domain.peer_rules import (
    NOTE_MAX,
    radar_reasons,
    validate_certification,
    validate_contact,
    validate_peer,
    validate_period,
    validate_start,
    validate_supervision,
)
from recoverydesk.domain.peers import (
    CaseloadStatus,
    CertificationDraft,
    CertificationStatus,
    ContactDraft,
    ContactKind,
    PeerDraft,
    RadarReason,
    SupervisionDraft,
    certification_status,
)

TODAY = dt.date(2026, 3, 10)
NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)


def fields(errors: list) -> set[str]:
    return {e.field for e in errors}


@pytest.mark.parametrize(
    ("expires", "status"),
    [
        (None, CertificationStatus.NO_EXPIRY),
        (TODAY - dt.timedelta(days=1), CertificationStatus.EXPIRED),
        (TODAY, CertificationStatus.EXPIRES_SOON),
        (TODAY + dt.timedelta(days=60), CertificationStatus.EXPIRES_SOON),
        (TODAY + dt.timedelta(days=61), CertificationStatus.VALID),
    ],
)
def test_certificate_expired_after_its_day_and_flagged_sixty_days_ahead(
    expires: dt.date | None, status: CertificationStatus
) -> None:
    assert certification_status(expires, TODAY) is status


def test_cap_warning_only_when_over() -> None:
    assert CaseloadStatus(1, count=15, cap=15).warning == ""
    over = CaseloadStatus(1, count=17, cap=15)
    assert over.over_cap
    assert over.warning == "Over cap: 17 of 15"


def test_radar_reasons_say_why_most_overdue_first() -> None:
    reasons, why = radar_reasons(
        TODAY, TODAY - dt.timedelta(days=3), TODAY - dt.timedelta(days=20), None, 14
    )
    assert reasons == (RadarReason.NO_RECENT_CONTACT, RadarReason.FOLLOW_UP_DUE)
    assert why == "No contact or visit for 20 days; Follow-up due 3 days ago"


def test_radar_reasons_one_day_and_never_contacted() -> None:
    assert radar_reasons(TODAY, TODAY - dt.timedelta(days=1), TODAY, None, 14) == (
        (RadarReason.FOLLOW_UP_DUE,),
        "Follow-up due 1 day ago",
    )
    _, why = radar_reasons(TODAY, None, None, TODAY - dt.timedelta(days=30), 14)
    assert why == "No contact or visit since assigned 30 days ago"


def test_no_reason_within_the_quiet_days_or_before_the_follow_up() -> None:
    assert radar_reasons(TODAY, TODAY, TODAY - dt.timedelta(days=14), None, 14) == ((), "")


def test_a_peer_needs_a_name_and_a_sensible_cap() -> None:
    assert validate_peer(PeerDraft("Ngozi Okafor")) == []
    assert fields(validate_peer(PeerDraft(""))) == {"name"}
    assert fields(validate_peer(PeerDraft("A", caseload_cap=0))) == {"caseload_cap"}
    assert fields(validate_peer(PeerDraft("A", caseload_cap=501))) == {"caseload_cap"}
    assert fields(validate_peer(PeerDraft("A", phone="call me", email="nope"))) == {
        "phone",
        "email",
    }


def test_certificate_cannot_expire_before_it_was_issued() -> None:
    bad = CertificationDraft("CPRS", "1", dt.date(2025, 1, 1), dt.date(2024, 12, 31))
    assert fields(validate_certification(bad, TODAY)) == {"expires_on"}
    assert fields(validate_certification(CertificationDraft(""), TODAY)) == {"name"}
    future = CertificationDraft("CPRS", issued_on=TODAY + dt.timedelta(days=1))
    assert fields(validate_certification(future, TODAY)) == {"issued_on"}


def test_supervision_needs_a_supervisor_and_a_past_date() -> None:
    assert validate_supervision(SupervisionDraft(TODAY, "Thanh Tùng Bùi"), TODAY) == []
    bad = SupervisionDraft(TODAY + dt.timedelta(days=1), "", note="x" * (NOTE_MAX + 1))
    assert fields(validate_supervision(bad, TODAY)) == {"held_on", "supervisor", "note"}


def contact(**changes: object) -> ContactDraft:
    values: dict[str, object] = {"member_id": 1, "kind": ContactKind.PHONE, "contacted_at": NOW}
    values.update(changes)
    return ContactDraft(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"minutes": -1}, "minutes"),
        ({"minutes": 1441}, "minutes"),
        ({"contacted_at": NOW + dt.timedelta(minutes=6)}, "contacted_at"),
        ({"follow_up_on": TODAY - dt.timedelta(days=1)}, "follow_up_on"),
        ({"note": "x" * (NOTE_MAX + 1)}, "note"),
        ({"kind": "carrier pigeon"}, "kind"),
    ],
)
def test_contact_rules_name_the_field(changes: dict, field: str) -> None:
    assert fields(validate_contact(contact(**changes), TODAY, NOW)) == {field}


def test_contact_limits_are_inclusive() -> None:
    ok = contact(
        minutes=1440,
        contacted_at=NOW + dt.timedelta(minutes=5),
        follow_up_on=TODAY,
        note="x" * NOTE_MAX,
    )
    assert validate_contact(ok, TODAY, NOW) == []
    assert validate_contact(contact(minutes=0), TODAY, NOW) == []


def test_an_assignment_cannot_end_before_it_began_or_without_a_reason() -> None:
    start = dt.date(2026, 2, 1)
    assert validate_period(start, start, TODAY, "Moved away") == []
    assert fields(validate_period(start, start - dt.timedelta(days=1), TODAY, "x")) == {"ended_on"}
    assert fields(validate_period(start, TODAY + dt.timedelta(days=1), TODAY, "x")) == {"ended_on"}
    assert fields(validate_period(start, TODAY, TODAY, "")) == {"reason"}
    assert fields(validate_start(TODAY + dt.timedelta(days=1), TODAY)) == {"started_on"}
