"""Demo peer work: a team of peers, their certificates and supervision, caseloads, contacts.

Twelve made-up peers (names of many cultures and scripts, as for demo members; phones in
the 555-01xx fiction range, e-mail at example.org): a supervisor, two recovery coaches,
seven peer supporters (one of whom left the team: their members were moved on the day
they left) and two volunteers. Certificates run from valid to one expired and two
expiring within 60 days; supervision is monthly for the last year.

Most active members (status member) have a primary peer, some a secondary one (often a
volunteer); some had another peer before (a transfer with a reason); some are waiting
for a peer, a few after an earlier assignment ended. Caseloads fit their caps except one
busy peer's. Each assigned member has about a year of contacts (in person, phone, text,
video, outreach, group) with minutes, a short synthetic note (no names) and often a
follow-up date; some have gone quiet, so the follow-up radar has people on it.

Everything is added with bulk inserts inside the caller's transaction; the same ``rng``
state, members and moment give the same rows.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from recoverydesk.db.models_peers import (
    AssignmentModel,
    CertificationModel,
    SupervisionModel,
)
from recoverydesk.db.repositories.peer_bulk import (
    MemberFact,
    bulk_insert_contacts,
    insert_peer,
    insert_rows,
    member_facts,
)
from recoverydesk.db.session import Session
from recoverydesk.domain.members import MemberStatus
from recoverydesk.domain.peers import AssignmentKind, ContactKind, PeerRole
from recoverydesk.domain.text import fold, name_search_key
from recoverydesk.services.demo_names import CULTURES, name_list, pick_name

RECORDED_BY = "demo"
ASSIGNED_SHARE = 0.85  # of active members; the rest wait for a peer
MAX_CASELOAD = 400  # per caseload peer, so benchmark-sized demos stay quick
HISTORY_DAYS = 365
# fmt: off
_TEAM = (
    PeerRole.SUPERVISOR, PeerRole.RECOVERY_COACH, PeerRole.RECOVERY_COACH,
    *[PeerRole.PEER_SUPPORTER] * 7, PeerRole.VOLUNTEER, PeerRole.VOLUNTEER,
)
_KINDS = (
    (ContactKind.IN_PERSON, 38, 20, 75), (ContactKind.PHONE, 25, 5, 40),
    (ContactKind.TEXT, 14, 1, 5), (ContactKind.VIDEO, 5, 15, 50),
    (ContactKind.OUTREACH, 8, 10, 45), (ContactKind.GROUP, 10, 45, 90),
)
# fmt: on
_KIND_CUM = tuple(itertools.accumulate(k[1] for k in _KINDS))
_NOTES = name_list(
    "Talked through the week; going to the Thursday SMART group.,"
    " Housing appointment on Tuesday: offered to go along.,"
    " Feeling low; made a plan for the weekend and went over the crisis numbers.,"
    " Celebrated 90 days!, Helped fill in the benefits form.,"
    " Left a voicemail; will try again on Friday.,"
    " Texted a reminder about the Wednesday meal.,"
    " Met at the café; worked on the recovery plan goals.,"
    " Talked about getting back in touch with family.,"
    " Outreach at the hostel; not in, left a card.,"
    " Group check-in; shared about stress at work.,"
    " Went with them to the GP; new prescription sorted.,"
    " Job centre appointment went well.,"
    " Short call; doing fine and busy with the kids.,"
    " Talked about cravings after a hard weekend; used the coping plan.,"
    " Signed up for the cooking course., Walked to the library together."
)
_TOPICS = name_list(
    "Boundaries; self-care, Caseload review; documentation, Reflective practice,"
    " Safety planning; lone working, Trauma-informed practice, Burnout prevention,"
    " Training goals; certification renewal, Group facilitation"
)
_SUPERVISION_NOTES = name_list(
    "Doing well; workload manageable., Agreed to hand over two members to balance caseloads.,"
    " Discussed a difficult conversation and what helped., Booked the renewal course.,"
    " Reminded to log contacts the same day., Wants to co-facilitate the Tuesday group."
)
_TRANSFER_REASONS = name_list(
    "Member asked for a different peer, Caseload balancing, Schedule change,"
    " Member moved to the evening group"
)
_END_REASONS = name_list(
    "Member asked for a break, Peer moved on; to be reassigned, Goals met; stepping back"
)
_LEFT_TEAM = "Peer left the team"
_ARCHIVED = "Member archived"
_CERTIFICATES = (
    ("CPRS (Certified Peer Recovery Specialist)", "CPRS", 2),
    ("NCPRS (National Certified Peer Recovery Support Specialist)", "NCPRS", 2),
    ("CRPA (Certified Recovery Peer Advocate)", "CRPA", 2),
    ("NHS peer support worker training", "", 0),
    ("Recovery Coach Academy (CCAR)", "", 0),
    ("Mental Health First Aid", "MHFA", 3),
    ("Naloxone administration", "", 2),
)


@dataclass
class _Peer:
    """A demo peer as built, before and after it gets its id."""

    name: str
    role: PeerRole
    active: bool = True
    cap: int | None = None
    id: int = 0


def add_demo_peers(
    session: Session,
    rng: random.Random,
    member_ids: Sequence[int],
    *,
    now: dt.datetime,
    zone: zoneinfo.ZoneInfo,
) -> None:
    """Add the demo team and their work with ``member_ids`` inside ``session``'s transaction."""
    today = now.astimezone(zone).date()
    team = _team(rng)
    plan = _Caseloads(rng, team, today).plan(member_facts(session, member_ids))
    for peer in team:  # caps are known once the caseloads are planned
        peer.id = insert_peer(session, _peer_values(rng, peer, now))
    insert_rows(session, CertificationModel, _certificates(rng, team, today))
    insert_rows(session, SupervisionModel, _supervision(rng, team, today, now))
    insert_rows(session, AssignmentModel, [a.values(now) for a in plan])
    contacts = _Contacts(rng, now, zone).for_assignments(plan)
    bulk_insert_contacts(session, contacts)


