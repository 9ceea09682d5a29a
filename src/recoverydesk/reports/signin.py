"""The sign-in sheet for one day: regulars with their code and barcode, then blank rows.

Each page has the same header (centre, "Sign-in sheet", the date in words) and the same
column headings, with a fixed row height so that page breaks are known in advance: the
rows are cut into one table per page, and the last page is filled with blank rows for
people who are not listed. The codes are member codes, so the paper catch-up screen
accepts them as typed or scanned.
"""

from __future__ import annotations

import math
from pathlib import Path

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.colors import Color
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Table,
    TableStyle,
)

from recoverydesk.domain.handouts import SignInRow, SignInSheetData, SiteInfo
from recoverydesk.reports import text
from recoverydesk.reports.fonts import FontSet, load_fonts
from recoverydesk.reports.page import (
    FOOTER_HEIGHT,
    HEADER_HEIGHT,
    MARGIN,
    long_date,
    numbered_canvas,
    page_size,
    write_atomically,
)

ROW_HEIGHT = 24.0
HEADING_HEIGHT = 18.0
INSTRUCTION_HEIGHT = 18.0
BAR_WIDTH = 0.75
BAR_HEIGHT = 16.0
FIXED_COLUMNS = (26.0, None, 62.0, 108.0, 54.0, 54.0)
HEADINGS = ("\u2713", "Name", "Code", "Scan", "Time in", "Time out")
INSTRUCTION = (
    "Tick your name and write the time you came in. Not on the list? "
    "Write your name on an empty line."
)
STRIPE = Color(0.95, 0.95, 0.95)
HEADING_BACK = Color(0.86, 0.89, 0.93)
RULE = Color(0.6, 0.6, 0.6)


def frame_height(site: SiteInfo) -> float:
    """Height left for the table and the instruction on each page."""
    return page_size(site.paper)[1] - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT


def rows_per_page(site: SiteInfo) -> int:
    """How many person rows fit on one page of the site's paper."""
    room = frame_height(site) - INSTRUCTION_HEIGHT - HEADING_HEIGHT - 2
    return int(room // ROW_HEIGHT)


def page_count(site: SiteInfo, data: SignInSheetData) -> int:
    """Pages the sheet takes: the regulars plus at least ``min_blank_rows`` blank rows."""
    return max(1, math.ceil((len(data.rows) + data.min_blank_rows) / rows_per_page(site)))


def render_signin_sheet(
    data: SignInSheetData, site: SiteInfo, out: Path, *, fonts_dir: Path | None = None
) -> Path:
    """Write the sign-in sheet of ``data.day`` to ``out`` (atomically)."""
    fonts = load_fonts(fonts_dir)
    title = f"Sign-in sheet: {long_date(data.day)}"
    per_page = rows_per_page(site)
    pages = page_count(site, data)
    rows: list[SignInRow | None] = [*data.rows]
    rows += [None] * (pages * per_page - len(rows))
    story: list[Flowable] = []
    for start in range(0, len(rows), per_page):
        if story:
            story.append(PageBreak())
        story.append(_Instruction(fonts))
        story.append(_table(rows[start : start + per_page], site, fonts))

    def build(path: str) -> None:
        doc = _document(path, site, title)
        doc.build(story, canvasmaker=numbered_canvas(site, title, fonts, confidential=True))

    return write_atomically(out, build)


def _document(path: str, site: SiteInfo, title: str) -> BaseDocTemplate:
    width, height = page_size(site.paper)
    frame = Frame(
        MARGIN,
        MARGIN + FOOTER_HEIGHT,
        width - 2 * MARGIN,
        frame_height(site),
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    return BaseDocTemplate(
        path,
        pagesize=(width, height),
        pageTemplates=[PageTemplate(id="sheet", frames=[frame])],
        title=title,
        creator="RecoveryDesk",
        pageCompression=1,
    )


def _widths(site: SiteInfo) -> list[float]:
    usable = page_size(site.paper)[0] - 2 * MARGIN
    fixed = sum(w for w in FIXED_COLUMNS if w is not None)
    return [usable - fixed if w is None else w for w in FIXED_COLUMNS]


def _table(rows: list[SignInRow | None], site: SiteInfo, fonts: FontSet) -> Table:
    data: list[list[object]] = [list(HEADINGS)]
    data += [_cells(row, fonts) for row in rows]
    table = Table(
        data,
        colWidths=_widths(site),
        rowHeights=[HEADING_HEIGHT] + [ROW_HEIGHT] * len(rows),
        hAlign="LEFT",
    )
    table.setStyle(_style(len(rows), fonts))
    return table


def _cells(row: SignInRow | None, fonts: FontSet) -> list[object]:
    if row is None:
        return [_TickBox(), "", "", "", "", ""]
    quiet = 10 * BAR_WIDTH
    code = Code128(
        row.code,
        barWidth=BAR_WIDTH,
        barHeight=BAR_HEIGHT,
        humanReadable=False,
        lquiet=quiet,
        rquiet=quiet,
    )
    name = text.TextLine(text.runs(row.display_name, fonts), 10.5)
    return [_TickBox(), name, text.TextLine(text.runs(row.code, fonts), 9.5), code, "", ""]


def _style(count: int, fonts: FontSet) -> TableStyle:
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, 0), fonts.bold),
            ("FONTSIZE", (0, 0), (-1, 0), 8.5),
            ("BACKGROUND", (0, 0), (-1, 0), HEADING_BACK),
            ("ROWBACKGROUNDS", (0, 1), (-1, count), [None, STRIPE]),
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, 0), (0, -1), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )


class _TickBox(Flowable):
    """An empty square to tick."""

    SIDE = 10.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.SIDE, self.SIDE

    def draw(self) -> None:
        self.canv.setLineWidth(0.7)
        self.canv.rect(0, 0, self.SIDE, self.SIDE, stroke=1, fill=0)


class _Instruction(Flowable):
    """The one-line instruction above each page's table."""

    def __init__(self, fonts: FontSet) -> None:
        super().__init__()
        self.line = text.runs(INSTRUCTION, fonts)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, INSTRUCTION_HEIGHT

    def draw(self) -> None:
        size = text.fit_size(self.line, 9.5, self.width)
        text.draw(self.canv, 0, 7, self.line, size)
