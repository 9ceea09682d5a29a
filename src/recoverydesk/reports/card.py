"""Wallet-size member cards (85.6 × 54 mm): one card per page, or ten on a sheet.

A card shows the card title (the centre name unless the site sets another), the member's
preferred name, and the member code as text and as a Code 128 barcode for the desk
scanner. Nothing else is printed, so a lost card says no more than the site chose to.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.colors import Color, black
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from recoverydesk.domain.handouts import CardData, HandoutError, SiteInfo
from recoverydesk.reports import text
from recoverydesk.reports.fonts import FontSet, load_fonts
from recoverydesk.reports.page import LIGHT, page_size, write_atomically

CARD_WIDTH = 85.6 * mm
CARD_HEIGHT = 54 * mm
PAD = 4 * mm
GREY = Color(0.3, 0.3, 0.3)
ACCENT = Color(0.13, 0.36, 0.55)
COLUMNS = 2
MIN_SHEET_MARGIN = 4.5 * mm
CUT_MARK = 3 * mm


def card_barcode(code: str, bar_width: float = 0.95, bar_height: float = 12 * mm) -> Code128:
    """The Code 128 barcode of ``code`` as drawn on a card (text under it is drawn apart)."""
    return Code128(code, barWidth=bar_width, barHeight=bar_height, humanReadable=False)


def render_cards(
    cards: Sequence[CardData],
    site: SiteInfo,
    out: Path,
    *,
    sheet: bool = False,
    fonts_dir: Path | None = None,
) -> Path:
    """Write ``cards`` to ``out``: a card-sized page each, or ten per sheet with cut marks."""
    if not cards:
        raise HandoutError("There is no card to print.")
    fonts = load_fonts(fonts_dir)

    def build(path: str) -> None:
        if sheet:
            _sheet(path, cards, site, fonts)
        else:
            _singles(path, cards, site, fonts)

    return write_atomically(out, build)


def _new_canvas(path: str, size: tuple[float, float], title: str) -> Canvas:
    canvas = Canvas(path, pagesize=size, pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("RecoveryDesk")
    return canvas


def _singles(path: str, cards: Sequence[CardData], site: SiteInfo, fonts: FontSet) -> None:
    canvas = _new_canvas(path, (CARD_WIDTH, CARD_HEIGHT), "Member card")
    for card in cards:
        draw_card(canvas, 0, 0, card, site, fonts)
        canvas.showPage()
    canvas.save()


def sheet_grid(size: tuple[float, float]) -> tuple[int, float, float]:
    """Rows per sheet and the left/bottom margins that centre the grid on the paper."""
    width, height = size
    rows = int((height - 2 * MIN_SHEET_MARGIN) // CARD_HEIGHT)
    return rows, (width - COLUMNS * CARD_WIDTH) / 2, (height - rows * CARD_HEIGHT) / 2


def _sheet(path: str, cards: Sequence[CardData], site: SiteInfo, fonts: FontSet) -> None:
    size = page_size(site.paper)
    rows, left, bottom = sheet_grid(size)
    per_sheet = rows * COLUMNS
    canvas = _new_canvas(path, size, "Member cards")
    for start in range(0, len(cards), per_sheet):
        for index, card in enumerate(cards[start : start + per_sheet]):
            row, column = divmod(index, COLUMNS)
            x = left + column * CARD_WIDTH
            y = bottom + (rows - 1 - row) * CARD_HEIGHT
            draw_card(canvas, x, y, card, site, fonts)
        _cut_marks(canvas, size, rows, left, bottom)
        canvas.showPage()
    canvas.save()


def _cut_marks(
    canvas: Canvas, size: tuple[float, float], rows: int, left: float, bottom: float
) -> None:
    """Short ticks in the margins where the card edges meet the paper's edge."""
    width, height = size
    top, right = bottom + rows * CARD_HEIGHT, left + COLUMNS * CARD_WIDTH
    canvas.setStrokeColor(GREY)
    canvas.setLineWidth(0.4)
    for column in range(COLUMNS + 1):
        x = left + column * CARD_WIDTH
        canvas.line(x, top + 1, x, min(height, top + 1 + CUT_MARK))
        canvas.line(x, bottom - 1, x, max(0, bottom - 1 - CUT_MARK))
    for row in range(rows + 1):
        y = bottom + row * CARD_HEIGHT
        canvas.line(left - 1, y, max(0, left - 1 - CUT_MARK), y)
        canvas.line(right + 1, y, min(width, right + 1 + CUT_MARK), y)


def draw_card(
    canvas: Canvas, x: float, y: float, card: CardData, site: SiteInfo, fonts: FontSet
) -> None:
    """One card with its lower-left corner at (``x``, ``y``)."""
    inner = CARD_WIDTH - 2 * PAD
    top = y + CARD_HEIGHT - PAD
    canvas.saveState()
    canvas.setStrokeColor(LIGHT)
    canvas.setLineWidth(0.5)
    canvas.roundRect(x + 1, y + 1, CARD_WIDTH - 2, CARD_HEIGHT - 2, 3 * mm, stroke=1, fill=0)
    title = text.runs(card.title or site.name, fonts, bold=True)
    canvas.setFillColor(ACCENT)
    text.draw(canvas, x + PAD, top - 9, title, text.fit_size(title, 9.5, inner))
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(0.8)
    canvas.line(x + PAD, top - 14, x + CARD_WIDTH - PAD, top - 14)
    name = text.runs(card.display_name, fonts, bold=True)
    canvas.setFillColor(black)
    text.draw(canvas, x + PAD, top - 37, name, text.fit_size(name, 15, inner, 7))
    _code_line(canvas, x, top - 70, card, site, fonts)
    barcode = card_barcode(card.code)
    barcode_x = x + (CARD_WIDTH - barcode.width) / 2
    barcode.drawOn(canvas, barcode_x, y + PAD)
    canvas.restoreState()


def _code_line(
    canvas: Canvas, x: float, baseline: float, card: CardData, site: SiteInfo, fonts: FontSet
) -> None:
    canvas.setFillColor(GREY)
    text.draw(canvas, x + PAD, baseline + 10, text.runs("Member code", fonts), 6.5)
    canvas.setFillColor(black)
    text.draw(canvas, x + PAD, baseline, text.runs(card.code, fonts, bold=True), 11)
    if site.phone:
        right = x + CARD_WIDTH - PAD
        canvas.setFillColor(GREY)
        text.draw(
            canvas, right, baseline + 10, text.runs("If found, please call", fonts), 6.5, "right"
        )
        canvas.setFillColor(black)
        text.draw(canvas, right, baseline, text.runs(site.phone, fonts), 9, "right")
