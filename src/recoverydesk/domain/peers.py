"""Peers: the peer supporters of a centre, their assignments and contacts, as plain values.

A *peer* supports members; an *assignment* links a member to a peer for a while (the
history is kept); a *contact* is one encounter a peer logs with a member. Contact notes
are restricted data: only the peer-work services return them, never the front desk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from recoverydesk.domain.errors import FieldError
from recoverydesk.domain.validation import check_email, check_length, check_past_date, check_phone


class PeerRole(StrEnum):
    """What a peer does at the centre."""

    PEER_SUPPORTER = "peer-supporter"
    RECOVERY_COACH = "recovery-coach"
    VOLUNTEER = "volunteer"
    SUPERVISOR = "supervisor"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


class AssignmentKind(StrEnum):
    """A member has at most one primary and one secondary peer at a time."""

    PRIMARY = "primary"
    SECONDARY = "secondary"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class ContactKind(StrEnum):
    """How a peer and a member were in touch."""

    IN_PERSON = "in-person"
    PHONE = "phone"
    TEXT = "text"
    VIDEO = "video"
    OUTREACH = "outreach"
    GROUP = "group"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


# --- limits and rules -----------------------------------------------------------------------

PEER_NAME_MAX = 160
CERT_NAME_MAX = 120
CERT_NUMBER_MAX = 60
SUPERVISOR_MAX = 160
TOPICS_MAX = 400
END_REASON_MAX = 200
NOTE_MAX = 20_000
MINUTES_MAX = 24 * 60
CAP_LIMITS = (1, 500)
#: A certification expiring within this many days is flagged "expires soon".
EXPIRY_WARNING_DAYS = 60
#: A contact may be logged this far ahead of the clock (two desks' clocks differ a little).
FUTURE_GRACE = dt.timedelta(minutes=5)
EARLIEST = dt.date(2000, 1, 1)

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list sorted and paged in SQL: the rows and whether more follow."""

    rows: tuple[T, ...]
    has_more: bool
    #: How many rows match in all (only when asked for: it costs a count query).
    total: int | None = None


# --- peers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeerDraft:
    """The editable fields of a peer (a form's content)."""

    name: str
    role: PeerRole = PeerRole.PEER_SUPPORTER
    phone: str = ""
    email: str = ""
    active: bool = True
    #: None: the site's default cap (``SiteSettings.default_caseload_cap``).
    caseload_cap: int | None = None


@dataclass(frozen=True)
class Peer:
    """A saved peer; ``version`` guards against two desks saving over each other."""

    id: int
    name: str
    role: PeerRole
    phone: str
    email: str
    active: bool
    caseload_cap: int | None
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime

    def to_draft(self) -> PeerDraft:
        """The editable fields of this peer, e.g. to fill a form."""
        return PeerDraft(
            self.name, self.role, self.phone, self.email, self.active, self.caseload_cap
        )


@dataclass(frozen=True)
class CaseloadStatus:
    """A peer's open primary assignments against their cap."""

    peer_id: int
    count: int
    cap: int
    #: Open secondary assignments (shown, not counted against the cap).
    secondary: int = 0

    @property
    def over_cap(self) -> bool:
        return self.count > self.cap

    @property
    def warning(self) -> str:
        """Say "Over cap: 17 of 15" when over the cap; else an empty string."""
        return f"Over cap: {self.count} of {self.cap}" if self.over_cap else ""


@dataclass(frozen=True)
class PeerRow:
    """One line of the roster: who, role, contact, caseload against cap, certificate alerts."""

    id: int
    name: str
    role: PeerRole
    phone: str
    email: str
    active: bool
    caseload: CaseloadStatus
    #: True when the cap is the site's default rather than the peer's own.
    default_cap: bool
    expiring_certifications: int
    expired_certifications: int
    version: int


# --- certifications and supervision ----------------------------------------------------------


class CertificationStatus(StrEnum):
    """Where a certification stands on a given day."""

    VALID = "valid"
    EXPIRES_SOON = "expires-soon"
    EXPIRED = "expired"
    NO_EXPIRY = "no-expiry"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


