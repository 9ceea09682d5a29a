"""Read-only models of the Plans pane: the list of plans, BARC-10 history and plan reviews.

``PlanListModel`` never loads every plan: it pages ``PlanService.list_plans`` (filtered by
peer, "needs attention" and the member search box, and sorted in SQL) as the view
scrolls.

Overdue dates say so in words ("overdue", "due now"), never by colour alone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from recoverydesk.domain.plan_kinds import BARC10_THRESHOLD
from recoverydesk.domain.plans import PlanListRow, PlanSort
from recoverydesk.domain.text import fold
from recoverydesk.services.plans import PlanService
from recoverydesk.ui.models.paged_model import PagedRowsModel, PageResult

PAGE = 100
OVERDUE_COLOR = QColor("#b3261e")
QUIET_COLOR = QColor("#6b6b6b")
GOOD_COLOR = QColor("#2e7d32")
NO_VALUE = "—"

_CONTEXT = "PlanListModel"
_HEADERS = (
    QT_TRANSLATE_NOOP(_CONTEXT, "Member"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Code"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Plan"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Review due"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Goals overdue"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Steps overdue"),
    QT_TRANSLATE_NOOP(_CONTEXT, "BARC-10"),
    QT_TRANSLATE_NOOP(_CONTEXT, "BARC-10 due"),
)


def review_due_text(due: dt.date | None, overdue: bool) -> str:
    """'2026-04-20', '2025-05-10 · overdue' or '—' (a draft has no review date yet)."""
    if due is None:
        return NO_VALUE
    return f"{due.isoformat()} · overdue" if overdue else due.isoformat()


def barc10_total_text(total: int | None) -> str:
    """'52 ✓' at or above 47 (a mark, not only a colour), '38' below it, '—' when never done."""
    if total is None:
        return NO_VALUE
    return f"{total} ✓" if total >= BARC10_THRESHOLD else str(total)


def barc10_due_text(due_on: dt.date | None, due: bool) -> str:
    """'Never done · due', '2025-10-13 · due' or '2026-04-05'."""
    if due_on is None:
        return "Never done · due"
    return f"{due_on.isoformat()} · due" if due else due_on.isoformat()


class PlanListModel(PagedRowsModel):
    """Members with plans and what needs attention, paged from the database."""

    COL_NAME = 0
    COL_CODE = 1
    COL_STATUS = 2
    COL_REVIEW = 3
    COL_GOALS = 4
    COL_STEPS = 5
    COL_BARC10 = 6
    COL_BARC10_DUE = 7
    COLUMN_COUNT = 8
    HEADERS = _HEADERS
    TRANSLATION_CONTEXT = _CONTEXT

    #: the member id of the row
    IdRole = PagedRowsModel.KeyRole
    #: True when the row needs attention (review overdue, goal overdue, BARC-10 due)
    AttentionRole = Qt.ItemDataRole.UserRole + 3

    SORT_KEYS = {
        COL_NAME: PlanSort.NAME,
        COL_CODE: PlanSort.CODE,
        COL_STATUS: PlanSort.STATUS,
        COL_REVIEW: PlanSort.REVIEW_DUE,
        COL_GOALS: PlanSort.GOALS_OVERDUE,
        COL_STEPS: PlanSort.STEPS_OVERDUE,
        COL_BARC10: PlanSort.BARC10_TOTAL,
        COL_BARC10_DUE: PlanSort.BARC10_DUE,
    }

    DEFAULT_SORT = PlanSort.NAME

    def __init__(
        self, plans: PlanService, parent: QObject | None = None, page_size: int = PAGE
    ) -> None:
        super().__init__(parent, page_size)
        self._plans = plans
        self._peer_id: int | None = None
        self._attention_only = False

    # -- the query ----------------------------------------------------------------------

    @property
    def peer_id(self) -> int | None:
        return self._peer_id

    def set_filter(self, *, peer_id: int | None, attention_only: bool, text: str = "") -> None:
        """List the plans of ``peer_id``'s caseload (None: everyone's), then refresh."""
        self._peer_id = peer_id
        self._attention_only = attention_only
        self._text = text
        self.refresh()

    def fetch_page(self, offset: int, limit: int, with_total: bool) -> PageResult:
        page = self._plans.list_plans(
            self._peer_id,
            self._attention_only,
            text=self._text,
            **self.paging(offset, limit, with_total),
        )
        return page.rows, page.has_more, page.total

    def row_key(self, row: PlanListRow) -> int:
        return row.member_id

    # -- rows ---------------------------------------------------------------------------

    def plan_row(self, row: int) -> PlanListRow:
        return self._rows[row]

    def member_id(self, row: int) -> int:
        return self._rows[row].member_id

    # -- Qt model interface -------------------------------------------------------------

    def cell(self, row: PlanListRow, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, column)
        if role == self.SortRole:
            return self._sort_value(row, column)
        if role == self.AttentionRole:
            return row.needs_attention
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _display(self, row: PlanListRow, column: int) -> str:
        if column == self.COL_NAME:
            return row.display_name
        if column == self.COL_CODE:
            return row.code
        if column == self.COL_STATUS:
            return row.status.label
        if column == self.COL_REVIEW:
            return review_due_text(row.review_due_on, row.review_overdue)
        if column == self.COL_GOALS:
            return str(row.goals_overdue)
        if column == self.COL_STEPS:
            return str(row.steps_overdue)
        if column == self.COL_BARC10:
            return barc10_total_text(row.barc10_total)
        return barc10_due_text(row.barc10_due_on, row.barc10_due)

    def _sort_value(self, row: PlanListRow, column: int) -> Any:
        values: dict[int, Any] = {
            self.COL_NAME: fold(f"{row.last_name}\x1f{row.first_name}"),
            self.COL_STATUS: row.status.value,
            self.COL_REVIEW: row.review_due_on,
            self.COL_GOALS: row.goals_overdue,
            self.COL_STEPS: row.steps_overdue,
            self.COL_BARC10: row.barc10_total,
            self.COL_BARC10_DUE: row.barc10_due_on,
        }
        return values.get(column, self._display(row, column))

    def _flagged(self, row: PlanListRow, column: int) -> bool:
        return (
            (column == self.COL_REVIEW and row.review_overdue)
            or (column == self.COL_GOALS and row.goals_overdue > 0)
            or (column == self.COL_STEPS and row.steps_overdue > 0)
            or (column == self.COL_BARC10_DUE and row.barc10_due)
        )

    def _foreground(self, row: PlanListRow, column: int) -> QBrush | None:
        if self._flagged(row, column):
            return QBrush(OVERDUE_COLOR)
        if column == self.COL_BARC10 and row.barc10_at_or_above_threshold:
            return QBrush(GOOD_COLOR)
        if column in (self.COL_GOALS, self.COL_STEPS):
            return QBrush(QUIET_COLOR)
        return None

    def _font(self, row: PlanListRow, column: int) -> QFont | None:
        if not self._flagged(row, column):
            return None
        font = QFont()
        font.setBold(True)
        return font

    def _tooltip(self, row: PlanListRow, column: int) -> str | None:
        if column == self.COL_NAME:
            name = f"{row.first_name} {row.last_name}".strip()
            return f"{name} ({row.preferred_name})" if row.preferred_name else name
        if column == self.COL_BARC10 and row.barc10_taken_on is not None:
            above = " · ✓ at or above 47" if row.barc10_at_or_above_threshold else ""
            return f"Taken {row.barc10_taken_on.isoformat()}{above}"
        return None
