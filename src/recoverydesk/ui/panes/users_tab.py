"""Admin → Users: who may sign in, in which role; add, edit, reset a password.

The list is read when the tab shows and whenever accounts change (``users_changed``, also
from other desks), never while the window is being built: nobody is signed in then.
Editing happens in ``UserDialog``; resetting a password in ``ResetPasswordDialog``.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from recoverydesk.domain.accounts import Action, User
from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.services.container import Services
from recoverydesk.ui.errors import error_text
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.forms.user_form import ResetPasswordDialog, UserDialog
from recoverydesk.ui.models.users_model import UsersTableModel
from recoverydesk.ui.panes.admin_tab import (
    DONE_STYLE,
    FAILED_STYLE,
    AdminTab,
    records_table,
)
from recoverydesk.ui.widgets.controls import named_button

ADD_USER = "Add user…"
EDIT_USER = "Edit…"
RESET_PASSWORD = "Reset password…"
_INTRO = (
    "Everyone who uses RecoveryDesk has their own account. Front desk sees the door; a "
    "peer sees their own caseload; a coordinator sees all peer work; an admin also manages "
    "accounts, settings and backups. Switch an account off instead of sharing it."
)


class UsersTab(AdminTab):
    """The accounts table with Add user…, Edit… and Reset password…."""

    def __init__(
        self, services: Services, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, "Users status", parent)
        self._accounts = services.accounts
        self._events = events
        self.model = UsersTableModel(services.clock.local, self)
        self.table = records_table(self.model, "Users", min_section=90)
        self.add_button = named_button(ADD_USER)
        self.edit_button = named_button(EDIT_USER)
        self.reset_button = named_button(RESET_PASSWORD)
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
            self._say(error_text(error), FAILED_STYLE)
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
        self._say(text, DONE_STYLE)
        self._events.users_changed.emit()

    @Slot()
    def _users_changed(self) -> None:
        if self.isVisible():
            self.refresh()

    def _update_buttons(self) -> None:
        allowed = self._services.access.can(Action.ACCOUNTS)
        chosen = self.selected_user() is not None
        self.add_button.setEnabled(allowed)
        self.edit_button.setEnabled(allowed and chosen)
        self.reset_button.setEnabled(allowed and chosen)

    def _build(self) -> None:
        intro = QLabel(_INTRO)
        intro.setWordWrap(True)
        layout = self._layout("Users")
        layout.addWidget(intro)
        layout.addLayout(self._button_row((self.add_button, self.edit_button, self.reset_button)))
        layout.addWidget(self.table, 1)

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)