def certification_status(expires_on: dt.date | None, today: dt.date) -> CertificationStatus:
    """Expired after its expiry day; "expires soon" from ``EXPIRY_WARNING_DAYS`` before it."""
    if expires_on is None:
        return CertificationStatus.NO_EXPIRY
    if expires_on < today:
        return CertificationStatus.EXPIRED
    if expires_on <= today + dt.timedelta(days=EXPIRY_WARNING_DAYS):
        return CertificationStatus.EXPIRES_SOON
    return CertificationStatus.VALID


@dataclass(frozen=True)
class CertificationDraft:
    """A certification or training as typed: CPRS, NCPRS, NHS peer support training..."""

    name: str
    number: str = ""
    issued_on: dt.date | None = None
    expires_on: dt.date | None = None


@dataclass(frozen=True)
class Certification:
    """A saved certification with its status on the day it was read."""

    id: int
    peer_id: int
    peer_name: str
    name: str
    number: str
    issued_on: dt.date | None
    expires_on: dt.date | None
    status: CertificationStatus

    @property
    def expired(self) -> bool:
        return self.status is CertificationStatus.EXPIRED

    @property
    def expires_soon(self) -> bool:
        return self.status is CertificationStatus.EXPIRES_SOON


@dataclass(frozen=True)
class SupervisionDraft:
    """One supervision session as typed; ``note`` is restricted (supervision rights only)."""

    held_on: dt.date
    supervisor: str
    topics: str = ""
    note: str = ""


@dataclass(frozen=True)
class SupervisionSession:
    """A saved supervision session (returned only to people with supervision rights)."""

    id: int
    peer_id: int
    held_on: dt.date
    supervisor: str
    topics: str
    note: str
    recorded_by: str
    created_at: dt.datetime


# --- assignments and caseloads ----------------------------------------------------------------


@dataclass(frozen=True)
class Assignment:
    """A member assigned to a peer from ``started_on`` until ``ended_on`` (None: still open)."""

    id: int
    member_id: int
    peer_id: int
    peer_name: str
    kind: AssignmentKind
    started_on: dt.date
    ended_on: dt.date | None
    end_reason: str
    recorded_by: str

    @property
    def open(self) -> bool:
        return self.ended_on is None


@dataclass(frozen=True)
class MemberPeers:
    """A member's peers now, and every assignment they ever had (newest first)."""

    primary: Assignment | None
    secondary: Assignment | None
    history: tuple[Assignment, ...]


@dataclass(frozen=True)
class CaseloadTransfer:
    """What moving a caseload did."""

    from_peer_id: int
    to_peer_id: int
    #: Assignments of the old peer that were ended.
    ended: int
    #: New assignments opened for the new peer.
    opened: int
    #: The new peer's caseload afterwards (check ``over_cap``).
    caseload: CaseloadStatus


@dataclass(frozen=True)
class CaseloadRow:
    """One member of a peer's caseload, with how recently anyone was in touch."""

    assignment_id: int
    member_id: int
    code: str
    name: str
    pronouns: str
    kind: AssignmentKind
    started_on: dt.date
    last_contact: dt.date | None
    #: The follow-up date set at the member's latest contact (may be past: overdue).
    next_follow_up: dt.date | None
    last_visit: dt.date | None
    follow_up_overdue: bool


@dataclass(frozen=True)
class CaseloadPage:
    """One page of a caseload, and the caseload's count against the cap."""

    rows: tuple[CaseloadRow, ...]
    has_more: bool
    status: CaseloadStatus
    total: int | None = None


@dataclass(frozen=True)
class UnassignedRow:
    """An active member with no open primary assignment."""

    member_id: int
    code: str
    name: str
    pronouns: str
    joined_on: dt.date
    last_visit: dt.date | None


# --- contacts and the follow-up radar ---------------------------------------------------------