def _team(rng: random.Random) -> list[_Peer]:
    names: set[str] = set()
    team = []
    for role in _TEAM:
        name = _name(rng)
        while name in names:
            name = _name(rng)
        names.add(name)
        team.append(_Peer(name, role))
    team[-3].active = False  # the last peer supporter left the team
    return team


def _name(rng: random.Random) -> str:
    culture = rng.choices(CULTURES, [c.weight for c in CULTURES])[0]
    first, last = pick_name(rng, culture, rng.choice("fmx"))
    # Chinese and Korean names: family name first, no space.
    return f"{last}{first}" if "\u2e80" <= last[0] <= "\ud7af" else f"{first} {last}"


def _peer_values(rng: random.Random, peer: _Peer, now: dt.datetime) -> dict[str, Any]:
    local = ".".join(
        "".join(ch for ch in fold(part) if ch.isascii() and ch.isalnum())
        for part in peer.name.split()
    ).strip(".")
    return {
        "name": peer.name,
        "sort_key": name_search_key(peer.name)[:300],
        "role": peer.role,
        "phone": f"(555) 555-01{rng.randint(0, 99):02d}",
        "email": f"{local or 'peer'}{rng.randint(1, 9)}@example.org",
        "active": peer.active,
        "caseload_cap": peer.cap,
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }


def _certificates(rng: random.Random, team: list[_Peer], today: dt.date) -> list[dict[str, Any]]:
    """One or two per peer; among active staff one expired and two expiring within 60 days."""
    working = [p for p in team if p.active and p.role is not PeerRole.VOLUNTEER]
    alerts = {id(working[1]): "expired", id(working[2]): "soon", id(working[3]): "soon"}
    rows: list[dict[str, Any]] = []
    for peer in team:
        chosen = rng.sample(_CERTIFICATES, rng.choice((1, 2, 2)))
        alert = alerts.get(id(peer), "")
        if alert:  # the one to renew: a certificate that expires, first
            chosen = [_CERTIFICATES[0], *[c for c in chosen if c is not _CERTIFICATES[0]][:1]]
        for index, (name, prefix, years) in enumerate(chosen):
            issued, expires = _cert_dates(rng, alert if index == 0 else "", years, today)
            number = f"{prefix}-{rng.randint(10000, 99999)}" if prefix else ""
            rows.append(
                {
                    "peer_id": peer.id,
                    "name": name,
                    "number": number,
                    "issued_on": issued,
                    "expires_on": expires,
                }
            )
    return rows


def _cert_dates(
    rng: random.Random, alert: str, years: int, today: dt.date
) -> tuple[dt.date, dt.date | None]:
    if alert == "expired":
        expires = today - dt.timedelta(days=rng.randint(10, 40))
    elif alert == "soon":
        expires = today + dt.timedelta(days=rng.randint(15, 50))
    elif years:
        expires = today + dt.timedelta(days=rng.randint(90, 365 * years - 30))
    else:
        return today - dt.timedelta(days=rng.randint(200, 2000)), None
    return expires - dt.timedelta(days=365 * max(years, 2)), expires


