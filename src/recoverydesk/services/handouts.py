"""Printed handouts: gather the data, hand it to ``recoverydesk.reports``, return the file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from pathlib import Path

from recoverydesk.db.repositories.handouts import HandoutRepository
from recoverydesk.db.repositories.peers import PeerRepository
from recoverydesk.db.repositories.plans import PlanRepository, to_barc10, to_plan
from recoverydesk.db.session import Database, Session
from recoverydesk.domain.accounts import Action, AuditAction
from recoverydesk.domain.clock import Clock
from recoverydesk.domain.errors import FieldError, ValidationError
from recoverydesk.domain.handouts import (
    CardData,
    HandoutError,
    PeerContact,
    PlanHandoutData,
    SignInRow,
    SignInSheetData,
    SiteInfo,
)
from recoverydesk.domain.members import Member, MemberStatus
from recoverydesk.domain.peers import AssignmentKind
from recoverydesk.domain.plan_kinds import WELLNESS_SECTIONS, PlanStatus
from recoverydesk.domain.plans import SECTION_KEYS, Plan
from recoverydesk.domain.settings import SiteSettings
from recoverydesk.reports.card import render_cards
from recoverydesk.reports.plan import render_plan
from recoverydesk.reports.signin import render_signin_sheet
from recoverydesk.services.access import Access
from recoverydesk.services.members import MemberService
from recoverydesk.services.settings import SettingsService


class HandoutService:
    """Member cards, sign-in sheets and members' recovery plans as PDF files."""

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
            logo=self._settings.logo(),
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

    def plan(
        self,
        member: int | str,
        out: Path,
        *,
        large_print: bool = False,
        sections: Collection[str] | None = None,
        include_barc10: bool = True,
    ) -> Path:
        """The recovery plan of ``member`` (an id or a member code) for them to take home.

        ``sections``: the wellness section keys the member chose (``WELLNESS_SECTIONS``;
        a comma-separated string works too); None prints every non-empty one. An unknown
        key raises ``ValidationError`` naming ``sections``. ``include_barc10=False`` leaves
        the score out. Needs ``PLANS_PRINT`` for the member (a peer: their own caseload);
        refused (``HandoutError``) for an archived member or one without a plan. Audited
        as a print, not a view.
        """
        chosen = chosen_sections(sections)
        found = self._member(member)
        self._access.require(Action.PLANS_PRINT, member_id=found.id)
        if found.status is MemberStatus.ARCHIVED:
            raise HandoutError(
                f"Member {found.code} is archived; restore them before printing their plan."
            )
        settings = self._settings.get()
        with self._db.read() as session:
            data = _plan_data(session, found, settings, chosen, include_barc10)
        if data is None:
            raise HandoutError(
                f"Member {found.code} has no recovery plan yet. Start one with them in Plans "
                "first. Nothing was printed."
            )
        site = self.site()
        path = render_plan(
            data, site, Path(out), large_print=large_print, fonts_dir=self._fonts_dir
        )
        self._access.log(AuditAction.PRINT, "plan", found.id, "large print" if large_print else "")
        return path

    def _member(self, member: int | str) -> Member:
        if isinstance(member, int):
            return self._members.get(member)
        found = self._members.by_code(member)
        if found is None:
            raise HandoutError(f"No member has the code '{member.strip()}'. Nothing was printed.")
        return found

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


def chosen_sections(sections: Collection[str] | str | None) -> frozenset[str]:
    """The wellness section keys to print; ``ValidationError`` on ``sections`` if unknown."""
    if sections is None:
        return frozenset(SECTION_KEYS)
    keys = sections.split(",") if isinstance(sections, str) else list(sections)
    cleaned = {key.strip() for key in keys if key.strip()}
    unknown = sorted(cleaned - set(SECTION_KEYS))
    if unknown:
        names = ", ".join(f"'{key}'" for key in unknown)
        message = f"No wellness section is called {names} (choose from {', '.join(SECTION_KEYS)})"
        raise ValidationError([FieldError("sections", message)])
    return frozenset(cleaned)


def _plan_data(
    session: Session,
    member: Member,
    settings: SiteSettings,
    chosen: frozenset[str],
    include_barc10: bool,
) -> PlanHandoutData | None:
    """Everything the plan handout prints, read in one transaction; None without a plan."""
    plans = PlanRepository(session)
    model = plans.get(member.id)
    if model is None:
        return None
    plan: Plan = to_plan(model)
    history = plans.barc10_history(member.id) if include_barc10 else []
    scores = tuple((m.taken_on, to_barc10(m).total) for m in reversed(history))
    sections = tuple(
        (heading, plan.section(key))
        for key, heading in WELLNESS_SECTIONS
        if key in chosen and plan.section(key).strip()
    )
    return PlanHandoutData(
        member_name=member.display_name,
        code=member.code,
        goals=plan.goals,
        sections=sections,
        supports=plan.supports,
        peer=_peer(session, member.id),
        centre_address=settings.address,
        centre_email=settings.email,
        crisis_numbers=settings.crisis_numbers,
        barc10=scores,
        review_due_on=plan.review_due_on,
        draft=plan.status is PlanStatus.DRAFT,
    )


def _peer(session: Session, member_id: int) -> PeerContact | None:
    """The member's primary peer (else their secondary one), if still active."""
    peers = PeerRepository(session)
    for kind in (AssignmentKind.PRIMARY, AssignmentKind.SECONDARY):
        assignment = peers.open_assignment(member_id, kind)
        peer = peers.get(assignment.peer_id) if assignment is not None else None
        if peer is not None and peer.active:
            return PeerContact(name=peer.name, phone=peer.phone, email=peer.email)
    return None
