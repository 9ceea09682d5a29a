"""copy-database: a site's data moves SQLite → PostgreSQL → SQLite with nothing lost."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select
from tests.pg import PostgresCluster

from recoverydesk.__main__ import main
from recoverydesk.db import copy as db_copy
from recoverydesk.db.repositories import audit
from recoverydesk.domain.accounts import AuditAction
from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.errors import DuplicateError
from recoverydesk.domain.members import MemberDraft
from recoverydesk.services.container import Services, open_services
from recoverydesk.services.copying import copy_to
from recoverydesk.services.demo import generate_demo

pytestmark = pytest.mark.sqlite_only  # the source is SQLite; PostgreSQL is the target
#: Tables the demo fills, so the round trip compares real rows in each.
TABLES_WITH_DEMO_ROWS = (
    "members",
    "member_search_terms",
    "visits",
    "visit_purposes",
    "peers",
    "peer_certifications",
    "supervision_sessions",
    "assignments",
    "contacts",
    "recovery_plans",
    "plan_goals",
    "plan_steps",
    "plan_reviews",
    "barc10_assessments",
    "settings",
    "counters",
    "audit_log",
)
MOMENT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
NEWCOMER = MemberDraft("Oksana", "Мельник")


def dump(target: str | Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in primary-key order (datetimes as UTC)."""
    services = open_services(target)
    try:
        with services.db.read() as session:
            return {
                table.name: [
                    tuple(row)
                    for row in session.execute(
                        select(table).order_by(*(table.primary_key.columns or table.columns))
                    )
                ]
                for table in db_copy.tables()
            }
    finally:
        services.close()


@pytest.fixture
def stocked(services: Services, db_path: Path) -> Path:
    generate_demo(services, 60, days=30, seed=5)
    services.access.log(AuditAction.VIEW, "plan", 1)
    return db_path


def test_round_trip_sqlite_postgres_sqlite_keeps_every_row(
    stocked: Path, services: Services, pg_cluster: PostgresCluster, tmp_path: Path
) -> None:
    original = dump(stocked)
    assert all(original[name] for name in TABLES_WITH_DEMO_ROWS), "the demo fills them"
    server = pg_cluster.url(pg_cluster.new_database())
    report, where = copy_to(services, server)
    assert report.counts["members"] == 60 and report.counts["visits"] > 60
    assert "postgresql" in where and "@" not in where

    on_server = open_services(server)
    back = tmp_path / "back.sqlite3"
    try:
        copy_to(on_server, str(back))
        # the server keeps working: new rows get fresh ids after the copied ones
        assert on_server.members.create(NEWCOMER).id == 61
    finally:
        on_server.close()
    returned = dump(back)
    assert returned.keys() == original.keys()
    for name, rows in original.items():
        assert returned[name] == rows, f"table {name} differs after the round trip"
    reopened = open_services(back)
    try:
        with reopened.db.read() as session:
            assert audit.verify(session).ok
    finally:
        reopened.close()


def test_a_target_with_data_is_refused_and_left_alone(
    stocked: Path, services: Services, tmp_path: Path
) -> None:
    other = open_services(tmp_path / "other.sqlite3", clock=FixedClock(moment=MOMENT))
    other.members.create(NEWCOMER)
    other.close()
    with pytest.raises(DuplicateError, match="already holds data: .*members"):
        copy_to(services, str(tmp_path / "other.sqlite3"))
    assert len(dump(tmp_path / "other.sqlite3")["members"]) == 1


def test_the_command_line_copies_and_says_where(
    stocked: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "copy.sqlite3"
    assert main(["--db", str(stocked), "copy-database", "--to", str(target)]) == 0
    out = capsys.readouterr().out
    assert "members: 60" in out and str(target) in out
    assert main(["--db", str(stocked), "copy-database", "--to", str(target)]) == 1
    assert "already holds data" in capsys.readouterr().err
