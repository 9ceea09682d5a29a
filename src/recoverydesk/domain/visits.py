"""Visits: drop-in attendance at the door, and the rules that govern them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.domain.members import MemberStatus


class VisitSource(StrEnum):
    """How a visit was recorded."""

    DESK = "desk"
    SCANNER = "scanner"
    PAPER = "paper"
    KIOSK = "kiosk"

    @property
    def label(self) -> str:
        return {"desk": "Desk", "scanner": "Scanner", "paper": "Paper sheet", "kiosk": "Kiosk"}[
            self.value
        ]


DEFAULT_PURPOSES: tuple[str, ...] = (
    "Drop-in",
    "Group",
    "One-to-one",
    "Meal",
    "Computer",
    "Laundry/shower",
    "Naloxone",
    "Referral",
    "Other",
)
DEFAULT_GUEST_LIMIT = 3
GUEST_LABEL_MAX = 40
PURPOSE_MAX = 40
OVERRIDE_REASON_MAX = 200


@dataclass(frozen=True)
class VisitRules:
    """The site's visit rules (from settings)."""

    once_a_day: bool = True
    guest_limit: int = DEFAULT_GUEST_LIMIT
    purposes: tuple[str, ...] = DEFAULT_PURPOSES


@dataclass(frozen=True)
class Visit:
    """One visit: a member's (``member_id``) or an anonymous guest's (``guest_label``)."""

    id: int
    member_id: int | None
    guest_label: str
    visit_date: dt.date
    checked_in_at: dt.datetime
    checked_out_at: dt.datetime | None
    source: VisitSource
    purposes: tuple[str, ...]
    recorded_by: str
    override_reason: str = ""

    @property
    def is_open(self) -> bool:
        return self.checked_out_at is None


@dataclass(frozen=True)
class VisitRow:
    """A visit as the desk's lists show it: who, when, how; never notes."""

    visit_id: int
    member_id: int | None
    member_code: str
    name: str
    pronouns: str
    guest_label: str
    checked_in_at: dt.datetime
    checked_out_at: dt.datetime | None
    source: VisitSource
    purposes: tuple[str, ...]

    @property
    def is_guest(self) -> bool:
        return self.member_id is None


@dataclass(frozen=True)
class CheckInResult:
    """What happened at the door: a new visit, or why nothing new was recorded."""

    visit: Visit
    created: bool
    message: str
    guest_visits: int | None = None
    guest_limit_reached: bool = False


@dataclass(frozen=True)
class DayCounts:
    """How busy a day was."""

    visits: int
    unique_members: int
    guests: int
    in_building: int


@dataclass(frozen=True)
class DeskRow:
    """One match in the front-desk search: enough to greet and check in, nothing private."""

    member_id: int
    code: str
    name: str
    first_name: str
    last_name: str
    preferred_name: str
    pronouns: str
    status_label: str
    last_visit: dt.date | None
    checked_in_today: bool
    flags: tuple[str, ...]
    desk_note: str = ""
    status: MemberStatus = MemberStatus.MEMBER

    @property
    def is_guest(self) -> bool:
        return self.status is MemberStatus.GUEST


class VisitRefusedError(RecoveryDeskError):
    """A check-in the rules refuse; ``overridable`` when a coordinator may, with a reason."""

    def __init__(self, message: str, *, overridable: bool = True) -> None:
        super().__init__(message)
        self.overridable = overridable
