"""Quick add: a new person at the door, in four fields, without leaving the front desk.

Opened when Enter finds nobody. The first (and last) name come from what was typed when it
looks like a name. Fields check themselves as the person types (red border and the reason
beneath); nothing typed is ever cleared by an error. Enter saves (``submitted``), Escape
goes back to the search (``cancelled``); the pane creates the person and checks them in.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from recoverydesk.domain.codes import looks_like_code
from recoverydesk.domain.errors import FieldError
from recoverydesk.domain.members import MemberDraft, MemberStatus
from recoverydesk.services.members import MemberService
from recoverydesk.ui.widgets.field_feedback import FieldBox

TITLE = "New person"
_FIELDS = (
    ("first_name", "First name", ""),
    ("last_name", "Last name", ""),
    ("preferred_name", "Preferred name", "What they like to be called"),
    ("phone", "Phone (optional)", ""),
)
_NAME_LIKE = re.compile(r"^[^\W\d_][\w'’.\- ]*$")


def name_parts(text: str) -> tuple[str, str]:
    """(first, last) from typed text that looks like a name, else ('', '')."""
    text = " ".join(text.split())
    if not text or looks_like_code(text) or not _NAME_LIKE.match(text):
        return "", ""
    if text.islower():  # typed in a hurry: "zoe ng" -> "Zoe Ng"; mixed case is kept as is
        text = " ".join(word[:1].upper() + word[1:] for word in text.split(" "))
    first, _, last = text.partition(" ")
    return first, last


class QuickAddForm(QFrame):
    """First, last and preferred name, phone, and guest-or-member.

    Signals:
        submitted: the draft to create (the form stays open until the pane closes it).
        cancelled: Escape or Cancel.
    """

    submitted = Signal(object)
    cancelled = Signal()

    def __init__(self, members: MemberService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._members = members
        self._touched: set[str] = set()
        self.guest_visit_id: int | None = None
        self.setObjectName("quickAdd")
        self.setStyleSheet(
            "QFrame#quickAdd { border: 1px solid #90a4ae; border-radius: 6px;"
            " background: #f5f7f8; }"
        )
        self.title = QLabel(TITLE, self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.edits: dict[str, QLineEdit] = {}
        self.boxes: dict[str, FieldBox] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        for position, (field, label, hint) in enumerate(_FIELDS):
            self._add_field(grid, position, field, label, hint)
        layout = QGridLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.addWidget(self.title, 0, 0)
        layout.addLayout(grid, 1, 0)
        layout.addLayout(self._bottom_row(), 2, 0)
        self.hide()

    # -- building -------------------------------------------------------------------------

    def _add_field(
        self, grid: QGridLayout, position: int, field: str, label: str, hint: str
    ) -> None:
        edit = QLineEdit(self)
        edit.setAccessibleName(label)
        edit.setPlaceholderText(hint)
        edit.installEventFilter(self)
        edit.textEdited.connect(lambda _text, f=field: self._on_edited(f))
        caption = QLabel(label, self)
        caption.setBuddy(edit)
        box = FieldBox(edit, parent=self)
        row, column = divmod(position, 2)
        grid.addWidget(caption, row, column * 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(box, row, column * 2 + 1)
        grid.setColumnStretch(column * 2 + 1, 1)
        self.edits[field] = edit
        self.boxes[field] = box

    def _bottom_row(self) -> QHBoxLayout:
        self.as_guest = QRadioButton("Guest", self)
        self.as_guest.setAccessibleName("Guest")
        self.as_member = QRadioButton("Member", self)
        self.as_member.setAccessibleName("Member")
        self.as_guest.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.as_guest)
        group.addButton(self.as_member)
        self.create_button = QPushButton("Create and check in", self)
        self.create_button.setAccessibleName("Create and check in")
        self.create_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel")
        self.cancel_button.clicked.connect(self.cancelled)
        row = QHBoxLayout()
        row.addWidget(QLabel("Add as:", self))
        row.addWidget(self.as_guest)
        row.addWidget(self.as_member)
        row.addStretch(1)
        row.addWidget(self.create_button)
        row.addWidget(self.cancel_button)
        return row

    # -- use ------------------------------------------------------------------------------

    def open(self, typed: str, guest_visit_id: int | None = None, guest_label: str = "") -> None:
        """Show the form for a new person, prefilled from ``typed`` when it is a name.

        With ``guest_visit_id`` the new person takes over that anonymous guest visit.
        """
        first, last = name_parts(guest_label or typed)
        self.guest_visit_id = guest_visit_id
        self._touched.clear()
        for field, edit in self.edits.items():
            edit.setText({"first_name": first, "last_name": last}.get(field, ""))
            self.boxes[field].set_error("")
        self.as_guest.setChecked(guest_visit_id is None)
        self.as_member.setChecked(guest_visit_id is not None)
        what = (
            "for this guest visit. Enter creates them; Esc cancels."
            if guest_visit_id
            else "Enter creates and checks in; Esc cancels."
        )
        self.title.setText(f"{TITLE} — {what}")
        self.create_button.setText("Create member" if guest_visit_id else "Create and check in")
        self.show()
        target = self.edits["last_name" if first else "first_name"]
        target.setFocus()
        target.end(False)

    @property
    def edited(self) -> bool:
        """True once the person has typed into the open form."""
        return self.isVisible() and bool(self._touched)

    def draft(self) -> MemberDraft:
        text = {field: edit.text() for field, edit in self.edits.items()}
        status = MemberStatus.GUEST if self.as_guest.isChecked() else MemberStatus.MEMBER
        return MemberDraft(
            first_name=text["first_name"],
            last_name=text["last_name"],
            preferred_name=text["preferred_name"],
            phone=text["phone"],
            status=status,
        )

    def check(self, show_all: bool = False) -> bool:
        """Mark the fields with problems (all of them when ``show_all``); True if any."""
        if show_all:
            self._touched.update(self.edits)
        errors = self._members.validate(self.draft())
        self.show_errors(errors)
        return bool(errors)

    def show_errors(self, errors: list[FieldError] | tuple[FieldError, ...]) -> list[FieldError]:
        """Show each error beside its field; returns the ones that belong to no field here."""
        for field, box in self.boxes.items():
            message = next((e.message for e in errors if e.field == field), "")
            box.set_error(message if field in self._touched else "")
        return [e for e in errors if e.field not in self.boxes]

    def focus_first_error(self) -> None:
        field = next((f for f, box in self.boxes.items() if box.message), None)
        if field is not None:
            self.edits[field].setFocus()

    def focus_form(self) -> None:
        """Back to the form: the first field with a problem, else the first name."""
        field = next((f for f, box in self.boxes.items() if box.message), "first_name")
        self.edits[field].setFocus()

    def submit(self) -> None:
        if self.check(show_all=True):
            self.focus_first_error()
            return
        self.submitted.emit(self.draft())

    # -- keys -----------------------------------------------------------------------------

    def _on_edited(self, field: str) -> None:
        self._touched.add(field)
        self.check()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in self.edits.values():
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.submit()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.cancelled.emit()
                return True
        return super().eventFilter(watched, event)
