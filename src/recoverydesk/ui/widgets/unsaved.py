"""Asking what to do with unsaved changes before they would be dropped."""

from __future__ import annotations

from typing import Literal

from PySide6.QtWidgets import QMessageBox, QWidget

#: what the person chose: save first, drop the changes, or keep editing
DiscardChoice = Literal["save", "discard", "cancel"]


def ask_save_or_discard(parent: QWidget, question: str) -> DiscardChoice:
    """Ask ``question`` ("… Save them?") with Save (the default), Discard and Cancel."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Unsaved changes",
        question,
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.exec()
    answer = box.standardButton(box.clickedButton())
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    return "discard" if answer == QMessageBox.StandardButton.Discard else "cancel"
