"""Admin → Settings: validation as you type, refused saves keep the text, saves stick."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from recoverydesk.domain.clock import detect_local_zone
from recoverydesk.domain.errors import DatabaseLockedError, FieldError, ValidationError
from recoverydesk.domain.settings import PaperSize
from recoverydesk.services.container import Services
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.panes.admin_pane import NOT_SAVED_TEXT, SAVED_TEXT, AdminPane

# the offscreen platform says these when a window or a completer popup shows; not our bugs
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

LABELS = ("Centre name", "Address", "Phone", "Email", "Time zone", "Paper size", "Crisis numbers")
NUMBER_LABELS = (
    "Caseload cap",
    "Follow-up days",
    "Plan review days",
    "BARC-10 interval days",
    "Lock after minutes",
)


@pytest.fixture
def events() -> AppEvents:
    return AppEvents()


@pytest.fixture
def pane(qtbot, services: Services, events: AppEvents) -> AdminPane:
    widget = AdminPane(services, events)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _retype(qtbot, widget: QLineEdit | QPlainTextEdit, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def test_settings_is_a_section_of_admin(pane: AdminPane):
    assert pane.tabs.tabText(0) == "Settings"


def test_every_input_is_named_by_its_label(pane: AdminPane):
    inputs = [
        w
        for w in pane.settings_section.findChildren(QWidget)
        if isinstance(w, QLineEdit | QPlainTextEdit | QComboBox | QAbstractSpinBox)
        and not isinstance(w.parentWidget(), QComboBox | QAbstractSpinBox)
    ]
    assert sorted(w.accessibleName() for w in inputs) == sorted(LABELS + NUMBER_LABELS)


def test_whole_number_settings_are_kept_and_saved(qtbot, pane, services):
    services.settings.save(services.settings.get().replace(lock_minutes=12, follow_up_days=21))
    form = pane.settings_section
    form.load()
    assert form.numbers["lock_minutes"].value() == 12
    assert not form.is_dirty()
    form.numbers["lock_minutes"].setValue(3)
    _retype(qtbot, form.centre_name, "Hope House")
    assert form.save()
    saved = services.settings.get()
    assert (saved.lock_minutes, saved.follow_up_days, saved.centre_name) == (3, 21, "Hope House")


def test_shows_the_saved_settings(pane: AdminPane):
    form = pane.settings_section
    assert form.centre_name.text() == "Recovery Centre"
    assert form.time_zone.currentText() == detect_local_zone()
    assert form.paper_size.currentText() == "A4"
    assert all(form.message_for(f) == "" for f in ("centre_name", "time_zone", "email"))


def test_empty_centre_name_is_refused_as_you_type_and_on_save(qtbot, pane, services):
    form = pane.settings_section
    _retype(qtbot, form.centre_name, "")
    assert form.message_for("centre_name") == "Centre name is required"
    assert form.field_box("centre_name").error_label.isVisible()
    assert form.centre_name.accessibleDescription() == "Centre name is required"
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.status.text() == NOT_SAVED_TEXT
    assert services.settings.get().centre_name == "Recovery Centre"
    _retype(qtbot, form.centre_name, "Hope House")
    assert form.message_for("centre_name") == ""
    assert not form.field_box("centre_name").error_label.isVisible()


def test_bad_time_zone_is_refused_and_typing_is_kept(qtbot, pane, services, events):
    form = pane.settings_section
    _retype(qtbot, form.centre_name, "Hope House")
    line = form.time_zone.lineEdit()
    _retype(qtbot, line, "Mars/Olympus")
    assert "not a known time zone" in form.message_for("time_zone")
    with qtbot.assertNotEmitted(events.settings_changed):
        assert not form.save()
    assert form.time_zone.currentText() == "Mars/Olympus"
    assert form.centre_name.text() == "Hope House"
    assert services.settings.get().time_zone == detect_local_zone()


def test_partly_typed_time_zone_is_just_not_valid_yet(qtbot, pane):
    line = pane.settings_section.time_zone.lineEdit()
    _retype(qtbot, line, "Europe")  # a folder in the zone database, not a zone
    assert "not a known time zone" in pane.settings_section.message_for("time_zone")
    qtbot.keyClicks(line, "/Paris")
    assert pane.settings_section.message_for("time_zone") == ""


def test_bad_email_is_refused_with_its_reason(qtbot, pane, services):
    form = pane.settings_section
    _retype(qtbot, form.email, "still@wrong")
    assert not form.save()
    assert form.message_for("email") == "Email should look like name@example.org"
    assert form.email.text() == "still@wrong"
    assert services.settings.get().email == ""


def test_service_refusal_shows_reasons_beside_fields(pane, services, monkeypatch):
    def refuse(settings):
        raise ValidationError([FieldError("phone", "This phone number is refused")])

    monkeypatch.setattr(services.settings, "save", refuse)
    form = pane.settings_section
    form.phone.setText("020 7946 0000")
    assert not form.save()
    assert form.message_for("phone") == "This phone number is refused"
    assert form.status.text() == NOT_SAVED_TEXT
    assert form.phone.text() == "020 7946 0000"


def test_valid_settings_are_saved_and_announced(qtbot, pane, services, events):
    form = pane.settings_section
    _retype(qtbot, form.centre_name, "Hope House")
    form.address.setPlainText("1 High Street\nTown")
    _retype(qtbot, form.phone, "+44 20 7946 0000")
    _retype(qtbot, form.email, "desk@example.org")
    _retype(qtbot, form.time_zone.lineEdit(), "Europe/London")
    form.paper_size.setCurrentIndex(form.paper_size.findData(PaperSize.LETTER.value))
    form.crisis_numbers.setPlainText("Crisis line: 988\nSamaritans: 116 123")
    with qtbot.waitSignal(events.settings_changed, timeout=1000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.status.text() == SAVED_TEXT
    saved = services.settings.get()
    assert saved.centre_name == "Hope House"
    assert saved.address == "1 High Street\nTown"
    assert saved.email == "desk@example.org"
    assert saved.time_zone == "Europe/London"
    assert saved.paper_size is PaperSize.LETTER
    assert saved.crisis_numbers == "Crisis line: 988\nSamaritans: 116 123"


def test_accented_centre_name_is_saved(qtbot, pane, services):
    form = pane.settings_section
    _retype(qtbot, form.centre_name, "Maison ")
    event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, "é")
    QApplication.sendEvent(form.centre_name, event)
    assert form.centre_name.text() == "Maison é"
    assert form.save()
    assert services.settings.get().centre_name == "Maison é"


def test_discard_goes_back_to_the_saved_settings(qtbot, pane):
    form = pane.settings_section
    _retype(qtbot, form.centre_name, "Typo House")
    qtbot.mouseClick(form.discard_button, Qt.MouseButton.LeftButton)
    assert form.centre_name.text() == "Recovery Centre"


def test_database_fault_on_save_is_shown_in_plain_words(pane, services, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "recoverydesk.ui.errors.QMessageBox.warning",
        lambda parent, title, text: shown.append((title, text)),
    )

    def locked(settings):
        raise DatabaseLockedError("The database is busy. Nothing was saved.")

    monkeypatch.setattr(services.settings, "save", locked)
    form = pane.settings_section
    form.centre_name.setText("Hope House")
    assert not form.save()
    assert shown == [("Database busy", "The database is busy. Nothing was saved.")]
    assert form.centre_name.text() == "Hope House"


def test_closing_with_unsaved_settings_asks(qtbot, pane, services):
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    pane.confirm_discard = lambda: answers.pop(0)
    assert pane.can_close()  # nothing changed: no question
    _retype(qtbot, pane.settings_section.centre_name, "Hope House")
    assert not pane.can_close()  # Cancel
    assert pane.can_close()  # Save
    assert services.settings.get().centre_name == "Hope House"
    assert answers == []
