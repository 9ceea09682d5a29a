"""Admin → Front desk: the site's visit rules (once a day, guest limit, purposes).

The tab checks every field as it is edited with the rules the service applies, and
refuses more: a blank purpose or the same purpose twice is named by its place instead of
being dropped without a word. A refused save keeps everything typed. Saving announces
``settings_changed``, so the Front desk offers the new purposes at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from recoverydesk.domain.errors import FieldError
from recoverydesk.domain.visits import VisitRules
from recoverydesk.services.container import Services
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.forms.saved_form import FIELD_WIDTH, SavedForm
from recoverydesk.ui.forms.saved_form import NOT_SAVED_TEXT as NOT_SAVED_TEXT
from recoverydesk.ui.widgets.field_feedback import FieldBox
from recoverydesk.ui.widgets.purpose_list import PurposeListEditor, purpose_problem

SAVED_TEXT = "Front desk rules saved"
GUEST_LIMIT_MAX = 100
ONCE_A_DAY_LABEL = "One visit per member per day"
GUEST_LIMIT_LABEL = "Guest visit limit"
PURPOSES_LABEL = "Visit purposes"
_TEXT_WIDTH = 640
_HINT_STYLE = "color: #616161;"


class VisitRulesTab(SavedForm[VisitRules]):
    """The form for ``VisitRules`` with its Save and Discard buttons."""

    save_label = "Save front desk rules"
    saved_message = SAVED_TEXT
    discard_title = "Unsaved front desk rules"
    discard_text = "The front desk rules have changes that are not saved."

    def __init__(
        self, services: Services, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(events.settings_changed, parent)
        self._services = services
        self.once_a_day = QCheckBox(ONCE_A_DAY_LABEL)
        self.guest_limit = _guest_limit_box()
        self.purpose_editor = PurposeListEditor()
        self.purposes = self.purpose_editor.view
        self._start()

    def values(self) -> VisitRules:
        """What the form holds now, cleaned the way the service cleans it."""
        return VisitRules(
            once_a_day=self.once_a_day.isChecked(),
            guest_limit=self.guest_limit.value(),
            purposes=self.purpose_editor.purposes(),
        )

    # ----- SavedForm hooks ----------------------------------------------------------------

    def _read_saved(self) -> VisitRules:
        return self._services.visit_rules.get()

    def _fill(self, rules: VisitRules) -> None:
        self.once_a_day.setChecked(rules.once_a_day)
        self.guest_limit.setValue(rules.guest_limit)
        self.purpose_editor.set_purposes(rules.purposes)

    def _problems(self, rules: VisitRules) -> list[FieldError]:
        return rules_problems(rules)

    def _store(self, rules: VisitRules) -> VisitRules:
        return self._services.visit_rules.save(rules)

    def _before_save(self) -> None:
        self.purpose_editor.commit_open_edit()

    def _edit_signals(self) -> Iterable[SignalInstance]:
        return (self.once_a_day.toggled, self.guest_limit.valueChanged, self.purpose_editor.edited)

    def _build(self) -> None:
        grid = self._field_grid(4)
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
        self._lay_out("Front desk rules", _hint(_INTRO, plain=True), grid, 12)

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
        self._place(grid, row, field, label, FieldBox(shown, border_target=widget))


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
    label.setMaximumWidth(_TEXT_WIDTH if plain else FIELD_WIDTH)
    if not plain:
        label.setStyleSheet(_HINT_STYLE)
    return label
