"""BARC-10 assessments (Brief Assessment of Recovery Capital; Vilsaint et al. 2017).

``Barc10`` is one assessment: ten items, each scored 1 (strongly disagree) to 6 (strongly
agree); the total (10-60) is always computed, never typed, and a total of 47 or more was
associated with sustained remission. Its low items become gentle ``Suggestion`` values
for new plan goals. ``validate_barc10`` names each problem by field: ``item1``...
``item10``, ``scores``, ``taken_on``, ``administered_by``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from recoverydesk.domain.errors import FieldError
from recoverydesk.domain.plan_kinds import (
    BARC10_ITEMS,
    BARC10_MAX_ITEM,
    BARC10_MIN_ITEM,
    BARC10_THRESHOLD,
)
from recoverydesk.domain.validation import (
    EARLIEST_RECORD,
    check_length,
    check_past_date,
    is_whole_number,
)

ADMINISTERED_BY_MAX = 160
BARC10_COUNT = len(BARC10_ITEMS)


@dataclass(frozen=True)
class Suggestion:
    """A gentle prompt: a low BARC-10 item hints at a domain for a new goal."""

    domain: str
    item: str
    score: int

    @property
    def prompt(self) -> str:
        return f"{self.item} was {self.score} of 6. Would a {self.domain} goal help?"


@dataclass(frozen=True)
class Barc10:
    """One BARC-10: ten item scores (1-6); the total is always computed, never typed."""

    id: int
    member_id: int
    taken_on: dt.date
    administered_by: str
    scores: tuple[int, ...]
    created_at: dt.datetime | None = None

    @property
    def total(self) -> int:
        return sum(self.scores)

    @property
    def at_or_above_threshold(self) -> bool:
        """A total of 47 or more was associated with sustained remission."""
        return self.total >= BARC10_THRESHOLD

    def items(self) -> list[tuple[int, str, int]]:
        """(item number, topic, score) for each item, in order."""
        return [(n, BARC10_ITEMS[n - 1][0], s) for n, s in enumerate(self.scores, start=1)]

    def due_on(self, interval_days: int) -> dt.date:
        return self.taken_on + dt.timedelta(days=interval_days)

    def suggestions(self) -> list[Suggestion]:
        """Items scored 1 to 3, each pointing at its plan domain (nothing is created)."""
        return [
            Suggestion(domain=BARC10_ITEMS[n - 1][1], item=label, score=score)
            for n, label, score in self.items()
            if score <= 3
        ]


def validate_barc10(
    scores: Sequence[int | None], taken_on: dt.date, today: dt.date, administered_by: str = ""
) -> list[FieldError]:
    """Every problem with an assessment: each item 1-6 and all ten answered; a past date."""
    errors: list[FieldError] = []
    if len(scores) > BARC10_COUNT:
        message = f"BARC-10 has {BARC10_COUNT} items; {len(scores)} scores were given"
        errors.append(FieldError("scores", message))
    for number, (label, _) in enumerate(BARC10_ITEMS, start=1):
        score = scores[number - 1] if number <= len(scores) else None
        name = f"item{number}"
        if score is None:
            errors.append(FieldError(name, f"Item {number} ({label}) needs an answer, 1 to 6"))
        elif not is_whole_number(score, BARC10_MIN_ITEM, BARC10_MAX_ITEM):
            errors.append(FieldError(name, f"Item {number} ({label}) must be 1 to 6"))
    if problem := check_past_date("taken_on", "The date taken", taken_on, today, EARLIEST_RECORD):
        errors.append(problem)
    too_long = check_length(
        "administered_by", "Administered by", administered_by, ADMINISTERED_BY_MAX
    )
    return errors + ([too_long] if too_long else [])
