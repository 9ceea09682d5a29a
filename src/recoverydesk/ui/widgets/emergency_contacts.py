"""A small editable table of a member's emergency contacts, with Add and Remove buttons."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.members import EmergencyContact
from recoverydesk.domain.validation import MAX_EMERGENCY_CONTACTS
from recoverydesk.ui.widgets.controls import button_row, named_button

_HEADERS = ("Name", "Relationship", "Phone")
_VISIBLE_ROWS = 3
_PHONE_SAMPLE = "+44 7700 900123"


class EmergencyContactsEditor(QWidget):
    """Name, relationship and phone of up to five people to call; blank rows are ignored."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(_HEADERS), self)
        self.table.setAccessibleName("Emergency contacts")
        self.table.setHorizontalHeaderLabels(list(_HEADERS))
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(2, self.fontMetrics().horizontalAdvance(_PHONE_SAMPLE) + 16)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        rows = self.table.fontMetrics().height() + 10
        self.table.verticalHeader().setDefaultSectionSize(rows)
        self.table.setFixedHeight(
            self.table.horizontalHeader().sizeHint().height()
            + _VISIBLE_ROWS * rows
            + 2 * self.table.frameWidth()
        )
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = named_button("Add contact", parent=self, slot=self.add_row)
        self.remove_button = named_button("Remove contact", parent=self, slot=self.remove_row)
        self._build()
        self._update_buttons()

    def _build(self) -> None:
        buttons = button_row((self.add_button, self.remove_button))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def set_contacts(self, contacts: tuple[EmergencyContact, ...]) -> None:
        """Show ``contacts`` (replacing every row) without reporting an edit."""
        self.table.blockSignals(True)
        try:
            self.table.setRowCount(0)
            for contact in contacts:
                self._append((contact.name, contact.relationship, contact.phone))
        finally:
            self.table.blockSignals(False)
        self._update_buttons()

    def contacts(self) -> tuple[EmergencyContact, ...]:
        """The contacts typed, skipping rows left completely blank."""
        return tuple(EmergencyContact(*row) for row in self.snapshot() if any(row))

    def snapshot(self) -> tuple[tuple[str, str, str], ...]:
        """Every row's text as typed, blank rows included (to notice unsaved edits)."""
        return tuple(
            (self._text(r, 0), self._text(r, 1), self._text(r, 2))
            for r in range(self.table.rowCount())
        )

    def add_row(self) -> None:
        """Add an empty row and start typing its name."""
        if self.table.rowCount() >= MAX_EMERGENCY_CONTACTS:
            return
        self.table.blockSignals(True)
        row = self._append(("", "", ""))
        self.table.blockSignals(False)
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()
        self.table.editItem(self.table.item(row, 0))
        self._update_buttons()
        self.edited.emit()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        self._update_buttons()
        self.edited.emit()

    def _append(self, values: tuple[str, str, str]) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, value in enumerate(values):
            self.table.setItem(row, column, QTableWidgetItem(value))
        return row

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _on_item_changed(self, _item: QTableWidgetItem) -> None:
        self.edited.emit()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self.table.rowCount() < MAX_EMERGENCY_CONTACTS)
        self.remove_button.setEnabled(self.table.currentRow() >= 0)
