"""Recovery plans as plain values, with the rules a plan draft must meet.

A member has at most one current ``Plan``: wellness sections in their own words, a support
network, and goals by life domain with action steps. Marking a plan reviewed keeps an
immutable snapshot of it (``ReviewInfo`` lists them); ``plan_changes.compare_plans`` says
in plain words what changed between two versions. BARC-10 assessments are in ``barc10``.

Editing works on drafts: ``plan.to_draft()`` gives a ``PlanDraft`` whose goals, steps and
supports keep their ids (new ones have ``id=None``), so saved versions can be matched up.
Validation errors name the field by path with 0-based indices, as in the draft's tuples:
``triggers``, ``supports[0].phone``, ``goals[2].goal``, ``goals[0].steps[1].done_on``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from recoverydesk.domain.errors import FieldError
from recoverydesk.domain.members import display_name
from recoverydesk.domain.plan_kinds import (
    BARC10_THRESHOLD,
    STANDARD_DOMAINS,
    WELLNESS_SECTIONS,
    GoalStatus,
    PlanStatus,
    StepOwner,
)
from recoverydesk.domain.text import clean_multiline, clean_text, fold
from recoverydesk.domain.validation import (
    EARLIEST_RECORD,
    check_length,
    check_past_date,
    check_phone,
)

SECTION_KEYS: tuple[str, ...] = tuple(key for key, _ in WELLNESS_SECTIONS)
SECTION_HEADINGS: dict[str, str] = dict(WELLNESS_SECTIONS)
SECTION_MAX = 20_000
DOMAIN_MAX = 60
GOAL_TEXT_MAX = 4_000
STEP_MAX = 1_000
SUPPORT_NAME_MAX = 160
RELATION_MAX = 80
MAX_GOALS = 30
MAX_STEPS = 30
MAX_SUPPORTS = 20


# --- plan values ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Support:
    """Someone in the member's support network (``id`` None until saved)."""

    name: str
    relation: str = ""
    phone: str = ""
    id: int | None = None

    @property
    def blank(self) -> bool:
        return not (self.name or self.relation or self.phone)


@dataclass(frozen=True)
class Step:
    """An action step towards a goal (``id`` None until saved)."""

    what: str
    owner: StepOwner = StepOwner.MEMBER
    due_on: dt.date | None = None
    done_on: dt.date | None = None
    id: int | None = None

    @property
    def blank(self) -> bool:
        return not self.what and self.due_on is None and self.done_on is None

    def is_overdue(self, today: dt.date) -> bool:
        """Not done and due before ``today`` (whatever its goal's status)."""
        return self.done_on is None and self.due_on is not None and self.due_on < today


@dataclass(frozen=True)
class Goal:
    """A goal in the member's own words, in a life domain, with its action steps."""

    domain: str
    goal: str
    why: str = ""
    measure: str = ""
    baseline: str = ""
    target: str = ""
    target_date: dt.date | None = None
    status: GoalStatus = GoalStatus.NOT_STARTED
    supports: str = ""
    steps: tuple[Step, ...] = ()
    id: int | None = None

    @property
    def blank(self) -> bool:
        texts = (self.goal, self.why, self.measure, self.baseline, self.target, self.supports)
        return not any(texts) and self.target_date is None and all(s.blank for s in self.steps)

    def is_overdue(self, today: dt.date) -> bool:
        """Still open (not started or in progress) and past its target date."""
        return self.status.is_open and self.target_date is not None and self.target_date < today

    def overdue_steps(self, today: dt.date) -> tuple[Step, ...]:
        """Overdue steps; a goal that is achieved, paused or stopped flags none."""
        if not self.status.is_open:
            return ()
        return tuple(s for s in self.steps if s.is_overdue(today))


#: The editor's names for the same values: a draft row is one whose ``id`` is None.
SupportDraft = Support
StepDraft = Step
GoalDraft = Goal


