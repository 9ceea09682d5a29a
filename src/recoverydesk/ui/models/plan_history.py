"""Read-only models of a plan's history: BARC-10 assessments and the plan's reviews."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush

from recoverydesk.domain.barc10 import Barc10
from recoverydesk.domain.plans import ReviewInfo
from recoverydesk.ui.models.plan_models import GOOD_COLOR, barc10_total_text
from recoverydesk.ui.models.rows_model import RowsTableModel

_HISTORY_CONTEXT = "Barc10HistoryModel"
_HISTORY_HEADERS = (
    QT_TRANSLATE_NOOP(_HISTORY_CONTEXT, "Date"),
    QT_TRANSLATE_NOOP(_HISTORY_CONTEXT, "Total"),
    QT_TRANSLATE_NOOP(_HISTORY_CONTEXT, "Items 1–10"),
    QT_TRANSLATE_NOOP(_HISTORY_CONTEXT, "Administered by"),
)


class Barc10HistoryModel(RowsTableModel):
    """A member's BARC-10 assessments, newest first; the total is computed, never stored."""

    COL_DATE = 0
    COL_TOTAL = 1
    COL_ITEMS = 2
    COL_BY = 3
    HEADERS = _HISTORY_HEADERS
    TRANSLATION_CONTEXT = _HISTORY_CONTEXT

    def set_rows(self, rows: Sequence[Barc10]) -> None:
        """Show ``rows`` (newest first whatever order they come in)."""
        super().set_rows(sorted(rows, key=lambda b: (b.taken_on, b.id), reverse=True))

    def assessment(self, row: int) -> Barc10:
        return self._rows[row]

    def cell(self, row: Barc10, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, column)
        if role == self.SortRole:
            return {self.COL_DATE: row.taken_on, self.COL_TOTAL: row.total}.get(
                column, self._display(row, column)
            )
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_TOTAL:
            return QBrush(GOOD_COLOR) if row.at_or_above_threshold else None
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_ITEMS:
            return "\n".join(f"{n}. {label}: {score}" for n, label, score in row.items())
        return None

    def _display(self, row: Barc10, column: int) -> str:
        if column == self.COL_DATE:
            return row.taken_on.isoformat()
        if column == self.COL_TOTAL:
            return barc10_total_text(row.total)
        if column == self.COL_ITEMS:
            return " ".join(str(score) for score in row.scores)
        return row.administered_by


_REVIEWS_CONTEXT = "ReviewsModel"
_REVIEWS_HEADERS = (
    QT_TRANSLATE_NOOP(_REVIEWS_CONTEXT, "Reviewed on"),
    QT_TRANSLATE_NOOP(_REVIEWS_CONTEXT, "Reviewed by"),
)


class ReviewsModel(RowsTableModel):
    """The reviewed versions of a plan, newest first."""

    COL_DATE = 0
    COL_BY = 1
    HEADERS = _REVIEWS_HEADERS
    TRANSLATION_CONTEXT = _REVIEWS_CONTEXT
    IdRole = Qt.ItemDataRole.UserRole + 2

    def set_rows(self, rows: Sequence[ReviewInfo]) -> None:
        """Show ``rows`` (newest first whatever order they come in)."""
        super().set_rows(sorted(rows, key=lambda r: (r.reviewed_at, r.id), reverse=True))

    def review(self, row: int) -> ReviewInfo:
        return self._rows[row]

    def cell(self, row: ReviewInfo, column: int, role: int) -> Any:
        if role == self.IdRole:
            return row.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        return row.reviewed_on.isoformat() if column == self.COL_DATE else row.reviewed_by
