"""How the long lists are set up: read-only rows, sorted by their model in SQL.

``setup_list_table`` gives a table the look and keys every list shares: read-only, one
whole row selected at a time, alternating row colours (``read_only_rows``, also used by
the Admin tables), no row numbers, text cut rather than wrapped, and Tab leaving the table.
``sort_in_sql`` lets header clicks sort a ``PagedRowsModel`` and keeps the header's arrow
honest: a column without an SQL order, or an order that runs only one way, puts the arrow
back on the order really used.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt, SignalInstance
from PySide6.QtWidgets import QAbstractItemView, QTableView

from recoverydesk.ui.models.paged_model import PagedRowsModel


def read_only_rows(view: QAbstractItemView) -> None:
    """Make ``view`` read-only, selecting one whole row at a time, rows in alternate shades."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)


def setup_list_table(
    view: QTableView, name: str, model: QAbstractItemModel, row_padding: int
) -> None:
    """Show ``model`` in ``view`` as a list named ``name``; rows a line plus ``row_padding``."""
    view.setAccessibleName(name)
    view.setModel(model)
    read_only_rows(view)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + row_padding)


def sort_in_sql(view: QTableView, model: PagedRowsModel, applied: SignalInstance) -> None:
    """Header clicks sort ``model``; then the arrow shows its order and ``applied`` is sent."""
    header = view.horizontalHeader()
    header.setSortIndicator(model.sort_column, model.sort_order)
    view.setSortingEnabled(True)

    def keep_indicator_honest(_column: int, _order: Qt.SortOrder) -> None:
        header.blockSignals(True)
        header.setSortIndicator(model.sort_column, model.sort_order)
        header.blockSignals(False)
        applied.emit()

    header.sortIndicatorChanged.connect(keep_indicator_honest)
