"""Health of a database: schema version and integrity, without changing anything."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from recoverydesk.db import migrate, sqlite_file
from recoverydesk.db.engine import sqlite_file as sqlite_path_of
from recoverydesk.db.engine import to_url
from recoverydesk.db.session import Database
from recoverydesk.domain.errors import RecoveryDeskError


@dataclass
class CheckReport:
    """What ``check`` found: lines to print, and the problems (none when healthy)."""

    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_database(target: str | Path) -> CheckReport:
    """Inspect the database at ``target`` read-only and report what is wrong, if anything."""
    report = CheckReport()
    path = sqlite_path_of(to_url(target))
    if path is not None and not path.exists():
        report.problems.append(f"No database at {path} (run 'recoverydesk init').")
        return report
    db = Database.open(target)
    try:
        report.lines.append(f"Database: {db.description}")
        _check_schema(db, report)
        if path is not None:
            _check_integrity(path, report)
    except RecoveryDeskError as error:
        report.problems.append(str(error))
    finally:
        db.close()
    return report


def _check_schema(db: Database, report: CheckReport) -> None:
    current = migrate.current_revision(db)
    head = migrate.head_revision()
    report.lines.append(f"Schema: {current or 'empty'} (this version: {head})")
    if current is None:
        report.problems.append("The database is empty (run 'recoverydesk init').")
    elif current not in migrate.known_revisions():
        report.problems.append(f"Schema {current} is from a newer RecoveryDesk.")
    elif current != head:
        report.lines.append("The schema will be upgraded when the app next opens it.")


def _check_integrity(path: Path, report: CheckReport) -> None:
    problems = sqlite_file.integrity_problems(path)
    if problems:
        report.problems.extend(f"Integrity: {p}" for p in problems[:10])
    else:
        report.lines.append("Integrity: ok")
