"""A table model that pages its rows from a service, sorted and filtered in SQL.

``PagedRowsModel`` is the lazy base of every long list (members, plans, the audit trail,
a day's visits, and the peer-work lists: roster, caseload, follow-up radar, members who
need a peer, supervision, contacts). It holds the rows of the pages fetched so far, asks
for the next page when the view scrolls to the end (``canFetchMore``/``fetchMore``) and
runs the query again with another SQL order when a sortable header is clicked. A row
already shown (same key) is never shown twice: rows written while paging push others
down a page. A subclass says how to fetch one page, what a row's key is and how to show
one cell.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal

from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.ui.models.rows_model import Index, RowsTableModel

PAGE = 100
"""Rows asked for per page."""

#: what a subclass's ``fetch_page`` returns: the rows, whether more follow, the total (or None)
PageResult = tuple[tuple[Any, ...], bool, int | None]

#: the key of the row (a member id, a peer id, an assignment id...)
KeyRole = Qt.ItemDataRole.UserRole + 2


class PagedRowsModel(RowsTableModel):
    """Rows of one query, a page at a time; a header click sorts again in SQL.

    Subclasses set ``SORT_KEYS`` (column → the service's sort name), ``DEFAULT_SORT`` and
    implement ``fetch_page``, ``row_key`` and ``cell``. ``LOAD_ERRORS`` are the errors a
    page may fail with that are reported (``load_failed``) rather than raised.

    Signals:
        total_changed: how many rows match (all pages), after each refresh.
        load_failed: an error (one of ``LOAD_ERRORS``) met while loading; rows shown are kept.
    """

    KeyRole = KeyRole
    SORT_KEYS: dict[int, str] = {}
    DEFAULT_SORT = ""
    DEFAULT_DESCENDING = False
    LOAD_ERRORS: tuple[type[Exception], ...] = (RecoveryDeskError,)

    total_changed = Signal(int)
    load_failed = Signal(object)

    def __init__(self, parent: QObject | None = None, page_size: int = PAGE) -> None:
        super().__init__(parent)
        self._page_size = page_size
        self._offset = 0  # rows read from the service so far (shown or skipped as repeats)
        self._has_more = False
        self._total = 0
        self._sort = self.DEFAULT_SORT
        self._descending = self.DEFAULT_DESCENDING
        self._text = ""

    # -- for subclasses -----------------------------------------------------------------

    def fetch_page(self, offset: int, limit: int, with_total: bool) -> PageResult:
        """One page of the current query (raise one of ``LOAD_ERRORS`` on problems)."""
        raise NotImplementedError

    def row_key(self, row: Any) -> Hashable:
        """What identifies ``row`` across pages and refreshes (to keep the selection)."""
        raise NotImplementedError

    def ready(self) -> bool:
        """False when there is nothing to ask for (e.g. no peer chosen): the list is empty."""
        return True

    # -- the query ----------------------------------------------------------------------

    @property
    def page_size(self) -> int:
        return self._page_size

    @property
    def text(self) -> str:
        """What the search box asked for ("" lists everything)."""
        return self._text

    def set_query(self, text: str) -> None:
        """Search again for ``text`` and show its first page."""
        self._text = text
        self.refresh()

    @property
    def total(self) -> int:
        """How many rows match, counting pages not fetched yet."""
        return self._total

    @property
    def has_more(self) -> bool:
        """True while further pages may follow."""
        return self._has_more

    @property
    def sort_key(self) -> str:
        """The service's name of the current order."""
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

    def paging(self, offset: int, limit: int, with_total: bool) -> dict[str, Any]:
        """The order and page arguments the services' list methods take, for ``fetch_page``."""
        return {
            "sort": self._sort,
            "descending": self._descending,
            "limit": limit,
            "offset": offset,
            "with_total": with_total,
        }

    def refresh(self) -> bool:
        """Run the query again from its first page (after data or a filter changed).

        Returns False when the page could not be read (``load_failed``; rows are kept).
        """
        page: PageResult = ((), False, 0)
        if self.ready():
            try:
                page = self.fetch_page(0, self._page_size, True)
            except self.LOAD_ERRORS as error:
                self.load_failed.emit(error)
                return False
        self._show_first(page)
        return True

    def set_rows(self, rows: Iterable[Any]) -> None:
        """Show exactly ``rows``, with no further pages."""
        self._show_first((tuple(rows), False, None))

    def _show_first(self, page: PageResult) -> None:
        rows, more, counted = page
        self.beginResetModel()
        self._rows = []
        self._row_of = {}
        self._append(self._unseen(rows))
        self._offset, self._has_more = len(rows), more
        self.endResetModel()
        self._total = counted if counted is not None else len(self._rows)
        self.total_changed.emit(self._total)

    def _unseen(self, rows: Iterable[Any]) -> list[Any]:
        """``rows`` without those already shown or repeated within them."""
        seen: set[Hashable] = set(self._row_of)
        fresh = []
        for row in rows:
            key = self.row_key(row)
            if key not in seen:
                seen.add(key)
                fresh.append(row)
        return fresh

    # -- rows ---------------------------------------------------------------------------

    def key_at(self, row: int) -> Hashable:
        return self.row_key(self._rows[row])

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
            rows, more, _ = self.fetch_page(self._offset, self._page_size, False)
        except self.LOAD_ERRORS as error:
            self._has_more = False  # no retry loop from the view; the next refresh resets
            self.load_failed.emit(error)
            return
        self._offset += len(rows)
        self._has_more = more and bool(rows)
        fresh = self._unseen(rows)
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
