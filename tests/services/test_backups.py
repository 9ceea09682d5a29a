"""Backups: verified copies, rotation, off-PC reminder, restore with a before-restore copy."""

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest

from recoverydesk.domain.backups import BackupInfo, BackupKind, Retention, backups_to_delete
from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.errors import DatabaseCorruptError, DatabaseUnavailableError
from recoverydesk.domain.members import MemberDraft, MemberStatus
from recoverydesk.services.backups import newest_good_backup, restore_file
from recoverydesk.services.container import Services

# SQLite only: backups copy and verify a SQLite file.
pytestmark = pytest.mark.sqlite_only


def names(services: Services) -> list[str]:
    return [r.last_name for r in services.members.search("").rows]


def test_backup_is_verified_and_listed_with_counts(services: Services) -> None:
    member = services.members.create(MemberDraft("Ana", "Silva"))
    services.visits.check_in(member.id)
    info = services.backups.back_up()
    assert info.verified and info.kind is BackupKind.MANUAL
    assert (info.members, info.visits) == (1, 1)
    assert info.path.parent == services.backups.folder and info.path.suffix == ".sqlite3"
    listed = services.backups.list()
    assert [(b.path, b.verified, b.members) for b in listed] == [(info.path, True, 1)]
    assert not list(services.backups.folder.glob("*.partial"))


def test_daily_backup_once_per_day(services: Services, clock: FixedClock) -> None:
    first = services.backups.daily_if_needed()
    assert first is not None and first.kind is BackupKind.DAILY
    clock.advance(hours=3)
    assert services.backups.daily_if_needed() is None
    clock.advance(days=1)
    assert services.backups.daily_if_needed() is not None


def test_rotation_keeps_newest_per_day_week_month() -> None:
    start = dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC)
    daily = [
        BackupInfo(Path(f"d{i}.sqlite3"), start + dt.timedelta(days=i), BackupKind.DAILY, 1, True)
        for i in range(120)
    ]
    manual = BackupInfo(Path("m.sqlite3"), start, BackupKind.MANUAL, 1, True)
    doomed = {b.path for b in backups_to_delete([*daily, manual], Retention(7, 4, 12))}
    kept = [b for b in daily if b.path not in doomed]
    assert manual.path not in doomed
    assert {b.path for b in daily[-7:]} <= {b.path for b in kept}
    assert 7 <= len(kept) <= 7 + 4 + 12
    assert daily[30].path in {b.path for b in kept}, "January keeps its newest copy (31st)"
    assert daily[29].path in doomed


def test_rotation_deletes_old_dailies_with_their_notes(
    services: Services, clock: FixedClock
) -> None:
    for _ in range(40):
        services.backups.back_up(BackupKind.DAILY)
        clock.advance(days=1)
    files = sorted(services.backups.folder.glob("*.sqlite3"))
    assert len(files) < 40
    assert len(list(services.backups.folder.glob("*.json"))) == len(files)


def test_off_pc_copy_and_reminder(services: Services, tmp_path: Path, clock: FixedClock) -> None:
    assert "No backup has been copied off this PC" in services.backups.reminder()
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    info = services.backups.back_up_to(stick)
    assert info.path.parent == stick and info.verified
    assert services.backups.reminder() is None
    clock.advance(days=8)
    assert "8 days ago" in services.backups.reminder()


def test_backup_to_a_removed_stick_fails_and_creates_nothing(
    services: Services, tmp_path: Path
) -> None:
    removed = tmp_path / "media" / "usb-stick"
    with pytest.raises(DatabaseUnavailableError, match="was a USB stick removed"):
        services.backups.back_up_to(removed)
    assert not removed.exists()
    assert services.backups.reminder() is not None, "no off-PC copy was recorded"


def test_restore_brings_back_the_backup_and_keeps_the_current(services: Services) -> None:
    services.members.create(MemberDraft("Ana", "Before"))
    backup = services.backups.back_up()
    services.members.create(MemberDraft("Ben", "After"))
    before_restore = services.backups.restore(backup.path)
    assert names(services) == ["Before"]
    assert before_restore.kind is BackupKind.BEFORE_RESTORE and before_restore.members == 2
    services.backups.restore(before_restore.path)
    assert sorted(names(services)) == ["After", "Before"]


def test_damaged_backup_is_refused_and_nothing_changes(services: Services) -> None:
    services.members.create(MemberDraft("Ana", "Kept"))
    backup = services.backups.back_up()
    with backup.path.open("r+b") as handle:
        handle.seek(0)
        handle.write(b"garbage garbage!")
    with pytest.raises(DatabaseCorruptError, match="cannot be restored"):
        services.backups.restore(backup.path)
    assert names(services) == ["Kept"]


def test_backup_while_another_desk_writes_verifies(services: Services, db_path: Path) -> None:
    for i in range(300):
        services.members.create(MemberDraft("Sam", f"Tester{i}"))
    stop = threading.Event()

    def writer() -> None:
        conn = sqlite3.connect(db_path, isolation_level=None, timeout=10)
        n = 0
        while not stop.is_set():
            conn.execute("INSERT INTO settings (key, value) VALUES (?, 'x')", (f"k{n}",))
            n += 1
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        infos = [services.backups.back_up() for _ in range(3)]
    finally:
        stop.set()
        thread.join()
    assert all(i.verified and i.members == 300 for i in infos)


def test_recovery_without_an_open_database(
    services: Services, db_path: Path, clock: FixedClock
) -> None:
    services.members.create(MemberDraft("Ana", "Saved"))
    services.backups.back_up()
    folder = services.backups.folder
    services.close()
    db_path.write_bytes(b"not a database any more" * 100)
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    good = newest_good_backup(folder)
    assert good is not None and good.members == 1
    kept = restore_file(good.path, db_path, folder, clock.now())
    assert kept.path.read_bytes().startswith(b"not a database")
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT last_name FROM members").fetchall() == [("Saved",)]


def test_restore_brings_back_the_restored_sites_rules_and_time_zone(services: Services) -> None:
    from recoverydesk.domain.settings import SiteSettings
    from recoverydesk.domain.visits import VisitRules

    services.settings.save(SiteSettings(time_zone="Europe/Dublin"))
    services.visit_rules.save(VisitRules(guest_limit=5))
    backup = services.backups.back_up()
    services.settings.save(SiteSettings(time_zone="Asia/Tokyo"))
    services.visit_rules.save(VisitRules(guest_limit=2))
    guest = services.members.create(MemberDraft("Tomás", "Ruiz", status=MemberStatus.GUEST))
    assert services.front_desk.find(guest.code)[0].flags == ("Guest: 0 visits of 2",)
    services.backups.restore(backup.path)
    assert services.clock.time_zone == "Europe/Dublin"
    assert services.visit_rules.get().guest_limit == 5
    restored_guest = services.members.create(MemberDraft("Ana", "Guest", status=MemberStatus.GUEST))
    assert services.front_desk.find(restored_guest.code)[0].flags == ("Guest: 0 visits of 5",)


def test_recovery_offers_only_this_databases_backups(
    services: Services, db_path: Path, tmp_path: Path
) -> None:
    services.backups.back_up()
    folder = services.backups.folder
    assert newest_good_backup(folder, db_path) is not None
    assert newest_good_backup(folder, tmp_path / "another-site.sqlite3") is None


def test_a_backup_deleted_after_listing_is_a_plain_error(services: Services) -> None:
    info = services.backups.back_up()
    info.path.unlink()
    with pytest.raises(DatabaseUnavailableError, match="not there"):
        services.backups.check(info.path)
