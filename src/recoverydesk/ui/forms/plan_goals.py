"""The Goals tab of the plan editor: goals grouped by area of life, each with its steps.

The four standard areas (SAMHSA's Health, Home, Purpose, Community) come first, then any
area the member named. Goals are numbered in the order shown, which is the order they are
saved in, so a problem such as "Goal 2, step 1: say what the step is" points at the card
titled "Goal 2".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.errors import FieldError
from recoverydesk.domain.plan_kinds import STANDARD_DOMAINS
from recoverydesk.domain.plans import Goal, canonical_domain
from recoverydesk.ui.forms.plan_goal_card import GoalCard

#: a few words under each standard area's heading
DOMAIN_HINTS = {
    "Health": "Body, mind and wellbeing",
    "Home": "A safe, stable place to live",
    "Purpose": "Meaningful things to do each day",
    "Community": "People, friendship and belonging",
}
_PATH = re.compile(r"^goals\[(\d+)\](?:\.steps\[\d+\])?(?:\.(\w+))?$")
EMPTY_TEXT = "No goals yet. Pick an area of life above and add a goal in the member's own words."


class GoalsEditor(QWidget):
    """Every goal of the plan as cards under their area of life, and "Add goal".

    Signals:
        edited: something changed (a goal added, removed or typed in).
    """

    edited = Signal()

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._read_only = False
        self.cards: list[GoalCard] = []
        self._headings: list[QWidget] = []
        self._build()

    def _build(self) -> None:
        caption = QLabel("New goal in", self)
        self.new_domain = QComboBox(self)
        self.new_domain.setEditable(True)
        self.new_domain.addItems(list(STANDARD_DOMAINS))
        self.new_domain.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.new_domain.setAccessibleName("New goal in")
        self.new_domain.setToolTip("Choose an area of life, or type the member's own")
        caption.setBuddy(self.new_domain)
        self.add_button = QPushButton("Add goal", self)
        self.add_button.setAccessibleName("Add goal")
        self.add_button.clicked.connect(lambda _checked=False: self.add_goal())
        line = self.new_domain.lineEdit()
        if line is not None:
            line.returnPressed.connect(self.add_goal)
        self.summary = QLabel(self)
        self.summary.setAccessibleName("Goals overdue")
        top = QHBoxLayout()
        top.addWidget(caption)
        top.addWidget(self.new_domain)
        top.addWidget(self.add_button)
        top.addSpacing(16)
        top.addWidget(self.summary, 1)
        self._content = QWidget(self)
        self._column = QVBoxLayout(self._content)
        self._column.setContentsMargins(0, 0, 8, 0)
        self._column.setSpacing(8)
        self.empty_label = QLabel(EMPTY_TEXT, self._content)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #555; margin: 12px 0;")
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(self._content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)

    # -- values -----------------------------------------------------------------------------

    def set_goals(self, goals: Sequence[Goal]) -> None:
        """Show ``goals`` (replacing every card) without reporting an edit."""
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = [self._new_card(goal) for goal in goals]
        self._lay_out()

    def goals(self) -> tuple[tuple[Goal, ...], list[FieldError]]:
        """The goals as shown (in saving order) and every date that cannot be read."""
        goals: list[Goal] = []
        errors: list[FieldError] = []
        for index, card in enumerate(self.cards):
            goal, problems = card.to_goal(index)
            goals.append(goal)
            errors += problems
        return tuple(goals), errors

    def snapshot(self) -> tuple[Any, ...]:
        return tuple(card.snapshot() for card in self.cards)

    def adopt_ids(self, saved: Sequence[Goal]) -> bool:
        """Give the cards the ids of ``saved`` goals; False when the shapes differ.

        The service drops blank goals and steps, so the cards match the saved goals one
        for one only when nothing blank was typed; otherwise the caller shows ``saved``.
        """
        if any(card.is_blank() or card.blank_steps() for card in self.cards):
            return False
        if len(saved) != len(self.cards):
            return False
        if any(len(g.steps) != c.steps_model.rowCount() for g, c in zip(saved, self.cards)):  # noqa: B905
            return False
        for goal, card in zip(saved, self.cards, strict=True):
            card.goal_id = goal.id
            card.steps_model.set_ids([step.id for step in goal.steps])
        return True

    def overdue_count(self) -> tuple[int, int]:
        """(goals past their target date, overdue steps) as typed now."""
        goals = sum(card.is_overdue() for card in self.cards)
        steps = sum(card.steps_model.overdue_count() for card in self.cards)
        return goals, steps

    # -- actions ----------------------------------------------------------------------------

    def add_goal(self, domain: str | None = None) -> GoalCard | None:
        """Add a blank goal in ``domain`` (default: the "New goal in" choice) and focus it."""
        if self._read_only:
            return None
        chosen = canonical_domain(domain if domain is not None else self.new_domain.currentText())
        card = self._new_card(Goal(domain=chosen or STANDARD_DOMAINS[0], goal=""))
        self.cards.append(card)
        self._lay_out()
        self.edited.emit()
        QTimer.singleShot(0, lambda: self._reveal(card))
        card.texts["goal"].setFocus()
        return card

    def remove_goal(self, card: GoalCard) -> None:
        if card in self.cards:
            self.cards.remove(card)
            card.setParent(None)
            card.deleteLater()
            self._lay_out()
            self.edited.emit()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for widget in (self.new_domain, self.add_button):
            widget.setVisible(not read_only)
        for card in self.cards:
            card.set_read_only(read_only)

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        """Show each goal's problems on its card (steps under its steps table)."""
        messages: dict[int, dict[str, list[str]]] = {}
        for error in errors:
            match = _PATH.match(error.field)
            if match is None:
                continue
            field = "steps" if ".steps[" in error.field else (match.group(2) or "goal")
            messages.setdefault(int(match.group(1)), {}).setdefault(field, []).append(error.message)
        for index, card in enumerate(self.cards):
            found = messages.get(index, {})
            card.show_errors({name: "\n".join(lines) for name, lines in found.items()})

    def focus_first_error(self) -> None:
        for card in self.cards:
            box = next((b for b in card.boxes.values() if b.message), None)
            if box is not None:
                self._reveal(card)
                box.target.setFocus()
                return

    # -- inside -----------------------------------------------------------------------------

    def _new_card(self, goal: Goal) -> GoalCard:
        card = GoalCard(self._today, goal, self._content)
        card.set_read_only(self._read_only)
        card.edited.connect(self._on_card_edited)
        card.domain_chosen.connect(self._regroup)
        card.remove_requested.connect(lambda c=card: self.remove_goal(c))
        return card

    def _on_card_edited(self) -> None:
        self._show_summary()
        self.edited.emit()

    def _regroup(self) -> None:
        order = [card for _, cards in self._groups() for card in cards]
        if order != self.cards:
            self._lay_out()
            self.edited.emit()

    def _groups(self) -> list[tuple[str, list[GoalCard]]]:
        groups: dict[str, list[GoalCard]] = {domain: [] for domain in STANDARD_DOMAINS}
        for card in self.cards:
            groups.setdefault(canonical_domain(card.domain_text), []).append(card)
        return [(domain, cards) for domain, cards in groups.items() if cards]

    def _lay_out(self) -> None:
        """Put the cards under their area headings, numbered in that order."""
        while self._column.count():
            self._column.takeAt(0)
        for heading in self._headings:
            heading.deleteLater()
        self._headings = []
        groups = self._groups()
        self.cards = [card for _, cards in groups for card in cards]
        self.empty_label.setVisible(not self.cards)
        self._column.addWidget(self.empty_label)
        for domain, cards in groups:
            heading = self._heading(domain)
            self._headings.append(heading)
            self._column.addWidget(heading)
            for card in cards:
                self._column.addWidget(card)
                card.show()
        for number, card in enumerate(self.cards, start=1):
            card.set_number(number)
        self._column.addStretch(1)
        self._show_summary()

    def _heading(self, domain: str) -> QLabel:
        hint = DOMAIN_HINTS.get(domain, "")
        text = f"<b>{_escape(domain or 'No area yet')}</b>"
        if hint:
            text += f" <span style='color:#666;'>— {hint}</span>"
        label = QLabel(text, self._content)
        label.setTextFormat(Qt.TextFormat.RichText)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        label.setFont(font)
        label.setStyleSheet("margin-top: 6px;")
        return label

    def _show_summary(self) -> None:
        goals, steps = self.overdue_count()
        parts = []
        if goals:
            parts.append(f"{goals} goal{'s' if goals != 1 else ''} past target date")
        if steps:
            parts.append(f"{steps} step{'s' if steps != 1 else ''} overdue")
        self.summary.setText("⚠ " + " · ".join(parts) if parts else "")
        self.summary.setStyleSheet("color: #b3261e; font-weight: bold;" if parts else "")

    def _reveal(self, card: GoalCard) -> None:
        if card in self.cards:
            self.scroll.ensureWidgetVisible(card, 0, 0)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
