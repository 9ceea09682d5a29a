"""The front desk's header: the pane's name, Guest, Paper catch-up and who is in now.

"In the building: 12" sits at the right in large type, so a glance from the door says
how full the place is.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from recoverydesk.ui.widgets.paper_catch_up import PaperCatchUp

COUNT_NAME = "In the building count"


def _scaled_bold(label: QLabel, factor: float) -> None:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(True)
    label.setFont(font)


class DeskHeader(QWidget):
    """Title, the Guest button, the paper catch-up switch and the in-the-building count."""

    def __init__(self, paper: PaperCatchUp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Front desk", self)
        _scaled_bold(title, 1.4)
        self.guest_button = QPushButton("Guest", self)
        self.guest_button.setAccessibleName("Guest")
        self.guest_button.setToolTip("Check in a guest who is not on the list (Ctrl+G)")
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
        layout.addStretch(1)
        layout.addWidget(self.count_label)

    def set_count(self, in_building: int) -> None:
        self.count_label.setText(f"In the building: {in_building}")
