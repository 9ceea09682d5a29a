"""A member's profile as an editable form that checks itself as the person types.

Each field with a problem gets a red border and the reason beneath it. Problems are shown
for the fields the person has touched (and for all of them once they try to save), so a
blank new form does not start out red. Nothing here ever clears what was typed.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from recoverydesk.domain.clock import Clock
from recoverydesk.domain.errors import FieldError, ValidationError
from recoverydesk.domain.members import (
    Focus,
    Member,
    MemberDraft,
    MemberStatus,
    Pathway,
)
from recoverydesk.domain.milestones import recovery_duration
from recoverydesk.domain.validation import parse_date
from recoverydesk.services.members import MemberService
from recoverydesk.ui.widgets.choice_checks import ChoiceChecks
from recoverydesk.ui.widgets.emergency_contacts import EmergencyContactsEditor
from recoverydesk.ui.widgets.field_feedback import FieldBox

DATE_HINT = "YYYY-MM-DD"
NO_FOCUS = "—"
_EDITABLE_STATUSES = (MemberStatus.MEMBER, MemberStatus.GUEST)


class MemberForm(QWidget):
    """Every editable field of one member (or of a new one), validated as it is typed.

    Signals:
        edited: the person changed something (not emitted while ``load`` fills the form).
    """

    edited = Signal()

    def __init__(self, members: MemberService, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._members = members
        self._clock = clock
        self._member: Member | None = None
        self._loading = False
        self._touched: set[str] = set()
        self._boxes: dict[str, FieldBox] = {}
        self._form = QFormLayout(self)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._loading = True
        self._build_person()
        self._build_contact()
        self._build_recovery()
        self._build_desk()
        self._baseline: tuple[object, ...] = ()
        self.load(None)

    # -- building -------------------------------------------------------------------------

    def _build_person(self) -> None:
        self._code = self._info("Member code")
        self._first = self._line("first_name", "First name")
        self._last = self._line("last_name", "Last name")
        self._preferred = self._line(
            "preferred_name", "Preferred name", "What they like to be called"
        )
        self._pronouns = self._line("pronouns", "Pronouns", "e.g. she/her, they/them")
        self._dob = self._line("date_of_birth", "Date of birth", f"{DATE_HINT} (optional)")

    def _build_contact(self) -> None:
        self._heading("Contact")
        self._phone = self._line("phone", "Phone")
        self._email = self._line("email", "Email", "name@example.org")
        self._address = QPlainTextEdit(self)
        self._address.setTabChangesFocus(True)
        self._address.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self._address.textChanged.connect(lambda: self._on_edited("address"))
        self._add("address", "Address", self._address)
        self._contacts = EmergencyContactsEditor(self)
        self._contacts.edited.connect(lambda: self._on_edited("emergency_contacts"))
        self._add(
            "emergency_contacts",
            "Emergency contacts",
            self._contacts,
            focus_target=self._contacts.table,
            full_width=True,
        )

    def _build_recovery(self) -> None:
        self._heading("Recovery")
        self._focus = QComboBox(self)
        self._focus.addItem(NO_FOCUS, "")
        for focus in Focus:
            self._focus.addItem(focus.label, focus.value)
        self._focus.currentIndexChanged.connect(lambda _i: self._on_edited("focus"))
        self._add("focus", "Focus", self._focus)
        self._pathways = ChoiceChecks(
            [(p.value, p.label) for p in Pathway], "Recovery pathways", columns=2, parent=self
        )
        self._pathways.toggled.connect(lambda: self._on_edited("pathways"))
        self._add(
            "pathways", "Recovery pathways", self._pathways, focus_target=self._pathways.boxes[0]
        )
        self._recovery_start = self._line("recovery_start", "Recovery start", DATE_HINT)
        self._milestone = self._info("Recovery milestone")

    def _build_desk(self) -> None:
        self._heading("At the desk")
        self._joined = self._line("joined_on", "Joined", DATE_HINT)
        self._status = QComboBox(self)
        for status in _EDITABLE_STATUSES:
            self._status.addItem(status.label, status.value)
        self._status.currentIndexChanged.connect(lambda _i: self._on_edited("status"))
        self._archived = QLabel(self)
        self._archived.setWordWrap(True)
        self._archived.setAccessibleName("Status")
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._status)
        layout.addWidget(self._archived, 1)
        self._add("status", "Status", row, focus_target=self._status)
        self._desk_note = self._line(
            "desk_note", "Front-desk note", "Short; shown at the front desk"
        )
        self._peer = QCheckBox("Peer wants to see you", self)
        self._peer.setAccessibleName("Peer wants to see you")
        self._peer.toggled.connect(lambda _on: self._on_edited("peer_wants_to_see"))
        self._form.addRow("", self._peer)
        self._dates = {
            "date_of_birth": self._dob,
            "recovery_start": self._recovery_start,
            "joined_on": self._joined,
        }

    def _line(self, field: str, label: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(lambda _text: self._on_edited(field))
        self._add(field, label, edit)
        return edit

    def _add(
        self,
        field: str,
        label: str,
        editor: QWidget,
        focus_target: QWidget | None = None,
        full_width: bool = False,
    ) -> None:
        target = focus_target or editor
        target.setAccessibleName(label)
        box = FieldBox(editor, border_target=target, parent=self)
        caption = QLabel(label, self)
        caption.setBuddy(target)
        if full_width:  # a table needs the label column's width too
            self._form.addRow(caption)
            self._form.addRow(box)
        else:
            self._form.addRow(caption, box)
        self._boxes[field] = box

    def _info(self, label: str) -> QLabel:
        value = QLabel(self)
        value.setAccessibleName(label)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._form.addRow(label, value)
        return value

    def _heading(self, text: str) -> None:
        heading = QLabel(text, self)
        heading.setStyleSheet("font-weight: bold; margin-top: 10px;")
        self._form.addRow(heading)

    # -- filling and reading --------------------------------------------------------------

    @property
    def member(self) -> Member | None:
        """The saved member shown, or None while the form holds a new member."""
        return self._member

    def load(self, member: Member | None) -> None:
        """Show ``member`` (None: a blank new member joining today), with no problems shown."""
        self._loading = True
        try:
            self._fill(
                member.to_draft() if member else MemberDraft("", "", joined_on=self._clock.today())
            )
        finally:
            self._loading = False
        self._member = member
        self._touched.clear()
        self._display([])
        self._show_identity(member)
        self._update_milestone()
        self._baseline = self._snapshot()

    def revert(self) -> None:
        """Put back what was loaded, dropping the edits."""
        self.load(self._member)

    def is_dirty(self) -> bool:
        """True when something differs from what was loaded."""
        return self._snapshot() != self._baseline

    def draft(self) -> MemberDraft:
        """What is typed, as a draft; ValidationError when a date cannot be read."""
        dates, errors = self._parse_dates()
        if errors:
            raise ValidationError(errors)
        return self._draft_with(dates)

    def editor(self, field: str) -> QWidget:
        """The input of ``field`` (a ``MemberDraft`` field name)."""
        return self._boxes[field].editor

    def error_text(self, field: str) -> str:
        """The problem shown under ``field`` now ('' when none is shown)."""
        return self._boxes[field].message

    def error_label(self, field: str) -> QLabel:
        return self._boxes[field].error_label

    # -- validation -----------------------------------------------------------------------

    def check(self, show_all: bool = False) -> list[FieldError]:
        """Every problem with what is typed; shows those of touched fields (or of all)."""
        dates, errors = self._parse_dates()
        unreadable = {error.field for error in errors}
        errors += [
            e for e in self._members.validate(self._draft_with(dates)) if e.field not in unreadable
        ]
        if show_all:
            self._touched.update(self._boxes)
        self._display(errors)
        return errors

    def show_errors(self, errors: tuple[FieldError, ...] | list[FieldError]) -> list[FieldError]:
        """Show ``errors`` on their fields; returns those that belong to no field here."""
        self._touched.update(error.field for error in errors)
        self._display(list(errors))
        return [error for error in errors if error.field not in self._boxes]

    def focus_first_error(self) -> None:
        box = next((b for b in self._boxes.values() if b.message), None)
        if box is not None:
            box.target.setFocus()

    def _on_edited(self, field: str) -> None:
        if self._loading:
            return
        self._touched.add(field)
        self.check()
        if field == "recovery_start":
            self._update_milestone()
        self.edited.emit()

    def _display(self, errors: list[FieldError]) -> None:
        messages: dict[str, list[str]] = {}
        for error in errors:
            messages.setdefault(error.field, []).append(error.message)
        for field, box in self._boxes.items():
            shown = messages.get(field, []) if field in self._touched else []
            box.set_error("\n".join(shown))

    def _parse_dates(self) -> tuple[dict[str, dt.date | None], list[FieldError]]:
        dates: dict[str, dt.date | None] = {}
        errors: list[FieldError] = []
        for field, edit in self._dates.items():
            try:
                dates[field] = parse_date(edit.text())
            except ValueError as error:
                dates[field] = None
                errors.append(FieldError(field, str(error)))
        return dates, errors

    # -- internals ------------------------------------------------------------------------

    def _draft_with(self, dates: dict[str, dt.date | None]) -> MemberDraft:
        focus = self._focus.currentData()
        return MemberDraft(
            first_name=self._first.text(),
            last_name=self._last.text(),
            preferred_name=self._preferred.text(),
            pronouns=self._pronouns.text(),
            date_of_birth=dates["date_of_birth"],
            phone=self._phone.text(),
            email=self._email.text(),
            address=self._address.toPlainText(),
            focus=Focus(focus) if focus else None,
            pathways=frozenset(Pathway(value) for value in self._pathways.values()),
            recovery_start=dates["recovery_start"],
            joined_on=dates["joined_on"],
            status=self._status_value(),
            desk_note=self._desk_note.text(),
            peer_wants_to_see=self._peer.isChecked(),
            emergency_contacts=self._contacts.contacts(),
        )

    def _status_value(self) -> MemberStatus:
        if self._member is not None and self._member.status is MemberStatus.ARCHIVED:
            return MemberStatus.ARCHIVED
        return MemberStatus(self._status.currentData())

    def _fill(self, draft: MemberDraft) -> None:
        for edit, text in (
            (self._first, draft.first_name),
            (self._last, draft.last_name),
            (self._preferred, draft.preferred_name),
            (self._pronouns, draft.pronouns),
            (self._phone, draft.phone),
            (self._email, draft.email),
            (self._desk_note, draft.desk_note),
        ):
            edit.setText(text)
        for field, edit in self._dates.items():
            value = getattr(draft, field)
            edit.setText(value.isoformat() if value else "")
        self._address.setPlainText(draft.address)
        self._focus.setCurrentIndex(max(self._focus.findData(draft.focus or ""), 0))
        self._pathways.set_values(p.value for p in draft.pathways)
        self._status.setCurrentIndex(max(self._status.findData(draft.status.value), 0))
        self._peer.setChecked(draft.peer_wants_to_see)
        self._contacts.set_contacts(draft.emergency_contacts)

    def _show_identity(self, member: Member | None) -> None:
        self._code.setText(member.code if member else "New member (code given when saved)")
        archived = member is not None and member.status is MemberStatus.ARCHIVED
        self._status.setVisible(not archived)
        self._archived.setVisible(archived)
        if archived and member is not None:
            self._archived.setText(f"Archived — {member.archived_reason}")

    def _update_milestone(self) -> None:
        try:
            start = parse_date(self._recovery_start.text())
        except ValueError:
            start = None
        self._milestone.setText(recovery_duration(start, self._clock.today()) or "—")

    def _snapshot(self) -> tuple[object, ...]:
        texts = tuple(
            box.editor.text() for box in self._boxes.values() if isinstance(box.editor, QLineEdit)
        )
        return texts + (
            self._address.toPlainText(),
            self._focus.currentIndex(),
            self._pathways.values(),
            self._status.currentIndex(),
            self._peer.isChecked(),
            self._contacts.snapshot(),
        )
