"""Backups: verified copies of the SQLite file, kept in rotation, restored safely.

Every copy uses SQLite's backup API (consistent even while another desk writes), is
written under a temporary name, checked (``integrity_check``, ``foreign_key_check``,
schema version, row counts) and only then renamed into place. What the check found is
kept beside the copy in a small JSON file, so the list of backups is quick to show.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from recoverydesk.db import backup_files, migrate, sqlite_file
from recoverydesk.db import copy as db_copy
from recoverydesk.db.engine import sqlite_file as sqlite_path_of
from recoverydesk.db.engine import to_url
from recoverydesk.db.repositories.settings import SettingsRepository
from recoverydesk.db.session import Database
from recoverydesk.domain.accounts import Action, AuditAction
from recoverydesk.domain.backups import (
    BackupInfo,
    BackupKind,
    Retention,
    backups_to_delete,
    off_pc_reminder,
)
from recoverydesk.domain.clock import Clock
from recoverydesk.domain.errors import (
    DatabaseCorruptError,
    DatabaseError,
    FieldError,
    SchemaTooNewError,
    ValidationError,
)
from recoverydesk.services.access import Access

LAST_OFF_PC = "backup.last_off_pc"
SECOND_LOCATION = "backup.second_location"


class BackupService:
    """Back up, list, check and restore the database of one site."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        folder: Path,
        retention: Retention | None = None,
        after_restore: Callable[[], None] | None = None,
        access: Access | None = None,
    ) -> None:
        self._db = db
        self._access = access
        self._clock = clock
        self.folder = folder
        self._retention = retention or Retention()
        self._after_restore = after_restore

    def back_up(self, kind: BackupKind = BackupKind.MANUAL) -> BackupInfo:
        """A verified copy in the backup folder (daily copies are then rotated)."""
        if kind is not BackupKind.DAILY:  # the daily copy is automatic, before anyone signs in
            self._require()
        info = self._copy_into(self.folder, kind)
        if kind is BackupKind.DAILY:
            self.rotate()
        return info

    def back_up_to(self, folder: Path) -> BackupInfo:
        """A verified copy in another folder (a USB stick): counts as the off-PC copy."""
        self._require()
        info = self._copy_into(folder, BackupKind.MANUAL)
        with self._db.write() as session:
            SettingsRepository(session).put(LAST_OFF_PC, info.created_at.isoformat())
        return info

    def back_up_file(self, out: Path) -> BackupInfo:
        """A verified copy written to exactly ``out`` (the command line's ``--out``)."""
        self._require()
        if out.exists():
            raise ValidationError([FieldError("out", f"{out} already exists; choose a new name")])
        now = self._clock.now()
        if self._db.sqlite_path is None:
            snapshot = db_copy.write_snapshot(
                self._db, out.parent, BackupKind.MANUAL, now, create_folder=False
            )
            with sqlite_file.file_faults("Backing up", out):
                os.replace(snapshot.path, out)
                backup_files.sidecar(snapshot.path).unlink(missing_ok=True)
            return backup_files.record(out, now, BackupKind.MANUAL)
        with sqlite_file.file_faults("Backing up", out.parent):
            if not out.parent.is_dir():
                raise FileNotFoundError(2, "No such folder", str(out.parent))
            sqlite_file.backup_to(self._sqlite_path(), out)
        return backup_files.record(out, now, BackupKind.MANUAL)

    def daily_if_needed(self) -> BackupInfo | None:
        """The first start of a day takes the day's automatic backup (SQLite files only).

        A shared PostgreSQL database is backed up on the server (``pg_dump``) or with
        ``Back up now``; every desk taking its own daily snapshot would only repeat it.
        """
        if self._db.sqlite_path is None:
            return None
        today = self._clock.today()
        done = any(
            b.kind is BackupKind.DAILY and self._clock.local(b.created_at).date() == today
            for b in self.list()
        )
        return None if done else self.back_up(BackupKind.DAILY)

    def list(self) -> list[BackupInfo]:
        """Backups in the backup folder, newest first."""
        return backup_files.list_backups(self.folder)

    def check(self, path: Path) -> BackupInfo:
        """Check a backup now (before restoring it) and remember what was found."""
        return backup_files.check_backup(path)

    def rotate(self) -> list[Path]:
        """Delete the automatic backups outside the retention; returns what was deleted."""
        doomed = backups_to_delete(self.list(), self._retention)
        for backup in doomed:
            backup.path.unlink(missing_ok=True)
            backup_files.sidecar(backup.path).unlink(missing_ok=True)
        return [b.path for b in doomed]

    def restore(self, path: Path) -> BackupInfo:
        """Put a checked backup in place of the database; returns the before-restore copy."""
        self._require()
        target = self._sqlite_path()
        chosen = self.check(path)
        _refuse_unusable(chosen)
        before = self._keep_current(target)
        self._db.engine.dispose()
        with sqlite_file.file_faults("Restoring", target):
            sqlite_file.replace_with(chosen.path, target)
        migrate.upgrade(self._db, self.folder)
        if self._after_restore is not None:
            self._after_restore()  # the restored file has its own settings and rules
        if self._access is not None:
            self._access.log(AuditAction.RESTORE, "database")
        return before

    def _require(self) -> None:
        if self._access is not None:
            self._access.require(Action.BACKUPS)

    def reminder(self) -> str | None:
        """A reminder to copy a backup off this PC, when one is due."""
        with self._db.read() as session:
            stored = SettingsRepository(session).all().get(LAST_OFF_PC, "")
        last = dt.datetime.fromisoformat(stored) if stored else None
        return off_pc_reminder(last, self._clock.now())

    def _keep_current(self, target: Path) -> BackupInfo:
        try:
            return self._copy_into(self.folder, BackupKind.BEFORE_RESTORE)
        except DatabaseCorruptError:
            return backup_files.keep_damaged_file(target, self.folder, self._clock.now())

    def _copy_into(self, folder: Path, kind: BackupKind) -> BackupInfo:
        own = folder == self.folder
        if self._db.sqlite_path is None:  # a server database: a portable SQLite snapshot
            return db_copy.write_snapshot(
                self._db, folder, kind, self._clock.now(), create_folder=own
            )
        return backup_files.write_backup(
            self._sqlite_path(), folder, kind, self._clock.now(), create_folder=own
        )

    def _sqlite_path(self) -> Path:
        path = self._db.sqlite_path
        if path is None:
            raise DatabaseError(
                "This desk uses a shared PostgreSQL database: back it up on the server with "
                "pg_dump (see the README's 'Several desks' section)."
            )
        return path


