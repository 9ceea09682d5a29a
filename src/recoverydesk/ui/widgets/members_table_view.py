"""The table that shows a ``MembersTableModel``: row selection, fitted columns, honest sorting.

Only some columns have an indexed SQL order, and each order runs one way. The view puts the
header's sort arrow back on the order really used whenever a click asks for another.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from recoverydesk.ui.models.members_model import MembersTableModel
from recoverydesk.ui.widgets.list_table import setup_list_table, sort_in_sql

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
        setup_list_table(self, "Members", model, row_padding=12)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        sort_in_sql(self, model, self.sort_applied)
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
