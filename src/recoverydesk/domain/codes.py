"""Member codes: printed on the card, typed or scanned at the desk, unique, never reused.

A code is ``M`` + a sequence number of at least five digits + one check digit (Luhn), e.g.
``M100007``. The check digit lets the desk refuse a mistyped code instead of checking in
the wrong person.
"""

from __future__ import annotations

import re

PREFIX = "M"
FIRST_NUMBER = 10000
_CODE = re.compile(r"^[Mm](\d{5,})$")


def luhn_digit(number: str) -> int:
    """The Luhn check digit for a string of digits."""
    total = 0
    for index, char in enumerate(reversed(number)):
        value = int(char)
        if index % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return (10 - total % 10) % 10


def format_member_code(sequence: int) -> str:
    """The code for the ``sequence``-th member number."""
    number = str(sequence)
    return f"{PREFIX}{number}{luhn_digit(number)}"


def normalize_code(text: str) -> str:
    """Upper-case and trim what was typed or scanned."""
    return text.strip().upper()


def looks_like_code(text: str) -> bool:
    """True when ``text`` has the shape of a member code (valid check digit or not)."""
    return bool(_CODE.match(text.strip()))


def is_valid_code(text: str) -> bool:
    """True when ``text`` is a member code with a correct check digit."""
    match = _CODE.match(text.strip())
    if not match:
        return False
    body = match.group(1)
    return luhn_digit(body[:-1]) == int(body[-1])
