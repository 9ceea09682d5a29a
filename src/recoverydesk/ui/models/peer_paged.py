"""A table model that pages its rows from a service, sorted and filtered in SQL.

``PagedRowsModel`` is the lazy base of the peer-work lists (roster, caseload, follow-up
radar, members who need a peer, supervision, contacts). It holds the rows of the pages
fetched so far, asks for the next page when the view scrolls to the end
(``canFetchMore``/``fetchMore``) and runs the query again with another SQL order when a
sortable header is clicked. A subclass says how to fetch one page and how to show a row.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.ui.models.rows_model import RowsTableModel

PAGE = 100
"""Rows asked for per page."""

Index = QModelIndex | QPersistentModelIndex
#: what a subclass's ``fetch_page`` returns: the rows, whether more follow, the total (or None)
PageResult = tuple[tuple[Any, ...], bool, int | None]

#: native values to sort or compare by (str, date, int), not display text
SortRole = Qt.ItemDataRole.UserRole + 1
#: the key of the row (a member id, a peer id, an assignment id...)
KeyRole = Qt.ItemDataRole.UserRole + 2


class PagedRowsModel(RowsTableModel):
    """Rows of one query, a page at a time; a header click sorts again in SQL.

    Subclasses set ``SORT_KEYS`` (column → the service's sort name), ``DEFAULT_SORT`` and
    implement ``fetch_page``, ``row_key`` and ``cell``.

    Signals:
        total_changed: how many rows match (all pages), after each refresh.
        load_failed: a ``RecoveryDeskError`` met while loading; the rows shown are kept.
    """

    SortRole = SortRole
    KeyRole = KeyRole
    SORT_KEYS: dict[int, str] = {}
    DEFAULT_SORT = ""
    DEFAULT_DESCENDING = False

    total_changed = Signal(int)
    load_failed = Signal(object)

    def __init__(self, parent: QObject | None = None, page_size: int = PAGE) -> None:
        super().__init__(parent)
        self._page_size = page_size
        self._row_of: dict[Hashable, int] = {}
        self._has_more = False
        self._total = 0
        self._sort = self.DEFAULT_SORT
        self._descending = self.DEFAULT_DESCENDING

    # -- for subclasses -----------------------------------------------------------------

    def fetch_page(self, offset: int, limit: int, with_total: bool) -> PageResult:
        """One page of the current query (raise ``RecoveryDeskError`` on problems)."""
        raise NotImplementedError

    def row_key(self, row: Any) -> Hashable:
        """What identifies ``row`` across refreshes (to keep the selection)."""
        raise NotImplementedError

    def cell(self, row: Any, column: int, role: int) -> Any:
        """The data of one cell for ``role`` (None when the role does not apply)."""
        raise NotImplementedError

    def ready(self) -> bool:
        """False when there is nothing to ask for (e.g. no peer chosen): the list is empty."""
        return True

    # -- the query ----------------------------------------------------------------------

    @property
    def total(self) -> int:
        """How many rows match, counting pages not fetched yet."""
        return self._total

    @property
    def sort_key(self) -> str:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    @property
    def sort_column(self) -> int:
        return next((c for c, key in self.SORT_KEYS.items() if key == self._sort), -1)

    @property
    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    def is_sortable(self, column: int) -> bool:
        return column in self.SORT_KEYS

    def refresh(self) -> None:
        """Run the query again from its first page (after data or a filter changed)."""
        rows: tuple[Any, ...] = ()
        more, total = False, 0
        if self.ready():
            try:
                rows, more, counted = self.fetch_page(0, self._page_size, True)
            except RecoveryDeskError as error:
                self.load_failed.emit(error)
                return
            total = counted if counted is not None else len(rows)
        self.beginResetModel()
        self._rows = []
        self._row_of = {}
        self._append(rows)
        self._has_more = more
        self.endResetModel()
        self._total = total
        self.total_changed.emit(total)

    def _append(self, rows: tuple[Any, ...]) -> None:
        for row in rows:
            self._row_of[self.row_key(row)] = len(self._rows)
            self._rows.append(row)

    # -- rows ---------------------------------------------------------------------------

    def row(self, row: int) -> Any:
        """The row value at position ``row``."""
        return self._rows[row]

    def key_at(self, row: int) -> Hashable:
        return self.row_key(self._rows[row])

    def row_of(self, key: Hashable) -> int | None:
        """The position of the row with ``key`` among the pages fetched so far, or None."""
        return self._row_of.get(key)

    def find_row(self, key: Hashable, max_rows: int = 10 * PAGE) -> int | None:
        """The position of ``key``, fetching further pages up to ``max_rows`` rows."""
        while (found := self.row_of(key)) is None and self._has_more:
            if len(self._rows) >= max_rows:
                return None
            self.fetchMore(QModelIndex())
        return found

    # -- Qt model interface ---------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._has_more:
            return
        try:
            rows, more, _ = self.fetch_page(len(self._rows), self._page_size, False)
        except RecoveryDeskError as error:
            self._has_more = False  # no retry loop from the view; the next refresh resets
            self.load_failed.emit(error)
            return
        fresh = tuple(r for r in rows if self.row_key(r) not in self._row_of)
        self._has_more = more and bool(rows)
        if not fresh:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._append(fresh)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by ``column`` in SQL; columns without an SQL order are ignored."""
        key = self.SORT_KEYS.get(column)
        descending = order == Qt.SortOrder.DescendingOrder
        if key is None or (key == self._sort and descending == self._descending):
            return
        self._sort, self._descending = key, descending
        self.refresh()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        if role == KeyRole:
            return self.row_key(row)
        return self.cell(row, index.column(), role)
