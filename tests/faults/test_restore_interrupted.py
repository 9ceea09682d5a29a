"""A restore that cannot finish loses nothing, even with another window still open.

SQLite keeps recent commits in the write-ahead log (``-wal``) until a checkpoint folds them
into the file, and the last connection to close does that. So while a second RecoveryDesk
window (or another program) has the database open, part of the data lives only in the log.
A restore must never throw that log away before its own rename has succeeded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from recoverydesk.db import sqlite_file
from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.errors import DatabaseLockedError, DatabaseReadOnlyError
from recoverydesk.domain.members import MemberDraft
from recoverydesk.services.backups import newest_good_backup, restore_file
from recoverydesk.services.container import Services, open_services

NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)


def names_seen_by_a_new_process(database: Path) -> list[str]:
    """What a fresh program reading the file sees (it shares no SQLite state with us)."""
    code = (
        "import sqlite3, sys\n"
        "rows = sqlite3.connect(sys.argv[1]).execute('SELECT last_name FROM members')\n"
        "print(','.join(sorted(r[0] for r in rows)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(database)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().split(",")


def refuse_rename_of_restored_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    def replace(source: str, target: str) -> None:
        if str(source).endswith(".restoring"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(source))
        os.replace(source, target)

    fake_os = SimpleNamespace(**{name: getattr(os, name) for name in dir(os)})
    fake_os.replace = replace
    monkeypatch.setattr(sqlite_file, "os", fake_os)


def test_a_failed_restore_keeps_what_another_window_saved(
    services: Services, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.members.create(MemberDraft("Ana", "Silva"))
    backup = services.backups.back_up()
    other_window = open_services(db_path, clock=FixedClock(moment=NOW))
    try:
        other_window.members.create(MemberDraft("Bo", "Chen"))  # lives in the log for now
        refuse_rename_of_restored_copy(monkeypatch)
        with pytest.raises(DatabaseReadOnlyError):
            services.backups.restore(backup.path)
        monkeypatch.undo()
        # the other window has not closed (it could crash now): the file alone must hold it
        assert names_seen_by_a_new_process(db_path) == ["Chen", "Silva"]
        assert sorted(r.last_name for r in other_window.members.search("").rows) == [
            "Chen",
            "Silva",
        ]
    finally:
        other_window.close()


def test_restore_waits_for_nobody_mid_transaction(services: Services, db_path: Path) -> None:
    services.members.create(MemberDraft("Ana", "Silva"))
    backup = services.backups.back_up()
    services.members.create(MemberDraft("Bo", "Chen"))
    with contextlib.closing(sqlite3.connect(db_path, isolation_level=None)) as reader:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM members").fetchone()  # holds a snapshot
        with pytest.raises(DatabaseLockedError) as refused:
            services.backups.restore(backup.path)
        reader.execute("COMMIT")
    message = str(refused.value)
    assert "another RecoveryDesk window or program is using" in message
    assert "Nothing was changed" in message
    assert sorted(r.last_name for r in services.members.search("").rows) == ["Chen", "Silva"]
    assert not list(db_path.parent.glob("*.restoring"))


def test_restore_over_a_damaged_file_ignores_its_log(tmp_path: Path) -> None:
    database = tmp_path / "site.sqlite3"
    folder = tmp_path / "backups"
    services = open_services(database, backup_dir=folder, clock=FixedClock(moment=NOW))
    services.members.create(MemberDraft("Ana", "Silva"))
    services.backups.back_up()
    holder = open_services(database, backup_dir=folder, clock=FixedClock(moment=NOW))
    holder.members.create(MemberDraft("Bo", "Chen"))
    services.close()
    with open(database, "r+b") as handle:  # the header is overwritten while the log is live
        handle.write(b"\xff" * 100)
    log = Path(f"{database}-wal").read_bytes()
    good = newest_good_backup(folder)
    assert good is not None
    kept = restore_file(good.path, database, folder, NOW)
    assert names_seen_by_a_new_process(database) == ["Silva"]
    assert Path(f"{kept.path}-wal").read_bytes() == log, "the damaged file's log is kept too"
    holder.close()
