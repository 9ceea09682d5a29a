"""The parts every RecoveryDesk table model shares: DTO rows, column count, headers.

A subclass sets ``HEADERS`` (marked for translation with ``QT_TRANSLATE_NOOP`` in its own
module) and ``TRANSLATION_CONTEXT``, shows rows with ``set_rows`` and answers ``cell`` for
one cell of one row. When its rows have a key (an id, a path), ``row_key`` returns it and
``row_of`` finds a row by it. The lazy, paged lists build on this in ``paged_model``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
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

    #: native values to sort or compare by (str, date, int), not display text
    SortRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._row_of: dict[Hashable, int] = {}

    # -- for subclasses -------------------------------------------------------------------

    def row_key(self, row: Any) -> Hashable | None:
        """What identifies ``row`` (None: rows have no key, ``row_of`` finds nothing)."""
        return None

    def cell(self, row: Any, column: int, role: int) -> Any:
        """The data of one cell for ``role`` (None when the role does not apply)."""
        return None

    # -- rows -----------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[Any]) -> None:
        """Show exactly ``rows`` instead of the current ones."""
        self.beginResetModel()
        self._rows = []
        self._row_of = {}
        self._append(rows)
        self.endResetModel()

    def _append(self, rows: Iterable[Any]) -> None:
        for row in rows:
            key = self.row_key(row)
            if key is not None:
                self._row_of.setdefault(key, len(self._rows))
            self._rows.append(row)

    def rows(self) -> list[Any]:
        """A copy of the rows shown."""
        return list(self._rows)

    def row(self, row: int) -> Any:
        """The row value at position ``row``."""
        return self._rows[row]

    def row_of(self, key: Hashable) -> int | None:
        """The position of the row with ``key``, or None."""
        return self._row_of.get(key)

    def row_at(self, index: Index) -> Any | None:
        """The row behind ``index``, or None for an invalid or stale index."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    # -- Qt model interface ---------------------------------------------------------------

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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        return self.cell(row, index.column(), role)
