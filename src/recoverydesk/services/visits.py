"""Check-in at the door: visits, guests, who is in the building, counts for a day.

Every check-in is one short write transaction. A second check-in of the same member on
the same site-local day records nothing and says when the first one was; the database's
unique key, not a prior read, is what makes that true when two desks race.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from recoverydesk.db.models import MemberModel, VisitModel
from recoverydesk.db.repositories.members import MemberRepository
from recoverydesk.db.repositories.visits import VisitRepository, to_visit
from recoverydesk.db.session import Database, Session
from recoverydesk.domain.accounts import Action, AuditAction
from recoverydesk.domain.clock import Clock
from recoverydesk.domain.errors import FieldError, NotFoundError, ValidationError
from recoverydesk.domain.members import MemberDraft, MemberStatus, display_name
from recoverydesk.domain.text import clean_text, fold
from recoverydesk.domain.visits import (
    GUEST_LABEL_MAX,
    OVERRIDE_REASON_MAX,
    CheckInResult,
    DayCounts,
    Visit,
    VisitRefusedError,
    VisitRow,
    VisitRules,
    VisitSource,
)
from recoverydesk.services.access import Access
from recoverydesk.services.member_mapping import to_member
from recoverydesk.services.members import insert_member, valid_draft
from recoverydesk.services.visit_rules import VisitRulesService

#: an open visit older than this no longer counts as "in the building" (forgotten check-out)
IN_BUILDING_HOURS = dt.timedelta(hours=18)
EARLIEST_VISIT = dt.date(2000, 1, 1)


class VisitService:
    """Everything the front desk records about who came in."""

    def __init__(
        self, db: Database, clock: Clock, rules: VisitRulesService, access: Access
    ) -> None:
        self._db = db
        self._clock = clock
        self._rules = rules
        self._access = access

    def _desk_actor(self, recorded_by: str, override_reason: str = "") -> str:
        """Check the actor may check people in (and override); who to record as."""
        actor = self._access.require(Action.CHECK_IN)
        if override_reason.strip():
            self._access.require(Action.OVERRIDE_VISIT_RULE)
        return clean_text(recorded_by)[:80] or actor.username

    def check_in(
        self,
        member_id: int,
        *,
        source: VisitSource = VisitSource.DESK,
        on: dt.date | None = None,
        at: dt.datetime | None = None,
        purposes: Sequence[str] = (),
        recorded_by: str = "",
        override_reason: str = "",
    ) -> CheckInResult:
        """Record a member's visit; says so, and records nothing, if they are already in."""
        recorded_by = self._desk_actor(recorded_by, override_reason)
        rules = self._rules.get()
        day, moment = self._when(on, at)
        reason = _override(override_reason)
        with self._db.write() as session:
            member = _member(session, member_id)
            repo = VisitRepository(session)
            existing = repo.first_of_day(member_id, day)
            if (
                existing is not None
                and (rules.once_a_day or source is VisitSource.PAPER)
                and not reason
            ):
                return self._already(member, existing)
            guests = self._guest_count(repo, member, rules, reason)
            seq = 1 if existing is None else repo.next_seq(member_id, day)
            model = VisitModel(
                member_id=member_id,
                visit_date=day,
                seq=seq,
                checked_in_at=moment,
                source=source,
                recorded_by=recorded_by,
                override_reason=reason,
            )
            if not repo.insert_once(model, _purposes(purposes, rules)):
                return self._already(member, repo.first_of_day(member_id, day))
            detail = "override" if reason else ""
            self._access.record(session, AuditAction.CREATE, "visit", model.id, detail)
            return self._created(member, model, guests, rules)

    def check_in_guest(
        self,
        label: str = "",
        *,
        source: VisitSource = VisitSource.DESK,
        on: dt.date | None = None,
        at: dt.datetime | None = None,
        purposes: Sequence[str] = (),
        recorded_by: str = "",
    ) -> CheckInResult:
        """Record an anonymous guest's visit (optionally a first name or initials)."""
        recorded_by = self._desk_actor(recorded_by)
        label = clean_text(label)
        if len(label) > GUEST_LABEL_MAX:
            raise ValidationError(
                [
                    FieldError(
                        "guest_label",
                        f"Guest name or initials: at most {GUEST_LABEL_MAX} characters",
                    )
                ]
            )
        day, moment = self._when(on, at)
        rules = self._rules.get()
        with self._db.write() as session:
            model = VisitModel(
                member_id=None,
                guest_label=label,
                visit_date=day,
                seq=1,
                checked_in_at=moment,
                source=source,
                recorded_by=recorded_by,
                override_reason="",
            )
            VisitRepository(session).insert_once(model, _purposes(purposes, rules))
            self._access.record(session, AuditAction.CREATE, "visit", model.id, "guest")
            who = f"Guest {label}".strip()
            return CheckInResult(
                visit=to_visit(model),
                created=True,
                message=f"{who} checked in at {self._hhmm(moment)}",
            )

    def set_purposes(self, visit_id: int, purposes: Sequence[str]) -> Visit:
        """Replace the purposes ticked for a visit."""
        self._access.require(Action.CHECK_IN)
        rules = self._rules.get()
        with self._db.write() as session:
            repo = VisitRepository(session)
            model = _visit(repo, visit_id)
            repo.set_purposes(model, _purposes(purposes, rules))
            session.flush()
            self._access.record(session, AuditAction.UPDATE, "visit", visit_id, "purposes")
            return to_visit(model)

    def check_out(self, visit_id: int) -> Visit:
        """Mark one person as having left (again: keeps the first time)."""
        self._access.require(Action.CHECK_IN)
        with self._db.write() as session:
            model = _visit(VisitRepository(session), visit_id)
            if model.checked_out_at is None:
                model.checked_out_at = self._clock.now()
                self._access.record(session, AuditAction.UPDATE, "visit", visit_id, "checked out")
            session.flush()
            return to_visit(model)

    def undo_check_in(self, visit_id: int) -> None:
        """Take back a check-in made by mistake (today's visits only; others are history)."""
        self._access.require(Action.CHECK_IN)
        with self._db.write() as session:
            repo = VisitRepository(session)
            model = _visit(repo, visit_id)
            if model.visit_date != self._clock.today() or model.source is VisitSource.PAPER:
                raise ValidationError(
                    [FieldError("visit", "Only today's check-ins at the desk can be undone")]
                )
            repo.delete(model)
            self._access.record(session, AuditAction.UPDATE, "visit", visit_id, "undone")

    def check_out_all(self) -> int:
        """Check out everyone still in the building (closing time); returns how many."""
        self._access.require(Action.CHECK_IN)
        with self._db.write() as session:
            count = VisitRepository(session).check_out_in_building(
                *self._in_building_window(), self._clock.now()
            )
            if count:
                self._access.record(session, AuditAction.UPDATE, "visit", "", f"{count} out")
            return count

    def in_building(self, limit: int = 2000) -> list[VisitRow]:
        """Who is in: open visits of the last hours (past midnight too), newest first."""
        with self._db.read() as session:
            return VisitRepository(session).in_building_rows(*self._in_building_window(), limit)

    def in_building_count(self) -> int:
        """How many people are in the building now (for fire safety)."""
        with self._db.read() as session:
            return VisitRepository(session).in_building_count(*self._in_building_window())

    def _in_building_window(self) -> tuple[dt.datetime, dt.date]:
        return self._clock.now() - IN_BUILDING_HOURS, self._clock.today()

    def visits_on(self, day: dt.date, *, limit: int = 500, offset: int = 0) -> list[VisitRow]:
        with self._db.read() as session:
            return VisitRepository(session).rows(day, limit=limit, offset=offset)

    def day_counts(self, day: dt.date | None = None) -> DayCounts:
        with self._db.read() as session:
            repo = VisitRepository(session)
            return repo.counts(
                day or self._clock.today(), repo.in_building_count(*self._in_building_window())
            )

    def make_member(self, member_id: int) -> None:
        """Turn a guest into a member; their visit history stays theirs."""
        self._access.require(Action.MEMBER_EDIT)
        with self._db.write() as session:
            member = _member(session, member_id)
            if member.status is not MemberStatus.GUEST:
                raise ValidationError([FieldError("status", "Only a guest can be made a member")])
            member.status = MemberStatus.MEMBER
            member.updated_at = self._clock.now()

    def make_member_from_guest_visit(self, visit_id: int, draft: MemberDraft) -> int:
        """Create a member from an anonymous guest's visit and give them that visit."""
        self._access.require(Action.MEMBER_EDIT)
        draft = valid_draft(draft, self._clock.today())
        with self._db.write() as session:
            repo = VisitRepository(session)
            visit = _visit(repo, visit_id)
            if visit.member_id is not None:
                raise ValidationError([FieldError("visit", "That visit already has a member")])
            member = insert_member(session, draft, self._clock)
            visit.member_id = member.id
            visit.guest_label = ""
            session.flush()
            self._access.record(session, AuditAction.CREATE, "member", member.id, "from guest")
            return to_member(member).id

    def _guest_count(
        self, repo: VisitRepository, member: MemberModel, rules: VisitRules, reason: str
    ) -> int | None:
        if member.status is not MemberStatus.GUEST:
            return None
        count = repo.member_visit_count(member.id) + 1
        if rules.guest_limit and count > rules.guest_limit and not reason:
            raise VisitRefusedError(
                f"{_name(member)} has had {rules.guest_limit} guest visits. Make them a member "
                "(they keep their visits), or a coordinator can override with a reason."
            )
        return count

    def _created(
        self, member: MemberModel, model: VisitModel, guests: int | None, rules: VisitRules
    ) -> CheckInResult:
        message = f"{_name(member)} checked in at {self._hhmm(model.checked_in_at)}"
        reached = bool(guests and rules.guest_limit and guests >= rules.guest_limit)
        if guests is not None:
            limit = f" of {rules.guest_limit}" if rules.guest_limit else ""
            message += f" (guest visit {guests}{limit})"
            if reached:
                message += " — time for an introduction"
        return CheckInResult(
            visit=to_visit(model),
            created=True,
            message=message,
            guest_visits=guests,
            guest_limit_reached=reached,
        )

    def _already(self, member: MemberModel, existing: VisitModel | None) -> CheckInResult:
        assert existing is not None
        if existing.source is VisitSource.PAPER:
            when = f"recorded on {existing.visit_date.isoformat()} (paper sheet)"
        elif existing.visit_date == self._clock.today():
            when = f"checked in today at {self._hhmm(existing.checked_in_at)}"
        else:
            day = existing.visit_date.isoformat()
            when = f"checked in on {day} at {self._hhmm(existing.checked_in_at)}"
        return CheckInResult(
            visit=to_visit(existing),
            created=False,
            message=f"{_name(member)} is already {when}; nothing new recorded",
        )

    def _when(self, on: dt.date | None, at: dt.datetime | None) -> tuple[dt.date, dt.datetime]:
        today = self._clock.today()
        if at is not None:
            if at.tzinfo is None:
                at = at.replace(tzinfo=self._clock.zone)
            moment = at.astimezone(dt.UTC)
            day = self._clock.local(moment).date()
        elif on is not None and on != today:
            day = on
            noon = dt.datetime.combine(on, dt.time(12, 0), tzinfo=self._clock.zone)
            moment = noon.astimezone(dt.UTC)
        else:
            day, moment = today, self._clock.now()
        if day > today or moment > self._clock.now() + dt.timedelta(minutes=5):
            raise ValidationError([FieldError("date", "A visit cannot be in the future")])
        if day < EARLIEST_VISIT:
            raise ValidationError(
                [FieldError("date", f"A visit before {EARLIEST_VISIT.year} is not plausible")]
            )
        return day, moment

    def _hhmm(self, moment: dt.datetime) -> str:
        return self._clock.local(moment).strftime("%H:%M")


