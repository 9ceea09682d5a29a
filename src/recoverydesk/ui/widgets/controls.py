"""Small controls made the same way wherever they appear.

``named_button`` is a push button whose accessible name is its visible label (the ``&``
that marks its keyboard shortcut left out); ``button_row`` lines buttons up under a list;
``single_shot`` is the timer behind every "wait until the typing stops" and "clear this
message later".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget


def named_button(
    text: str,
    slot: Callable[[], object] | None = None,
    parent: QWidget | None = None,
    tip: str = "",
) -> QPushButton:
    """A push button named as labelled; a click runs ``slot``; ``tip`` is its tooltip."""
    button = QPushButton(text, parent)
    button.setAccessibleName(text.replace("&", ""))
    if tip:
        button.setToolTip(tip)
    if slot is not None:
        button.clicked.connect(lambda _checked=False: slot())
    return button


def button_row(left: Sequence[QWidget], right: Sequence[QWidget] = ()) -> QHBoxLayout:
    """``left`` side by side from the left edge, then ``right`` ones at the right edge."""
    row = QHBoxLayout()
    for widget in left:
        row.addWidget(widget)
    row.addStretch(1)
    for widget in right:
        row.addWidget(widget)
    return row


def single_shot(parent: QObject, interval_ms: int, slot: Callable[[], object]) -> QTimer:
    """A timer that runs ``slot`` once, ``interval_ms`` after its last ``start()``."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer
