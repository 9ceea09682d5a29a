"""The accounts of this site as Admin → Users lists them (a handful: all at once)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt

from recoverydesk.domain.accounts import User
from recoverydesk.ui.models.rows_model import RowsTableModel

_CONTEXT = "UsersTableModel"
_HEADERS = (
    QT_TRANSLATE_NOOP(_CONTEXT, "Username"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Name"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Role"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Active"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Last sign-in"),
)
NEVER = "Never"
TIME_FORMAT = "%Y-%m-%d %H:%M"


class UsersTableModel(RowsTableModel):
    """Username, display name, role, whether the account can sign in, last sign-in."""

    COL_USERNAME = 0
    COL_NAME = 1
    COL_ROLE = 2
    COL_ACTIVE = 3
    COL_LAST_SIGN_IN = 4
    HEADERS = _HEADERS
    TRANSLATION_CONTEXT = _CONTEXT

    #: the account's id
    IdRole = Qt.ItemDataRole.UserRole + 2

    def __init__(
        self, local: Callable[[dt.datetime], dt.datetime], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._local = local

    def row_key(self, row: User) -> int:
        return row.id

    def user(self, row: int) -> User:
        return self._rows[row]

    def cell(self, user: User, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(user, column)
        if role == self.SortRole:
            return self._sort_value(user, column)
        if role == self.IdRole:
            return user.id
        if role == Qt.ItemDataRole.ForegroundRole and not user.active:
            return Qt.GlobalColor.darkGray
        return None

    def _display(self, user: User, column: int) -> str:
        if column == self.COL_USERNAME:
            return user.username
        if column == self.COL_NAME:
            return user.display_name
        if column == self.COL_ROLE:
            return user.role.label
        if column == self.COL_ACTIVE:
            return "Yes" if user.active else "No"
        if user.last_sign_in is None:
            return NEVER
        return self._local(user.last_sign_in).strftime(TIME_FORMAT)

    def _sort_value(self, user: User, column: int) -> Any:
        if column == self.COL_ACTIVE:
            return user.active
        if column == self.COL_LAST_SIGN_IN:
            return user.last_sign_in.timestamp() if user.last_sign_in else 0.0
        return self._display(user, column)
