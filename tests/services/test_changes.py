"""The change feed: one desk sees what another desk changed, and not its own changes."""

from __future__ import annotations

from pathlib import Path

from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.members import MemberDraft
from recoverydesk.services.container import Services, open_services


def test_another_desk_sees_members_and_visits_change(
    services: Services, db_url: str | Path, clock: FixedClock
) -> None:
    back_office = open_services(db_url, clock=clock)
    try:
        assert not back_office.changes.poll()  # first poll sets the mark
        member = services.members.create(MemberDraft("Lê", "Văn Tám"))
        services.visits.check_in(member.id)
        seen = back_office.changes.poll()
        assert seen.kinds == {"members", "visits"}
        assert seen.member_ids == {member.id}
        assert not back_office.changes.poll()  # nothing new since
    finally:
        back_office.close()


def test_a_desk_does_not_report_its_own_changes(services: Services) -> None:
    services.changes.poll()
    services.members.create(MemberDraft("Amal", "Haddad"))
    assert not services.changes.poll()
