"""The front desk's search in one statement.

The ranked member search picks one page of members (using the indexed search terms);
only for those rows does the outer query add the last visit and, for guests, the number
of visits (both from the unique ``(member_id, visit_date, seq)`` index) — so a keystroke
costs one round trip however many visits the centre has.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, case, func, select
from sqlalchemy.orm import Session

from recoverydesk.db.models import MemberModel, VisitModel
from recoverydesk.db.repositories.members import (
    ROW_COLUMNS,
    MemberRepository,
    SearchQuery,
    SqlTerms,
)
from recoverydesk.domain.members import MemberRow, MemberStatus


@dataclass(frozen=True)
class DeskMatch:
    """A member row with what the desk shows beside it."""

    row: MemberRow
    desk_note: str
    last_visit: dt.date | None
    visit_count: int


def desk_matches(
    session: Session, query: SearchQuery, *, limit: int, include_archived: bool = False
) -> list[DeskMatch]:
    """One ranked page of members with their desk note, last visit and guest visit count."""
    stmt = _statement(len(query.prefixes), bool(query.phone4), include_archived)
    params: dict[str, object] = {**SqlTerms.params(query), "limit": limit}
    return [_match(r) for r in session.execute(stmt, params)]


@functools.lru_cache(maxsize=64)
def _statement(words: int, phone: bool, include_archived: bool) -> Select[Any]:
    """The desk query for one shape of search (number of words, phone digits or not)."""
    terms = SqlTerms.template(words, phone)
    page = MemberRepository.ranked_page(
        terms,
        limit=bindparam("limit"),
        include_archived=include_archived,
        extra=(MemberModel.desk_note,),
    ).subquery("page")
    last_visit = (
        select(func.max(VisitModel.visit_date))
        .where(VisitModel.member_id == page.c.id)
        .scalar_subquery()
    )
    visit_count = (
        select(func.count())
        .select_from(VisitModel)
        .where(VisitModel.member_id == page.c.id)
        .scalar_subquery()
    )
    guests_only = case((page.c.status == MemberStatus.GUEST, visit_count), else_=0)
    columns = [page.c[c.key] for c in ROW_COLUMNS]
    return select(*columns, page.c.desk_note, last_visit, guests_only).order_by(
        page.c.rank, page.c.sort_key, page.c.id
    )


def _match(values: Sequence[object]) -> DeskMatch:
    width = len(ROW_COLUMNS)
    row = MemberRow(*values[:width])  # type: ignore[arg-type]
    note, last, count = values[width:]
    return DeskMatch(
        row=row,
        desk_note=str(note or ""),
        last_visit=last,  # type: ignore[arg-type]
        visit_count=int(count or 0),
    )  # type: ignore[call-overload]
