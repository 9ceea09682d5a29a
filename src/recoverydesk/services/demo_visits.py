"""Demo visits: a believable history of drop-in attendance for the demo people.

The centre is busy Monday to Friday (open 9:00, busiest late morning and at lunch, quiet
by 17:00), quieter on Saturday (10:00-15:00) and nearly empty on Sunday (a small
afternoon group). A core of regulars comes most weekdays; most members drop in now and
then; guest-status members have had one to three visits, the first on the day they
joined; archived members stopped coming a while ago; anonymous guests, some leaving
initials or a first name, come in every day. Purposes follow ``DEFAULT_PURPOSES``: mostly
Drop-in, a Meal around lunch. Visits come mostly from the desk and the card scanner; a few
whole days were typed in from the paper sheet after an outage.

Dates are the site's local dates. Past visits were checked out 20 minutes to 4 hours after
check-in. Today's visits stop at the present moment and most are still open, so "In the
building" has people in it. Never two visits of one member on one day.

Volume: a normal weekday sees about 3 x sqrt(members) visits (52 for 300 members), at
most 400. Benchmark-sized databases (above about 7,500 members) get a denser history of
about ten visits per member over the period, more than any one centre would see.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import random
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass

from recoverydesk.db.repositories.bulk import NewVisit
from recoverydesk.domain.members import MemberStatus
from recoverydesk.domain.visits import VisitSource
from recoverydesk.services.demo_names import CULTURES

NO_RECENT_VISITS = "No visits for two years"  # an archive reason: such people get no visits
# Opening minute and the weights of the half-hour check-in slots that follow, Monday first.
_WEEKDAY = (9 * 60, (5, 8, 10, 12, 15, 17, 18, 15, 10, 8, 7, 6, 5, 4, 2.5, 1.2))
_HOURS = (*[_WEEKDAY] * 5, (10 * 60, (8, 12, 15, 16, 15, 11, 8, 5, 3, 1.5)), (12 * 60, (5, 5, 4)))
# How a day compares with a normal weekday, Monday first: for regulars, for everyone else.
_REGULAR_DAY = (1.0, 1.0, 1.0, 1.0, 0.92, 0.3, 0.03)
_OTHER_DAY = (1.0, 1.02, 1.05, 1.0, 0.9, 0.5, 0.06)
_REGULAR_SHARE, _GUEST_SHARE = 0.45, 0.06  # of a weekday's visits; the rest are occasional
_REGULAR_ODDS = (0.55, 0.9)  # a regular's chance of coming on a normal weekday
_PAPER_DAYS = 0.02  # share of past open days typed in from the paper sheet
_STAY = (4.3, 0.55, 20, 240)  # minutes: lognormal mu and sigma (median 74), then bounds
_LUNCH = (11 * 60 + 30, 13 * 60 + 30)
# fmt: off
_PURPOSE_ODDS = {
    "Drop-in": 0.6, "Group": 0.14, "One-to-one": 0.09, "Meal": 0.04, "Computer": 0.08,
    "Laundry/shower": 0.05, "Naloxone": 0.015, "Referral": 0.025, "Other": 0.02,
}
# fmt: on
_LUNCH_MEAL, _OTHER_PURPOSE = 0.55, 0.03
_SOURCES = (VisitSource.DESK, VisitSource.SCANNER, VisitSource.PAPER, VisitSource.KIOSK)
_SOURCE_CUM = tuple(itertools.accumulate((62, 33, 3, 2)))
_TABLE = 1024  # purposes and stays are drawn ahead, then picked with one random number each
_INITIALS = "ABCDEJKLMNPRSTW"


@dataclass(frozen=True)
class DemoPerson:
    """What the history needs to know about one demo person."""

    member_id: int
    status: MemberStatus
    joined_on: dt.date
    archived_reason: str = ""


@dataclass(frozen=True)
class _Day:
    """One day of the history: local midnight as UTC, opening, and how busy it is."""

    date: dt.date
    midnight: dt.datetime
    opens: int
    closes: int
    slots: tuple[float, ...]
    regular: float
    other: float
    paper: bool


def weekday_volume(members: int, days: int) -> float:
    """Visits on a normal weekday: believable for a centre, denser for benchmark sizes."""
    believable = min(3.0 * math.sqrt(members), 400.0)
    open_days = days * sum(_OTHER_DAY) / 7
    dense = min(10.0 * members / max(open_days, 1.0), 0.05 * members)
    return max(believable, dense)


def demo_visits(
    rng: random.Random,
    people: Sequence[DemoPerson],
    *,
    days: int,
    now: dt.datetime,
    zone: zoneinfo.ZoneInfo,
    purposes: Sequence[str],
) -> list[NewVisit]:
    """Visits of ``people`` over the ``days`` days up to and including today, none after ``now``."""
    if days <= 0 or not people:
        return []
    return _History(rng, people, days, now, zone, purposes).visits()


class _History:
    """Builds the visits day by day from who is likely to come."""

    def __init__(
        self,
        rng: random.Random,
        people: Sequence[DemoPerson],
        days: int,
        now: dt.datetime,
        zone: zoneinfo.ZoneInfo,
        purposes: Sequence[str],
    ) -> None:
        self.rng = rng
        self.now = now
        self.today = now.astimezone(zone).date()
        self.calendar = [self._day(days - 1 - back, zone) for back in range(days)]
        volume = weekday_volume(len(people), days)
        self.crowd = _Crowd(rng, people, self.today, volume)
        self.anonymous = _GUEST_SHARE * volume
        self.guests = _guest_days(rng, people, self.calendar[0].date, self.today)
        self.purposes = {
            lunch: [_pick_purposes(rng, purposes, lunch) for _ in range(_TABLE)]
            for lunch in (False, True)
        }
        mu, sigma, shortest, longest = _STAY
        self.stays = [
            min(max(rng.lognormvariate(mu, sigma), shortest), longest) for _ in range(_TABLE)
        ]

    def visits(self) -> list[NewVisit]:
        made: list[NewVisit | None] = []
        for day in self.calendar:
            members = self.crowd.members_on(day) + self.guests.get(day.date, [])
            made.extend(self._visit(day, member_id) for member_id in members)
            count = _poisson(self.rng, self.anonymous * day.other)
            made.extend(self._visit(day, None, _guest_label(self.rng)) for _ in range(count))
        return [v for v in made if v is not None]

    def _day(self, back: int, zone: zoneinfo.ZoneInfo) -> _Day:
        date = self.today - dt.timedelta(days=back)
        weekday = date.weekday()
        opens, weights = _HOURS[weekday]
        # Clocks change at night: the offset at noon holds for the whole opening day.
        offset = dt.datetime.combine(date, dt.time(12), tzinfo=zone).utcoffset()
        midnight = dt.datetime.combine(date, dt.time(0), tzinfo=dt.UTC) - (offset or dt.timedelta())
        return _Day(
            date=date,
            midnight=midnight,
            opens=opens,
            closes=opens + 30 * len(weights) + 30,
            slots=tuple(itertools.accumulate(weights)),
            regular=_REGULAR_DAY[weekday],
            other=_OTHER_DAY[weekday],
            paper=back > 0 and self.rng.random() < _PAPER_DAYS,
        )

    def _visit(self, day: _Day, member_id: int | None, label: str = "") -> NewVisit | None:
        rng = self.rng
        slot = bisect.bisect(day.slots, rng.random() * day.slots[-1])
        minute = day.opens + 30 * slot + 30 * rng.random()
        arrived = day.midnight + dt.timedelta(seconds=int(minute * 60))
        if arrived > self.now:
            return None
        stay = max(min(self.stays[int(rng.random() * _TABLE)], day.closes - minute), _STAY[2])
        leaves = arrived + dt.timedelta(seconds=int(stay * 60))
        # Today most people are still in, until closing time, when the desk checks everyone
        # out (so a demo opened in the evening has an empty building, as a real one would).
        closed = self.now >= day.midnight + dt.timedelta(minutes=day.closes)
        still_in = (
            day.date == self.today and not closed and (leaves > self.now or rng.random() < 0.75)
        )
        left = None if still_in else leaves
        lunch = _LUNCH[0] <= minute < _LUNCH[1]
        source = VisitSource.PAPER if day.paper else _source(rng)
        purposes = self.purposes[lunch][int(rng.random() * _TABLE)]
        return NewVisit(member_id, day.date, arrived, left, source, purposes, label)


class _Crowd:
    """Who may come: regulars with their own odds, and a weighted pool of occasional visitors."""

    def __init__(
        self, rng: random.Random, people: Sequence[DemoPerson], today: dt.date, volume: float
    ) -> None:
        self.rng = rng
        members = [p for p in people if p.status is MemberStatus.MEMBER]
        typical_odds = sum(_REGULAR_ODDS) / 2
        count = min(round(_REGULAR_SHARE * volume / typical_odds), len(members) // 4)
        regulars = rng.sample(members, count)
        self.regulars = [(p.member_id, p.joined_on, rng.uniform(*_REGULAR_ODDS)) for p in regulars]
        chosen = {p.member_id for p in regulars}
        pool = [p for p in members if p.member_id not in chosen] + [
            p
            for p in people
            if p.status is MemberStatus.ARCHIVED and p.archived_reason != NO_RECENT_VISITS
        ]
        self.pool = [(p.member_id, p.joined_on, _last_day(rng, p, today)) for p in pool]
        self.weights = list(itertools.accumulate(rng.expovariate(1.0) for _ in pool))
        self.occasional = (1 - _REGULAR_SHARE) * volume

    def members_on(self, day: _Day) -> list[int]:
        """The members (not guests) who came on ``day``."""
        rng, date = self.rng, day.date
        came = [
            member_id
            for member_id, joined, odds in self.regulars
            if joined <= date and rng.random() < odds * day.regular
        ]
        wanted = _poisson(rng, self.occasional * day.other)
        if not wanted or not self.pool:
            return came
        seen: set[int] = set()
        # Some picks fall before a person joined or after they stopped coming: draw extra.
        picks = rng.choices(self.pool, cum_weights=self.weights, k=wanted * 5 // 4 + 2)
        for member_id, first, last in picks:
            if first <= date <= last and member_id not in seen:
                seen.add(member_id)
                came.append(member_id)
                if len(seen) == wanted:
                    break
        return came


def _last_day(rng: random.Random, person: DemoPerson, today: dt.date) -> dt.date:
    if person.status is MemberStatus.ARCHIVED:
        return today - dt.timedelta(days=rng.randint(30, 400))
    return today


def _guest_days(
    rng: random.Random, people: Sequence[DemoPerson], first: dt.date, today: dt.date
) -> dict[dt.date, list[int]]:
    """One to three visits of each guest-status person, the first on the day they joined."""
    days: dict[dt.date, list[int]] = {}
    for person in people:
        if person.status is not MemberStatus.GUEST:
            continue
        count = rng.choices((1, 2, 3), (5, 3, 2))[0]
        later = {person.joined_on + dt.timedelta(days=rng.randint(1, 40)) for _ in range(count - 1)}
        for date in sorted({person.joined_on, *later}):
            if first <= date <= today:
                days.setdefault(date, []).append(person.member_id)
    return days


def _pick_purposes(rng: random.Random, purposes: Sequence[str], lunch: bool) -> tuple[str, ...]:
    chosen = []
    for purpose in purposes:
        odds = _PURPOSE_ODDS.get(purpose, _OTHER_PURPOSE)
        if purpose == "Meal" and lunch:
            odds = _LUNCH_MEAL
        if rng.random() < odds:
            chosen.append(purpose)
    if not chosen and "Drop-in" in purposes and rng.random() < 0.85:
        chosen.append("Drop-in")
    return tuple(chosen)


def _source(rng: random.Random) -> VisitSource:
    return _SOURCES[bisect.bisect(_SOURCE_CUM, rng.random() * _SOURCE_CUM[-1])]


def _guest_label(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        return ""
    if roll < 0.88:
        return f"{rng.choice(_INITIALS)}.{rng.choice(_INITIALS)}."
    names = CULTURES[0]
    return rng.choice(names.female + names.male + names.neutral)


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson-distributed count (normal approximation for large means)."""
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count
