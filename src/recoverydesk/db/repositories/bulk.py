"""Many rows at once: members and visits for import and demo data, a paged read for export.

The ORM's unit of work costs far too much per row for 100,000 members or a million visits,
so these functions use Core ``insert()`` with lists of parameter dicts (one ``executemany``
per table and batch) inside the caller's transaction. They never commit.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from recoverydesk.db.models import (
    CounterModel,
    EmergencyContactModel,
    MemberModel,
    MemberPathwayModel,
    MemberSearchTermModel,
    VisitModel,
    VisitPurposeModel,
)
from recoverydesk.db.repositories.members import CODE_COUNTER, member_terms, sort_key
from recoverydesk.domain.codes import FIRST_NUMBER, format_member_code
from recoverydesk.domain.members import (
    EmergencyContact,
    Member,
    MemberDraft,
    MemberStatus,
    Pathway,
)
from recoverydesk.domain.text import digits, name_search_key
from recoverydesk.domain.visits import VisitSource

BATCH = 5000
IN_CHUNK = 500

_MEMBERS = MemberModel.__table__
_PATHWAYS = MemberPathwayModel.__table__
_CONTACTS = EmergencyContactModel.__table__
_TERMS = MemberSearchTermModel.__table__
_COUNTERS = CounterModel.__table__
_VISITS = VisitModel.__table__
_VISIT_PURPOSES = VisitPurposeModel.__table__
# What tells one new guest visit from another (guests have no unique key of their own).
# fmt: off
_GUEST_KEY = (
    _VISITS.c.visit_date, _VISITS.c.checked_in_at, _VISITS.c.checked_out_at, _VISITS.c.source,
    _VISITS.c.guest_label, _VISITS.c.recorded_by,
)
# fmt: on

_EXPORT_COLUMNS = (
    MemberModel.id,
    MemberModel.code,
    MemberModel.first_name,
    MemberModel.last_name,
    MemberModel.preferred_name,
    MemberModel.pronouns,
    MemberModel.date_of_birth,
    MemberModel.phone,
    MemberModel.email,
    MemberModel.address,
    MemberModel.focus,
    MemberModel.recovery_start,
    MemberModel.joined_on,
    MemberModel.status,
    MemberModel.archived_reason,
    MemberModel.desk_note,
    MemberModel.peer_wants_to_see,
    MemberModel.version,
    MemberModel.created_at,
    MemberModel.updated_at,
)


@dataclass(frozen=True)
class NewMember:
    """One member to insert: its code and a cleaned, validated draft."""

    code: str
    draft: MemberDraft
    archived_reason: str = ""


class NewVisit(NamedTuple):
    """One visit to insert (``seq`` 1): a member's, or an anonymous guest's (no member)."""

    member_id: int | None
    visit_date: dt.date
    checked_in_at: dt.datetime
    checked_out_at: dt.datetime | None
    source: VisitSource
    purposes: tuple[str, ...] = ()
    guest_label: str = ""
    recorded_by: str = ""


def count_members(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(MemberModel)) or 0


def bulk_insert_members(
    session: Session, members: Sequence[NewMember], *, today: dt.date, now: dt.datetime
) -> list[int]:
    """Insert ``members`` with pathways, contacts and search terms; their ids, in order."""
    keys = _NameKeys()
    ids: list[int] = []
    for start in range(0, len(members), BATCH):
        ids.extend(_insert_batch(session, members[start : start + BATCH], keys, today, now))
    return ids


class _NameKeys:
    """``name_search_key`` and ``sort_key``, remembered: demo data repeats names a lot."""

    def __init__(self) -> None:
        self.search = functools.lru_cache(maxsize=65536)(name_search_key)
        self.sort = functools.lru_cache(maxsize=65536)(sort_key)


def _insert_batch(
    session: Session, batch: Sequence[NewMember], keys: _NameKeys, today: dt.date, now: dt.datetime
) -> list[int]:
    # A plain executemany, then ids by (unique) code: INSERT..RETURNING in parameter order
    # falls back to one statement per row on SQLite.
    session.execute(insert(_MEMBERS), [_member_values(m, keys, today, now) for m in batch])
    id_of = _ids_by_code(session, [m.code for m in batch])
    ids = [id_of[m.code] for m in batch]
    pathways: list[dict[str, Any]] = []
    contacts: list[dict[str, Any]] = []
    terms: list[dict[str, Any]] = []
    for member_id, new in zip(ids, batch, strict=True):
        draft = new.draft
        pathways.extend({"member_id": member_id, "pathway": p} for p in sorted(draft.pathways))
        contacts.extend(
            {
                "member_id": member_id,
                "position": i,
                "name": c.name,
                "relationship": c.relationship,
                "phone": c.phone,
            }
            for i, c in enumerate(draft.emergency_contacts)
        )
        found = member_terms(
            new.code, draft.first_name, draft.last_name, draft.preferred_name, draft.phone
        )
        terms.extend({"member_id": member_id, "term": t} for t in sorted(found))
    for table, values in ((_PATHWAYS, pathways), (_CONTACTS, contacts), (_TERMS, terms)):
        if values:
            session.execute(insert(table), values)
    return ids


def _member_values(
    new: NewMember, keys: _NameKeys, today: dt.date, now: dt.datetime
) -> dict[str, Any]:
    d = new.draft
    archived = d.status is MemberStatus.ARCHIVED
    return {
        "code": new.code,
        "first_name": d.first_name,
        "last_name": d.last_name,
        "preferred_name": d.preferred_name,
        "pronouns": d.pronouns,
        "date_of_birth": d.date_of_birth,
        "phone": d.phone,
        "phone_last4": digits(d.phone)[-4:],
        "email": d.email,
        "address": d.address,
        "focus": d.focus,
        "recovery_start": d.recovery_start,
        "joined_on": d.joined_on or today,
        "status": d.status,
        "archived_reason": new.archived_reason if archived else "",
        "archived_at": now if archived else None,
        "desk_note": d.desk_note,
        "peer_wants_to_see": d.peer_wants_to_see,
        "search_key": keys.search(d.first_name, d.last_name, d.preferred_name),
        "sort_key": keys.sort(d.first_name, d.last_name),
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }


def _ids_by_code(session: Session, codes: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(codes), IN_CHUNK):
        chunk = codes[start : start + IN_CHUNK]
        stmt = select(MemberModel.code, MemberModel.id).where(MemberModel.code.in_(chunk))
        found.update((code, member_id) for code, member_id in session.execute(stmt))
    return found


def existing_codes(session: Session, codes: Iterable[str]) -> set[str]:
    """Which of ``codes`` already belong to a member."""
    wanted = sorted(set(codes))
    found: set[str] = set()
    for start in range(0, len(wanted), IN_CHUNK):
        chunk = wanted[start : start + IN_CHUNK]
        found.update(session.scalars(select(MemberModel.code).where(MemberModel.code.in_(chunk))))
    return found


def people_with_birth_dates(session: Session) -> dict[tuple[str, dt.date], str]:
    """Code of every member with a date of birth, keyed by (folded name key, birth date)."""
    stmt = (
        select(MemberModel.sort_key, MemberModel.date_of_birth, MemberModel.code)
        .where(MemberModel.date_of_birth.is_not(None))
        .order_by(MemberModel.id)
    )
    people: dict[tuple[str, dt.date], str] = {}
    for key, born, code in session.execute(stmt):
        people.setdefault((key, born), code)
    return people


def bump_code_counter(session: Session, sequence: int) -> None:
    """Make sure new codes are numbered after ``sequence`` (an imported code's number)."""
    current = _counter_value(session)
    if current is None:
        session.execute(insert(_COUNTERS), {"name": CODE_COUNTER, "next_value": sequence + 1})
    elif current <= sequence:
        _set_counter(session, sequence + 1)


def allocate_codes(session: Session, count: int) -> list[str]:
    """``count`` fresh member codes; the counter moves past them (codes are never reused)."""
    if count <= 0:
        return []
    start = _counter_value(session)
    if start is None:
        start = FIRST_NUMBER
        session.execute(insert(_COUNTERS), {"name": CODE_COUNTER, "next_value": start})
    codes: list[str] = []
    number = start
    while len(codes) < count:
        wanted = [format_member_code(n) for n in range(number, number + count - len(codes))]
        number += len(wanted)
        taken = existing_codes(session, wanted)
        codes.extend(c for c in wanted if c not in taken)
    _set_counter(session, number)
    return codes


def _counter_value(session: Session) -> int | None:
    stmt = select(CounterModel.next_value).where(CounterModel.name == CODE_COUNTER)
    return session.scalar(stmt.with_for_update())


def _set_counter(session: Session, value: int) -> None:
    session.execute(
        update(_COUNTERS).where(_COUNTERS.c.name == CODE_COUNTER).values(next_value=value)
    )


def iter_members(session: Session, page_size: int = 1000) -> Iterator[Member]:
    """Every member (archived too) in id order, read a page at a time (keyset paging)."""
    last_id = 0
    while True:
        stmt = (
            select(*_EXPORT_COLUMNS)
            .where(MemberModel.id > last_id)
            .order_by(MemberModel.id)
            .limit(page_size)
        )
        rows = session.execute(stmt).all()
        if not rows:
            return
        ids = [row.id for row in rows]
        pathways = _pathways_of(session, ids)
        contacts = _contacts_of(session, ids)
        for row in rows:
            yield _to_member(row, pathways.get(row.id, frozenset()), contacts.get(row.id, ()))
        last_id = ids[-1]


def _pathways_of(session: Session, ids: list[int]) -> dict[int, frozenset[Pathway]]:
    stmt = select(MemberPathwayModel.member_id, MemberPathwayModel.pathway).where(
        MemberPathwayModel.member_id.in_(ids)
    )
    found: dict[int, set[Pathway]] = {}
    for member_id, pathway in session.execute(stmt):
        found.setdefault(member_id, set()).add(pathway)
    return {member_id: frozenset(values) for member_id, values in found.items()}


def _contacts_of(session: Session, ids: list[int]) -> dict[int, tuple[EmergencyContact, ...]]:
    c = EmergencyContactModel
    stmt = (
        select(c.member_id, c.name, c.relationship, c.phone)
        .where(c.member_id.in_(ids))
        .order_by(c.member_id, c.position)
    )
    found: dict[int, list[EmergencyContact]] = {}
    for member_id, name, relationship, phone in session.execute(stmt):
        found.setdefault(member_id, []).append(EmergencyContact(name, relationship, phone))
    return {member_id: tuple(values) for member_id, values in found.items()}


def _to_member(
    row: Any, pathways: frozenset[Pathway], contacts: tuple[EmergencyContact, ...]
) -> Member:
    return Member(
        id=row.id,
        code=row.code,
        first_name=row.first_name,
        last_name=row.last_name,
        preferred_name=row.preferred_name,
        pronouns=row.pronouns,
        date_of_birth=row.date_of_birth,
        phone=row.phone,
        email=row.email,
        address=row.address,
        focus=row.focus,
        pathways=pathways,
        recovery_start=row.recovery_start,
        joined_on=row.joined_on,
        status=row.status,
        archived_reason=row.archived_reason,
        desk_note=row.desk_note,
        peer_wants_to_see=row.peer_wants_to_see,
        emergency_contacts=contacts,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


# --- visits -------------------------------------------------------------------------------


def bulk_insert_visits(session: Session, visits: Sequence[NewVisit]) -> int:
    """Insert ``visits`` with their purposes; returns how many visits were inserted.

    Each member has at most one of them per day and none on that day already (the unique
    key; otherwise ``IntegrityError``, and the caller's transaction should roll back).
    Members' visits go in member and date order, which keeps SQLite's index pages warm.
    """
    ours = sorted((v for v in visits if v.member_id is not None), key=_member_day)
    guests = [v for v in visits if v.member_id is None]
    for start in range(0, len(ours), BATCH):
        _insert_member_visits(session, ours[start : start + BATCH])
    for start in range(0, len(guests), BATCH):
        _insert_guest_visits(session, guests[start : start + BATCH])
    return len(ours) + len(guests)


def _member_day(visit: NewVisit) -> tuple[int, dt.date]:
    return visit.member_id or 0, visit.visit_date


def _visit_values(visit: NewVisit) -> dict[str, Any]:
    return {
        "member_id": visit.member_id,
        "guest_label": visit.guest_label,
        "visit_date": visit.visit_date,
        "seq": 1,
        "checked_in_at": visit.checked_in_at,
        "checked_out_at": visit.checked_out_at,
        "source": visit.source,
        "recorded_by": visit.recorded_by,
        "override_reason": "",
    }


def _insert_member_visits(session: Session, batch: Sequence[NewVisit]) -> None:
    # A plain executemany (RETURNING would cost a third more on SQLite), then the ids by
    # the unique (member, day) key, read over the batch's contiguous range of members.
    session.execute(insert(_VISITS), [_visit_values(v) for v in batch])
    v = VisitModel
    stmt = select(v.member_id, v.visit_date, v.id).where(
        v.member_id.between(batch[0].member_id, batch[-1].member_id),
        v.visit_date.between(min(b.visit_date for b in batch), max(b.visit_date for b in batch)),
        v.seq == 1,
    )
    id_of = {(member_id, day): visit_id for member_id, day, visit_id in session.execute(stmt)}
    _insert_purposes(session, [(id_of[_member_day(b)], b.purposes) for b in batch])


def _insert_guest_visits(session: Session, batch: Sequence[NewVisit]) -> None:
    # Guests have no unique key: RETURNING hands back each new row's id with its values, and
    # rows with equal values are interchangeable.
    values = [_visit_values(v) for v in batch]
    waiting: dict[tuple[Any, ...], list[tuple[str, ...]]] = {}
    for visit, row in zip(batch, values, strict=True):
        waiting.setdefault(tuple(row[c.key] for c in _GUEST_KEY), []).append(visit.purposes)
    stmt = insert(_VISITS).returning(_VISITS.c.id, *_GUEST_KEY)
    found = session.execute(stmt, values)
    _insert_purposes(session, [(visit_id, waiting[tuple(key)].pop()) for visit_id, *key in found])


def _insert_purposes(session: Session, visits: Sequence[tuple[int, tuple[str, ...]]]) -> None:
    rows = [
        {"visit_id": visit_id, "purpose": purpose, "position": position}
        for visit_id, purposes in visits
        for position, purpose in enumerate(purposes)
    ]
    if rows:
        session.execute(insert(_VISIT_PURPOSES), rows)
