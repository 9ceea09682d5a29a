"""A small dialog form that checks itself as the person types and saves through a service.

The peer-work dialogs (peer, contact, assignment, transfer) share this: each field sits in
a ``FieldBox`` (red border and the reason in words), problems show for the fields touched
and for all of them on Save, a refused save keeps everything typed, and a successful one
emits ``saved`` with what the service returned and closes the dialog. Dialogs are opened
with ``open()`` (window-modal, not blocking), so tests can fill them in like a person.
``MemberFormDialog`` is the base of the forms about one member (a contact, an assignment).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.errors import FieldError, RecoveryDeskError, ValidationError
from recoverydesk.domain.validation import parse_date
from recoverydesk.ui.errors import error_title, plain_text
from recoverydesk.ui.widgets.field_feedback import FieldBox
from recoverydesk.ui.widgets.problem_box import ProblemBox

DATE_HINT = "YYYY-MM-DD"


class FormDialog(QDialog):
    """Labelled fields with inline problems, Save and Cancel; a subclass says how to save.

    Signals:
        saved: what the service returned after a successful save (the dialog then closes).
    """

    saved = Signal(object)

    #: service field names shown on another field's box (e.g. "to_peer_id" → "peer_id")
    FIELD_ALIASES: dict[str, str] = {}

    def __init__(self, title: str, parent: QWidget | None = None, save_text: str = "Save") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._boxes: dict[str, FieldBox] = {}
        self._touched: set[str] = set()
        self._problems = ProblemBox(self)
        self._loading = True
        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(save_text, self)
        self.save_button.setAccessibleName(save_text)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel")
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        self.cancel_button.clicked.connect(lambda _checked=False: self.reject())
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.activated.connect(self.save)

    # -- what a subclass supplies ---------------------------------------------------------

    def problems(self) -> list[FieldError]:
        """Every problem with what is typed now (parse errors included)."""
        raise NotImplementedError

    def store(self) -> object:
        """Save through the service and return what it returned (may raise)."""
        raise NotImplementedError

    # -- building -------------------------------------------------------------------------

    def add_field(
        self,
        field: str,
        label: str,
        editor: QWidget,
        focus: QWidget | None = None,
        *,
        watch: bool = False,
    ) -> FieldBox:
        """A labelled input whose problems show beneath it.

        With ``watch`` every change of the input (``focus`` if given) checks ``field``
        again (``touch``).
        """
        target = focus or editor
        if watch:
            _changed(target).connect(lambda *_args: self.touch(field))
        target.setAccessibleName(label)
        box = FieldBox(editor, target, self)
        self._boxes[field] = box
        text = QLabel(label, self)
        text.setBuddy(target)
        self.form.addRow(text, box)
        return box

    def add_info(self, label: str, text: str) -> QLabel:
        """A read-only line (e.g. the member the dialog is about)."""
        value = QLabel(text, self)
        value.setAccessibleName(label)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        value.setWordWrap(True)
        self.form.addRow(QLabel(label, self), value)
        return value

    def date_line(self, text: str = "", hint: str = DATE_HINT) -> QLineEdit:
        line = QLineEdit(text, self)
        line.setPlaceholderText(hint)
        return line

    def finish(self, intro: str = "", extra: Iterable[QWidget] = ()) -> None:
        """Lay out: an optional sentence, the fields, any extra widgets, the buttons."""
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro, self)
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addLayout(self.form)
        for widget in extra:
            layout.addWidget(widget)
        layout.addWidget(self.buttons)
        self._loading = False

    def touch(self, field: str) -> None:
        """The person edited ``field``: check again and show its problem, if any."""
        if self._loading:
            return
        self._touched.add(field)
        self.revalidate()

    # -- checking and saving --------------------------------------------------------------

    def box(self, field: str) -> FieldBox:
        return self._boxes[field]

    def message_for(self, field: str) -> str:
        """The problem shown on ``field`` now ('' when none)."""
        box = self._boxes.get(field)
        return box.message if box is not None else ""

    @property
    def message_box(self) -> QMessageBox | None:
        """The last problem shown that belongs to no field."""
        return self._problems.box

    def revalidate(self, show_all: bool = False) -> list[FieldError]:
        """Check what is typed; mark touched fields (all with ``show_all``)."""
        try:
            errors = self.problems()
        except RecoveryDeskError:
            errors = []
        shown = {self._field(e.field): e.message for e in errors}
        for field, box in self._boxes.items():
            visible = show_all or field in self._touched
            box.set_error(shown.get(field, "") if visible else "")
        return errors

    def save(self) -> bool:
        """Save if nothing is wrong; otherwise show why and keep what was typed."""
        if not self.save_button.isEnabled():
            return False
        if self.revalidate(show_all=True):
            self._focus_first_error()
            return False
        try:
            result = self.store()
        except ValidationError as error:
            self.show_errors(error.errors)
            return False
        except RecoveryDeskError as error:
            self._problems.show(error_title(error), plain_text(error))
            return False
        self.saved.emit(result)
        self.accept()
        return True

    def show_errors(self, errors: Iterable[FieldError]) -> None:
        """Show a service's refusal on the fields it names; the rest in a message box."""
        leftover: list[str] = []
        for error in errors:
            box = self._boxes.get(self._field(error.field))
            if box is None:
                leftover.append(error.message)
            else:
                box.set_error(error.message)
        self._focus_first_error()
        if leftover:
            self._problems.show("Not saved", "\n".join(leftover))

    def _field(self, name: str) -> str:
        return self.FIELD_ALIASES.get(name, name)

    def _focus_first_error(self) -> None:
        for box in self._boxes.values():
            if box.message:
                box.target.setFocus()
                return


class MemberFormDialog(FormDialog):
    """A form about one member, who is shown at the top (not chosen)."""

    def __init__(
        self,
        title: str,
        member_id: int,
        member_label: str,
        parent: QWidget | None = None,
        save_text: str = "Save",
    ) -> None:
        super().__init__(title, parent, save_text=save_text)
        self.member_id = member_id
        self.member_label = self.add_info("Member", member_label)


def _changed(editor: QWidget) -> SignalInstance:
    """The signal an input sends when the person changes it."""
    if isinstance(editor, QComboBox):
        return editor.currentIndexChanged
    if isinstance(editor, QDateTimeEdit):
        return editor.dateTimeChanged
    if isinstance(editor, QAbstractButton):
        return editor.toggled
    if isinstance(editor, QLineEdit | QPlainTextEdit):
        return editor.textChanged
    raise TypeError(f"No change signal known for {type(editor).__name__}")


def date_problem(field: str, label: str, text: str, required: bool = False) -> FieldError | None:
    """A problem with a typed date, or None ('' is fine unless ``required``)."""
    try:
        value = parse_date(text)
    except ValueError as error:
        return FieldError(field, f"{label}: {error}")
    if value is None and required:
        return FieldError(field, f"{label} is required")
    return None
