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

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from recoverydesk.domain.errors import DatabaseError
from recoverydesk.domain.members import MemberPage, MemberRow
from recoverydesk.domain.milestones import recovery_duration
from recoverydesk.domain.text import fold
from recoverydesk.services.members import MemberService
from recoverydesk.ui.models.rows_model import RowsTableModel

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

Index = QModelIndex | QPersistentModelIndex


class MembersTableModel(RowsTableModel):
    """Members matching a search, paged from the database; never notes, never private text.

    Signals:
        total_changed: how many members match the search (all pages), after each new search.
        load_failed: a ``DatabaseError`` met while loading; the rows shown are kept.
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

    #: native values to sort or compare by (str, date, int), not display text
    SortRole = Qt.ItemDataRole.UserRole + 1
    #: the member id of the row
    IdRole = Qt.ItemDataRole.UserRole + 2

    #: columns a header click can sort by, and the service's name for that order
    SORT_KEYS = {COL_CODE: "code", COL_NAME: "name", COL_JOINED: "joined"}
    #: the direction each SQL order runs in, for the header's arrow
    SORT_ORDERS = {
        "code": Qt.SortOrder.AscendingOrder,
        "name": Qt.SortOrder.AscendingOrder,
        "joined": Qt.SortOrder.DescendingOrder,
    }

    total_changed = Signal(int)
    load_failed = Signal(object)

    def __init__(
        self,
        members: MemberService,
        today: Callable[[], dt.date],
        parent: QObject | None = None,
        page_size: int = PAGE,
    ) -> None:
        super().__init__(parent)
        self._members = members
        self._today_of = today
        self._today = today()
        self._page_size = page_size
        self._rows: list[MemberRow] = []
        self._row_of: dict[int, int] = {}
        self._has_more = False
        self._total = 0
        self._text = ""
        self._include_archived = False
        self._sort = "name"

    # -- the query ----------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self._text

    @property
    def include_archived(self) -> bool:
        return self._include_archived

    @property
    def sort_key(self) -> str:
        """The service's name of the current order: "name", "code" or "joined"."""
        return self._sort

    @property
    def sort_column(self) -> int:
        return next(col for col, key in self.SORT_KEYS.items() if key == self._sort)

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self.SORT_ORDERS[self._sort]

    @property
    def total(self) -> int:
        """How many members match the search, counting pages not fetched yet."""
        return self._total

    @property
    def page_size(self) -> int:
        return self._page_size

    def set_query(self, text: str) -> None:
        """Search again for ``text`` and show its first page."""
        self._text = text
        self.refresh()

    def set_include_archived(self, include: bool) -> None:
        self._include_archived = include
        self.refresh()

    def is_sortable(self, column: int) -> bool:
        return column in self.SORT_KEYS

    def refresh(self) -> None:
        """Run the current search again from its first page (after data changed)."""
        self._today = self._today_of()
        try:
            page = self._fetch(offset=0, with_total=True)
        except DatabaseError as error:
            self.load_failed.emit(error)
            return
        self.beginResetModel()
        self._rows = []
        self._row_of = {}
        self._append(page.rows)
        self._has_more = page.has_more
        self.endResetModel()
        self._total = page.total if page.total is not None else len(self._rows)
        self.total_changed.emit(self._total)

    def _fetch(self, offset: int, with_total: bool = False) -> MemberPage:
        return self._members.search(
            self._text,
            limit=self._page_size,
            offset=offset,
            include_archived=self._include_archived,
            sort=self._sort,
            with_total=with_total,
        )

    def _append(self, rows: tuple[MemberRow, ...]) -> None:
        for row in rows:
            self._row_of[row.id] = len(self._rows)
            self._rows.append(row)

    # -- rows ---------------------------------------------------------------------------

    def member_row(self, row: int) -> MemberRow:
        return self._rows[row]

    def member_id(self, row: int) -> int:
        return self._rows[row].id

    def row_of(self, member_id: int) -> int | None:
        """The row showing ``member_id`` among the pages fetched so far, or None."""
        return self._row_of.get(member_id)

    def find_row(self, member_id: int, max_rows: int = 10 * PAGE) -> int | None:
        """The row of ``member_id``, fetching further pages up to ``max_rows`` rows."""
        while (row := self.row_of(member_id)) is None and self._has_more:
            if len(self._rows) >= max_rows:
                return None
            self.fetchMore(QModelIndex())
        return row

    # -- Qt model interface ---------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._has_more:
            return
        try:
            page = self._fetch(offset=len(self._rows))
        except DatabaseError as error:
            self._has_more = False  # no retry loop from the view; the next search resets
            self.load_failed.emit(error)
            return
        fresh = tuple(r for r in page.rows if r.id not in self._row_of)
        self._has_more = page.has_more and bool(page.rows)
        if not fresh:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._append(fresh)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by ``column`` in SQL; columns without an indexed order are ignored."""
        key = self.SORT_KEYS.get(column)
        if key is None or key == self._sort:
            return
        self._sort = key
        self.refresh()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == self.SortRole:
            return self._sort_value(row, column)
        if role == self.IdRole:
            return row.id
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
