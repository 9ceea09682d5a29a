"""Printing handouts from the app: a preview of the PDF, then print, save or open it.

``HandoutPreview`` shows every page of a handout PDF as an image (rendered with
pypdfium2) with Print…, Save as PDF…, Open PDF and Close. The PDF itself lives in a
``TempHandouts`` folder made once per app run and deleted when the app quits, so no
member's name is left lying in a temp folder. Every problem (no printer, a folder that
is missing or read-only, a full disk) is a plain message; the temp PDF stays, so nothing
is lost and the person can try again.
"""

from __future__ import annotations

import atexit
import errno
import os
import shutil
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QObject, QRect, QSizeF, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.handouts import HandoutError
from recoverydesk.ui.widgets.controls import named_button
from recoverydesk.ui.widgets.problem_box import ProblemBox

PREVIEW_WIDTH = 720  # logical pixels a page is drawn across in the preview
MAX_PREVIEW_SCALE = 2.0  # a wallet card is drawn bigger, but still looks like a card
MAX_PRINT_DPI = 300  # enough for text and barcodes; more only costs memory
NO_PRINTER = (
    "No printer is set up on this computer. Use Save as PDF… to keep the file, or Open PDF "
    "to print it from your PDF viewer."
)
NO_VIEWER = "No program for PDF files was found. Use Save as PDF… and open the file yourself."


class TempHandouts(QObject):
    """One temp folder per app run for handout PDFs; emptied and removed on quit."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder: Path | None = None
        self._count = 0
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.cleanup)
        atexit.register(self.cleanup)  # a crash or a kill -TERM still ends here

    def new_path(self, stem: str) -> Path:
        """A fresh, unused ``.pdf`` path in this run's temp folder."""
        if self._folder is None or not self._folder.is_dir():
            self._folder = Path(tempfile.mkdtemp(prefix="recoverydesk-handouts-"))
        self._count += 1
        return self._folder / f"{stem}-{self._count}.pdf"

    @property
    def folder(self) -> Path | None:
        """The temp folder, or None before the first handout (or after cleanup)."""
        return self._folder

    def cleanup(self) -> None:
        """Delete every handout PDF made in this run, and the folder."""
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
        self._folder = None


_session: TempHandouts | None = None


def session_temps() -> TempHandouts:
    """The ``TempHandouts`` of this app run."""
    global _session
    if _session is None:
        _session = TempHandouts()
    return _session


def page_images(pdf: Path, width: int, device_ratio: float = 1.0) -> list[QImage]:
    """Every page of ``pdf`` as an image about ``width`` logical pixels wide."""
    try:
        document = pdfium.PdfDocument(pdf)
    except (pdfium.PdfiumError, OSError) as error:
        raise HandoutError(f"Could not read the handout file {pdf.name}: {error}") from error
    try:
        images = []
        for page in document:
            page_width = page.get_width()
            scale = min(width / page_width, MAX_PREVIEW_SCALE) * device_ratio
            image = _render(page, scale)
            image.setDevicePixelRatio(device_ratio)
            images.append(image)
        return images
    finally:
        document.close()


def print_pdf(pdf: Path, printer: QPrinter) -> int:
    """Print every page of ``pdf`` on ``printer``; returns the number of pages sent.

    Each page is drawn at its real size, shrunk only if it does not fit the printable
    area, so a wallet card comes out wallet-sized.
    """
    document = pdfium.PdfDocument(pdf)
    painter = QPainter()
    try:
        if not painter.begin(printer):
            raise HandoutError("The printer could not be started. Check it is on, then try again.")
        dpi = printer.resolution()
        area = painter.viewport()
        for number, page in enumerate(document):
            if number and not printer.newPage():
                raise HandoutError("The printer stopped taking pages. Check it, then try again.")
            image = _render(page, min(dpi, MAX_PRINT_DPI) / 72)
            painter.drawImage(page_rect(page.get_size(), dpi, area), image)
        return len(document)
    finally:
        if painter.isActive():
            painter.end()
        document.close()


def _render(page: pdfium.PdfPage, scale: float) -> QImage:
    bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
    image = QImage(
        bytes(bitmap.buffer),
        bitmap.width,
        bitmap.height,
        bitmap.stride,
        QImage.Format.Format_RGBX8888,
    )
    return image.copy()  # own the pixels: the bitmap's buffer goes away


def page_rect(size_pt: tuple[float, float], dpi: int, area: QRect) -> QRect:
    """Where a page of ``size_pt`` goes: real size at the top left, shrunk to fit."""
    width, height = size_pt[0] * dpi / 72, size_pt[1] * dpi / 72
    shrink = min(1.0, area.width() / width, area.height() / height)
    return QRect(area.left(), area.top(), round(width * shrink), round(height * shrink))


