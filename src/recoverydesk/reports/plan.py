"""A member's recovery plan as a handout to take home, in plain words and in any script.

Written to the member ("My recovery plan", their name): crisis numbers first, in a box;
then their goals by life domain (Health, Home, Purpose, Community, then the centre's
own), each in their words with why it matters, when, where it stands and the steps
(who and when; the done ones ticked); the wellness sections they chose; their support
network; their peer supporter and the centre; and, if they like, a small chart of
their recovery capital score. Large print sets body text at 16 pt, headings at 20 pt
and up, in one column. Long text flows on over pages (``reports.wrapped``). Each page
has the shared header and footer of ``reports.page``, with the "Confidential" line.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color, black
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from recoverydesk.domain.handouts import PlanHandoutData, SiteInfo, goals_by_domain
from recoverydesk.domain.plan_kinds import GoalStatus
from recoverydesk.domain.plans import Goal, Step
from recoverydesk.reports.fonts import FontSet, load_fonts
from recoverydesk.reports.page import (
    FOOTER_HEIGHT,
    HEADER_HEIGHT,
    MARGIN,
    numbered_canvas,
    page_size,
    write_atomically,
)
from recoverydesk.reports.plan_chart import SCALE_NOTE, day_text, score_sentence, trend_chart
from recoverydesk.reports.wrapped import KeptBlock, WrappedText

TITLE = "My recovery plan"
#: A block that does not fit starts on this page anyway if more than this share is free.
SPLIT_ROOM = 0.4
ACCENT = Color(0.13, 0.36, 0.55)
QUIET = Color(0.3, 0.3, 0.3)
CRISIS_BACK = Color(1.0, 0.95, 0.88)
CRISIS_EDGE = Color(0.75, 0.36, 0.05)
RULE = Color(0.7, 0.7, 0.7)
HEADING_BACK = Color(0.9, 0.93, 0.96)
OPEN_BOX = "\u2610"
TICK = "\u2713"
EMERGENCY = "In an emergency, call your local emergency number."
STATUS_WORDS = {
    GoalStatus.NOT_STARTED: "Not started yet",
    GoalStatus.IN_PROGRESS: "Working on it",
    GoalStatus.ACHIEVED: "Done!",
    GoalStatus.PAUSED: "On hold for now",
    GoalStatus.STOPPED: "Stopped",
}
DOMAIN_NOTES = {
    "Health": "My body and mind",
    "Home": "A safe, stable place to live",
    "Purpose": "Things I do each day that matter to me",
    "Community": "People, belonging and support",
}


@dataclass(frozen=True)
class Sizes:
    """Type sizes and spacing of one edition (normal or large print)."""

    body: float
    small: float
    h1: float
    h2: float
    h3: float
    name: float
    gap: float


NORMAL = Sizes(body=11, small=9.5, h1=16, h2=13, h3=11.5, name=20, gap=6)
LARGE = Sizes(body=16, small=16, h1=24, h2=20, h3=18, name=30, gap=10)


def render_plan(
    data: PlanHandoutData,
    site: SiteInfo,
    out: Path,
    *,
    large_print: bool = False,
    fonts_dir: Path | None = None,
) -> Path:
    """Write the member's plan handout to ``out`` (atomically) and return the path."""
    fonts = load_fonts(fonts_dir)
    sizes = LARGE if large_print else NORMAL

    def build(path: str) -> None:
        doc = _document(path, site)
        story = _Story(fonts, sizes, doc.width, large_print).plan(data, site)
        doc.build(story, canvasmaker=numbered_canvas(site, TITLE, fonts, confidential=True))

    return write_atomically(out, build)


def _document(path: str, site: SiteInfo) -> BaseDocTemplate:
    width, height = page_size(site.paper)
    frame_height = height - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT - 6
    frame = Frame(MARGIN, MARGIN + FOOTER_HEIGHT, width - 2 * MARGIN, frame_height, 0, 0, 0, 0)
    return BaseDocTemplate(
        path,
        pagesize=(width, height),
        pageTemplates=[PageTemplate(id="plan", frames=[frame])],
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        title=TITLE,
        creator="RecoveryDesk",
        pageCompression=1,
    )


