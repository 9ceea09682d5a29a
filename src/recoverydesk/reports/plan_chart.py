"""The small BARC-10 trend on a plan handout: a line of totals, 47 marked, and a sentence.

The words are for the member, not for a clinician: "Your recovery capital score: 41 on
1 February 2026, up from 33." The chart shows the latest few totals on a 10-60 scale,
dates along the bottom, and a dashed line at 47 (a total of 47 or more was associated
with lasting recovery; Vilsaint et al. 2017).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
from reportlab.lib.colors import Color, black
from reportlab.pdfbase.pdfmetrics import stringWidth

from recoverydesk.domain.plan_kinds import BARC10_THRESHOLD
from recoverydesk.reports.fonts import FontSet
from recoverydesk.reports.page import MONTHS

LOWEST, HIGHEST = 10, 60
MOST_POINTS = 8
LINE = Color(0.13, 0.36, 0.55)
GRID = Color(0.85, 0.85, 0.85)
MARK = Color(0.2, 0.5, 0.25)
Point = tuple[dt.date, int]


def day_text(day: dt.date) -> str:
    """``1 February 2026``: the same whatever the machine's language."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _short_day(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def score_sentence(points: Sequence[Point]) -> str:
    """One plain sentence about the latest total and the one before it."""
    day, total = points[-1]
    sentence = f"Your recovery capital score: {total} on {day_text(day)}"
    if len(points) < 2:
        return sentence + "."
    before = points[-2][1]
    if total == before:
        return f"{sentence}, the same as last time."
    return f"{sentence}, {'up' if total > before else 'down'} from {before}."


SCALE_NOTE = (
    f"Scores run from {LOWEST} to {HIGHEST}; higher means more going for your recovery. "
    f"The dashed line is {BARC10_THRESHOLD}: scores at or above it often go with "
    "lasting recovery."
)


class _Plot:
    """Where totals and dates land inside the drawing (labels need room on every side)."""

    def __init__(self, points: Sequence[Point], width: float, height: float, size: float):
        self.points = points
        self.left = size * 2.2
        self.right = width - size * 2.2
        self.bottom = size * 2.2
        self.top = height - size * 1.6
        # Room at each end so that the first and last dates are not cut off.
        self.pad = size * 3.5
        self.first = points[0][0]
        self.span = max((points[-1][0] - self.first).days, 1)

    def x(self, day: dt.date) -> float:
        share = (day - self.first).days / self.span
        return self.left + self.pad + share * (self.right - self.left - 2 * self.pad)

    def y(self, value: float) -> float:
        share = (value - LOWEST) / (HIGHEST - LOWEST)
        return self.bottom + share * (self.top - self.bottom)


def trend_chart(
    points: Sequence[Point], fonts: FontSet, width: float, *, large: bool = False
) -> Drawing:
    """The last few totals as a line over dates, with the 47 line dashed and labelled."""
    shown = list(points)[-MOST_POINTS:]
    size = 16.0 if large else 8.5
    height = 230.0 if large else 135.0
    drawing = Drawing(width, height)
    plot = _Plot(shown, width, height, size)
    _grid(drawing, plot, fonts, size)
    _threshold(drawing, plot, fonts, size)
    _line(drawing, plot, fonts, size, large)
    _dates(drawing, plot, fonts, size)
    return drawing


def _grid(drawing: Drawing, plot: _Plot, fonts: FontSet, size: float) -> None:
    for value in range(LOWEST, HIGHEST + 1, 10):
        y = plot.y(value)
        drawing.add(Line(plot.left, y, plot.right, y, strokeColor=GRID, strokeWidth=0.6))
        label = String(plot.left - size * 0.4, y - size * 0.35, str(value), textAnchor="end")
        _style(label, fonts.regular, size, Color(0.4, 0.4, 0.4))
        drawing.add(label)


def _threshold(drawing: Drawing, plot: _Plot, fonts: FontSet, size: float) -> None:
    y = plot.y(BARC10_THRESHOLD)
    line = Line(plot.left, y, plot.right, y, strokeColor=MARK, strokeWidth=1.2)
    line.strokeDashArray = [5, 3]
    drawing.add(line)
    label = String(plot.right + size * 0.4, y - size * 0.35, str(BARC10_THRESHOLD))
    _style(label, fonts.bold, size, MARK)
    drawing.add(label)


def _line(drawing: Drawing, plot: _Plot, fonts: FontSet, size: float, large: bool) -> None:
    coords = [(plot.x(day), plot.y(total)) for day, total in plot.points]
    flat = [value for xy in coords for value in xy]
    drawing.add(PolyLine(flat, strokeColor=LINE, strokeWidth=3 if large else 2))
    for (x, y), (_, total) in zip(coords, plot.points, strict=True):
        drawing.add(Circle(x, y, 4.5 if large else 3, fillColor=LINE, strokeColor=LINE))
        label = String(x, _label_y(plot, y, size), str(total), textAnchor="middle")
        _style(label, fonts.bold, size, black)
        drawing.add(label)


def _label_y(plot: _Plot, y: float, size: float) -> float:
    """Above the point, or below it when the label would sit on the dashed line."""
    line = plot.y(BARC10_THRESHOLD)
    above = y + size * 0.6
    if above - size * 0.2 < line < above + size * 1.1:
        return y - size * 1.4
    return above


def _dates(drawing: Drawing, plot: _Plot, fonts: FontSet, size: float) -> None:
    """Dates under the points; where they would overlap, the later one wins."""
    kept_left = float("inf")
    for day, _ in reversed(plot.points):
        text = _short_day(day)
        half = stringWidth(text, fonts.regular, size) / 2
        x = plot.x(day)
        if x + half + size > kept_left:
            continue
        label = String(x, plot.bottom - size * 1.5, text, textAnchor="middle")
        _style(label, fonts.regular, size, black)
        drawing.add(label)
        kept_left = x - half


def _style(label: String, font: str, size: float, color: Color) -> None:
    label.fontName = font
    label.fontSize = size
    label.fillColor = color
