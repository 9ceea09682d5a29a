"""The plan editor's header: who the plan is for, where it stands, and what can be done.

It shows the member's name (their preferred name first), the plan's status and review
date in words ("review overdue (was due …)"), the buttons Save, Activate, Mark reviewed,
Earlier versions… and Print plan…, and a status line for short confirmations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.plan_kinds import PlanStatus
from recoverydesk.domain.plans import Plan
from recoverydesk.ui.widgets.controls import named_button, single_shot
from recoverydesk.ui.widgets.field_feedback import ERROR_COLOR
from recoverydesk.ui.widgets.unsaved import DiscardChoice, ask_save_or_discard

STATUS_MS = 6000


def ask_discard(parent: QWidget) -> DiscardChoice:
    """Save, discard or keep editing the plan's unsaved changes."""
    return ask_save_or_discard(parent, "This plan has changes that are not saved yet. Save them?")


@dataclass(frozen=True)
class HeaderState:
    """What the header shows: the member, their plan (None: none yet), and permissions."""

    name: str
    code: str
    plan: Plan | None
    today: dt.date
    can_edit: bool
    can_print: bool
    printing_ready: bool


def date_text(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else "not set"


def info_text(state: HeaderState) -> str:
    """'M100008 · Active plan · review due 2026-06-08 · last saved 2026-03-10 by Sam'."""
    plan = state.plan
    if plan is None:
        return state.code
    parts = [state.code]
    if plan.status is PlanStatus.DRAFT:
        parts.append("Draft plan: activate it when the member agrees to it")
    elif plan.review_overdue(state.today):
        parts.append(f"Active plan · review overdue (was due {date_text(plan.review_due_on)})")
    else:
        parts.append(f"Active plan · review due {date_text(plan.review_due_on)}")
    parts.append(f"last saved {plan.updated_at.date().isoformat()} by {plan.updated_by}")
    return " · ".join(p for p in parts if p)


class PlanHeader(QWidget):
    """Name, plan status, the plan's buttons and a status line.

    Signals:
        status_message: a short confirmation or refusal shown on the status line.
    """

    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_label = QLabel(self)
        self.name_label.setAccessibleName("Member")
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.info_label = QLabel(self)
        self.info_label.setAccessibleName("Plan status")
        self.info_label.setWordWrap(True)
        self.save_button = self._button("Save", "Save the plan (Ctrl+S)")
        self.activate_button = self._button(
            "Activate", "The member agrees to this plan: make it active"
        )
        self.review_button = self._button("Mark reviewed", "")
        self.versions_button = self._button("Earlier versions…", "")
        self.print_button = self._button("Print plan…", "")
        self.status_label = QLabel(self)
        self.status_label.setAccessibleName("Save status")
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._timer = single_shot(self, STATUS_MS, self.status_label.clear)
        self._lay_out()

    def _button(self, text: str, tip: str) -> QPushButton:
        return named_button(text, parent=self, tip=tip)

    def _lay_out(self) -> None:
        #: the pane puts its "All plans" button here, left of the name
        self.leading = QHBoxLayout()
        top = QHBoxLayout()
        top.addLayout(self.leading)
        top.addWidget(self.name_label)
        top.addStretch(1)
        for button in (
            self.save_button,
            self.activate_button,
            self.review_button,
            self.versions_button,
            self.print_button,
        ):
            top.addWidget(button)
        second = QHBoxLayout()
        second.addWidget(self.info_label, 3)
        second.addWidget(self.status_label, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(second)

    def show_state(self, state: HeaderState) -> None:
        """Show ``state``: texts, and which buttons are shown and enabled."""
        plan, editing = state.plan, state.can_edit
        self.name_label.setText(state.name or "No member chosen")
        self.info_label.setText(info_text(state))
        active = plan is not None and plan.status is PlanStatus.ACTIVE
        self.save_button.setVisible(editing)
        self.save_button.setEnabled(plan is not None)
        self.activate_button.setVisible(editing and plan is not None and not active)
        self.review_button.setVisible(editing)
        self.review_button.setEnabled(active)
        self.review_button.setToolTip(
            "Keep a copy of the plan as reviewed today" if active else "Activate the plan first"
        )
        self.versions_button.setEnabled(plan is not None)
        ready = state.printing_ready
        self.print_button.setEnabled(plan is not None and ready and state.can_print)
        self.print_button.setToolTip("" if ready else "Printing plans is not available yet")

    def flash(self, message: str, problem: bool = False) -> None:
        """Say ``message`` on the status line for a few seconds (red for a refusal)."""
        self.status_label.setStyleSheet(f"color: {ERROR_COLOR};" if problem else "")
        self.status_label.setText(message)
        self.status_label.setToolTip(message)
        self._timer.start()
        self.status_message.emit(message)