class _Story:
    """Builds the flowables of one handout, in reading order."""

    def __init__(self, fonts: FontSet, sizes: Sizes, width: float, large: bool) -> None:
        self.fonts = fonts
        self.sizes = sizes
        self.width = width
        self.large = large
        self.items: list[Flowable] = []

    # --- building blocks ----------------------------------------------------------------

    def text(self, words: str, size: float | None = None, **options: Any) -> WrappedText:
        options.setdefault("space_after", self.sizes.gap / 2)
        flowable = WrappedText(words, self.fonts, size or self.sizes.body, **options)
        self.items.append(flowable)
        return flowable

    def space(self, height: float) -> None:
        self.items.append(Spacer(1, height))

    def heading(
        self,
        words: str,
        size: float,
        *,
        keep: float | None,
        color: Color = ACCENT,
        indent: float = 0,
    ) -> None:
        """A heading that never sits alone at the foot of a page (``keep``: room it needs).

        ``keep=None`` inside a ``kept`` block, which stays together anyway.
        """
        if keep is not None:
            self.items.append(CondPageBreak(size * 1.5 + keep))
        self.text(words, size, bold=True, color=color, indent=indent, space_after=self.sizes.gap)

    @contextmanager
    def kept(self) -> Iterator[None]:
        """What is added inside goes on one page when it fits on one (else it flows on)."""
        outer, self.items = self.items, []
        try:
            yield
        finally:
            block, self.items = self.items, outer
            self.items.append(KeptBlock(block, SPLIT_ROOM))

    def label(self, words: str) -> None:
        self.text(words, self.sizes.small, color=QUIET, space_after=1)

    # --- the handout ----------------------------------------------------------------------

    def plan(self, data: PlanHandoutData, site: SiteInfo) -> list[Flowable]:
        self.intro(data, site)
        self.crisis(data.crisis_numbers)
        self.goals(data.goals)
        self.sections(data.sections)
        self.supports(data)
        self.contacts(data, site)
        if data.barc10:
            self.score(data)
        return self.items

    def intro(self, data: PlanHandoutData, site: SiteInfo) -> None:
        self.text(data.member_name, self.sizes.name, bold=True, space_after=2)
        self.label(f"Member code {data.code}")
        self.space(self.sizes.gap)
        self.text("This is my plan, in my own words. I can change it whenever I want to.")
        due, today = data.review_due_on, site.printed_on
        if due is not None and today is not None and due < today:
            self.text(f"Time to look at it together again (we planned to on {day_text(due)}).")
        elif due is not None:
            self.text(f"Next time we look at it together: {day_text(due)}.")
        if data.draft:
            self.text("This plan is still a draft: we have not finished it together yet.")
        self.space(self.sizes.gap)

    def crisis(self, numbers: str) -> None:
        s = self.sizes
        inner = self.width - 2 * s.gap - 4
        cell: list[Flowable] = [
            WrappedText("Crisis numbers", self.fonts, s.h2, bold=True, color=CRISIS_EDGE),
            Spacer(1, s.gap / 2),
        ]
        for line in [*numbers.splitlines(), EMERGENCY]:
            if line.strip():
                cell.append(WrappedText(line.strip(), self.fonts, s.body, bold=True))
        box = Table([[cell]], colWidths=[inner + 2 * s.gap], hAlign="LEFT")
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 2, CRISIS_EDGE),
                    ("BACKGROUND", (0, 0), (-1, -1), CRISIS_BACK),
                    ("LEFTPADDING", (0, 0), (-1, -1), s.gap),
                    ("RIGHTPADDING", (0, 0), (-1, -1), s.gap),
                    ("TOPPADDING", (0, 0), (-1, -1), s.gap),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), s.gap),
                ]
            )
        )
        self.items.append(box)
        self.space(s.gap * 2)

    def goals(self, goals: tuple[Goal, ...]) -> None:
        s = self.sizes
        if not goals:
            with self.kept():
                self.heading("My goals", s.h1, keep=None)
                self.text("No goals written down yet.")
        first = True
        for domain, found in goals_by_domain(goals):
            for index, goal in enumerate(found):
                with self.kept():  # headings stay with the goal under them
                    if first:
                        self.heading("My goals", s.h1, keep=None)
                        first = False
                    if index == 0:
                        self.domain(domain)
                    self._goal(goal)
                self.space(s.gap * 1.5)

    def domain(self, domain: str) -> None:
        self.heading(domain, self.sizes.h2, keep=None, color=black)
        if domain in DOMAIN_NOTES:
            self.label(DOMAIN_NOTES[domain])
            self.space(self.sizes.gap / 2)

    def _goal(self, goal: Goal) -> None:
        s = self.sizes
        self.text(goal.goal, s.h3, bold=True, color=ACCENT, marker="\u25b8", indent=s.h3 * 1.1)
        indent = s.h3 * 1.1
        when = day_text(goal.target_date) if goal.target_date else ""
        for lead, words in (
            ("Why it matters to me:", goal.why),
            ("How I'll know:", goal.measure),
            ("Where I started:", goal.baseline),
            ("Where I want to be:", goal.target),
            ("Who can help:", goal.supports),
            ("By when:", when),
            ("Where it stands:", STATUS_WORDS[goal.status]),
        ):
            if words:
                self.text(words, lead=lead, indent=indent, space_after=s.gap / 3)
        self.steps(goal.steps, indent)

    def steps(self, steps: tuple[Step, ...], indent: float) -> None:
        s = self.sizes
        still = [step for step in steps if step.done_on is None]
        done = [step for step in steps if step.done_on is not None]
        box = indent + s.body * 1.4
        for number, step in enumerate(still):
            with self.kept():
                if number == 0:
                    self.heading("Next steps", s.body, keep=None, color=QUIET, indent=indent)
                self.text(step.what, marker=OPEN_BOX, marker_x=indent, indent=box, space_after=0)
                self.text(_who_when(step), s.small, color=QUIET, indent=box)
        for number, step in enumerate(done):
            with self.kept():
                if number == 0:
                    self.heading("Done so far", s.body, keep=None, color=QUIET, indent=indent)
                assert step.done_on is not None
                words = f"{step.what} (done {day_text(step.done_on)})"
                self.text(words, marker=TICK, marker_x=indent, indent=box)

    def sections(self, sections: tuple[tuple[str, str], ...]) -> None:
        s = self.sizes
        if not sections:
            return
        self.space(s.gap)
        self.heading("Looking after myself", s.h1, keep=s.h2 * 2 + s.body * 3)
        for heading, words in sections:
            self.heading(heading, s.h2, keep=s.body * 3, color=black)
            self.text(words, space_after=s.gap * 1.5)

    def supports(self, data: PlanHandoutData) -> None:
        s = self.sizes
        if not data.supports:
            return
        self.space(s.gap)
        self.heading("My support network", s.h1, keep=s.body * 4)
        if self.large:
            for person in data.supports:
                with self.kept():
                    self.text(person.name, bold=True, space_after=1)
                    details = " \u00b7 ".join(p for p in (person.relation, person.phone) if p)
                    if details:
                        self.text(details)
            return
        self.items.append(self._support_table(data))
        self.space(s.gap * 2)

    def _support_table(self, data: PlanHandoutData) -> Table:
        s = self.sizes

        def cell(words: str, bold: bool = False) -> WrappedText:
            return WrappedText(words, self.fonts, s.body, bold=bold)

        rows: list[list[object]] = [[cell(h, True) for h in ("Name", "Who they are", "Phone")]]
        rows += [[cell(p.name), cell(p.relation), cell(p.phone)] for p in data.supports]
        table = Table(rows, colWidths=[self.width * f for f in (0.4, 0.33, 0.27)], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), HEADING_BACK),
                    ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return table

    def contacts(self, data: PlanHandoutData, site: SiteInfo) -> None:
        s = self.sizes
        self.space(s.gap)
        with self.kept():
            self.heading("Who to contact", s.h1, keep=None)
            self.heading("My peer supporter", s.h2, keep=None, color=black)
            if data.peer is None:
                self.text("Ask at the centre about a peer supporter to work with.")
            else:
                self.text(data.peer.name, bold=True, space_after=1)
                self._reach(data.peer.phone, data.peer.email)
        self.space(s.gap)
        with self.kept():
            self.heading("The centre", s.h2, keep=None, color=black)
            self.text(site.name, bold=True, space_after=1)
            if data.centre_address:
                self.text(data.centre_address, space_after=1)
            self._reach(site.phone, data.centre_email)
        self.space(s.gap * 2)

    def _reach(self, phone: str, email: str) -> None:
        if phone:
            self.text(f"Phone: {phone}", space_after=1)
        if email:
            self.text(f"Email: {email}", space_after=1)

    def score(self, data: PlanHandoutData) -> None:
        s = self.sizes
        self.space(s.gap)
        with self.kept():
            self.heading("My recovery capital score", s.h1, keep=None)
            self.text(score_sentence(data.barc10))
            if len(data.barc10) > 1:
                self.space(s.gap)
                self.items.append(
                    trend_chart(data.barc10, self.fonts, self.width, large=self.large)
                )
                self.space(s.gap)
            self.text(SCALE_NOTE, s.small, color=QUIET)


def _who_when(step: Step) -> str:
    who = f"Who: {step.owner.label}"
    return f"{who} \u00b7 When: by {day_text(step.due_on)}" if step.due_on else who
