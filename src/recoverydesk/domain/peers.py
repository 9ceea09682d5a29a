"""Peers: the peer supporters of a centre, their assignments and contacts, as plain values.

A *peer* supports members; an *assignment* links a member to a peer for a while (the
history is kept); a *contact* is one encounter a peer logs with a member. Contact notes
are restricted data: only the peer-work services return them, never the front desk.
``Page`` and ``PageRequest`` carry the pages of the peer-work lists. The limits and rules
(validation, the follow-up radar's reasons) are in ``peer_rules``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Generic, TypeVar

from recoverydesk.domain.labels import LabelledEnum


class PeerRole(LabelledEnum):
    """What a peer does at the centre."""

    PEER_SUPPORTER = "peer-supporter"
    RECOVERY_COACH = "recovery-coach"
    VOLUNTEER = "volunteer"
    SUPERVISOR = "supervisor"


class AssignmentKind(LabelledEnum):
    """A member has at most one primary and one secondary peer at a time."""

    PRIMARY = "primary"
    SECONDARY = "secondary"


class ContactKind(LabelledEnum):
    """How a peer and a member were in touch."""

    IN_PERSON = "in-person"
    PHONE = "phone"
    TEXT = "text"
    VIDEO = "video"
    OUTREACH = "outreach"
    GROUP = "group"


#: A certification expiring within this many days is flagged "expires soon".
EXPIRY_WARNING_DAYS = 60

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list sorted and paged in SQL: the rows and whether more follow."""

    rows: tuple[T, ...]
    has_more: bool
    #: How many rows match in all (only when asked for: it costs a count query).
    total: int | None = None


@dataclass(frozen=True)
class PageRequest:
    """Which page of a list to read, in which order.

    ``sort`` is one of the list's sort names; ``limit`` rows from ``offset``; ``with_total``
    also counts every match (``Page.total``, which costs a count query).
    """

    sort: str
    descending: bool = False
    limit: int = 100
    offset: int = 0
    with_total: bool = False


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


class CertificationStatus(LabelledEnum):
    """Where a certification stands on a given day."""

    VALID = "valid"
    EXPIRES_SOON = "expires-soon"
    EXPIRED = "expired"
    NO_EXPIRY = "no-expiry"


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


class RadarReason(LabelledEnum):
    """Why a member is on the follow-up radar."""

    FOLLOW_UP_DUE = "follow-up-due"
    NO_RECENT_CONTACT = "no-recent-contact"


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