def _supervision(
    rng: random.Random, team: list[_Peer], today: dt.date, now: dt.datetime
) -> list[dict[str, Any]]:
    """Monthly sessions for staff, quarterly for volunteers, over the last year."""
    supervisor = next(p for p in team if p.role is PeerRole.SUPERVISOR)
    rows: list[dict[str, Any]] = []
    for peer in team:
        if peer is supervisor or not peer.active:
            continue
        step = 3 if peer.role is PeerRole.VOLUNTEER else 1
        for month in range(0, 12, step):
            held = today - dt.timedelta(days=30 * month + rng.randint(0, 20))
            rows.append(
                {
                    "peer_id": peer.id,
                    "held_on": held,
                    "supervisor": supervisor.name,
                    "topics": rng.choice(_TOPICS),
                    "note": rng.choice(_SUPERVISION_NOTES) if rng.random() < 0.7 else "",
                    "recorded_by": RECORDED_BY,
                    "created_at": now,
                }
            )
    return rows


@dataclass(frozen=True)
class _Period:
    """One demo assignment: who, with whom, from when until when (None: still open)."""

    member_id: int
    peer: _Peer
    kind: AssignmentKind
    started_on: dt.date
    ended_on: dt.date | None = None
    reason: str = ""
    #: mean days between contacts (0: no contacts in this period)
    rhythm: float = 0.0
    #: the member went quiet: no contacts after this day
    quiet_from: dt.date | None = None

    def values(self, now: dt.datetime) -> dict[str, Any]:
        return {
            "member_id": self.member_id,
            "peer_id": self.peer.id,
            "kind": self.kind,
            "started_on": self.started_on,
            "ended_on": self.ended_on,
            "end_reason": self.reason,
            "recorded_by": RECORDED_BY,
            "created_at": now,
        }


