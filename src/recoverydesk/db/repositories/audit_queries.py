"""Reading the audit trail: filtered pages (newest first), all matching rows, chain check.

Writing and verifying live in ``audit``; this module only reads. Filters are applied in
SQL. The action column is read as raw text so that a row edited outside RecoveryDesk is
reported plainly instead of crashing the listing.

``chain_report`` adds one check to ``audit.verify``: the ``audit`` counter, bumped by every
append in the same transaction, must equal the number of rows. Removing the newest
entries leaves an intact chain, but not a matching count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, String, func, inspect, select, type_coerce
from sqlalchemy.orm import Session

from recoverydesk.db.models import CounterModel
from recoverydesk.db.models_accounts import AuditModel
from recoverydesk.db.repositories import audit
from recoverydesk.db.repositories.audit import ChainReport
from recoverydesk.domain.accounts import AuditAction, AuditEntry
from recoverydesk.domain.errors import DatabaseCorruptError

_COLUMNS = (
    AuditModel.id,
    AuditModel.at,
    AuditModel.username,
    AuditModel.station,
    type_coerce(AuditModel.action, String),
    AuditModel.entity,
    AuditModel.entity_id,
    AuditModel.detail,
)


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show: an action, a username (exact), and ``since <= at < until``."""

    action: AuditAction | None = None
    username: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None


def _select(filters: AuditFilter) -> Select[Any]:
    stmt = select(*_COLUMNS)
    if filters.action is not None:
        stmt = stmt.where(type_coerce(AuditModel.action, String) == filters.action.value)
    if filters.username:
        stmt = stmt.where(AuditModel.username == filters.username)
    if filters.since is not None:
        stmt = stmt.where(AuditModel.at >= filters.since)
    if filters.until is not None:
        stmt = stmt.where(AuditModel.at < filters.until)
    return stmt


def _entry(row: Any) -> AuditEntry:
    try:
        action = AuditAction(row[4])
    except ValueError:
        raise DatabaseCorruptError(
            f"Audit entry #{row[0]} has an action RecoveryDesk does not know: the audit "
            "trail was changed outside RecoveryDesk."
        ) from None
    return AuditEntry(row[0], row[1], row[2], row[3], action, row[5], row[6], row[7])


def page(
    session: Session, filters: AuditFilter, limit: int, offset: int
) -> tuple[list[AuditEntry], bool]:
    """Up to ``limit`` matching entries, newest first, and whether more follow."""
    stmt = _select(filters).order_by(AuditModel.id.desc()).limit(limit + 1).offset(offset)
    rows = [_entry(row) for row in session.execute(stmt)]
    return rows[:limit], len(rows) > limit


def iter_entries(session: Session, filters: AuditFilter, batch: int = 2000) -> Iterator[AuditEntry]:
    """Every matching entry, oldest first, fetched in batches."""
    stmt = _select(filters).order_by(AuditModel.id).execution_options(yield_per=batch)
    for row in session.execute(stmt):
        yield _entry(row)


def chain_report(session: Session, *, full: bool = True) -> ChainReport | None:
    """The chain and count check, or None for a database from before the audit trail.

    With ``full=False`` only the count is compared (fast, for every start of the app):
    it finds entries removed or added, not entries edited in place.
    """
    if not inspect(session.connection()).has_table(AuditModel.__tablename__):
        return None
    if full:
        report = audit.verify(session)
        if not report.ok:
            return report
    else:
        rows = session.scalar(select(func.count()).select_from(AuditModel)) or 0
        report = ChainReport(int(rows))
    appended = session.scalar(
        select(CounterModel.next_value - 1).where(CounterModel.name == audit.AUDIT_COUNTER)
    )
    if appended is None or appended == report.checked:
        return report
    if appended > report.checked:  # entries were removed (the newest leave the chain whole)
        last = session.scalar(select(func.max(AuditModel.id)))
        return ChainReport(report.checked, (last or 0) + 1)
    # more rows than were ever appended: the first one beyond the count was added by hand
    extra = session.scalar(select(AuditModel.id).order_by(AuditModel.id).offset(appended).limit(1))
    return ChainReport(appended, extra)
