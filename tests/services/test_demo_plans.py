"""Demo plans: believable, valid, varied, quick for 1,000 members, the same for one seed."""

from __future__ import annotations

import random
import statistics
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from recoverydesk.db.models_plans import Barc10Model
from recoverydesk.db.repositories.bulk import iter_members
from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.members import MemberStatus
from recoverydesk.domain.plan_kinds import STANDARD_DOMAINS, PlanStatus
from recoverydesk.domain.plans import Plan, clean_plan, validate_plan
from recoverydesk.services.container import Services, open_services
from recoverydesk.services.demo import generate_demo
from recoverydesk.services.demo_plans import DemoPlansResult, add_demo_plans
from recoverydesk.services.plans import PlanService


def active_members(services: Services, count: int) -> list[int]:
    generate_demo(services, count, seed=3, peer_work=False)
    with services.db.read() as session:
        return [m.id for m in iter_members(session) if m.status is MemberStatus.MEMBER]


def add_plans(services: Services, member_ids: list[int], seed: int = 1) -> DemoPlansResult:
    with services.db.write() as session:
        return add_demo_plans(
            session,
            rng=random.Random(seed),
            member_ids=member_ids,
            today=services.clock.today(),
            now=services.clock.now(),
        )


def all_plans(services: Services, member_ids: list[int]) -> list[Plan]:
    plans = PlanService(services.db, services.clock, services.settings, services.access)
    found = [plans.get(member_id) for member_id in member_ids]
    return [p for p in found if p is not None]


def scripts(text: str) -> set[str]:
    return {unicodedata.name(ch).split()[0] for ch in text if ch.isalpha()}


def test_a_thousand_members_get_plans_quickly(services: Services) -> None:
    member_ids = active_members(services, 1000)
    started = time.perf_counter()
    result = add_plans(services, member_ids)
    elapsed = time.perf_counter() - started
    assert elapsed < 10, f"{elapsed:.1f} s for {len(member_ids)} members"
    assert 0.5 < result.plans / len(member_ids) < 0.7
    assert result.goals >= result.plans and result.steps > result.goals
    assert result.reviews > result.plans / 2
    plans = PlanService(services.db, services.clock, services.settings, services.access)
    page = plans.list_plans(limit=1, with_total=True)
    assert page.total == result.plans
    attention = plans.list_plans(attention_only=True, limit=1, with_total=True).total or 0
    assert 0.15 * result.plans < attention < 0.85 * result.plans


def test_demo_plans_are_valid_varied_and_in_members_words(services: Services) -> None:
    member_ids = active_members(services, 400)
    add_plans(services, member_ids, seed=5)
    plans = all_plans(services, member_ids)
    today = services.clock.today()
    for plan in plans:
        draft = plan.to_draft()
        assert validate_plan(clean_plan(draft), today) == [], plan.member_id
        assert clean_plan(draft).goals == plan.goals  # already clean text
        assert 1 <= len(plan.goals) <= 4
        assert plan.status is PlanStatus.ACTIVE or plan.review_due_on is None
    statuses = Counter(p.status for p in plans)
    assert statuses[PlanStatus.ACTIVE] > statuses[PlanStatus.DRAFT] > 0
    domains = Counter(g.domain for p in plans for g in p.goals)
    assert set(STANDARD_DOMAINS) <= set(domains)
    assert set(domains) - set(STANDARD_DOMAINS)  # some custom domains
    steps = [s for p in plans for g in p.goals for s in g.steps]
    assert any(s.done_on for s in steps)
    assert sum(len(p.overdue_steps(today)) for p in plans) > 0
    assert sum(len(p.overdue_goals(today)) for p in plans) > 0
    assert sum(p.review_overdue(today) for p in plans) > 0
    text = " ".join(t for p in plans for t in (*p.sections.values(), *(g.goal for g in p.goals)))
    assert {"LATIN", "ARABIC"} <= scripts(text)
    assert "ệ" in text or "ữ" in text or "ả" in text  # Vietnamese
    assert "WRAP" not in text


def test_reviews_show_the_plan_as_it_was(services: Services) -> None:
    member_ids = active_members(services, 300)
    add_plans(services, member_ids, seed=2)
    service = PlanService(services.db, services.clock, services.settings, services.access)
    changed = 0
    reviewed = 0
    for plan in all_plans(services, member_ids):
        reviews = service.reviews(plan.member_id)
        if not reviews:
            continue
        reviewed += 1
        assert plan.status is PlanStatus.ACTIVE
        assert [r.reviewed_at for r in reviews] == sorted(
            (r.reviewed_at for r in reviews), reverse=True
        )
        snapshot = service.review(reviews[-1].id)
        assert snapshot.member_id == plan.member_id
        changed += bool(service.compare(snapshot, plan))
    assert reviewed > 0 and changed > reviewed / 3


def test_barc10_histories_mostly_improve(services: Services) -> None:
    member_ids = active_members(services, 400)
    add_plans(services, member_ids, seed=9)
    with services.db.read() as session:
        rows = session.execute(
            select(Barc10Model.member_id, Barc10Model.taken_on, Barc10Model.total)
        ).all()
    history: dict[int, list[tuple[object, int]]] = {}
    for member_id, taken_on, total in rows:
        history.setdefault(member_id, []).append((taken_on, total))
    with_plans = {p.member_id for p in all_plans(services, member_ids)}
    assert set(history) == with_plans
    assert all(1 <= len(h) <= 5 for h in history.values())
    assert max(len(h) for h in history.values()) >= 4
    assert all(10 <= total <= 60 for *_, total in rows)
    rising = [sorted(h)[-1][1] > sorted(h)[0][1] for h in history.values() if len(h) > 1]
    assert statistics.mean(rising) > 0.6


def test_one_seed_gives_the_same_plans(
    services: Services, new_db_url: Callable[[str], str | Path], clock: FixedClock
) -> None:
    other = open_services(new_db_url("other"), clock=clock)
    try:
        made = []
        for opened in (services, other):
            member_ids = active_members(opened, 150)
            add_plans(opened, member_ids, seed=4)
            made.append([(p.member_id, p.sections, p.goals) for p in all_plans(opened, member_ids)])
        assert made[0] == made[1] and len(made[0]) > 50
    finally:
        other.close()
