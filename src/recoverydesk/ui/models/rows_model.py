"""The parts every RecoveryDesk table model shares: DTO rows, column count, headers.

A subclass sets ``HEADERS`` (marked for translation with ``QT_TRANSLATE_NOOP`` in its own
module) and ``TRANSLATION_CONTEXT``, keeps its rows in ``self._rows`` and answers ``data``
for one row, found with ``row_at``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel):
    """A flat table of frozen rows with translated horizontal headers."""

    HEADERS: tuple[str, ...] = ()
    TRANSLATION_CONTEXT = ""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def row_at(self, index: Index) -> Any | None:
        """The row behind ``index``, or None for an invalid or stale index."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.TRANSLATION_CONTEXT, self.HEADERS[section])
        return None
