"""Peers: the peer supporters of a centre, their assignments and contacts, as plain values.

A *peer* supports members; an *assignment* links a member to a peer for a while (the
history is kept); a *contact* is one encounter a peer logs with a member. Contact notes
are restricted data: only the peer-work services return them, never the front desk.
"""

from __future__ import annotations

from enum import StrEnum


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
