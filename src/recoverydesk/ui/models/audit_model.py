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

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt

from recoverydesk.domain.accounts import AuditAction, AuditEntry
from recoverydesk.services.audit import AuditService
from recoverydesk.ui.models.paged_model import PagedRowsModel, PageResult

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


class AuditTableModel(PagedRowsModel):
    """Audit entries matching a query, newest first, paged from the database."""

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
    IdRole = PagedRowsModel.KeyRole

    def __init__(
        self,
        audit: AuditService,
        local: Callable[[dt.datetime], dt.datetime],
        parent: QObject | None = None,
        page_size: int = PAGE,
    ) -> None:
        super().__init__(parent, page_size)
        self._audit = audit
        self._local = local
        self.query = AuditQuery()

    def set_filter(self, query: AuditQuery) -> None:
        """List the entries matching ``query`` from the newest one."""
        self.query = query
        self.refresh()

    def fetch_page(self, offset: int, limit: int, with_total: bool) -> PageResult:
        query = self.query
        page = self._audit.entries(
            query.action, query.username, query.since, query.until, limit=limit, offset=offset
        )
        return page.rows, page.has_more, None

    def row_key(self, row: AuditEntry) -> int:
        return row.id

    def entry(self, row: int) -> AuditEntry:
        return self._rows[row]

    def when_text(self, entry: AuditEntry) -> str:
        return self._local(entry.at).strftime(TIME_FORMAT)

    def cell(self, row: AuditEntry, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_WHEN:
            return f"Entry #{row.id}"
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
