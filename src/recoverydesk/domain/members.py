"""Members: the people a centre serves, as plain values.

``MemberDraft`` is what a form or an imported row holds before it is saved; ``Member`` is a
saved member's full profile; ``MemberRow`` is the small slice a list shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from recoverydesk.domain.labels import LabelledEnum


class MemberStatus(LabelledEnum):
    """Where a person stands with the centre. Archived members are kept, never deleted."""

    GUEST = "guest"
    MEMBER = "member"
    ARCHIVED = "archived"


class Pathway(StrEnum):
    """Recovery pathways a member follows; a member may follow several."""

    TWELVE_STEP = "12-step"
    SMART = "smart"
    FAITH_BASED = "faith-based"
    MEDICATION_ASSISTED = "medication-assisted"
    HARM_REDUCTION = "harm-reduction"
    SECULAR = "secular"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _PATHWAY_LABELS[self]


_PATHWAY_LABELS = {
    Pathway.TWELVE_STEP: "12-step",
    Pathway.SMART: "SMART Recovery",
    Pathway.FAITH_BASED: "Faith-based",
    Pathway.MEDICATION_ASSISTED: "Medication-assisted",
    Pathway.HARM_REDUCTION: "Harm reduction",
    Pathway.SECULAR: "Secular",
    Pathway.OTHER: "Other",
}


class Focus(StrEnum):
    """What brings the member to the centre."""

    SUBSTANCE_USE = "substance-use"
    MENTAL_HEALTH = "mental-health"
    BOTH = "both"
    FAMILY_ALLY = "family-ally"

    @property
    def label(self) -> str:
        return _FOCUS_LABELS[self]


_FOCUS_LABELS = {
    Focus.SUBSTANCE_USE: "Substance use",
    Focus.MENTAL_HEALTH: "Mental health",
    Focus.BOTH: "Both",
    Focus.FAMILY_ALLY: "Family / ally",
}


@dataclass(frozen=True)
class EmergencyContact:
    """Someone to call for a member in an emergency."""

    name: str
    relationship: str = ""
    phone: str = ""


@dataclass(frozen=True)
class MemberDraft:
    """A member's editable fields, as typed; validated before saving."""

    first_name: str
    last_name: str
    preferred_name: str = ""
    pronouns: str = ""
    date_of_birth: dt.date | None = None
    phone: str = ""
    email: str = ""
    address: str = ""
    focus: Focus | None = None
    pathways: frozenset[Pathway] = frozenset()
    recovery_start: dt.date | None = None
    joined_on: dt.date | None = None
    status: MemberStatus = MemberStatus.MEMBER
    desk_note: str = ""
    peer_wants_to_see: bool = False
    emergency_contacts: tuple[EmergencyContact, ...] = ()


@dataclass(frozen=True)
class Member:
    """A saved member's whole profile."""

    id: int
    code: str
    first_name: str
    last_name: str
    preferred_name: str
    pronouns: str
    date_of_birth: dt.date | None
    phone: str
    email: str
    address: str
    focus: Focus | None
    pathways: frozenset[Pathway]
    recovery_start: dt.date | None
    joined_on: dt.date
    status: MemberStatus
    archived_reason: str
    desk_note: str
    peer_wants_to_see: bool
    emergency_contacts: tuple[EmergencyContact, ...]
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime

    @property
    def display_name(self) -> str:
        return display_name(self.first_name, self.last_name, self.preferred_name)

    def to_draft(self) -> MemberDraft:
        """The editable fields of this member, e.g. to fill a form."""
        return MemberDraft(
            first_name=self.first_name,
            last_name=self.last_name,
            preferred_name=self.preferred_name,
            pronouns=self.pronouns,
            date_of_birth=self.date_of_birth,
            phone=self.phone,
            email=self.email,
            address=self.address,
            focus=self.focus,
            pathways=self.pathways,
            recovery_start=self.recovery_start,
            joined_on=self.joined_on,
            status=self.status,
            desk_note=self.desk_note,
            peer_wants_to_see=self.peer_wants_to_see,
            emergency_contacts=self.emergency_contacts,
        )


@dataclass(frozen=True)
class MemberRow:
    """What a member list shows for one member: no notes, nothing private."""

    id: int
    code: str
    first_name: str
    last_name: str
    preferred_name: str
    pronouns: str
    phone_last4: str
    status: MemberStatus
    joined_on: dt.date
    recovery_start: dt.date | None = None
    peer_wants_to_see: bool = False

    @property
    def display_name(self) -> str:
        return display_name(self.first_name, self.last_name, self.preferred_name)


@dataclass(frozen=True)
class MemberPage:
    """One page of a member search: the rows and whether more follow."""

    rows: tuple[MemberRow, ...]
    has_more: bool
    total: int | None = None


def display_name(first: str, last: str, preferred: str = "") -> str:
    """How to name a person on screen: preferred first name if any, then last name."""
    shown_first = preferred or first
    return f"{shown_first} {last}".strip()
