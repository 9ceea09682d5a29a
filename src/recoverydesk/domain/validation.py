"""Rules a member's fields must meet, shared by the form, the service and CSV import."""

from __future__ import annotations

import datetime as dt
import re

from recoverydesk.domain.errors import FieldError
from recoverydesk.domain.members import MemberDraft
from recoverydesk.domain.text import digits

NAME_MAX = 80
PRONOUNS_MAX = 40
PHONE_MAX = 40
EMAIL_MAX = 254
ADDRESS_MAX = 400
DESK_NOTE_MAX = 200
REASON_MAX = 400
EARLIEST_BIRTH = dt.date(1900, 1, 1)
#: No contact, plan date or assessment is plausibly older than this.
EARLIEST_RECORD = dt.date(2000, 1, 1)
MAX_EMERGENCY_CONTACTS = 5

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_CHARS = re.compile(r"^[\d\s+()\-./x#]*$")


def check_length(field: str, label: str, value: str, limit: int) -> FieldError | None:
    """An error when ``value`` is longer than ``limit`` characters."""
    if len(value) > limit:
        return FieldError(field, f"{label} is too long ({len(value)} characters; at most {limit})")
    return None


def check_phone(field: str, value: str) -> FieldError | None:
    """An error when a non-empty phone number is not a phone number."""
    if not value:
        return None
    if len(value) > PHONE_MAX:
        return FieldError(field, f"Phone is too long (at most {PHONE_MAX} characters)")
    if not _PHONE_CHARS.match(value) or not 3 <= len(digits(value)) <= 15:
        return FieldError(field, "Phone should be digits, spaces, + ( ) - only, 3 to 15 digits")
    return None


def check_email(field: str, value: str) -> FieldError | None:
    """An error when a non-empty email address does not look like one."""
    if not value:
        return None
    if len(value) > EMAIL_MAX:
        return FieldError(field, f"Email is too long (at most {EMAIL_MAX} characters)")
    if not _EMAIL.match(value):
        return FieldError(field, "Email should look like name@example.org")
    return None


def check_past_date(
    field: str,
    label: str,
    value: dt.date | None,
    today: dt.date,
    earliest: dt.date = EARLIEST_BIRTH,
) -> FieldError | None:
    """An error when ``value`` is in the future or before ``earliest``."""
    if value is None:
        return None
    if value > today:
        return FieldError(field, f"{label} cannot be in the future")
    if value < earliest:
        return FieldError(field, f"{label} cannot be before {earliest.year}")
    return None


def is_whole_number(value: object, low: int, high: int) -> bool:
    """True when ``value`` is an int (not a bool) from ``low`` to ``high``."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _required_name(field: str, label: str, value: str) -> FieldError | None:
    if not value.strip():
        return FieldError(field, f"{label} is required")
    return check_length(field, label, value, NAME_MAX)


def validate_member(draft: MemberDraft, today: dt.date) -> list[FieldError]:
    """Every problem with ``draft``, in form order; empty when it can be saved."""
    checks = [
        _required_name("first_name", "First name", draft.first_name),
        _required_name("last_name", "Last name", draft.last_name),
        check_length("preferred_name", "Preferred name", draft.preferred_name, NAME_MAX),
        check_length("pronouns", "Pronouns", draft.pronouns, PRONOUNS_MAX),
        check_past_date("date_of_birth", "Date of birth", draft.date_of_birth, today),
        check_phone("phone", draft.phone),
        check_email("email", draft.email),
        check_length("address", "Address", draft.address, ADDRESS_MAX),
        check_past_date("recovery_start", "Recovery start", draft.recovery_start, today),
        check_past_date("joined_on", "Joined", draft.joined_on, today, dt.date(1950, 1, 1)),
        check_length("desk_note", "Front-desk note", draft.desk_note, DESK_NOTE_MAX),
    ]
    errors = [e for e in checks if e is not None]
    errors.extend(_emergency_contact_errors(draft))
    if draft.date_of_birth and draft.recovery_start and draft.recovery_start < draft.date_of_birth:
        errors.append(FieldError("recovery_start", "Recovery start is before date of birth"))
    return errors


def _emergency_contact_errors(draft: MemberDraft) -> list[FieldError]:
    contacts = draft.emergency_contacts
    if len(contacts) > MAX_EMERGENCY_CONTACTS:
        return [
            FieldError("emergency_contacts", f"At most {MAX_EMERGENCY_CONTACTS} emergency contacts")
        ]
    errors: list[FieldError] = []
    for number, contact in enumerate(contacts, start=1):
        field = "emergency_contacts"
        if any("|" in value for value in (contact.name, contact.relationship, contact.phone)):
            errors.append(FieldError(field, f"Emergency contact {number}: cannot contain |"))
        if not contact.name.strip():
            errors.append(FieldError(field, f"Emergency contact {number}: name is required"))
        elif len(contact.name) > NAME_MAX * 2:
            errors.append(FieldError(field, f"Emergency contact {number}: name is too long"))
        if not contact.phone.strip():
            errors.append(FieldError(field, f"Emergency contact {number}: phone is required"))
        elif (problem := check_phone(field, contact.phone)) is not None:
            errors.append(FieldError(field, f"Emergency contact {number}: {problem.message}"))
    return errors


def parse_date(text: str) -> dt.date | None:
    """Parse YYYY-MM-DD; '' gives None; anything else raises ValueError with a reason."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.datetime.strptime(text, "%Y-%m-%d").date() if len(text) == 10 else _bad_date(text)
    except ValueError:
        return _bad_date(text)


def _bad_date(text: str) -> dt.date:
    raise ValueError(f"'{text}' is not a date in the form YYYY-MM-DD")
