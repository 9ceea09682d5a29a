"""Visits as the desk lists them: who is in the building, and everyone on a chosen day.

``VisitsTableModel`` holds ``VisitRow`` values. Given rows (``set_rows``) it shows just
those, as "In the building" does; given a page loader (``set_loader``) it shows the first
page and asks for the next one when the view scrolls to the end (``canFetchMore`` /
``fetchMore``), so a day with thousands of visits opens as fast as one with ten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
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
from recoverydesk.domain.visits import VisitRow, VisitSource
from recoverydesk.ui.models.rows_model import RowsTableModel

PAGE = 500
"""Visits asked for per page of a day's list."""

#: ``loader(limit, offset)`` returns one page of visits
PageLoader = Callable[[int, int], list[VisitRow]]
Index = QModelIndex | QPersistentModelIndex

_CONTEXT = "VisitsTableModel"
_HEADERS = (
    QT_TRANSLATE_NOOP(_CONTEXT, "In"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Out"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Name"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Code"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Purposes"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Source"),
)
NO_TIME = "—"
PAPER_TIME_TIP = "Typed in from a paper sheet: the time is not known"


def visitor_name(row: VisitRow) -> str:
    """The member's name, or 'Guest (J.K.)' / 'Guest' for an anonymous guest."""
    if not row.is_guest:
        return row.name
    return f"Guest ({row.guest_label})" if row.guest_label else "Guest"


class VisitsTableModel(RowsTableModel):
    """Visits, newest first, as given or paged from a loader.

    Signals:
        load_failed: a ``DatabaseError`` met while fetching a further page; rows are kept.
    """

    COL_IN = 0
    COL_OUT = 1
    COL_NAME = 2
    COL_CODE = 3
    COL_PURPOSES = 4
    COL_SOURCE = 5
    COLUMN_COUNT = 6
    HEADERS = _HEADERS
    TRANSLATION_CONTEXT = _CONTEXT

    #: native values to sort or compare by (datetime, str), not display text
    SortRole = Qt.ItemDataRole.UserRole + 1
    #: the visit id of the row
    IdRole = Qt.ItemDataRole.UserRole + 2

    load_failed = Signal(object)

    def __init__(
        self,
        local: Callable[[dt.datetime], dt.datetime],
        parent: QObject | None = None,
        page_size: int = PAGE,
    ) -> None:
        super().__init__(parent)
        self._local = local
        self._page_size = page_size
        self._rows: list[VisitRow] = []
        self._loader: PageLoader | None = None
        self._has_more = False

    @property
    def page_size(self) -> int:
        return self._page_size

    # -- rows ---------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[VisitRow]) -> None:
        """Show exactly ``rows`` (no further pages)."""
        self.beginResetModel()
        self._loader = None
        self._rows = list(rows)
        self._has_more = False
        self.endResetModel()

    def set_loader(self, loader: PageLoader) -> None:
        """Show the first page ``loader`` gives; later pages come on demand.

        Raises:
            DatabaseError: the first page could not be read (the rows shown are kept).
        """
        first = loader(self._page_size, 0)
        self.beginResetModel()
        self._loader = loader
        self._rows = list(first)
        self._has_more = len(first) >= self._page_size
        self.endResetModel()

    def visit_row(self, row: int) -> VisitRow:
        return self._rows[row]

    def rows(self) -> list[VisitRow]:
        return list(self._rows)

    def row_of(self, visit_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.visit_id == visit_id), None)

    # -- Qt model interface ---------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more and self._loader is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._loader is None:
            return
        try:
            page = self._loader(self._page_size, len(self._rows))
        except DatabaseError as error:
            self._has_more = False  # no retry loop from the view; the next reload resets
            self.load_failed.emit(error)
            return
        seen = {r.visit_id for r in self._rows}
        fresh = [r for r in page if r.visit_id not in seen]
        self._has_more = len(page) >= self._page_size and bool(fresh)
        if not fresh:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._rows.extend(fresh)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, column)
        if role == self.SortRole:
            return self._sort_value(row, column)
        if role == self.IdRole:
            return row.visit_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _display(self, row: VisitRow, column: int) -> str:
        if column == self.COL_IN:
            return self._time(row, row.checked_in_at)
        if column == self.COL_OUT:
            return self._time(row, row.checked_out_at) if row.checked_out_at else ""
        if column == self.COL_NAME:
            return visitor_name(row)
        if column == self.COL_CODE:
            return row.member_code
        if column == self.COL_PURPOSES:
            return ", ".join(row.purposes)
        return row.source.label

    def _time(self, row: VisitRow, moment: dt.datetime) -> str:
        if row.source is VisitSource.PAPER:
            return NO_TIME
        return self._local(moment).strftime("%H:%M")

    def _tooltip(self, row: VisitRow, column: int) -> str | None:
        if column in (self.COL_IN, self.COL_OUT) and row.source is VisitSource.PAPER:
            return PAPER_TIME_TIP
        if column == self.COL_NAME and row.pronouns:
            return f"{visitor_name(row)} ({row.pronouns})"
        if column == self.COL_PURPOSES and row.purposes:
            return ", ".join(row.purposes)
        return None

    def _sort_value(self, row: VisitRow, column: int) -> Any:
        if column == self.COL_IN:
            return row.checked_in_at
        if column == self.COL_OUT:
            return row.checked_out_at or dt.datetime.max.replace(tzinfo=dt.UTC)
        return self._display(row, column)
