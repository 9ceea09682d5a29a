"""The audit trail as Admin → Audit trail lists it: newest first, one page at a time.

``AuditTableModel`` never loads the whole trail. It asks ``AuditService.entries`` for the
next page when the view scrolls to the end (``canFetchMore``/``fetchMore``); a new filter
starts again from the newest entry. Entries written while paging (every sign-in adds one)
push older ones down a row, so rows already shown are skipped by id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QObject, Qt, Signal

from recoverydesk.domain.accounts import AuditAction, AuditEntry
from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.services.audit import AuditPage, AuditService
from recoverydesk.ui.models.rows_model import Index, RowsTableModel

PAGE = 200
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
_CONTEXT = "AuditTableModel"
_HEADERS = (
    QT_TRANSLATE_NOOP(_CONTEXT, "When"),
    QT_TRANSLATE_NOOP(_CONTEXT, "User"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Station"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Action"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Entity"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Id"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Detail"),
)


def action_label(action: AuditAction) -> str:
    """An audit action as people read it ("Failed sign in")."""
    return action.value.replace("-", " ").capitalize()


@dataclass(frozen=True)
class AuditQuery:
    """Which entries to list: an action, a username (exact), ``since <= at < until`` (UTC)."""

    action: AuditAction | None = None
    username: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None


class AuditTableModel(RowsTableModel):
    """Audit entries matching a query, newest first, paged from the database.

    Signals:
        load_failed: a ``RecoveryDeskError`` met while loading; the rows shown are kept.
    """

    COL_WHEN = 0
    COL_USER = 1
    COL_STATION = 2
    COL_ACTION = 3
    COL_ENTITY = 4
    COL_ID = 5
    COL_DETAIL = 6
    HEADERS = _HEADERS
    TRANSLATION_CONTEXT = _CONTEXT

    #: the entry's id
    IdRole = Qt.ItemDataRole.UserRole + 2

    load_failed = Signal(object)

    def __init__(
        self,
        audit: AuditService,
        local: Callable[[dt.datetime], dt.datetime],
        parent: QObject | None = None,
        page_size: int = PAGE,
    ) -> None:
        super().__init__(parent)
        self._audit = audit
        self._local = local
        self._page_size = page_size
        self._rows: list[AuditEntry] = []
        self._ids: set[int] = set()
        self._has_more = False
        self.query = AuditQuery()

    def set_query(self, query: AuditQuery) -> None:
        """List the entries matching ``query`` from the newest one."""
        self.query = query
        self.refresh()

    def refresh(self) -> bool:
        """Read the first page again; False (rows kept, ``load_failed``) if refused."""
        page = self._fetch(0)
        if page is None:
            return False
        self.beginResetModel()
        self._rows = list(page.rows)
        self._ids = {entry.id for entry in page.rows}
        self._has_more = page.has_more
        self.endResetModel()
        return True

    def entry(self, row: int) -> AuditEntry:
        return self._rows[row]

    def when_text(self, entry: AuditEntry) -> str:
        return self._local(entry.at).strftime(TIME_FORMAT)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._has_more:
            return
        page = self._fetch(len(self._rows))
        if page is None:
            self._has_more = False  # no retry loop from the view; the next refresh resets
            return
        fresh = [entry for entry in page.rows if entry.id not in self._ids]
        self._has_more = page.has_more and bool(page.rows)
        if not fresh:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._rows.extend(fresh)
        self._ids.update(entry.id for entry in fresh)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.row_at(index)
        if entry is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(entry, index.column())
        if role == self.IdRole:
            return entry.id
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.COL_WHEN:
            return f"Entry #{entry.id}"
        return None

    def _display(self, entry: AuditEntry, column: int) -> str:
        texts = (
            self.when_text(entry),
            entry.username,
            entry.station,
            action_label(entry.action),
            entry.entity,
            entry.entity_id,
            entry.detail,
        )
        return texts[column] if 0 <= column < len(texts) else ""

    def _fetch(self, offset: int) -> AuditPage | None:
        query = self.query
        try:
            return self._audit.entries(
                query.action,
                query.username,
                query.since,
                query.until,
                limit=self._page_size,
                offset=offset,
            )
        except RecoveryDeskError as error:
            self.load_failed.emit(error)
            return None
