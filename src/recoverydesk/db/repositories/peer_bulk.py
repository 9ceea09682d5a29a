"""Peer work, many rows at once (demo data).

Peers, certificates, supervision sessions, assignments and contacts go in with Core
``insert()`` and lists of parameter dicts, one ``executemany`` per batch, as ``bulk`` does
for members and visits. Repositories never commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from recoverydesk.db.models import MemberModel
from recoverydesk.db.models_peers import ContactModel, PeerModel
from recoverydesk.domain.members import MemberStatus

BATCH = 5000
"""Rows per ``executemany``."""

M = MemberModel


class MemberFact(NamedTuple):
    """What demo peer work needs to know about a member."""

    id: int
    status: MemberStatus
    joined_on: dt.date


def member_facts(session: Session, member_ids: Sequence[int]) -> list[MemberFact]:
    """Status and joining date of ``member_ids`` (read over their id range, in id order)."""
    if not member_ids:
        return []
    wanted = set(member_ids)
    stmt = (
        select(M.id, M.status, M.joined_on)
        .where(M.id.between(min(wanted), max(wanted)))
        .order_by(M.id)
    )
    return [MemberFact(*r) for r in session.execute(stmt) if r.id in wanted]


def insert_rows(session: Session, model: type[Any], rows: Sequence[dict[str, Any]]) -> int:
    """Insert plain rows into ``model``'s table, a batch at a time; how many rows."""
    table = model.__table__
    for start in range(0, len(rows), BATCH):
        session.execute(insert(table), list(rows[start : start + BATCH]))
    return len(rows)


def insert_peer(session: Session, values: dict[str, Any]) -> int:
    """Insert one peer row; its id."""
    return int(
        session.execute(insert(PeerModel.__table__).returning(PeerModel.id), values).scalar_one()
    )


def bulk_insert_contacts(session: Session, rows: Sequence[dict[str, Any]]) -> int:
    """Insert contact rows (``ContactModel`` columns) in batches; how many."""
    return insert_rows(session, ContactModel, rows)
