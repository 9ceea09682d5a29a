"""The Admin pane: site settings, front desk rules and backups; accounts and audit later.

The Settings section checks every field as it is typed, with the same rules the service
applies (``validate_settings`` on cleaned text), so a refusal on Save never surprises. A
refused save keeps everything typed and shows each reason beside its field.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from functools import cache

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.errors import FieldError, RecoveryDeskError, ValidationError
from recoverydesk.domain.settings import PaperSize, SiteSettings, validate_settings
from recoverydesk.domain.text import clean_multiline, clean_text
from recoverydesk.services.container import Services
from recoverydesk.ui.errors import handle_error
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.panes.backups_tab import BackupsTab
from recoverydesk.ui.panes.visit_rules_tab import VisitRulesTab
from recoverydesk.ui.widgets.field_feedback import FieldBox

SAVED_TEXT = "Settings saved"
NOT_SAVED_TEXT = "Not saved: please fix the fields marked in red."
_FIELD_WIDTH = 420
_SAVED_STYLE = "color: #2e7d32; font-weight: bold;"
_NOT_SAVED_STYLE = "color: #c62828; font-weight: bold;"


class SettingsSection(QWidget):
    """The form for ``SiteSettings`` with its Save and Discard buttons."""

    def __init__(
        self, services: Services, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._events = events
        self._boxes: dict[str, FieldBox] = {}
        self.centre_name = QLineEdit()
        self.address = _plain_text_edit(4)
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.time_zone = _time_zone_box()
        self.paper_size = _paper_size_box()
        self.crisis_numbers = _plain_text_edit(4)
        self.crisis_numbers.setPlaceholderText("One per line, e.g. Crisis line: 988")
        self.save_button = QPushButton("Save settings")
        self.discard_button = QPushButton("Discard changes")
        self.status = QLabel()
        self._build()
        self.load()
        self._connect()

    # ----- public API -------------------------------------------------------------------

    def load(self) -> None:
        """Show the saved settings (throws away unsaved edits)."""
        self._saved = self._services.settings.get()
        self.set_values(self._saved)
        self._show_status("", "")

    def is_dirty(self) -> bool:
        """True when the form holds edits that are not saved."""
        return self.values() != self._saved

    def set_values(self, settings: SiteSettings) -> None:
        self.centre_name.setText(settings.centre_name)
        self.address.setPlainText(settings.address)
        self.phone.setText(settings.phone)
        self.email.setText(settings.email)
        self.time_zone.setCurrentText(settings.time_zone)
        self.paper_size.setCurrentIndex(max(0, self.paper_size.findData(settings.paper_size.value)))
        self.crisis_numbers.setPlainText(settings.crisis_numbers)
        self.revalidate()

    def values(self) -> SiteSettings:
        """What the form holds now, cleaned the way the service cleans it."""
        return SiteSettings(
            centre_name=clean_text(self.centre_name.text()),
            address=clean_multiline(self.address.toPlainText()),
            phone=clean_text(self.phone.text()),
            email=clean_text(self.email.text()),
            time_zone=clean_text(self.time_zone.currentText()),
            paper_size=PaperSize(self.paper_size.currentData()),
            crisis_numbers=clean_multiline(self.crisis_numbers.toPlainText()),
        )

    def message_for(self, field: str) -> str:
        """The reason shown with ``field`` ('' when it is fine)."""
        return self._boxes[field].message

    def field_box(self, field: str) -> FieldBox:
        return self._boxes[field]

    @Slot()
    def revalidate(self) -> bool:
        """Check every field now; True when the form can be saved."""
        problems = ValidationError(settings_problems(self.values()))
        self._show_problems(problems)
        return not problems.errors

    @Slot()
    def save(self) -> bool:
        """Save through the service; on a refusal keep the text and show the reasons."""
        if not self.revalidate():
            self._show_status(NOT_SAVED_TEXT, _NOT_SAVED_STYLE)
            return False
        try:
            self._saved = self._services.settings.save(self.values())
        except ValidationError as error:
            self._show_problems(error)
            self._show_status(NOT_SAVED_TEXT, _NOT_SAVED_STYLE)
            return False
        except RecoveryDeskError as error:
            self._show_status("Not saved.", _NOT_SAVED_STYLE)
            handle_error(self, error)
            return False
        self._show_status(SAVED_TEXT, _SAVED_STYLE)
        self._events.settings_changed.emit()
        return True

    # ----- building -----------------------------------------------------------------------

    def _build(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(2, 1)
        grid.setColumnMinimumWidth(1, 260)
        rows = (
            ("centre_name", "Centre name", self.centre_name),
            ("address", "Address", self.address),
            ("phone", "Phone", self.phone),
            ("email", "Email", self.email),
            ("time_zone", "Time zone", self.time_zone),
            ("paper_size", "Paper size", self.paper_size),
            ("crisis_numbers", "Crisis numbers", self.crisis_numbers),
        )
        for row, (field, text, widget) in enumerate(rows):
            self._add_row(grid, row, field, text, widget)
        heading = QLabel("Site settings")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        hint = QLabel(
            "Shared by every desk of this centre. Printed on handouts and the sign-in sheet."
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addLayout(self._buttons())
        layout.addStretch(1)

    def _add_row(self, grid: QGridLayout, row: int, field: str, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        widget.setAccessibleName(text)
        box = FieldBox(widget)
        box.setMaximumWidth(_FIELD_WIDTH)
        # align the label with the input, not with the reason that may appear under it
        label.setMinimumHeight(
            widget.sizeHint().height() if isinstance(widget, QLineEdit | QComboBox) else 0
        )
        grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(box, row, 1)
        self._boxes[field] = box

    def _buttons(self) -> QHBoxLayout:
        self.save_button.setAccessibleName("Save settings")
        self.save_button.setDefault(True)
        self.discard_button.setAccessibleName("Discard changes")
        self.status.setAccessibleName("Save status")
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.discard_button)
        row.addSpacing(12)
        row.addWidget(self.status)
        row.addStretch(1)
        return row

    def _connect(self) -> None:
        edited: Callable[[], None] = self._edited
        for line in (self.centre_name, self.phone, self.email):
            line.textChanged.connect(edited)
        for text in (self.address, self.crisis_numbers):
            text.textChanged.connect(edited)
        self.time_zone.currentTextChanged.connect(edited)
        self.paper_size.currentIndexChanged.connect(edited)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.load)

    @Slot()
    def _edited(self) -> None:
        self._show_status("", "")
        self.revalidate()

    def _show_problems(self, problems: ValidationError) -> None:
        for field, box in self._boxes.items():
            box.set_error(problems.for_field(field) or "")

    def _show_status(self, text: str, style: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)


class AdminPane(QWidget):
    """Sections for the person who runs the centre: Settings, Front desk and Backups."""

    def __init__(
        self, services: Services, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings_section = SettingsSection(services, events)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Admin sections")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(_scrolling(self.settings_section), "Settings")
        self.visit_rules_tab = VisitRulesTab(services, events)
        self.tabs.addTab(_scrolling(self.visit_rules_tab), "Front desk")
        self.backups_tab = BackupsTab(services, events)
        self.tabs.addTab(self.backups_tab, "Backups")
        self.backups_tab.restored.connect(self._reload_after_restore)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def confirm_discard(self) -> QMessageBox.StandardButton:
        """Ask what to do with unsaved settings: Save, Discard or Cancel (tests replace it)."""
        return QMessageBox.question(
            self,
            "Unsaved settings",
            "The site settings have changes that are not saved.",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )

    def can_close(self) -> bool:
        """Settle unsaved settings and front desk rules first; False keeps the window open."""
        if not self._settings_can_close():
            return False
        if self.visit_rules_tab.is_dirty():
            self.tabs.setCurrentIndex(1)
        return self.visit_rules_tab.can_close()

    @Slot()
    def _reload_after_restore(self) -> None:
        """Show the restored settings and rules; a form with unsaved edits keeps them."""
        for section in (self.settings_section, self.visit_rules_tab):
            if not section.is_dirty():
                section.load()

    def _settings_can_close(self) -> bool:
        section = self.settings_section
        if not section.is_dirty():
            return True
        self.tabs.setCurrentIndex(0)
        choice = self.confirm_discard()
        if choice == QMessageBox.StandardButton.Save:
            return section.save()
        return choice == QMessageBox.StandardButton.Discard


@cache
def known_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def settings_problems(settings: SiteSettings) -> list[FieldError]:
    """``validate_settings``, with time zones checked against the known list first.

    A partly typed zone such as "Europe" names a folder of the zone database, which
    ``valid_time_zone`` does not expect; checking the list keeps typing safe.
    """
    zone = settings.time_zone
    if zone in known_time_zones():
        return validate_settings(settings)
    problems = validate_settings(settings.replace(time_zone="UTC"))
    problems.append(
        FieldError(
            "time_zone", f"'{zone}' is not a known time zone (e.g. Europe/London, America/New_York)"
        )
    )
    return problems


def _plain_text_edit(lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    height = edit.fontMetrics().lineSpacing() * lines + 14
    edit.setFixedHeight(height)
    return edit


def _time_zone_box() -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.addItems(sorted(known_time_zones()))
    box.setMaxVisibleItems(15)
    completer = QCompleter(box.model(), box)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    box.setCompleter(completer)
    return box


def _paper_size_box() -> QComboBox:
    box = QComboBox()
    for size in PaperSize:
        box.addItem(size.label, size.value)
    return box


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area
