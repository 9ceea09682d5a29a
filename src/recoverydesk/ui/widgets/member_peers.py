"""A member's peer section: who supports them now, contact activity, assignment history.

``MemberPeersBox`` sits on a member's profile. It shows the current primary and secondary
peer, the last contact and the next follow-up (from ``ContactService.summary``: never a
note), and every assignment with its dates and end reason. Its buttons assign a peer, log
a contact, and open the contact history with notes (only for who may read them; the
service audits each read). It follows ``AppEvents`` for the member shown. People whose
role cannot see peer work do not see the box at all.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.accounts import Action, Role
from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.domain.peers import Assignment, AssignmentKind, ContactSummary, MemberPeers
from recoverydesk.services.container import Services
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.models.peer_contact_models import AssignmentHistoryModel
from recoverydesk.ui.widgets.contact_history import ContactHistoryDialog
from recoverydesk.ui.widgets.controls import button_row, named_button
from recoverydesk.ui.widgets.field_feedback import ERROR_COLOR
from recoverydesk.ui.widgets.peer_actions import PeerActions

_HISTORY_ROWS = 4


class MemberPeersBox(QGroupBox):
    """The peer section of a member's profile; call ``show_member(id)`` to fill it.

    Signals:
        status_message: a short confirmation ("Contact logged") for a status bar.
    """

    status_message = Signal(str)

    def __init__(
        self, services: Services, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__("Peer support", parent)
        self._services = services
        self._access = services.access
        self._events = events
        self.member_id: int | None = None
        self.member_label = ""
        self.peers: MemberPeers | None = None
        self.summary: ContactSummary | None = None
        self.history_dialog: ContactHistoryDialog | None = None
        self._hidden_by_access = False
        self.actions = PeerActions(services, events, self)
        self.history = AssignmentHistoryModel(self)
        self._build()
        self.actions.message.connect(lambda text, _problem: self.status_message.emit(text))
        events.peers_changed.connect(self.refresh)
        events.contacts_changed.connect(self._on_member_event)
        events.members_changed.connect(self._on_member_event)
        events.users_changed.connect(self.apply_permissions)
        self.apply_permissions()
        self.show_member(None)

    # -- building -------------------------------------------------------------------------

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setAccessibleName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        return label

    def _build(self) -> None:
        self.primary_label = self._label("Primary peer")
        self.secondary_label = self._label("Secondary peer")
        self.contact_label = self._label("Contacts")
        self.table = QTableView(self)
        self.table.setAccessibleName("Assignment history")
        self.table.setModel(self.history)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        row_height = self.fontMetrics().height() + 8
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        header = self.table.horizontalHeader()
        m = AssignmentHistoryModel
        for column in (m.COL_PEER, m.COL_KIND, m.COL_PERIOD):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(m.COL_REASON, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("End reason") + 12)
        self.table.setFixedHeight(
            header.sizeHint().height() + _HISTORY_ROWS * row_height + 2 * self.table.frameWidth()
        )
        self.assign_button = named_button("Assign…", parent=self, slot=self.assign)
        self.log_button = named_button("Log contact…", parent=self, slot=self.log_contact)
        self.contacts_button = named_button("Contacts…", parent=self, slot=self.open_contacts)
        buttons = button_row((self.assign_button, self.log_button, self.contacts_button))
        layout = QVBoxLayout(self)
        for label in (self.primary_label, self.secondary_label, self.contact_label):
            layout.addWidget(label)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addStretch(1)  # taller than needed: keep the lines together at the top

    # -- showing --------------------------------------------------------------------------

    def apply_permissions(self) -> None:
        """Hide the box from roles without peer work; hide buttons a role cannot use."""
        allowed = self._access.can(Action.PEERS_VIEW)
        if not allowed or self._hidden_by_access:  # never show a parentless box as a window
            self.setVisible(allowed)
            self._hidden_by_access = not allowed
        self.assign_button.setVisible(self._access.can(Action.ASSIGN))
        self.log_button.setVisible(self._access.can(Action.CONTACTS_LOG))
        self.contacts_button.setVisible(self._access.can(Action.CONTACTS_VIEW))
        self._update_buttons()

    def show_member(self, member_id: int | None) -> None:
        """Show the peers and contact activity of ``member_id`` (None: nobody)."""
        self.member_id = member_id
        self.refresh()

    def refresh(self) -> None:
        """Read the member's peers and contact summary again."""
        self.peers, self.summary = None, None
        if self.member_id is not None and self._access.can(Action.PEERS_VIEW):
            try:
                member = self._services.members.get(self.member_id)
                self.member_label = f"{member.display_name} ({member.code})"
                self.peers = self._services.peers.member_peers(self.member_id)
                self.summary = self._services.contacts.summary(self.member_id)
            except RecoveryDeskError as error:
                self.actions.show_problem(error)
        self._show()

    def _on_member_event(self, member_id: int) -> None:
        if self.member_id is not None and member_id in (self.member_id, -1):
            self.refresh()

    def _show(self) -> None:
        peers = self.peers
        self.primary_label.setText(_peer_line("Primary peer", peers.primary if peers else None))
        self.secondary_label.setText(
            _peer_line("Secondary peer", peers.secondary if peers else None)
        )
        self._show_summary()
        self.history.set_rows(peers.history if peers else ())
        self._update_buttons()

    def _show_summary(self) -> None:
        summary = self.summary
        if summary is None:
            self.contact_label.setText("Last contact: —")
            self.contact_label.setStyleSheet("")
            return
        last = summary.last_contact.isoformat() if summary.last_contact else "none yet"
        text = f"Last contact: {last}"
        overdue = False
        if summary.next_follow_up is not None:
            overdue = summary.next_follow_up < self._services.clock.today()
            when = summary.next_follow_up.isoformat()
            text += f" · Next follow-up: {when}" + (" (overdue)" if overdue else "")
        self.contact_label.setText(text)
        self.contact_label.setStyleSheet(f"color: {ERROR_COLOR};" if overdue else "")

    def _update_buttons(self) -> None:
        chosen = self.member_id is not None and self.peers is not None
        self.assign_button.setEnabled(chosen)
        mine = self._on_my_caseload()
        self.log_button.setEnabled(chosen and mine)
        self.contacts_button.setEnabled(chosen and mine)
        tip = "" if mine else "Only for members on your caseload"
        self.log_button.setToolTip(tip)
        self.contacts_button.setToolTip(tip)

    def _on_my_caseload(self) -> bool:
        """Whether a peer may act on this member's private data (others always may)."""
        actor = self._access.actor
        if actor is None or actor.role is not Role.PEER:
            return True
        peers = self.peers
        current = (peers.primary, peers.secondary) if peers else ()
        return any(a is not None and a.peer_id == actor.peer_id for a in current)

    # -- actions --------------------------------------------------------------------------

    def assign(self) -> None:
        if self.member_id is None or self.peers is None:
            return
        has_primary = self.peers.primary is not None
        kind = AssignmentKind.SECONDARY if has_primary else AssignmentKind.PRIMARY
        self.actions.assign(self.member_id, self.member_label, kind=kind)

    def log_contact(self) -> None:
        if self.member_id is None or not self.log_button.isEnabled():
            return
        primary = self.peers.primary if self.peers else None
        actor = self._access.actor
        peer_id = actor.peer_id if actor is not None and actor.peer_id else None
        if peer_id is None and primary is not None:
            peer_id = primary.peer_id
        self.actions.log_contact(self.member_id, self.member_label, peer_id)

    def open_contacts(self) -> ContactHistoryDialog | None:
        """Open the contact history with notes (audited by the service)."""
        if self.member_id is None or not self._access.can(Action.CONTACTS_VIEW):
            return None
        old = self.history_dialog
        if old is not None and shiboken6.isValid(old):
            old.close()
        dialog = ContactHistoryDialog(
            self._services, self.actions, self.member_id, self.member_label, self
        )
        self.history_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


def _peer_line(title: str, assignment: Assignment | None) -> str:
    if assignment is None:
        return f"{title}: none"
    return f"{title}: {assignment.peer_name} (since {assignment.started_on.isoformat()})"
