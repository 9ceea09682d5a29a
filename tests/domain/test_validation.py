"""Member validation: every rule the form and the import enforce, with plain reasons."""

import datetime as dt

import pytest

from recoverydesk.domain.members import EmergencyContact, MemberDraft
from recoverydesk.domain.validation import parse_date, validate_member

TODAY = dt.date(2026, 3, 10)


def fields_of(draft: MemberDraft) -> dict[str, str]:
    return {e.field: e.message for e in validate_member(draft, TODAY)}


def test_valid_draft_has_no_errors() -> None:
    assert fields_of(MemberDraft("Ana", "Silva", phone="555 0100", email="ana@example.org")) == {}


def test_first_and_last_name_required() -> None:
    errors = fields_of(MemberDraft("  ", ""))
    assert errors["first_name"] == "First name is required"
    assert errors["last_name"] == "Last name is required"


def test_date_of_birth_not_in_future_nor_before_1900() -> None:
    future = fields_of(MemberDraft("A", "B", date_of_birth=dt.date(2026, 3, 11)))
    assert future["date_of_birth"] == "Date of birth cannot be in the future"
    ancient = fields_of(MemberDraft("A", "B", date_of_birth=dt.date(1899, 12, 31)))
    assert ancient["date_of_birth"] == "Date of birth cannot be before 1900"


@pytest.mark.parametrize("email", ["ana", "ana@", "ana@example", "a b@example.org"])
def test_bad_emails_refused(email: str) -> None:
    assert "email" in fields_of(MemberDraft("A", "B", email=email))


@pytest.mark.parametrize("phone", ["12", "call me", "1" * 16])
def test_bad_phones_refused(phone: str) -> None:
    assert "phone" in fields_of(MemberDraft("A", "B", phone=phone))


def test_length_limits_name_the_field() -> None:
    errors = fields_of(MemberDraft("A" * 81, "B", desk_note="x" * 201))
    assert "too long" in errors["first_name"]
    assert "too long" in errors["desk_note"]


def test_emergency_contact_needs_name_and_phone() -> None:
    draft = MemberDraft("A", "B", emergency_contacts=(EmergencyContact("", "", ""),))
    messages = [e.message for e in validate_member(draft, TODAY)]
    assert "Emergency contact 1: name is required" in messages
    assert "Emergency contact 1: phone is required" in messages


def test_recovery_start_after_birth() -> None:
    draft = MemberDraft(
        "A", "B", date_of_birth=dt.date(1990, 1, 1), recovery_start=dt.date(1980, 1, 1)
    )
    assert fields_of(draft)["recovery_start"] == "Recovery start is before date of birth"


def test_parse_date() -> None:
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
    assert parse_date("  ") is None
    for bad in ("2023-02-29", "10/03/2026", "2026-3-1"):
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            parse_date(bad)
