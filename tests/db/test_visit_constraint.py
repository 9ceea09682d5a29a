"""The database itself refuses a second check-in of a member on one day."""

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import exc

from recoverydesk.db.models import VisitModel
from recoverydesk.db.repositories.visits import VisitRepository
from recoverydesk.domain.members import MemberDraft
from recoverydesk.domain.visits import VisitSource
from recoverydesk.services.container import Services

NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)


def visit(member_id: int | None, seq: int = 1) -> VisitModel:
    return VisitModel(
        member_id=member_id,
        visit_date=NOW.date(),
        seq=seq,
        checked_in_at=NOW,
        source=VisitSource.DESK,
        recorded_by="",
        override_reason="",
    )


def test_unique_key_refuses_a_duplicate_even_without_the_service(services: Services) -> None:
    member = services.members.create(MemberDraft("Ana", "Silva"))
    with services.db.write() as session:
        session.add(visit(member.id))
    with pytest.raises(exc.IntegrityError), services.db.write() as session:
        session.add(visit(member.id))


def test_insert_once_reports_the_lost_race_and_keeps_the_transaction(
    services: Services, db_path: Path
) -> None:
    member = services.members.create(MemberDraft("Ana", "Silva"))
    with services.db.write() as session:
        repo = VisitRepository(session)
        assert repo.insert_once(visit(member.id), ["Meal"])
        assert not repo.insert_once(visit(member.id), ["Group"])
        assert repo.insert_once(visit(None), [])
        assert repo.insert_once(visit(None), [])
    assert services.visits.day_counts(NOW.date()).visits == 3
