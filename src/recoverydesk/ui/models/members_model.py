"""The member list: one page of rows at a time, searched and sorted in SQL.

``MembersTableModel`` never loads the whole member table. It holds the ``MemberRow`` values
of the pages fetched so far and asks ``MemberService.search`` for the next page when the
view scrolls to the end (``canFetchMore``/``fetchMore``). Clicking a sortable header runs
the search again with another SQL order instead of sorting in Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt

from recoverydesk.domain.errors import DatabaseError
from recoverydesk.domain.members import MemberRow
from recoverydesk.domain.milestones import recovery_duration
from recoverydesk.domain.text import fold
from recoverydesk.services.members import MemberService
from recoverydesk.ui.models.paged_model import PagedRowsModel, PageResult

PAGE = 100
"""Rows asked for per page; the model holds ``PAGE`` rows after a new search."""

_CONTEXT = "MembersTableModel"
_HEADERS = (
    QT_TRANSLATE_NOOP(_CONTEXT, "Code"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Name"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Preferred"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Pronouns"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Phone"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Status"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Joined"),
    QT_TRANSLATE_NOOP(_CONTEXT, "In recovery"),
)


class MembersTableModel(PagedRowsModel):
    """Members matching a search, paged from the database; never notes, never private text.

    Each SQL order runs one way only (``SORT_ORDERS``): a header click asking for the other
    direction gets that one. ``load_failed`` reports a ``DatabaseError``.
    """

    COL_CODE = 0
    COL_NAME = 1
    COL_PREFERRED = 2
    COL_PRONOUNS = 3
    COL_PHONE4 = 4
    COL_STATUS = 5
    COL_JOINED = 6
    COL_MILESTONE = 7
    COLUMN_COUNT = 8
    HEADERS = _HEADERS
    TRANSLATION_CONTEXT = _CONTEXT

    #: the member id of the row
    IdRole = PagedRowsModel.KeyRole

    #: columns a header click can sort by, and the service's name for that order
    SORT_KEYS = {COL_CODE: "code", COL_NAME: "name", COL_JOINED: "joined"}
    #: the direction each SQL order runs in, for the header's arrow
    SORT_ORDERS = {
        "code": Qt.SortOrder.AscendingOrder,
        "name": Qt.SortOrder.AscendingOrder,
        "joined": Qt.SortOrder.DescendingOrder,
    }
    DEFAULT_SORT = "name"
    LOAD_ERRORS = (DatabaseError,)

    def __init__(
        self,
        members: MemberService,
        today: Callable[[], dt.date],
        parent: QObject | None = None,
        page_size: int = PAGE,
    ) -> None:
        super().__init__(parent, page_size)
        self._members = members
        self._today_of = today
        self._today = today()
        self._include_archived = False

    # -- the query ----------------------------------------------------------------------

    @property
    def include_archived(self) -> bool:
        return self._include_archived

    def set_include_archived(self, include: bool) -> None:
        self._include_archived = include
        self.refresh()

    def refresh(self) -> bool:
        """Run the current search again from its first page (after data changed)."""
        self._today = self._today_of()
        return super().refresh()

    def fetch_page(self, offset: int, limit: int, with_total: bool) -> PageResult:
        page = self._members.search(
            self._text,
            limit=limit,
            offset=offset,
            include_archived=self._include_archived,
            sort=self._sort,
            with_total=with_total,
        )
        return page.rows, page.has_more, page.total

    def row_key(self, row: MemberRow) -> int:
        return row.id

    # -- rows ---------------------------------------------------------------------------

    def member_row(self, row: int) -> MemberRow:
        return self._rows[row]

    def member_id(self, row: int) -> int:
        return self._rows[row].id

    # -- Qt model interface ---------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by ``column`` in SQL, the one way its index runs; other columns are ignored."""
        key = self.SORT_KEYS.get(column)
        if key is not None:
            super().sort(column, self.SORT_ORDERS[key])

    def cell(self, row: MemberRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == self.SortRole:
            return self._sort_value(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_NAME:
            return self._full_name(row)
        return None

    def _display(self, row: MemberRow, column: int) -> str:
        if column == self.COL_CODE:
            return row.code
        if column == self.COL_NAME:
            return ", ".join(part for part in (row.last_name, row.first_name) if part)
        if column == self.COL_PREFERRED:
            return row.preferred_name
        if column == self.COL_PRONOUNS:
            return row.pronouns
        if column == self.COL_PHONE4:
            return row.phone_last4
        if column == self.COL_STATUS:
            return row.status.label
        if column == self.COL_JOINED:
            return row.joined_on.isoformat()
        return recovery_duration(row.recovery_start, self._today)

    def _sort_value(self, row: MemberRow, column: int) -> Any:
        if column == self.COL_NAME:
            return fold(f"{row.last_name}\x1f{row.first_name}")
        if column == self.COL_JOINED:
            return row.joined_on
        if column == self.COL_MILESTONE:
            return row.recovery_start
        if column == self.COL_STATUS:
            return row.status.value
        return self._display(row, column)

    @staticmethod
    def _full_name(row: MemberRow) -> str:
        name = f"{row.first_name} {row.last_name}".strip()
        return f"{name} ({row.preferred_name})" if row.preferred_name else name
