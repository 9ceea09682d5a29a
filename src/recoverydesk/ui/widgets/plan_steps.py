"""A goal's action steps as a small table: what, who, due and done, typed in place.

Typing in a cell starts editing it; Tab moves on to the next cell (the "Who" cell is a
combo box: Down picks the next choice) and Enter finishes. Ticking "Done" fills in today.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.plan_kinds import StepOwner
from recoverydesk.ui.models.plan_rows import StepsModel
from recoverydesk.ui.widgets.controls import button_row, named_button


class OwnerDelegate(QStyledItemDelegate):
    """Edits a step's owner with a combo box of "Me", "My peer", "Someone else"."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName("Who")
        for owner in StepOwner:
            combo.addItem(owner.label, owner.value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(found, 0))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class StepsTable(QWidget):
    """A goal's action steps in a small table, with Add step and Remove step."""

    def __init__(self, model: StepsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = QTableView(self)
        self.view.setAccessibleName("Steps")
        self.view.setModel(model)
        self.view.setItemDelegateForColumn(StepsModel.COL_OWNER, OwnerDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self._row_height = self.fontMetrics().height() + 12
        self.view.verticalHeader().setDefaultSectionSize(self._row_height)
        self._fit_columns()
        self.add_button = named_button("Add step", parent=self, slot=self.add_step)
        self.remove_button = named_button("Remove step", parent=self, slot=self.remove_step)
        buttons = button_row((self.add_button, self.remove_button))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        model.rowsInserted.connect(self._fit_height)
        model.rowsRemoved.connect(self._fit_height)
        model.modelReset.connect(self._fit_height)
        self._fit_height()

    def _fit_columns(self) -> None:
        header = self.view.horizontalHeader()
        metrics = self.fontMetrics()
        header.setSectionResizeMode(StepsModel.COL_WHAT, QHeaderView.ResizeMode.Stretch)
        for column, sample in (
            (StepsModel.COL_OWNER, "Someone else ▾"),
            (StepsModel.COL_DUE, "2026-12-31 · overdue"),
            (StepsModel.COL_DONE, "☐ 2026-12-31"),
        ):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        header.setStretchLastSection(False)

    def _fit_height(self) -> None:
        rows = max(self.model.rowCount(), 1)
        header = self.view.horizontalHeader().sizeHint().height()
        frame = 2 * self.view.frameWidth()
        self.view.setFixedHeight(header + rows * self._row_height + frame + 4)

    def set_read_only(self, read_only: bool) -> None:
        self.model.set_read_only(read_only)
        self.add_button.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)

    def add_step(self) -> None:
        """Add a blank step and start typing what it is."""
        row = self.model.add_row()
        index = self.model.index(row, StepsModel.COL_WHAT)
        self.view.setFocus()
        self.view.setCurrentIndex(index)
        self.view.edit(index)

    def remove_step(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.remove_row(index.row())
