"""The audit trail for admins: verify the chain, list and filter entries, export them."""

from __future__ import annotations

import csv
import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from recoverydesk.domain.accounts import (
    SYSTEM_ACTOR,
    Actor,
    AuditAction,
    PermissionDeniedError,
    Role,
)
from recoverydesk.domain.clock import FixedClock
from recoverydesk.services.audit import EXPORT_COLUMNS, AuditService
from recoverydesk.services.container import Services


@pytest.fixture
def trail(services: Services, clock: FixedClock) -> AuditService:
    """Six entries, one a minute from 10:00: views of plans 0-4, then a failed sign-in."""
    for n in range(5):
        services.access.log(AuditAction.VIEW, "plan", n)
        clock.advance(minutes=1)
    services.access.log_as('=HYPERLINK("x")', AuditAction.FAILED_SIGN_IN, "no such user")
    return AuditService(services.db, services.access)


def test_verify_reports_the_chain_and_is_itself_audited(
    services: Services, trail: AuditService
) -> None:
    report = trail.verify()
    assert (report.ok, report.checked) == (True, 6)
    newest = trail.entries(limit=1).rows[0]
    assert (newest.action, newest.entity, newest.detail) == (
        AuditAction.VIEW,
        "audit",
        "verified 6: ok",
    )
    assert newest.username == "system"


def test_entries_are_newest_first_in_pages(trail: AuditService) -> None:
    first = trail.entries(limit=4)
    assert [e.id for e in first.rows] == [6, 5, 4, 3] and first.has_more
    rest = trail.entries(limit=4, offset=4)
    assert [e.id for e in rest.rows] == [2, 1] and not rest.has_more


def test_entries_are_filtered(trail: AuditService, clock: FixedClock) -> None:
    failed = trail.entries(action=AuditAction.FAILED_SIGN_IN).rows
    assert [(e.username, e.detail) for e in failed] == [('=HYPERLINK("x")', "no such user")]
    assert [e.entity_id for e in trail.entries(username="system").rows] == ["4", "3", "2", "1", "0"]
    assert trail.entries(username="nobody").rows == ()
    start = dt.datetime(2026, 3, 10, 10, 1, tzinfo=dt.UTC)
    window = trail.entries(since=start, until=start + dt.timedelta(minutes=2)).rows
    assert [e.entity_id for e in window] == ["2", "1"]
    with pytest.raises(ValueError, match="timezone-aware"):
        trail.entries(since=dt.datetime(2026, 3, 10))


def test_export_is_private_guarded_and_audited(trail: AuditService, tmp_path: Path) -> None:
    out = tmp_path / "exports" / "audit.csv"
    out.parent.mkdir()
    out.write_text("an older export\n", encoding="utf-8")
    assert trail.export_csv(out) == 6
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(EXPORT_COLUMNS)
    assert rows[1][:3] == ["1", "2026-03-10 10:00:00", "system"]
    assert rows[6][2] == '\'=HYPERLINK("x")'  # a spreadsheet shows it, never runs it
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in out.parent.iterdir()] == ["audit.csv"], "no temporary file left"
    newest = trail.entries(limit=1).rows[0]
    assert (newest.action, newest.entity, newest.detail) == (
        AuditAction.EXPORT,
        "audit",
        "6 entries",
    )


def test_export_with_a_filter(trail: AuditService, tmp_path: Path) -> None:
    out = tmp_path / "failed.csv"
    assert trail.export_csv(out, action=AuditAction.FAILED_SIGN_IN) == 1


def test_export_to_a_missing_folder_writes_nothing(trail: AuditService, tmp_path: Path) -> None:
    with pytest.raises(Exception, match="does not exist"):
        trail.export_csv(tmp_path / "gone" / "audit.csv")
    assert trail.entries(action=AuditAction.EXPORT).rows == ()


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.PEER, Role.COORDINATOR])
def test_only_admins_see_the_audit_trail(
    services: Services, trail: AuditService, tmp_path: Path, role: Role
) -> None:
    services.access.act_as(Actor("someone", "Someone", role, user_id=9))
    for attempt in (
        trail.verify,
        trail.entries,
        lambda: trail.export_csv(tmp_path / "audit.csv"),
    ):
        with pytest.raises(PermissionDeniedError):
            attempt()
    assert not (tmp_path / "audit.csv").exists()
    services.access.act_as(SYSTEM_ACTOR)
    refused = trail.entries(action=AuditAction.REFUSED).rows
    assert [(e.username, e.detail) for e in refused] == [("someone", "audit-view")] * 3
