"""Pick the member to start a plan with: type a few letters of a name or a member code.

The search is ``MemberService.search`` (indexed, accent-insensitive). Enter takes the
highlighted member (the first match until the arrow keys pick another).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.services.members import MemberService
from recoverydesk.ui.widgets.controls import single_shot

RESULTS = 30
SEARCH_DELAY_MS = 120


class _SearchLine(QLineEdit):
    """The search box: Up and Down move through the matches below it."""

    def __init__(self, results: QListWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._results = results

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self._results.count():
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = min(max(self._results.currentRow() + step, 0), self._results.count() - 1)
            self._results.setCurrentRow(row)
            return
        super().keyPressEvent(event)


class StartPlanDialog(QDialog):
    """A member search and its matches; accepted with the member chosen."""

    def __init__(self, members: MemberService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Start a plan")
        self._members = members
        intro = QLabel("Who is the plan for? Type part of their name or their member code.")
        intro.setWordWrap(True)
        self.results = QListWidget(self)
        self.results.setAccessibleName("Matching members")
        self.search = _SearchLine(self.results, self)
        self.search.setAccessibleName("Find member")
        self.search.setPlaceholderText("Name or member code")
        caption = QLabel("Find member", self)
        caption.setBuddy(self.search)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Open plan")
        ok.setAccessibleName("Open plan")
        self.buttons.accepted.connect(self._accept_if_chosen)
        self.buttons.rejected.connect(self.reject)
        self.results.itemActivated.connect(lambda _item: self._accept_if_chosen())
        self._timer = single_shot(self, SEARCH_DELAY_MS, self.run_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(caption)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(460, 420)
        self.run_search()

    def run_search(self) -> None:
        """Show the members matching what is typed (the first one highlighted)."""
        self._timer.stop()
        try:
            page = self._members.search(self.search.text(), limit=RESULTS)
        except RecoveryDeskError as error:
            self.problem.setText(str(error))
            return
        self.problem.clear()
        self.results.clear()
        for row in page.rows:
            item = QListWidgetItem(f"{row.display_name}  ·  {row.code}", self.results)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
        if self.results.count():
            self.results.setCurrentRow(0)
        else:
            self.problem.setText("Nobody matches. Check the spelling or try the member code.")

    def chosen(self) -> int | None:
        """The id of the member highlighted, or None."""
        item = self.results.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _accept_if_chosen(self) -> None:
        if self._timer.isActive():
            self.run_search()
        if self.chosen() is not None:
            self.accept()

    @classmethod
    def ask(cls, members: MemberService, parent: QWidget | None = None) -> int | None:
        """The id of the member chosen; None when cancelled."""
        dialog = cls(members, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
