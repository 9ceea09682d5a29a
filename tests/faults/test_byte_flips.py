"""Damaged files: the header or a page in the middle overwritten on disk.

A real database (or backup) file is closed, then bytes are overwritten in place, as a dying
disk or a bad copy would. ``check_database`` and ``recoverydesk check`` must say what is
wrong in plain words (never a traceback), ``newest_good_backup`` must pass over a damaged
backup, and ``restore_file`` must bring back the last good backup's data and keep the
damaged file aside, byte for byte. (The recovery screen itself is tested in tests/ui.)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from recoverydesk.__main__ import main
from recoverydesk.db.repositories import audit
from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.errors import DatabaseError
from recoverydesk.domain.members import MemberDraft
from recoverydesk.services.backups import newest_good_backup, restore_file
from recoverydesk.services.container import Services, open_services
from recoverydesk.services.maintenance import check_database

NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)
GARBAGE = 0xA5


def damage(path: Path, where: str) -> bytes:
    """Overwrite the 100-byte header or a middle page of the members table; the file after."""
    assert not Path(f"{path}-wal").exists(), "close every connection first"
    with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        try:  # the members' rows, not an empty table's root page
            members = [
                r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = 'members'")
            ]
        except sqlite3.OperationalError:  # SQLite built without dbstat
            members = []
    middle = members[len(members) // 2] - 1 if members else pages // 2
    offset, length = (0, 100) if where == "header" else (page_size * middle, page_size)
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(bytes([GARBAGE]) * length)
    return path.read_bytes()


def stock(services: Services, first: int, count: int) -> None:
    for i in range(first, first + count):
        services.members.create(
            MemberDraft("Test", f"Person{i:03d}", address="1 Long Road " + "y" * 300)
        )


def last_names(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return sorted(r[0] for r in conn.execute("SELECT last_name FROM members"))


@pytest.fixture
def closed_database(db_path: Path, clock: FixedClock) -> Path:
    """A real database of 200 members with long addresses, every connection closed."""
    services = open_services(db_path, clock=clock)
    stock(services, 0, 200)
    services.close()
    return db_path


def test_a_healthy_database_checks_ok(
    closed_database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check_database(closed_database).ok
    assert main(["--db", str(closed_database), "check"]) == 0
    assert "Integrity: ok" in capsys.readouterr().out


def test_an_overwritten_header_is_not_a_database(
    closed_database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = damage(closed_database, "header")
    report = check_database(closed_database)
    assert not report.ok
    assert len(report.problems) == 1
    assert "not a RecoveryDesk database or is damaged" in report.problems[0]

    assert main(["--db", str(closed_database), "check"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Problem: ")
    assert "Traceback" not in err[0]
    assert closed_database.read_bytes() == damaged, "checking must not change the file"


def test_an_overwritten_page_is_reported_as_an_integrity_problem(
    closed_database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = damage(closed_database, "page")
    report = check_database(closed_database)
    assert not report.ok
    assert all(p.startswith("Integrity: ") for p in report.problems)
    assert 1 <= len(report.problems) <= 10

    assert main(["--db", str(closed_database), "check"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err and all(line.startswith("Problem: Integrity: ") for line in err)
    assert closed_database.read_bytes() == damaged


@pytest.mark.parametrize("where", ["header", "page"])
def test_opening_a_damaged_database_is_a_plain_refusal(closed_database: Path, where: str) -> None:
    damage(closed_database, where)
    try:
        services = open_services(closed_database)
    except DatabaseError as error:
        assert str(error) and "\n" not in str(error)
        return
    # a damaged page may lie where opening does not look; then reading it must fail plainly
    try:
        with pytest.raises(DatabaseError, match="damaged"):
            services.members.search("", limit=1000, with_total=True)
            with services.db.read() as session:  # the page may hold the audit trail
                audit.verify(session)
    finally:
        services.close()


@pytest.fixture
def three_backups(tmp_path: Path) -> tuple[Path, Path, list[Path]]:
    """A database with backups after 40, 80 and 120 members; the newest written last."""
    database, folder = tmp_path / "site.sqlite3", tmp_path / "backups"
    clock = FixedClock(moment=NOW)
    services = open_services(database, backup_dir=folder, clock=clock)
    made = []
    for round_ in range(3):
        stock(services, round_ * 40, 40)
        made.append(services.backups.back_up().path)
        clock.advance(days=1)
    stock(services, 120, 10)
    services.close()
    return database, folder, made


@pytest.mark.parametrize("where", ["header", "page"])
def test_newest_good_backup_passes_over_a_damaged_one(
    three_backups: tuple[Path, Path, list[Path]], where: str
) -> None:
    _database, folder, made = three_backups
    damage(made[-1], where)
    good = newest_good_backup(folder)
    assert good is not None and good.path == made[1]
    assert good.verified and good.members == 80


def test_no_good_backup_at_all(three_backups: tuple[Path, Path, list[Path]]) -> None:
    _database, folder, made = three_backups
    for path in made:
        damage(path, "header")
    assert newest_good_backup(folder) is None


@pytest.mark.parametrize("where", ["header", "page"])
def test_restore_brings_back_the_last_good_backup(
    three_backups: tuple[Path, Path, list[Path]], where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    database, folder, made = three_backups
    damage(made[-1], "page")
    damaged = damage(database, where)
    good = newest_good_backup(folder)
    assert good is not None

    kept = restore_file(good.path, database, folder, NOW + dt.timedelta(days=5))

    assert last_names(database) == [f"Person{i:03d}" for i in range(80)]
    assert kept.path.read_bytes() == damaged, "the damaged file is kept aside as it was"
    assert check_database(database).ok
    assert main(["--db", str(database), "check"]) == 0
    services = open_services(database, backup_dir=folder)
    try:
        assert services.members.search("", with_total=True).total == 80
    finally:
        services.close()


def test_command_line_restore_over_a_damaged_header(
    three_backups: tuple[Path, Path, list[Path]], tmp_path: Path
) -> None:
    database, folder, made = three_backups
    damage(database, "header")
    assert main(["--db", str(database), "--data-dir", str(tmp_path), "restore", str(made[1])]) == 0
    assert last_names(database) == [f"Person{i:03d}" for i in range(80)]
