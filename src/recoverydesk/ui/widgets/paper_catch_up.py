"""Paper catch-up: typing in a paper sign-in sheet after an outage, for a past date.

A checkable "Paper catch-up" button and a date picker (past dates only; yesterday by
default). While the mode is on, ``banner`` — a separate strip the pane puts where nobody
can miss it — says "Paper catch-up for Mon 9 Mar 2026", so nobody forgets they are in it
and records today's door on the wrong day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from recoverydesk.domain.visits import CheckInResult, VisitSource
from recoverydesk.ui.models.desk_results_model import short_date

TOGGLE_LABEL = "Paper catch-up"
DATE_LABEL = "Paper catch-up date"
EARLIEST = dt.date(2000, 1, 1)
_BANNER_STYLE = """
QFrame#paperBanner { background: #fff3e0; border: 2px solid #e65100; border-radius: 6px; }
QFrame#paperBanner QLabel { color: #4e2600; background: transparent; }
"""

_CHECKED_IN_AT = re.compile(r" checked in at \d{1,2}:\d{2}")


def paper_text(result: CheckInResult) -> str:
    """The service's sentence; for a paper-sheet visit the date, not a made-up time."""
    if result.visit.source is not VisitSource.PAPER:
        return result.message
    day = short_date(result.visit.visit_date, weekday=True)
    return _CHECKED_IN_AT.sub(f" recorded for {day} (paper sheet)", result.message, count=1)


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class PaperBanner(QFrame):
    """The strip that says which past date visits are being recorded for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paperBanner")
        self.setStyleSheet(_BANNER_STYLE)
        self.label = QLabel(self)
        self.label.setAccessibleName("Paper catch-up banner")
        self.label.setWordWrap(True)
        font = self.label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.label.setFont(font)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.label, 1)
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def set_day(self, day: dt.date) -> None:
        self.label.setText(
            f"✎ Paper catch-up for {short_date(day, weekday=True)} — "
            "visits typed now are recorded on that date, not today"
        )


class PaperCatchUp(QWidget):
    """The mode switch and its date.

    Signals:
        changed: the mode was turned on or off, or its date changed.
        date_entered: Enter was pressed in the date picker (go back to the search).
    """

    changed = Signal()
    date_entered = Signal()

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.banner = PaperBanner()
        self.toggle = QPushButton(TOGGLE_LABEL, self)
        self.toggle.setAccessibleName(TOGGLE_LABEL)
        self.toggle.setCheckable(True)
        self.toggle.setToolTip("Type in a paper sign-in sheet for a past date (Alt+P)")
        self.toggle.setShortcut("Alt+P")
        self.date_edit = QDateEdit(self)
        self.date_edit.setAccessibleName(DATE_LABEL)
        self.date_edit.setToolTip(DATE_LABEL)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.installEventFilter(self)
        self.reset_range()
        self.date_edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle)
        layout.addWidget(self.date_edit)
        self.toggle.toggled.connect(self._on_toggled)
        self.date_edit.dateChanged.connect(self._on_date)

    @property
    def active(self) -> bool:
        return self.toggle.isChecked()

    @property
    def day(self) -> dt.date:
        return from_qdate(self.date_edit.date())

    def reset_range(self) -> None:
        """Past dates only (up to yesterday), showing yesterday."""
        self.update_range()
        self.date_edit.setDate(self.date_edit.maximumDate())

    def update_range(self) -> None:
        """Up to yesterday; a date past that (the desk was left open overnight) moves back."""
        yesterday = self._today() - dt.timedelta(days=1)
        self.date_edit.setDateRange(to_qdate(EARLIEST), to_qdate(yesterday))

    def set_active(self, on: bool, day: dt.date | None = None) -> None:
        """Turn the mode on (for ``day``, default yesterday) or off."""
        if day is not None:
            self.date_edit.setDate(to_qdate(day))
        self.toggle.setChecked(on)

    def _on_toggled(self, on: bool) -> None:
        if on:
            self.update_range()
        self.date_edit.setEnabled(on)
        self.banner.set_day(self.day)
        self.banner.setVisible(on)
        if on:
            self.date_edit.setFocus()
        self.changed.emit()

    def _on_date(self, _day: QDate) -> None:
        self.banner.set_day(self.day)
        if self.active:
            self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.date_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.date_entered.emit()
                return True
        return super().eventFilter(watched, event)
