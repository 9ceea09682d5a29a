"""Admin → Front desk: the site's visit rules (once a day, guest limit, purposes).

The tab checks every field as it is edited with the rules the service applies, and
refuses more: a blank purpose or the same purpose twice is named by its place instead of
being dropped without a word. A refused save keeps everything typed. Saving announces
``settings_changed``, so the Front desk offers the new purposes at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.errors import FieldError, RecoveryDeskError, ValidationError
from recoverydesk.domain.visits import VisitRules
from recoverydesk.services.container import Services
from recoverydesk.ui.errors import handle_error
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.widgets.field_feedback import FieldBox
from recoverydesk.ui.widgets.purpose_list import PurposeListEditor, purpose_problem

SAVED_TEXT = "Front desk rules saved"
NOT_SAVED_TEXT = "Not saved: please fix the fields marked in red."
GUEST_LIMIT_MAX = 100
ONCE_A_DAY_LABEL = "One visit per member per day"
GUEST_LIMIT_LABEL = "Guest visit limit"
PURPOSES_LABEL = "Visit purposes"
_FIELD_WIDTH = 420
_TEXT_WIDTH = 640
_HINT_STYLE = "color: #616161;"
_SAVED_STYLE = "color: #2e7d32; font-weight: bold;"
_NOT_SAVED_STYLE = "color: #c62828; font-weight: bold;"


class VisitRulesTab(QWidget):
    """The form for ``VisitRules`` with its Save and Discard buttons."""

    def __init__(
        self, services: Services, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._events = events
        self._boxes: dict[str, FieldBox] = {}
        self.once_a_day = QCheckBox(ONCE_A_DAY_LABEL)
        self.guest_limit = _guest_limit_box()
        self.purpose_editor = PurposeListEditor()
        self.purposes = self.purpose_editor.view
        self.save_button = QPushButton("Save front desk rules")
        self.discard_button = QPushButton("Discard changes")
        self.status = QLabel()
        self._build()
        self.load()
        self._connect()

    # ----- public API -------------------------------------------------------------------

    def load(self) -> None:
        """Show the saved rules (throws away unsaved edits)."""
        self._saved = self._services.visit_rules.get()
        self.set_values(self._saved)
        self._show_status("", "")

    def is_dirty(self) -> bool:
        """True when the form holds edits that are not saved."""
        return self.values() != self._saved

    def set_values(self, rules: VisitRules) -> None:
        self.once_a_day.setChecked(rules.once_a_day)
        self.guest_limit.setValue(rules.guest_limit)
        self.purpose_editor.set_purposes(rules.purposes)
        self.revalidate()

    def values(self) -> VisitRules:
        """What the form holds now, cleaned the way the service cleans it."""
        return VisitRules(
            once_a_day=self.once_a_day.isChecked(),
            guest_limit=self.guest_limit.value(),
            purposes=self.purpose_editor.purposes(),
        )

    def message_for(self, field: str) -> str:
        """The reason shown with ``field`` ('' when it is fine)."""
        return self._boxes[field].message

    def field_box(self, field: str) -> FieldBox:
        return self._boxes[field]

    @Slot()
    def revalidate(self) -> bool:
        """Check every field now; True when the form can be saved."""
        problems = ValidationError(rules_problems(self.values()))
        self._show_problems(problems)
        return not problems.errors

    @Slot()
    def save(self) -> bool:
        """Save through the service; on a refusal keep the text and show the reasons."""
        self.purpose_editor.commit_open_edit()
        if not self.revalidate():
            self._show_status(NOT_SAVED_TEXT, _NOT_SAVED_STYLE)
            return False
        try:
            saved = self._services.visit_rules.save(self.values())
        except ValidationError as error:
            self._show_problems(error)
            self._show_status(NOT_SAVED_TEXT, _NOT_SAVED_STYLE)
            return False
        except RecoveryDeskError as error:
            self._show_status("Not saved.", _NOT_SAVED_STYLE)
            handle_error(self, error)
            return False
        self._saved = saved
        if self.values() != saved:
            self.set_values(saved)
        self._show_status(SAVED_TEXT, _SAVED_STYLE)
        self._events.settings_changed.emit()
        return True

    def confirm_discard(self) -> QMessageBox.StandardButton:
        """Ask what to do with unsaved rules: Save, Discard or Cancel (tests replace it)."""
        return QMessageBox.question(
            self,
            "Unsaved front desk rules",
            "The front desk rules have changes that are not saved.",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )

    def can_close(self) -> bool:
        """Settle unsaved rules before the window closes; False keeps it open."""
        if not self.is_dirty():
            return True
        choice = self.confirm_discard()
        if choice == QMessageBox.StandardButton.Save:
            return self.save()
        return choice == QMessageBox.StandardButton.Discard

    # ----- building -----------------------------------------------------------------------

    def _build(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(2, 1)
        grid.setColumnMinimumWidth(1, 260)
        self.once_a_day.setAccessibleName(ONCE_A_DAY_LABEL)
        grid.addWidget(self.once_a_day, 0, 1)
        grid.addWidget(_hint(_ONCE_A_DAY_HINT), 1, 1)
        grid.setRowMinimumHeight(2, 10)
        limit = _left_aligned(self.guest_limit)
        self._add_row(grid, 3, "guest_limit", GUEST_LIMIT_LABEL, self.guest_limit, limit)
        grid.addWidget(_hint(_GUEST_LIMIT_HINT), 4, 1)
        grid.setRowMinimumHeight(5, 10)
        editor = self.purpose_editor
        self._add_row(grid, 6, "purposes", PURPOSES_LABEL, self.purposes, editor)
        grid.addWidget(_hint(_PURPOSES_HINT), 7, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(_heading("Front desk rules"))
        layout.addWidget(_hint(_INTRO, plain=True))
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addSpacing(12)
        layout.addLayout(self._buttons())
        layout.addStretch(1)

    def _add_row(
        self,
        grid: QGridLayout,
        row: int,
        field: str,
        text: str,
        widget: QWidget,
        shown: QWidget,
    ) -> None:
        """Label ``text`` for input ``widget``, shown in ``shown`` (itself or what holds it)."""
        label = QLabel(text)
        label.setBuddy(widget)
        label.setMinimumHeight(self.guest_limit.sizeHint().height())
        widget.setAccessibleName(text)
        box = FieldBox(shown, border_target=widget)
        box.setMaximumWidth(_FIELD_WIDTH)
        grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(box, row, 1)
        self._boxes[field] = box

    def _buttons(self) -> QHBoxLayout:
        self.save_button.setAccessibleName("Save front desk rules")
        self.save_button.setDefault(True)
        self.discard_button.setAccessibleName("Discard changes")
        self.status.setAccessibleName("Save status")
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.discard_button)
        row.addSpacing(12)
        row.addWidget(self.status)
        row.addStretch(1)
        return row

    def _connect(self) -> None:
        edited: Callable[..., None] = self._edited
        self.once_a_day.toggled.connect(edited)
        self.guest_limit.valueChanged.connect(edited)
        self.purpose_editor.edited.connect(edited)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.load)

    def _edited(self, *_args: object) -> None:
        self._show_status("", "")
        self.revalidate()

    def _show_problems(self, problems: ValidationError) -> None:
        for field, box in self._boxes.items():
            box.set_error(problems.for_field(field) or "")

    def _show_status(self, text: str, style: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)


def rules_problems(rules: VisitRules) -> list[FieldError]:
    """Everything that keeps ``rules`` from being saved, by field."""
    problems: list[FieldError] = []
    if not 0 <= rules.guest_limit <= GUEST_LIMIT_MAX:
        problems.append(
            FieldError("guest_limit", f"Guest visit limit must be 0 to {GUEST_LIMIT_MAX}")
        )
    problem = purpose_problem(rules.purposes)
    if problem:
        problems.append(FieldError("purposes", problem))
    return problems


_INTRO = (
    "How check-in works at the door, for every desk of this centre. A coordinator can "
    "override a rule for one visit; the reason is recorded with the visit."
)
_ONCE_A_DAY_HINT = "A second check-in on the same day records nothing new."
_GUEST_LIMIT_HINT = (
    "Visits as a guest before the desk suggests becoming a member; more need an override. "
    "0 = no limit."
)
_PURPOSES_HINT = (
    "Offered after each check-in, in this order; the first nine answer to Alt+1…9. "
    "Double-click or F2 to rename."
)


def _guest_limit_box() -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, GUEST_LIMIT_MAX)
    box.setSpecialValueText("0 = no limit")
    box.setToolTip(f"0 to {GUEST_LIMIT_MAX} guest visits; 0 = no limit")
    box.setMinimumWidth(140)
    return box


def _left_aligned(widget: QWidget) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
    layout.addStretch(1)
    return row


def _hint(text: str, *, plain: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setMaximumWidth(_TEXT_WIDTH if plain else _FIELD_WIDTH)
    if not plain:
        label.setStyleSheet(_HINT_STYLE)
    return label


def _heading(text: str) -> QLabel:
    heading = QLabel(text)
    font = heading.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    heading.setFont(font)
    return heading
