"""Members: create, edit, archive, find. One method, one user action, one transaction."""

from __future__ import annotations

import datetime as dt

from recoverydesk.db.models import MemberModel
from recoverydesk.db.repositories.assigned import end_member_assignments
from recoverydesk.db.repositories.members import MemberRepository, SearchQuery
from recoverydesk.db.session import Database, Session
from recoverydesk.domain.accounts import Action, AuditAction
from recoverydesk.domain.clock import Clock
from recoverydesk.domain.codes import normalize_code
from recoverydesk.domain.errors import (
    ConflictError,
    FieldError,
    NotFoundError,
    ValidationError,
)
from recoverydesk.domain.members import Member, MemberDraft, MemberPage, MemberRow, MemberStatus
from recoverydesk.domain.text import clean_text, words
from recoverydesk.domain.validation import REASON_MAX, validate_member
from recoverydesk.services.access import Access
from recoverydesk.services.member_mapping import (
    apply_draft,
    clean_draft,
    terms_of,
    to_member,
    to_row,
)


class MemberService:
    """Everything the app does with member profiles."""

    def __init__(self, db: Database, clock: Clock, access: Access) -> None:
        self._db = db
        self._clock = clock
        self._access = access

    def validate(self, draft: MemberDraft) -> list[FieldError]:
        """Every problem with ``draft`` (for forms that check as the person types)."""
        return validate_member(clean_draft(draft), self._clock.today())

    def create(self, draft: MemberDraft) -> Member:
        """Save a new member with a fresh member code."""
        self._access.require(Action.MEMBER_EDIT)
        draft = self._valid(draft)
        with self._db.write() as session:
            member = to_member(insert_member(session, draft, self._clock))
            self._access.record(session, AuditAction.CREATE, "member", member.id)
            return member

    def update(self, member_id: int, draft: MemberDraft, expected_version: int) -> Member:
        """Save edits; refuses when someone else saved the member since it was opened."""
        self._access.require(Action.MEMBER_EDIT)
        draft = self._valid(draft)
        try:
            with self._db.write() as session:
                model = self._load(session, member_id)
                if model.version != expected_version:
                    raise self._conflict()
                apply_draft(model, draft, self._clock.today(), self._clock.now())
                session.flush()
                MemberRepository(session).replace_terms(model.id, terms_of(model))
                self._access.record(session, AuditAction.UPDATE, "member", member_id)
                return to_member(model)
        except ConflictError as error:
            raise self._conflict() from error

    def archive(self, member_id: int, reason: str) -> Member:
        """Archive a member with a reason; nothing is deleted."""
        self._access.require(Action.MEMBER_ARCHIVE)
        reason = clean_text(reason)
        if not reason:
            raise ValidationError([FieldError("reason", "A reason for archiving is required")])
        if len(reason) > REASON_MAX:
            raise ValidationError(
                [FieldError("reason", f"Reason is too long (at most {REASON_MAX} characters)")]
            )
        with self._db.write() as session:
            model = self._load(session, member_id)
            model.status = MemberStatus.ARCHIVED
            model.archived_reason = reason
            model.archived_at = self._clock.now()
            model.updated_at = self._clock.now()
            session.flush()
            self._access.record(session, AuditAction.ARCHIVE, "member", member_id)
            ended = end_member_assignments(
                session, member_id, self._clock.today(), f"Member archived: {reason}"
            )
            if ended:
                self._access.record(session, AuditAction.UPDATE, "assignment", member_id, "ended")
            return to_member(model)

    def restore(self, member_id: int) -> Member:
        """Bring an archived member back as a member."""
        self._access.require(Action.MEMBER_ARCHIVE)
        with self._db.write() as session:
            model = self._load(session, member_id)
            model.status = MemberStatus.MEMBER
            model.archived_reason = ""
            model.archived_at = None
            model.updated_at = self._clock.now()
            session.flush()
            self._access.record(session, AuditAction.UPDATE, "member", member_id, "restored")
            return to_member(model)

    def get(self, member_id: int) -> Member:
        with self._db.read() as session:
            return to_member(self._load(session, member_id))

    def by_code(self, code: str) -> Member | None:
        with self._db.read() as session:
            model = MemberRepository(session).by_code(normalize_code(code))
            return to_member(model) if model else None

    def search(
        self,
        text: str = "",
        *,
        limit: int = 100,
        offset: int = 0,
        include_archived: bool = False,
        sort: str = "name",
        with_total: bool = False,
    ) -> MemberPage:
        """One page of members matching ``text`` (accent- and case-insensitive prefixes)."""
        query = SearchQuery.parse(text)
        with self._db.read() as session:
            repo = MemberRepository(session)
            rows = repo.search_rows(
                query, limit=limit + 1, offset=offset, include_archived=include_archived, sort=sort
            )
            total = repo.count(query, include_archived) if with_total else None
        page = tuple(to_row(r) for r in rows[:limit])
        return MemberPage(rows=page, has_more=len(rows) > limit, total=total)

    def find_rows(self, text: str, limit: int = 20) -> list[MemberRow]:
        return list(self.search(text, limit=limit).rows)

    def possible_duplicates(
        self, draft: MemberDraft, exclude_id: int | None = None, limit: int = 5
    ) -> list[MemberRow]:
        """Members whose first and last name match ``draft`` (and birth date, if both have one)."""
        draft = clean_draft(draft)
        if not draft.first_name or not draft.last_name:
            return []
        rows = self.search(
            f"{draft.first_name} {draft.last_name}", limit=50, include_archived=True
        ).rows
        with self._db.read() as session:
            found = []
            for row in rows:
                model = session.get(MemberModel, row.id)
                if model is None or model.id == exclude_id:
                    continue
                if _same_person(model, draft):
                    found.append(row)
        return found[:limit]

    def _valid(self, draft: MemberDraft) -> MemberDraft:
        return valid_draft(draft, self._clock.today())

    @staticmethod
    def _load(session: Session, member_id: int) -> MemberModel:
        model = session.get(MemberModel, member_id)
        if model is None:
            raise NotFoundError(f"Member {member_id} no longer exists.")
        return model

    @staticmethod
    def _conflict() -> ConflictError:
        return ConflictError(
            "Someone else saved this member while you were editing. Your changes were not "
            "saved but are still in the form; reopen the member to see theirs."
        )


def valid_draft(draft: MemberDraft, today: dt.date) -> MemberDraft:
    """The cleaned draft, or ``ValidationError`` naming every bad field."""
    draft = clean_draft(draft)
    errors = validate_member(draft, today)
    if errors:
        raise ValidationError(errors)
    return draft


def insert_member(session: Session, draft: MemberDraft, clock: Clock) -> MemberModel:
    """Add a member (cleaned, valid draft) with a fresh code, inside ``session``."""
    repo = MemberRepository(session)
    now = clock.now()
    model = MemberModel(
        code=repo.next_code(), created_at=now, updated_at=now, version=1, archived_reason=""
    )
    apply_draft(model, draft, clock.today(), now)
    session.add(model)
    session.flush()
    repo.replace_terms(model.id, terms_of(model))
    return model


def _letters(name: str) -> str:
    """A name compared ignoring case, accents, spaces and punctuation (O'Brien = OBrien)."""
    return "".join(words(name))


def _same_person(model: MemberModel, draft: MemberDraft) -> bool:
    same_name = _letters(model.first_name) == _letters(draft.first_name) and _letters(
        model.last_name
    ) == _letters(draft.last_name)
    if not same_name:
        return False
    if model.date_of_birth and draft.date_of_birth:
        return model.date_of_birth == draft.date_of_birth
    return True
