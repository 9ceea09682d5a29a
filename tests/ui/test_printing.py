"""Printing from the app: card and sign-in sheet previews, print, save, open, temp files."""

from __future__ import annotations

import datetime as dt
import errno
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QRect, Qt, QUrl
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractButton

from recoverydesk.domain.members import Member, MemberDraft
from recoverydesk.domain.visits import VisitSource
from recoverydesk.reports.signin import rows_per_page
from recoverydesk.services.container import Services
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.panes.front_desk_pane import FrontDeskPane
from recoverydesk.ui.panes.members_pane import MembersPane
from recoverydesk.ui.printing import (
    NO_PRINTER,
    NO_VIEWER,
    HandoutPreview,
    page_rect,
    save_problem,
    session_temps,
)

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

TODAY = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _temps_cleaned() -> Iterator[None]:
    yield
    session_temps().cleanup()


def name_centre(services: Services) -> None:
    services.settings.save(services.settings.get().replace(centre_name="Harbour Street Centre"))


def add(services: Services, first: str, last: str) -> Member:
    return services.members.create(MemberDraft(first, last))


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture
def member(services: Services) -> Member:
    return add(services, "Dana", "Okafor")


@pytest.fixture
def members_pane(qtbot, services: Services, member: Member) -> MembersPane:
    pane = MembersPane(services, AppEvents())
    qtbot.addWidget(pane)
    pane.resize(1100, 700)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


@pytest.fixture
def preview(qtbot, services: Services, members_pane: MembersPane, member: Member) -> HandoutPreview:
    """The card preview of a selected member of a named centre."""
    name_centre(services)
    assert members_pane.open_member(member.id)
    click(qtbot, members_pane.card_button)
    shown = members_pane.findChild(HandoutPreview)
    assert shown is not None and shown.isVisible()
    return shown


def test_print_card_opens_a_preview_of_the_one_card(
    preview: HandoutPreview, members_pane: MembersPane
) -> None:
    assert members_pane.card_button.accessibleName() == "Print card…"
    assert len(preview.page_labels) == 1
    assert not preview.page_labels[0].pixmap().isNull()
    assert preview.summary.text() == "Member card · 1 page"
    assert "Okafor" not in preview.windowTitle()  # no personal data in window titles
    assert preview.pdf_path.is_file()


def test_save_as_pdf_writes_a_readable_copy(
    qtbot, preview: HandoutPreview, member: Member, tmp_path: Path
) -> None:
    target = tmp_path / "saved" / "card.pdf"
    target.parent.mkdir()
    suggested: list[Path] = []
    preview.ask_save_path = lambda s: suggested.append(s) or target  # type: ignore[method-assign]
    click(qtbot, preview.save_button)
    assert suggested[0].name == f"Member card {member.code}.pdf"
    text = pdf_text(target)
    assert "Dana" in text and member.code in text
    assert preview.message_box is None
    assert [p.name for p in target.parent.iterdir()] == ["card.pdf"]  # no leftover .part


def test_saving_into_a_missing_folder_is_a_plain_message_and_no_file(
    qtbot, preview: HandoutPreview, tmp_path: Path
) -> None:
    target = tmp_path / "unplugged-usb" / "card.pdf"
    preview.ask_save_path = lambda _s: target  # type: ignore[method-assign]
    click(qtbot, preview.save_button)
    box = preview.message_box
    assert box is not None and box.isVisible()
    assert box.text() == "Not saved"
    assert "does not exist" in box.informativeText()
    assert "Traceback" not in box.informativeText()
    assert not target.parent.exists()
    assert preview.pdf_path.is_file()  # nothing lost: try again elsewhere


def test_cancelled_save_does_nothing(qtbot, preview: HandoutPreview) -> None:
    preview.ask_save_path = lambda _s: None  # type: ignore[method-assign]
    click(qtbot, preview.save_button)
    assert preview.message_box is None


def test_open_pdf_hands_the_temp_file_to_the_viewer(qtbot, preview: HandoutPreview) -> None:
    opened: list[QUrl] = []
    preview.open_external = lambda url: opened.append(url) or True  # type: ignore[method-assign]
    click(qtbot, preview.open_button)
    assert opened == [QUrl.fromLocalFile(str(preview.pdf_path))]
    assert preview.message_box is None


def test_no_pdf_viewer_is_a_plain_message(qtbot, preview: HandoutPreview) -> None:
    preview.open_external = lambda _url: False  # type: ignore[method-assign]
    click(qtbot, preview.open_button)
    assert preview.message_box is not None
    assert preview.message_box.informativeText() == NO_VIEWER


