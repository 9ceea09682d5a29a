"""The few questions the front desk asks: an override reason, and closing time.

Each is one function that opens a dialog and returns a plain answer, so the pane can wrap
it in a method that tests replace. Neither is part of the normal check-in flow.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from recoverydesk.domain.visits import OVERRIDE_REASON_MAX
from recoverydesk.ui.widgets.reason_dialog import ask_reason


def ask_override_reason(parent: QWidget, name: str) -> str | None:
    """Why a refused check-in of ``name`` should happen anyway; None when cancelled."""
    return ask_reason(
        parent,
        "Override",
        f"Why should {name} be checked in anyway? (required)",
        OVERRIDE_REASON_MAX,
    )


def confirm_check_out_all(parent: QWidget, count: int) -> bool:
    """True when everyone (``count`` people) still in the building should be checked out."""
    people = "1 person" if count == 1 else f"{count} people"
    answer = QMessageBox.question(
        parent,
        "Check out all",
        f"Check out all {people} still in the building?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes
