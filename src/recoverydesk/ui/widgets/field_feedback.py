"""An input with its problem shown beside it: a red border and the reason in words.

Forms wrap each input in a ``FieldBox`` so that validation as the person types can mark
the field and say what is wrong without touching what was typed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

ERROR_COLOR = "#b3261e"
"""Dark red: readable on white (contrast above 6:1) and not the only cue (text says why)."""


class FieldBox(QWidget):
    """One input (``editor``) over a hidden error line that appears when there is a problem."""

    def __init__(
        self, editor: QWidget, border_target: QWidget | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.target = border_target or editor
        self._message = ""
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOR};")
        self.error_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.error_label)

    @property
    def message(self) -> str:
        """The problem shown now ('' when the field is fine)."""
        return self._message

    def set_error(self, message: str) -> None:
        """Show ``message`` under the input and a red border around it; '' clears both."""
        if message == self._message:
            return
        self._message = message
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        self.target.setAccessibleDescription(message)
        self.target.setStyleSheet(self._border_style() if message else "")

    def _border_style(self) -> str:
        kind = self.target.metaObject().className()
        return f"{kind} {{ border: 2px solid {ERROR_COLOR}; border-radius: 3px; }}"
