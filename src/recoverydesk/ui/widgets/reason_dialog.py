"""A small dialog asking for a required reason, which cannot be typed past its limit."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget


def ask_reason(parent: QWidget, title: str, question: str, max_length: int) -> str | None:
    """The reason typed (at most ``max_length`` characters); None when cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(f"{question}\n(at most {max_length} characters)")
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    field = dialog.findChild(QLineEdit)
    if field is not None:
        field.setMaxLength(max_length)
        field.setAccessibleName(title)
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    return dialog.textValue()
