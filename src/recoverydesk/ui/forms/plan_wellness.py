"""The "Wellness plan" tab: the member's own words under each heading, and their people.

Every section is optional free text; the prompts under the headings are only there to
help start a conversation. The crisis plan (who to call, what helps, what doesn't) sits
together beside the support network.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.errors import FieldError
from recoverydesk.domain.plans import SECTION_HEADINGS, Support
from recoverydesk.ui.models.plan_rows import SupportsModel
from recoverydesk.ui.widgets.controls import button_row
from recoverydesk.ui.widgets.field_feedback import FieldBox

#: prompts shown in an empty section, in the second person (the member is reading too)
PROMPTS = {
    "strengths": "What are you good at? What do the people who know you like about you?",
    "when_well": "How do you feel, look and act on a good day?",
    "triggers": "People, places, dates or feelings that can set you back.",
    "warning_signs": "Small changes that tell you, or others, that things are slipping.",
    "coping_tools": "People, activities, places or words that help.",
    "daily_routine": "What a good day looks like, from morning to night.",
    "crisis_who": "Names and numbers of people to call (and anyone not to call).",
    "crisis_helps": "What others can do that helps.",
    "crisis_avoid": "What others should not do.",
}
LEFT = ("strengths", "when_well", "triggers", "warning_signs", "coping_tools", "daily_routine")
CRISIS = ("crisis_who", "crisis_helps", "crisis_avoid")
_SUPPORT_PATH = re.compile(r"^supports\[\d+\]")
_VISIBLE_SUPPORTS = 4


class WellnessEditor(QWidget):
    """The wellness sections as text boxes under their headings, and the support network.

    Signals:
        edited: something changed.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[str, QPlainTextEdit] = {}
        self.boxes: dict[str, FieldBox] = {}
        self.supports_model = SupportsModel(self)
        content = QWidget(self)
        grid = QGridLayout(content)
        grid.setHorizontalSpacing(24)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.addLayout(self._column(content, LEFT), 0, 0)
        right = self._column(content, (), heading="Crisis plan")
        for key in CRISIS:
            self._section(content, right, key)
        right.addWidget(self._supports(content))
        right.addStretch(1)
        grid.addLayout(right, 0, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(scroll)
        self.supports_model.edited.connect(self.edited.emit)

    def _column(self, parent: QWidget, keys: Sequence[str], heading: str = "") -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(4)
        if heading:
            title = QLabel(heading, parent)
            font = title.font()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.15)
            title.setFont(font)
            column.addWidget(title)
        for key in keys:
            self._section(parent, column, key)
        if keys:
            column.addStretch(1)
        return column

    def _section(self, parent: QWidget, column: QVBoxLayout, key: str) -> None:
        heading = SECTION_HEADINGS[key]
        label = QLabel(heading, parent)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        edit = QPlainTextEdit(parent)
        edit.setAccessibleName(heading)
        edit.setPlaceholderText(PROMPTS.get(key, ""))
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 14)
        edit.textChanged.connect(self.edited.emit)
        label.setBuddy(edit)
        box = FieldBox(edit, parent=parent)
        column.addWidget(label)
        column.addWidget(box)
        column.addSpacing(6)
        self.edits[key] = edit
        self.boxes[key] = box

    def _supports(self, parent: QWidget) -> QWidget:
        holder = QWidget(parent)
        title = QLabel("My support network", holder)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        hint = QLabel("People I can turn to: name, how we know each other, phone.", holder)
        hint.setStyleSheet("color: #555;")
        self.supports_view = QTableView(holder)
        self.supports_view.setAccessibleName("My support network")
        title.setBuddy(self.supports_view)
        self.supports_view.setModel(self.supports_model)
        self.supports_view.setTabKeyNavigation(False)
        self.supports_view.verticalHeader().hide()
        row = self.fontMetrics().height() + 12
        self.supports_view.verticalHeader().setDefaultSectionSize(row)
        header = self.supports_view.horizontalHeader()
        header.setSectionResizeMode(SupportsModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(
            SupportsModel.COL_RELATION, self.fontMetrics().horizontalAdvance("x" * 14)
        )
        header.resizeSection(
            SupportsModel.COL_PHONE, self.fontMetrics().horizontalAdvance("(555) 555-0100 ") + 16
        )
        self.supports_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.supports_view.setFixedHeight(
            header.sizeHint().height()
            + _VISIBLE_SUPPORTS * row
            + 2 * self.supports_view.frameWidth()
        )
        self.supports_box = FieldBox(self.supports_view, parent=holder)
        self.add_support_button = QPushButton("Add person", holder)
        self.add_support_button.setAccessibleName("Add person")
        self.add_support_button.clicked.connect(lambda _checked=False: self.add_support())
        self.remove_support_button = QPushButton("Remove person", holder)
        self.remove_support_button.setAccessibleName("Remove person")
        self.remove_support_button.clicked.connect(lambda _checked=False: self.remove_support())
        buttons = button_row((self.add_support_button, self.remove_support_button))
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.supports_box)
        layout.addLayout(buttons)
        return holder

    # -- values -----------------------------------------------------------------------------

    def fill(self, sections: Mapping[str, str], supports: Sequence[Support]) -> None:
        """Show ``sections`` and ``supports`` without reporting an edit."""
        self.blockSignals(True)
        try:
            for key, edit in self.edits.items():
                edit.setPlainText(sections.get(key, ""))
            self.supports_model.set_supports(supports)
        finally:
            self.blockSignals(False)

    def sections(self) -> dict[str, str]:
        return {key: edit.toPlainText() for key, edit in self.edits.items()}

    def supports(self) -> tuple[Support, ...]:
        return self.supports_model.supports()

    def snapshot(self) -> tuple[Any, ...]:
        return tuple(self.sections().values()) + (self.supports_model.snapshot(),)

    def adopt_ids(self, saved: Sequence[Support]) -> bool:
        """Give the rows the ids of ``saved``; False when blank rows were dropped."""
        rows = self.supports()
        if len(rows) != len(saved) or any(row.blank for row in rows):
            return False
        self.supports_model.set_ids([support.id for support in saved])
        return True

    def set_read_only(self, read_only: bool) -> None:
        for edit in self.edits.values():
            edit.setReadOnly(read_only)
        self.supports_model.set_read_only(read_only)
        self.add_support_button.setVisible(not read_only)
        self.remove_support_button.setVisible(not read_only)

    def add_support(self) -> None:
        """Add a blank person and start typing their name."""
        row = self.supports_model.add_row()
        index = self.supports_model.index(row, SupportsModel.COL_NAME)
        self.supports_view.setFocus()
        self.supports_view.setCurrentIndex(index)
        self.supports_view.edit(index)

    def remove_support(self) -> None:
        index = self.supports_view.currentIndex()
        if index.isValid():
            self.supports_model.remove_row(index.row())

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        """Show section problems under their boxes and support problems under the table."""
        for key, box in self.boxes.items():
            box.set_error("\n".join(e.message for e in errors if e.field == key))
        people = [
            e.message for e in errors if _SUPPORT_PATH.match(e.field) or e.field == "supports"
        ]
        self.supports_box.set_error("\n".join(people))

    def focus_first_error(self) -> bool:
        box = next((b for b in [*self.boxes.values(), self.supports_box] if b.message), None)
        if box is not None:
            box.target.setFocus()
        return box is not None
