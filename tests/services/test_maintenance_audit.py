"""``check`` and the start check verify the audit trail's hash chain.

An entry edited, removed or slipped in with another tool (the database's own triggers
refuse edits, so the tamperer drops them first) makes ``recoverydesk check`` fail with the
entry's number, and the app's start check report it (the recovery screen then opens).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from recoverydesk.__main__ import main
from recoverydesk.db.repositories import audit
from recoverydesk.domain.accounts import AuditAction
from recoverydesk.services.container import Services
from recoverydesk.services.maintenance import check_database, start_check_problems

BROKEN_AT_4 = "Audit trail: broken at entry #4 — it was changed outside RecoveryDesk"
FIXTURES = Path(__file__).parents[1] / "fixtures" / "db"


def log_six(services: Services) -> None:
    for n in range(6):
        services.access.log(AuditAction.VIEW, "plan", n)


def tampered_copy(services: Services, db_path: Path, tmp_path: Path, *statements: str) -> Path:
    """A copy of the closed SQLite database, changed by ``statements`` with sqlite3."""
    services.close()
    copy = tmp_path / "copy.sqlite3"
    shutil.copy(db_path, copy)
    with contextlib.closing(sqlite3.connect(copy)) as conn, conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("DROP TRIGGER audit_log_no_delete")
        for statement in statements:
            conn.execute(statement)
    return copy


def tamper_in_place(services: Services, *statements: str) -> None:
    """Change the (throwaway) PostgreSQL test database behind RecoveryDesk's back."""
    from sqlalchemy import text

    with services.db.engine.begin() as conn:
        conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        for statement in statements:
            conn.execute(text(statement))


def test_an_intact_trail_checks_ok(services: Services, db_url: str | Path) -> None:
    log_six(services)
    report = check_database(db_url)
    assert report.ok, report.problems
    assert "Audit trail: OK (6 entries)" in report.lines


def test_an_edited_entry_fails_check_at_that_entry(
    services: Services,
    engine_kind: str,
    db_url: str | Path,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    log_six(services)
    edit = "UPDATE audit_log SET entity_id = '99' WHERE id = 4"
    if engine_kind == "sqlite":
        target: str | Path = tampered_copy(services, db_path, tmp_path, edit)
        assert check_database(db_path).ok, "the original is untouched"
    else:
        tamper_in_place(services, edit)
        target = db_url
    report = check_database(target)
    assert report.problems == [BROKEN_AT_4]
    assert main(["--db", str(target), "check"]) == 1
    assert capsys.readouterr().err.strip() == f"Problem: {BROKEN_AT_4}"


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("statement", "problem"),
    [
        ("DELETE FROM audit_log WHERE id = 4", "broken at entry #5"),
        ("DELETE FROM audit_log WHERE id >= 5", "broken at entry #5"),  # the chain still holds
    ],
    ids=["removed", "newest-removed"],
)
def test_removed_entries_are_found(
    services: Services, db_path: Path, tmp_path: Path, statement: str, problem: str
) -> None:
    log_six(services)
    copy = tampered_copy(services, db_path, tmp_path, statement)
    assert [p.split(" — ")[0] for p in check_database(copy).problems] == [f"Audit trail: {problem}"]


@pytest.mark.sqlite_only
def test_an_entry_slipped_in_with_a_correct_hash_is_found(
    services: Services, db_path: Path, tmp_path: Path
) -> None:
    log_six(services)
    copy = tampered_copy(services, db_path, tmp_path)
    at = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
    fields = ("system", "desk", "view", "plan", "1", "")
    with contextlib.closing(sqlite3.connect(copy)) as conn, conn:
        prev = conn.execute("SELECT row_hash FROM audit_log WHERE id = 6").fetchone()[0]
        conn.execute(
            "INSERT INTO audit_log VALUES (7, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ("2026-03-10 09:00:00.000000", *fields, prev, audit.row_hash(prev, at, *fields)),
        )
    assert check_database(copy).problems == [BROKEN_AT_4.replace("#4", "#7")]


@pytest.mark.sqlite_only
def test_the_start_check_reports_a_broken_trail(
    services: Services, db_path: Path, tmp_path: Path
) -> None:
    log_six(services)
    edit = "UPDATE audit_log SET detail = 'nothing to see' WHERE id = 4"
    copy = tampered_copy(services, db_path, tmp_path, edit)
    today = dt.date(2026, 3, 10)
    assert start_check_problems(db_path, tmp_path / "a.json", today) == []
    assert start_check_problems(copy, tmp_path / "b.json", today) == [BROKEN_AT_4]
    assert start_check_problems(copy, tmp_path / "b.json", today) == [BROKEN_AT_4], "until fixed"

    from recoverydesk.app import damage_found  # what opens the recovery screen

    assert damage_found(copy, tmp_path / "c.json") == BROKEN_AT_4


@pytest.mark.sqlite_only
def test_quick_starts_count_entries_and_the_weekly_check_reads_the_chain(
    services: Services, db_path: Path, tmp_path: Path
) -> None:
    log_six(services)
    state, today = tmp_path / "checks.json", dt.date(2026, 3, 10)
    services.close()
    assert start_check_problems(db_path, state, today) == []  # full: passes, remembered
    removed = tampered_copy(services, db_path, tmp_path, "DELETE FROM audit_log WHERE id = 6")
    assert start_check_problems(removed, state, today + dt.timedelta(days=1)) == [
        "Audit trail: broken at entry #6 — it was changed outside RecoveryDesk"
    ]
    edited = "UPDATE audit_log SET detail = 'x' WHERE id = 4"
    shutil.copy(db_path, tmp_path / "original.sqlite3")
    copy = tampered_copy(services, tmp_path / "original.sqlite3", tmp_path, edited)
    assert start_check_problems(copy, state, today + dt.timedelta(days=1)) == []
    assert start_check_problems(copy, state, today + dt.timedelta(days=7)) == [BROKEN_AT_4]


@pytest.mark.sqlite_only
def test_a_database_from_before_the_audit_trail_checks_ok(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURES / "rev_0003.sqlite3", old)
    report = check_database(old)
    assert report.ok, report.problems
    assert not any(line.startswith("Audit trail") for line in report.lines)
    assert start_check_problems(old, tmp_path / "checks.json", dt.date(2026, 3, 10)) == []
