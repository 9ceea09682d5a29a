"""What the table tabs of the Admin pane share (Users, Backups, Audit trail).

``AdminTab`` gives each tab its status line (green when something was done, red when
not), slow work run off the UI thread with one operation at a time (``busy``), and the
layout: heading, then the tab's own parts, a row of buttons ending in the status line,
and the table. ``records_table`` builds the read-only, one-row-at-a-time table they show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QItemSelection, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.container import Services
from recoverydesk.ui.errors import handle_error
from recoverydesk.ui.forms.saved_form import heading
from recoverydesk.ui.operations import Operation, run_operation
from recoverydesk.ui.widgets.list_table import read_only_rows

DONE_STYLE = "color: #2e7d32; font-weight: bold;"
FAILED_STYLE = "color: #c62828; font-weight: bold;"


class AdminTab(QWidget):
    """A tab of the Admin pane: a status line, one slow operation at a time, the layout.

    Subclasses enable their buttons in ``_update_buttons`` (called when the selection
    changes and when an operation starts or ends) and may say more in ``_failed``.
    """

    def __init__(self, services: Services, status_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._operation: Operation | None = None
        self.status = QLabel()
        self.status.setAccessibleName(status_name)

    @property
    def busy(self) -> bool:
        """True while an operation of this tab runs."""
        return self._operation is not None and self._operation.running

    def _say(self, text: str, style: str) -> None:
        """Show ``text`` on the status line in ``style`` (``DONE_STYLE``, ``FAILED_STYLE``)."""
        self.status.setText(text)
        self.status.setStyleSheet(style)

    def _start(
        self, work: Callable[[], Any], on_success: Callable[[Any], object], label: str
    ) -> None:
        """Run ``work`` off the UI thread with a progress dialog, unless one already runs."""
        if self.busy:
            return
        self._say("", "")
        self._operation = run_operation(
            work,
            on_success=on_success,
            on_error=self._failed,
            parent=self,
            label=label,
        )
        self._operation.finished.connect(self._update_buttons)
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        handle_error(self, error)

    def _update_buttons(self) -> None:
        """Enable the buttons that can act now."""

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _layout(self, title: str) -> QVBoxLayout:
        """The tab's layout, holding its heading."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        layout.addWidget(heading(title))
        return layout

    def _button_row(self, buttons: Iterable[QPushButton]) -> QHBoxLayout:
        """``buttons`` side by side, then the status line taking the rest of the row."""
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addSpacing(12)
        row.addWidget(self.status, 1)
        return row


def records_table(
    model: QAbstractItemModel, name: str, padding: int = 10, min_section: int = 0
) -> QTableView:
    """A read-only table that selects one whole row; its last column stretches.

    With ``min_section`` (a least width) the columns fit their contents.
    """
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    read_only_rows(table)
    table.verticalHeader().setVisible(False)
    # room around the numbers and dates, which ResizeToContents would otherwise crowd
    table.setStyleSheet(f"QTableView::item {{ padding: 0 {padding}px; }}")
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    if min_section:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(min_section)
    return table