def _member(session: Session, member_id: int) -> MemberModel:
    member = MemberRepository(session).get_without_children(member_id)
    if member is None:
        raise NotFoundError(f"Member {member_id} no longer exists.")
    if member.status is MemberStatus.ARCHIVED:
        raise VisitRefusedError(
            f"{_name(member)} ({member.code}) is archived. Restore them in Members first.",
            overridable=False,
        )
    return member


def _visit(repo: VisitRepository, visit_id: int) -> VisitModel:
    model = repo.get(visit_id)
    if model is None:
        raise NotFoundError(f"Visit {visit_id} no longer exists.")
    return model


def _name(member: MemberModel) -> str:
    return display_name(member.first_name, member.last_name, member.preferred_name)


def _override(reason: str) -> str:
    reason = clean_text(reason)
    if len(reason) > OVERRIDE_REASON_MAX:
        raise ValidationError(
            [
                FieldError(
                    "override_reason", f"Override reason: at most {OVERRIDE_REASON_MAX} characters"
                )
            ]
        )
    return reason


def _purposes(purposes: Sequence[str], rules: VisitRules) -> list[str]:
    """The site's own spelling of each chosen purpose (matched ignoring case and accents)."""
    known = {fold(p): p for p in rules.purposes}
    chosen: list[str] = []
    for typed in (clean_text(p) for p in purposes):
        if not typed:
            continue
        if fold(typed) not in known:
            choices = ", ".join(rules.purposes)
            raise ValidationError(
                [FieldError("purposes", f"Unknown purpose: {typed} (choose from: {choices})")]
            )
        chosen.append(known[fold(typed)])
    return list(dict.fromkeys(chosen))
