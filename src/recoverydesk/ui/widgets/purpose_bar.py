"""Purposes of the visit just recorded: one toggle per purpose, never stealing focus.

After a check-in the bar says "Purposes for Ana:" and shows the site's purposes as
checkable buttons. Toggling one says so (``purposes_changed``); the pane saves it. The
buttons never take keyboard focus, so typing the next name goes on in the search box; the
first nine also answer to Alt+1 … Alt+9, so no mouse is needed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from recoverydesk.ui.widgets.flow_layout import FlowLayout

MAX_SHORTCUTS = 9


class PurposeBar(QWidget):
    """Checkable purpose buttons for one visit; replaced by the next check-in.

    Signals:
        purposes_changed: (visit id, the purposes now ticked, in the site's order).
    """

    purposes_changed = Signal(int, list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._visit_id: int | None = None
        self._purposes: tuple[str, ...] = ()
        self.buttons: list[QPushButton] = []
        self._shortcuts: list[QShortcut] = []
        self.label = QLabel(self)
        self.hint = QLabel(f"Alt+1…{MAX_SHORTCUTS} to toggle", self)
        self.hint.setStyleSheet("color: #616161;")
        self._layout = FlowLayout(self)
        self._layout.addWidget(self.label)
        self._layout.addWidget(self.hint)
        for number in range(1, MAX_SHORTCUTS + 1):
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda n=number: self.toggle(n - 1))
            self._shortcuts.append(shortcut)
        self.hide()

    @property
    def visit_id(self) -> int | None:
        return self._visit_id

    def chosen(self) -> list[str]:
        return [p for p, b in zip(self._purposes, self.buttons, strict=True) if b.isChecked()]

    def show_for(
        self, visit_id: int, who: str, purposes: Sequence[str], ticked: Sequence[str] = ()
    ) -> None:
        """Offer ``purposes`` for visit ``visit_id`` of ``who``, with ``ticked`` already on."""
        self._visit_id = visit_id
        self._purposes = tuple(purposes)
        self.label.setText(f"Purposes for {who}:")
        self._rebuild(ticked)
        self.show()

    def clear_visit(self) -> None:
        self._visit_id = None
        self.hide()

    def toggle(self, position: int) -> None:
        """Flip the ``position``-th purpose (Alt+1 is 0) of the visit shown."""
        if self.isVisible() and 0 <= position < len(self.buttons):
            self.buttons[position].toggle()

    def _rebuild(self, ticked: Sequence[str]) -> None:
        while self._layout.takeAt(0) is not None:
            pass
        for button in self.buttons:
            button.deleteLater()
        self._layout.addWidget(self.label)
        self.buttons = [
            self._button(position, purpose, purpose in ticked)
            for position, purpose in enumerate(self._purposes)
        ]
        for button in self.buttons:
            self._layout.addWidget(button)
        self._layout.addWidget(self.hint)

    def _button(self, position: int, purpose: str, checked: bool) -> QPushButton:
        button = QPushButton(purpose, self)
        button.setAccessibleName(purpose)
        button.setCheckable(True)
        button.setChecked(checked)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if position < MAX_SHORTCUTS:
            button.setToolTip(f"{purpose} (Alt+{position + 1})")
            button.setAccessibleDescription(f"Alt+{position + 1}")
        button.setStyleSheet(
            "QPushButton { padding: 4px 10px; border: 1px solid #9e9e9e; border-radius: 12px;"
            " background: #fafafa; }"
            " QPushButton:checked { background: #c8e6c9; border: 2px solid #2e7d32; }"
        )
        _mark(button, checked)
        button.toggled.connect(lambda on, b=button: self._on_toggled(b, on))
        return button

    def _on_toggled(self, button: QPushButton, checked: bool) -> None:
        _mark(button, checked)
        if self._visit_id is not None:
            self.purposes_changed.emit(self._visit_id, self.chosen())


def _mark(button: QPushButton, checked: bool) -> None:
    """A tick in the label when on, so the state is not told by colour alone."""
    name = button.accessibleName()
    button.setText(f"✓ {name}" if checked else name)
