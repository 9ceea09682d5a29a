"""One reusable warning box per widget: non-blocking, window-modal, in plain words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


class ProblemBox:
    """Shows problems for ``owner`` in one message box it reuses (never a traceback)."""

    def __init__(self, owner: QWidget) -> None:
        self._owner = owner
        self.box: QMessageBox | None = None

    def show(self, title: str, message: str) -> None:
        """Show ``title`` and ``message`` without blocking the event loop."""
        if self.box is None:
            self.box = QMessageBox(self._owner)
            self.box.setIcon(QMessageBox.Icon.Warning)
            self.box.setWindowModality(Qt.WindowModality.WindowModal)
        self.box.setWindowTitle(title)
        self.box.setText(title)
        self.box.setInformativeText(message)
        self.box.open()
