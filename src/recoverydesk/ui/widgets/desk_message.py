"""The front desk's message line: what just happened at the door, in one calm sentence.

Each kind of message has a symbol and a wording of its own as well as a colour, so the
colour is never the only signal: "✓" a visit was recorded, "↺" nothing new was recorded,
"✋" the rules refused a check-in, "⚠" something went wrong. One optional action button
("Override…", "Make member") sits at the end of the line; nothing here is modal.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class MessageKind(Enum):
    """How a message should look: (symbol, text colour, background, border)."""

    DONE = ("✓", "#1b5e20", "#e8f5e9", "#a5d6a7")
    ALREADY = ("↺", "#6d4c00", "#fff8e1", "#ffe082")
    REFUSED = ("✋", "#8c1d18", "#fdecea", "#f5b7b1")
    PROBLEM = ("⚠", "#8c1d18", "#fdecea", "#f5b7b1")
    INFO = ("", "#37474f", "transparent", "transparent")

    @property
    def symbol(self) -> str:
        return self.value[0]


ACCESSIBLE_NAME = "Check-in message"
READY_TEXT = "Ready — type a name or scan a card"


class DeskMessage(QFrame):
    """One line of feedback under the search box, with an optional action."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskMessage")
        self._kind = MessageKind.INFO
        self._action: Callable[[], object] | None = None
        self.label = QLabel(self)
        self.label.setObjectName("deskMessageText")
        self.label.setAccessibleName(ACCESSIBLE_NAME)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.label.setFont(font)
        self.action_button = QPushButton(self)
        self.action_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.action_button.clicked.connect(self._run_action)
        self.action_button.hide()
        self._extra: Callable[[], object] | None = None
        self.extra_button = QPushButton(self)
        self.extra_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.extra_button.clicked.connect(self._run_extra)
        self.extra_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.extra_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.show_message(MessageKind.INFO, READY_TEXT)

    @property
    def kind(self) -> MessageKind:
        return self._kind

    def text(self) -> str:
        """The message as shown, symbol included."""
        return self.label.text()

    def show_message(
        self,
        kind: MessageKind,
        text: str,
        action: str = "",
        on_action: Callable[[], object] | None = None,
        extra: tuple[str, Callable[[], object]] | None = None,
    ) -> None:
        """Show ``text``; with ``action`` (a button label, '&' marks its Alt key) a button.

        ``extra`` is a second (label, action) pair, e.g. Undo beside Make member.
        """
        self._kind = kind
        self.label.setText(f"{kind.symbol} {text}".strip())
        self._action = on_action if action else None
        self.action_button.setText(action)
        self.action_button.setAccessibleName(action.replace("&", ""))
        self.action_button.setVisible(bool(action))
        extra_label, self._extra = extra if extra else ("", None)
        self.extra_button.setText(extra_label)
        self.extra_button.setAccessibleName(extra_label.replace("&", ""))
        self.extra_button.setVisible(bool(extra_label))
        _, color, background, border = kind.value
        self.setStyleSheet(
            f"QFrame#deskMessage {{ background: {background}; border: 1px solid {border};"
            f" border-radius: 6px; }}"
            f" QLabel#deskMessageText {{ color: {color}; background: transparent; }}"
        )

    def clear_message(self) -> None:
        self.show_message(MessageKind.INFO, READY_TEXT)

    def _run_action(self) -> None:
        action = self._action
        if action is not None:
            action()

    def _run_extra(self) -> None:
        extra = self._extra
        if extra is not None:
            extra()
