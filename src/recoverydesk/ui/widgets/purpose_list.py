"""An editable, ordered list of visit purposes: Add, Remove, Move up, Move down.

Purposes are renamed in place (double-click or F2). A purpose just added is not a blank to
complain about while it is being typed, and Esc on it takes it away again. Keys work on
the list as well as the buttons: Insert, Delete, Ctrl+Up, Ctrl+Down. ``purpose_problem``
names the first thing wrong with a list (blank, too long, or there twice ignoring case
and accents, as check-in matches them) by its place, so nothing is dropped without a word.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.text import clean_text, fold
from recoverydesk.ui.widgets.controls import named_button

PURPOSE_MAX = 40
"""As ``VisitRulesService.save`` and the ``visit_purposes`` column allow."""
EDITOR_NAME = "Visit purpose"
_ROW_PADDING = 8
_VISIBLE_ROWS = 10  # the default nine and one more, without scrolling
_EDITABLE = (
    Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsEditable
    | Qt.ItemFlag.ItemIsDragEnabled
)


class PurposeListEditor(QWidget):
    """The list (``view``) with its buttons on the right.

    Signals:
        edited: a purpose was added, removed, moved or renamed.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._adding: QListWidgetItem | None = None
        self.view = _list_view()
        self.add_button = _button("&Add", "Add a visit purpose (Insert)")
        self.remove_button = _button("&Remove", "Remove the chosen purpose (Delete)")
        self.up_button = _button("Move &up", "Show the chosen purpose earlier (Ctrl+Up)")
        self.down_button = _button("Move &down", "Show the chosen purpose later (Ctrl+Down)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        buttons = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._connect()
        self._update_buttons()

    def set_purposes(self, purposes: Sequence[str]) -> None:
        self._adding = None
        self.view.clear()
        for purpose in purposes:
            self.view.addItem(_item(purpose))
        self.view.setCurrentRow(0)

    def purposes(self) -> tuple[str, ...]:
        """The list as shown, cleaned, blanks included (but not a new row still empty)."""
        items = (self.view.item(row) for row in range(self.view.count()))
        texts = ((item, clean_text(item.text())) for item in items)
        return tuple(text for item, text in texts if text or item is not self._adding)

    @Slot()
    def add_purpose(self) -> None:
        """A new, empty purpose after the chosen one, ready to type."""
        self.commit_open_edit()
        item = _item("")
        self._adding = item
        self.view.insertItem(self.view.currentRow() + 1, item)
        self.view.setCurrentItem(item)
        self.view.setFocus()
        self.view.editItem(item)

    @Slot()
    def remove_purpose(self) -> None:
        self.commit_open_edit()
        row = self.view.currentRow()
        if row >= 0:
            self.view.takeItem(row)
        self.view.setFocus()

    def move_purpose(self, step: int) -> None:
        """Move the chosen purpose ``step`` places (-1 earlier, +1 later)."""
        self.commit_open_edit()
        row = self.view.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.view.count():
            return
        item = self.view.takeItem(row)
        self.view.insertItem(target, item)
        self.view.setCurrentRow(target)
        self.view.setFocus()

    def commit_open_edit(self) -> None:
        """Finish an in-place edit, so its text is in the list (e.g. before saving)."""
        editor = self.view.indexWidget(self.view.currentIndex())
        if editor is not None:
            delegate = self.view.itemDelegate()
            delegate.commitData.emit(editor)
            delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _editor_closed(self, _editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Esc on a purpose just added and still empty takes it away again."""
        item, self._adding = self._adding, None
        cancelled = hint == QAbstractItemDelegate.EndEditHint.RevertModelCache
        if item is not None and cancelled and not clean_text(item.text()):
            self.view.takeItem(self.view.row(item))
        self.edited.emit()

    def _changed(self, *_args: object) -> None:
        self._update_buttons()
        self.edited.emit()

    def _update_buttons(self) -> None:
        row = self.view.currentRow()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.view.count() - 1)

    def _connect(self) -> None:
        model = self.view.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.rowsMoved, model.dataChanged):
            signal.connect(self._changed)
        self.view.itemDelegate().closeEditor.connect(self._editor_closed)
        self.view.currentRowChanged.connect(self._update_buttons)
        self.add_button.clicked.connect(self.add_purpose)
        self.remove_button.clicked.connect(self.remove_purpose)
        self.up_button.clicked.connect(lambda: self.move_purpose(-1))
        self.down_button.clicked.connect(lambda: self.move_purpose(1))
        for keys, slot in (
            ("Insert", self.add_purpose),
            ("Delete", self.remove_purpose),
            ("Ctrl+Up", lambda: self.move_purpose(-1)),
            ("Ctrl+Down", lambda: self.move_purpose(1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)


class _PurposeDelegate(QStyledItemDelegate):
    """Roomier rows, and in-place editing with the editor named for screen readers."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + _ROW_PADDING)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        editor.setAccessibleName(EDITOR_NAME)
        return editor


def purpose_problem(purposes: Sequence[str]) -> str:
    """The first problem in a list of purposes, naming its place ('' when all is well)."""
    if not purposes:
        return "At least one visit purpose is needed"
    seen: dict[str, int] = {}
    for place, purpose in enumerate(purposes, start=1):
        if not purpose:
            return f"Purpose {place} is blank: type a name or remove it"
        if len(purpose) > PURPOSE_MAX:
            return (
                f"Purpose {place} is {len(purpose)} characters long; "
                f"at most {PURPOSE_MAX} fit on the desk's buttons"
            )
        first = seen.setdefault(fold(purpose), place)
        if first != place:
            return f"“{purpose}” is in the list twice (purposes {first} and {place})"
    return ""


def _list_view() -> QListWidget:
    view = QListWidget()
    view.setItemDelegate(_PurposeDelegate(view))
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    view.setToolTip("Double-click or F2 to rename; drag or Ctrl+Up/Down to reorder")
    row_height = view.fontMetrics().height() + _ROW_PADDING
    view.setFixedHeight(row_height * _VISIBLE_ROWS + 2 * view.frameWidth())
    return view


def _item(text: str) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setFlags(_EDITABLE)
    return item


def _button(text: str, tip: str) -> QPushButton:
    return named_button(text, tip=tip)
