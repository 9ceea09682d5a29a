"""The Plans pane: members with recovery plans, what needs attention, and the plan editor.

The list (``PlanListModel``, paged and sorted in SQL) shows each member's plan status,
when the review is due (overdue said in words), goals and steps overdue, and the latest
BARC-10 with its due date. Filter it by peer, by "Needs attention only", or by a few
letters of a name. Enter (or a double click) opens the member's plan in the editor on
the same pane; "All plans" (Alt+Left) goes back, asking first about unsaved changes.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.accounts import Action, Role
from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.services.container import Services
from recoverydesk.ui.errors import error_title, plain_text
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.forms.plan_editor import PlanEditor
from recoverydesk.ui.forms.plan_start import StartPlanDialog
from recoverydesk.ui.models.plan_models import PlanListModel
from recoverydesk.ui.widgets.controls import named_button, single_shot
from recoverydesk.ui.widgets.list_table import setup_list_table
from recoverydesk.ui.widgets.problem_box import ProblemBox

SEARCH_DELAY_MS = 150
_NOBODY_YET = object()
ALL_PEERS = "All peers"
PAGE_LIST, PAGE_EDITOR, PAGE_REFUSED = 0, 1, 2
REFUSED_TEXT = "Recovery plans are private. Your role cannot see them; ask a coordinator."
_COLUMN_SAMPLES = {
    PlanListModel.COL_CODE: "M1000000",
    PlanListModel.COL_STATUS: "Active",
    PlanListModel.COL_REVIEW: "2026-12-31 · overdue",
    PlanListModel.COL_GOALS: "Goals overdue",
    PlanListModel.COL_STEPS: "Steps overdue",
    PlanListModel.COL_BARC10: "BARC-10 ✓",
    PlanListModel.COL_BARC10_DUE: "Never done · due",
}


class PlansPane(QWidget):
    """The list of plans (filter bar, table) and, on opening one, the plan editor.

    Signals:
        status_message: a short confirmation ("Plan saved") for a status bar.
    """

    status_message = Signal(str)

    def __init__(
        self, services: Services, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._events = events
        self._problems = ProblemBox(self)
        self.model = PlanListModel(services.plans, self)
        self._search_timer = single_shot(self, SEARCH_DELAY_MS, self.apply_filter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._list_page())
        self.stack.addWidget(self._editor_page())
        refused = QLabel(REFUSED_TEXT, self)
        refused.setWordWrap(True)
        refused.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(refused)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self._actor_seen: object = _NOBODY_YET
        self._connect()
        self.apply_permissions()

    # -- questions (tests replace these) --------------------------------------------------

    def ask_member(self) -> int | None:
        """Which member to start (or open) a plan for; None cancels."""
        return StartPlanDialog.ask(self._services.members, self)

    # -- building -------------------------------------------------------------------------

    def _list_page(self) -> QWidget:
        page = QWidget(self)
        self.peer_combo = QComboBox(page)
        self.peer_combo.setAccessibleName("Peer")
        self.peer_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        peer_label = QLabel("Peer", page)
        peer_label.setBuddy(self.peer_combo)
        self.attention_check = QCheckBox("Needs attention only", page)
        self.attention_check.setAccessibleName("Needs attention only")
        self.search = QLineEdit(page)
        self.search.setAccessibleName("Find member")
        self.search.setPlaceholderText("Name or member code")
        self.search.setClearButtonEnabled(True)
        search_label = QLabel("Find member", page)
        search_label.setBuddy(self.search)
        self.count_label = QLabel(page)
        self.count_label.setAccessibleName("Plans listed")
        self.start_button = named_button("Start a plan…", self.start_plan, page)
        bar = QHBoxLayout()
        for widget in (peer_label, self.peer_combo, self.attention_check, search_label):
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)
        bar.addSpacing(12)
        bar.addWidget(self.count_label)
        bar.addSpacing(12)
        bar.addWidget(self.start_button)
        self.table = self._table(page)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        return page

    def _table(self, parent: QWidget) -> QTableView:
        table = QTableView(parent)
        setup_list_table(table, "Plans", self.model, row_padding=12)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicator(self.model.sort_column, self.model.sort_order)
        table.setSortingEnabled(True)
        metrics = self.fontMetrics()
        for column, sample in _COLUMN_SAMPLES.items():
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 28)
        header.setSectionResizeMode(PlanListModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        return table

    def _editor_page(self) -> QWidget:
        page = QWidget(self)
        self.editor = PlanEditor(self._services, self._events, page)
        self.back_button = named_button("All plans", self.show_list, page)
        self.back_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.back_button.setToolTip("Back to the list of plans (Alt+Left)")
        self.editor.leading.addWidget(self.back_button)
        self.editor.leading.addSpacing(8)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor, 1)
        back = QShortcut(QKeySequence("Alt+Left"), page)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.show_list)
        return page

    def _connect(self) -> None:
        self.peer_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.attention_check.toggled.connect(lambda _on: self.apply_filter())
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._search_entered)
        self.table.activated.connect(self._open_index)
        self.model.total_changed.connect(self._show_count)
        self.model.load_failed.connect(self._show_error)
        self.editor.status_message.connect(self.status_message.emit)
        self._events.plans_changed.connect(lambda _id: self._refresh_list())
        self._events.members_changed.connect(lambda _id: self._refresh_list())
        self._events.peers_changed.connect(lambda: self._fill_peers())
        self._events.users_changed.connect(self.apply_permissions)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.show_list)

    # -- permissions ----------------------------------------------------------------------

    def _allowed(self) -> bool:
        access = self._services.access
        return access.can(Action.PLANS_VIEW) and access.can(Action.PEERS_VIEW)

    def apply_permissions(self) -> None:
        """Show what the signed-in role may see; someone new starts afresh on the list."""
        access = self._services.access
        changed = access.actor != self._actor_seen
        self._actor_seen = access.actor
        if changed:
            self.editor.clear()  # the previous person's plan never shows to the next one
        if not self._allowed():
            self.stack.setCurrentIndex(PAGE_REFUSED)
            return
        self.start_button.setVisible(access.can(Action.PLANS_EDIT))
        if changed or self.stack.currentIndex() == PAGE_REFUSED:
            self._fill_peers(reset=changed)
            self.stack.setCurrentIndex(PAGE_LIST)
            self.setFocusProxy(self.search)
            self.apply_filter()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.apply_permissions()  # the screen may have been locked or someone else signed in

    def _fill_peers(self, reset: bool = False) -> None:
        """The peer filter: everyone, then each active peer (a peer starts on their own)."""
        if not self._allowed():
            return
        actor = self._services.access.actor
        current = None if reset else self.peer_combo.currentData()
        if reset and actor is not None and actor.role is Role.PEER:
            current = actor.peer_id
        try:
            peers = self._services.peers.active_peers()
        except RecoveryDeskError:
            peers = []
        self.peer_combo.blockSignals(True)
        self.peer_combo.clear()
        self.peer_combo.addItem(ALL_PEERS, None)
        for peer_id, name, _role in peers:
            self.peer_combo.addItem(name, peer_id)
        self.peer_combo.setCurrentIndex(max(self.peer_combo.findData(current), 0))
        self.peer_combo.blockSignals(False)

    # -- the list -------------------------------------------------------------------------

    def apply_filter(self) -> None:
        """List the plans for the peer, attention and search chosen now."""
        self._search_timer.stop()
        self.model.set_filter(
            peer_id=self.peer_combo.currentData(),
            attention_only=self.attention_check.isChecked(),
            text=self.search.text(),
        )
        self._reselect()

    def _refresh_list(self) -> None:
        """Read the list again (after any change), keeping the member selected."""
        if self.stack.currentIndex() == PAGE_REFUSED or not self._allowed():
            return
        current = self.table.currentIndex()
        chosen = self.model.member_id(current.row()) if current.isValid() else None
        self.model.refresh()
        member_id = self.editor.member_id or chosen
        row = self.model.row_of(member_id) if member_id is not None else None
        if row is not None:
            self._select_row(row)

    def _search_entered(self) -> None:
        self.apply_filter()
        if self.model.rowCount():
            self._select_row(max(self.table.currentIndex().row(), 0))
            self.table.setFocus()

    def _show_count(self, total: int) -> None:
        self.count_label.setText("1 plan" if total == 1 else f"{total:,} plans")

    def _reselect(self) -> None:
        member_id = self.editor.member_id
        row = self.model.row_of(member_id) if member_id is not None else None
        if row is not None:
            self._select_row(row)

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_member(self.model.member_id(index.row()))

    # -- public actions -------------------------------------------------------------------

    def open_member(self, member_id: int) -> bool:
        """Show ``member_id``'s plan in the editor (or the offer to start one)."""
        if self.stack.currentIndex() == PAGE_REFUSED:
            return False
        if self.editor.member_id != member_id and not self.editor.settle_unsaved():
            return False
        stale = self.editor.member_id != member_id or self.stack.currentIndex() != PAGE_EDITOR
        if stale and not self.editor.load_member(member_id):
            return False
        self.stack.setCurrentIndex(PAGE_EDITOR)
        self.setFocusProxy(self.editor.tabs)
        self.editor.tabs.setFocus()
        return True

    def show_list(self) -> bool:
        """Back to the list (after dealing with unsaved changes); False stays put."""
        if self.stack.currentIndex() != PAGE_EDITOR:
            self.search.setFocus()
            return True
        if not self.editor.settle_unsaved():
            return False
        member_id = self.editor.member_id
        self.editor.clear()
        self.stack.setCurrentIndex(PAGE_LIST)
        self.setFocusProxy(self.search)
        self._refresh_list()
        row = self.model.row_of(member_id) if member_id is not None else None
        if row is not None:
            self._select_row(row)
        self.table.setFocus()
        return True

    def start_plan(self) -> bool:
        """Pick a member, start a draft plan for them (or open theirs) and show it."""
        member_id = self.ask_member()
        if member_id is None:
            return False
        try:
            self._services.plans.start(member_id)
        except RecoveryDeskError as error:
            self._show_error(error)
            return False
        self._events.plans_changed.emit(member_id)
        return self.open_member(member_id)

    def can_close(self) -> bool:
        """Before the window closes: deal with unsaved edits; False keeps it open."""
        return self.stack.currentIndex() != PAGE_EDITOR or self.editor.settle_unsaved()

    # -- feedback -------------------------------------------------------------------------

    @property
    def message_box(self) -> object:
        """The last problem the list showed (the editor has its own ``message_box``)."""
        return self._problems.box

    def _show_error(self, error: RecoveryDeskError) -> None:
        self._problems.show(error_title(error), plain_text(error))
