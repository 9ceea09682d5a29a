"""The append-only audit trail: chained SHA-256 hashes, written one row at a time.

Each row's ``row_hash`` is the SHA-256 of the previous row's hash and this row's fields,
so editing, deleting or reordering any row breaks every link after it. Writers lock the
``audit`` counter row first, so two desks never chain onto the same previous row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import String, select, type_coerce, update
from sqlalchemy.orm import Session

from recoverydesk.db.models import CounterModel
from recoverydesk.db.models_accounts import AuditModel
from recoverydesk.domain.accounts import AuditAction

GENESIS = "0" * 64
AUDIT_COUNTER = "audit"


def row_hash(
    prev_hash: str,
    at: dt.datetime,
    username: str,
    station: str,
    action: str,
    entity: str,
    entity_id: str,
    detail: str,
) -> str:
    """The hash that chains one audit row to the one before it."""
    at_text = at.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
    fields = (prev_hash, at_text, username, station, action, entity, entity_id, detail)
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    """What verifying the audit chain found."""

    checked: int
    first_broken_id: int | None = None

    @property
    def ok(self) -> bool:
        return self.first_broken_id is None


def append(
    session: Session,
    *,
    at: dt.datetime,
    username: str,
    station: str,
    action: AuditAction,
    entity: str = "",
    entity_id: str = "",
    detail: str = "",
) -> int:
    """Append one chained row inside the caller's write transaction; returns its id."""
    # takes the row lock on PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers
    session.execute(
        update(CounterModel)
        .where(CounterModel.name == AUDIT_COUNTER)
        .values(next_value=CounterModel.next_value + 1)
    )
    last = session.scalar(select(AuditModel.row_hash).order_by(AuditModel.id.desc()).limit(1))
    prev = last or GENESIS
    values = (username[:80], station[:80], action.value, entity[:40], entity_id[:40], detail[:200])
    row = AuditModel(
        at=at,
        username=values[0],
        station=values[1],
        action=action,
        entity=values[3],
        entity_id=values[4],
        detail=values[5],
        prev_hash=prev,
        row_hash=row_hash(prev, at, *values),
    )
    session.add(row)
    session.flush()
    return row.id


def verify(session: Session, batch: int = 5000) -> ChainReport:
    """Recompute the chain from the first row; report the first row that does not match."""
    prev = GENESIS
    checked = 0
    columns = (
        AuditModel.id,
        AuditModel.at,
        AuditModel.username,
        AuditModel.station,
        type_coerce(AuditModel.action, String),  # raw text: an edited value must not crash
        AuditModel.entity,
        AuditModel.entity_id,
        AuditModel.detail,
        AuditModel.prev_hash,
        AuditModel.row_hash,
    )
    stmt = select(*columns).order_by(AuditModel.id).execution_options(yield_per=batch)
    for row in session.execute(stmt):
        expected = row_hash(prev, *row[1:8])
        if row.prev_hash != prev or row.row_hash != expected:
            return ChainReport(checked, row[0])
        prev = row.row_hash
        checked += 1
    return ChainReport(checked)