@dataclass(frozen=True)
class ContactDraft:
    """A contact as a peer logs it.

    ``contacted_at`` None means now; a naive datetime is the site's local time. ``peer_id``
    None means the signed-in peer (if the person signed in is one).
    """

    member_id: int
    kind: ContactKind
    contacted_at: dt.datetime | None = None
    minutes: int | None = None
    note: str = ""
    follow_up_on: dt.date | None = None
    peer_id: int | None = None


@dataclass(frozen=True)
class Contact:
    """A saved contact, note included: only ``ContactService`` returns these."""

    id: int
    member_id: int
    peer_id: int | None
    peer_name: str
    contacted_at: dt.datetime
    contact_date: dt.date
    kind: ContactKind
    minutes: int | None
    note: str
    follow_up_on: dt.date | None
    recorded_by: str


@dataclass(frozen=True)
class ContactSummary:
    """A member's contact activity without any note: count, latest contact, follow-up."""

    member_id: int
    contacts: int
    last_contact: dt.date | None
    next_follow_up: dt.date | None


class RadarReason(StrEnum):
    """Why a member is on the follow-up radar."""

    FOLLOW_UP_DUE = "follow-up-due"
    NO_RECENT_CONTACT = "no-recent-contact"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


@dataclass(frozen=True)
class RadarRow:
    """A member who needs a peer's attention, how overdue, and why (in words)."""

    member_id: int
    code: str
    name: str
    peer_id: int | None
    peer_name: str
    last_contact: dt.date | None
    last_visit: dt.date | None
    follow_up_on: dt.date | None
    #: The earliest day something became due; ``days_overdue`` counts from it.
    due_on: dt.date
    days_overdue: int
    reasons: tuple[RadarReason, ...]
    why: str


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def radar_reasons(
    today: dt.date,
    follow_up_on: dt.date | None,
    last_touch: dt.date | None,
    assigned_on: dt.date | None,
    quiet_days: int,
) -> tuple[tuple[RadarReason, ...], str]:
    """Why a member is on the radar, most overdue first, as reasons and one sentence.

    ``last_touch`` is the later of the last contact and the last visit; without either,
    ``assigned_on`` (when the member was first assigned) is when the quiet began.
    """
    found: list[tuple[dt.date, RadarReason, str]] = []
    if follow_up_on is not None and follow_up_on < today:
        ago = (today - follow_up_on).days
        found.append((follow_up_on, RadarReason.FOLLOW_UP_DUE, f"Follow-up due {_days(ago)} ago"))
    since = last_touch or assigned_on
    if since is not None and (today - since).days > quiet_days:
        quiet = (today - since).days
        text = (
            f"No contact or visit for {_days(quiet)}"
            if last_touch is not None
            else f"No contact or visit since assigned {_days(quiet)} ago"
        )
        found.append((since + dt.timedelta(days=quiet_days), RadarReason.NO_RECENT_CONTACT, text))
    found.sort(key=lambda item: item[0])
    return tuple(r for _, r, _ in found), "; ".join(t for _, _, t in found)


# --- validation -------------------------------------------------------------------------------


def validate_peer(draft: PeerDraft) -> list[FieldError]:
    """Every problem with a (cleaned) peer draft; empty when it can be saved."""
    errors: list[FieldError | None] = []
    if not draft.name:
        errors.append(FieldError("name", "Name is required"))
    errors.append(check_length("name", "Name", draft.name, PEER_NAME_MAX))
    if not isinstance(draft.role, PeerRole):
        errors.append(FieldError("role", f"Role must be one of {_choices(PeerRole)}"))
    errors.append(check_phone("phone", draft.phone))
    errors.append(check_email("email", draft.email))
    low, high = CAP_LIMITS
    cap = draft.caseload_cap
    if cap is not None and (
        isinstance(cap, bool) or not isinstance(cap, int) or not low <= cap <= high
    ):
        errors.append(
            FieldError("caseload_cap", f"Caseload cap must be a whole number from {low} to {high}")
        )
    return [e for e in errors if e is not None]


