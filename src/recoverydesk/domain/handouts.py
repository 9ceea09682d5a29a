"""Printed handouts: what a PDF is made from, and the error when one cannot be written.

Services gather these values from the database and settings; ``recoverydesk.reports``
turns them into PDF files without knowing where they came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recoverydesk.domain.errors import RecoveryDeskError
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
