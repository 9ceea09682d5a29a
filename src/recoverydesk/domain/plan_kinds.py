"""The fixed vocabularies of recovery plans: statuses, goal domains, step owners, BARC-10.

BARC-10 (Brief Assessment of Recovery Capital, Vilsaint et al. 2017) has ten items scored
1-6. The topics below are short labels in our own words, not the published item wording.
"""

from __future__ import annotations

from enum import StrEnum

from recoverydesk.domain.labels import LabelledEnum


class PlanStatus(LabelledEnum):
    """A plan starts as a draft and becomes active when the member agrees to it."""

    DRAFT = "draft"
    ACTIVE = "active"


class GoalStatus(LabelledEnum):
    """Where a goal stands."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    ACHIEVED = "achieved"
    PAUSED = "paused"
    STOPPED = "stopped"

    @property
    def is_open(self) -> bool:
        """True while the goal is still being worked on (it can be overdue)."""
        return self in (GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS)


class StepOwner(StrEnum):
    """Who takes an action step."""

    MEMBER = "member"
    PEER = "peer"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"member": "Me", "peer": "My peer", "other": "Someone else"}[self.value]


#: SAMHSA's four dimensions of recovery; sites may add their own domains.
STANDARD_DOMAINS: tuple[str, ...] = ("Health", "Home", "Purpose", "Community")

#: Wellness sections: (key, heading). Every one is optional free text in the member's words.
WELLNESS_SECTIONS: tuple[tuple[str, str], ...] = (
    ("strengths", "My strengths"),
    ("when_well", "What I'm like when I'm well"),
    ("triggers", "Things that can set me back"),
    ("warning_signs", "Early warning signs"),
    ("coping_tools", "What helps me cope"),
    ("daily_routine", "My daily routine"),
    ("crisis_who", "In a crisis, who to call"),
    ("crisis_helps", "In a crisis, what helps"),
    ("crisis_avoid", "In a crisis, what doesn't help"),
)

#: BARC-10 item topics, in item order, with the plan domain a low score suggests.
BARC10_ITEMS: tuple[tuple[str, str], ...] = (
    ("Substance use no longer central", "Health"),
    ("Life satisfaction", "Purpose"),
    ("Energy for daily life", "Health"),
    ("Community belonging", "Community"),
    ("Support from friends", "Community"),
    ("Fulfilling life without substances", "Purpose"),
    ("Living space supports recovery", "Home"),
    ("Taking responsibility", "Purpose"),
    ("Working with professionals", "Health"),
    ("Sense of progress", "Purpose"),
)

BARC10_MIN_ITEM = 1
BARC10_MAX_ITEM = 6
#: A total at or above this was associated with sustained remission.
BARC10_THRESHOLD = 47
#: The answer scale, 1..6.
BARC10_SCALE: tuple[str, ...] = (
    "Strongly disagree",
    "Disagree",
    "Somewhat disagree",
    "Somewhat agree",
    "Agree",
    "Strongly agree",
)
