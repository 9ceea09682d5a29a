"""``plan_handout``: a member's recovery plan with 8 goals, from values to a finished PDF.

Measures ``recoverydesk.reports.plan.render_plan`` (the page template, font runs per
script, goals by domain with their steps, six wellness sections, the support network,
contacts, the crisis box, the BARC-10 chart, embedded font subsets, the atomic write).
The baseline is a bare ReportLab document with the same text: one Helvetica paragraph per
line of the plan, no template, no chart.

Goal: a median of 60 ms or less.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from common import Metric, median_ms
from recoverydesk.domain.handouts import PeerContact, PlanHandoutData, SiteInfo
from recoverydesk.domain.plan_kinds import STANDARD_DOMAINS, GoalStatus, StepOwner
from recoverydesk.domain.plans import Goal, Step, Support
from recoverydesk.reports.plan import render_plan

GOAL_MS = 60.0
DAY = dt.date(2026, 3, 10)


def plan() -> PlanHandoutData:
    goals = tuple(
        Goal(
            domain=STANDARD_DOMAINS[i % 4],
            goal=f"Goal {i + 1}: walk to the harbour and back three times a week",
            why="It clears my head and I sleep better afterwards",
            measure="Walks a week",
            baseline="None",
            target="Three",
            target_date=DAY + dt.timedelta(days=30 + i),
            status=GoalStatus.IN_PROGRESS,
            supports="My peer supporter, the Tuesday walking group",
            steps=tuple(
                Step(
                    f"Step {n + 1}: ask Dee about the Tuesday group",
                    StepOwner.MEMBER if n % 2 else StepOwner.PEER,
                    due_on=DAY + dt.timedelta(days=7 * n),
                    done_on=DAY - dt.timedelta(days=3) if n == 0 else None,
                )
                for n in range(3)
            ),
        )
        for i in range(8)
    )
    sections = tuple(
        (heading, "I get up early, make my bed and text my sister back. " * 6)
        for heading in (
            "My strengths",
            "What I'm like when I'm well",
            "Things that can set me back",
            "Early warning signs",
            "What helps me cope",
            "My daily routine",
        )
    )
    return PlanHandoutData(
        member_name="Nguyễn Thị Minh Khai",
        code="M100018",
        goals=goals,
        sections=sections,
        supports=(Support("Ana García", "sister", "555 010 9999"),),
        peer=PeerContact("Kwame Owusu", "(555) 555-0100"),
        crisis_numbers="Crisis line: 988 (US) · Samaritans 116 123 (UK)",
        barc10=((DAY - dt.timedelta(days=180), 33), (DAY - dt.timedelta(days=90), 38), (DAY, 41)),
    )


def lines_of(data: PlanHandoutData) -> list[str]:
    lines = [data.member_name, data.code, data.crisis_numbers]
    for goal in data.goals:
        lines += [goal.goal, goal.why, goal.measure, goal.baseline, goal.target, goal.supports]
        lines += [step.what for step in goal.steps]
    for heading, text in data.sections:
        lines += [heading, text]
    return lines


def bare(data: PlanHandoutData, out: Path) -> None:
    style = getSampleStyleSheet()["BodyText"]
    SimpleDocTemplate(str(out)).build([Paragraph(line, style) for line in lines_of(data)])


def run(quick: bool = False, verbose: bool = False) -> list[Metric]:
    runs = 5 if quick else 15
    data = plan()
    site = SiteInfo(name="Harbour Light Recovery Café", printed_on=DAY)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder, "plan.pdf")
        ours = median_ms(lambda: render_plan(data, site, out), runs, warmup=2)
        raw = median_ms(lambda: bare(data, Path(folder, "bare.pdf")), runs, warmup=2)
        pages = out.read_bytes().count(b"/Type /Page\n")
    met = ours <= GOAL_MS
    print(
        f"# plan_handout with {len(data.goals)} goals ({pages} pages): median {ours:.0f} ms, "
        f"bare ReportLab {raw:.0f} ms (goal <= {GOAL_MS:g} ms): {'met' if met else 'MISSED'}",
        file=sys.stderr,
    )
    return [Metric("plan_handout_8_goals", ours, "ms", raw)]
