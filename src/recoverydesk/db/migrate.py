"""Bring a database to the current schema, safely.

Before upgrading an existing SQLite file we take a verified backup; if the upgrade fails
the original is restored and the person is told. A database written by a newer
RecoveryDesk (a schema revision we do not know) is refused rather than damaged.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from recoverydesk.db import backup_files, sqlite_file
from recoverydesk.db.errors import translated_errors
from recoverydesk.db.session import Database
from recoverydesk.domain.backups import BackupKind
from recoverydesk.domain.errors import (
    DatabaseCorruptError,
    MigrationError,
    RecoveryDeskError,
    SchemaTooNewError,
)

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest schema revision this version of RecoveryDesk knows."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}


def current_revision(database: Database) -> str | None:
    """The schema revision stored in the database (None for an empty one)."""
    with translated_errors(), database.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(database: Database, backup_dir: Path | None = None, target: str = "head") -> bool:
    """Upgrade to ``target``; True when anything changed. Raises domain errors on refusal."""
    current = current_revision(database)
    _refuse_foreign(database, current)
    if current is not None and current not in known_revisions():
        raise SchemaTooNewError(
            f"This database was written by a newer version of RecoveryDesk (schema {current})."
            " Install that version or newer to open it; nothing was changed."
        )
    wanted = head_revision() if target == "head" else target
    if current == wanted:
        return False
    backup = _backup_before(database, current, backup_dir)
    try:
        _run_upgrade(database, target)
    except Exception as error:
        _restore_after_failure(database, backup)
        if isinstance(error, RecoveryDeskError):
            raise
        raise MigrationError(
            "Upgrading the database failed; the database was put back as it was before. "
            f"({type(error).__name__})"
        ) from error
    return True


def _run_upgrade(database: Database, target: str) -> None:
    config = _config()
    with translated_errors(), database.engine.connect() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)
        conn.commit()


def _refuse_foreign(database: Database, current: str | None) -> None:
    if current is not None:
        return
    with translated_errors(), database.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    if tables:
        raise DatabaseCorruptError(
            "This database is not a RecoveryDesk database (it has other tables). "
            "Choose another file or an empty one."
        )


def _backup_before(database: Database, current: str | None, backup_dir: Path | None) -> Path | None:
    path = database.sqlite_path
    if current is None or path is None:
        return None
    folder = backup_dir or path.parent / "backups"
    log.info("backing up before upgrade from schema %s", current)
    now = dt.datetime.now(dt.UTC)
    return backup_files.write_backup(path, folder, BackupKind.BEFORE_UPGRADE, now).path


def _restore_after_failure(database: Database, backup: Path | None) -> None:
    path = database.sqlite_path
    database.engine.dispose()
    if backup is not None and path is not None:
        log.error("upgrade failed; restoring the backup taken before it")
        sqlite_file.restore_from(backup, path)
