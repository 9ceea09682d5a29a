"""The check-in search: a big line to type or scan into, and the people it matches.

Results follow every keystroke (``FrontDeskService.find`` is indexed; a 10 ms timer only
folds a scanner's burst of keys into one query). The keyboard never has to leave the line:
Up/Down/Page Up/Page Down move the highlighted result, Enter asks for a check-in
(``entered``), Escape clears. The results table never takes focus, even when clicked.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.errors import DatabaseError
from recoverydesk.domain.visits import DeskRow
from recoverydesk.services.front_desk import FrontDeskService
from recoverydesk.ui.models.desk_results_model import DeskResultsModel
from recoverydesk.ui.widgets.controls import single_shot
from recoverydesk.ui.widgets.list_table import setup_list_table

SEARCH_NAME = "Check-in search"
RESULTS_NAME = "Check-in results"
PLACEHOLDER = "Type a name, member code or last 4 phone digits — Enter checks in"
REFRESH_MS = 10
RESULT_LIMIT = 12
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_MOVES = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -5, Qt.Key.Key_PageDown: 5}
_COLUMN_SAMPLES = {
    DeskResultsModel.COL_PRONOUNS: "they/them",
    DeskResultsModel.COL_CODE: "M1000000",
    DeskResultsModel.COL_LAST_VISIT: "10 Mar 2026",
}


class CheckInBox(QWidget):
    """Search line + results; says what was asked for and lets the pane do it.

    ``search`` is not in this widget's layout: the pane puts it where it wants (above the
    message line), and keyboard handling works wherever it sits.

    Signals:
        entered: Enter was pressed on this text (results are up to date with it).
        activated: a result was double-clicked.
        make_member_requested: "Make member" on a guest result.
        failed: a ``DatabaseError`` while searching; the results shown are kept.
    """

    entered = Signal(str)
    activated = Signal(object)
    make_member_requested = Signal(object)
    failed = Signal(object)

    def __init__(
        self, front_desk: FrontDeskService, model: DeskResultsModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._front_desk = front_desk
        self.model = model
        self._navigated = False
        self._timer = single_shot(self, REFRESH_MS, self._search_typed)
        self._build()
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.results.selectionModel().currentRowChanged.connect(self._update_actions)
        self.model.modelReset.connect(self._update_actions)
        self._update_actions()

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setAccessibleName(SEARCH_NAME)
        self.search.setPlaceholderText(PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        font = self.search.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        self.search.setFont(font)
        self.set_paper_mode(False)
        self.search.installEventFilter(self)
        self.count_label = QLabel(self)
        self.count_label.setStyleSheet("color: #546e7a;")
        self.make_member_button = QPushButton("Make member", self)
        self.make_member_button.setAccessibleName("Make member")
        self.make_member_button.setToolTip(
            "Make the highlighted guest a member (Alt+M); their visits stay theirs"
        )
        self.make_member_button.setShortcut("Alt+M")
        self.make_member_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.make_member_button.clicked.connect(self._make_member)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        actions.addWidget(self.make_member_button)
        layout = QVBoxLayout(self)  # the search line is placed by the pane, above its feedback
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._build_results(), 1)
        layout.addLayout(actions)

    def _build_results(self) -> QTableView:
        table = self.results = QTableView(self)
        setup_list_table(table, RESULTS_NAME, self.model, row_padding=14)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the search line
        table.setShowGrid(False)
        font = table.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        table.setFont(font)
        self.model.set_base_font(font)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 14)
        palette = table.palette()  # the highlight must show while focus is in the search
        for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
            palette.setColor(
                QPalette.ColorGroup.Inactive, role, palette.color(QPalette.ColorGroup.Active, role)
            )
        table.setPalette(palette)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        table.doubleClicked.connect(self._double_clicked)
        self._size_columns(table.horizontalHeader())
        return table

    def _size_columns(self, header: QHeaderView) -> None:
        metrics = self.results.fontMetrics()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(metrics.horizontalAdvance("Code") + 24)
        for column, sample in _COLUMN_SAMPLES.items():
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        for column in (DeskResultsModel.COL_NAME, DeskResultsModel.COL_DESK):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)

    # -- state ----------------------------------------------------------------------------

    def text(self) -> str:
        return self.search.text()

    @property
    def navigated(self) -> bool:
        """True when the highlight was moved by hand since the text last changed."""
        return self._navigated

    def highlighted(self) -> DeskRow | None:
        index = self.results.selectionModel().currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.desk_row(index.row())

    def clear_search(self) -> None:
        """Empty the line and the results; focus stays (or goes) in the line."""
        self.search.clear()
        self._timer.stop()  # clear() started it; the results are emptied right here
        self._show_rows([], keep=None)
        self.search.setFocus()

    def set_paper_mode(self, on: bool) -> None:
        """An orange border while visits go to a past date (the banner says which)."""
        border, focus = ("#e65100", "#e65100") if on else ("#78909c", "#1565c0")
        self.search.setStyleSheet(
            f"QLineEdit {{ padding: 6px 10px; border: 2px solid {border}; border-radius: 6px;"
            f" background: white; }} QLineEdit:focus {{ border-color: {focus}; }}"
        )

    def flush(self) -> None:
        """Bring the results up to date with the text now (before acting on them)."""
        if self._timer.isActive():
            self._search_typed()

    def refresh(self) -> None:
        """Search again for the same text (data changed); keeps the highlighted person."""
        self._timer.stop()
        current = self.highlighted()
        self._search(keep=current.member_id if current else None)

    # -- searching ------------------------------------------------------------------------

    def _search_typed(self) -> None:
        self._timer.stop()
        self._navigated = False
        self._search(keep=None)

    def _search(self, keep: int | None) -> None:
        try:
            rows = self._front_desk.find(self.search.text(), limit=RESULT_LIMIT)
        except DatabaseError as error:
            self.failed.emit(error)
            return
        self._show_rows(rows, keep)

    def _show_rows(self, rows: list[DeskRow], keep: int | None) -> None:
        self.model.set_rows(rows)
        row = self.model.row_of(keep) if keep is not None else None
        self._highlight(row if row is not None else 0)
        count = len(rows)
        more = "+" if count >= RESULT_LIMIT else ""
        self.count_label.setText(
            ""
            if not self.search.text().strip()
            else "Nobody found — Enter adds a new person"
            if not count
            else f"{count}{more} found — ↑ ↓ to choose, Enter checks in"
        )

    def _highlight(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            self.results.selectionModel().clearCurrentIndex()
            self.results.selectionModel().clearSelection()
            return
        index = self.model.index(row, 0)
        self.results.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.results.scrollTo(index)

    def _move(self, step: int) -> None:
        self.flush()
        count = self.model.rowCount()
        if not count:
            return
        current = self.results.selectionModel().currentIndex()
        row = current.row() + step if current.isValid() else 0
        self._highlight(max(0, min(count - 1, row)))
        self._navigated = True

    # -- keys and clicks --------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                return super().eventFilter(watched, event)
            return self._key(Qt.Key(event.key())) or super().eventFilter(watched, event)
        return super().eventFilter(watched, event)

    def _key(self, key: Qt.Key) -> bool:
        if key in _MOVES:
            self._move(_MOVES[key])
            return True
        if key in _ENTER:
            self.flush()
            self.entered.emit(self.search.text())
            return True
        if key == Qt.Key.Key_Escape and self.search.text():
            self.clear_search()
            return True
        return False

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activated.emit(self.model.desk_row(index.row()))
        self.search.setFocus()

    def _context_menu(self, pos: QPoint) -> None:
        index = self.results.indexAt(pos)
        if not index.isValid():
            return
        self._highlight(index.row())
        self._navigated = True
        row = self.model.desk_row(index.row())
        menu = QMenu(self)
        menu.addAction("Check in", lambda: self.activated.emit(row))
        make = menu.addAction("Make member", lambda: self.make_member_requested.emit(row))
        make.setEnabled(_is_guest(row))
        menu.popup(self.results.viewport().mapToGlobal(pos))

    def _make_member(self) -> None:
        row = self.highlighted()
        if row is not None and _is_guest(row):
            self.make_member_requested.emit(row)
        self.search.setFocus()

    def _update_actions(self, *_args: object) -> None:
        row = self.highlighted()
        self.make_member_button.setEnabled(row is not None and _is_guest(row))


def _is_guest(row: DeskRow) -> bool:
    return row.is_guest
