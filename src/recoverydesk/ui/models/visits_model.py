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

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt

from recoverydesk.domain.errors import DatabaseError
from recoverydesk.domain.visits import VisitRow, VisitSource
from recoverydesk.ui.models.paged_model import PagedRowsModel, PageResult

PAGE = 500
"""Visits asked for per page of a day's list."""

#: ``loader(limit, offset)`` returns one page of visits
PageLoader = Callable[[int, int], list[VisitRow]]

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


class VisitsTableModel(PagedRowsModel):
    """Visits, newest first, as given or paged from a loader.

    ``load_failed`` reports a ``DatabaseError`` met while fetching a further page.
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

    #: the visit id of the row
    IdRole = PagedRowsModel.KeyRole
    LOAD_ERRORS = (DatabaseError,)

    def __init__(
        self,
        local: Callable[[dt.datetime], dt.datetime],
        parent: QObject | None = None,
        page_size: int = PAGE,
    ) -> None:
        super().__init__(parent, page_size)
        self._local = local
        self._loader: PageLoader | None = None

    # -- rows ---------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[VisitRow]) -> None:
        """Show exactly ``rows`` (no further pages)."""
        self._loader = None
        super().set_rows(rows)

    def set_loader(self, loader: PageLoader) -> None:
        """Show the first page ``loader`` gives; later pages come on demand.

        Raises:
            DatabaseError: the first page could not be read (the rows shown are kept).
        """
        first = self._page(loader, 0, self._page_size)
        self._loader = loader
        self._show_first(first)

    def fetch_page(self, offset: int, limit: int, with_total: bool) -> PageResult:
        if self._loader is None:
            return (), False, None
        return self._page(self._loader, offset, limit)

    @staticmethod
    def _page(loader: PageLoader, offset: int, limit: int) -> PageResult:
        rows = tuple(loader(limit, offset))
        return rows, len(rows) >= limit, None

    def row_key(self, row: VisitRow) -> int:
        return row.visit_id

    def visit_row(self, row: int) -> VisitRow:
        return self._rows[row]

    # -- Qt model interface ---------------------------------------------------------------

    def cell(self, row: VisitRow, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, column)
        if role == self.SortRole:
            return self._sort_value(row, column)
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