def validate_certification(draft: CertificationDraft, today: dt.date) -> list[FieldError]:
    """Every problem with a (cleaned) certification draft."""
    errors: list[FieldError | None] = []
    if not draft.name:
        errors.append(FieldError("name", "Certification name is required"))
    errors.append(check_length("name", "Certification name", draft.name, CERT_NAME_MAX))
    errors.append(check_length("number", "Number", draft.number, CERT_NUMBER_MAX))
    errors.append(check_past_date("issued_on", "Issue date", draft.issued_on, today, EARLIEST))
    if draft.expires_on is not None and draft.expires_on < EARLIEST:
        errors.append(FieldError("expires_on", f"Expiry date cannot be before {EARLIEST.year}"))
    if draft.issued_on and draft.expires_on and draft.expires_on < draft.issued_on:
        errors.append(FieldError("expires_on", "Expiry date cannot be before the issue date"))
    return [e for e in errors if e is not None]


def validate_supervision(draft: SupervisionDraft, today: dt.date) -> list[FieldError]:
    """Every problem with a (cleaned) supervision draft."""
    errors: list[FieldError | None] = []
    if not isinstance(draft.held_on, dt.date):
        errors.append(FieldError("held_on", "Date of the session is required"))
    else:
        errors.append(check_past_date("held_on", "Session date", draft.held_on, today, EARLIEST))
    if not draft.supervisor:
        errors.append(FieldError("supervisor", "Supervisor is required"))
    errors.append(check_length("supervisor", "Supervisor", draft.supervisor, SUPERVISOR_MAX))
    errors.append(check_length("topics", "Topics", draft.topics, TOPICS_MAX))
    errors.append(check_length("note", "Note", draft.note, NOTE_MAX))
    return [e for e in errors if e is not None]


def validate_contact(
    draft: ContactDraft, contact_date: dt.date, now: dt.datetime
) -> list[FieldError]:
    """Every problem with a (cleaned) contact whose ``contacted_at`` is filled in.

    ``contact_date`` is the site-local date of ``contacted_at``.
    """
    errors: list[FieldError | None] = []
    if not isinstance(draft.kind, ContactKind):
        errors.append(FieldError("kind", f"Kind must be one of {_choices(ContactKind)}"))
    if draft.contacted_at is not None and draft.contacted_at > now + FUTURE_GRACE:
        errors.append(FieldError("contacted_at", "A contact cannot be in the future"))
    elif contact_date < EARLIEST:
        errors.append(
            FieldError("contacted_at", f"A contact before {EARLIEST.year} is not plausible")
        )
    minutes = draft.minutes
    if minutes is not None and (
        isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 <= minutes <= MINUTES_MAX
    ):
        errors.append(
            FieldError("minutes", f"Minutes must be a whole number from 0 to {MINUTES_MAX}")
        )
    if draft.follow_up_on is not None and draft.follow_up_on < contact_date:
        errors.append(FieldError("follow_up_on", "Follow-up date cannot be before the contact"))
    errors.append(check_length("note", "Note", draft.note, NOTE_MAX))
    return [e for e in errors if e is not None]


def validate_period(
    started_on: dt.date, ended_on: dt.date, today: dt.date, reason: str
) -> list[FieldError]:
    """Problems with ending an assignment that began on ``started_on``."""
    errors: list[FieldError | None] = []
    if ended_on < started_on:
        errors.append(
            FieldError(
                "ended_on", f"End date cannot be before the start ({started_on.isoformat()})"
            )
        )
    elif ended_on > today:
        errors.append(FieldError("ended_on", "End date cannot be in the future"))
    if not reason:
        errors.append(FieldError("reason", "A reason is required"))
    errors.append(check_length("reason", "Reason", reason, END_REASON_MAX))
    return [e for e in errors if e is not None]


def validate_start(started_on: dt.date, today: dt.date) -> list[FieldError]:
    """Problems with the start date of a new assignment."""
    problem = check_past_date("started_on", "Start date", started_on, today, EARLIEST)
    return [problem] if problem else []


def _choices(enum_cls: type[StrEnum]) -> str:
    return ", ".join(m.value for m in enum_cls)
