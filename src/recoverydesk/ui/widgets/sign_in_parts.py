"""The parts of the sign-in, first-admin, lock and account screens.

A card centred on a plain page (``card_page``), a bold title, labelled line edits, a
hidden problem line in dark red that says why something was refused (``say_problem``),
and a wait cursor while a password is hashed or checked (``BusyCursor``).
``settle_password`` finishes a password check: the password is cleared either way, and a
refusal is said with the focus back on the password.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.ui.errors import error_text
from recoverydesk.ui.widgets.field_feedback import ERROR_COLOR

PASSWORDS_DIFFER = "The two passwords are not the same"
CARD_WIDTH = 440
_CARD_STYLE = """
QFrame#card { background: palette(base); border: 1px solid palette(mid); border-radius: 8px; }
QFrame#card QLabel { background: transparent; }
"""


def card_page(card_parts: Sequence[QWidget], parent: QWidget | None = None) -> QWidget:
    """A page with ``card_parts`` stacked in a card, centred on a plain background."""
    page = QWidget(parent)
    card = QFrame(page)
    card.setObjectName("card")
    card.setStyleSheet(_CARD_STYLE)
    card.setFixedWidth(CARD_WIDTH)
    inside = QVBoxLayout(card)
    inside.setContentsMargins(28, 24, 28, 24)
    inside.setSpacing(10)
    for part in card_parts:
        inside.addWidget(part)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(card)
    row.addStretch(1)
    outer = QVBoxLayout(page)
    outer.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)
    return page


def title_label(text: str, scale: float = 1.5) -> QLabel:
    """A bold heading, ``scale`` times the body font."""
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def problem_label(name: str) -> QLabel:
    """A hidden line for a refusal, in dark red, read out under ``name``."""
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
    label.hide()
    return label


def labelled_edit(text: str, password: bool = False) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(text)
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def say_problem(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class BusyCursor:
    """A wait cursor while a password is hashed or checked (a fraction of a second)."""

    def __enter__(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *_exc: object) -> None:
        QApplication.restoreOverrideCursor()


def settle_password(
    password: QLineEdit, problem: QLabel, error: RecoveryDeskError | None = None
) -> bool:
    """Finish a password check: clear the password; say why it was refused, if it was.

    A refusal (``error``) puts the focus back on the password. True when it was accepted.
    """
    password.clear()
    say_problem(problem, error_text(error) if error is not None else "")
    if error is not None:
        password.setFocus()
    return error is None