def test_temp_pdfs_are_deleted_by_cleanup(preview: HandoutPreview) -> None:
    folder = session_temps().folder
    assert folder is not None and preview.pdf_path.parent == folder
    session_temps().cleanup()
    assert not preview.pdf_path.exists()
    assert not folder.exists()


def test_printing_to_a_pdf_printer_prints_the_card(
    qtbot, preview: HandoutPreview, member: Member, tmp_path: Path
) -> None:
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    preview.printers_available = lambda: True  # type: ignore[method-assign]
    preview.ask_printer = lambda: printer  # type: ignore[method-assign]
    click(qtbot, preview.print_button)
    assert preview.message_box is None
    assert out.stat().st_size > 1000
    assert len(PdfReader(out).pages) == 1


def test_no_printer_is_said_in_plain_words(qtbot, preview: HandoutPreview) -> None:
    preview.printers_available = lambda: False  # type: ignore[method-assign]
    asked: list[bool] = []
    preview.ask_printer = lambda: asked.append(True)  # type: ignore[method-assign]
    click(qtbot, preview.print_button)
    assert preview.message_box is not None
    assert preview.message_box.informativeText() == NO_PRINTER
    assert not asked


def test_archived_member_cannot_get_a_card(
    services: Services, members_pane: MembersPane, member: Member
) -> None:
    name_centre(services)
    services.members.archive(member.id, "moved away")
    members_pane.show_archived.setChecked(True)
    assert members_pane.open_member(member.id)
    assert not members_pane.card_button.isEnabled()
    members_pane.print_card()
    assert members_pane.findChild(HandoutPreview) is None


def test_no_member_shown_means_no_card(members_pane: MembersPane) -> None:
    assert members_pane.form.member is None
    assert not members_pane.card_button.isEnabled()


def test_card_refused_while_the_centre_has_no_name(
    qtbot, members_pane: MembersPane, member: Member
) -> None:
    assert members_pane.open_member(member.id)
    click(qtbot, members_pane.card_button)
    assert members_pane.findChild(HandoutPreview) is None
    box = members_pane.message_box
    assert box is not None and box.isVisible()
    assert "Set your centre's name" in box.informativeText()
    assert "Traceback" not in box.informativeText()


@pytest.fixture
def desk(qtbot, services: Services) -> FrontDeskPane:
    pane = FrontDeskPane(services, AppEvents())
    qtbot.addWidget(pane)
    pane.resize(1200, 720)
    pane.show()
    qtbot.waitExposed(pane)
    pane.activateWindow()
    qtbot.waitUntil(pane.search.hasFocus)
    return pane


def test_signin_sheet_previews_every_page_of_today(
    qtbot, services: Services, desk: FrontDeskPane, tmp_path: Path
) -> None:
    name_centre(services)
    for number in range(rows_per_page(services.handouts.site())):
        regular = add(services, f"Regular{number:02d}", "Tester")
        services.visits.check_in(
            regular.id, on=TODAY - dt.timedelta(days=3), source=VisitSource.PAPER
        )
    button = desk.header.signin_button
    assert button.accessibleName() == "Sign-in sheet…"
    assert button.focusPolicy() == Qt.FocusPolicy.NoFocus  # the search keeps focus
    click(qtbot, button)
    preview = desk.findChild(HandoutPreview)
    assert preview is not None
    assert len(preview.page_labels) == len(PdfReader(preview.pdf_path).pages) == 2
    assert "2026-03-10" in pdf_text(preview.pdf_path)
    out = tmp_path / "sheet-printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    preview.printers_available = lambda: True  # type: ignore[method-assign]
    preview.ask_printer = lambda: printer  # type: ignore[method-assign]
    assert preview.print_handout()
    assert len(PdfReader(out).pages) == 2
    click(qtbot, preview.close_button)
    assert not preview.isVisible()
    qtbot.waitUntil(desk.search.hasFocus)  # back to the search, ready for the next person


def test_pages_print_at_real_size_and_only_shrink_to_fit() -> None:
    area = QRect(0, 0, 2400, 3400)  # printable area at 300 dpi
    card = page_rect((243.0, 153.0), 300, area)
    assert (card.width(), card.height()) == (1012, 638)  # 85.6 × 54 mm, unchanged
    poster = page_rect((1190.0, 1684.0), 300, area)  # A2 onto A4: shrunk, proportions kept
    assert poster.width() <= 2400 and poster.height() <= 3400
    assert abs(poster.width() / poster.height() - 1190 / 1684) < 0.01


def test_a_full_disk_is_said_in_plain_words(tmp_path: Path) -> None:
    message = save_problem(tmp_path / "card.pdf", OSError(errno.ENOSPC, "No space left"))
    assert message == (
        "Could not save card.pdf: the disk is full. Nothing was lost: choose another folder."
    )
