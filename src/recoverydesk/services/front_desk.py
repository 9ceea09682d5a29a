"""The front desk's search: who matches what was typed or scanned, ready to check in.

Built on the member search (indexed prefixes) plus one query each for last visits and
guest-visit counts of the page shown. Rows carry no notes or plans: only the short
front-desk note a member's peer chose to show at the door.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from recoverydesk.db.repositories.desk import DeskMatch, desk_matches
from recoverydesk.db.repositories.members import SearchQuery
from recoverydesk.db.session import Database
from recoverydesk.domain.clock import Clock
from recoverydesk.domain.codes import looks_like_code, normalize_code
from recoverydesk.domain.members import MemberStatus
from recoverydesk.domain.visits import DeskRow, VisitRules
from recoverydesk.services.members import MemberService
from recoverydesk.services.settings import SettingsService
from recoverydesk.services.visit_rules import VisitRulesService

RULES_TTL_SECONDS = 5.0


@dataclass(frozen=True)
class DeskLookup:
    """Who a typed or scanned text points at: one exact member, or candidates."""

    exact: DeskRow | None
    rows: tuple[DeskRow, ...]
    archived: DeskRow | None = None


class FrontDeskService:
    """Finds people at the door, with what the desk should know at a glance."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        members: MemberService,
        rules: VisitRulesService,
        settings: SettingsService | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._members = members
        self._rules = rules
        self._rules_cache: tuple[float, int, VisitRules] | None = None
        self._settings = settings

    def find(self, text: str, limit: int = 12) -> list[DeskRow]:
        """Members matching ``text`` (name, preferred name, code, last 4 phone digits)."""
        if not text.strip():
            return []
        return self._find(SearchQuery.parse(text), limit)

    def lookup(self, text: str) -> DeskLookup:
        """An exact member-code match (a scan), else one name match, else candidates."""
        rows = self.find(text, limit=12)
        code = normalize_code(text)
        exact = next((r for r in rows if r.code == code), None)
        if exact is None and not looks_like_code(text) and len(rows) == 1:
            exact = rows[0]
        archived = None
        if exact is None and looks_like_code(text):
            archived = self._archived_with_code(code)
        return DeskLookup(exact=exact, rows=tuple(rows), archived=archived)

    def _archived_with_code(self, code: str) -> DeskRow | None:
        """The archived member with exactly this code, so a scan can say why it is refused."""
        found = self._find(SearchQuery.parse(code), 1, include_archived=True)
        if found and found[0].code == code and found[0].status is MemberStatus.ARCHIVED:
            return found[0]
        return None

    def _find(
        self, query: SearchQuery, limit: int, include_archived: bool = False
    ) -> list[DeskRow]:
        rules = self._rules_now()
        today = self._clock.today()
        with self._db.read() as session:
            matches = desk_matches(session, query, limit=limit, include_archived=include_archived)
        return [self._row(m, rules, today) for m in matches]

    def _rules_now(self) -> VisitRules:
        """The visit rules: re-read after a save here, else at most every few seconds."""
        now = time.monotonic()
        cache = self._rules_cache
        if (
            cache is None
            or cache[1] != self._rules.generation
            or now - cache[0] > RULES_TTL_SECONDS
        ):
            cache = self._rules_cache = (now, self._rules.generation, self._rules.get())
            if self._settings is not None:
                self._settings.sync_clock()  # another desk may have changed the time zone
        return cache[2]

    @staticmethod
    def _row(match: DeskMatch, rules: VisitRules, today: dt.date) -> DeskRow:
        row = match.row
        flags = []
        if row.status is MemberStatus.GUEST:
            count = match.visit_count
            limit = f" of {rules.guest_limit}" if rules.guest_limit else ""
            flags.append(f"Guest: {count} visit{'s' if count != 1 else ''}{limit}")
        if row.peer_wants_to_see:
            flags.append("Peer wants to see you")
        last_visit = match.last_visit
        note = match.desk_note
        return DeskRow(
            member_id=row.id,
            code=row.code,
            name=row.display_name,
            first_name=row.first_name,
            last_name=row.last_name,
            preferred_name=row.preferred_name,
            pronouns=row.pronouns,
            status_label=row.status.label,
            last_visit=last_visit,
            checked_in_today=last_visit == today,
            flags=tuple(flags),
            desk_note=note,
            status=row.status,
        )
