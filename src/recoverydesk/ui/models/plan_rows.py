"""Editable little tables of the plan editor: a goal's action steps and the support network.

Both hold what was typed, as typed: a date that cannot be read yet stays in its cell as
text (the editor names it when saving), so nothing typed is ever lost. Rows keep the id
of the saved row they came from (None for a new one), so saved versions can be compared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from recoverydesk.domain.plan_kinds import StepOwner
from recoverydesk.domain.plans import Step, Support
from recoverydesk.domain.validation import parse_date
from recoverydesk.ui.models.rows_model import Index, RowsTableModel

OVERDUE_COLOR = QColor("#b3261e")
_EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable


@dataclass
class StepRow:
    """One action step as typed (dates as text, so unreadable ones are kept)."""

    what: str = ""
    owner: StepOwner = StepOwner.MEMBER
    due: str = ""
    done: str = ""
    id: int | None = None


@dataclass
class SupportRow:
    """One person in the support network, as typed."""

    name: str = ""
    relation: str = ""
    phone: str = ""
    id: int | None = None


class _EditableRows(RowsTableModel):
    """Rows of typed values with Add/Remove; emits ``edited`` after every change."""

    edited = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._read_only = False

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._read_only:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return _EDITABLE

    def add_row(self) -> int:
        """Append a blank row; returns its number."""
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(self._blank())
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove_row(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        self.edited.emit()

    def snapshot(self) -> tuple[tuple[object, ...], ...]:
        """Every row as typed, blank rows included (to notice unsaved edits)."""
        return tuple(astuple(row)[:-1] for row in self._rows)

    def set_ids(self, ids: Sequence[int | None]) -> None:
        """Give rows the ids they got when saved (same order, same count)."""
        for row, row_id in zip(self._rows, ids, strict=True):
            row.id = row_id

    def _changed(self, index: Index) -> bool:
        self.dataChanged.emit(
            index.siblingAtColumn(0), index.siblingAtColumn(len(self.HEADERS) - 1)
        )
        self.edited.emit()
        return True

    def _blank(self) -> Any:
        raise NotImplementedError


_STEPS = "StepsModel"


class StepsModel(_EditableRows):
    """A goal's action steps: what, who, due date and done date (ticking Done fills today)."""

    COL_WHAT = 0
    COL_OWNER = 1
    COL_DUE = 2
    COL_DONE = 3
    HEADERS = (
        QT_TRANSLATE_NOOP(_STEPS, "Step"),
        QT_TRANSLATE_NOOP(_STEPS, "Who"),
        QT_TRANSLATE_NOOP(_STEPS, "Due"),
        QT_TRANSLATE_NOOP(_STEPS, "Done"),
    )
    TRANSLATION_CONTEXT = _STEPS
    #: True when the step is overdue (not done, due before today, goal still open)
    OverdueRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, today: Callable[[], dt.date], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._goal_open = True
        self._rows: list[StepRow] = []

    def _blank(self) -> StepRow:
        return StepRow()

    def set_steps(self, steps: Sequence[Step]) -> None:
        self.set_rows(_step_row(step) for step in steps)

    def rows(self) -> list[StepRow]:
        """Copies of the rows as typed."""
        return [StepRow(*astuple(row)) for row in self._rows]

    def set_goal_open(self, is_open: bool) -> None:
        """A goal that is achieved, paused or stopped flags no overdue steps."""
        if is_open != self._goal_open:
            self._goal_open = is_open
            if self._rows:
                last = self.index(len(self._rows) - 1, self.COL_DONE)
                self.dataChanged.emit(self.index(0, 0), last)

    def is_overdue(self, row: int) -> bool:
        step = self._rows[row]
        if not self._goal_open or step.done.strip():
            return False
        due = _date_or_none(step.due)
        return due is not None and due < self._today()

    def overdue_count(self) -> int:
        return sum(self.is_overdue(row) for row in range(len(self._rows)))

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.COL_DONE and not self._read_only:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        step: StepRow | None = self.row_at(index)
        if step is None:
            return None
        column, overdue = index.column(), self.is_overdue(index.row())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(step, column, overdue)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(step, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COL_DONE:
            return Qt.CheckState.Checked if step.done.strip() else Qt.CheckState.Unchecked
        if role == self.OverdueRole:
            return overdue
        if overdue and column == self.COL_DUE:
            return self._overdue_style(role)
        return None

    def _display(self, step: StepRow, column: int, overdue: bool) -> str:
        if column == self.COL_OWNER:
            return step.owner.label
        if column == self.COL_DUE and overdue:
            return f"{step.due.strip()} · overdue"
        return str(self._edit_value(step, column))

    def _edit_value(self, step: StepRow, column: int) -> str:
        values = (step.what, step.owner.value, step.due, step.done)
        return values[column] if 0 <= column < len(values) else ""

    @staticmethod
    def _overdue_style(role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(OVERDUE_COLOR)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Overdue: past its due date and not done yet"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        step: StepRow | None = self.row_at(index)
        if step is None or self._read_only:
            return False
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COL_DONE:
            checked = _check_state(value) == Qt.CheckState.Checked
            step.done = (step.done.strip() or self._today().isoformat()) if checked else ""
            return self._changed(index)
        if role != Qt.ItemDataRole.EditRole:
            return False
        text = "" if value is None else str(value)
        if column == self.COL_OWNER:
            try:
                step.owner = StepOwner(text)
            except ValueError:
                return False
        else:
            setattr(step, ("what", "owner", "due", "done")[column], text)
        return self._changed(index)


_SUPPORTS = "SupportsModel"


class SupportsModel(_EditableRows):
    """The member's support network: name, relation, phone."""

    COL_NAME = 0
    COL_RELATION = 1
    COL_PHONE = 2
    HEADERS = (
        QT_TRANSLATE_NOOP(_SUPPORTS, "Name"),
        QT_TRANSLATE_NOOP(_SUPPORTS, "Relation"),
        QT_TRANSLATE_NOOP(_SUPPORTS, "Phone"),
    )
    TRANSLATION_CONTEXT = _SUPPORTS
    _FIELDS = ("name", "relation", "phone")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SupportRow] = []

    def _blank(self) -> SupportRow:
        return SupportRow()

    def set_supports(self, supports: Sequence[Support]) -> None:
        self.set_rows(SupportRow(s.name, s.relation, s.phone, s.id) for s in supports)

    def supports(self) -> tuple[Support, ...]:
        """The rows as ``Support`` values (blank ones included; the service drops them)."""
        return tuple(Support(r.name, r.relation, r.phone, r.id) for r in self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        support: SupportRow | None = self.row_at(index)
        if support is None or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        return getattr(support, self._FIELDS[index.column()])

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        support: SupportRow | None = self.row_at(index)
        if support is None or self._read_only or role != Qt.ItemDataRole.EditRole:
            return False
        setattr(support, self._FIELDS[index.column()], "" if value is None else str(value))
        return self._changed(index)


def _step_row(step: Step) -> StepRow:
    due = step.due_on.isoformat() if step.due_on else ""
    done = step.done_on.isoformat() if step.done_on else ""
    return StepRow(step.what, step.owner, due, done, step.id)


def _date_or_none(text: str) -> dt.date | None:
    try:
        return parse_date(text)
    except ValueError:
        return None


def _check_state(value: Any) -> Qt.CheckState:
    if isinstance(value, Qt.CheckState):
        return value
    try:
        return Qt.CheckState(int(value))
    except (TypeError, ValueError):
        return Qt.CheckState.Unchecked
