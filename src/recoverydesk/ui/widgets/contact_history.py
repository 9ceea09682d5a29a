"""A member's contact history with its notes, in a dialog of its own.

Only people allowed to read contact notes open it (``Action.CONTACTS_VIEW``; a peer only
for their own caseload — the service refuses otherwise). Every page read is written to the
audit trail by ``ContactService``. The list is lazy; the selected contact's whole note shows
below it. The export writes notes only when "Include notes" is ticked.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.container import Services
from recoverydesk.ui.models.peer_contact_models import ContactsModel
from recoverydesk.ui.widgets.controls import button_row
from recoverydesk.ui.widgets.peer_actions import PeerActions
from recoverydesk.ui.widgets.peer_table import PagedTableView


class ContactHistoryDialog(QDialog):
    """Every contact logged with one member, newest first, notes included."""

    def __init__(
        self,
        services: Services,
        actions: PeerActions,
        member_id: int,
        member_label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Contacts")
        self.setAccessibleName("Contacts")
        self._contacts = services.contacts
        self._actions = actions
        self.member_id = member_id
        self.model = ContactsModel(services.contacts, services.clock, self)
        m = ContactsModel
        samples = {
            m.COL_WHEN: "2026-12-31 23:59",
            m.COL_KIND: "In person",
            m.COL_MINUTES: "Minutes",
            m.COL_PEER: "Anders Johansson",
            m.COL_FOLLOW_UP: "2026-12-31",
            m.COL_RECORDED_BY: "coordinator",
        }
        self.table = PagedTableView(self.model, "Contacts", samples, m.COL_NOTE, self)
        self.table.set_empty_text("No contacts logged with this member yet.")
        self.note_view = QPlainTextEdit(self)
        self.note_view.setReadOnly(True)
        self.note_view.setAccessibleName("Note")
        self.note_view.setPlaceholderText("Choose a contact to read its whole note.")
        self.note_view.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 14)
        self.include_notes = QCheckBox("Include notes", self)
        self.include_notes.setAccessibleName("Include notes")
        self.export_button = QPushButton("Export CSV…", self)
        self.export_button.setAccessibleName("Export CSV…")
        self.export_button.clicked.connect(lambda _c=False: self.export())
        self.close_button = QPushButton("Close", self)
        self.close_button.setAccessibleName("Close")
        self.close_button.clicked.connect(lambda _c=False: self.accept())
        self._lay_out(member_label)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_note())
        self.model.load_failed.connect(actions.show_problem)
        self.model.set_member(member_id)
        self.resize(900, 520)

    def _lay_out(self, member_label: str) -> None:
        title = QLabel(member_label, self)
        title.setAccessibleName("Member")
        buttons = button_row((self.include_notes, self.export_button), (self.close_button,))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note_view)
        layout.addLayout(buttons)

    def _show_note(self) -> None:
        row = self.table.current_row()
        self.note_view.setPlainText(self.model.contact(row).note if row is not None else "")
        self.note_view.setPlaceholderText(
            "No note was written for this contact."
            if row is not None
            else "Choose a contact to read its whole note."
        )

    def refresh(self) -> None:
        self.table.refresh_keeping_selection()
        self._show_note()

    def export(self) -> bool:
        member_id, notes = self.member_id, self.include_notes.isChecked()
        return self._actions.export_csv(
            "Export contacts",
            "contacts.csv",
            lambda path: self._contacts.export_contacts(path, member_id, include_notes=notes),
        )
