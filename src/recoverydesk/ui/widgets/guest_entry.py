"""The inline guest line: an optional first name or initials, then Enter checks them in.

Opened by the "Guest" button (Ctrl+G). Enter checks the guest in (``submitted``), Escape
goes back to the search (``cancelled``). Nothing is required: a guest may give no name.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from recoverydesk.domain.visits import GUEST_LABEL_MAX

LABEL = "First name or initials (optional)"


class GuestEntry(QFrame):
    """A one-line panel to check in an anonymous guest.

    Signals:
        submitted: the label typed ('' for none).
        cancelled: Escape or Cancel.
    """

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guestEntry")
        self.setStyleSheet(
            "QFrame#guestEntry { border: 1px solid #90a4ae; border-radius: 6px;"
            " background: #eceff1; }"
        )
        title = QLabel("Guest check-in:", self)
        self.field = QLineEdit(self)
        self.field.setAccessibleName(LABEL)
        self.field.setPlaceholderText(LABEL)
        self.field.setMaxLength(GUEST_LABEL_MAX)
        self.field.setToolTip("Leave empty for an anonymous guest")
        self.field.installEventFilter(self)
        self.check_in_button = QPushButton("Check in guest", self)
        self.check_in_button.setAccessibleName("Check in guest")
        self.check_in_button.clicked.connect(self._submit)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel")
        self.cancel_button.clicked.connect(self.cancelled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(title)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.check_in_button)
        layout.addWidget(self.cancel_button)
        self.hide()

    def open(self) -> None:
        """Show the panel empty, ready to type."""
        self.field.clear()
        self.show()
        self.field.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._submit()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.cancelled.emit()
                return True
        return super().eventFilter(watched, event)

    def _submit(self) -> None:
        self.submitted.emit(self.field.text())
