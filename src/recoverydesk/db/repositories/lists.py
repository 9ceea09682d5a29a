"""Building blocks of the lists of peer work: sorted pages of a subquery, member filters.

A list (roster, caseload, follow-up radar, members waiting for a peer) is a subquery of
labelled columns. ``sorted_page`` orders it by one of the list's ``SortSpec`` values
(empty values placed the same way on SQLite and PostgreSQL), breaks ties, and reads one
page of it, counting every match only when asked. ``member_filter`` and ``last_visit_of``
are the member search and "last visit" column the lists share.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from recoverydesk.db.models import MemberModel, MemberSearchTermModel, VisitModel
from recoverydesk.db.repositories.members import TOP, SearchQuery
from recoverydesk.domain.errors import FieldError, ValidationError
from recoverydesk.domain.peers import Page, PageRequest

T = TypeVar("T")

M = MemberModel
_T = MemberSearchTermModel


@dataclass(frozen=True)
class SortSpec:
    """How a list sorts by one key: its columns, and whether empty values come first."""

    keys: tuple[str, ...]
    nulls_first: bool = False


def sort_choice(sorts: dict[str, SortSpec], sort: str) -> SortSpec:
    """The spec of ``sort``; ``ValidationError`` naming the known keys otherwise."""
    if sort not in sorts:
        known = ", ".join(sorts)
        raise ValidationError([FieldError("sort", f"Unknown sort '{sort}' (choose from {known})")])
    return sorts[sort]


def ordered(columns: Any, spec: SortSpec, descending: bool, tie: Sequence[str]) -> list[Any]:
    """ORDER BY terms for ``spec`` over a subquery's ``columns`` (portable null placement)."""
    terms: list[Any] = []
    nulls_first = spec.nulls_first != descending
    for index, name in enumerate(spec.keys):
        column = columns[name]
        if index == 0:
            terms.append(
                case((column.is_(None), 0 if nulls_first else 1), else_=1 if nulls_first else 0)
            )
        terms.append(column.desc() if descending and index == 0 else column.asc())
    terms.extend(columns[name].asc() for name in tie if name not in spec.keys)
    return terms


def sorted_page(
    session: Session,
    rows: Any,
    sorts: dict[str, SortSpec],
    page: PageRequest,
    tie: Sequence[str],
    value: Callable[[Any], T],
) -> Page[T]:
    """One page of subquery ``rows`` in ``page``'s order (ties by ``tie``), as ``value``s."""
    spec = sort_choice(sorts, page.sort)
    order = ordered(rows.c, spec, page.descending, tie)
    limit, offset = max(int(page.limit), 0), max(int(page.offset), 0)
    found = session.execute(select(rows).order_by(*order).limit(limit + 1).offset(offset)).all()
    total = None
    if page.with_total:
        total = session.scalar(select(func.count()).select_from(rows)) or 0
    return Page(tuple(value(r) for r in found[:limit]), len(found) > limit, total)


def member_filter(text: str) -> list[Any]:
    """WHERE terms for members matching ``text`` (a code, or every word as a name prefix)."""
    query = SearchQuery.parse(text)
    if query.empty:
        return []
    prefixes = [
        exists().where(_T.member_id == M.id, _T.term >= p, _T.term < p + TOP)
        for p in query.prefixes
    ]
    return [or_(M.code == query.code, and_(*prefixes))]


def last_visit_of(member_id: Any) -> Any:
    """The member's latest visit date (from the unique (member_id, visit_date, seq) index)."""
    return (
        select(func.max(VisitModel.visit_date))
        .where(VisitModel.member_id == member_id)
        .scalar_subquery()
    )
