"""Plan and BARC-10 rules, with no database.

Scoring bounds, the threshold, suggestions, overdue flags, validation, and the plain-words
comparison of two versions of a plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from recoverydesk.domain.barc10 import Barc10, Suggestion, validate_barc10
from recoverydesk.domain.plan_changes import compare_plans
from recoverydesk.domain.plan_kinds import BARC10_ITEMS, GoalStatus, PlanStatus
from recoverydesk.domain.plans import (
    SECTION_KEYS,
    SECTION_MAX,
    Goal,
    Plan,
    PlanDraft,
    Step,
    Support,
    canonical_domain,
    clean_plan,
    compact_plan,
    full_sections,
    validate_plan,
)

TODAY = dt.date(2026, 3, 10)
YESTERDAY = TODAY - dt.timedelta(days=1)
TOMORROW = TODAY + dt.timedelta(days=1)
NOW = dt.datetime(2026, 3, 10, 10, tzinfo=dt.UTC)


def barc(*scores: int, taken_on: dt.date = TODAY) -> Barc10:
    return Barc10(id=1, member_id=1, taken_on=taken_on, administered_by="Sam", scores=scores)


def plan(goals: tuple[Goal, ...] = (), **changes: object) -> Plan:
    base = Plan(
        id=1,
        member_id=1,
        status=PlanStatus.ACTIVE,
        review_due_on=None,
        sections=full_sections(),
        supports=(),
        goals=goals,
        version=1,
        created_at=NOW,
        updated_at=NOW,
        updated_by="Sam",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def fields(errors: list) -> dict[str, str]:
    return {e.field: e.message for e in errors}


# --- BARC-10 --------------------------------------------------------------------------------


def test_barc10_items_must_be_1_to_6() -> None:
    errors = fields(validate_barc10([0, 3, 3, 3, 3, 3, 7, 3, 3, 3], TODAY, TODAY))
    assert errors == {
        "item1": "Item 1 (Substance use no longer central) must be 1 to 6",
        "item7": "Item 7 (Living space supports recovery) must be 1 to 6",
    }
    assert validate_barc10([1] * 10, TODAY, TODAY) == []
    assert validate_barc10([6] * 10, TODAY, TODAY) == []


def test_barc10_needs_all_ten_answers_and_no_more() -> None:
    nine = fields(validate_barc10([4] * 9, TODAY, TODAY))
    assert list(nine) == ["item10"]
    assert "needs an answer" in nine["item10"]
    unanswered = fields(validate_barc10([4, None, 4, 4, 4, 4, 4, 4, 4, 4], TODAY, TODAY))
    assert list(unanswered) == ["item2"]
    assert "scores" in fields(validate_barc10([4] * 11, TODAY, TODAY))
    assert len(validate_barc10([], TODAY, TODAY)) == 10


def test_barc10_refuses_non_whole_numbers_and_future_dates() -> None:
    odd = fields(validate_barc10([True, 2.5, "3", 4, 4, 4, 4, 4, 4, 4], TODAY, TODAY))  # type: ignore[list-item]
    assert set(odd) == {"item1", "item2", "item3"}
    assert fields(validate_barc10([4] * 10, TOMORROW, TODAY)) == {
        "taken_on": "The date taken cannot be in the future"
    }
    assert "taken_on" in fields(validate_barc10([4] * 10, dt.date(1999, 12, 31), TODAY))


def test_barc10_total_is_computed_and_47_is_the_threshold() -> None:
    below = barc(5, 5, 5, 5, 5, 5, 5, 4, 4, 3)
    at = barc(5, 5, 5, 5, 5, 5, 5, 4, 4, 4)
    assert (below.total, below.at_or_above_threshold) == (46, False)
    assert (at.total, at.at_or_above_threshold) == (47, True)
    assert barc(*[1] * 10).total == 10 and barc(*[6] * 10).total == 60


def test_barc10_next_due_is_one_interval_after() -> None:
    assert barc(*[4] * 10, taken_on=dt.date(2026, 1, 1)).due_on(90) == dt.date(2026, 4, 1)


def test_low_items_suggest_their_domain_and_nothing_else() -> None:
    scores = [4, 4, 4, 4, 4, 4, 2, 4, 4, 4]
    assert barc(*scores).suggestions() == [
        Suggestion(domain="Home", item="Living space supports recovery", score=2)
    ]
    assert barc(*[4] * 10).suggestions() == []
    every = barc(*[3] * 10).suggestions()
    assert [(s.domain, s.item) for s in every] == [(domain, item) for item, domain in BARC10_ITEMS]
    assert [s.score for s in barc(1, 2, 3, 4, 5, 6, 1, 2, 3, 4).suggestions()] == [1, 2, 3, 1, 2, 3]
    assert "Home goal" in every[6].prompt


# --- overdue flags --------------------------------------------------------------------------


def test_a_step_is_overdue_when_due_before_today_and_not_done() -> None:
    assert Step("Call the council", due_on=YESTERDAY).is_overdue(TODAY)
    assert not Step("Call the council", due_on=TODAY).is_overdue(TODAY)
    assert not Step("Call the council", due_on=YESTERDAY, done_on=YESTERDAY).is_overdue(TODAY)
    assert not Step("Call the council").is_overdue(TODAY)


def test_an_open_goal_past_its_target_date_is_overdue() -> None:
    late = Goal("Home", "Get a flat", target_date=YESTERDAY, status=GoalStatus.IN_PROGRESS)
    assert late.is_overdue(TODAY)
    assert replace(late, status=GoalStatus.NOT_STARTED).is_overdue(TODAY)
    for closed in (GoalStatus.ACHIEVED, GoalStatus.PAUSED, GoalStatus.STOPPED):
        assert not replace(late, status=closed).is_overdue(TODAY)
    assert not replace(late, target_date=TODAY).is_overdue(TODAY)
    assert not replace(late, target_date=None).is_overdue(TODAY)


def test_overdue_steps_of_a_plan_count_only_open_goals() -> None:
    steps = (Step("A", due_on=YESTERDAY), Step("B", due_on=TOMORROW), Step("C", due_on=YESTERDAY))
    open_goal = Goal("Health", "Sleep", steps=steps, status=GoalStatus.IN_PROGRESS)
    paused = replace(open_goal, status=GoalStatus.PAUSED)
    current = plan((open_goal, paused), review_due_on=YESTERDAY)
    assert [s.what for s in current.overdue_steps(TODAY)] == ["A", "C"]
    assert current.review_overdue(TODAY) and not current.review_overdue(YESTERDAY)
    assert current.overdue_goals(TODAY) == ()


# --- cleaning and validation ----------------------------------------------------------------


def test_a_goal_without_its_words_is_named_by_path() -> None:
    goals = (Goal("Home", "Find a flat"), Goal("Health", "Sleep"), Goal("Purpose", "", why="x"))
    errors = validate_plan(clean_plan(PlanDraft(goals=goals)), TODAY)
    assert [str(e) for e in errors] == ["goals[2].goal: Goal 3: the goal is required"]


def test_a_step_done_in_the_future_is_refused() -> None:
    goal = Goal("Home", "Flat", steps=(Step("Form", done_on=TODAY), Step("Call", done_on=TOMORROW)))
    errors = fields(validate_plan(PlanDraft(goals=(goal,)), TODAY))
    assert errors == {
        "goals[0].steps[1].done_on": "Goal 1, step 2: the done date cannot be in the future"
    }


def test_section_length_support_phone_and_domain_limits() -> None:
    draft = PlanDraft(
        sections={"triggers": "x" * (SECTION_MAX + 1), "strengths": "y" * SECTION_MAX},
        supports=(Support("Dana", "sister", "call me maybe"), Support("", "friend")),
        goals=(Goal("D" * 61, "Something"), Goal("", "No domain")),
    )
    errors = fields(validate_plan(clean_plan(draft), TODAY))
    assert set(errors) == {
        "triggers",
        "supports[0].phone",
        "supports[1].name",
        "goals[0].domain",
        "goals[1].domain",
    }
    assert errors["triggers"].startswith("Things that can set me back is too long")
    unknown = validate_plan(PlanDraft(sections={"goals": "x"}), TODAY)
    assert fields(unknown) == {"sections": "There is no section called 'goals'"}


def test_blank_rows_are_not_errors_and_are_not_kept() -> None:
    draft = PlanDraft(
        supports=(Support(""), Support("Dana")),
        goals=(Goal("Home", "", steps=(Step(""),)), Goal("Health", "Sleep", steps=(Step(""),))),
    )
    assert validate_plan(draft, TODAY) == []
    compact = compact_plan(draft)
    assert compact.supports == (Support("Dana"),)
    assert compact.goals == (Goal("Health", "Sleep"),)
    assert list(compact.sections) == list(SECTION_KEYS)


def test_cleaning_keeps_line_breaks_in_free_text_and_names_standard_domains() -> None:
    draft = PlanDraft(
        sections={"daily_routine": "Up at 7\r\nWalk the dog\x00"},
        goals=(Goal("  home ", "Find\na flat", steps=(Step("  Call   the council "),)),),
    )
    cleaned = clean_plan(draft)
    assert cleaned.sections["daily_routine"] == "Up at 7\nWalk the dog"
    assert cleaned.goals[0].domain == "Home"
    assert cleaned.goals[0].goal == "Find\na flat"
    assert cleaned.goals[0].steps[0].what == "Call the council"
    assert canonical_domain("Family ") == "Family"


# --- comparing versions ---------------------------------------------------------------------


def test_compare_lists_readable_changes() -> None:
    flat = Goal("Home", "Find a flat", steps=(Step("Fill in the form", id=10),), id=1)
    old = plan((flat,), sections=full_sections({"triggers": "Payday"}))
    done = replace(flat, steps=(replace(flat.steps[0], done_on=YESTERDAY),))
    new = plan(
        (done, Goal("Health", "Sleep better", id=2)),
        sections=full_sections({"triggers": "Payday and Sundays", "strengths": "I show up"}),
        supports=(Support("Dana", "sister"),),
    )
    assert compare_plans(old, new) == [
        "Strengths added",
        "Triggers changed",
        "Support added: Dana",
        "Step done (Home): Fill in the form",
        "Goal added (Health): Sleep better",
    ]
    assert compare_plans(new, old)[-1] == "Goal removed (Health): Sleep better"
    assert compare_plans(new, new) == []


def test_compare_matches_goals_by_id_through_rewording_and_status() -> None:
    old = plan((Goal("Home", "Find a flat", id=1),), status=PlanStatus.DRAFT)
    new = plan(
        (
            Goal(
                "Home",
                "Find a flat near my sister",
                status=GoalStatus.ACHIEVED,
                measure="Keys",
                id=1,
            ),
        )
    )
    assert compare_plans(old, new) == [
        "Plan activated",
        "Goal reworded (Home): Find a flat near my sister",
        "Goal now achieved (Home): Find a flat near my sister",
        "Goal measure changed (Home): Find a flat near my sister",
    ]


def test_compare_a_plan_with_unsaved_edits() -> None:
    saved = plan((Goal("Home", "Find a flat", steps=(Step("Form", id=3),), id=1),))
    draft = saved.to_draft()
    edited = replace(draft, goals=(replace(draft.goals[0], steps=(Step("Phone the council"),)),))
    assert compare_plans(saved, edited) == [
        "Step added (Home): Phone the council",
        "Step removed (Home): Form",
    ]
