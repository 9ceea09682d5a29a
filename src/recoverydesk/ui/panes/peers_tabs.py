"""The list tabs of the Peers pane: a peer's caseload, the follow-up radar, who needs a peer.

Each tab is a filter line, a lazy table (sorted and filtered in SQL), a count and the
buttons for what can be done with the selected row. Buttons a role cannot use are hidden.
The tabs never change data themselves: they ask ``PeerActions``, which saves and emits the
``AppEvents`` signal the pane refreshes from.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QWidget,
)

from recoverydesk.domain.accounts import Action, Role
from recoverydesk.domain.peers import (
    AssignmentKind,
    CaseloadRow,
    ContactKind,
    RadarReason,
    RadarRow,
    UnassignedRow,
)
from recoverydesk.services.container import Services
from recoverydesk.ui.models.peer_contact_models import RadarModel
from recoverydesk.ui.models.peer_models import CaseloadModel, NeedsPeerModel
from recoverydesk.ui.panes.peers_list_tab import ListTab
from recoverydesk.ui.widgets.peer_actions import PeerActions

_DATE = "2026-12-31"


class CaseloadTab(ListTab):
    """One peer's members: last contact, next follow-up (overdue in words), last visit."""

    def __init__(self, services: Services, actions: PeerActions, parent: QWidget | None = None):
        model = CaseloadModel(services.peers)
        m = CaseloadModel
        samples = {
            m.COL_CODE: "M1000000",
            m.COL_KIND: "Secondary",
            m.COL_SINCE: _DATE,
            m.COL_LAST_CONTACT: _DATE,
            m.COL_NEXT_FOLLOW_UP: f"{_DATE} overdue",
            m.COL_LAST_VISIT: _DATE,
        }
        super().__init__(
            services, actions, model, ("Caseload", samples, m.COL_NAME), "Find in caseload", parent
        )
        self.caseload: CaseloadModel = model
        self.peer_name = ""
        self.kind_combo = QComboBox(self)
        self.kind_combo.setAccessibleName("Kind")
        self.kind_combo.addItem("Primary and secondary", None)
        for kind in AssignmentKind:
            self.kind_combo.addItem(f"{kind.label} only", kind.value)
        self.kind_combo.currentIndexChanged.connect(self._on_kind)
        self.filters.addWidget(self.kind_combo)
        self.log_button = self.button("Log contact…", self.log_contact)
        self.transfer_button = self.button("Transfer…", self.transfer)
        self.end_button = self.button("End assignment…", self.end_assignment)
        self.transfer_all_button = self.button(
            "Transfer whole caseload…",
            self.transfer_caseload,
            "Move every member of this caseload to another peer in one step",
        )
        self.export_button = self.button("Export CSV…", self.export)
        self.set_buttons(
            (self.log_button, self.transfer_button, self.end_button),
            (self.transfer_all_button, self.export_button),
        )
        self.update_empty_text()
        self.update_buttons()

    def set_peer(self, peer_id: int | None, name: str) -> None:
        self.peer_name = name
        self.caseload.set_peer(peer_id)
        self.update_empty_text()
        self.update_buttons()

    def _on_kind(self, _index: int) -> None:
        value = self.kind_combo.currentData()
        self.caseload.set_kind(AssignmentKind(value) if value else None)
        self.update_empty_text()

    def update_empty_text(self) -> None:
        if self.caseload.peer_id is None:
            text = "Choose a peer on the left to see their caseload."
        elif self.filtered() or self.kind_combo.currentData():
            text = "No member of this caseload matches the filter."
        else:
            text = (
                f"{self.peer_name} has no members yet. Assign members from the “Needs a peer” tab."
            )
        self.table.set_empty_text(text)

    def apply_permissions(self) -> None:
        can_assign = self._access.can(Action.ASSIGN)
        for button in (self.transfer_button, self.end_button, self.transfer_all_button):
            button.setVisible(can_assign)
        self.log_button.setVisible(self._access.can(Action.CONTACTS_LOG))
        self.update_buttons()

    def update_buttons(self) -> None:
        row = self.selected_row()
        chosen = row is not None
        self.log_button.setEnabled(chosen and self._may_log())
        self.transfer_button.setEnabled(chosen)
        self.end_button.setEnabled(chosen)
        has_members = self.caseload.peer_id is not None and self.caseload.rowCount() > 0
        self.transfer_all_button.setEnabled(has_members)
        self.export_button.setEnabled(self.caseload.peer_id is not None)

    def _may_log(self) -> bool:
        """A peer logs contacts only for their own caseload (the service checks too)."""
        actor = self._access.actor
        if actor is None or actor.role is not Role.PEER:
            return True
        return actor.peer_id == self.caseload.peer_id

    def _member(self) -> tuple[int, str, int] | None:
        row = self.selected_row()
        if row is None:
            return None
        found = self.caseload.caseload_row(row)
        return found.member_id, _label(found), found.assignment_id

    def log_contact(self) -> None:
        member = self._member()
        if member is not None and self.log_button.isEnabled():
            self.actions.log_contact(member[0], member[1], self.caseload.peer_id)

    def transfer(self) -> None:
        row = self.selected_row()
        peer_id = self.caseload.peer_id
        if row is None or peer_id is None:
            return
        found = self.caseload.caseload_row(row)
        self.actions.transfer(found.member_id, _label(found), peer_id, self.peer_name, found.kind)

    def end_assignment(self) -> None:
        member = self._member()
        if member is not None:
            self.actions.end_assignment(member[2], member[1])

    def transfer_caseload(self) -> None:
        peer_id = self.caseload.peer_id
        if peer_id is not None:
            self.actions.transfer_caseload(peer_id, self.peer_name)

    def export(self) -> None:
        peer_id = self.caseload.peer_id
        if peer_id is None:
            return
        shown = {  # exactly what the list shows: its filter and its order
            "text": self.caseload.text,
            "kind": self.caseload.kind,
            "sort": self.caseload.sort_key,
            "descending": self.caseload.descending,
        }
        self.actions.export_csv(
            "Export caseload",
            "caseload.csv",
            lambda path: self._services.peers.export_caseload(path, peer_id, **shown),
        )

    def activate(self) -> None:
        if self._access.can(Action.CONTACTS_LOG):
            self.log_contact()


