"""The front desk's two visit lists: who is in the building now, and a chosen day's visits.

Both read through ``VisitService`` and show ``VisitsTableModel`` rows; neither writes. The
buttons ask the pane (``check_out_requested`` …), which makes the change and announces it
with ``AppEvents.visits_changed``, whereupon both lists reload. A ``DatabaseError`` while
reading is handed to the pane (``failed``) and the rows shown are kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.errors import DatabaseError
from recoverydesk.domain.visits import DayCounts, VisitRow
from recoverydesk.services.visits import VisitService
from recoverydesk.ui.models.visits_model import VisitsTableModel
from recoverydesk.ui.widgets.controls import button_row, named_button
from recoverydesk.ui.widgets.list_table import setup_list_table
from recoverydesk.ui.widgets.paper_catch_up import EARLIEST, from_qdate, to_qdate

IN_BUILDING = "In the building"
VISITS = "Visits"
VISITS_ON = "Visits on"


def counts_text(counts: DayCounts) -> str:
    """'Visits 42 · Members 37 · Guests 5'."""
    return f"Visits {counts.visits} · Members {counts.unique_members} · Guests {counts.guests}"


def visits_table(
    model: VisitsTableModel, name: str, hidden: tuple[int, ...], parent: QWidget
) -> QTableView:
    """A read-only, row-selecting table of visits."""
    table = QTableView(parent)
    setup_list_table(table, name, model, row_padding=10)
    table.setShowGrid(False)
    for column in hidden:
        table.setColumnHidden(column, True)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    metrics = table.fontMetrics()
    for column, sample in (
        (model.COL_IN, "00:00"),
        (model.COL_OUT, "00:00"),
        (model.COL_CODE, "M1000000"),
        (model.COL_SOURCE, "Paper sheet"),
    ):
        header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
    header.setSectionResizeMode(model.COL_NAME, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(model.COL_PURPOSES, QHeaderView.ResizeMode.Stretch)
    return table


class InBuildingPanel(QWidget):
    """Today's open visits with Check out, Check out all… and Make member… (guests).

    Signals:
        check_out_requested: the selected visit (``VisitRow``).
        check_out_all_requested: closing time.
        guest_member_requested: the selected anonymous guest's visit (``VisitRow``).
        failed: a ``DatabaseError`` while reading.
    """

    check_out_requested = Signal(object)
    check_out_all_requested = Signal()
    guest_member_requested = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        visits: VisitService,
        local: Callable[[dt.datetime], dt.datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._visits = visits
        self.model = VisitsTableModel(local, self)
        hidden = (VisitsTableModel.COL_OUT, VisitsTableModel.COL_CODE, VisitsTableModel.COL_SOURCE)
        self.table = visits_table(self.model, IN_BUILDING, hidden, self)
        heading = QLabel(IN_BUILDING, self)
        heading.setBuddy(self.table)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.check_out_button = named_button("Chec&k out", parent=self)
        self.check_out_button.setToolTip("Check out the selected person (Alt+K)")
        self.check_out_all_button = named_button("Check out &all…", parent=self)
        self.check_out_all_button.setToolTip("Closing time: check out everyone (Alt+A)")
        self.make_member_button = named_button("Make member…", parent=self)
        self.make_member_button.setToolTip("Add the selected anonymous guest as a new person")
        self.check_out_button.clicked.connect(self._check_out)
        self.check_out_all_button.clicked.connect(self.check_out_all_requested)
        self.make_member_button.clicked.connect(self._make_member)
        left = (self.check_out_button, self.make_member_button)
        buttons = button_row(left, (self.check_out_all_button,))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def reload(self) -> None:
        """Read who is in now; keeps the selected visit selected."""
        selected = self.selected()
        try:
            rows = self._visits.in_building()
        except DatabaseError as error:
            self.failed.emit(error)
            return
        self.model.set_rows(rows)
        row = self.model.row_of(selected.visit_id) if selected else None
        if row is not None:
            self.table.selectRow(row)

    def selected(self) -> VisitRow | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.visit_row(index.row())

    def _check_out(self) -> None:
        row = self.selected()
        if row is not None:
            self.check_out_requested.emit(row)

    def _make_member(self) -> None:
        row = self.selected()
        if row is not None and row.is_guest:
            self.guest_member_requested.emit(row)

    def _update_buttons(self, *_args: object) -> None:
        row = self.selected()
        self.check_out_button.setEnabled(row is not None)
        self.make_member_button.setEnabled(row is not None and row.is_guest)
        self.check_out_all_button.setEnabled(self.model.rowCount() > 0)


class DayVisitsPanel(QWidget):
    """Every visit of one date (today by default), paged, with the day's counts.

    Signals:
        failed: a ``DatabaseError`` while reading.
    """

    failed = Signal(object)

    def __init__(
        self,
        visits: VisitService,
        local: Callable[[dt.datetime], dt.datetime],
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._visits = visits
        self._today = today
        self.model = VisitsTableModel(local, self)
        self.model.load_failed.connect(self.failed)
        self.table = visits_table(self.model, VISITS, (VisitsTableModel.COL_CODE,), self)
        self.date_edit = QDateEdit(self)
        self.date_edit.setAccessibleName(VISITS_ON)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        caption = QLabel(VISITS_ON, self)
        caption.setBuddy(self.date_edit)
        font = caption.font()
        font.setBold(True)
        caption.setFont(font)
        self.counts_label = QLabel(self)
        self.counts_label.setAccessibleName("Visit counts")
        top = QHBoxLayout()
        top.addWidget(caption)
        top.addWidget(self.date_edit)
        top.addStretch(1)
        top.addWidget(self.counts_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.update_range()
        self.date_edit.setDate(to_qdate(today()))
        self.date_edit.dateChanged.connect(lambda _d: self.reload())

    @property
    def day(self) -> dt.date:
        return from_qdate(self.date_edit.date())

    def set_day(self, day: dt.date) -> None:
        """Show ``day`` (reloads when it changes)."""
        self.update_range()
        self.date_edit.setDate(to_qdate(day))

    def update_range(self) -> None:
        """Up to today; a list showing today follows it past midnight."""
        today = self._today()
        old_today = from_qdate(self.date_edit.maximumDate())
        following = self.day == old_today
        self.date_edit.setDateRange(to_qdate(EARLIEST), to_qdate(today))
        if following and today != old_today:
            self.date_edit.setDate(to_qdate(today))

    def reload(self) -> None:
        day = self.day
        try:
            counts = self._visits.day_counts(day)
            self.model.set_loader(
                lambda limit, offset: self._visits.visits_on(day, limit=limit, offset=offset)
            )
        except DatabaseError as error:
            self.failed.emit(error)
            return
        self.counts_label.setText(counts_text(counts))
