"""Admin → Front desk: visit rules edited, refused or saved, and the desk following them."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from tests.ui.conftest import show_active

from recoverydesk.domain.errors import FieldError, ValidationError
from recoverydesk.domain.members import Member, MemberDraft, MemberStatus
from recoverydesk.domain.visits import DEFAULT_PURPOSES, VisitRules
from recoverydesk.services.container import Services
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.panes.admin_pane import AdminPane
from recoverydesk.ui.panes.front_desk_pane import FrontDeskPane
from recoverydesk.ui.panes.visit_rules_tab import NOT_SAVED_TEXT, SAVED_TEXT, VisitRulesTab
from recoverydesk.ui.widgets.desk_message import MessageKind

# the offscreen platform says these when a window shows; not our bugs
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

SETTINGS_LABELS = (
    "Centre name",
    "Address",
    "Phone",
    "Email",
    "Time zone",
    "Paper size",
    "Crisis numbers",
)
RULES_LABELS = ("One visit per member per day", "Guest visit limit", "Visit purposes")
NUMBER_LABELS = (
    "Caseload cap",
    "Follow-up days",
    "Plan review days",
    "BARC-10 interval days",
    "Lock after minutes",
)
AUDIT_FILTER_LABELS = ("Action", "User", "From", "To")
TODAY = dt.date(2026, 3, 10)
INPUTS = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QCheckBox, QListWidget)


@pytest.fixture
def events() -> AppEvents:
    return AppEvents()


@pytest.fixture
def admin(qtbot, services: Services, events: AppEvents) -> AdminPane:
    widget = AdminPane(services, events)
    widget.tabs.setCurrentIndex(1)
    return show_active(qtbot, widget, (900, 760))


@pytest.fixture
def tab(admin: AdminPane) -> VisitRulesTab:
    return admin.visit_rules_tab


def _names(view: QListWidget) -> list[str]:
    return [view.item(row).text() for row in range(view.count())]


def _row_of(view: QListWidget, text: str) -> int:
    return _names(view).index(text)


def _retype_item(qtbot, tab: VisitRulesTab, row: int, text: str) -> None:
    """F2 on a purpose, replace its text, Enter: as a person renames one in place."""
    view = tab.purposes
    view.setFocus()
    view.setCurrentRow(row)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.accessibleName() == "Visit purpose"
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(editor, text)
    _enter_in_editor(qtbot, tab, editor)


def _enter_in_editor(qtbot, tab: VisitRulesTab, editor: QWidget) -> None:
    """Enter in the in-place editor; the view takes the text on its next turn of events."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.purposes.indexWidget(tab.purposes.currentIndex()) is None)


def _add_purpose(qtbot, tab: VisitRulesTab, text: str) -> None:
    """The Add button, then type the new purpose and Enter."""
    qtbot.mouseClick(tab.purpose_editor.add_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, text)
    _enter_in_editor(qtbot, tab, editor)


def _set_limit(qtbot, tab: VisitRulesTab, text: str) -> None:
    spin = tab.guest_limit
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


def _add(services: Services, first: str, last: str, **fields: object) -> Member:
    return services.members.create(MemberDraft(first, last, **fields))  # type: ignore[arg-type]


# -- the form ------------------------------------------------------------------------------


def test_front_desk_is_a_section_of_admin(admin: AdminPane):
    assert [admin.tabs.tabText(i) for i in range(admin.tabs.count())] == [
        "Settings",
        "Front desk",
        "Backups",
        "Users",
        "Audit trail",
    ]


def test_every_admin_input_is_named_by_its_visible_label(admin: AdminPane, tab: VisitRulesTab):
    inputs = [w for w in admin.findChildren(QWidget) if isinstance(w, INPUTS)]
    inputs = [w for w in inputs if not isinstance(w.parentWidget(), QComboBox | QAbstractSpinBox)]
    expected = SETTINGS_LABELS + NUMBER_LABELS + RULES_LABELS + AUDIT_FILTER_LABELS
    assert sorted(w.accessibleName() for w in inputs) == sorted(expected)
    assert tab.once_a_day.text() == "One visit per member per day"
    for button in tab.findChildren(QPushButton):
        assert button.accessibleName() == button.text().replace("&", "")
    buddies = {label.text(): label.buddy() for label in tab.findChildren(type(tab.status))}
    assert buddies["Guest visit limit"] is tab.guest_limit
    assert buddies["Visit purposes"] is tab.purposes


def test_shows_the_saved_rules(qtmodeltester, tab: VisitRulesTab):
    assert tab.once_a_day.isChecked()
    assert tab.guest_limit.value() == 3
    assert _names(tab.purposes) == list(DEFAULT_PURPOSES)
    assert tab.message_for("purposes") == "" and tab.message_for("guest_limit") == ""
    assert not tab.is_dirty()
    qtmodeltester.check(tab.purposes.model())


