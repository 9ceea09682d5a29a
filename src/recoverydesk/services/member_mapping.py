"""Between member rows of the database and the member values of the domain."""

from __future__ import annotations

import datetime as dt
from typing import Any

from recoverydesk.db.models import EmergencyContactModel, MemberModel, MemberPathwayModel
from recoverydesk.db.repositories.members import member_terms, sort_key
from recoverydesk.domain.members import EmergencyContact, Member, MemberDraft, MemberRow
from recoverydesk.domain.text import clean_multiline, clean_text, digits, name_search_key


def clean_draft(draft: MemberDraft) -> MemberDraft:
    """The draft with every text NFC-normalised and trimmed."""
    return MemberDraft(
        first_name=clean_text(draft.first_name),
        last_name=clean_text(draft.last_name),
        preferred_name=clean_text(draft.preferred_name),
        pronouns=clean_text(draft.pronouns),
        date_of_birth=draft.date_of_birth,
        phone=clean_text(draft.phone),
        email=clean_text(draft.email),
        address=clean_multiline(draft.address),
        focus=draft.focus,
        pathways=frozenset(draft.pathways),
        recovery_start=draft.recovery_start,
        joined_on=draft.joined_on,
        status=draft.status,
        desk_note=clean_text(draft.desk_note),
        peer_wants_to_see=draft.peer_wants_to_see,
        emergency_contacts=tuple(
            EmergencyContact(clean_text(c.name), clean_text(c.relationship), clean_text(c.phone))
            for c in draft.emergency_contacts
        ),
    )


def apply_draft(model: MemberModel, draft: MemberDraft, today: dt.date, now: dt.datetime) -> None:
    """Copy a cleaned, valid draft onto ``model`` and refresh its derived columns."""
    model.first_name = draft.first_name
    model.last_name = draft.last_name
    model.preferred_name = draft.preferred_name
    model.pronouns = draft.pronouns
    model.date_of_birth = draft.date_of_birth
    model.phone = draft.phone
    model.phone_last4 = digits(draft.phone)[-4:]
    model.email = draft.email
    model.address = draft.address
    model.focus = draft.focus
    model.recovery_start = draft.recovery_start
    model.joined_on = draft.joined_on or model.joined_on or today
    model.status = draft.status
    model.desk_note = draft.desk_note
    model.peer_wants_to_see = draft.peer_wants_to_see
    model.search_key = name_search_key(draft.first_name, draft.last_name, draft.preferred_name)
    model.sort_key = sort_key(draft.first_name, draft.last_name)
    model.updated_at = now
    _apply_children(model, draft)


def _apply_children(model: MemberModel, draft: MemberDraft) -> None:
    wanted = set(draft.pathways)
    model.pathways = [p for p in model.pathways if p.pathway in wanted] + [
        MemberPathwayModel(pathway=p)
        for p in sorted(wanted)
        if p not in {existing.pathway for existing in model.pathways}
    ]
    model.emergency_contacts = [
        EmergencyContactModel(position=i, name=c.name, relationship=c.relationship, phone=c.phone)
        for i, c in enumerate(draft.emergency_contacts)
    ]


def terms_of(model: MemberModel) -> set[str]:
    return member_terms(
        model.code, model.first_name, model.last_name, model.preferred_name, model.phone
    )


def to_member(model: MemberModel) -> Member:
    """The domain value of a member row (children loaded)."""
    return Member(
        id=model.id,
        code=model.code,
        first_name=model.first_name,
        last_name=model.last_name,
        preferred_name=model.preferred_name,
        pronouns=model.pronouns,
        date_of_birth=model.date_of_birth,
        phone=model.phone,
        email=model.email,
        address=model.address,
        focus=model.focus,
        pathways=frozenset(p.pathway for p in model.pathways),
        recovery_start=model.recovery_start,
        joined_on=model.joined_on,
        status=model.status,
        archived_reason=model.archived_reason,
        desk_note=model.desk_note,
        peer_wants_to_see=model.peer_wants_to_see,
        emergency_contacts=tuple(
            EmergencyContact(c.name, c.relationship, c.phone) for c in model.emergency_contacts
        ),
        version=model.version,
        created_at=model.created_at,
        updated_at=model.updated_at,
    )


def to_row(values: Any) -> MemberRow:
    """A list row from a result row of ``ROW_COLUMNS``."""
    return MemberRow(*values)
