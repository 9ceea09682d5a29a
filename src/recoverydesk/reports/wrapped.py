"""Free text in any script, wrapped to the frame and split cleanly across pages.

``reports.text`` draws one line; this module breaks a member's free text into lines
first (in logical order, at spaces, or between any two Chinese, Japanese or Korean
characters, or inside a word too long for a line), then draws each line through
``reports.text`` so that every line is shaped, put in visual order and split into
font runs on its own. A paragraph that starts with Arabic or Hebrew is set flush right.
``WrappedText`` splits between lines, so a section of thousands of characters simply
flows on to the next page. ``KeptBlock`` keeps a few flowables on one page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from reportlab.lib.colors import Color, black
from reportlab.platypus import Flowable, KeepTogether

from recoverydesk.reports import text
from recoverydesk.reports.fonts import FontSet

_CJK_CLASS = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_PIECES = re.compile(rf"[{_CJK_CLASS}][^\s{_CJK_CLASS}\w]?|[^\s{_CJK_CLASS}]+|\s+")
TAB = "    "


def is_rtl_paragraph(paragraph: str) -> bool:
    """True when the first letter with a direction is Arabic or Hebrew."""
    for char in paragraph:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


class _Measure:
    """Widths of pieces of text at one size, remembered (a long section repeats words)."""

    def __init__(self, fonts: FontSet, size: float, bold: bool) -> None:
        self.fonts = fonts
        self.size = size
        self.bold = bold

    def __call__(self, piece: str) -> float:
        return _width(piece, self.fonts, self.size, self.bold)


@lru_cache(maxsize=8192)
def _width(piece: str, fonts: FontSet, size: float, bold: bool) -> float:
    return text.width(text.runs(piece, fonts, bold), size)


def _paragraph_lines(
    paragraph: str, measure: _Measure, max_width: float, first_less: float = 0
) -> list[str]:
    """The lines of one paragraph; the first line is ``first_less`` narrower."""
    if not paragraph:
        return [""]
    lines: list[str] = []
    current = ""
    for piece in _PIECES.findall(paragraph):
        room = max_width - (0 if lines else first_less)
        candidate = current + piece
        if not current or measure(candidate.rstrip()) <= room:
            current = candidate
        elif piece.isspace():
            continue
        else:
            lines.append(current.rstrip())
            current = piece
        while measure(current.rstrip()) > room and len(current.rstrip()) > 1:
            head, current = _cut(current, measure, room)
            lines.append(head)
            room = max_width
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _cut(word: str, measure: _Measure, max_width: float) -> tuple[str, str]:
    """The longest start of ``word`` that fits (at least one character), and the rest."""
    end = 1
    for index in _boundaries(word):
        if measure(word[:index]) > max_width:
            break
        end = index
    return word[:end], word[end:].lstrip()


def _boundaries(word: str) -> Iterator[int]:
    """Places a word may be cut: never before a combining mark."""
    for index in range(1, len(word) + 1):
        if index == len(word) or not unicodedata.combining(word[index]):
            yield index


class WrappedText(Flowable):
    """A paragraph (or several, one per line break) of free text, in any script.

    ``lead`` starts the first line in bold ("Why it matters to me:"), then the text.
    """

    def __init__(
        self,
        source: str,
        fonts: FontSet,
        size: float,
        *,
        bold: bool = False,
        leading: float | None = None,
        indent: float = 0,
        color: Color = black,
        space_after: float = 0,
        marker: str = "",
        marker_x: float = 0,
        lead: str = "",
        lines: list[tuple[str, bool]] | None = None,
    ) -> None:
        super().__init__()
        self.source = source
        self.fonts = fonts
        self.size = size
        self.bold = bold
        self.leading = leading or size * 1.35
        self.indent = indent
        self.color = color
        self.spaceAfter = space_after
        #: drawn in the indent of the first line: a tick, a box to tick, a bullet
        self.marker = marker
        self.marker_x = marker_x
        self.lead = lead
        #: lines already broken (a part of a split paragraph), else laid out per width
        self._fixed = lines
        self._lines: list[tuple[str, bool]] = []
        self._laid_out_for: float | None = None

    def _layout(self, available_width: float) -> list[tuple[str, bool]]:
        """Lines, each with whether it belongs to a right-to-left paragraph."""
        if self._fixed is not None:
            return self._fixed
        if self._laid_out_for != available_width:
            measure = _Measure(self.fonts, self.size, self.bold)
            room = max(available_width - self.indent, self.size)
            source = f"{self.lead} {self.source}" if self.lead else self.source
            self._lines = []
            for number, paragraph in enumerate(source.replace("\t", TAB).split("\n")):
                less = self._lead_width() - measure(self.lead) if number == 0 else 0
                lines = _paragraph_lines(paragraph.rstrip(), measure, room, less)
                self._lines += [(line, is_rtl_paragraph(paragraph)) for line in lines]
            self._laid_out_for = available_width
        return self._lines

    def _lead_width(self) -> float:
        return _width(self.lead, self.fonts, self.size, True) if self.lead else 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = len(self._layout(available_width)) * self.leading
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        lines = self._layout(available_width)
        fit = int(available_height // self.leading)
        if fit >= len(lines):
            return [self]
        if len(lines) - fit < 2:
            fit = len(lines) - 2  # never one line alone at the top of the next page
        if fit < 1 or (fit < 2 and len(lines) > 2):
            return []  # not even two lines here: start on the next page instead
        first = self._part(lines[:fit], 0, self.marker, self.lead)
        return [first, self._part(lines[fit:], self.spaceAfter, "", "")]

    def _part(
        self, lines: list[tuple[str, bool]], space_after: float, marker: str, lead: str
    ) -> WrappedText:
        return WrappedText(
            self.source,
            self.fonts,
            self.size,
            bold=self.bold,
            leading=self.leading,
            indent=self.indent,
            color=self.color,
            space_after=space_after,
            marker=marker,
            marker_x=self.marker_x,
            lead=lead,
            lines=lines,
        )

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(self.color)
        drop = self.size * 0.8 + (self.leading - self.size) / 2
        if self.marker:
            marker = text.runs(self.marker, self.fonts, self.bold)
            text.draw(canvas, self.marker_x, self.height - drop, marker, self.size)
        for number, (line, rtl) in enumerate(self._layout(self.width)):
            baseline = self.height - number * self.leading - drop
            left = self.indent
            if number == 0 and self.lead and line.startswith(self.lead):
                lead = text.runs(self.lead, self.fonts, True)
                text.draw(canvas, left, baseline, lead, self.size)
                left, line = left + self._lead_width(), line[len(self.lead) :]
            if not line:
                continue
            runs = text.runs(line, self.fonts, self.bold)
            if rtl:
                text.draw(canvas, self.width, baseline, runs, self.size, align="right")
            else:
                text.draw(canvas, left, baseline, runs, self.size)


class KeptBlock(KeepTogether):
    """Kept on one page if it fits there; split in place if moving would waste a page.

    A block that does not fit where it is moves to the next page (ReportLab's
    ``KeepTogether``), unless more than ``split_room`` of the page is still free: then
    it starts here and flows on, rather than leave half a page empty (large print goals
    are long). Blocks nested in it stay together either way.
    """

    def __init__(self, flowables: list[Flowable], split_room: float = 0.4) -> None:
        super().__init__(flowables)
        self.split_room = split_room

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (available_width, available_height):
            self.wrap(available_width, available_height)
        frame = getattr(self, "_frame", None)
        roomy = frame is not None and available_height > frame._height * self.split_room
        if roomy and available_height < self._H:
            return list(self._content)
        result: list[Flowable] = super().split(available_width, available_height)
        return result
