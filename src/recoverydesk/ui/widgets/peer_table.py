"""The table view of the peer-work lists: fitted columns, honest SQL sorting, an empty state.

``PagedTableView`` shows a ``PagedRowsModel``. Columns get the width of a sample text, one
column stretches. Only columns with an SQL order sort; a click on another puts the header's
arrow back on the order really used. When the list is empty a sentence says why and what
to do, instead of a blank grid. ``refresh_keeping_selection`` runs the query again and
selects the same row (by its key) if it is still there.
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QWidget

from recoverydesk.ui.models.paged_model import PagedRowsModel
from recoverydesk.ui.models.peer_cells import MUTED_COLOR
from recoverydesk.ui.widgets.list_table import setup_list_table, sort_in_sql

_PADDING = 18
_MIN_STRETCH_CHARS = 16


class PagedTableView(QTableView):
    """Read-only, one-row-at-a-time view of a paged list, sorted by the model in SQL.

    Signals:
        sort_applied: the model was sorted again from a header click.
        row_activated: a row was double-clicked, or Enter was pressed on it (its row).
    """

    sort_applied = Signal()
    row_activated = Signal(int)

    def __init__(
        self,
        model: PagedRowsModel,
        name: str,
        samples: dict[int, str],
        stretch: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._paged = model
        setup_list_table(self, name, model, row_padding=10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicatorShown(bool(model.SORT_KEYS))
        if model.SORT_KEYS:
            sort_in_sql(self, model, self.sort_applied)
        self._fit_columns(header, samples, stretch)
        self._empty = QLabel(self.viewport())
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setStyleSheet(f"color: {MUTED_COLOR};")
        self._empty.setTextFormat(Qt.TextFormat.PlainText)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._update_empty)
        self._update_empty()

    # -- the empty state ----------------------------------------------------------------

    @property
    def empty_text(self) -> str:
        """The sentence shown while the list is empty."""
        return self._empty.text()

    def set_empty_text(self, text: str) -> None:
        self._empty.setText(text)
        self._update_empty()

    def empty_visible(self) -> bool:
        return not self._empty.isHidden()

    def _update_empty(self, *_args: object) -> None:
        self._empty.setVisible(self._paged.rowCount() == 0 and bool(self._empty.text()))
        self._place_empty()

    def _place_empty(self) -> None:
        area = self.viewport().rect().adjusted(24, 12, -24, -12)
        self._empty.setGeometry(area.x(), area.y(), area.width(), min(area.height(), 120))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row = self.current_row()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and row is not None:
            self.row_activated.emit(row)
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        super().mouseDoubleClickEvent(event)
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and event.button() == Qt.MouseButton.LeftButton:
            self.row_activated.emit(index.row())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_empty()

    # -- selection ----------------------------------------------------------------------

    def current_row(self) -> int | None:
        """The selected row, or None."""
        index = self.selectionModel().currentIndex()
        selected = self.selectionModel().isRowSelected(index.row()) if index.isValid() else False
        return index.row() if selected else None

    def current_key(self) -> Hashable | None:
        row = self.current_row()
        return self._paged.key_at(row) if row is not None else None

    def select_row(self, row: int) -> None:
        index = self._paged.index(row, 0)
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index)

    def select_key(self, key: Hashable | None) -> bool:
        """Select the row of ``key``; clear the selection (False) when it is not listed."""
        row = self._paged.find_row(key) if key is not None else None
        if row is None:
            self.selectionModel().clearSelection()
            self.selectionModel().clearCurrentIndex()
            return False
        self.select_row(row)
        return True

    def refresh_keeping_selection(self) -> None:
        """Run the model's query again and select the same row if it is still listed."""
        key = self.current_key()
        self._paged.refresh()
        if key is not None:
            self.select_key(key)

    # -- columns and sorting ------------------------------------------------------------

    def _fit_columns(self, header: QHeaderView, samples: dict[int, str], stretch: int) -> None:
        metrics = self.fontMetrics()
        fixed = 0
        for column, sample in samples.items():
            label = str(self._paged.headerData(column, Qt.Orientation.Horizontal) or "")
            arrow = _PADDING if self._paged.is_sortable(column) else 0
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(label) + arrow)
            header.resizeSection(column, width + _PADDING)
            fixed += width + _PADDING
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(metrics.horizontalAdvance("n") * 4)
        self.setMinimumWidth(
            min(
                fixed + metrics.horizontalAdvance("n") * _MIN_STRETCH_CHARS,
                metrics.averageCharWidth() * 70,
            )
        )
