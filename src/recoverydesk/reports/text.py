"""One line of text in any script: shaped, put in visual order, and split into font runs.

Arabic letters are joined into their positional forms (``arabic_reshaper``), then the
Unicode bidi algorithm (``python-bidi``) gives the left-to-right drawing order. The
result is cut into runs, each drawn with a font that has its glyphs: DejaVu Sans for
Latin, Greek, Cyrillic and Vietnamese, Noto Sans Arabic and Hebrew for those scripts,
a CJK font for Chinese, Japanese and Korean. Spaces and punctuation stay with the run
they sit in.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import arabic_reshaper
from bidi.algorithm import get_display  # mirrors brackets in right-to-left runs
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from recoverydesk.reports.fonts import CID_HAN, CID_HANGUL, FontSet

_ARABIC = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_HEBREW = ((0x0590, 0x05FF), (0xFB1D, 0xFB4F))
_HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF))
_CJK = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF), (0x20000, 0x3FFFF))


@dataclass(frozen=True)
class Run:
    """A piece of a line drawn with one font, already in visual (drawing) order."""

    font: str
    text: str


def _within(char: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    point = ord(char)
    return any(low <= point <= high for low, high in ranges)


def _covers(fonts: FontSet, font: str, text: str) -> bool:
    """True when ``font`` draws every character of ``text`` (and all of it is below RTL)."""
    covered = fonts.coverage.get(font)
    if covered is None:
        return False
    points = set(map(ord, text))
    return max(points) < _HEBREW[0][0] and points <= covered


def has_rtl(text: str) -> bool:
    """True when ``text`` contains Arabic or Hebrew letters."""
    return any(_within(c, _ARABIC) or _within(c, _HEBREW) for c in text)


#: Joins Arabic letters and keeps the vowel marks (the default settings delete them).
_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})


def visual(text: str) -> str:
    """``text`` shaped and reordered for drawing left to right (unchanged if all LTR)."""
    if not has_rtl(text):
        return text
    if any(_within(c, _ARABIC) for c in text):
        text = _RESHAPER.reshape(text)
    return str(get_display(text))


def font_for(char: str, fonts: FontSet, bold: bool = False) -> str | None:
    """The font to draw ``char`` with; None for spaces and punctuation (any font will do)."""
    latin = fonts.bold if bold else fonts.regular
    if not char.isalnum() and not _within(char, _ARABIC) and not _within(char, _HEBREW):
        return None if fonts.has(latin, char) else _fallback(char, fonts, latin)
    if _within(char, _ARABIC):
        return fonts.arabic
    if _within(char, _HEBREW):
        return fonts.hebrew
    if _within(char, _HANGUL) or _within(char, _CJK):
        if fonts.cjk and fonts.has(fonts.cjk, char):
            return fonts.cjk
        return CID_HANGUL if _within(char, _HANGUL) else CID_HAN
    return _fallback(char, fonts, latin)


def _fallback(char: str, fonts: FontSet, preferred: str) -> str:
    for name in (preferred, fonts.arabic, fonts.hebrew, fonts.cjk):
        if name and fonts.has(name, char):
            return name
    return preferred


def runs(text: str, fonts: FontSet, bold: bool = False) -> list[Run]:
    """``text`` as font runs in drawing order, every character in a font that draws it.

    Spaces and punctuation stay in the run they sit in when its font has them; otherwise
    (Noto Sans Hebrew has no full stop or brackets) they go to the Latin font.
    """
    latin = fonts.bold if bold else fonts.regular
    if text and _covers(fonts, latin, text):
        return [Run(latin, text)]  # the common case: no script change, one font
    result: list[Run] = []
    pending = ""
    current: str | None = None
    for char in visual(text):
        font = font_for(char, fonts, bold)
        if font is None:  # neutral: joins the current run if its font draws it
            if current is None or fonts.has(current, char):
                pending += char
                continue
            font = latin
        if font == current:
            pending += char
            continue
        if current is None and all(fonts.has(font, c) for c in pending):
            current, pending = font, pending + char  # leading neutrals join the first run
            continue
        if pending:
            result.append(Run(current or latin, pending))
        current, pending = font, char
    if pending:
        result.append(Run(current or latin, pending))
    return result


def width(line: list[Run], size: float) -> float:
    """Width in points of ``line`` at ``size``."""
    return sum(stringWidth(run.text, run.font, size) for run in line)


def fit_size(line: list[Run], size: float, max_width: float, min_size: float = 6) -> float:
    """The largest size up to ``size`` (not below ``min_size``) at which ``line`` fits."""
    natural = width(line, size)
    if natural <= max_width or natural == 0:
        return size
    return max(min_size, size * max_width / natural)


def draw(
    canvas: Canvas, x: float, y: float, line: list[Run], size: float, align: str = "left"
) -> None:
    """Draw ``line`` with its baseline at ``y``; ``x`` is the left, centre or right edge."""
    total = width(line, size)
    start = {"left": x, "centre": x - total / 2, "right": x - total}[align]
    for run, left in zip(line, _lefts(line, size, start), strict=True):
        canvas.setFont(run.font, size)
        canvas.drawString(left, y, run.text)


def _lefts(line: list[Run], size: float, start: float) -> Iterator[float]:
    for run in line:
        yield start
        start += stringWidth(run.text, run.font, size)


class TextLine(Flowable):
    """A single line of mixed-script text for tables; shrinks to fit its width."""

    def __init__(self, line: list[Run], size: float, min_size: float = 6) -> None:
        super().__init__()
        self.line = line
        self.size = size
        self.min_size = min_size
        self.drawn_size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.drawn_size = fit_size(self.line, self.size, available_width, self.min_size)
        self.width = available_width
        return available_width, self.drawn_size * 1.2

    def draw(self) -> None:
        draw(self.canv, 0, self.drawn_size * 0.25, self.line, self.drawn_size)