def test_changed_purposes_and_limit_are_saved_and_announced(
    qtbot, qtmodeltester, tab: VisitRulesTab, services: Services, events: AppEvents
):
    view = tab.purposes
    view.setCurrentRow(_row_of(view, "Referral"))
    _add_purpose(qtbot, tab, "Peer support")  # lands after the chosen one
    view.setFocus()
    view.setCurrentRow(_row_of(view, "Computer"))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    view.setCurrentRow(_row_of(view, "Meal"))
    qtbot.mouseClick(tab.purpose_editor.up_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    _retype_item(qtbot, tab, _row_of(view, "Other"), "Something else")
    qtbot.mouseClick(tab.once_a_day, Qt.MouseButton.LeftButton)
    _set_limit(qtbot, tab, "5")
    qtmodeltester.check(view.model())
    assert tab.is_dirty() and tab.message_for("purposes") == ""
    with qtbot.waitSignal(events.settings_changed, timeout=1000):
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.status.text() == SAVED_TEXT
    expected = (
        "Drop-in",
        "Meal",
        "Group",
        "One-to-one",
        "Laundry/shower",
        "Naloxone",
        "Referral",
        "Peer support",
        "Something else",
    )
    assert services.visit_rules.get() == VisitRules(False, 5, expected)
    assert not tab.is_dirty()


def test_a_typed_accented_purpose_is_kept_as_typed(qtbot, tab: VisitRulesTab, services):
    qtbot.mouseClick(tab.purpose_editor.add_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Caf")
    event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, "é")
    QApplication.sendEvent(editor, event)
    _enter_in_editor(qtbot, tab, editor)
    assert tab.save()
    assert "Café" in services.visit_rules.get().purposes


def test_blank_purpose_is_refused_with_a_message(
    qtbot, tab: VisitRulesTab, services: Services, events: AppEvents
):
    _set_limit(qtbot, tab, "7")
    _retype_item(qtbot, tab, 1, "")
    assert tab.message_for("purposes") == "Purpose 2 is blank: type a name or remove it"
    assert tab.field_box("purposes").error_label.isVisible()
    assert tab.purposes.accessibleDescription() == tab.message_for("purposes")
    with qtbot.assertNotEmitted(events.settings_changed):
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.status.text() == NOT_SAVED_TEXT
    assert services.visit_rules.get() == VisitRules()
    assert tab.guest_limit.value() == 7 and tab.purposes.count() == len(DEFAULT_PURPOSES)
    tab.purposes.setFocus()
    qtbot.keyClick(tab.purposes, Qt.Key.Key_Delete)  # the blank one is still the chosen row
    assert tab.message_for("purposes") == ""
    assert tab.save()
    assert services.visit_rules.get().purposes == DEFAULT_PURPOSES[:1] + DEFAULT_PURPOSES[2:]


def test_duplicate_purpose_is_refused_ignoring_case_and_accents(
    qtbot, tab: VisitRulesTab, services: Services, events: AppEvents
):
    view = tab.purposes
    view.setCurrentRow(view.count() - 1)
    _add_purpose(qtbot, tab, "MEAL")
    assert tab.message_for("purposes") == "“MEAL” is in the list twice (purposes 4 and 10)"
    with qtbot.assertNotEmitted(events.settings_changed):
        assert not tab.save()
    assert _names(view)[-1] == "MEAL"  # kept as typed
    view.item(8).setText("Café")  # "Other"
    _retype_item(qtbot, tab, 9, "cafe")
    assert tab.message_for("purposes") == "“cafe” is in the list twice (purposes 9 and 10)"
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert tab.message_for("purposes") == ""
    assert tab.save()
    assert services.visit_rules.get().purposes[-1] == "Café"


def test_too_long_or_no_purposes_are_refused(qtbot, tab: VisitRulesTab, services: Services):
    _retype_item(qtbot, tab, 0, "x" * 41)
    assert tab.message_for("purposes") == (
        "Purpose 1 is 41 characters long; at most 40 fit on the desk's buttons"
    )
    assert not tab.save()
    assert _names(tab.purposes)[0] == "x" * 41  # kept as typed
    tab.purposes.setFocus()
    while tab.purposes.count():
        qtbot.keyClick(tab.purposes, Qt.Key.Key_Delete)
    assert tab.message_for("purposes") == "At least one visit purpose is needed"
    assert not tab.save()
    assert services.visit_rules.get().purposes == DEFAULT_PURPOSES


def test_escape_on_a_new_purpose_takes_it_away(qtbot, tab: VisitRulesTab):
    qtbot.mouseClick(tab.purpose_editor.add_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    assert tab.message_for("purposes") == ""  # no nagging while the new one is typed
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert _names(tab.purposes) == list(DEFAULT_PURPOSES)
    assert not tab.is_dirty()


def test_save_takes_a_purpose_still_being_typed(qtbot, tab: VisitRulesTab, services: Services):
    qtbot.mouseClick(tab.purpose_editor.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(QApplication.focusWidget(), "Showers")
    assert tab.save()  # e.g. from the close question, with the editor still open
    assert services.visit_rules.get().purposes[:2] == ("Drop-in", "Showers")  # after the chosen


def test_service_refusal_is_shown_beside_the_field(
    qtbot, tab: VisitRulesTab, services, monkeypatch
):
    def refuse(rules: VisitRules) -> VisitRules:
        raise ValidationError([FieldError("guest_limit", "Refused by the service")])

    monkeypatch.setattr(services.visit_rules, "save", refuse)
    _set_limit(qtbot, tab, "9")
    assert not tab.save()
    assert tab.message_for("guest_limit") == "Refused by the service"
    assert tab.status.text() == NOT_SAVED_TEXT
    assert tab.guest_limit.value() == 9


def test_discard_goes_back_to_the_saved_rules(qtbot, tab: VisitRulesTab):
    _retype_item(qtbot, tab, 0, "Typo")
    qtbot.mouseClick(tab.discard_button, Qt.MouseButton.LeftButton)
    assert _names(tab.purposes) == list(DEFAULT_PURPOSES)
    assert not tab.is_dirty()


def test_closing_with_unsaved_rules_asks(qtbot, admin: AdminPane, tab, services: Services):
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    tab.confirm_discard = lambda: answers.pop(0)
    assert admin.can_close()  # nothing changed: no question
    _set_limit(qtbot, tab, "6")
    admin.tabs.setCurrentIndex(0)
    assert not admin.can_close()  # Cancel: the window stays, on the tab in question
    assert admin.tabs.currentIndex() == 1
    assert admin.can_close()  # Save
    assert services.visit_rules.get().guest_limit == 6
    assert answers == []


# -- the desk follows ----------------------------------------------------------------------


@pytest.fixture
def desk(qtbot, services: Services, events: AppEvents) -> FrontDeskPane:
    widget = FrontDeskPane(services, events)
    qtbot.addWidget(widget)
    widget.resize(1200, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _check_in_by_code(qtbot, desk: FrontDeskPane, code: str) -> None:
    desk.activateWindow()
    qtbot.waitUntil(desk.isActiveWindow)
    desk.search.setFocus()
    qtbot.keyClicks(desk.search, code)
    qtbot.keyClick(desk.search, Qt.Key.Key_Return)


def _bar(desk: FrontDeskPane) -> list[str]:
    return [b.accessibleName() for b in desk.purposes.buttons]


def test_front_desk_purpose_bar_shows_the_new_list(
    qtbot, tab: VisitRulesTab, desk: FrontDeskPane, services: Services
):
    ana = _add(services, "Ana", "Silva")
    ben = _add(services, "Ben", "Okafor")
    _check_in_by_code(qtbot, desk, ana.code)
    assert _bar(desk) == list(DEFAULT_PURPOSES)
    qtbot.mouseClick(desk.purposes.buttons[3], Qt.MouseButton.LeftButton)  # Meal
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    _retype_item(qtbot, tab, _row_of(tab.purposes, "Computer"), "Phone charging")
    _add_purpose(qtbot, tab, "Peer support")
    assert tab.save()  # announces settings_changed
    new = [p if p != "Computer" else "Phone charging" for p in DEFAULT_PURPOSES]
    new.insert(new.index("Phone charging") + 1, "Peer support")
    assert _bar(desk) == new, "the bar on show follows at once"
    assert desk.purposes.chosen() == ["Meal"] and desk.purposes.label.text() == "Purposes for Ana:"
    _check_in_by_code(qtbot, desk, ben.code)
    assert _bar(desk) == new
    peer = next(b for b in desk.purposes.buttons if b.accessibleName() == "Peer support")
    qtbot.mouseClick(peer, Qt.MouseButton.LeftButton)
    rows = {r.member_id: r.purposes for r in services.visits.visits_on(TODAY)}
    assert rows == {ana.id: ("Meal",), ben.id: ("Peer support",)}


def test_guest_limit_zero_means_no_limit_at_the_desk(
    qtbot, tab: VisitRulesTab, desk: FrontDeskPane, services: Services
):
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    _set_limit(qtbot, tab, "0")
    assert tab.guest_limit.value() == 0
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.status.text() == SAVED_TEXT
    assert tab.guest_limit.text() == "0 = no limit"
    assert services.visit_rules.get().guest_limit == 0
    tomas = _add(services, "Tomás", "Ruiz", status=MemberStatus.GUEST)
    for days in (5, 4, 3, 2, 1):
        services.visits.check_in(tomas.id, on=TODAY - dt.timedelta(days=days))
    _check_in_by_code(qtbot, desk, tomas.code)
    assert desk.message.kind is MessageKind.DONE
    assert desk.message.text() == "✓ Tomás Ruiz checked in at 10:00 (guest visit 6)"
    assert desk.message.action_button.accessibleName() == "Undo"  # not "Make member"
    assert [v.member_id for v in services.visits.visits_on(TODAY)] == [tomas.id]
    desk.search.setFocus()
    qtbot.keyClicks(desk.search, "ruiz")
    qtbot.waitUntil(lambda: desk.results_model.rowCount() == 1)
    flags = desk.results_model.index(0, desk.results_model.COL_DESK).data()
    assert flags == "Guest: 6 visits"  # no "of N": nothing to reach
