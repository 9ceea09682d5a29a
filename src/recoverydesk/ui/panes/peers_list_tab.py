"""The shared shape of the Peers pane's list tabs: a filter line, a lazy table, buttons.

``ListTab`` debounces the filter as the person types, keeps the selected row across
refreshes, reports its row count for the tab's title (and on its count line, in the tab's
``COUNT_TEXTS``), and leaves to each tab what its buttons do, what its empty list says and
what the signed-in role may see.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from recoverydesk.services.container import Services
from recoverydesk.ui.models.paged_model import PagedRowsModel
from recoverydesk.ui.widgets.controls import button_row, named_button, single_shot
from recoverydesk.ui.widgets.peer_actions import PeerActions
from recoverydesk.ui.widgets.peer_table import PagedTableView

SEARCH_DELAY_MS = 150


class ListTab(QWidget):
    """A filter line, a lazy table, a count and a row of buttons.

    Signals:
        count_changed: how many rows match now (for the tab's title).
    """

    count_changed = Signal(int)

    #: what the count line says for one row and for ``{total}`` rows (None: no count line)
    COUNT_TEXTS: tuple[str, str] | None = None

    def __init__(
        self,
        services: Services,
        actions: PeerActions,
        model: PagedRowsModel,
        table: tuple[str, dict[int, str], int],
        search_label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._access = services.access
        self.actions = actions
        self.model = model
        name, samples, stretch = table
        self.search = QLineEdit(self)
        self.search.setAccessibleName(search_label)
        self.search.setPlaceholderText(search_label)
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.table = PagedTableView(model, name, samples, stretch, self)
        self.filters = QHBoxLayout()
        self.filters.addWidget(self.search, 1)
        self.buttons = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        self._timer = single_shot(self, SEARCH_DELAY_MS, self.apply_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.apply_search)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.update_buttons())
        self.table.row_activated.connect(lambda _row: self.activate())
        model.total_changed.connect(self._on_total)
        model.modelReset.connect(self.update_buttons)

    def button(self, text: str, slot: Callable[[], object], tip: str = "") -> QPushButton:
        return named_button(text, slot, self, tip)

    def set_buttons(self, left: Sequence[QWidget], right: Sequence[QWidget]) -> None:
        """Lay out the row of buttons: ``left`` ones, a gap, then ``right`` ones."""
        self.buttons.addLayout(button_row(left, right))

    def apply_search(self) -> None:
        """Filter by what is typed now (the debounce timer ends here)."""
        self._timer.stop()
        self.model.set_query(self.search.text())
        self.update_empty_text()

    def refresh(self) -> None:
        """Run the query again, keeping the selected row and what is typed."""
        self.table.refresh_keeping_selection()
        self.update_empty_text()
        self.update_buttons()

    def selected_row(self) -> int | None:
        return self.table.current_row()

    def update_buttons(self) -> None:
        """Enable what the selection allows (subclasses)."""

    def update_empty_text(self) -> None:
        """Say why the list is empty (subclasses)."""

    def apply_permissions(self) -> None:
        """Show only what the signed-in role may do (subclasses)."""

    def _on_total(self, total: int) -> None:
        if self.COUNT_TEXTS is not None:
            one, many = self.COUNT_TEXTS
            self.count_label.setText(
                "" if total == 0 else one if total == 1 else many.format(total=total)
            )
        self.count_changed.emit(total)

    def activate(self) -> None:
        """The main action of the selected row (double-click or Enter); subclasses."""

    def filtered(self) -> bool:
        return bool(self.search.text().strip())
