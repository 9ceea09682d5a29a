"""The audit trail for admins: check the hash chain, list entries, export them as CSV.

Every use needs ``Action.AUDIT_VIEW``. Checking the chain and exporting are themselves
written to the trail. Times are UTC; ``since`` and ``until`` are timezone-aware datetimes
and select ``since <= at < until``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from recoverydesk.db.repositories import audit_queries
from recoverydesk.db.repositories.audit import ChainReport
from recoverydesk.db.repositories.audit_queries import AuditFilter
from recoverydesk.db.session import Database
from recoverydesk.domain.accounts import Action, AuditAction, AuditEntry
from recoverydesk.services.access import Access
from recoverydesk.services.csv_files import write_csv

__all__ = ["AuditFilter", "AuditPage", "AuditService", "ChainReport", "EXPORT_COLUMNS"]

EXPORT_COLUMNS = (
    "id",
    "at_utc",
    "username",
    "station",
    "action",
    "entity",
    "entity_id",
    "detail",
)
PAGE_MAX = 1000


@dataclass(frozen=True)
class AuditPage:
    """One page of audit entries, newest first; ``has_more`` when older ones follow."""

    rows: tuple[AuditEntry, ...]
    has_more: bool


class AuditService:
    """What admins do with the audit trail."""

    def __init__(self, db: Database, access: Access) -> None:
        self._db = db
        self._access = access

    def verify(self) -> ChainReport:
        """Recompute the hash chain; the report names the first entry that was changed."""
        self._access.require(Action.AUDIT_VIEW)
        with self._db.read() as session:
            report = audit_queries.chain_report(session) or ChainReport(0)
        outcome = "ok" if report.ok else f"broken at #{report.first_broken_id}"
        self._access.log(AuditAction.VIEW, "audit", "", f"verified {report.checked}: {outcome}")
        return report

    def entries(
        self,
        action: AuditAction | None = None,
        username: str | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        limit: int = 200,
        offset: int = 0,
    ) -> AuditPage:
        """One page of the entries that match (``username`` exactly as recorded)."""
        self._access.require(Action.AUDIT_VIEW)
        filters = _filters(action, username, since, until)
        limit = max(1, min(limit, PAGE_MAX))
        with self._db.read() as session:
            rows, has_more = audit_queries.page(session, filters, limit, max(0, offset))
        return AuditPage(tuple(rows), has_more)

    def export_csv(
        self,
        path: str | Path,
        action: AuditAction | None = None,
        username: str | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
    ) -> int:
        """Write the matching entries (oldest first) to ``path``; how many were written.

        The file is private to this user (0600), written under a temporary name and renamed
        into place when complete; cells that a spreadsheet would run are guarded.
        """
        self._access.require(Action.AUDIT_VIEW)
        filters = _filters(action, username, since, until)
        count = write_csv(path, EXPORT_COLUMNS, self._rows(filters))
        self._access.log(AuditAction.EXPORT, "audit", "", f"{count} entries")
        return count

    def _rows(self, filters: AuditFilter) -> Iterator[tuple[object, ...]]:
        with self._db.read() as session:
            for entry in audit_queries.iter_entries(session, filters):
                yield _cells(entry)


def _filters(
    action: AuditAction | None,
    username: str | None,
    since: dt.datetime | None,
    until: dt.datetime | None,
) -> AuditFilter:
    for name, moment in (("since", since), ("until", until)):
        if moment is not None and moment.tzinfo is None:
            raise ValueError(f"{name} must be a timezone-aware datetime")
    return AuditFilter(AuditAction(action) if action else None, username or None, since, until)


def _cells(entry: AuditEntry) -> tuple[object, ...]:
    """One entry as exported; ``write_csv`` guards the texts against spreadsheet formulas."""
    at = entry.at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    texts = (entry.username, entry.station, entry.action.value, entry.entity, entry.entity_id)
    return (entry.id, at, *texts, entry.detail)
