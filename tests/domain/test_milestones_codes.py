"""Milestones in plain words, and member codes with a check digit."""

import datetime as dt

import pytest

from recoverydesk.domain.codes import format_member_code, is_valid_code, looks_like_code
from recoverydesk.domain.milestones import recovery_duration


@pytest.mark.parametrize(
    ("start", "today", "text"),
    [
        (dt.date(2024, 1, 5), dt.date(2026, 4, 5), "2 years 3 months"),
        (dt.date(2024, 1, 5), dt.date(2026, 4, 4), "2 years 2 months"),
        (dt.date(2025, 3, 10), dt.date(2026, 3, 10), "1 year"),
        (dt.date(2026, 1, 31), dt.date(2026, 3, 10), "1 month"),
        (dt.date(2026, 3, 1), dt.date(2026, 3, 10), "9 days"),
        (dt.date(2026, 3, 10), dt.date(2026, 3, 10), "0 days"),
        (dt.date(2026, 3, 11), dt.date(2026, 3, 10), ""),
        (None, dt.date(2026, 3, 10), ""),
    ],
)
def test_recovery_duration(start: dt.date | None, today: dt.date, text: str) -> None:
    assert recovery_duration(start, today) == text


def test_codes_carry_a_check_digit() -> None:
    code = format_member_code(10000)
    assert code == "M100008"
    assert is_valid_code(code)
    assert is_valid_code(code.lower())
    assert not is_valid_code("M100009")
    assert looks_like_code("M100009")
    assert not looks_like_code("Maria")


def test_codes_are_distinct_for_distinct_numbers() -> None:
    codes = {format_member_code(n) for n in range(10000, 12000)}
    assert len(codes) == 2000