def copy_atomically(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` so that ``target`` is either complete or untouched.

    Raises:
        HandoutError: in plain words, naming the file, when it cannot be written.
    """
    part: Path | None = None
    try:
        handle, name = tempfile.mkstemp(prefix=".saving-", suffix=".part", dir=target.parent)
        part = Path(name)
        with os.fdopen(handle, "wb") as out, source.open("rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(part, target)
        part = None
    except OSError as error:
        raise HandoutError(save_problem(target, error)) from error
    finally:
        if part is not None:
            part.unlink(missing_ok=True)


def save_problem(target: Path, error: OSError) -> str:
    """Why ``target`` could not be saved, in words a front-desk worker can act on."""
    folder = target.parent
    if isinstance(error, FileNotFoundError):
        reason = f"the folder {folder} does not exist (was a USB stick removed?)"
    elif isinstance(error, PermissionError):
        reason = f"RecoveryDesk may not write in the folder {folder}"
    elif error.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = "the disk is full"
    else:
        reason = error.strerror or type(error).__name__
    return f"Could not save {target.name}: {reason}. Nothing was lost: choose another folder."


class HandoutPreview(QDialog):
    """The pages of a handout PDF, with Print…, Save as PDF…, Open PDF and Close.

    Attributes:
        pdf_path: the (temporary) PDF shown.
        page_labels: one label per page, holding the page's image.
    """

    def __init__(
        self, pdf: Path, title: str, file_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.pdf_path = pdf
        self._file_name = file_name
        self._problems = ProblemBox(self)
        self.setWindowTitle(f"Print preview: {title}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        room = self.screen().availableGeometry().width() * 0.9 - 100  # scroll bar, margins
        images = page_images(pdf, min(PREVIEW_WIDTH, int(room)), self.devicePixelRatioF())
        self._page_size = _first_page_size(pdf)
        self.page_labels = [self._page_label(i, len(images), img) for i, img in enumerate(images)]
        self.summary = QLabel(f"{title} · {_pages_text(len(images))}", self)
        self.print_button = named_button("Print…", parent=self, slot=self.print_handout)
        self.save_button = named_button("Save as PDF…", parent=self, slot=self.save_as)
        self.open_button = named_button("Open PDF", parent=self, slot=self.open_pdf)
        self.close_button = named_button("Close", parent=self, slot=self.close)
        self.print_button.setDefault(True)
        self._build()

    # -- steps tests replace ----------------------------------------------------------------

    def printers_available(self) -> bool:
        """Whether this computer has any printer set up."""
        return bool(QPrinterInfo.availablePrinterNames())

    def ask_printer(self) -> QPrinter | None:
        """The printer and settings chosen in the Qt print dialog; None if cancelled."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self._page_size is not None:
            printer.setPageSize(self._page_size)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print handout")
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return printer if accepted else None

    def ask_save_path(self, suggested: Path) -> Path | None:
        """Where to save a copy of the PDF; None if cancelled."""
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Save handout as PDF", str(suggested), "PDF files (*.pdf)"
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def open_external(self, url: QUrl) -> bool:
        """Open ``url`` in the computer's PDF viewer; False if none could."""
        return QDesktopServices.openUrl(url)

    # -- actions ------------------------------------------------------------------------------

    def print_handout(self) -> bool:
        """Ask for a printer, then print every page; False if nothing was printed."""
        if not self.printers_available():
            self.show_problem("No printer", NO_PRINTER)
            return False
        printer = self.ask_printer()
        if printer is None:
            return False
        try:
            print_pdf(self.pdf_path, printer)
        except (HandoutError, pdfium.PdfiumError, OSError) as error:
            self.show_problem("Not printed", str(error))
            return False
        return True

    def save_as(self) -> Path | None:
        """Save a copy of the PDF where the person chooses; the saved path or None."""
        target = self.ask_save_path(_documents() / self._file_name)
        if target is None:
            return None
        try:
            copy_atomically(self.pdf_path, target)
        except HandoutError as error:
            self.show_problem("Not saved", str(error))
            return None
        return target

    def open_pdf(self) -> bool:
        """Open the PDF in the computer's PDF viewer (to print from there)."""
        if self.open_external(QUrl.fromLocalFile(str(self.pdf_path))):
            return True
        self.show_problem("Could not open the PDF", NO_VIEWER)
        return False

    # -- feedback -----------------------------------------------------------------------------

    @property
    def message_box(self) -> QMessageBox | None:
        """The last problem shown (non-blocking, window-modal)."""
        return self._problems.box

    def show_problem(self, title: str, message: str) -> None:
        """Tell the person what went wrong, in plain words (never a traceback)."""
        self._problems.show(title, message)

    # -- building -----------------------------------------------------------------------------

    def _page_label(self, index: int, count: int, image: QImage) -> QLabel:
        label = QLabel()
        label.setPixmap(QPixmap.fromImage(image))
        label.setAccessibleName(f"Page {index + 1} of {count}")
        label.setStyleSheet("background: white; border: 1px solid #9a9a9a;")
        return label

    def _build(self) -> None:
        pages = QWidget()
        pages.setObjectName("pages")
        pages.setStyleSheet("QWidget#pages { background: #d6d6d6; }")
        column = QVBoxLayout(pages)
        column.setSpacing(16)
        column.setContentsMargins(16, 16, 16, 16)
        for label in self.page_labels:
            column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(pages)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAccessibleName("Pages")
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for button in (self.print_button, self.save_button, self.open_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        self._fit_to_pages(pages)

    def _fit_to_pages(self, pages: QWidget) -> None:
        """As big as the pages need (a card needs little), but within the screen."""
        wanted = pages.sizeHint()
        room = self.screen().availableGeometry()
        width = min(max(wanted.width() + 60, 640), int(room.width() * 0.9))
        height = min(max(wanted.height() + 80, 360), int(room.height() * 0.9), 900)
        self.resize(width, height)


def _pages_text(count: int) -> str:
    return "1 page" if count == 1 else f"{count} pages"


def _documents() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def _first_page_size(pdf: Path) -> QPageSize | None:
    """The paper of a full-size handout, so the print dialog starts on it; None for a card."""
    document = pdfium.PdfDocument(pdf)
    try:
        if not len(document):
            return None
        width, height = document[0].get_size()
    finally:
        document.close()
    if width < 400:  # card-size pages print on whatever paper is in the printer
        return None
    return QPageSize(
        QSizeF(width, height), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch
    )