def full_sections(sections: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every wellness section key, in order, with ``sections``' text ('' where missing)."""
    given = sections or {}
    return {key: given.get(key, "") for key in SECTION_KEYS}


@dataclass(frozen=True)
class PlanDraft:
    """What the plan editor holds: sections by key, supports and goals (ids kept)."""

    sections: Mapping[str, str] = field(default_factory=dict)
    supports: tuple[Support, ...] = ()
    goals: tuple[Goal, ...] = ()

    def section(self, key: str) -> str:
        return self.sections.get(key, "")


@dataclass(frozen=True)
class Plan:
    """A member's saved plan (or a reviewed snapshot of it). Treat ``sections`` as read-only.

    ``sections`` maps every key of ``WELLNESS_SECTIONS`` to its text, in that order.
    ``version`` goes up on every save; pass it back as ``expected_version``.
    """

    id: int
    member_id: int
    status: PlanStatus
    review_due_on: dt.date | None
    sections: Mapping[str, str]
    supports: tuple[Support, ...]
    goals: tuple[Goal, ...]
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    updated_by: str

    def section(self, key: str) -> str:
        return self.sections.get(key, "")

    def to_draft(self) -> PlanDraft:
        """The editable parts of this plan, ids kept (to fill the editor)."""
        return PlanDraft(sections=dict(self.sections), supports=self.supports, goals=self.goals)

    def review_overdue(self, today: dt.date) -> bool:
        return self.review_due_on is not None and self.review_due_on < today

    def overdue_goals(self, today: dt.date) -> tuple[Goal, ...]:
        return tuple(g for g in self.goals if g.is_overdue(today))

    def overdue_steps(self, today: dt.date) -> tuple[Step, ...]:
        return tuple(s for g in self.goals for s in g.overdue_steps(today))


@dataclass(frozen=True)
class ReviewInfo:
    """One "Mark reviewed": when (UTC, and the site-local date) and by whom."""

    id: int
    member_id: int
    reviewed_at: dt.datetime
    reviewed_on: dt.date
    reviewed_by: str


class PlanSort(StrEnum):
    """Orders of the Plans list (done in SQL); ties go by member name."""

    NAME = "name"
    CODE = "code"
    STATUS = "status"
    REVIEW_DUE = "review-due"
    GOALS_OVERDUE = "goals-overdue"
    STEPS_OVERDUE = "steps-overdue"
    BARC10_TOTAL = "barc10-total"
    BARC10_DUE = "barc10-due"


@dataclass(frozen=True)
class PlanListRow:
    """One row of the Plans list: who, and what needs attention (no plan text)."""

    member_id: int
    code: str
    first_name: str
    last_name: str
    preferred_name: str
    status: PlanStatus
    review_due_on: dt.date | None
    review_overdue: bool
    goals_overdue: int
    steps_overdue: int
    barc10_total: int | None
    barc10_taken_on: dt.date | None
    #: None when the member has no BARC-10 yet (then ``barc10_due`` is True).
    barc10_due_on: dt.date | None
    barc10_due: bool
    updated_at: dt.datetime

    @property
    def display_name(self) -> str:
        return display_name(self.first_name, self.last_name, self.preferred_name)

    @property
    def needs_attention(self) -> bool:
        """Review overdue, a goal past its target date, or a BARC-10 due."""
        return self.review_overdue or self.goals_overdue > 0 or self.barc10_due

    @property
    def barc10_at_or_above_threshold(self) -> bool:
        return self.barc10_total is not None and self.barc10_total >= BARC10_THRESHOLD


@dataclass(frozen=True)
class PlanPage:
    """One page of the Plans list and whether more follow."""

    rows: tuple[PlanListRow, ...]
    has_more: bool
    total: int | None = None


# --- cleaning and validating a draft --------------------------------------------------------


def canonical_domain(text: str) -> str:
    """A domain as typed, cleaned; "home " or "HOME" becomes the standard "Home"."""
    cleaned = clean_text(text)
    standard = {fold(d): d for d in STANDARD_DOMAINS}
    return standard.get(fold(cleaned), cleaned)


def clean_plan(draft: PlanDraft) -> PlanDraft:
    """Text cleaned (NFC, control characters out; line breaks kept in free text)."""
    sections = {key: clean_multiline(value) for key, value in draft.sections.items()}
    supports = tuple(
        Support(clean_text(s.name), clean_text(s.relation), clean_text(s.phone), s.id)
        for s in draft.supports
    )
    return PlanDraft(
        sections=sections, supports=supports, goals=tuple(map(_clean_goal, draft.goals))
    )


def _clean_goal(goal: Goal) -> Goal:
    steps = tuple(Step(clean_text(s.what), s.owner, s.due_on, s.done_on, s.id) for s in goal.steps)
    return Goal(
        domain=canonical_domain(goal.domain),
        goal=clean_multiline(goal.goal),
        why=clean_multiline(goal.why),
        measure=clean_multiline(goal.measure),
        baseline=clean_multiline(goal.baseline),
        target=clean_multiline(goal.target),
        target_date=goal.target_date,
        status=goal.status,
        supports=clean_multiline(goal.supports),
        steps=steps,
        id=goal.id,
    )


def compact_plan(draft: PlanDraft) -> PlanDraft:
    """``draft`` without blank rows (an empty support, goal or step is simply not kept)."""
    goals = tuple(
        replace(g, steps=tuple(s for s in g.steps if not s.blank))
        for g in draft.goals
        if not g.blank
    )
    supports = tuple(s for s in draft.supports if not s.blank)
    return PlanDraft(sections=full_sections(draft.sections), supports=supports, goals=goals)


_LABELS = {"goal": "the goal", "why": "why it matters", "what": "the step"}
_LIMITS = {"name": SUPPORT_NAME_MAX, "relation": RELATION_MAX, "domain": DOMAIN_MAX}
_LIMITS |= {"what": STEP_MAX, "goal": GOAL_TEXT_MAX, "why": GOAL_TEXT_MAX}
_LIMITS |= {"measure": GOAL_TEXT_MAX, "baseline": GOAL_TEXT_MAX, "target": GOAL_TEXT_MAX}


def validate_plan(draft: PlanDraft, today: dt.date) -> list[FieldError]:
    """Every problem with a (cleaned) draft; blank rows are ignored, not errors."""
    errors: list[FieldError] = []
    for key, text in draft.sections.items():
        if key not in SECTION_HEADINGS:
            errors.append(FieldError("sections", f"There is no section called '{key}'"))
        elif problem := check_length(key, SECTION_HEADINGS[key], text, SECTION_MAX):
            errors.append(problem)
    errors += _too_many("supports", "people in the support network", draft.supports, MAX_SUPPORTS)
    for i, support in enumerate(draft.supports):
        errors += _support_errors(f"supports[{i}]", f"Support {i + 1}", support)
    errors += _too_many("goals", "goals", draft.goals, MAX_GOALS)
    for i, goal in enumerate(draft.goals):
        errors += _goal_errors(f"goals[{i}]", f"Goal {i + 1}", goal, today)
    return errors


def _too_many(name: str, what: str, rows: Sequence[object], limit: int) -> list[FieldError]:
    return [FieldError(name, f"At most {limit} {what}")] if len(rows) > limit else []


def _support_errors(path: str, label: str, support: Support) -> list[FieldError]:
    if support.blank:
        return []
    errors = _too_long(path, label, support, ("name", "relation"))
    if not support.name:
        errors.append(FieldError(f"{path}.name", f"{label}: a name is required"))
    if problem := check_phone(f"{path}.phone", support.phone):
        errors.append(FieldError(problem.field, f"{label}: {problem.message}"))
    return errors


def _goal_errors(path: str, label: str, goal: Goal, today: dt.date) -> list[FieldError]:
    if goal.blank:
        return []
    texts = ("domain", "goal", "why", "measure", "baseline", "target", "supports")
    errors = _too_long(path, label, goal, texts)
    if not goal.goal:
        errors.append(FieldError(f"{path}.goal", f"{label}: the goal is required"))
    if not goal.domain:
        message = f"{label}: choose a domain ({', '.join(STANDARD_DOMAINS)} or your own)"
        errors.append(FieldError(f"{path}.domain", message))
    errors += _too_many(f"{path}.steps", "steps for one goal", goal.steps, MAX_STEPS)
    for j, step in enumerate(goal.steps):
        errors += _step_errors(f"{path}.steps[{j}]", f"{label}, step {j + 1}", step, today)
    return errors


def _step_errors(path: str, label: str, step: Step, today: dt.date) -> list[FieldError]:
    if step.blank:
        return []
    errors = _too_long(path, label, step, ("what",))
    if not step.what:
        errors.append(FieldError(f"{path}.what", f"{label}: say what the step is"))
    done = check_past_date(f"{path}.done_on", "the done date", step.done_on, today, EARLIEST_RECORD)
    if done is not None:
        errors.append(FieldError(done.field, f"{label}: {done.message}"))
    return errors


def _too_long(path: str, label: str, row: object, names: Sequence[str]) -> list[FieldError]:
    errors = []
    for name in names:
        text: str = getattr(row, name)
        limit = _LIMITS.get(name, GOAL_TEXT_MAX)
        if len(text) > limit:
            what = _LABELS.get(name, name)
            message = f"{label}: {what} is too long ({len(text)} characters; at most {limit})"
            errors.append(FieldError(f"{path}.{name}", message))
    return errors
