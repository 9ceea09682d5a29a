"""Demo recovery plans and BARC-10 histories for demo members, in their own words.

About 60% of the members given get a plan: most are active, some still drafts started
in the last month. A plan has some wellness sections filled in (first person, plain
words), up to three people in its support network (fiction phone numbers), and one to
four goals across the life domains (now and then a custom one such as Family or Money),
each with action steps: most past steps done, some overdue. Active plans older than the
review period have been reviewed up to three times (snapshots that show goals added and
steps done since); a missed review leaves the plan overdue. A few plans are written in
Spanish, Vietnamese, Polish or Arabic. Every member with a plan has one to five BARC-10s,
about one interval apart, trending mostly upward.

Everything goes in with bulk inserts inside the caller's transaction (no audit rows: demo
data is nobody's action). The same ``rng`` state gives the same plans. What the plans say
(sections, goal ideas, other languages) is in ``demo_plan_words``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from recoverydesk.db.repositories.plan_bulk import (
    NewPlan,
    bulk_insert_barc10,
    bulk_insert_plans,
    bulk_insert_reviews,
)
from recoverydesk.db.repositories.plans import barc10_values
from recoverydesk.db.session import Session
from recoverydesk.domain.plan_kinds import STANDARD_DOMAINS, GoalStatus, PlanStatus, StepOwner
from recoverydesk.domain.plans import SECTION_KEYS, Goal, Plan, PlanDraft, Step, Support
from recoverydesk.services.demo_names import CULTURES
from recoverydesk.services.demo_plan_words import OTHER_LANGUAGES, RELATIONS, SECTIONS, goal_ideas

PLAN_SHARE = 0.6
DEMO_STAFF = ("Sam Okafor", "Dee Walsh", "Priya Natarajan", "Marco Reyes", "Jo Kowalczyk")
_LANGUAGES = (("en", 94), ("es", 3), ("vi", 1), ("pl", 1), ("ar", 1))
_CUSTOM = {"Family", "Money", "Faith"}
_OWNERS = {"peer": StepOwner.PEER, "other": StepOwner.OTHER}


@dataclass(frozen=True)
class DemoPlansResult:
    """What ``add_demo_plans`` added."""

    plans: int
    goals: int
    steps: int
    reviews: int
    assessments: int


@dataclass(frozen=True)
class _Built:
    """A demo plan before insertion, with the dates its history is made of."""

    new: NewPlan
    started_on: dt.date
    goal_starts: tuple[dt.date, ...]
    reviews: tuple[tuple[dt.date, str], ...]


def add_demo_plans(
    session: Session,
    *,
    rng: random.Random,
    member_ids: Sequence[int],
    today: dt.date,
    now: dt.datetime,
    review_days: int = 90,
    barc10_days: int = 90,
    staff: Sequence[str] = DEMO_STAFF,
) -> DemoPlansResult:
    """Plans for about 60% of ``member_ids`` (pass active members), reviews and BARC-10s."""
    maker = _PlanMaker(rng, today, now, review_days, staff)
    built = [maker.build(member_id) for member_id in member_ids if rng.random() < PLAN_SHARE]
    saved = bulk_insert_plans(session, [b.new for b in built])
    reviews = [
        maker.snapshot(plan, b, on, by)
        for plan, b in zip(saved, built, strict=True)
        for on, by in b.reviews
    ]
    bulk_insert_reviews(session, reviews)
    barc_rows = [
        row
        for b in built
        for row in _barc10_history(rng, b.new.member_id, b.started_on, maker, barc10_days)
    ]
    bulk_insert_barc10(session, barc_rows)
    return DemoPlansResult(
        plans=len(saved),
        goals=sum(len(p.goals) for p in saved),
        steps=sum(len(g.steps) for p in saved for g in p.goals),
        reviews=len(reviews),
        assessments=len(barc_rows),
    )


class _PlanMaker:
    """Builds one member's plan: dates first, then words, goals and steps."""

    def __init__(
        self,
        rng: random.Random,
        today: dt.date,
        now: dt.datetime,
        review_days: int,
        staff: Sequence[str],
    ) -> None:
        self.rng, self.today, self.now = rng, today, now
        self.review_days, self.staff = review_days, staff

    def days_ago(self, low: int, high: int) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(low, high))

    def moment(self, day: dt.date) -> dt.datetime:
        """A time in opening hours on ``day`` (never after now)."""
        at = dt.datetime.combine(day, dt.time(self.rng.randint(9, 16), self.rng.randint(0, 59)))
        return min(at.replace(tzinfo=dt.UTC), self.now)

    def build(self, member_id: int) -> _Built:
        rng = self.rng
        draft_only = rng.random() < 0.15
        started = self.days_ago(0, 30) if draft_only else self.days_ago(20, 600)
        reviews: list[tuple[dt.date, str]] = []
        review_due = None
        if not draft_only:
            last = min(started + dt.timedelta(days=rng.randint(0, 14)), self.today)
            while len(reviews) < 6:
                due = last + dt.timedelta(days=self.review_days + rng.randint(-14, 10))
                if due > self.today or rng.random() < 0.1:  # now and then a review is missed
                    break
                reviews.append((due, rng.choice(self.staff)))
                last = due
            review_due = last + dt.timedelta(days=self.review_days)
        language = rng.choices(*zip(*_LANGUAGES, strict=True))[0]
        goals, starts = self._goals(language, started, [on for on, _ in reviews])
        sections = self._sections(language)
        touched = max([started, *starts, *(s.done_on for g in goals for s in g.steps if s.done_on)])
        new = NewPlan(
            member_id=member_id,
            draft=PlanDraft(sections=sections, supports=self._supports(), goals=tuple(goals)),
            status=PlanStatus.DRAFT if draft_only else PlanStatus.ACTIVE,
            review_due_on=review_due,
            created_at=self.moment(started),
            updated_at=self.moment(max(touched, *(on for on, _ in reviews), started)),
            updated_by=rng.choice(self.staff),
        )
        return _Built(new, started, tuple(starts), tuple(reviews))

    def _sections(self, language: str) -> dict[str, str]:
        if language != "en":
            return dict(OTHER_LANGUAGES[language][0])
        odds = {"strengths": 0.9, "triggers": 0.85, "coping_tools": 0.85, "crisis_who": 0.8}
        return {
            key: self.rng.choice(SECTIONS[key])
            for key in SECTION_KEYS
            if self.rng.random() < odds.get(key, 0.55)
        }

    def _supports(self) -> tuple[Support, ...]:
        rng = self.rng
        count = rng.choices((0, 1, 2, 3), (15, 35, 35, 15))[0]
        culture = rng.choice(CULTURES[:3])
        return tuple(
            Support(
                name=rng.choice(culture.female + culture.male + culture.neutral),
                relation=rng.choice(RELATIONS),
                phone=f"(555) 555-01{rng.randint(0, 99):02d}" if rng.random() < 0.8 else "",
            )
            for _ in range(count)
        )

    def _goals(
        self, language: str, started: dt.date, reviewed: list[dt.date]
    ) -> tuple[list[Goal], list[dt.date]]:
        rng = self.rng
        ideas = goal_ideas(language)
        usual = [d for d in ideas if d in STANDARD_DOMAINS]
        count = min(rng.choices((1, 2, 3, 4), (25, 35, 28, 12))[0], len(usual))
        domains = rng.sample(usual, count)
        if language == "en" and rng.random() < 0.12:
            domains[-1] = rng.choice(sorted(_CUSTOM))
        goals, starts = [], []
        for i, domain in enumerate(domains):
            # the first goals come with the plan; later ones were added at a review
            begun = rng.choice(reviewed) if i >= 2 and reviewed else started
            idea = rng.choice(ideas[domain])
            goals.append(self._goal(domain, idea, begun))
            starts.append(begun)
        return goals, starts

    def _goal(self, domain: str, idea: str, begun: dt.date) -> Goal:
        rng = self.rng
        goal, why, measure, baseline, target, steps_text = idea.split("|")
        steps = []
        due = begun
        for text in steps_text.split(";")[: rng.randint(1, 4)]:
            owner, _, what = text.rpartition(":")
            due = due + dt.timedelta(days=rng.randint(7, 40))
            done = None
            if rng.random() < (0.8 if due < self.today else 0.1):
                done = min(max(due + dt.timedelta(days=rng.randint(-7, 10)), begun), self.today)
            planned = due if rng.random() < 0.9 else None
            steps.append(Step(what, _OWNERS.get(owner, StepOwner.MEMBER), planned, done))
        status = self._status(steps)
        return Goal(
            domain=domain,
            goal=goal,
            why=why,
            measure=measure,
            baseline=baseline,
            target=target,
            target_date=self._target(begun, status),
            status=status,
            supports="My peer supporter" if rng.random() < 0.3 else "",
            steps=tuple(steps),
        )

    def _target(self, begun: dt.date, status: GoalStatus) -> dt.date:
        """Most open goals still aim ahead; some have slipped past their date."""
        if status.is_open and self.rng.random() < 0.8:
            return max(begun, self.today) + dt.timedelta(days=self.rng.randint(7, 180))
        return begun + dt.timedelta(days=self.rng.randint(30, 270))

    def _status(self, steps: list[Step]) -> GoalStatus:
        rng = self.rng
        done = sum(s.done_on is not None for s in steps)
        if rng.random() < 0.04:
            return rng.choice((GoalStatus.PAUSED, GoalStatus.STOPPED))
        if done == len(steps):
            return GoalStatus.ACHIEVED if rng.random() < 0.6 else GoalStatus.IN_PROGRESS
        if done:
            return GoalStatus.IN_PROGRESS
        return rng.choice((GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS))

    def snapshot(
        self, plan: Plan, built: _Built, on: dt.date, by: str
    ) -> tuple[Plan, dt.datetime, str]:
        """The plan as it stood when reviewed ``on``: later goals absent, later steps undone."""
        goals = []
        for goal, begun in zip(plan.goals, built.goal_starts, strict=True):
            if begun > on:
                continue
            steps = tuple(
                replace(s, done_on=None) if s.done_on and s.done_on > on else s for s in goal.steps
            )
            status = goal.status
            if status is GoalStatus.ACHIEVED and any(s.done_on is None for s in steps):
                status = GoalStatus.IN_PROGRESS
            goals.append(replace(goal, steps=steps, status=status))
        sections = dict(plan.sections)
        filled = [key for key, text in sections.items() if text]
        if filled and self.rng.random() < 0.3:
            sections[self.rng.choice(filled)] = ""  # written after this review
        at = self.moment(on)
        due = on + dt.timedelta(days=self.review_days)
        old = replace(plan, sections=sections, goals=tuple(goals), review_due_on=due)
        return replace(old, updated_at=at, updated_by=by), at, by


def _barc10_history(
    rng: random.Random, member_id: int, started: dt.date, maker: _PlanMaker, interval: int
) -> list[dict[str, Any]]:
    """One to five assessments, about one interval apart, mostly improving; most recent."""
    wanted = rng.choices((1, 2, 3, 4, 5), (20, 25, 25, 18, 12))[0]
    today = maker.today
    back = (
        rng.randint(0, interval - 1) if rng.random() < 0.75 else rng.randint(interval, 3 * interval)
    )
    earliest = min(started - dt.timedelta(days=30), today)
    dates = [max(today - dt.timedelta(days=back), earliest)]
    while len(dates) < wanted:
        before = dates[-1] - dt.timedelta(days=interval + rng.randint(-15, 20))
        if before < earliest:
            break
        dates.append(before)
    level = rng.uniform(22, 44)
    rows: list[dict[str, Any]] = []
    for taken in reversed(dates):
        scores = [min(6, max(1, round(rng.gauss(level / 10, 0.8)))) for _ in range(10)]
        by = rng.choice(maker.staff)
        rows.append(barc10_values(member_id, scores, taken, by, maker.moment(taken)))
        level = min(58.0, max(12.0, level + rng.gauss(3.5, 3.0)))
    return rows
