"""Reason dialogs cannot take more than the service accepts, so nothing typed is refused."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QWidget

from recoverydesk.ui.widgets.reason_dialog import ask_reason


def test_reason_is_capped_at_its_limit(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict[str, object] = {}

    def type_and_accept() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        field = dialog.findChild(QLineEdit)
        field.setText("x" * 250)
        seen["shown"] = field.text()
        seen["label"] = dialog.labelText()
        dialog.accept()

    QTimer.singleShot(0, type_and_accept)
    answer = ask_reason(parent, "Override", "Why?", 200)
    assert answer == "x" * 200 and seen["shown"] == "x" * 200
    assert "at most 200 characters" in str(seen["label"])


def test_cancel_gives_none(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert ask_reason(parent, "Archive member", "Why?", 400) is None
