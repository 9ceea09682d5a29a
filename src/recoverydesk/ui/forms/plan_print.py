"""Print a member's plan: they choose large print and which wellness sections go on paper.

The plan goes home with the member, so every section is ticked by default and the member
decides what to leave off (a crisis plan they would rather keep private, for example).
The BARC-10 score can be left off too. The PDF is made by ``HandoutService.plan`` (from
the plan as saved) in this run's temp folder and shown in the
usual ``HandoutPreview`` (print, save or open it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.domain.plans import WELLNESS_SECTIONS
from recoverydesk.ui.printing import HandoutPreview, TempHandouts
from recoverydesk.ui.widgets.handout_actions import preview_handout

INTRO = (
    "The plan is the member's. Untick anything they would rather not have on paper. "
    "Goals and steps are always printed."
)


@dataclass(frozen=True)
class PrintChoice:
    """What the member chose to take home: print size, wellness sections, BARC-10 score."""

    large_print: bool = False
    sections: tuple[str, ...] = tuple(key for key, _ in WELLNESS_SECTIONS)
    include_barc10: bool = True


def can_print_plans(handouts: Any) -> bool:
    """True when the handout service can make plan PDFs (``HandoutService.plan``)."""
    return callable(getattr(handouts, "plan", None))


class PrintPlanDialog(QDialog):
    """Large print, and a tick box per wellness section (all ticked)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Print plan")
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        self.large_print = QCheckBox("Large print", self)
        self.large_print.setAccessibleName("Large print")
        self.barc10_box = QCheckBox("My latest BARC-10 score", self)
        self.barc10_box.setAccessibleName("My latest BARC-10 score")
        self.barc10_box.setChecked(True)
        group = QGroupBox("Wellness sections to include", self)
        group_layout = QVBoxLayout(group)
        self.section_boxes: dict[str, QCheckBox] = {}
        for key, heading in WELLNESS_SECTIONS:
            box = QCheckBox(heading, group)
            box.setAccessibleName(heading)
            box.setChecked(True)
            group_layout.addWidget(box)
            self.section_boxes[key] = box
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Preview…")
        ok.setAccessibleName("Preview…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.large_print)
        layout.addWidget(group)
        layout.addWidget(self.barc10_box)
        layout.addWidget(buttons)

    def choice(self) -> PrintChoice:
        """What is ticked now (the section keys in plan order)."""
        keys = tuple(key for key, box in self.section_boxes.items() if box.isChecked())
        return PrintChoice(self.large_print.isChecked(), keys, self.barc10_box.isChecked())

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> PrintChoice | None:
        """Ask; None when cancelled."""
        dialog = cls(parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


def preview_plan(
    parent: QWidget,
    handouts: Any,
    member_id: int,
    choice: PrintChoice,
    on_error: Callable[[RecoveryDeskError], None],
    temps: TempHandouts | None = None,
) -> HandoutPreview | None:
    """Make the plan PDF and open it in a preview; None (and ``on_error``) if refused."""

    def make(out: Path) -> Path:
        pdf: Path = handouts.plan(
            member_id,
            out,
            large_print=choice.large_print,
            sections=choice.sections,
            include_barc10=choice.include_barc10,
        )
        return Path(pdf or out)

    names = ("plan", "Recovery plan", "Recovery plan.pdf")
    return preview_handout(parent, make, names, on_error, temps, what="plan")
