"""The BARC-10 tab of the plan editor: a new assessment, the trend, ideas and history.

A new assessment is ten digits from the keyboard, then Enter on "Save assessment" (focus
lands there after the tenth answer). Items answered 1-3 in the latest assessment become
gentle prompts ("Living space supports recovery scored 2 — a Home goal might help") with
a button that adds a blank goal in that area only when clicked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.barc10 import Barc10, Suggestion
from recoverydesk.domain.errors import FieldError, RecoveryDeskError, ValidationError
from recoverydesk.domain.validation import parse_date
from recoverydesk.services.container import Services
from recoverydesk.ui.models.plan_history import Barc10HistoryModel
from recoverydesk.ui.widgets.barc10_chart import Barc10Chart
from recoverydesk.ui.widgets.barc10_entry import Barc10Entry
from recoverydesk.ui.widgets.controls import button_row
from recoverydesk.ui.widgets.field_feedback import ERROR_COLOR, FieldBox

GOOD_STYLE = "color: #2e7d32; font-weight: bold;"
ERROR_STYLE = f"color: {ERROR_COLOR};"


def suggestion_lines(suggestions: list[Suggestion]) -> list[tuple[str, str]]:
    """(domain, sentence) per area, e.g. ("Home", "Living space … scored 2 — a Home goal…")."""
    by_domain: dict[str, list[Suggestion]] = {}
    for suggestion in suggestions:
        by_domain.setdefault(suggestion.domain, []).append(suggestion)
    lines = []
    for domain, found in by_domain.items():
        items = [f"{s.item} scored {s.score}" for s in found]
        said = items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
        lines.append((domain, f"{said} — a {domain} goal might help."))
    return lines


class Barc10Tab(QWidget):
    """Record a BARC-10 for the member, see the trend, the history and gentle ideas.

    Signals:
        recorded: an assessment was saved (the ``Barc10``).
        goal_suggested: "Add a … goal" was clicked (the area of life).
        problem: something could not be done (a ``RecoveryDeskError`` to show).
    """

    recorded = Signal(object)
    goal_suggested = Signal(str)
    problem = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._barc10 = services.barc10
        self._plans = services.plans
        self._today: Callable[[], dt.date] = services.clock.today
        self._access = services.access
        self._member_id: int | None = None
        self.history_model = Barc10HistoryModel(self)
        self.idea_buttons: list[QPushButton] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self._entry_group(), 0)
        layout.addLayout(self._right_side(), 1)

    # -- building -----------------------------------------------------------------------------

    def _entry_group(self) -> QGroupBox:
        group = QGroupBox("New BARC-10", self)
        self.entry_group = group
        self.entry = Barc10Entry(group)
        self.date_edit = QLineEdit(group)
        self.date_edit.setAccessibleName("Date")
        self.date_edit.setPlaceholderText("YYYY-MM-DD")
        self.by_edit = QLineEdit(group)
        self.by_edit.setAccessibleName("Administered by")
        self.date_box = FieldBox(self.date_edit, parent=group)
        self.by_box = FieldBox(self.by_edit, parent=group)
        self.save_button = QPushButton("Save assessment", group)
        self.save_button.setAccessibleName("Save assessment")
        self.save_button.setAutoDefault(True)
        self.save_button.clicked.connect(lambda _checked=False: self.save_assessment())
        self.clear_button = QPushButton("Clear answers", group)
        self.clear_button.setAccessibleName("Clear answers")
        self.clear_button.clicked.connect(lambda _checked=False: self.clear())
        self.errors_label = QLabel(group)
        self.errors_label.setWordWrap(True)
        self.errors_label.setStyleSheet(ERROR_STYLE)
        self.errors_label.hide()
        self.entry.completed.connect(self._on_completed)
        fields = QGridLayout()
        for column, (text, box, edit) in enumerate(
            (
                ("Date", self.date_box, self.date_edit),
                ("Administered by", self.by_box, self.by_edit),
            )
        ):
            caption = QLabel(text, group)
            caption.setBuddy(edit)
            fields.addWidget(caption, 0, column)
            fields.addWidget(box, 1, column, Qt.AlignmentFlag.AlignTop)
        fields.setColumnStretch(1, 1)
        buttons = button_row((self.save_button, self.clear_button))
        layout = QVBoxLayout(group)
        layout.addWidget(self.entry)
        layout.addLayout(fields)
        layout.addWidget(self.errors_label)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return group

    def _right_side(self) -> QVBoxLayout:
        self.due_label = QLabel(self)
        self.due_label.setAccessibleName("Next BARC-10")
        self.due_label.setWordWrap(True)
        font = self.due_label.font()
        font.setBold(True)
        self.due_label.setFont(font)
        self.chart = Barc10Chart(self)
        self.ideas = QGroupBox("Ideas for goals", self)
        self.ideas_layout = QVBoxLayout(self.ideas)
        self.history = QTableView(self)
        self.history.setAccessibleName("BARC-10 history")
        self.history.setModel(self.history_model)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setTabKeyNavigation(False)
        self.history.verticalHeader().hide()
        self.history.setAlternatingRowColors(True)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        history_label = QLabel("History (newest first)", self)
        history_label.setBuddy(self.history)
        column = QVBoxLayout()
        column.addWidget(self.due_label)
        column.addWidget(self.chart)
        column.addWidget(self.ideas)
        column.addWidget(history_label)
        column.addWidget(self.history, 1)
        return column

    # -- loading ------------------------------------------------------------------------------

    def load(self, member_id: int | None) -> None:
        """Show ``member_id``'s history and start a blank assessment if it is another member."""
        if member_id != self._member_id:
            self._member_id = member_id
            self.clear()
        self.refresh()

    def refresh(self) -> None:
        """Read the history, due date and ideas again (answers being typed are kept)."""
        member_id = self._member_id
        try:
            history = self._barc10.history(member_id) if member_id is not None else []
            ideas = self._plans.suggestions(member_id) if member_id is not None else []
        except RecoveryDeskError as error:
            self.problem.emit(error)
            return
        self.history_model.set_rows(history)
        self.chart.set_history(history)
        self._show_due(history[0] if history else None)
        self._show_ideas(ideas)

    def clear(self) -> None:
        """A blank assessment dated today, given by the person signed in."""
        self.entry.clear()
        self.date_edit.setText(self._today().isoformat())
        actor = self._access.actor  # whoever is signed in now
        self.by_edit.setText(actor.display_name if actor is not None else "")
        self._show_errors([])

    def set_editable(self, editable: bool) -> None:
        self.entry_group.setVisible(editable)
        for button in self.idea_buttons:
            button.setVisible(editable)

    def has_unsaved(self) -> bool:
        """True when answers are typed but not saved."""
        return self.entry_group.isVisibleTo(self) and self.entry.answered() > 0

    # -- saving -------------------------------------------------------------------------------

    def save_assessment(self) -> bool:
        """Save the answers; on a problem keep them and say what to fix."""
        if self._member_id is None:
            return False
        try:
            taken_on = parse_date(self.date_edit.text()) or self._today()
        except ValueError as error:
            self._show_errors([FieldError("taken_on", str(error))])
            return False
        scores = self.entry.scores()
        problems = self._barc10.validate(scores, taken_on)
        if problems:
            self._show_errors(problems)
            return False
        try:
            saved = self._barc10.record(self._member_id, scores, taken_on, self.by_edit.text())
        except ValidationError as error:
            self._show_errors(list(error.errors))
            return False
        except RecoveryDeskError as error:
            self.problem.emit(error)
            return False
        self.clear()
        self.refresh()
        self.recorded.emit(saved)
        return True

    def _on_completed(self) -> None:
        self.save_button.setFocus(Qt.FocusReason.TabFocusReason)

    def _show_errors(self, errors: list[FieldError]) -> None:
        self.date_box.set_error("\n".join(e.message for e in errors if e.field == "taken_on"))
        self.by_box.set_error("\n".join(e.message for e in errors if e.field == "administered_by"))
        items = [e.message for e in errors if e.field not in ("taken_on", "administered_by")]
        self.errors_label.setText("\n".join(items))
        self.errors_label.setVisible(bool(items))
        if items:
            self.entry.focus_first_unanswered()

    def _show_due(self, latest: Barc10 | None) -> None:
        if latest is None:
            self.due_label.setText("No BARC-10 yet: one can be done at any time.")
            return
        due = self._barc10.due_on(latest.member_id) if self._member_id is not None else None
        last = f"Latest: {latest.total} on {latest.taken_on.isoformat()}"
        if due is not None and due <= self._today():
            self.due_label.setText(f"{last}. Next one due now (since {due.isoformat()}).")
        elif due is not None:
            self.due_label.setText(f"{last}. Next one due {due.isoformat()}.")
        else:
            self.due_label.setText(last)

    def _show_ideas(self, suggestions: list[Suggestion]) -> None:
        while self.ideas_layout.count():
            item = self.ideas_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        lines = suggestion_lines(suggestions)
        self.ideas.setVisible(bool(lines))
        editable = self.entry_group.isVisibleTo(self)
        self.idea_buttons = []
        for domain, text in lines:
            row = QWidget(self.ideas)
            label = QLabel(text, row)
            label.setWordWrap(True)
            button = QPushButton(f"Add a {domain} goal", row)
            button.setAccessibleName(button.text())
            button.setVisible(editable)
            button.clicked.connect(lambda _checked=False, d=domain: self.goal_suggested.emit(d))
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(label, 1)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self.ideas_layout.addWidget(row)
            row.show()
            self.idea_buttons.append(button)