def newest_good_backup(folder: Path, database: Path | None = None) -> BackupInfo | None:
    """The newest backup (of ``database``, when given) that passes its check now."""
    for backup in backup_files.list_backups(folder):
        if database is not None and not backup.path.name.startswith(f"{database.stem}-"):
            continue  # a copy of another database that shares this folder
        checked = backup_files.check_backup(backup.path)
        if checked.verified and checked.schema in migrate.known_revisions():
            return checked
    return None


def restore_file(backup: Path, target: Path, folder: Path, now: dt.datetime) -> BackupInfo:
    """Restore without an open database (the recovery screen); keeps the damaged file."""
    chosen = backup_files.check_backup(backup)
    _refuse_unusable(chosen)
    kept = backup_files.keep_damaged_file(target, folder, now) if target.exists() else chosen
    with sqlite_file.file_faults("Restoring", target):
        sqlite_file.replace_with(chosen.path, target)
    return kept


def _refuse_unusable(backup: BackupInfo) -> None:
    if not backup.verified:
        reason = backup.problems[0] if backup.problems else "it failed its check"
        raise DatabaseCorruptError(f"That backup cannot be restored: {reason}.")
    if backup.schema not in migrate.known_revisions():
        raise SchemaTooNewError(
            "That backup was made by a newer version of RecoveryDesk; install it to restore."
        )


def restore_over_damaged(
    target: str | Path, backup: Path, folder: Path
) -> tuple[BackupInfo, BackupInfo]:
    """Restore ``backup`` over a database too damaged to open: (what was restored, kept copy).

    A backup that is itself damaged raises before anything is touched.
    """
    path = sqlite_path_of(to_url(target))
    if path is None:
        raise DatabaseError("Only a SQLite database file can be restored from a backup here.")
    chosen = backup_files.check_backup(backup)
    _refuse_unusable(chosen)
    kept = restore_file(backup, path, folder, dt.datetime.now(dt.UTC))
    return chosen, kept
