"""The front desk's search results: who matches what was typed, ready to check in.

``DeskResultsModel`` shows ``DeskRow`` values from ``FrontDeskService.find``: names,
pronouns, code, when they last came, and the flags and short note the desk may see. A
``DeskRow`` carries nothing private (no notes, plans, address or contact details), and this
model shows nothing but what it carries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt
from PySide6.QtGui import QColor, QFont

from recoverydesk.domain.text import fold
from recoverydesk.domain.visits import DeskRow
from recoverydesk.ui.models.rows_model import RowsTableModel

_CONTEXT = "DeskResultsModel"
_HEADERS = (
    QT_TRANSLATE_NOOP(_CONTEXT, "Name"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Pronouns"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Code"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Last visit"),
    QT_TRANSLATE_NOOP(_CONTEXT, "For the desk"),
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: "3 days ago" up to this many days, then a date
RELATIVE_DAYS = 6
#: dark amber: flags the desk should notice, readable on white and never the only cue
FLAG_COLOR = "#8a4b00"


def short_date(day: dt.date, weekday: bool = False) -> str:
    """'9 Mar 2026' (or 'Mon 9 Mar 2026'), the same whatever the system locale."""
    text = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{_DAYS[day.weekday()]} {text}" if weekday else text


def last_visit_text(day: dt.date | None, today: dt.date) -> str:
    """'today', 'yesterday', '3 days ago', a date, or 'never'."""
    if day is None:
        return "never"
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 1 < days <= RELATIVE_DAYS:
        return f"{days} days ago"
    return short_date(day)


def full_name(row: DeskRow) -> str:
    """'Marcus “Mo” Mahlangu': first name, the name they go by, last name."""
    preferred = row.preferred_name.strip()
    shown = (
        row.first_name
        if not preferred or preferred == row.first_name
        else (f"{row.first_name} “{preferred}”")
    )
    return f"{shown} {row.last_name}".strip()


def desk_text(row: DeskRow) -> str:
    """The flags and the short front-desk note, in one line."""
    return " · ".join([*row.flags, *([row.desk_note] if row.desk_note else [])])


class DeskResultsModel(RowsTableModel):
    """Members matching the check-in search; a few rows, replaced on every keystroke."""

    COL_NAME = 0
    COL_PRONOUNS = 1
    COL_CODE = 2
    COL_LAST_VISIT = 3
    COL_DESK = 4
    COLUMN_COUNT = 5
    HEADERS = _HEADERS
    TRANSLATION_CONTEXT = _CONTEXT

    #: the member id of the row
    IdRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, today: Callable[[], dt.date], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today_of = today
        self._today = today()
        self._bold = QFont()
        self._bold.setBold(True)

    def set_base_font(self, font: QFont) -> None:
        """The view's font, so bold cells keep its size."""
        self._bold = QFont(font)
        self._bold.setBold(True)

    # -- rows ---------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[DeskRow]) -> None:
        """Show ``rows`` instead of the current results."""
        self._today = self._today_of()
        super().set_rows(rows)

    def row_key(self, row: DeskRow) -> int:
        return row.member_id

    def desk_row(self, row: int) -> DeskRow:
        return self._rows[row]

    # -- Qt model interface ---------------------------------------------------------------

    def cell(self, row: DeskRow, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == self.SortRole:
            return self._sort_value(row, column)
        if role == self.IdRole:
            return row.member_id
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_DESK and row.flags:
            return QColor(FLAG_COLOR)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(row, column)
        return None

    def _display(self, row: DeskRow, column: int) -> str:
        if column == self.COL_NAME:
            return full_name(row)
        if column == self.COL_PRONOUNS:
            return row.pronouns
        if column == self.COL_CODE:
            return row.code
        if column == self.COL_LAST_VISIT:
            return last_visit_text(row.last_visit, self._today)
        return desk_text(row)

    def _tooltip(self, row: DeskRow, column: int) -> str | None:
        if column == self.COL_LAST_VISIT and row.last_visit is not None:
            return short_date(row.last_visit, weekday=True)
        if column == self.COL_NAME:
            return f"{row.name} · {row.status_label}"
        if column == self.COL_DESK:
            return desk_text(row) or None
        return None

    def _sort_value(self, row: DeskRow, column: int) -> Any:
        if column == self.COL_NAME:
            return fold(f"{row.last_name}\x1f{row.first_name}")
        if column == self.COL_LAST_VISIT:
            return row.last_visit or dt.date.min
        return self._display(row, column)

    def _font(self, row: DeskRow, column: int) -> QFont | None:
        bold = column == self.COL_NAME or (column == self.COL_LAST_VISIT and row.checked_in_today)
        return self._bold if bold else None
