"""Member queries: indexed prefix search, pages of rows, search terms, code counter."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, case, delete, exists, func, insert, select
from sqlalchemy.orm import Session

from recoverydesk.db.models import CounterModel, MemberModel, MemberSearchTermModel
from recoverydesk.domain.codes import FIRST_NUMBER, format_member_code, normalize_code
from recoverydesk.domain.members import MemberStatus
from recoverydesk.domain.text import digits, fold, words

TOP = "\U0010ffff"
CODE_COUNTER = "member_code"
SORTS = {
    "name": (MemberModel.sort_key, MemberModel.id),
    "code": (MemberModel.code,),
    "joined": (MemberModel.joined_on.desc(), MemberModel.id.desc()),
}

ROW_COLUMNS = (
    MemberModel.id,
    MemberModel.code,
    MemberModel.first_name,
    MemberModel.last_name,
    MemberModel.preferred_name,
    MemberModel.pronouns,
    MemberModel.phone_last4,
    MemberModel.status,
    MemberModel.joined_on,
    MemberModel.recovery_start,
    MemberModel.peer_wants_to_see,
)


@dataclass(frozen=True)
class SearchQuery:
    """A parsed search: folded word prefixes, plus the exact code / phone digits typed."""

    prefixes: tuple[str, ...]
    code: str
    phone4: str

    @classmethod
    def parse(cls, text: str) -> SearchQuery:
        prefixes = tuple(sorted(set(words(text)), key=len, reverse=True))
        stripped = text.strip()
        phone4 = stripped if len(stripped) == 4 and digits(stripped) == stripped else ""
        return cls(prefixes=prefixes, code=normalize_code(text), phone4=phone4)

    @property
    def empty(self) -> bool:
        return not self.prefixes


def member_terms(code: str, first: str, last: str, preferred: str, phone: str) -> set[str]:
    """The searchable words of one member."""
    terms = set(words(first)) | set(words(last)) | set(words(preferred))
    terms.add(fold(code))
    last4 = digits(phone)[-4:]
    if len(last4) == 4:
        terms.add("#" + last4)
    return {t[:100] for t in terms}


def sort_key(first: str, last: str) -> str:
    """How members sort in lists: by folded last name, then first name."""
    return f"{' '.join(words(last))}\x1f{' '.join(words(first))}"[:300]


def _prefix(term: str) -> Any:
    return and_(MemberSearchTermModel.term >= term, MemberSearchTermModel.term < term + TOP)


def _has_prefix(term: str) -> Any:
    return exists().where(MemberSearchTermModel.member_id == MemberModel.id, _prefix(term))


class MemberRepository:
    """Reads and writes members inside a caller's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, member_id: int) -> MemberModel | None:
        return self.session.get(MemberModel, member_id)

    def by_code(self, code: str) -> MemberModel | None:
        return self.session.scalar(select(MemberModel).where(MemberModel.code == code))

    def code_exists(self, code: str) -> bool:
        return self.session.scalar(select(exists().where(MemberModel.code == code))) or False

    def next_code(self) -> str:
        """A new member code; the counter only moves forward, so codes are never reused."""
        counter = self.session.get(CounterModel, CODE_COUNTER, with_for_update=True)
        if counter is None:
            counter = CounterModel(name=CODE_COUNTER, next_value=FIRST_NUMBER)
            self.session.add(counter)
        while True:
            code = format_member_code(counter.next_value)
            counter.next_value += 1
            if not self.code_exists(code):
                self.session.flush()
                return code

    def bump_counter_past(self, sequence: int) -> None:
        """Make sure generated codes start after ``sequence`` (after importing codes)."""
        counter = self.session.get(CounterModel, CODE_COUNTER, with_for_update=True)
        if counter is None:
            self.session.add(CounterModel(name=CODE_COUNTER, next_value=sequence + 1))
        elif counter.next_value <= sequence:
            counter.next_value = sequence + 1

    def desk_notes(self, member_ids: Sequence[int]) -> dict[int, str]:
        """The short front-desk notes of these members (only non-empty ones)."""
        if not member_ids:
            return {}
        rows = self.session.execute(
            select(MemberModel.id, MemberModel.desk_note).where(
                MemberModel.id.in_(member_ids), MemberModel.desk_note != ""
            )
        )
        return {member_id: note for member_id, note in rows}

    def replace_terms(self, member_id: int, terms: Iterable[str]) -> None:
        self.session.execute(
            delete(MemberSearchTermModel).where(MemberSearchTermModel.member_id == member_id)
        )
        rows = [{"member_id": member_id, "term": t} for t in sorted(set(terms))]
        if rows:
            self.session.execute(insert(MemberSearchTermModel), rows)

    def search_rows(
        self,
        query: SearchQuery,
        *,
        limit: int,
        offset: int = 0,
        include_archived: bool = False,
        sort: str = "name",
    ) -> Sequence[Any]:
        """Rows (``ROW_COLUMNS``) matching ``query``, best first, one page."""
        stmt = self._filtered(select(*ROW_COLUMNS), query, include_archived)
        order: list[Any] = []
        if not query.empty and sort == "name":
            order.append(self._rank(query))
        order.extend(SORTS.get(sort, SORTS["name"]))
        return self.session.execute(stmt.order_by(*order).limit(limit).offset(offset)).all()

    def count(self, query: SearchQuery, include_archived: bool = False) -> int:
        stmt = self._filtered(
            select(func.count()).select_from(MemberModel), query, include_archived
        )
        return self.session.scalar(stmt) or 0

    def _filtered(
        self, stmt: Select[Any], query: SearchQuery, include_archived: bool
    ) -> Select[Any]:
        if not include_archived:
            stmt = stmt.where(MemberModel.status != MemberStatus.ARCHIVED)
        if query.empty:
            return stmt
        first, *others = query.prefixes
        matches = select(MemberSearchTermModel.member_id).where(_prefix(first))
        if query.phone4:
            matches = matches.union(
                select(MemberSearchTermModel.member_id).where(
                    MemberSearchTermModel.term == "#" + query.phone4
                )
            )
            return stmt.where(MemberModel.id.in_(matches))
        stmt = stmt.where(MemberModel.id.in_(matches))
        for term in others:
            stmt = stmt.where(_has_prefix(term))
        return stmt

    def _rank(self, query: SearchQuery) -> Any:
        exact_word = exists().where(
            MemberSearchTermModel.member_id == MemberModel.id,
            MemberSearchTermModel.term == query.prefixes[0],
        )
        whens: list[tuple[Any, int]] = [(MemberModel.code == query.code, 0)]
        if query.phone4:
            whens.append((MemberModel.phone_last4 == query.phone4, 1))
        whens.append((exact_word, 2))
        return case(*whens, else_=3)
