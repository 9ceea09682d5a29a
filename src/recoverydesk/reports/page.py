"""The shared page template and the safe way every handout reaches the disk.

Each page carries the centre name, the handout title, the date printed and "Page x of y";
handouts with personal data add a discreet "Confidential" footer. ``write_atomically``
builds the PDF in a temporary file beside the target and renames it into place, so a
failure never leaves a half-written PDF (nor the temporary file).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from recoverydesk.domain.handouts import HandoutError, SiteInfo
from recoverydesk.domain.settings import PaperSize
from recoverydesk.reports import text
from recoverydesk.reports.fonts import FontSet

GREY = Color(0.35, 0.35, 0.35)
LIGHT = Color(0.75, 0.75, 0.75)
MARGIN = 12 * mm
HEADER_HEIGHT = 16 * mm
FOOTER_HEIGHT = 8 * mm
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CONFIDENTIAL = "Confidential: personal information. Please keep safe, and shred when done."


def page_size(paper: PaperSize) -> tuple[float, float]:
    """Width and height in points of the site's paper."""
    return A4 if paper is PaperSize.A4 else letter


def long_date(day: dt.date) -> str:
    """``Tuesday 10 March 2026``, the same whatever the machine's locale."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def write_atomically(out: Path, build: Callable[[str], None]) -> Path:
    """Run ``build(temp_path)`` then move the result to ``out``; ``HandoutError`` on failure."""
    out = Path(out)
    folder = out.parent
    if not folder.is_dir():
        reason = "is not a folder" if folder.exists() else "does not exist"
        raise HandoutError(f"Cannot write {out}: the folder {folder} {reason}. Nothing was saved.")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=".pdf.tmp", dir=folder)
    except OSError as error:
        raise _write_error(out, error) from error
    os.close(handle)
    try:
        build(temp)
        os.replace(temp, out)
    except OSError as error:
        raise _write_error(out, error) from error
    finally:
        with contextlib.suppress(OSError):
            os.remove(temp)
    return out


def _write_error(out: Path, error: OSError) -> HandoutError:
    if error.errno == errno.ENOSPC:
        reason = "the disk is full"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "that folder cannot be written (read-only or no permission)"
    else:
        reason = error.strerror or str(error)
    return HandoutError(f"Cannot write {out}: {reason}. Nothing was saved.")


def numbered_canvas(
    site: SiteInfo, title: str, fonts: FontSet, *, confidential: bool
) -> type[Canvas]:
    """A canvas class that draws the header and footer, knowing the page count at the end."""

    class _Numbered(Canvas):
        """Holds each page until ``save`` so that "of y" is known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                decorate(self, site, title, fonts, number, total, confidential=confidential)
                Canvas.showPage(self)
            Canvas.save(self)

    return _Numbered


#: The logo fits a box this high and wide (points), at the header's right.
LOGO_BOX = (24.0, 96.0)


def draw_logo(canvas: Canvas, data: bytes, *, right: float, top: float) -> None:
    """The centre's logo, scaled to fit ``LOGO_BOX``; a picture that cannot be read is left out."""
    try:
        image = ImageReader(io.BytesIO(data))
        width, height = image.getSize()
    except Exception:  # a damaged picture must not stop a handout from printing
        return
    box_height, box_width = LOGO_BOX
    scale = min(box_height / height, box_width / width)
    drawn_width, drawn_height = width * scale, height * scale
    canvas.drawImage(
        image, right - drawn_width, top - drawn_height, drawn_width, drawn_height, mask="auto"
    )


def decorate(
    canvas: Canvas,
    site: SiteInfo,
    title: str,
    fonts: FontSet,
    number: int,
    total: int,
    *,
    confidential: bool,
) -> None:
    """Header (centre, title, date printed) and footer (confidential, page x of y)."""
    width, height = canvas._pagesize
    top = height - MARGIN
    text.draw(canvas, MARGIN, top - 9, text.runs(site.name, fonts, bold=True), 10)
    text.draw(canvas, MARGIN, top - 27, text.runs(title, fonts, bold=True), 16)
    if site.printed_on is not None:
        canvas.setFillColor(GREY)
        printed = text.runs(f"Printed {site.printed_on.isoformat()}", fonts)
        text.draw(canvas, width - MARGIN, top - 9, printed, 8, align="right")
    if site.logo:
        draw_logo(canvas, site.logo, right=width - MARGIN, top=top - 12)
    canvas.setFillColor(GREY)
    bottom = MARGIN - 4
    if confidential:
        text.draw(canvas, MARGIN, bottom, text.runs(CONFIDENTIAL, fonts), 7)
    page_label = text.runs(f"Page {number} of {total}", fonts)
    text.draw(canvas, width - MARGIN, bottom, page_label, 8, align="right")
    canvas.setFillColor(Color(0, 0, 0))
