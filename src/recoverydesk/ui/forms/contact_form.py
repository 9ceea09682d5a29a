"""The contact form: a peer logs one encounter with a member.

The member is shown, not chosen (the form opens from a member, a caseload or the follow-up
radar). The peer defaults to the one the form was opened for, else the signed-in peer;
when defaults to now; the follow-up date is optional, with quick "+7 days" and "+14 days".
The note is restricted: it goes to ``ContactService`` and nowhere else.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from recoverydesk.domain.errors import FieldError
from recoverydesk.domain.peer_rules import MINUTES_MAX
from recoverydesk.domain.peers import ContactDraft, ContactKind
from recoverydesk.domain.validation import parse_date
from recoverydesk.services.container import Services
from recoverydesk.ui.forms.form_dialog import MemberFormDialog, date_problem

NO_PEER = "No peer (staff contact)"
QUICK_FOLLOW_UPS = (7, 14)


class ContactDialog(MemberFormDialog):
    """Log a contact with one member: peer, when, kind, minutes, note, follow-up date.

    Signals:
        saved: the ``Contact`` logged.
    """

    def __init__(
        self,
        services: Services,
        member_id: int,
        member_label: str,
        *,
        peer_id: int | None = None,
        kind: ContactKind = ContactKind.IN_PERSON,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Log contact", member_id, member_label, parent, "Save contact")
        self._contacts = services.contacts
        self._clock = services.clock
        self._build_peer(services, peer_id)
        self._build_when_and_kind(kind)
        self._build_minutes_and_note()
        self._build_follow_up()
        self.finish()
        self.resize(max(self.sizeHint().width(), 460), self.sizeHint().height())
        self.note_edit.setFocus()

    # -- building -------------------------------------------------------------------------

    def _build_peer(self, services: Services, peer_id: int | None) -> None:
        self.peer_combo = QComboBox(self)
        actor = services.access.actor
        default = peer_id if peer_id is not None else (actor.peer_id if actor else None)
        for pid, name, _role in services.peers.active_peers():
            self.peer_combo.addItem(name, pid)
        self.peer_combo.addItem(NO_PEER, None)
        found = self.peer_combo.findData(default) if default is not None else -1
        self.peer_combo.setCurrentIndex(found if found >= 0 else self.peer_combo.count() - 1)
        self.add_field("peer_id", "Peer", self.peer_combo, watch=True)

    def _build_when_and_kind(self, kind: ContactKind) -> None:
        self.when_edit = QDateTimeEdit(self)
        self.when_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when_edit.setCalendarPopup(True)
        now = self._clock.local(self._clock.now()).replace(tzinfo=None, second=0, microsecond=0)
        self.when_edit.setDateTime(QDateTime(now))
        self.add_field("contacted_at", "When", self.when_edit, watch=True)
        self.kind_combo = QComboBox(self)
        for choice in ContactKind:
            self.kind_combo.addItem(choice.label, choice.value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value))
        self.add_field("kind", "Kind", self.kind_combo, watch=True)

    def _build_minutes_and_note(self) -> None:
        self.minutes_edit = QLineEdit(self)
        self.minutes_edit.setValidator(QIntValidator(0, MINUTES_MAX, self))
        self.minutes_edit.setPlaceholderText("optional")
        self.minutes_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("optional") + 40)
        self.add_field("minutes", "Minutes", self.minutes_edit, watch=True)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText("What happened, what was agreed (private)")
        self.note_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 5 + 14)
        self.add_field("note", "Note", self.note_edit, watch=True)

    def _build_follow_up(self) -> None:
        self.follow_up_edit = self.date_line(hint="YYYY-MM-DD (optional)")
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.follow_up_edit, 1)
        self.quick_buttons: list[QPushButton] = []
        for days in QUICK_FOLLOW_UPS:
            button = QPushButton(f"+{days} days", row)
            button.setAccessibleName(f"+{days} days")
            button.setToolTip(f"Follow up {days} days after this contact")
            button.clicked.connect(lambda _c=False, d=days: self.follow_up_in(d))
            layout.addWidget(button)
            self.quick_buttons.append(button)
        self.add_field("follow_up_on", "Follow-up date", row, focus=self.follow_up_edit, watch=True)

    # -- values ---------------------------------------------------------------------------

    def follow_up_in(self, days: int) -> None:
        """Set the follow-up ``days`` after the contact's date."""
        day = self.contacted_at().date() + dt.timedelta(days=days)
        self.follow_up_edit.setText(day.isoformat())

    def contacted_at(self) -> dt.datetime:
        """When, as typed: a naive site-local date and time."""
        value = self.when_edit.dateTime().toPython()
        assert isinstance(value, dt.datetime)
        return value.replace(second=0, microsecond=0)

    def draft(self) -> ContactDraft:
        """The contact as typed (raises ValueError on an unreadable date)."""
        minutes = self.minutes_edit.text().strip()
        return ContactDraft(
            member_id=self.member_id,
            kind=ContactKind(self.kind_combo.currentData()),
            contacted_at=self.contacted_at(),
            minutes=int(minutes) if minutes else None,
            note=self.note_edit.toPlainText(),
            follow_up_on=parse_date(self.follow_up_edit.text()),
            peer_id=self.peer_combo.currentData(),
        )

    def problems(self) -> list[FieldError]:
        bad = date_problem("follow_up_on", "Follow-up date", self.follow_up_edit.text())
        if bad is not None:
            return [bad]
        return self._contacts.validate(self.draft())

    def store(self) -> object:
        return self._contacts.log_contact(self.draft())
