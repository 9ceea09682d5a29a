"""A small trend chart of a member's BARC-10 totals, drawn with QPainter.

One point per assessment, placed by date, joined by a line; a dashed line marks 47 (a
total at or above it was linked with lasting recovery). The chart also says what it
shows in words (accessible description and tooltip), so nobody needs to read the picture.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from recoverydesk.domain.barc10 import Barc10
from recoverydesk.domain.plan_kinds import BARC10_THRESHOLD

LOW, HIGH = 10, 60
TICKS = (10, 20, 30, 40, 50, 60)
LINE_COLOR = QColor("#3367d6")
THRESHOLD_COLOR = QColor("#2e7d32")
GRID_COLOR = QColor("#e4e4e4")
TEXT_COLOR = QColor("#555555")
EMPTY_TEXT = "No BARC-10 yet. The trend shows here after the first one."


class Barc10Chart(QWidget):
    """BARC-10 totals over time with the line at 47 marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[tuple[dt.date, int]] = []
        self.setAccessibleName("BARC-10 trend")
        self.setMinimumSize(300, 170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._describe()

    def sizeHint(self) -> QSize:
        return QSize(420, 190)

    @property
    def points(self) -> list[tuple[dt.date, int]]:
        """(date, total) of each assessment, oldest first."""
        return list(self._points)

    def set_history(self, history: Sequence[Barc10]) -> None:
        """Show ``history`` (any order)."""
        ordered = sorted(history, key=lambda b: (b.taken_on, b.id))
        self._points = [(b.taken_on, b.total) for b in ordered]
        self._describe()
        self.update()

    def summary(self) -> str:
        """The chart in words, e.g. '3 assessments: 38 (2025-09-21), … latest 44'."""
        if not self._points:
            return EMPTY_TEXT
        parts = ", ".join(f"{total} ({day.isoformat()})" for day, total in self._points)
        count = len(self._points)
        noun = "assessment" if count == 1 else "assessments"
        return f"{count} {noun}: {parts}. The dashed line marks {BARC10_THRESHOLD}."

    def _describe(self) -> None:
        self.setAccessibleDescription(self.summary())
        self.setToolTip(self.summary())

    # -- drawing --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.85)
        painter.setFont(font)
        area = self._plot_area(painter)
        self._draw_grid(painter, area)
        self._draw_threshold(painter, area)
        if self._points:
            self._draw_points(painter, area)
            self._draw_dates(painter, area)
        else:
            painter.setPen(TEXT_COLOR)
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(area.adjusted(10, 0, -10, 0), int(flags), EMPTY_TEXT)
        painter.end()

    def _plot_area(self, painter: QPainter) -> QRectF:
        metrics = painter.fontMetrics()
        left = metrics.horizontalAdvance("60") + 12
        top = metrics.height() // 2 + 6
        bottom = metrics.height() + 10
        right = metrics.horizontalAdvance(" 47 ") + 12
        return QRectF(self.rect()).adjusted(left, top, -right, -bottom)

    @staticmethod
    def _y(area: QRectF, value: float) -> float:
        return area.bottom() - (value - LOW) / (HIGH - LOW) * area.height()

    def _x(self, area: QRectF, day: dt.date) -> float:
        first, last = self._points[0][0], self._points[-1][0]
        span = (last - first).days
        if span == 0:
            return area.center().x()
        inset = min(18.0, area.width() / 10)
        return area.left() + inset + (day - first).days / span * (area.width() - 2 * inset)

    def _draw_grid(self, painter: QPainter, area: QRectF) -> None:
        metrics = painter.fontMetrics()
        for tick in TICKS:
            y = self._y(area, tick)
            painter.setPen(QPen(GRID_COLOR, 1))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(TEXT_COLOR)
            label = str(tick)
            x = area.left() - 6 - metrics.horizontalAdvance(label)
            painter.drawText(QPointF(x, y + metrics.ascent() / 2 - 1), label)

    def _draw_threshold(self, painter: QPainter, area: QRectF) -> None:
        y = self._y(area, BARC10_THRESHOLD)
        pen = QPen(THRESHOLD_COLOR, 1.6, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        metrics = painter.fontMetrics()
        painter.setPen(THRESHOLD_COLOR)
        painter.drawText(QPointF(area.right() + 6, y + metrics.ascent() / 2 - 1), "47")

    def _draw_points(self, painter: QPainter, area: QRectF) -> None:
        spots = [QPointF(self._x(area, day), self._y(area, total)) for day, total in self._points]
        painter.setPen(QPen(LINE_COLOR, 2))
        for start, end in zip(spots, spots[1:], strict=False):
            painter.drawLine(start, end)
        painter.setBrush(LINE_COLOR)
        for spot in spots:
            painter.drawEllipse(spot, 3.5, 3.5)
        painter.setPen(LINE_COLOR)
        threshold = self._y(area, BARC10_THRESHOLD)
        for spot, (_day, total) in zip(spots, self._points, strict=True):
            painter.drawText(
                self._label_rect(painter, area, spot, str(total), threshold),
                int(Qt.AlignmentFlag.AlignCenter),
                str(total),
            )

    @staticmethod
    def _label_rect(
        painter: QPainter, area: QRectF, spot: QPointF, text: str, threshold: float
    ) -> QRectF:
        """Where a point's total goes: above it, or below when that keeps the 47 line clear."""
        metrics = painter.fontMetrics()
        width, height = metrics.horizontalAdvance(text) + 4, metrics.height()
        left = min(max(spot.x() - width / 2, area.left()), area.right() - width)
        above = QRectF(left, spot.y() - 6 - height, width, height)
        below = QRectF(left, spot.y() + 6, width, height)
        for rect in (above, below):
            clear = not rect.top() - 1 <= threshold <= rect.bottom() + 1
            if clear and area.top() - 4 <= rect.top() and rect.bottom() <= area.bottom():
                return rect
        return above if above.top() >= area.top() - 4 else below

    def _draw_dates(self, painter: QPainter, area: QRectF) -> None:
        painter.setPen(TEXT_COLOR)
        metrics = painter.fontMetrics()
        y = area.bottom() + metrics.ascent() + 4
        first, last = self._points[0][0], self._points[-1][0]
        painter.drawText(QPointF(area.left(), y), _month(first))
        if last != first:
            text = _month(last)
            painter.drawText(QPointF(area.right() - metrics.horizontalAdvance(text), y), text)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _month(day: dt.date) -> str:
    return f"{_MONTHS[day.month - 1]} {day.year}"
