"""Site-wide settings, shared by every desk of a centre (they live in the database)."""

from __future__ import annotations

import dataclasses
import zoneinfo
from dataclasses import dataclass
from enum import StrEnum

from recoverydesk.domain.errors import FieldError
from recoverydesk.domain.validation import check_email, check_length, check_phone


class PaperSize(StrEnum):
    """Paper the site prints handouts on."""

    A4 = "A4"
    LETTER = "Letter"

    @property
    def label(self) -> str:
        return "A4" if self is PaperSize.A4 else "US Letter"


@dataclass(frozen=True)
class SiteSettings:
    """Everything a centre sets once for all its desks."""

    centre_name: str = "Recovery Centre"
    address: str = ""
    phone: str = ""
    email: str = ""
    time_zone: str = "UTC"
    paper_size: PaperSize = PaperSize.A4
    crisis_numbers: str = ""
    #: Peer work: how many members a peer supports before the caseload shows as over.
    default_caseload_cap: int = 15
    #: Follow-up radar: no contact and no visit in this many days puts a member on it.
    follow_up_days: int = 14
    #: Recovery plans: days from activation or review to the next review.
    plan_review_days: int = 90
    #: BARC-10: days from one assessment to the next.
    barc10_interval_days: int = 90
    #: Minutes of no use before the screen locks itself.
    lock_minutes: int = 5

    def replace(self, **changes: object) -> SiteSettings:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


#: Whole-number settings: field → (label, lowest, highest).
NUMBER_LIMITS: dict[str, tuple[str, int, int]] = {
    "default_caseload_cap": ("Caseload cap", 1, 500),
    "follow_up_days": ("Follow-up days", 1, 365),
    "plan_review_days": ("Plan review days", 7, 730),
    "barc10_interval_days": ("BARC-10 interval days", 7, 730),
    "lock_minutes": ("Lock after minutes", 1, 240),
}


#: A logo is a small PNG or JPEG picture (it prints about 2 cm high).
LOGO_MAX_BYTES = 512 * 1024
_LOGO_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def logo_problem(data: bytes) -> str | None:
    """Why ``data`` cannot be the centre's logo, or None when it can."""
    if not data.startswith(_LOGO_MAGIC):
        return "The logo must be a PNG or JPEG picture"
    if len(data) > LOGO_MAX_BYTES:
        return f"The logo is too large (at most {LOGO_MAX_BYTES // 1024} KB); make it smaller"
    return None


def valid_time_zone(name: str) -> bool:
    """True when ``name`` is an IANA time zone this machine knows."""
    if not name or name != name.strip():
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        # "Europe" names a folder of zones: OSError (IsADirectoryError) on some systems.
        return False
    return True


def validate_settings(settings: SiteSettings) -> list[FieldError]:
    """Every problem with ``settings``; empty when they can be saved."""
    errors: list[FieldError | None] = []
    if not settings.centre_name.strip():
        errors.append(FieldError("centre_name", "Centre name is required"))
    errors.append(check_length("centre_name", "Centre name", settings.centre_name, 120))
    errors.append(check_length("address", "Address", settings.address, 400))
    errors.append(check_phone("phone", settings.phone))
    errors.append(check_email("email", settings.email))
    if not valid_time_zone(settings.time_zone):
        errors.append(
            FieldError(
                "time_zone",
                f"'{settings.time_zone}' is not a known time zone"
                " (e.g. Europe/London, America/New_York)",
            )
        )
    errors.append(check_length("crisis_numbers", "Crisis numbers", settings.crisis_numbers, 1000))
    for name, (label, low, high) in NUMBER_LIMITS.items():
        value = getattr(settings, name)
        if not isinstance(value, int) or not low <= value <= high:
            errors.append(FieldError(name, f"{label} must be a whole number from {low} to {high}"))
    return [e for e in errors if e is not None]
