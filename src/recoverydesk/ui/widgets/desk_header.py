"""The front desk's header: the pane's name, Guest, Paper catch-up, Sign-in sheet… and the count.

"In the building: 12" sits at the right in large type, so a glance from the door says
how full the place is.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from recoverydesk.ui.widgets.paper_catch_up import PaperCatchUp

COUNT_NAME = "In the building count"


def _scaled_bold(label: QLabel, factor: float) -> None:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(True)
    label.setFont(font)


class DeskHeader(QWidget):
    """Title, Guest, the paper catch-up switch, Sign-in sheet… and the in-the-building count."""

    def __init__(self, paper: PaperCatchUp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Front desk", self)
        _scaled_bold(title, 1.4)
        self.guest_button = QPushButton("Guest", self)
        self.guest_button.setAccessibleName("Guest")
        self.guest_button.setToolTip("Check in a guest who is not on the list (Ctrl+G)")
        self.signin_button = QPushButton("Sign-in sheet…", self)
        self.signin_button.setAccessibleName("Sign-in sheet…")
        self.signin_button.setToolTip("Print today's sign-in sheet for when the computer is down")
        self.signin_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the search keeps focus
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(COUNT_NAME)
        _scaled_bold(self.count_label, 1.4)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addSpacing(16)
        layout.addWidget(self.guest_button)
        layout.addSpacing(8)
        layout.addWidget(paper)
        layout.addSpacing(8)
        layout.addWidget(self.signin_button)
        layout.addStretch(1)
        layout.addWidget(self.count_label)

    def set_count(self, in_building: int) -> None:
        self.count_label.setText(f"In the building: {in_building}")
