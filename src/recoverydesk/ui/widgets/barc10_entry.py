"""BARC-10 entry: ten items, each answered 1-6, fast from the keyboard.

Each item is one row that takes the keyboard focus. Typing a digit 1-6 answers the item
and moves to the next one, so ten digits answer the whole form; the arrow keys move
between items (Up/Down) and change an answer (Left/Right), Delete clears it. The six
numbered buttons do the same with the mouse. The total (10-60) is always added up here,
never typed, and shown live with a note when it is at or above 47.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.plan_kinds import (
    BARC10_ITEMS,
    BARC10_MAX_ITEM,
    BARC10_MIN_ITEM,
    BARC10_SCALE,
    BARC10_THRESHOLD,
)

FOCUS_COLOR = QColor("#e3ecfa")
FOCUS_EDGE = QColor("#3367d6")
GOOD_COLOR = "#2e7d32"
_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(BARC10_MIN_ITEM, BARC10_MAX_ITEM + 1)}
_WORDS = [f"{n} {word.lower()}" for n, word in enumerate(BARC10_SCALE, start=1)]
LEGEND = f"{' · '.join(_WORDS[:3])}\n{' · '.join(_WORDS[3:])}"
#: a chosen answer stands out by more than a shade: blue fill, white bold digit
BUTTON_STYLE = (
    "QToolButton { border: 1px solid #b8b8b8; border-radius: 4px; background: #fbfbfb; }"
    "QToolButton:hover { background: #e3ecfa; }"
    "QToolButton:checked { background: #3367d6; color: white; font-weight: bold;"
    " border-color: #23479a; }"
)
THRESHOLD_NOTE = f"A total of {BARC10_THRESHOLD} or more has been linked with lasting recovery."


class Barc10ItemRow(QWidget):
    """One BARC-10 item: its topic, six answer buttons and the answer in words.

    Signals:
        answered: the item was answered by a digit key (the entry moves on).
        changed: the answer changed (by key or click).
        move: Up (-1) or Down (+1) was pressed.
    """

    answered = Signal()
    changed = Signal()
    move = Signal(int)

    def __init__(self, number: int, topic: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.topic = topic
        self._score: int | None = None
        self._editable = True
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.label = QLabel(f"{number}. {topic}", self)
        self.setAccessibleName(self.label.text())
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        self.buttons = [self._button(n) for n in range(BARC10_MIN_ITEM, BARC10_MAX_ITEM + 1)]
        self.answer_label = QLabel(self)
        self.answer_label.setMinimumWidth(self.fontMetrics().horizontalAdvance(BARC10_SCALE[2]))
        self._lay_out()
        self._show()

    def _button(self, score: int) -> QToolButton:
        button = QToolButton(self)
        button.setText(str(score))
        button.setAccessibleName(str(score))
        button.setAccessibleDescription(BARC10_SCALE[score - 1])
        button.setToolTip(f"{score}: {BARC10_SCALE[score - 1]}")
        button.setCheckable(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the row takes the keyboard
        side = self.fontMetrics().height() + 14
        button.setFixedSize(side + 6, side)
        button.clicked.connect(lambda _checked=False, s=score: self._clicked(s))
        self.group.addButton(button, score)
        return button

    def _lay_out(self) -> None:
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.setSpacing(4)
        layout.addWidget(self.label, 1)
        for button in self.buttons:
            layout.addWidget(button)
        layout.addSpacing(8)
        layout.addWidget(self.answer_label)

    @property
    def score(self) -> int | None:
        return self._score

    def set_score(self, score: int | None) -> None:
        if score is not None and not BARC10_MIN_ITEM <= score <= BARC10_MAX_ITEM:
            return
        if score != self._score:
            self._score = score
            self._show()
            self.changed.emit()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        for button in self.buttons:
            button.setEnabled(editable)

    def _clicked(self, score: int) -> None:
        if self._editable:
            self.set_score(None if score == self._score else score)
        self._show()
        self.setFocus(Qt.FocusReason.MouseFocusReason)

    def _show(self) -> None:
        for button in self.buttons:
            button.setChecked(self.group.id(button) == self._score)
        word = BARC10_SCALE[self._score - 1] if self._score else "not answered"
        self.answer_label.setText(word if self._score else "")
        self.setAccessibleDescription(f"Answer: {word}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and key in _DIGITS and self._editable:
            self.set_score(_DIGITS[key])
            self.answered.emit()
        elif plain and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif plain and key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self._editable:
            step = -1 if key == Qt.Key.Key_Left else 1
            start = self._score or (BARC10_MIN_ITEM - 1 if step > 0 else BARC10_MAX_ITEM + 1)
            self.set_score(min(max(start + step, BARC10_MIN_ITEM), BARC10_MAX_ITEM))
        elif plain and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._editable:
            self.set_score(None)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.hasFocus():
            painter = QPainter(self)
            painter.fillRect(self.rect(), FOCUS_COLOR)
            painter.fillRect(0, 0, 4, self.height(), FOCUS_EDGE)
            painter.end()
        super().paintEvent(event)


class Barc10Entry(QWidget):
    """The ten BARC-10 items with a live total; ``scores()`` gives None for unanswered ones.

    Signals:
        changed: an answer changed (the total is already updated).
        completed: the last item was answered by a digit key (focus is left for the owner).
    """

    changed = Signal()
    completed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.legend = QLabel(LEGEND, self)
        self.legend.setContentsMargins(8, 0, 0, 4)
        self.legend.setStyleSheet("color: #555;")
        self.rows = [Barc10ItemRow(n, topic, self) for n, (topic, _) in enumerate(BARC10_ITEMS, 1)]
        self.total_label = QLabel(self)
        self.total_label.setAccessibleName("BARC-10 total")
        font = self.total_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.total_label.setFont(font)
        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        self._lay_out()
        for row in self.rows:
            row.changed.connect(self._on_changed)
            row.answered.connect(lambda r=row: self._advance(r))
            row.move.connect(lambda step, r=row: self._move(r, step))
        self.setFocusProxy(self.rows[0])
        self.setStyleSheet(BUTTON_STYLE)
        self._show_total()

    def _lay_out(self) -> None:
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(0)
        for number, row in enumerate(self.rows):
            grid.addWidget(row, number, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.legend)
        layout.addLayout(grid)
        layout.addSpacing(6)
        layout.addWidget(self.total_label)
        layout.addWidget(self.note_label)

    # -- values -------------------------------------------------------------------------

    def scores(self) -> list[int | None]:
        """The ten answers in item order; None where not answered yet."""
        return [row.score for row in self.rows]

    def set_scores(self, scores: Sequence[int | None]) -> None:
        for row, score in zip(self.rows, scores, strict=False):
            row.set_score(score)

    def clear(self) -> None:
        """Unanswer every item and put the keyboard back on item 1."""
        for row in self.rows:
            row.blockSignals(True)
            row.set_score(None)
            row.blockSignals(False)
        self._on_changed()
        self.setFocusProxy(self.rows[0])

    def answered(self) -> int:
        return sum(score is not None for score in self.scores())

    def is_complete(self) -> bool:
        return self.answered() == len(self.rows)

    def total(self) -> int:
        """The sum of the answers given (10-60 once all ten are answered)."""
        return sum(score for score in self.scores() if score is not None)

    def current_item(self) -> int:
        """The number (1-10) of the item with the keyboard focus, or 0."""
        return next((row.number for row in self.rows if row.hasFocus()), 0)

    def set_editable(self, editable: bool) -> None:
        for row in self.rows:
            row.set_editable(editable)

    def focus_first_unanswered(self) -> None:
        row = next((r for r in self.rows if r.score is None), self.rows[0])
        row.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- inside -------------------------------------------------------------------------

    def _advance(self, row: Barc10ItemRow) -> None:
        if row.number < len(self.rows):
            self.rows[row.number].setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.completed.emit()

    def _move(self, row: Barc10ItemRow, step: int) -> None:
        target = row.number - 1 + step
        if 0 <= target < len(self.rows):
            self.rows[target].setFocus(Qt.FocusReason.TabFocusReason)

    def _on_changed(self) -> None:
        self._show_total()
        self.changed.emit()

    def _show_total(self) -> None:
        answered, total = self.answered(), self.total()
        if answered == len(self.rows):
            self.total_label.setText(f"Total: {total} of 60")
        else:
            self.total_label.setText(f"Total so far: {total} ({answered} of 10 answered)")
        above = answered == len(self.rows) and total >= BARC10_THRESHOLD
        if above:
            self.note_label.setText(f"✓ At or above {BARC10_THRESHOLD}. {THRESHOLD_NOTE}")
            self.note_label.setStyleSheet(f"color: {GOOD_COLOR};")
        else:
            self.note_label.setText(THRESHOLD_NOTE)
            self.note_label.setStyleSheet("color: #555;")
        self.total_label.setAccessibleDescription(self.total_label.text())