class RadarTab(ListTab):
    """Members who need a follow-up, most overdue first, each with why in words."""

    COUNT_TEXTS = ("1 member needs a follow-up", "{total:,} members need a follow-up")

    def __init__(self, services: Services, actions: PeerActions, parent: QWidget | None = None):
        model = RadarModel(services.contacts)
        m = RadarModel
        samples = {
            m.COL_CODE: "M1000000",
            m.COL_PEER: "Anders Johansson",
            m.COL_OVERDUE: "120 days",
            m.COL_LAST_CONTACT: _DATE,
            m.COL_LAST_VISIT: _DATE,
            m.COL_NAME: "Araceli González",
        }
        super().__init__(
            services,
            actions,
            model,
            ("Follow-up radar", samples, m.COL_WHY),
            "Find on radar",
            parent,
        )
        self.radar: RadarModel = model
        self._peer_id: int | None = None
        self.only_peer = QCheckBox("Only the selected peer's members", self)
        self.only_peer.setAccessibleName(self.only_peer.text())
        self.only_peer.toggled.connect(lambda _c: self._apply_scope())
        self.reason_combo = QComboBox(self)
        self.reason_combo.setAccessibleName("Reason")
        self.reason_combo.addItem("Every reason", None)
        for reason in RadarReason:
            self.reason_combo.addItem(reason.label, reason.value)
        self.reason_combo.currentIndexChanged.connect(self._on_reason)
        self.filters.addWidget(self.only_peer)
        self.filters.addWidget(self.reason_combo)
        self.contacted_button = self.button(
            "Contacted…", self.contacted, "Log the contact that brings this member off the radar"
        )
        self.export_button = self.button("Export CSV…", self.export)
        self.set_buttons((self.contacted_button, self.count_label), (self.export_button,))
        self.update_empty_text()
        self.update_buttons()

    def set_peer(self, peer_id: int | None, name: str) -> None:
        """The peer selected in the roster (used when "only the selected peer" is on)."""
        self._peer_id = peer_id
        label = f"Only {name}’s members" if peer_id is not None else "Only the selected peer"
        self.only_peer.setText(label)
        self.only_peer.setAccessibleName(label)
        self.only_peer.setEnabled(peer_id is not None)
        if self.only_peer.isChecked():
            self._apply_scope()

    def _apply_scope(self) -> None:
        self.radar.set_peer(self._peer_id if self.only_peer.isChecked() else None)
        self.update_empty_text()

    def _on_reason(self, _index: int) -> None:
        value = self.reason_combo.currentData()
        self.radar.set_reason(RadarReason(value) if value else None)
        self.update_empty_text()

    def update_empty_text(self) -> None:
        if self.filtered() or self.reason_combo.currentData():
            text = "Nobody on the radar matches the filter."
        else:
            days = self._services.settings.get().follow_up_days
            text = (
                "Nobody needs a follow-up right now. Members appear here when their follow-up "
                f"date has passed, or after {days} days with neither a contact nor a visit."
            )
        self.table.set_empty_text(text)

    def apply_permissions(self) -> None:
        self.contacted_button.setVisible(self._access.can(Action.CONTACTS_LOG))
        actor = self._access.actor
        if actor is not None and actor.role is Role.PEER:
            self.only_peer.setChecked(False)  # the service shows a peer their own members
            self.only_peer.setVisible(False)
        else:
            self.only_peer.setVisible(True)
        self.update_buttons()

    def update_buttons(self) -> None:
        self.contacted_button.setEnabled(self.selected_row() is not None)

    def contacted(self) -> None:
        row = self.selected_row()
        if row is None or not self._access.can(Action.CONTACTS_LOG):
            return
        found = self.radar.radar_row(row)
        self.actions.log_contact(found.member_id, _label(found), found.peer_id, ContactKind.PHONE)

    def export(self) -> None:
        shown = {  # exactly what the list shows: its filter and its order
            "peer_id": self.radar.peer_id,
            "reason": self.radar.reason,
            "text": self.radar.text,
            "sort": self.radar.sort_key,
            "descending": self.radar.descending,
        }
        self.actions.export_csv(
            "Export follow-up radar",
            "follow-up-radar.csv",
            lambda path: self._services.contacts.export_radar(path, **shown),
        )

    def activate(self) -> None:
        self.contacted()


