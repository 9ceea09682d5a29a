"""A form over one saved value: checked as typed, saved with reasons, discarded, settled on close.

Admin → Settings and Admin → Front desk each edit one value the service keeps whole
(``SiteSettings``, ``VisitRules``). ``SavedForm`` holds what they share: every edit checks
every field and shows each reason beside its field; Save refuses with those reasons and
keeps everything typed, or stores the value, says so on the status line and announces the
change; Discard shows the saved value again; closing with unsaved edits asks first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from PySide6.QtCore import Qt, SignalInstance, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.errors import FieldError, RecoveryDeskError, ValidationError
from recoverydesk.ui.errors import handle_error
from recoverydesk.ui.widgets.field_feedback import FieldBox

NOT_SAVED_TEXT = "Not saved: please fix the fields marked in red."
FIELD_WIDTH = 420
_SAVED_STYLE = "color: #2e7d32; font-weight: bold;"
_NOT_SAVED_STYLE = "color: #c62828; font-weight: bold;"

V = TypeVar("V")
Answer = QMessageBox.StandardButton


class SavedForm(QWidget, Generic[V]):
    """Save, Discard and a status line over one saved value of type ``V``.

    A subclass sets the texts below, makes its inputs, then calls ``_start()``; it
    implements ``_read_saved``, ``values``, ``_fill``, ``_problems``, ``_store``,
    ``_edit_signals`` and ``_build`` (with ``_place`` for each field and ``_lay_out``).
    """

    save_label: str
    saved_message: str
    discard_title: str
    discard_text: str

    def __init__(self, changed: SignalInstance, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._changed = changed
        self._boxes: dict[str, FieldBox] = {}
        self._saved: V
        self.save_button = QPushButton(self.save_label)
        self.discard_button = QPushButton("Discard changes")
        self.status = QLabel()

    # ----- what a subclass supplies -------------------------------------------------------

    def _read_saved(self) -> V:
        """The value as the service has it now."""
        raise NotImplementedError

    def values(self) -> V:
        """What the form holds now, cleaned the way the service cleans it."""
        raise NotImplementedError

    def _fill(self, value: V) -> None:
        """Put ``value`` in the inputs."""
        raise NotImplementedError

    def _problems(self, value: V) -> list[FieldError]:
        """Everything that keeps ``value`` from being saved, by field."""
        raise NotImplementedError

    def _store(self, value: V) -> V:
        """Save ``value`` through the service; returns what was saved."""
        raise NotImplementedError

    def _edit_signals(self) -> Iterable[SignalInstance]:
        """The signals that say an input was edited."""
        raise NotImplementedError

    def _build(self) -> None:
        """Lay out the inputs, their labels and the buttons."""
        raise NotImplementedError

    def _before_save(self) -> None:
        """Finish anything still being typed, so that Save takes it (nothing by default)."""

    # ----- public API -------------------------------------------------------------------

    def load(self) -> None:
        """Show the saved value (throws away unsaved edits)."""
        self._saved = self._read_saved()
        self.set_values(self._saved)
        self._show_status("", "")

    def set_values(self, value: V) -> None:
        """Show ``value`` in the inputs and check them."""
        self._fill(value)
        self.revalidate()

    def is_dirty(self) -> bool:
        """True when the form holds edits that are not saved."""
        return self.values() != self._saved

    def message_for(self, field: str) -> str:
        """The reason shown with ``field`` ('' when it is fine)."""
        return self._boxes[field].message

    def field_box(self, field: str) -> FieldBox:
        """The box that holds ``field`` and its reason."""
        return self._boxes[field]

    @Slot()
    def revalidate(self) -> bool:
        """Check every field now; True when the form can be saved."""
        problems = ValidationError(self._problems(self.values()))
        self._show_problems(problems)
        return not problems.errors

    @Slot()
    def save(self) -> bool:
        """Save through the service; on a refusal keep the text and show the reasons."""
        self._before_save()
        if not self.revalidate():
            return self._refused()
        try:
            saved = self._store(self.values())
        except ValidationError as error:
            self._show_problems(error)
            return self._refused()
        except RecoveryDeskError as error:
            self._show_status("Not saved.", _NOT_SAVED_STYLE)
            handle_error(self, error)
            return False
        self._took(saved)
        return True

    def confirm_discard(self) -> Answer:
        """Ask what to do with unsaved edits: Save, Discard or Cancel (tests replace it)."""
        return QMessageBox.question(
            self,
            self.discard_title,
            self.discard_text,
            Answer.Save | Answer.Discard | Answer.Cancel,
            Answer.Save,
        )

    def can_close(self, ask: Callable[[], Answer] | None = None) -> bool:
        """Settle unsaved edits, asking with ``ask`` if given; False keeps the window open."""
        if not self.is_dirty():
            return True
        choice = (ask or self.confirm_discard)()
        if choice == Answer.Save:
            return self.save()
        return choice == Answer.Discard

    # ----- for the subclass -----------------------------------------------------------------

    def _start(self) -> None:
        """Build, show the saved value and start listening to edits."""
        self._build()
        self.load()
        self._connect()

    @staticmethod
    def _field_grid(row_gap: int) -> QGridLayout:
        """A grid of labels (column 0) beside fields (column 1), ``row_gap`` pixels apart."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(row_gap)
        grid.setColumnStretch(2, 1)
        grid.setColumnMinimumWidth(1, 260)
        return grid

    def _place(self, grid: QGridLayout, row: int, field: str, label: QLabel, box: FieldBox) -> None:
        """Put ``label`` and the ``box`` of ``field`` in ``row`` of ``grid``."""
        box.setMaximumWidth(FIELD_WIDTH)
        grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(box, row, 1)
        self._boxes[field] = box

    def _lay_out(self, title: str, intro: QLabel, grid: QGridLayout, gap: int) -> None:
        """Heading, ``intro``, the fields, then ``gap`` pixels above the buttons."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading(title))
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addSpacing(gap)
        layout.addLayout(self._buttons())
        layout.addStretch(1)

    # ----- inside ---------------------------------------------------------------------------

    def _buttons(self) -> QHBoxLayout:
        self.save_button.setAccessibleName(self.save_label)
        self.save_button.setDefault(True)
        self.discard_button.setAccessibleName("Discard changes")
        self.status.setAccessibleName("Save status")
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.discard_button)
        row.addSpacing(12)
        row.addWidget(self.status)
        row.addStretch(1)
        return row

    def _connect(self) -> None:
        edited: Callable[..., None] = self._edited
        for signal in self._edit_signals():
            signal.connect(edited)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.load)

    def _edited(self, *_args: object) -> None:
        self._show_status("", "")
        self.revalidate()

    def _refused(self) -> bool:
        self._show_status(NOT_SAVED_TEXT, _NOT_SAVED_STYLE)
        return False

    def _took(self, saved: V) -> None:
        """``saved`` is stored: show it as stored, say so and tell the other panes."""
        self._saved = saved
        if self.values() != saved:
            self.set_values(saved)
        self._show_status(self.saved_message, _SAVED_STYLE)
        self._changed.emit()

    def _show_problems(self, problems: ValidationError) -> None:
        for field, box in self._boxes.items():
            box.set_error(problems.for_field(field) or "")

    def _show_status(self, text: str, style: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)


def heading(text: str) -> QLabel:
    """A form's title: the body font, a third larger and bold."""
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    return label
