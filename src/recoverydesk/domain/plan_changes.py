"""What changed between two versions of a plan, in plain words.

``compare_plans`` lists the changes from one version (a ``Plan``, a reviewed snapshot or
the editor's ``PlanDraft``) to another in plan order: the status, each wellness section,
then supports, goals and their steps, matched by id and then by their text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from recoverydesk.domain.plan_kinds import PlanStatus
from recoverydesk.domain.plans import (
    SECTION_KEYS,
    Goal,
    Plan,
    PlanDraft,
    Step,
    Support,
    full_sections,
)
from recoverydesk.domain.text import fold

#: Short names of the sections, for lists of changes ("Triggers changed").
SECTION_NAMES: dict[str, str] = {
    "strengths": "Strengths",
    "when_well": "When I'm well",
    "triggers": "Triggers",
    "warning_signs": "Early warning signs",
    "coping_tools": "Coping tools",
    "daily_routine": "Daily routine",
    "crisis_who": "Crisis: who to call",
    "crisis_helps": "Crisis: what helps",
    "crisis_avoid": "Crisis: what doesn't help",
}
_Row = TypeVar("_Row", Support, Goal, Step)

_GOAL_DETAILS = {
    "why": "why it matters",
    "measure": "measure",
    "baseline": "baseline",
    "target": "target",
    "target_date": "target date",
    "supports": "supports",
}


def compare_plans(old: Plan | PlanDraft, new: Plan | PlanDraft) -> list[str]:
    """What changed from ``old`` to ``new``, in plain words, plan order.

    For example "Plan activated", "Triggers changed", "Support added: Dana",
    "Goal added (Home): Find a flat", "Step done (Health): Book a dentist". Goals, steps
    and supports are matched by id, then by their text.
    """
    changes: list[str] = []
    old_status, new_status = getattr(old, "status", None), getattr(new, "status", None)
    if old_status != new_status and new_status is not None:
        activated = new_status is PlanStatus.ACTIVE
        changes.append("Plan activated" if activated else f"Plan now {new_status.label}")
    old_sections, new_sections = full_sections(old.sections), full_sections(new.sections)
    for key in SECTION_KEYS:
        if (change := _text_change(old_sections[key], new_sections[key])) is not None:
            changes.append(f"{SECTION_NAMES[key]} {change}")
    for before, after in _matched(old.supports, new.supports, lambda s: fold(s.name)):
        changes.extend(_support_change(before, after))
    for before, after in _matched(old.goals, new.goals, lambda g: fold(g.domain + g.goal)):
        changes.extend(_goal_changes(before, after))
    return changes


def _text_change(before: str, after: str) -> str | None:
    if before == after:
        return None
    return "added" if not before else "removed" if not after else "changed"


def _matched(
    old: Sequence[_Row], new: Sequence[_Row], key: Callable[[_Row], str]
) -> list[tuple[_Row | None, _Row | None]]:
    """Pairs (old, new) in ``new``'s order, by id and then by ``key``; removals last."""
    left = list(old)
    found: list[_Row | None] = []
    for row in new:
        match = next((o for o in left if row.id is not None and o.id == row.id), None)
        if match is not None:
            left.remove(match)
        found.append(match)
    for i, row in enumerate(new):
        if found[i] is None:
            match = next((o for o in left if key(o) == key(row)), None)
            if match is not None:
                left.remove(match)
                found[i] = match
    pairs: list[tuple[_Row | None, _Row | None]] = list(zip(found, new, strict=True))
    return pairs + [(o, None) for o in left]


def _short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _support_change(before: Support | None, after: Support | None) -> list[str]:
    if before is None and after is not None:
        return [f"Support added: {_short(after.name)}"]
    if after is None and before is not None:
        return [f"Support removed: {_short(before.name)}"]
    assert before is not None and after is not None
    same = (before.name, before.relation, before.phone) == (after.name, after.relation, after.phone)
    return [] if same else [f"Support changed: {_short(after.name)}"]


def _goal_changes(before: Goal | None, after: Goal | None) -> list[str]:
    if before is None and after is not None:
        return [f"Goal added ({after.domain}): {_short(after.goal)}"]
    if after is None and before is not None:
        return [f"Goal removed ({before.domain}): {_short(before.goal)}"]
    assert before is not None and after is not None
    what, where = _short(after.goal), after.domain
    changes = []
    if before.domain != after.domain:
        changes.append(f"Goal moved from {before.domain} to {after.domain}: {what}")
    if before.goal != after.goal:
        changes.append(f"Goal reworded ({where}): {what}")
    if before.status != after.status:
        changes.append(f"Goal now {after.status.label.lower()} ({where}): {what}")
    details = [
        label for n, label in _GOAL_DETAILS.items() if getattr(before, n) != getattr(after, n)
    ]
    if details:
        changes.append(f"Goal {_and(details)} changed ({where}): {what}")
    for old_step, new_step in _matched(before.steps, after.steps, lambda s: fold(s.what)):
        changes.extend(_step_change(where, old_step, new_step))
    return changes


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _step_change(where: str, before: Step | None, after: Step | None) -> list[str]:
    if before is None and after is not None:
        return [f"Step added ({where}): {_short(after.what)}"]
    if after is None and before is not None:
        return [f"Step removed ({where}): {_short(before.what)}"]
    assert before is not None and after is not None
    what = _short(after.what)
    changes = []
    if before.done_on is None and after.done_on is not None:
        changes.append(f"Step done ({where}): {what}")
    elif before.done_on is not None and after.done_on is None:
        changes.append(f"Step reopened ({where}): {what}")
    if (before.what, before.owner, before.due_on) != (after.what, after.owner, after.due_on):
        changes.append(f"Step changed ({where}): {what}")
    return changes