class NeedsPeerTab(ListTab):
    """Active members with no primary peer, waiting to be assigned."""

    COUNT_TEXTS = ("1 member has no primary peer", "{total:,} members have no primary peer")

    def __init__(self, services: Services, actions: PeerActions, parent: QWidget | None = None):
        model = NeedsPeerModel(services.peers)
        m = NeedsPeerModel
        samples = {m.COL_CODE: "M1000000", m.COL_JOINED: _DATE, m.COL_LAST_VISIT: _DATE}
        super().__init__(
            services, actions, model, ("Needs a peer", samples, m.COL_NAME), "Find a member", parent
        )
        self.needs: NeedsPeerModel = model
        self._peer_id: int | None = None
        self.assign_button = self.button("Assign…", self.assign)
        self.export_button = self.button("Export CSV…", self.export)
        self.set_buttons((self.assign_button, self.count_label), (self.export_button,))
        self.update_empty_text()
        self.update_buttons()

    def set_peer(self, peer_id: int | None, _name: str) -> None:
        """The peer selected in the roster: the one Assign… suggests."""
        self._peer_id = peer_id

    def update_empty_text(self) -> None:
        text = (
            "No member waiting for a peer matches the filter."
            if self.filtered()
            else "Every active member has a primary peer."
        )
        self.table.set_empty_text(text)

    def apply_permissions(self) -> None:
        self.assign_button.setVisible(self._access.can(Action.ASSIGN))
        self.update_buttons()

    def update_buttons(self) -> None:
        self.assign_button.setEnabled(self.selected_row() is not None)

    def assign(self) -> None:
        row = self.selected_row()
        if row is None or not self._access.can(Action.ASSIGN):
            return
        found = self.needs.member_row(row)
        self.actions.assign(found.member_id, _label(found), self._peer_id)

    def export(self) -> None:
        shown = {
            "text": self.needs.text,
            "sort": self.needs.sort_key,
            "descending": self.needs.descending,
        }
        self.actions.export_csv(
            "Export members who need a peer",
            "needs-a-peer.csv",
            lambda path: self._services.peers.export_needs_assignment(path, **shown),
        )

    def activate(self) -> None:
        self.assign()


def _label(row: CaseloadRow | RadarRow | UnassignedRow) -> str:
    """The member as the dialogs name them: "Ana Lima (M1000018)"."""
    return f"{row.name} ({row.code})"
