"""A grid of check boxes for choosing several of a few fixed options (e.g. pathways)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QWidget


class ChoiceChecks(QWidget):
    """One check box per choice, laid out in ``columns`` columns; values are choice keys."""

    toggled = Signal()

    def __init__(
        self,
        choices: Sequence[tuple[str, str]],
        accessible_name: str,
        columns: int = 2,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self._boxes: dict[str, QCheckBox] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(16)
        for number, (value, label) in enumerate(choices):
            box = QCheckBox(label, self)
            box.setAccessibleName(label)
            box.toggled.connect(self.toggled)
            self._boxes[value] = box
            layout.addWidget(box, number // columns, number % columns)

    @property
    def boxes(self) -> list[QCheckBox]:
        return list(self._boxes.values())

    def box(self, value: str) -> QCheckBox:
        return self._boxes[value]

    def values(self) -> frozenset[str]:
        """The keys of the ticked choices."""
        return frozenset(value for value, box in self._boxes.items() if box.isChecked())

    def set_values(self, values: Iterable[str]) -> None:
        wanted = set(values)
        for value, box in self._boxes.items():
            box.setChecked(value in wanted)
