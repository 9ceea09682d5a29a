"""Opening a database and building the services on it.

``open_services`` is the one way the app, the CLI and tests get a ready database: it
connects, brings the schema up to date (with a verified backup first) and wires every
service with the site's clock.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from recoverydesk.db import migrate
from recoverydesk.db.session import Database
from recoverydesk.domain.clock import Clock
from recoverydesk.domain.errors import DatabaseReadOnlyError, DatabaseUnavailableError
from recoverydesk.domain.settings import valid_time_zone
from recoverydesk.services.access import Access
from recoverydesk.services.accounts import AccountService
from recoverydesk.services.audit import AuditService
from recoverydesk.services.backups import BackupService
from recoverydesk.services.barc10 import Barc10Service
from recoverydesk.services.changes import ChangeFeed
from recoverydesk.services.contacts import ContactService
from recoverydesk.services.csv_io import MemberCsvService
from recoverydesk.services.front_desk import FrontDeskService
from recoverydesk.services.handouts import HandoutService
from recoverydesk.services.locations import refuse_unsafe_location
from recoverydesk.services.members import MemberService
from recoverydesk.services.peers import PeerService
from recoverydesk.services.plans import PlanService
from recoverydesk.services.settings import SettingsService
from recoverydesk.services.visit_rules import VisitRulesService
from recoverydesk.services.visits import VisitService


@dataclass
class Services:
    """Every service of one open database."""

    db: Database
    clock: Clock
    access: Access
    members: MemberService
    settings: SettingsService
    visit_rules: VisitRulesService
    visits: VisitService
    front_desk: FrontDeskService
    csv: MemberCsvService
    backups: BackupService
    handouts: HandoutService
    changes: ChangeFeed
    peers: PeerService
    contacts: ContactService
    plans: PlanService
    accounts: AccountService
    audit: AuditService
    barc10: Barc10Service

    @property
    def description(self) -> str:
        """Where the data lives, safe to show (no credentials)."""
        return self.db.description

    def close(self) -> None:
        self.db.close()


def build_services(
    db: Database, clock: Clock | None = None, backup_dir: Path | None = None
) -> Services:
    """Wire the services on an already migrated database."""
    if clock is None:
        zone = SettingsService(db).get().time_zone
        clock = Clock(zone if valid_time_zone(zone) else "UTC")
    access = Access(db, clock)
    changes = ChangeFeed(db)
    access.on_recorded.append(changes.mark_own)
    settings = SettingsService(db, clock, access)
    rules = VisitRulesService(db, access)
    members = MemberService(db, clock, access)
    return Services(
        db=db,
        clock=clock,
        access=access,
        members=members,
        settings=settings,
        visit_rules=rules,
        visits=VisitService(db, clock, rules, access),
        front_desk=FrontDeskService(db, clock, members, rules, settings),
        csv=MemberCsvService(db, clock, access),
        backups=BackupService(
            db,
            clock,
            backup_dir or _default_backup_dir(db),
            after_restore=lambda: (settings.sync_clock(), rules.forget_cached()),
            access=access,
        ),
        handouts=HandoutService(db, clock, settings, members, access),
        changes=changes,
        peers=PeerService(db, clock, settings, access),
        contacts=ContactService(db, clock, settings, access),
        plans=PlanService(db, clock, settings, access),
        accounts=AccountService(db, clock, access),
        audit=AuditService(db, access),
        barc10=Barc10Service(db, clock, settings, access),
    )


def open_services(
    url_or_path: str | Path, backup_dir: Path | None = None, clock: Clock | None = None
) -> Services:
    """Connect, upgrade the schema safely, and build the services.

    A SQLite file inside a cloud-sync folder or on a network share is refused
    (``DatabaseUnavailableError``) before anything is created; the environment variable
    ``RECOVERYDESK_ALLOW_UNSAFE_LOCATION=1`` skips that check for someone who knows better.
    """
    db = Database.open(url_or_path)
    try:
        refuse_unsafe_location(db.sqlite_path)
        _ensure_folder(db.sqlite_path, writable=not db.is_read_only)
        migrate.upgrade(db, backup_dir)
    except BaseException:
        db.close()
        raise
    return build_services(db, clock, backup_dir)


def _ensure_folder(path: Path | None, *, writable: bool = True) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseUnavailableError(
            f"The folder {path.parent} cannot be created ({error.strerror})."
        ) from error
    if writable and _read_only_folder(path.parent):
        raise DatabaseReadOnlyError(
            f"The folder {path.parent} is read-only: RecoveryDesk must write beside its "
            "database. Nothing was changed. Ask your administrator to make it writable, or "
            "choose another folder with --data-dir."
        )


def _read_only_folder(folder: Path) -> bool:
    """True when nothing can be written in ``folder`` (read-only disk or no permission)."""
    if hasattr(os, "statvfs") and os.statvfs(folder).f_flag & os.ST_RDONLY:
        return True
    return not os.access(folder, os.W_OK)


def _default_backup_dir(db: Database) -> Path:
    path = db.sqlite_path
    return path.parent / "backups" if path is not None else Path("backups")
