"""The table that shows a ``MembersTableModel``: row selection, fitted columns, honest sorting.

Only some columns have an indexed SQL order, and each order runs one way. The view puts the
header's sort arrow back on the order really used whenever a click asks for another.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from recoverydesk.ui.models.members_model import MembersTableModel

#: the widest text each fixed column should show in full
_COLUMN_SAMPLES = {
    MembersTableModel.COL_CODE: "M1000000",
    MembersTableModel.COL_PREFERRED: "Preferred",
    MembersTableModel.COL_PRONOUNS: "they/them",
    MembersTableModel.COL_PHONE4: "Phone",
    MembersTableModel.COL_STATUS: "Archived",
    MembersTableModel.COL_JOINED: "2026-12-31",
    MembersTableModel.COL_MILESTONE: "10 years 11 months",
}
_PADDING = 14
_NAME_MIN_CHARS = 22


class MembersTableView(QTableView):
    """Read-only, one-row-at-a-time view of the member list, sorted by the model in SQL.

    Signals:
        sort_applied: the model was sorted again from a header click.
    """

    sort_applied = Signal()

    def __init__(self, model: MembersTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._members = model
        self.setAccessibleName("Members")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicator(model.sort_column, model.sort_order)
        self.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._keep_indicator_honest)
        self._fit_columns(header)

    def _fit_columns(self, header: QHeaderView) -> None:
        metrics = self.fontMetrics()
        fixed = 0
        for column, sample in _COLUMN_SAMPLES.items():
            width = metrics.horizontalAdvance(sample) + _PADDING
            header.resizeSection(column, width)
            fixed += width
        name = metrics.horizontalAdvance("n") * _NAME_MIN_CHARS
        header.setSectionResizeMode(MembersTableModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.setMinimumWidth(min(fixed + name, metrics.horizontalAdvance("n") * 60))

    def _keep_indicator_honest(self, _column: int, _order: Qt.SortOrder) -> None:
        header = self.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(self._members.sort_column, self._members.sort_order)
        header.blockSignals(False)
        self.sort_applied.emit()
