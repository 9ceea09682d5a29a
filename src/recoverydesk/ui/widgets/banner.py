"""The demo banner: a loud strip across the top of the window on demo data.

It exists so that nobody mistakes synthetic people for real records (or types a real
person into the demo database): it is amber, bold, always on top of the panes, and cannot
be closed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QWidget

DEMO_TEXT = "Demo data — synthetic people, not real records"
DEMO_NAME = "Demo data"

_STYLE = """
QFrame#demoBanner {
    background-color: #ffd54f;
    border-bottom: 3px solid #e65100;
}
QFrame#demoBanner QLabel {
    color: #3e2723;
    background: transparent;
}
"""


class DemoBanner(QFrame):
    """An amber strip saying that the data on screen is synthetic."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoBanner")
        self.setAccessibleName(DEMO_NAME)
        self.setAccessibleDescription(DEMO_TEXT)
        self.setStyleSheet(_STYLE)
        self.setAutoFillBackground(True)
        self._label = QLabel(DEMO_TEXT)
        font = self._label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self._label.setFont(font)
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addStretch(1)
        layout.addWidget(self._warning_icon())
        layout.addWidget(self._label)
        layout.addStretch(1)

    @property
    def text(self) -> str:
        return self._label.text()

    def _warning_icon(self) -> QLabel:
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        size = self._label.fontMetrics().height() + 4
        label = QLabel()
        label.setPixmap(icon.pixmap(size, size))
        return label
