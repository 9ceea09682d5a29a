"""Printed handouts: what a PDF is made from, and the error when one cannot be written.

Services gather these values from the database and settings; ``recoverydesk.reports``
turns them into PDF files without knowing where they came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.domain.plan_kinds import STANDARD_DOMAINS
from recoverydesk.domain.plans import Goal, Support
from recoverydesk.domain.settings import PaperSize


class HandoutError(RecoveryDeskError):
    """A handout could not be made or written; the message names the file and the reason."""

    title = "Could not make the handout"


@dataclass(frozen=True)
class SiteInfo:
    """What every handout shows about the centre, and the paper it prints on."""

    name: str
    paper: PaperSize = PaperSize.A4
    phone: str = ""
    printed_on: dt.date | None = None
    #: the centre's logo (PNG or JPEG bytes) for page headers; never on member cards
    logo: bytes | None = None


@dataclass(frozen=True)
class CardData:
    """One wallet card: the member's preferred name and code.

    ``title`` is the line at the top of the card; empty means the centre name. Nothing
    else on the card names the kind of centre, so a lost card does not out anyone.
    """

    display_name: str
    code: str
    title: str = ""


@dataclass(frozen=True)
class SignInRow:
    """One pre-printed line of a sign-in sheet."""

    display_name: str
    code: str


@dataclass(frozen=True)
class SignInSheetData:
    """A sign-in sheet for one day: the regulars, then blank lines for everyone else."""

    day: dt.date
    rows: tuple[SignInRow, ...]
    min_blank_rows: int = 10


@dataclass(frozen=True)
class PeerContact:
    """The member's peer supporter as the plan handout names them."""

    name: str
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class PlanHandoutData:
    """What a member's recovery plan handout prints: only what they chose to take home.

    ``sections`` are (heading, text) pairs, already chosen and non-empty, in
    ``WELLNESS_SECTIONS`` order. ``barc10`` is (date taken, total) oldest first; empty
    leaves the score out. The centre's phone comes from ``SiteInfo.phone``.
    """

    member_name: str
    code: str
    goals: tuple[Goal, ...] = ()
    sections: tuple[tuple[str, str], ...] = ()
    supports: tuple[Support, ...] = ()
    peer: PeerContact | None = None
    centre_address: str = ""
    centre_email: str = ""
    crisis_numbers: str = ""
    barc10: tuple[tuple[dt.date, int], ...] = ()
    review_due_on: dt.date | None = None
    draft: bool = False


def goals_by_domain(goals: Sequence[Goal]) -> list[tuple[str, list[Goal]]]:
    """Goals grouped by domain: Health, Home, Purpose, Community, then the site's own.

    Custom domains come in the order they first appear; goals keep the plan's order.
    """
    groups: dict[str, list[Goal]] = {domain: [] for domain in STANDARD_DOMAINS}
    for goal in goals:
        groups.setdefault(goal.domain, []).append(goal)
    return [(domain, found) for domain, found in groups.items() if found]
