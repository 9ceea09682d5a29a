"""Printed handouts: gather the data, hand it to ``recoverydesk.reports``, return the file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from recoverydesk.db.repositories.handouts import HandoutRepository
from recoverydesk.db.session import Database
from recoverydesk.domain.accounts import Action, AuditAction
from recoverydesk.domain.clock import Clock
from recoverydesk.domain.handouts import (
    CardData,
    HandoutError,
    SignInRow,
    SignInSheetData,
    SiteInfo,
)
from recoverydesk.domain.members import Member, MemberStatus
from recoverydesk.domain.settings import SiteSettings
from recoverydesk.reports.card import render_cards
from recoverydesk.reports.signin import render_signin_sheet
from recoverydesk.services.access import Access
from recoverydesk.services.members import MemberService
from recoverydesk.services.settings import SettingsService


class HandoutService:
    """Member cards and sign-in sheets as PDF files."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        settings: SettingsService,
        members: MemberService,
        access: Access,
        fonts_dir: Path | None = None,
    ) -> None:
        self._db = db
        self._access = access
        self._clock = clock
        self._settings = settings
        self._members = members
        self._fonts_dir = fonts_dir

    def site(self) -> SiteInfo:
        """The centre as handouts show it, with today's date as the printing date."""
        settings = self._settings.get()
        return SiteInfo(
            name=settings.centre_name,
            paper=settings.paper_size,
            phone=settings.phone,
            printed_on=self._clock.today(),
        )

    def member_card(self, code: str, out: Path, sheet: bool = False) -> Path:
        """The wallet card of the member with ``code``; refused for unknown or archived."""
        return self.member_cards([code], out, sheet=sheet)

    def member_cards(self, codes: Sequence[str], out: Path, sheet: bool = True) -> Path:
        """Cards for several members, ten to a sheet (or one card-size page each)."""
        self._access.require(Action.PRINT_CARD)
        site = self.site()
        if site.name == SiteSettings().centre_name:
            # A lost card must not out anyone: never print the placeholder name on it.
            raise HandoutError(
                "Set your centre's name in Admin → Settings first: it is the only thing besides "
                "the member's name and code printed on the card. No card was made."
            )
        members = [self._printable(code) for code in codes]
        cards = [self._card(member) for member in members]
        path = render_cards(cards, site, Path(out), sheet=sheet, fonts_dir=self._fonts_dir)
        ids = ",".join(str(m.id) for m in members)
        self._access.log(AuditAction.PRINT, "card", ids[:40], f"{len(members)} cards")
        return path

    def signin_sheet(self, day: dt.date | None, out: Path) -> Path:
        """The sign-in sheet of ``day`` (default today) with the last 30 days' regulars."""
        self._access.require(Action.PRINT_SIGNIN_SHEET)
        day = day or self._clock.today()
        with self._db.read() as session:
            found = HandoutRepository(session).regulars(day)
        rows = tuple(SignInRow(display_name=name, code=code) for name, code in found)
        data = SignInSheetData(day=day, rows=rows)
        path = render_signin_sheet(data, self.site(), Path(out), fonts_dir=self._fonts_dir)
        self._access.log(AuditAction.PRINT, "signin-sheet", day.isoformat(), f"{len(rows)} rows")
        return path

    def _printable(self, code: str) -> Member:
        member = self._members.by_code(code)
        if member is None:
            raise HandoutError(f"No member has the code '{code.strip()}'. No card was made.")
        if member.status is MemberStatus.ARCHIVED:
            raise HandoutError(
                f"Member {member.code} is archived; restore them before printing a card."
            )
        return member

    @staticmethod
    def _card(member: Member) -> CardData:
        return CardData(display_name=member.display_name, code=member.code)
