"""The Admin pane: site settings, front desk rules, backups, user accounts, the audit trail.

The Settings section checks every field as it is typed, with the same rules the service
applies (``validate_settings`` on cleaned text), so a refusal on Save never surprises. A
refused save keeps everything typed and shows each reason beside its field. The whole-number
settings (caseload cap, follow-up and review periods, minutes before the screen locks)
are spin boxes limited to ``NUMBER_LIMITS``.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable, Iterable
from functools import cache

from PySide6.QtCore import Qt, SignalInstance, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.errors import FieldError
from recoverydesk.domain.settings import (
    NUMBER_LIMITS,
    PaperSize,
    SiteSettings,
    validate_settings,
)
from recoverydesk.domain.text import clean_multiline, clean_text
from recoverydesk.services.container import Services
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.forms.saved_form import NOT_SAVED_TEXT as NOT_SAVED_TEXT
from recoverydesk.ui.forms.saved_form import SavedForm
from recoverydesk.ui.panes.audit_tab import AuditTab
from recoverydesk.ui.panes.backups_tab import BackupsTab
from recoverydesk.ui.panes.users_tab import UsersTab
from recoverydesk.ui.panes.visit_rules_tab import VisitRulesTab
from recoverydesk.ui.widgets.field_feedback import FieldBox
from recoverydesk.ui.widgets.logo_box import LogoBox

SAVED_TEXT = "Settings saved"


class SettingsSection(SavedForm[SiteSettings]):
    """The form for ``SiteSettings`` with its Save and Discard buttons."""

    save_label = "Save settings"
    saved_message = SAVED_TEXT
    discard_title = "Unsaved settings"
    discard_text = "The site settings have changes that are not saved."

    def __init__(
        self, services: Services, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(events.settings_changed, parent)
        self._services = services
        self.centre_name = QLineEdit()
        self.address = _plain_text_edit(4)
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.time_zone = _time_zone_box()
        self.paper_size = _paper_size_box()
        self.crisis_numbers = _plain_text_edit(4)
        self.crisis_numbers.setPlaceholderText("One per line, e.g. Crisis line: 988")
        self.numbers = {field: _number_box(field) for field in NUMBER_LIMITS}
        self._start()

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
            **{field: box.value() for field, box in self.numbers.items()},
        )

    # ----- SavedForm hooks ----------------------------------------------------------------

    def _read_saved(self) -> SiteSettings:
        return self._services.settings.get()

    def _fill(self, settings: SiteSettings) -> None:
        self.centre_name.setText(settings.centre_name)
        self.address.setPlainText(settings.address)
        self.phone.setText(settings.phone)
        self.email.setText(settings.email)
        self.time_zone.setCurrentText(settings.time_zone)
        self.paper_size.setCurrentIndex(max(0, self.paper_size.findData(settings.paper_size.value)))
        self.crisis_numbers.setPlainText(settings.crisis_numbers)
        for field, box in self.numbers.items():
            box.setValue(getattr(settings, field))

    def _problems(self, settings: SiteSettings) -> list[FieldError]:
        return settings_problems(settings)

    def _store(self, settings: SiteSettings) -> SiteSettings:
        return self._services.settings.save(settings)

    def _edit_signals(self) -> Iterable[SignalInstance]:
        yield from (line.textChanged for line in (self.centre_name, self.phone, self.email))
        yield from (text.textChanged for text in (self.address, self.crisis_numbers))
        yield self.time_zone.currentTextChanged
        yield self.paper_size.currentIndexChanged
        yield from (box.valueChanged for box in self.numbers.values())

    def _build(self) -> None:
        grid = self._field_grid(10)
        rows = (
            ("centre_name", "Centre name", self.centre_name),
            ("address", "Address", self.address),
            ("phone", "Phone", self.phone),
            ("email", "Email", self.email),
            ("time_zone", "Time zone", self.time_zone),
            ("paper_size", "Paper size", self.paper_size),
            ("crisis_numbers", "Crisis numbers", self.crisis_numbers),
            *((field, NUMBER_LIMITS[field][0], box) for field, box in self.numbers.items()),
        )
        for row, (field, text, widget) in enumerate(rows):
            self._add_row(grid, row, field, text, widget)
        hint = QLabel(
            "Shared by every desk of this centre. Printed on handouts and the sign-in sheet."
        )
        hint.setWordWrap(True)
        self._lay_out("Site settings", hint, grid, 8)

    def _add_row(self, grid: QGridLayout, row: int, field: str, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        widget.setAccessibleName(text)
        box = FieldBox(widget)
        # align the label with the input, not with the reason that may appear under it
        label.setMinimumHeight(
            widget.sizeHint().height()
            if isinstance(widget, QLineEdit | QComboBox | QSpinBox)
            else 0
        )
        self._place(grid, row, field, label, box)


class AdminPane(QWidget):
    """What the person who runs the centre manages: settings, rules, backups, users, audit."""

    def __init__(
        self, services: Services, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings_section = SettingsSection(services, events)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Admin sections")
        self.tabs.setDocumentMode(True)
        self.logo_box = LogoBox(services, events)
        settings_page = QWidget()
        settings_layout = QVBoxLayout(settings_page)
        settings_layout.addWidget(self.settings_section)
        logo_row = QHBoxLayout()
        logo_row.setContentsMargins(20, 0, 0, 0)  # level with the settings form above
        self.logo_box.setMaximumWidth(620)
        logo_row.addWidget(self.logo_box)
        logo_row.addStretch(1)
        settings_layout.addLayout(logo_row)
        settings_layout.addStretch(1)
        self.tabs.addTab(_scrolling(settings_page), "Settings")
        self.visit_rules_tab = VisitRulesTab(services, events)
        self.tabs.addTab(_scrolling(self.visit_rules_tab), "Front desk")
        self.backups_tab = BackupsTab(services, events)
        self.tabs.addTab(self.backups_tab, "Backups")
        self.backups_tab.restored.connect(self._reload_after_restore)
        self.users_tab = UsersTab(services, events)
        self.tabs.addTab(self.users_tab, "Users")
        self.audit_tab = AuditTab(services, events)
        self.tabs.addTab(self.audit_tab, "Audit trail")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def confirm_discard(self) -> QMessageBox.StandardButton:
        """Ask what to do with unsaved settings: Save, Discard or Cancel (tests replace it)."""
        return self.settings_section.confirm_discard()

    def can_close(self) -> bool:
        """Settle unsaved settings and front desk rules first; False keeps the window open."""
        if not self._settled(0, self.settings_section, self.confirm_discard):
            return False
        return self._settled(1, self.visit_rules_tab, None)

    @Slot()
    def _reload_after_restore(self) -> None:
        """Show the restored settings and rules; a form with unsaved edits keeps them."""
        for section in (self.settings_section, self.visit_rules_tab):
            if not section.is_dirty():
                section.load()

    def _settled(
        self, tab: int, form: SavedForm, ask: Callable[[], QMessageBox.StandardButton] | None
    ) -> bool:
        """Show ``form``'s tab if it has unsaved edits, then let it settle them."""
        if form.is_dirty():
            self.tabs.setCurrentIndex(tab)
        return form.can_close(ask)


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


def _number_box(field: str) -> QSpinBox:
    _label, lowest, highest = NUMBER_LIMITS[field]
    box = QSpinBox()
    box.setRange(lowest, highest)
    box.setMaximumWidth(120)
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
