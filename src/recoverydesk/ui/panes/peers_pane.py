"""The Peers pane: the roster on the left, the selected peer's work on the right.

Left: every peer with their caseload against the cap ("17 / 15 over cap") and certificate
alerts, a filter, "Show inactive", Add peer… / Edit peer… and a CSV export. Right: the
peer's details, caseload count (over the cap in words and colour) and certificate alerts
above four tabs — Caseload, Follow-up radar, Needs a peer and (with supervision rights)
Supervision. Every list is lazy and sorted in SQL.

The pane listens to ``AppEvents`` (peers, contacts, members, visits, settings) and
refreshes itself keeping the selection and anything typed; while hidden it only notes what
went stale and catches up when shown. Changes go through ``PeerActions``, which emits the
events. A signed-in peer starts on their own caseload.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.accounts import Action
from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.domain.peers import Certification, PeerRow
from recoverydesk.services.container import Services
from recoverydesk.ui.errors import plain_text
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.models.peer_models import PeerRosterModel
from recoverydesk.ui.panes.peers_header import PeerHeader
from recoverydesk.ui.panes.peers_supervision import SupervisionTab
from recoverydesk.ui.panes.peers_tabs import CaseloadTab, NeedsPeerTab, RadarTab
from recoverydesk.ui.widgets.controls import button_row, named_button, single_shot
from recoverydesk.ui.widgets.field_feedback import ERROR_COLOR
from recoverydesk.ui.widgets.peer_actions import PeerActions
from recoverydesk.ui.widgets.peer_table import PagedTableView

SEARCH_DELAY_MS = 150
STATUS_MS = 8000
ALL_PARTS = frozenset({"roster", "caseload", "radar", "needs", "supervision"})
_EVENT_PARTS = {
    "peers": ALL_PARTS,
    "contacts": frozenset({"caseload", "radar"}),
    "members": frozenset({"caseload", "radar", "needs"}),
    "visits": frozenset({"caseload", "radar", "needs"}),
    "settings": frozenset({"roster", "caseload", "radar"}),
}
TAB_CASELOAD, TAB_RADAR, TAB_NEEDS, TAB_SUPERVISION = range(4)


class PeersPane(QWidget):
    """The roster, a peer's caseload, the follow-up radar, who needs a peer, supervision.

    Signals:
        status_message: a short confirmation ("Contact logged") for a status bar.
    """

    status_message = Signal(str)

    def __init__(
        self, services: Services, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._access = services.access
        self._events = events
        self._shown_peer: int | None = None
        self._stale: set[str] = set(ALL_PARTS)
        self._started = False
        self.actions = PeerActions(services, events, self)
        self.roster = PeerRosterModel(services.peers, self)
        self._search_timer = single_shot(self, SEARCH_DELAY_MS, self.apply_search)
        self._status_timer = single_shot(self, STATUS_MS, lambda: self.status_label.clear())
        self._build()
        self._connect()
        self.apply_permissions()
        self._catch_up()

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._build_roster())
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.denied_label = QLabel(self)
        self.denied_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.denied_label.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(splitter)
        self.stack.addWidget(self.denied_label)
        self.status_label = QLabel(self)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status_label)
        self.setFocusProxy(self.search)

    def _build_roster(self) -> QWidget:
        side = QWidget(self)
        self.search = QLineEdit(side)
        self.search.setAccessibleName("Find a peer")
        self.search.setPlaceholderText("Find a peer")
        self.search.setClearButtonEnabled(True)
        self.show_inactive = QCheckBox("Show inactive", side)
        self.show_inactive.setAccessibleName("Show inactive")
        m = PeerRosterModel
        samples = {m.COL_ROLE: "Recovery coach", m.COL_CASELOAD: "17 / 15 over cap"}
        self.roster_table = PagedTableView(self.roster, "Peers", samples, m.COL_NAME, side)
        self.roster_table.setMinimumWidth(self.fontMetrics().averageCharWidth() * 62)
        self.roster_table.horizontalHeader().resizeSection(
            m.COL_CERTS, self.fontMetrics().horizontalAdvance("1 expires soon") + 18
        )
        self.add_button = named_button("Add peer…", parent=self, slot=self.add_peer)
        self.edit_button = named_button("Edit peer…", parent=self, slot=self.edit_peer)
        self.export_button = named_button("Export CSV…", parent=self, slot=self.export_roster)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_inactive)
        buttons = button_row((self.add_button, self.edit_button), (self.export_button,))
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addLayout(top)
        layout.addWidget(self.roster_table, 1)
        layout.addLayout(buttons)
        return side

    def _build_detail(self) -> QWidget:
        detail = QWidget(self)
        self.header = PeerHeader(detail)
        self.caseload_tab = CaseloadTab(self._services, self.actions, detail)
        self.radar_tab = RadarTab(self._services, self.actions, detail)
        self.needs_tab = NeedsPeerTab(self._services, self.actions, detail)
        self.supervision_tab = SupervisionTab(self._services, self._events, self.actions, detail)
        self.tabs = QTabWidget(detail)
        self.tabs.setAccessibleName("Peer work")
        self.tabs.addTab(self.caseload_tab, "Caseload")
        self.tabs.addTab(self.radar_tab, "Follow-up radar")
        self.tabs.addTab(self.needs_tab, "Needs a peer")
        self.tabs.addTab(self.supervision_tab, "Supervision")
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        return detail

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_search)
        self.show_inactive.toggled.connect(self._on_show_inactive)
        self.roster_table.selectionModel().selectionChanged.connect(lambda *_a: self._sync_peer())
        self.roster_table.row_activated.connect(lambda _row: self.edit_peer())
        self.roster.load_failed.connect(self._show_load_error)
        for tab in (self.caseload_tab, self.radar_tab, self.needs_tab):
            tab.model.load_failed.connect(self._show_load_error)
            tab.count_changed.connect(lambda _n: self._update_tab_titles())
        self.caseload_tab.caseload.status_changed.connect(self.header.show_caseload)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.actions.message.connect(self.flash)
        events = self._events
        events.peers_changed.connect(lambda: self._changed("peers"))
        events.contacts_changed.connect(lambda _id: self._changed("contacts"))
        events.members_changed.connect(lambda _id: self._changed("members"))
        events.visits_changed.connect(lambda _id: self._changed("visits"))
        events.settings_changed.connect(lambda: self._changed("settings"))
        events.users_changed.connect(self._on_users_changed)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.search.setFocus)

    # -- permissions and refreshing ---------------------------------------------------------

    def apply_permissions(self) -> None:
        """Show only what the signed-in role may do (again after a sign-in)."""
        if not self._access.can(Action.PEERS_VIEW):
            actor = self._access.actor
            role = actor.role.label if actor else "not signed in"
            self.denied_label.setText(
                f"Peer work is not available to your role ({role}). Ask a coordinator."
            )
            self.stack.setCurrentWidget(self.denied_label)
            return
        self.stack.setCurrentIndex(0)
        manage = self._access.can(Action.PEERS_MANAGE)
        self.add_button.setVisible(manage)
        self.edit_button.setVisible(manage)
        self.tabs.setTabVisible(TAB_SUPERVISION, self._access.can(Action.SUPERVISION))
        for tab in (self.caseload_tab, self.radar_tab, self.needs_tab):
            tab.apply_permissions()
        self._update_empty_roster()
        self._update_buttons()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.apply_permissions()  # the screen may have been locked or someone else signed in
        self._catch_up()

    def _on_users_changed(self) -> None:
        """Someone else may be signed in: start again from their own caseload, if a peer."""
        self._started = False
        self.apply_permissions()
        self._changed("peers")

    def _changed(self, what: str) -> None:
        self._stale |= _EVENT_PARTS[what]
        if self.isVisible():
            self._catch_up()

    def _catch_up(self) -> None:
        """Refresh what went stale (all of it the first time), keeping selections."""
        if not self._access.can(Action.PEERS_VIEW):
            return
        stale, self._stale = self._stale, set()
        before = self._shown_peer
        if "roster" in stale:
            self._refresh_roster()
        self._sync_peer()
        if self._shown_peer != before:
            stale -= {"caseload", "supervision"}  # the new peer's lists were just loaded
        for part, tab in (
            ("caseload", self.caseload_tab),
            ("radar", self.radar_tab),
            ("needs", self.needs_tab),
        ):
            if part in stale:
                tab.refresh()
        if "supervision" in stale:
            self._refresh_supervision()
        if "roster" in stale or "caseload" in stale:
            self._show_certificates()

    def _refresh_roster(self) -> None:
        self.roster_table.refresh_keeping_selection()
        if not self._started:
            self._started = True
            actor = self._access.actor
            mine = actor.peer_id if actor is not None else None
            if mine is not None:
                self.roster_table.select_key(mine)  # a peer starts on their own caseload
            if self.roster_table.current_row() is None and self.roster.rowCount():
                self.roster_table.select_row(0)
        self._update_empty_roster()

    def _refresh_supervision(self) -> None:
        if self.tabs.currentWidget() is self.supervision_tab:
            self.supervision_tab.refresh()
        else:
            self._stale.add("supervision")  # loaded when the tab is opened (reads are audited)

    def _on_tab_changed(self, _index: int) -> None:
        if "supervision" in self._stale and self.tabs.currentWidget() is self.supervision_tab:
            self._stale.discard("supervision")
            self.supervision_tab.refresh()

    # -- the roster -----------------------------------------------------------------------

    def apply_search(self) -> None:
        """Filter the roster by what is typed now."""
        self._search_timer.stop()
        self.roster.set_query(self.search.text())
        self._after_roster_change()

    def _on_show_inactive(self, checked: bool) -> None:
        self.roster.set_include_inactive(checked)
        self._after_roster_change()

    def _after_roster_change(self) -> None:
        if self._shown_peer is not None:
            self.roster_table.select_key(self._shown_peer)
        self._sync_peer()
        self._update_empty_roster()

    def _update_empty_roster(self) -> None:
        if self.search.text().strip():
            text = "No peer matches the filter."
        elif self._access.can(Action.PEERS_MANAGE):
            text = "No peers yet. Add the first peer supporter with “Add peer…”."
        else:
            text = "No peers yet. A coordinator adds them."
        if not self.show_inactive.isChecked():
            text += " Tick “Show inactive” to see peers who have left."
        self.roster_table.set_empty_text(text)

    def selected_peer(self) -> PeerRow | None:
        row = self.roster_table.current_row()
        return self.roster.peer_row(row) if row is not None else None

    def select_peer(self, peer_id: int) -> bool:
        """Select ``peer_id`` in the roster (and show their work); False if not listed."""
        found = self.roster_table.select_key(peer_id)
        self._sync_peer()
        return found

    def _sync_peer(self) -> bool:
        """Show the selected peer's work if another peer was shown; True when it changed."""
        peer = self.selected_peer()
        peer_id = peer.id if peer is not None else None
        self.header.show_peer(peer)
        self._update_buttons()
        if peer_id == self._shown_peer:
            return False
        self._shown_peer = peer_id
        name = peer.name if peer is not None else ""
        self.caseload_tab.set_peer(peer_id, name)
        self.radar_tab.set_peer(peer_id, name)
        self.needs_tab.set_peer(peer_id, name)
        on_screen = self.tabs.currentWidget() is self.supervision_tab
        self.supervision_tab.set_peer(peer_id, name, load=on_screen)
        if not on_screen:
            self._stale.add("supervision")
        self._show_certificates()
        self._update_tab_titles()
        return True

    # -- the selected peer's header ---------------------------------------------------------

    def _show_certificates(self) -> None:
        certs: list[Certification] | None = None
        if self._shown_peer is not None:
            try:
                certs = self._services.peers.certifications(self._shown_peer)
            except RecoveryDeskError as error:
                self._show_load_error(error)
        self.header.show_certificates(certs)

    def _update_tab_titles(self) -> None:
        actor = self._access.actor
        mine = actor is not None and actor.peer_id is not None and actor.peer_id == self._shown_peer
        caseload = "My caseload" if mine else "Caseload"
        if self._shown_peer is not None:
            caseload += f" ({self.caseload_tab.model.total})"
        self.tabs.setTabText(TAB_CASELOAD, caseload)
        self.tabs.setTabText(TAB_RADAR, f"Follow-up radar ({self.radar_tab.model.total})")
        self.tabs.setTabText(TAB_NEEDS, f"Needs a peer ({self.needs_tab.model.total})")

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self.selected_peer() is not None)

    # -- actions --------------------------------------------------------------------------

    def add_peer(self) -> None:
        if self._access.can(Action.PEERS_MANAGE):
            self.actions.add_peer().saved.connect(lambda peer: self.select_peer(peer.id))

    def edit_peer(self) -> None:
        peer = self.selected_peer()
        if peer is not None and self._access.can(Action.PEERS_MANAGE):
            self.actions.edit_peer(peer.id)

    def export_roster(self) -> None:
        peers = self._services.peers
        self.actions.export_csv(
            "Export peer roster", "peers.csv", lambda path: peers.export_roster(path)
        )

    # -- feedback -------------------------------------------------------------------------

    def flash(self, message: str, problem: bool = False) -> None:
        """Show ``message`` for a while below the lists (and in the status bar)."""
        self.status_label.setStyleSheet(f"color: {ERROR_COLOR};" if problem else "")
        self.status_label.setText(message)
        self.status_label.setToolTip(message)
        self._status_timer.start()
        self.status_message.emit(message)

    def _show_load_error(self, error: RecoveryDeskError) -> None:
        self.flash(f"Could not load the list: {plain_text(error)}", problem=True)
