"""Moving a site's data to another database (one PC → a PostgreSQL server, and back)."""

from __future__ import annotations

from recoverydesk.db import copy as db_copy
from recoverydesk.db.repositories import audit
from recoverydesk.db.session import Database
from recoverydesk.domain.accounts import Action, AuditAction
from recoverydesk.domain.errors import DatabaseCorruptError
from recoverydesk.services.container import Services, open_services

CopyReport = db_copy.CopyReport


def copy_to(
    services: Services, target: str, progress: db_copy.Progress | None = None
) -> tuple[CopyReport, str]:
    """Copy everything into the empty database at ``target``; then check the copy opens.

    Returns the report and a safe description of the target (never a password).
    """
    services.access.require(Action.BACKUPS)
    destination = Database.open(target)
    try:
        description = destination.description
        report = db_copy.copy_database(services.db, destination, progress)
    finally:
        destination.close()
    _check_copy(target)
    services.access.log(AuditAction.EXPORT, "database", "", f"copied {report.total} rows")
    return report, description


def _check_copy(target: str) -> None:
    """The copy must open like any database, with an unbroken audit trail."""
    copied = open_services(target)
    try:
        with copied.db.read() as session:
            chain = audit.verify(session)
    finally:
        copied.close()
    if not chain.ok:
        raise DatabaseCorruptError(
            f"The copy's audit trail does not verify (entry #{chain.first_broken_id})."
        )
