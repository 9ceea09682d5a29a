"""Admin → Users: who may sign in, in which role; add, edit, reset a password.

The list is read when the tab shows and whenever accounts change (``users_changed``, also
from other desks), never while the window is being built: nobody is signed in then.
Editing happens in ``UserDialog``; resetting a password in ``ResetPasswordDialog``.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.accounts import Action, User
from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.services.container import Services
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.forms.saved_form import heading
from recoverydesk.ui.forms.user_form import ResetPasswordDialog, UserDialog
from recoverydesk.ui.models.users_model import UsersTableModel
from recoverydesk.ui.sign_in import error_text

ADD_USER = "Add user…"
EDIT_USER = "Edit…"
RESET_PASSWORD = "Reset password…"
_INTRO = (
    "Everyone who uses RecoveryDesk has their own account. Front desk sees the door; a "
    "peer sees their own caseload; a coordinator sees all peer work; an admin also manages "
    "accounts, settings and backups. Switch an account off instead of sharing it."
)
_DONE_STYLE = "color: #2e7d32; font-weight: bold;"
_FAILED_STYLE = "color: #c62828; font-weight: bold;"


class UsersTab(QWidget):
    """The accounts table with Add user…, Edit… and Reset password…."""

    def __init__(
        self, services: Services, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._accounts = services.accounts
        self._events = events
        self.model = UsersTableModel(services.clock.local, self)
        self.table = _table(self.model)
        self.add_button = _button(ADD_USER)
        self.edit_button = _button(EDIT_USER)
        self.reset_button = _button(RESET_PASSWORD)
        self.status = QLabel()
        self.status.setAccessibleName("Users status")
        self._build()
        self.add_button.clicked.connect(self.add_user)
        self.edit_button.clicked.connect(self.edit_selected)
        self.reset_button.clicked.connect(self.reset_selected)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        events.users_changed.connect(self._users_changed)
        self._update_buttons()

    # ----- public API -------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the accounts again (keeping the selection); says so if that is refused."""
        if not self._services.access.can(Action.ACCOUNTS):
            self.model.set_rows([])
            self._update_buttons()
            return
        chosen = self.selected_user()
        try:
            users = self._accounts.list_users()
        except RecoveryDeskError as error:
            self._say(error_text(error), _FAILED_STYLE)
            return
        self.model.set_rows(users)
        if chosen is not None:
            self.select(chosen.id)
        self._update_buttons()

    def selected_user(self) -> User | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.user(rows[0].row()) if rows else None

    def select(self, user_id: int) -> bool:
        row = self.model.row_of(user_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    @Slot()
    def add_user(self) -> User | None:
        user = UserDialog.ask(self, self._accounts, self._peers())
        if user is not None:
            self._changed(user, f"Added {user.username} ({user.role.label}).")
        return user

    @Slot()
    def edit_selected(self) -> User | None:
        chosen = self.selected_user()
        if chosen is None:
            return None
        user = UserDialog.ask(self, self._accounts, self._peers(), chosen)
        if user is not None:
            self._changed(user, f"Saved {user.username}.")
        return user

    @Slot()
    def reset_selected(self) -> bool:
        chosen = self.selected_user()
        if chosen is None or not ResetPasswordDialog.ask(self, self._accounts, chosen):
            return False
        self._changed(chosen, f"New password set for {chosen.username}.")
        return True

    # ----- inside ---------------------------------------------------------------------------

    def _peers(self) -> list[tuple[int, str]]:
        """Active peers to link a peer account to (none if they cannot be read)."""
        try:
            return [(peer_id, name) for peer_id, name, _role in self._services.peers.active_peers()]
        except RecoveryDeskError:
            return []

    def _changed(self, user: User, text: str) -> None:
        self.refresh()
        self.select(user.id)
        self._say(text, _DONE_STYLE)
        self._events.users_changed.emit()

    @Slot()
    def _users_changed(self) -> None:
        if self.isVisible():
            self.refresh()

    def _say(self, text: str, style: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        allowed = self._services.access.can(Action.ACCOUNTS)
        chosen = self.selected_user() is not None
        self.add_button.setEnabled(allowed)
        self.edit_button.setEnabled(allowed and chosen)
        self.reset_button.setEnabled(allowed and chosen)

    def _build(self) -> None:
        intro = QLabel(_INTRO)
        intro.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addSpacing(12)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        layout.addWidget(heading("Users"))
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)


def _button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text)
    return button


def _table(model: UsersTableModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName("Users")
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.setStyleSheet("QTableView::item { padding: 0 10px; }")
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    header.setMinimumSectionSize(90)
    return table