class _Caseloads:
    """Who is assigned to whom, and the history before that."""

    def __init__(self, rng: random.Random, team: list[_Peer], today: dt.date) -> None:
        self.rng = rng
        self.today = today
        self.staff = [
            p
            for p in team
            if p.active and p.role in (PeerRole.PEER_SUPPORTER, PeerRole.RECOVERY_COACH)
        ]
        self.volunteers = [p for p in team if p.active and p.role is PeerRole.VOLUNTEER]
        self.gone = next(p for p in team if not p.active)
        self.left_on = today - dt.timedelta(days=rng.randint(60, 200))

    def plan(self, members: Sequence[MemberFact]) -> list[_Period]:
        rng = self.rng
        active = [m for m in members if m.status is MemberStatus.MEMBER]
        count = min(round(len(active) * ASSIGNED_SHARE), MAX_CASELOAD * len(self.staff))
        chosen = set(m.id for m in rng.sample(active, count))
        weights = [1.0] * len(self.staff)
        weights[0] = 1.35  # the busy peer
        cum = list(itertools.accumulate(weights))
        loads = [0] * len(self.staff)
        periods: list[_Period] = []
        for member in members:
            if member.id in chosen:
                index = bisect.bisect(cum, rng.random() * cum[-1])
                loads[index] += 1
                periods.extend(self._assigned(member, self.staff[index]))
            elif member.status is MemberStatus.ARCHIVED and rng.random() < 0.5:
                periods.extend(self._archived(member))
            elif member.status is MemberStatus.MEMBER and rng.random() < 0.25:
                periods.extend(self._ended(member))
        self._caps(loads)
        return periods

    def _caps(self, loads: list[int]) -> None:
        """Caps that fit each caseload, except the busy peer's (over by a few)."""
        for peer, load in zip(self.staff, loads, strict=True):
            fits = -(-int(load * 1.15 + 1) // 5) * 5
            peer.cap = None if fits <= 15 else min(fits, 500)
        busy = self.staff[0]
        busy.cap = max(1, min(loads[0] - max(2, loads[0] // 10), 500))

    def _start(self, member: MemberFact, earliest_days: int = 700) -> dt.date:
        start = max(member.joined_on, self.today - dt.timedelta(days=earliest_days))
        return min(start + dt.timedelta(days=self.rng.randint(0, 45)), self.today)

    def _assigned(self, member: MemberFact, peer: _Peer) -> list[_Period]:
        rng, today = self.rng, self.today
        start = self._start(member)
        rhythm = rng.uniform(6, 28)
        quiet = today - dt.timedelta(days=rng.randint(16, 70)) if rng.random() < 0.08 else None
        periods = []
        span = (today - start).days
        if span > 60 and rng.random() < 0.18:
            if start < self.left_on - dt.timedelta(days=20) and rng.random() < 0.5:
                before, moved, reason = self.gone, self.left_on, _LEFT_TEAM
            else:
                before = rng.choice([p for p in self.staff if p is not peer])
                moved = start + dt.timedelta(days=rng.randint(30, span - 20))
                reason = rng.choice(_TRANSFER_REASONS)
            periods.append(
                _Period(member.id, before, AssignmentKind.PRIMARY, start, moved, reason, rhythm)
            )
            start = moved
        periods.append(
            _Period(member.id, peer, AssignmentKind.PRIMARY, start, None, "", rhythm, quiet)
        )
        if rng.random() < 0.1:
            helper = rng.choice(self.volunteers + [p for p in self.staff if p is not peer])
            periods.append(_Period(member.id, helper, AssignmentKind.SECONDARY, start))
        return periods

    def _archived(self, member: MemberFact) -> list[_Period]:
        start = self._start(member, earliest_days=900)
        end = start + dt.timedelta(days=self.rng.randint(20, 200))
        if end >= self.today:
            return []
        peer = self.rng.choice(self.staff)
        kind = AssignmentKind.PRIMARY
        return [_Period(member.id, peer, kind, start, end, _ARCHIVED, self.rng.uniform(8, 25))]

    def _ended(self, member: MemberFact) -> list[_Period]:
        """An earlier assignment that ended: the member now waits for a new peer."""
        start = self._start(member)
        if (self.today - start).days < 40:
            return []
        end = start + dt.timedelta(days=self.rng.randint(20, (self.today - start).days - 10))
        peer = self.rng.choice(self.staff)
        reason = self.rng.choice(_END_REASONS)
        kind = AssignmentKind.PRIMARY
        return [_Period(member.id, peer, kind, start, end, reason, self.rng.uniform(8, 25))]


class _Contacts:
    """About a year of contacts for each primary assignment."""

    def __init__(self, rng: random.Random, now: dt.datetime, zone: zoneinfo.ZoneInfo) -> None:
        self.rng = rng
        self.now = now
        self.zone = zone
        self.today = now.astimezone(zone).date()
        self.first = self.today - dt.timedelta(days=HISTORY_DAYS)

    def for_assignments(self, periods: Sequence[_Period]) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for period in periods:
            if period.rhythm:
                rows.extend(self._period(period))
        rows.sort(key=lambda r: (r["member_id"], r["contacted_at"]))
        return rows

    def _period(self, period: _Period) -> list[dict[str, Any]]:
        rng = self.rng
        last = min(period.ended_on or self.today, period.quiet_from or self.today)
        day = max(period.started_on, self.first) + dt.timedelta(days=rng.randint(0, 6))
        rows = []
        while day <= last:
            row = self._contact(period, day)
            if row is not None:
                rows.append(row)
            follow_up = row["follow_up_on"] if row else None
            if follow_up is not None and rng.random() < 0.85:  # most follow-ups happen
                day = max(day + dt.timedelta(days=1), follow_up + _jitter(rng))
            else:
                gap = min(rng.expovariate(1 / period.rhythm), 2.5 * period.rhythm)
                day += dt.timedelta(days=max(1, round(gap)))
        return rows

    def _contact(self, period: _Period, day: dt.date) -> dict[str, Any] | None:
        rng = self.rng
        minute = rng.randint(9 * 60, 17 * 60 + 30)
        local = dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=self.zone)
        at = local.astimezone(dt.UTC)
        if at > self.now:
            return None
        kind, _, shortest, longest = _KINDS[bisect.bisect(_KIND_CUM, rng.random() * _KIND_CUM[-1])]
        follow_up = day + dt.timedelta(days=rng.randint(3, 21)) if rng.random() < 0.55 else None
        return {
            "member_id": period.member_id,
            "peer_id": period.peer.id,
            "contacted_at": at,
            "contact_date": day,
            "kind": kind,
            "minutes": rng.randint(shortest, longest) if rng.random() < 0.92 else None,
            "note": rng.choice(_NOTES) if rng.random() < 0.75 else "",
            "follow_up_on": follow_up,
            "recorded_by": RECORDED_BY,
            "created_at": at,
        }


def _jitter(rng: random.Random) -> dt.timedelta:
    return dt.timedelta(days=rng.randint(-2, 3))
