"""Member queries: indexed prefix search, pages of rows, search terms, code counter."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, bindparam, case, delete, exists, func, insert, literal, select
from sqlalchemy.orm import Session, lazyload

from recoverydesk.db.models import CounterModel, MemberModel, MemberSearchTermModel
from recoverydesk.domain.codes import FIRST_NUMBER, format_member_code, normalize_code
from recoverydesk.domain.members import MemberStatus
from recoverydesk.domain.text import digits, fold, joined_words, words

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
    terms = {t for name in (first, last, preferred) for t in (*words(name), *joined_words(name))}
    terms.add(fold(code))
    last4 = digits(phone)[-4:]
    if len(last4) == 4:
        terms.add("#" + last4)
    return {t[:100] for t in terms}


def sort_key(first: str, last: str) -> str:
    """How members sort in lists: by folded last name, then first name."""
    return f"{' '.join(words(last))}\x1f{' '.join(words(first))}"[:300]


@dataclass(frozen=True)
class SqlTerms:
    """What a search statement compares with: literal values, or bind parameters.

    Built with bind parameters (``template``), one statement per query shape can be kept
    and run with ``params(query)``: building SQLAlchemy statements on every keystroke
    costs more than running them.
    """

    lows: tuple[Any, ...]
    highs: tuple[Any, ...]
    code: Any
    phone4: Any = None
    phone_term: Any = None

    @property
    def empty(self) -> bool:
        return not self.lows

    @classmethod
    def of(cls, query: SearchQuery) -> SqlTerms:
        values = cls.params(query)
        return cls.template(len(query.prefixes), bool(query.phone4), values)

    @classmethod
    def template(cls, words: int, phone: bool, values: dict[str, str] | None = None) -> SqlTerms:
        def value(name: str) -> Any:
            return values[name] if values is not None else bindparam(name)

        return cls(
            lows=tuple(value(f"lo{i}") for i in range(words)),
            highs=tuple(value(f"hi{i}") for i in range(words)),
            code=value("code"),
            phone4=value("phone4") if phone else None,
            phone_term=value("phone_term") if phone else None,
        )

    @staticmethod
    def params(query: SearchQuery) -> dict[str, str]:
        values = {"code": query.code}
        for i, prefix in enumerate(query.prefixes):
            values[f"lo{i}"], values[f"hi{i}"] = prefix, prefix + TOP
        if query.phone4:
            values["phone4"], values["phone_term"] = query.phone4, "#" + query.phone4
        return values


def _prefix(low: Any, high: Any) -> Any:
    return and_(MemberSearchTermModel.term >= low, MemberSearchTermModel.term < high)


def _has_prefix(low: Any, high: Any) -> Any:
    return exists().where(MemberSearchTermModel.member_id == MemberModel.id, _prefix(low, high))


def words_match(text: str) -> list[Any]:
    """Conditions on ``MemberModel``: each word of ``text`` starts one of its search terms.

    The terms are the member's folded name words and code, read from the terms index.
    """
    return [_has_prefix(word, word + TOP) for word in words(text)]


class MemberRepository:
    """Reads and writes members inside a caller's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, member_id: int) -> MemberModel | None:
        return self.session.get(MemberModel, member_id)

    def get_without_children(self, member_id: int) -> MemberModel | None:
        """The member row alone (no pathways or contacts): for the front desk's hot path."""
        return self.session.get(
            MemberModel,
            member_id,
            options=[lazyload(MemberModel.pathways), lazyload(MemberModel.emergency_contacts)],
        )

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
        terms = SqlTerms.of(query)
        stmt = self._filtered(select(*ROW_COLUMNS), terms, include_archived)
        order: list[Any] = []
        if not terms.empty and sort == "name":
            order.append(self._rank(terms))
        order.extend(SORTS.get(sort, SORTS["name"]))
        return self.session.execute(stmt.order_by(*order).limit(limit).offset(offset)).all()

    @staticmethod
    def ranked_page(
        terms: SqlTerms,
        *,
        limit: Any,
        include_archived: bool = False,
        extra: Sequence[Any] = (),
    ) -> Select[Any]:
        """The best ``limit`` matches as a statement with ``rank`` and ``sort_key`` columns."""
        rank = MemberRepository._rank(terms) if not terms.empty else literal(3)
        rank = rank.label("rank")
        columns = (*ROW_COLUMNS, *extra, rank, MemberModel.sort_key)
        stmt = MemberRepository._filtered(select(*columns), terms, include_archived)
        return stmt.order_by(rank, MemberModel.sort_key, MemberModel.id).limit(limit)

    def count(self, query: SearchQuery, include_archived: bool = False) -> int:
        stmt = self._filtered(
            select(func.count()).select_from(MemberModel), SqlTerms.of(query), include_archived
        )
        return self.session.scalar(stmt) or 0

    @staticmethod
    def _filtered(stmt: Select[Any], terms: SqlTerms, include_archived: bool) -> Select[Any]:
        if not include_archived:
            stmt = stmt.where(MemberModel.status != MemberStatus.ARCHIVED)
        if terms.empty:
            return stmt
        matches = select(MemberSearchTermModel.member_id).where(
            _prefix(terms.lows[0], terms.highs[0])
        )
        if terms.phone_term is not None:
            matches = matches.union(
                select(MemberSearchTermModel.member_id).where(
                    MemberSearchTermModel.term == terms.phone_term
                )
            )
            return stmt.where(MemberModel.id.in_(matches))
        stmt = stmt.where(MemberModel.id.in_(matches))
        for low, high in zip(terms.lows[1:], terms.highs[1:], strict=True):
            stmt = stmt.where(_has_prefix(low, high))
        return stmt

    @staticmethod
    def _rank(terms: SqlTerms) -> Any:
        exact_word = exists().where(
            MemberSearchTermModel.member_id == MemberModel.id,
            MemberSearchTermModel.term == terms.lows[0],
        )
        whens: list[tuple[Any, int]] = [(MemberModel.code == terms.code, 0)]
        if terms.phone4 is not None:
            whens.append((MemberModel.phone_last4 == terms.phone4, 1))
        whens.append((exact_word, 2))
        return case(*whens, else_=3)
