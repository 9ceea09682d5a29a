"""Recovery plans through the service: editing, reviews, comparison, the Plans list, access.

Real databases (SQLite file and PostgreSQL), a FixedClock at 2026-03-10.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import replace

import pytest
from sqlalchemy import delete, func, select, update

from recoverydesk.db.models_accounts import AuditModel
from recoverydesk.db.models_peers import AssignmentModel, PeerModel
from recoverydesk.db.models_plans import PlanReviewModel
from recoverydesk.domain.accounts import Actor, PermissionDeniedError, Role
from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.errors import ConflictError, NotFoundError, ValidationError
from recoverydesk.domain.members import MemberDraft
from recoverydesk.domain.peers import AssignmentKind, PeerRole
from recoverydesk.domain.plan_kinds import GoalStatus, PlanStatus
from recoverydesk.domain.plans import (
    SECTION_KEYS,
    Goal,
    PlanDraft,
    PlanPage,
    PlanSort,
    Step,
    Support,
)
from recoverydesk.services.barc10 import Barc10Service
from recoverydesk.services.container import Services
from recoverydesk.services.plans import PlanService

TODAY = dt.date(2026, 3, 10)
DESK = Actor("desk1", "Desk One", Role.FRONT_DESK, user_id=1)
VI = "Tôi muốn có một căn phòng riêng để các con đến thăm vào cuối tuần."
AR = "أريد أن أنام جيدًا وأن أرى أطفالي كل أسبوع."
RU = "Хочу вернуться на работу и снова играть на гитаре."
ZH = "我想每天早上散步，晚上十点前睡觉。한국어도 괜찮아요."


@pytest.fixture
def plans(services: Services) -> PlanService:
    return PlanService(services.db, services.clock, services.settings, services.access)


@pytest.fixture
def barc10(services: Services) -> Barc10Service:
    return Barc10Service(services.db, services.clock, services.settings, services.access)


def member(services: Services, first: str = "Alex", last: str = "Rivera") -> int:
    return services.members.create(MemberDraft(first_name=first, last_name=last)).id


def long_text(length: int = 5000) -> str:
    block = f"{VI}\n{AR}\n{RU}\n\t{ZH}\n"
    text = (block * (length // len(block) + 1))[: length - 1] + "."
    assert len(text) == length and unicodedata.is_normalized("NFC", text)
    return text


def a_draft() -> PlanDraft:
    steps = (Step("Fill in the housing form", due_on=TODAY), Step("Ask Dee to come with me"))
    return PlanDraft(
        sections={"triggers": "Payday", "strengths": "I show up"},
        supports=(Support("Dana", "sister", "(555) 555-0101"),),
        goals=(Goal("Home", "Find a flat", steps=steps), Goal("Health", "Sleep better")),
    )


# --- editing ----------------------------------------------------------------------------------


def test_start_makes_one_draft_plan_per_member(services: Services, plans: PlanService) -> None:
    member_id = member(services)
    assert plans.get(member_id) is None
    started = plans.start(member_id)
    assert (started.status, started.review_due_on, started.goals) == (PlanStatus.DRAFT, None, ())
    assert list(started.sections) == list(SECTION_KEYS)
    assert plans.start(member_id).id == started.id
    with pytest.raises(NotFoundError):
        plans.start(999_999)


def test_long_sections_and_non_latin_text_survive_exactly(
    services: Services, plans: PlanService
) -> None:
    member_id = member(services, "Linh", "Nguyễn")
    sections = {key: f"{key}: {long_text(4998 - len(key))}" for key in SECTION_KEYS}
    goal = Goal(
        "Home",
        VI,
        why=AR,
        measure=RU,
        baseline=ZH,
        target=long_text(4000),
        supports=RU,
        steps=(Step(ZH),),
    )
    draft = PlanDraft(sections=sections, supports=(Support("Мария", "сестра"),), goals=(goal,))
    saved = plans.save(member_id, draft, plans.start(member_id).version)
    loaded = plans.get(member_id)
    assert loaded == saved
    assert dict(loaded.sections) == sections
    assert all(len(loaded.sections[key]) == 5000 for key in SECTION_KEYS)
    assert replace(loaded.goals[0], id=None, steps=(Step(ZH),)) == goal
    assert loaded.supports[0].name == "Мария"
    plans.activate(member_id)
    review = plans.mark_reviewed(member_id)
    snapshot = plans.review(review.id)
    assert dict(snapshot.sections) == sections and snapshot.goals == loaded.goals


def test_saving_keeps_ids_of_rows_the_draft_carries(services: Services, plans: PlanService) -> None:
    member_id = member(services)
    first = plans.save(member_id, a_draft(), plans.start(member_id).version)
    flat, sleep = first.goals
    edited = replace(
        first.to_draft(),
        goals=(
            replace(flat, steps=(flat.steps[1], Step("Phone the council"))),
            Goal("Purpose", "Volunteer on Fridays"),
        ),
    )
    second = plans.save(member_id, edited, first.version)
    assert second.version == first.version + 1
    assert second.goals[0].id == flat.id
    assert second.goals[0].steps[0].id == flat.steps[1].id
    assert second.goals[0].steps[1].id not in {s.id for s in flat.steps}
    assert second.goals[1].id not in {flat.id, sleep.id}
    assert second.supports == first.supports
    assert plans.get(member_id) == second


def test_a_stale_save_is_refused_and_nothing_changes(
    services: Services, plans: PlanService
) -> None:
    member_id = member(services)
    start = plans.start(member_id)
    theirs = plans.save(member_id, a_draft(), start.version)
    with pytest.raises(ConflictError, match="still in the editor"):
        plans.save(member_id, PlanDraft(sections={"triggers": "Mine"}), start.version)
    assert plans.get(member_id) == theirs


def test_bad_input_names_the_field_and_saves_nothing(
    services: Services, plans: PlanService
) -> None:
    member_id = member(services)
    start = plans.start(member_id)
    future = TODAY + dt.timedelta(days=1)
    draft = replace(
        a_draft(),
        goals=(
            Goal("Home", "Flat"),
            Goal("Health", "Sleep", steps=(Step("Phone off at ten", done_on=future),)),
            Goal("Purpose", "", why="I want to feel useful"),
        ),
    )
    with pytest.raises(ValidationError) as caught:
        plans.save(member_id, draft, start.version)
    assert caught.value.for_field("goals[2].goal") == "Goal 3: the goal is required"
    assert "future" in (caught.value.for_field("goals[1].steps[0].done_on") or "")
    assert plans.get(member_id) == start
    assert plans.validate(draft) == list(caught.value.errors)


def test_activate_sets_the_first_review_from_the_settings(
    services: Services, plans: PlanService
) -> None:
    services.settings.save(services.settings.get().replace(plan_review_days=30))
    member_id = member(services)
    plans.start(member_id)
    active = plans.activate(member_id)
    assert active.status is PlanStatus.ACTIVE
    assert active.review_due_on == TODAY + dt.timedelta(days=30)
    assert plans.activate(member_id) == active


# --- reviews ----------------------------------------------------------------------------------


def test_mark_reviewed_keeps_a_snapshot_and_moves_the_review_date(
    services: Services, plans: PlanService, clock: FixedClock
) -> None:
    member_id = member(services)
    draft_plan = plans.save(member_id, a_draft(), plans.start(member_id).version)
    with pytest.raises(ValidationError, match="Activate"):
        plans.mark_reviewed(member_id)
    active = plans.activate(member_id)
    clock.advance(days=80)
    first = plans.mark_reviewed(member_id, expected_version=active.version)
    assert first.reviewed_on == dt.date(2026, 5, 29) and first.reviewed_by == "Command line"
    current = plans.get(member_id)
    assert current.review_due_on == dt.date(2026, 5, 29) + dt.timedelta(days=90)
    assert plans.review(first.id).goals == draft_plan.goals
    clock.advance(days=5)
    second = plans.mark_reviewed(member_id)
    assert [r.id for r in plans.reviews(member_id)] == [second.id, first.id]
    with pytest.raises(ConflictError):
        plans.mark_reviewed(member_id, expected_version=current.version)
    assert len(plans.reviews(member_id)) == 2


def test_snapshots_do_not_follow_later_edits(services: Services, plans: PlanService) -> None:
    member_id = member(services)
    plans.save(member_id, a_draft(), plans.start(member_id).version)
    plans.activate(member_id)
    review = plans.mark_reviewed(member_id)
    before = plans.review(review.id)
    current = plans.get(member_id)
    flat = current.goals[0]
    done = replace(flat, steps=(replace(flat.steps[0], done_on=TODAY), flat.steps[1]))
    edited = replace(
        current.to_draft(),
        sections={**current.sections, "triggers": "Payday and Sundays"},
        goals=(done, current.goals[1], Goal("home", "Keep my room tidy")),
    )
    after = plans.save(member_id, edited, current.version)
    assert plans.review(review.id) == before
    assert plans.compare(before, after) == [
        "Triggers changed",
        "Step done (Home): Fill in the housing form",
        "Goal added (Home): Keep my room tidy",
    ]
    plans.mark_reviewed(member_id)
    newest, oldest = plans.reviews(member_id)
    assert plans.compare(plans.review(oldest.id), plans.review(newest.id)) == plans.compare(
        before, after
    )


def test_the_database_refuses_to_change_or_delete_a_review(
    services: Services, plans: PlanService
) -> None:
    member_id = member(services)
    plans.save(member_id, a_draft(), plans.start(member_id).version)
    plans.activate(member_id)
    review = plans.mark_reviewed(member_id)
    kept = plans.review(review.id)
    with pytest.raises(Exception, match="append-only"), services.db.write() as session:
        session.execute(update(PlanReviewModel).values(snapshot="{}", reviewed_by="someone"))
    with pytest.raises(Exception, match="append-only"), services.db.write() as session:
        session.execute(delete(PlanReviewModel))
    assert plans.review(review.id) == kept
    with services.db.read() as session:
        assert session.scalar(select(func.count()).select_from(PlanReviewModel)) == 1


def test_suggestions_come_from_the_latest_barc10(
    services: Services, plans: PlanService, barc10: Barc10Service
) -> None:
    member_id = member(services)
    assert plans.suggestions(member_id) == []
    barc10.record(member_id, [2] * 10, TODAY - dt.timedelta(days=60), "Dee")
    barc10.record(member_id, [5, 5, 5, 5, 5, 5, 3, 5, 5, 5], TODAY, "Dee")
    (only,) = plans.suggestions(member_id)
    assert (only.domain, only.item, only.score) == ("Home", "Living space supports recovery", 3)
    assert plans.get(member_id) is None  # a suggestion never creates anything


# --- the Plans list ---------------------------------------------------------------------------


def add_peer(services: Services, name: str = "Dee Walsh") -> int:
    now = services.clock.now()
    with services.db.write() as session:
        peer = PeerModel(
            name=name,
            sort_key=name.lower(),
            role=PeerRole.PEER_SUPPORTER,
            caseload_cap=None,
            created_at=now,
            updated_at=now,
        )
        session.add(peer)
        session.flush()
        return peer.id


def assign(services: Services, member_id: int, peer_id: int, ended: bool = False) -> None:
    with services.db.write() as session:
        session.add(
            AssignmentModel(
                member_id=member_id,
                peer_id=peer_id,
                kind=AssignmentKind.PRIMARY,
                started_on=TODAY - dt.timedelta(days=30),
                ended_on=TODAY if ended else None,
                created_at=services.clock.now(),
            )
        )


@pytest.fixture
def three(services: Services, plans: PlanService, barc10: Barc10Service) -> dict[str, int]:
    """Able: a goal and two steps overdue; Baker: a draft, no BARC-10; Cole: all fine."""
    ids = {
        name: member(services, first, name)
        for first, name in (("Ana", "Able"), ("Ben", "Baker"), ("Cy", "Cole"), ("Di", "Dunn"))
    }
    past = TODAY - dt.timedelta(days=5)
    late = Goal(
        "Home",
        "Find a flat",
        target_date=past,
        status=GoalStatus.IN_PROGRESS,
        steps=(
            Step("Form", due_on=past),
            Step("Call", due_on=past),
            Step("Done", due_on=past, done_on=past),
        ),
    )
    achieved = Goal(
        "Health",
        "Sleep",
        status=GoalStatus.ACHIEVED,
        target_date=past,
        steps=(Step("x", due_on=past),),
    )
    plans.save(ids["Able"], PlanDraft(goals=(late, achieved)), plans.start(ids["Able"]).version)
    plans.activate(ids["Able"])
    plans.start(ids["Baker"])
    plans.start(ids["Cole"])
    plans.activate(ids["Cole"])
    plans.start(ids["Dunn"])
    services.members.archive(ids["Dunn"], "Moved away")
    member(services, "Ed", "Evans")  # no plan: never listed
    barc10.record(ids["Able"], [5] * 10, TODAY, "Dee")
    barc10.record(ids["Cole"], [3] * 10, TODAY - dt.timedelta(days=10), "Dee")
    return ids


def names(page: PlanPage) -> list[str]:
    return [row.last_name for row in page.rows]


def test_the_list_shows_counts_and_flags(plans: PlanService, three: dict[str, int]) -> None:
    page = plans.list_plans(with_total=True)
    assert (names(page), page.total, page.has_more) == (["Able", "Baker", "Cole"], 3, False)
    able, baker, cole = page.rows
    assert (able.goals_overdue, able.steps_overdue, able.barc10_total) == (1, 2, 50)
    assert able.barc10_at_or_above_threshold and not able.barc10_due
    assert able.barc10_due_on == TODAY + dt.timedelta(days=90)
    assert able.needs_attention and not cole.needs_attention
    assert (baker.status, baker.barc10_total, baker.barc10_due_on) == (PlanStatus.DRAFT, None, None)
    assert baker.barc10_due and baker.display_name == "Ben Baker"
    assert (cole.barc10_total, cole.review_due_on) == (30, TODAY + dt.timedelta(days=90))
    assert names(plans.list_plans(include_archived=True)) == ["Able", "Baker", "Cole", "Dunn"]


def test_needs_attention_and_peer_filters(
    services: Services, plans: PlanService, three: dict[str, int]
) -> None:
    assert names(plans.list_plans(attention_only=True)) == ["Able", "Baker"]
    dee, sam = add_peer(services), add_peer(services, "Sam Okafor")
    assign(services, three["Able"], dee)
    assign(services, three["Cole"], dee, ended=True)
    assign(services, three["Cole"], sam)
    assert names(plans.list_plans(peer_id=dee)) == ["Able"]
    assert names(plans.list_plans(peer_id=sam)) == ["Cole"]
    assert names(plans.list_plans(peer_id=sam, attention_only=True)) == []


def test_review_and_barc10_become_overdue_with_time(
    plans: PlanService, three: dict[str, int], clock: FixedClock
) -> None:
    clock.advance(days=91)
    rows = {row.last_name: row for row in plans.list_plans().rows}
    assert rows["Cole"].review_overdue and rows["Cole"].barc10_due
    assert not rows["Baker"].review_overdue  # a draft has no review date
    assert names(plans.list_plans(attention_only=True)) == ["Able", "Baker", "Cole"]
    assert plans.get(three["Cole"]).review_overdue(clock.today())


def test_the_list_sorts_and_pages_in_sql(plans: PlanService, three: dict[str, int]) -> None:
    assert names(plans.list_plans(sort=PlanSort.NAME, descending=True)) == ["Cole", "Baker", "Able"]
    assert names(plans.list_plans(sort=PlanSort.STEPS_OVERDUE))[0] == "Able"
    assert names(plans.list_plans(sort=PlanSort.BARC10_DUE)) == ["Baker", "Cole", "Able"]
    assert names(plans.list_plans(sort=PlanSort.BARC10_TOTAL)) == ["Cole", "Able", "Baker"]
    assert names(plans.list_plans(sort="barc10-total", descending=True)) == [
        "Able",
        "Cole",
        "Baker",
    ]
    assert names(plans.list_plans(sort=PlanSort.STATUS)) == ["Able", "Cole", "Baker"]
    assert names(plans.list_plans(sort=PlanSort.REVIEW_DUE)) == ["Able", "Cole", "Baker"]
    first = plans.list_plans(limit=2)
    rest = plans.list_plans(limit=2, offset=2)
    assert (names(first), first.has_more, names(rest), rest.has_more) == (
        ["Able", "Baker"],
        True,
        ["Cole"],
        False,
    )


# --- who may see plans ------------------------------------------------------------------------


def audit_rows(services: Services) -> list[tuple[str, str, str, str]]:
    with services.db.read() as session:
        rows = session.execute(
            select(AuditModel.action, AuditModel.entity, AuditModel.entity_id, AuditModel.detail)
        )
        return [(a.value, e, i, d) for a, e, i, d in rows]


def test_the_front_desk_never_sees_plans(services: Services, plans: PlanService) -> None:
    member_id = member(services)
    plans.save(member_id, a_draft(), plans.start(member_id).version)
    services.access.act_as(DESK)
    for attempt in (
        lambda: plans.get(member_id),
        lambda: plans.reviews(member_id),
        lambda: plans.suggestions(member_id),
        lambda: plans.list_plans(),
        lambda: plans.start(member_id),
        lambda: plans.save(member_id, PlanDraft(), 1),
        lambda: plans.activate(member_id),
    ):
        with pytest.raises(PermissionDeniedError):
            attempt()
    refused = [row for row in audit_rows(services) if row[0] == "refused"]
    assert len(refused) == 7
    services.access.act_as(None)
    with pytest.raises(PermissionDeniedError):
        plans.get(member_id)


def test_a_peer_sees_only_plans_on_their_caseload(services: Services, plans: PlanService) -> None:
    mine, other = member(services, "Ana", "Able"), member(services, "Ben", "Baker")
    for member_id in (mine, other):
        plans.start(member_id)
    peer_id = add_peer(services)
    assign(services, mine, peer_id)
    services.access.act_as(Actor("dee", "Dee Walsh", Role.PEER, user_id=5, peer_id=peer_id))
    saved = plans.save(mine, a_draft(), 1)
    assert saved.updated_by == "Dee Walsh"
    with pytest.raises(PermissionDeniedError, match="caseload"):
        plans.get(other)


def test_audit_records_views_and_changes_without_plan_text(
    services: Services, plans: PlanService
) -> None:
    member_id = member(services)
    plans.save(member_id, a_draft(), plans.start(member_id).version)
    plans.activate(member_id)
    review = plans.mark_reviewed(member_id)
    plans.get(member_id)
    plans.review(review.id)
    rows = audit_rows(services)
    ours = [(a, i) for a, e, i, _ in rows if e == "plan"]
    assert ours == [
        ("create", str(member_id)),
        ("update", str(member_id)),
        ("update", str(member_id)),
        ("update", str(member_id)),
        ("view", str(member_id)),  # the review read just after adds none (one per 10 min)
    ]
    text = " ".join(d for *_, d in rows)
    for private in ("Dana", "flat", "Payday", "Alex", "Rivera", "Sleep"):
        assert private not in text


def test_the_plans_list_searches_names_in_sql_and_a_peer_sees_only_their_caseload(
    services: Services,
) -> None:
    from recoverydesk.domain.accounts import Actor, Role
    from recoverydesk.domain.members import MemberDraft
    from recoverydesk.domain.peers import PeerDraft, PeerRole

    zoe = services.members.create(MemberDraft("Zoë", "Ngô"))
    sam = services.members.create(MemberDraft("Sam", "Okafor"))
    for member in (zoe, sam):
        services.plans.start(member.id)
    found = services.plans.list_plans(text="zoe ngo", with_total=True)
    assert [r.member_id for r in found.rows] == [zoe.id] and found.total == 1
    assert [r.member_id for r in services.plans.list_plans(text=sam.code).rows] == [sam.id]

    peer = services.peers.create(PeerDraft("Rosa Díaz", PeerRole.PEER_SUPPORTER))
    services.peers.assign(sam.id, peer.id)
    services.access.act_as(Actor("rosa", "Rosa Díaz", Role.PEER, user_id=9, peer_id=peer.id))
    assert [r.member_id for r in services.plans.list_plans(peer_id=None).rows] == [sam.id]
