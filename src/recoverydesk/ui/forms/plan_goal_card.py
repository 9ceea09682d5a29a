"""One goal of a recovery plan as a card: the goal in the member's words, and its steps.

The card holds what was typed, as typed. ``to_goal`` turns it into a ``Goal`` and names any
date it cannot read (``goals[0].target_date``, ``goals[0].steps[1].due_on``), so the editor
can refuse to save without losing a word. A goal still open past its target date, and
overdue steps, are flagged in words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.errors import FieldError
from recoverydesk.domain.plan_kinds import STANDARD_DOMAINS, GoalStatus
from recoverydesk.domain.plans import Goal, Step
from recoverydesk.domain.validation import parse_date
from recoverydesk.ui.models.plan_rows import StepsModel
from recoverydesk.ui.widgets.field_feedback import ERROR_COLOR, FieldBox
from recoverydesk.ui.widgets.plan_steps import StepsTable

DATE_HINT = "YYYY-MM-DD"
_CARD_STYLE = (
    "QFrame#goalCard { background: #fffdf8; border: 1px solid #ddd6c8; border-radius: 6px; }"
)
#: editors of a card that hold one line of text, by ``Goal`` field name
LINE_FIELDS = ("measure", "baseline", "target", "target_date", "supports")
TEXT_FIELDS = ("goal", "why")


class GoalCard(QFrame):
    """One goal: area of life, the goal in the member's words, why, measure, steps.

    Signals:
        edited: something in the card changed.
        domain_chosen: the area of life was picked or typed (the editor regroups).
        remove_requested: "Remove goal" was clicked.
    """

    edited = Signal()
    domain_chosen = Signal()
    remove_requested = Signal()

    def __init__(
        self, today: Callable[[], dt.date], goal: Goal, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("goalCard")
        self.setStyleSheet(_CARD_STYLE)
        self._today = today
        self.goal_id = goal.id
        self._number = 0
        self.boxes: dict[str, FieldBox] = {}
        self.steps_model = StepsModel(today, self)
        self._build()
        self.fill(goal)
        self._connect()

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.flag = QLabel(self)
        self.flag.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.remove_button = QPushButton("Remove goal", self)
        self.remove_button.setAccessibleName("Remove goal")
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.flag)
        top.addStretch(1)
        top.addWidget(self.remove_button)
        self.domain = QComboBox(self)
        self.domain.setEditable(True)
        self.domain.addItems(list(STANDARD_DOMAINS))
        self.domain.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.status = QComboBox(self)
        for status in GoalStatus:
            self.status.addItem(status.label, status.value)
        self.texts = {name: self._text_edit() for name in TEXT_FIELDS}
        self.lines = {name: QLineEdit(self) for name in LINE_FIELDS}
        self.lines["target_date"].setPlaceholderText(DATE_HINT)
        self.lines["supports"].setPlaceholderText("People, groups or services that help")
        self.texts["goal"].setPlaceholderText("In the member's own words")
        self.steps = StepsTable(self.steps_model, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(top)
        layout.addLayout(self._grid())

    def _text_edit(self) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        return edit

    def _grid(self) -> QGridLayout:
        """Twelve columns: the goal and why side by side, then the details in rows."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        for row, column, name, label, editor, span in (
            (0, 0, "goal", "My goal", self.texts["goal"], 6),
            (0, 6, "why", "Why it matters", self.texts["why"], 6),
            (2, 0, "domain", "Area of life", self.domain, 3),
            (2, 3, "status", "Status", self.status, 3),
            (2, 6, "target_date", "Target date", self.lines["target_date"], 2),
            (2, 8, "supports", "Who or what helps", self.lines["supports"], 4),
            (4, 0, "measure", "How we'll know", self.lines["measure"], 4),
            (4, 4, "baseline", "Where I am now", self.lines["baseline"], 4),
            (4, 8, "target", "Where I want to be", self.lines["target"], 4),
        ):
            self._field(grid, row, column, name, label, editor, span)
        self._field(grid, 6, 0, "steps", "Steps", self.steps, span=12, target=self.steps.view)
        for column in range(12):
            grid.setColumnStretch(column, 1)
        return grid

    def _field(
        self,
        grid: QGridLayout,
        row: int,
        column: int,
        name: str,
        label: str,
        editor: QWidget,
        span: int,
        target: QWidget | None = None,
    ) -> None:
        focus = target or editor
        focus.setAccessibleName(label)
        caption = QLabel(label, self)
        caption.setBuddy(focus)
        caption.setStyleSheet("color: #444;")
        box = FieldBox(editor, border_target=focus, parent=self)
        grid.addWidget(caption, row, column, 1, span)
        grid.addWidget(box, row + 1, column, 1, span)
        self.boxes[name] = box

    def _connect(self) -> None:
        for edit in self.texts.values():
            edit.textChanged.connect(self._on_edited)
        for line in self.lines.values():
            line.textChanged.connect(self._on_edited)
        self.domain.currentTextChanged.connect(self._on_edited)
        self.domain.activated.connect(lambda _i: self.domain_chosen.emit())
        line = self.domain.lineEdit()
        if line is not None:
            line.editingFinished.connect(self.domain_chosen.emit)
        self.status.currentIndexChanged.connect(self._on_edited)
        self.steps_model.edited.connect(self._on_edited)
        self.remove_button.clicked.connect(lambda _checked=False: self.remove_requested.emit())

    # -- values -----------------------------------------------------------------------------

    def fill(self, goal: Goal) -> None:
        """Show ``goal`` (without reporting an edit)."""
        self.blockSignals(True)
        try:
            self.domain.setCurrentText(goal.domain)
            self.status.setCurrentIndex(max(self.status.findData(goal.status.value), 0))
            for name, edit in self.texts.items():
                edit.setPlainText(getattr(goal, name))
            for name, line in self.lines.items():
                value = getattr(goal, name)
                line.setText(value.isoformat() if isinstance(value, dt.date) else value or "")
            self.steps_model.set_steps(goal.steps)
        finally:
            self.blockSignals(False)
        self.goal_id = goal.id
        self._refresh()

    @property
    def domain_text(self) -> str:
        return self.domain.currentText().strip()

    def goal_status(self) -> GoalStatus:
        return GoalStatus(self.status.currentData())

    def set_number(self, number: int) -> None:
        """Show "Goal ``number``" (1-based, the number problems are named by)."""
        self._number = number
        self._refresh()

    def to_goal(self, index: int) -> tuple[Goal, list[FieldError]]:
        """The card as a ``Goal`` (the ``index``-th of the plan) and its unreadable dates."""
        path, label = f"goals[{index}]", f"Goal {index + 1}"
        errors: list[FieldError] = []
        target_date = _date(self.lines["target_date"].text(), f"{path}.target_date", errors)
        if errors:
            errors[-1] = FieldError(errors[-1].field, f"{label}: target date: {errors[-1].message}")
        steps = []
        for j, row in enumerate(self.steps_model.rows()):
            where = f"{label}, step {j + 1}"
            due = _date(row.due, f"{path}.steps[{j}].due_on", errors, f"{where}: due date")
            done = _date(row.done, f"{path}.steps[{j}].done_on", errors, f"{where}: done date")
            steps.append(Step(row.what, row.owner, due, done, row.id))
        texts = {name: edit.toPlainText() for name, edit in self.texts.items()}
        lines = {n: self.lines[n].text() for n in LINE_FIELDS if n != "target_date"}
        goal = Goal(
            domain=self.domain_text,
            status=self.goal_status(),
            target_date=target_date,
            steps=tuple(steps),
            id=self.goal_id,
            **texts,
            **lines,
        )
        return goal, errors

    def is_blank(self) -> bool:
        """Nothing typed (the service would not keep it)."""
        texts = [e.toPlainText().strip() for e in self.texts.values()]
        texts += [line.text().strip() for line in self.lines.values()]
        steps = [(r.what.strip(), r.due.strip(), r.done.strip()) for r in self.steps_model.rows()]
        return not any(texts) and not any(any(s) for s in steps)

    def blank_steps(self) -> int:
        return sum(
            not (r.what.strip() or r.due.strip() or r.done.strip()) for r in self.steps_model.rows()
        )

    def snapshot(self) -> tuple[Any, ...]:
        texts = tuple(e.toPlainText() for e in self.texts.values())
        lines = tuple(line.text() for line in self.lines.values())
        extra = (self.domain.currentText(), self.status.currentIndex())
        return texts + lines + extra + (self.steps_model.snapshot(),)

    def set_read_only(self, read_only: bool) -> None:
        for edit in self.texts.values():
            edit.setReadOnly(read_only)
        for line in self.lines.values():
            line.setReadOnly(read_only)
        self.domain.setEnabled(not read_only)
        self.status.setEnabled(not read_only)
        self.remove_button.setVisible(not read_only)
        self.steps.set_read_only(read_only)

    def show_errors(self, messages: dict[str, str]) -> None:
        """Show ``messages`` by field name ('steps' for any step); clears the others."""
        for name, box in self.boxes.items():
            box.set_error(messages.get(name, ""))

    # -- inside -----------------------------------------------------------------------------

    def _on_edited(self, *_args: object) -> None:
        if self.signalsBlocked():
            return
        self._refresh()
        self.edited.emit()

    def _refresh(self) -> None:
        domain = self.domain_text or "no area yet"
        self.title.setText(f"Goal {self._number} · {domain}" if self._number else domain)
        self.steps_model.set_goal_open(self.goal_status().is_open)
        flags = []
        if self._past_target():
            flags.append("Past its target date")
        overdue = self.steps_model.overdue_count()
        if overdue:
            flags.append(f"{overdue} step{'s' if overdue != 1 else ''} overdue")
        self.flag.setText(" · ".join(f"⚠ {flag}" for flag in flags))

    def _past_target(self) -> bool:
        try:
            target = parse_date(self.lines["target_date"].text())
        except ValueError:
            return False
        return self.goal_status().is_open and target is not None and target < self._today()

    def is_overdue(self) -> bool:
        return self._past_target()


def _date(text: str, field: str, errors: list[FieldError], label: str = "") -> dt.date | None:
    try:
        return parse_date(text)
    except ValueError as error:
        errors.append(FieldError(field, f"{label}: {error}" if label else str(error)))
        return None
