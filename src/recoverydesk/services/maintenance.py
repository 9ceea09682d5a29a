"""Health of a database: schema version, integrity and the audit trail, changing nothing.

The audit trail's hash chain is checked after the file itself passed (a damaged file is
reported as damaged, not as tampered with). A broken chain means someone edited or removed
audit entries with another tool: ``check`` fails, and the app's start check reports it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from recoverydesk.db import migrate, sqlite_file
from recoverydesk.db.engine import sqlite_file as sqlite_path_of
from recoverydesk.db.engine import to_url
from recoverydesk.db.repositories import audit_queries
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
        if report.ok:
            _check_audit_trail(db, report)
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


def audit_trail_problem(db: Database, *, full: bool = True) -> tuple[str, str | None]:
    """A line on the audit trail, and the problem when its hash chain is broken.

    ``("", None)`` for a database from before the audit trail existed. ``full=False``
    only counts the entries (see ``audit_queries.chain_report``).
    """
    with db.read() as session:
        chain = audit_queries.chain_report(session, full=full)
    if chain is None:
        return "", None
    if chain.ok:
        noun = "entry" if chain.checked == 1 else "entries"
        return f"Audit trail: OK ({chain.checked} {noun})", None
    problem = (
        f"Audit trail: broken at entry #{chain.first_broken_id} — it was changed outside "
        "RecoveryDesk"
    )
    return problem, problem


def _check_audit_trail(db: Database, report: CheckReport) -> None:
    line, problem = audit_trail_problem(db)
    if problem is not None:
        report.problems.append(problem)
    elif line:
        report.lines.append(line)


FULL_CHECK_EVERY = dt.timedelta(days=7)


def start_check_problems(path: Path, state_file: Path, today: dt.date) -> list[str]:
    """The check to run at start: quick every time, full once a week.

    Quick: ``quick_check`` and a count of the audit entries. Full: ``integrity_check`` and
    the audit trail's whole hash chain (about 1.5 s per 100,000 entries). The date of the
    last full check that passed is kept in ``state_file`` (per computer); until one passes,
    every start runs the full check.
    """
    last = _last_full_check(state_file)
    if last is not None and today - last < FULL_CHECK_EVERY:
        quick = sqlite_file.integrity_problems(path, quick=True)
        return quick or _start_audit_problems(path, full=False)
    problems = sqlite_file.integrity_problems(path) or _start_audit_problems(path, full=True)
    if not problems:
        with contextlib.suppress(OSError):
            state_file.write_text(json.dumps({"full_check": today.isoformat()}), encoding="utf-8")
    return problems


def _start_audit_problems(path: Path, *, full: bool) -> list[str]:
    """The broken audit trail of the file at ``path``, if it is; [] when it cannot tell."""
    db = Database.open(path)
    try:
        problem = audit_trail_problem(db, full=full)[1]
    except RecoveryDeskError:
        return []  # opening it for real reports what is wrong in plain words
    finally:
        db.close()
    return [problem] if problem else []


def _last_full_check(state_file: Path) -> dt.date | None:
    try:
        return dt.date.fromisoformat(
            json.loads(state_file.read_text(encoding="utf-8"))["full_check"]
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
