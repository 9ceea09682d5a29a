"""Front desk: type or scan, Enter, next person — on a real database, with the keyboard only."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QWidget
from tests.ui.conftest import show_active

from recoverydesk.domain.accounts import Actor, Role
from recoverydesk.domain.errors import DatabaseLockedError
from recoverydesk.domain.members import EmergencyContact, Member, MemberDraft, MemberStatus
from recoverydesk.domain.visits import VisitSource
from recoverydesk.services.container import Services
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.panes.front_desk_pane import FrontDeskPane
from recoverydesk.ui.widgets.desk_message import MessageKind

# the offscreen platform says these when a window or a popup shows; not our bugs
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

TODAY = dt.date(2026, 3, 10)
YESTERDAY = dt.date(2026, 3, 9)


@pytest.fixture
def pane(desk_pane: FrontDeskPane) -> FrontDeskPane:
    return desk_pane


def _add(services: Services, first: str, last: str, **fields: object) -> Member:
    return services.members.create(MemberDraft(first, last, **fields))  # type: ignore[arg-type]


def _type(qtbot, pane: FrontDeskPane, text: str) -> None:
    """Type into the search as a person would (ASCII via keyClicks, the rest as text events)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(pane.search, char)
        else:
            event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(pane.search, event)


def _enter(qtbot, widget: QWidget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def _result_names(pane: FrontDeskPane) -> list[str]:
    model = pane.results_model
    return [model.index(r, model.COL_NAME).data() for r in range(model.rowCount())]


def _shown(qtbot, pane: FrontDeskPane, count: int) -> None:
    qtbot.waitUntil(lambda: pane.results_model.rowCount() == count)


def _visits_today(services: Services, day: dt.date = TODAY) -> list:
    return services.visits.visits_on(day)


def _ready_for_next(pane: FrontDeskPane) -> bool:
    return pane.search.text() == "" and pane.search.hasFocus()


# -- finding and checking in -------------------------------------------------------------


def test_search_has_focus_and_the_named_widgets_exist(qtbot, pane: FrontDeskPane):
    qtbot.waitUntil(pane.search.hasFocus)
    names = {w.accessibleName() for w in pane.findChildren(QWidget)}
    assert {
        "Check-in search",
        "Check-in results",
        "Check-in message",
        "In the building",
        "In the building count",
        "Guest",
        "Paper catch-up",
        "Visits",
        "Visits on",
    } <= names
    assert pane.search.placeholderText() == (
        "Type a name, member code or last 4 phone digits — Enter checks in"
    )
    assert pane.search.font().pointSizeF() > QApplication.font().pointSizeF() * 1.5


def test_typing_shows_matches_at_once(qtbot, pane: FrontDeskPane, services: Services):
    _add(services, "Maria", "Silva", pronouns="she/her")
    _add(services, "Marcus", "Mahlangu", preferred_name="Mo")
    _add(services, "Ben", "Okafor")
    _type(qtbot, pane, "ma")
    _shown(qtbot, pane, 2)
    assert sorted(_result_names(pane)) == ["Marcus “Mo” Mahlangu", "Maria Silva"]
    model = pane.results_model
    row = model.row_of(services.front_desk.find("maria")[0].member_id)
    assert model.index(row, model.COL_PRONOUNS).data() == "she/her"
    assert model.index(row, model.COL_LAST_VISIT).data() == "never"


def test_non_ascii_typing_finds_accented_names(qtbot, pane: FrontDeskPane, services: Services):
    _add(services, "Zoë", "Ng")
    _add(services, "Zola", "Budd")
    _type(qtbot, pane, "Zoë")
    assert pane.search.text() == "Zoë"
    _shown(qtbot, pane, 1)
    assert _result_names(pane) == ["Zoë Ng"]


def test_down_then_enter_checks_in_the_second_result(
    qtbot, pane: FrontDeskPane, services: Services
):
    for first in ("Mateo", "Maya", "Malik"):
        _add(services, first, "Haddad")
    _type(qtbot, pane, "ma")
    _shown(qtbot, pane, 3)
    second = pane.results_model.desk_row(1)
    qtbot.keyClick(pane.search, Qt.Key.Key_Down)
    _enter(qtbot, pane.search)
    visits = _visits_today(services)
    assert [v.member_id for v in visits] == [second.member_id]
    assert visits[0].source is VisitSource.DESK
    assert pane.message.text() == f"✓ {second.name} checked in at 10:00"
    assert _ready_for_next(pane)
    assert pane.results_model.rowCount() == 0


def test_scanned_code_checks_in_directly_as_scanner(qtbot, pane: FrontDeskPane, services: Services):
    ana = _add(services, "Ana", "Silva")
    _add(services, "Ben", "Okafor")
    qtbot.keyClicks(pane.search, ana.code)
    _enter(qtbot, pane.search)  # at once, as a scanner does
    visits = _visits_today(services)
    assert [(v.member_id, v.source) for v in visits] == [(ana.id, VisitSource.SCANNER)]
    assert _ready_for_next(pane)
    qtbot.waitUntil(lambda: pane.count_label.text() == "In the building: 1")
    building = pane.in_building.model
    assert building.index(0, building.COL_NAME).data() == "Ana Silva"
    assert building.index(0, building.COL_IN).data() == "10:00"


def test_second_check_in_same_day_records_nothing(
    qtbot, pane: FrontDeskPane, services: Services, clock
):
    ana = _add(services, "Ana", "Silva", preferred_name="Annie")
    services.visits.check_in(ana.id)
    clock.advance(minutes=42)
    qtbot.keyClicks(pane.search, ana.code)
    _enter(qtbot, pane.search)
    assert pane.message.kind is MessageKind.ALREADY
    assert pane.message.text() == (
        "↺ Annie Silva is already checked in today at 10:00; nothing new recorded"
    )
    assert services.visits.day_counts().visits == 1
    assert _ready_for_next(pane)


def test_last_four_phone_digits_check_in(qtbot, pane: FrontDeskPane, services: Services):
    ana = _add(services, "Ana", "Silva", phone="555-0142")
    qtbot.keyClicks(pane.search, "0142")
    _enter(qtbot, pane.search)
    assert [v.member_id for v in _visits_today(services)] == [ana.id]
    qtbot.keyClicks(pane.search, "9999")
    _enter(qtbot, pane.search)
    assert pane.message.text().startswith("⚠ Nobody's phone number ends in 9999.")
    assert pane.search.text() == "9999" and not pane.quick_add.isVisible()


def test_escape_clears_the_search(qtbot, pane: FrontDeskPane, services: Services):
    _add(services, "Ana", "Silva")
    _type(qtbot, pane, "an")
    _shown(qtbot, pane, 1)
    qtbot.keyClick(pane.search, Qt.Key.Key_Escape)
    assert pane.search.text() == "" and pane.results_model.rowCount() == 0


def test_unknown_code_says_so_and_keeps_the_text(qtbot, pane: FrontDeskPane):
    qtbot.keyClicks(pane.search, "M999993")
    _enter(qtbot, pane.search)
    assert "No member has the code M999993" in pane.message.text()
    assert pane.message.kind is MessageKind.PROBLEM
    assert pane.search.text() == "M999993"
    assert not pane.quick_add.isVisible()


def test_purposes_toggle_without_taking_focus(qtbot, pane: FrontDeskPane, services: Services):
    ana = _add(services, "Ana", "Silva")
    qtbot.keyClicks(pane.search, ana.code)
    _enter(qtbot, pane.search)
    assert pane.purposes.isVisible()
    assert pane.purposes.label.text() == "Purposes for Ana:"
    meal = next(b for b in pane.purposes.buttons if b.accessibleName() == "Meal")
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in pane.purposes.buttons)
    qtbot.mouseClick(meal, Qt.MouseButton.LeftButton)
    assert _visits_today(services)[0].purposes == ("Meal",)
    assert meal.text() == "✓ Meal"  # not told by colour alone
    assert pane.search.hasFocus()
    qtbot.keyClick(pane.search, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert _visits_today(services)[0].purposes == ("Drop-in", "Meal")
    assert pane.search.hasFocus()


def test_events_refresh_lists_and_keep_typed_text(
    qtbot, pane: FrontDeskPane, services: Services, events: AppEvents
):
    ana = _add(services, "Ana", "Silva")
    _type(qtbot, pane, "an")
    _shown(qtbot, pane, 1)
    visit = services.visits.check_in(ana.id).visit  # another desk
    events.visits_changed.emit(visit.id)
    assert pane.count_label.text() == "In the building: 1"
    assert pane.search.text() == "an"
    model = pane.results_model
    assert model.index(0, model.COL_LAST_VISIT).data() == "today"


def test_emits_visits_changed_after_a_check_in(
    qtbot, pane: FrontDeskPane, services: Services, events: AppEvents
):
    ana = _add(services, "Ana", "Silva")
    qtbot.keyClicks(pane.search, ana.code)
    with qtbot.waitSignal(events.visits_changed) as signal:
        _enter(qtbot, pane.search)
    assert signal.args == [_visits_today(services)[0].visit_id]


def test_database_error_is_a_plain_message_and_keeps_the_text(
    qtbot, pane: FrontDeskPane, services: Services, monkeypatch
):
    ana = _add(services, "Ana", "Silva")

    def locked(*_args: object, **_kwargs: object) -> None:
        raise DatabaseLockedError("Another desk is holding the database; nothing was saved.")

    monkeypatch.setattr(services.visits, "check_in", locked)
    qtbot.keyClicks(pane.search, ana.code)
    _enter(qtbot, pane.search)
    assert pane.message.text().startswith("⚠ Database busy: Another desk is holding")
    assert "Traceback" not in pane.message.text()
    assert pane.search.text() == ana.code


# -- guests --------------------------------------------------------------------------------


def test_ctrl_g_checks_in_an_anonymous_guest(qtbot, pane: FrontDeskPane, services: Services):
    qtbot.keyClick(pane.search, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert pane.guest_entry.isVisible()
    assert pane.guest_entry.field.hasFocus()
    assert pane.guest_entry.field.accessibleName() == "First name or initials (optional)"
    qtbot.keyClicks(pane.guest_entry.field, "J.K.")
    _enter(qtbot, pane.guest_entry.field)
    visits = _visits_today(services)
    assert [(v.member_id, v.guest_label) for v in visits] == [(None, "J.K.")]
    assert pane.message.text() == "✓ Guest J.K. checked in at 10:00"
    assert not pane.guest_entry.isVisible()
    assert pane.search.hasFocus()
    building = pane.in_building.model
    assert building.index(0, building.COL_NAME).data() == "Guest (J.K.)"


def test_guest_flags_limit_then_override_with_reason(
    qtbot, pane: FrontDeskPane, services: Services, monkeypatch
):
    tomas = _add(services, "Tomás", "Ruiz", status=MemberStatus.GUEST)
    for days in (3, 2, 1):
        services.visits.check_in(tomas.id, on=TODAY - dt.timedelta(days=days))
    _type(qtbot, pane, "Tomás")
    _shown(qtbot, pane, 1)
    flags = pane.results_model.index(0, pane.results_model.COL_DESK).data()
    assert flags == "Guest: 3 visits of 3"
    _enter(qtbot, pane.search)
    assert pane.message.kind is MessageKind.REFUSED
    assert "has had 3 guest visits" in pane.message.text()
    assert pane.message.action_button.isVisible()
    assert pane.message.action_button.accessibleName() == "Override…"
    assert pane.search.text() == "Tomás"  # nothing recorded, nothing lost
    asked: list[str] = []
    monkeypatch.setattr(
        pane, "ask_override_reason", lambda name: asked.append(name) or "Intro booked Friday"
    )
    qtbot.keyClick(pane.search, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # no mouse
    qtbot.waitUntil(lambda: asked == ["Tomás"])  # a button's shortcut clicks it animated
    assert [v.member_id for v in _visits_today(services)] == [tomas.id]
    assert pane.message.kind is MessageKind.DONE
    again = services.visits.check_in(tomas.id)  # records nothing; shows the stored visit
    assert not again.created and again.visit.override_reason == "Intro booked Friday"


def test_guest_limit_reached_is_said_and_offers_make_member(
    qtbot, pane: FrontDeskPane, services: Services
):
    lena = _add(services, "Lena", "Berg", status=MemberStatus.GUEST)
    for days in (2, 1):
        services.visits.check_in(lena.id, on=TODAY - dt.timedelta(days=days))
    qtbot.keyClicks(pane.search, lena.code)
    _enter(qtbot, pane.search)
    assert "(guest visit 3 of 3)" in pane.message.text()
    assert "Guest visit limit reached" in pane.message.text()
    assert pane.message.action_button.accessibleName() == "Make member"
    qtbot.mouseClick(pane.message.action_button, Qt.MouseButton.LeftButton)
    assert services.members.get(lena.id).status is MemberStatus.MEMBER


def test_make_member_keeps_the_visit_history(
    qtbot, pane: FrontDeskPane, services: Services, events: AppEvents
):
    tomas = _add(services, "Tomás", "Ruiz", status=MemberStatus.GUEST)
    services.visits.check_in(tomas.id, on=YESTERDAY)
    services.visits.check_in(tomas.id)
    _type(qtbot, pane, "ruiz")
    _shown(qtbot, pane, 1)
    assert pane.checkin.make_member_button.isEnabled()
    with qtbot.waitSignal(events.members_changed) as signal:
        qtbot.mouseClick(pane.checkin.make_member_button, Qt.MouseButton.LeftButton)
    assert signal.args == [tomas.id]
    assert services.members.get(tomas.id).status is MemberStatus.MEMBER
    assert [v.member_id for v in _visits_today(services, YESTERDAY)] == [tomas.id]
    assert [v.member_id for v in _visits_today(services)] == [tomas.id]
    assert pane.results_model.index(0, pane.results_model.COL_DESK).data() == ""
    assert not pane.checkin.make_member_button.isEnabled()
    assert pane.search.text() == "ruiz"


def test_anonymous_guest_visit_becomes_a_new_person(qtbot, pane: FrontDeskPane, services: Services):
    services.visits.check_in_guest("Lê")
    pane.refresh_lists()
    pane.in_building.table.selectRow(0)
    qtbot.mouseClick(pane.in_building.make_member_button, Qt.MouseButton.LeftButton)
    form = pane.quick_add
    assert form.isVisible() and form.edits["first_name"].text() == "Lê"
    qtbot.keyClicks(form.edits["last_name"], "Tam")
    _enter(qtbot, form.edits["last_name"])
    rows = _visits_today(services)
    assert [(r.name, r.guest_label) for r in rows] == [("Lê Tam", "")]
    assert services.visits.day_counts().visits == 1


# -- new people ----------------------------------------------------------------------------


def test_enter_on_nobody_opens_quick_add_prefilled(qtbot, pane: FrontDeskPane, services: Services):
    _type(qtbot, pane, "zoë quinn")
    _enter(qtbot, pane.search)
    form = pane.quick_add
    assert form.isVisible()
    assert (form.edits["first_name"].text(), form.edits["last_name"].text()) == ("Zoë", "Quinn")
    assert form.as_guest.isChecked()
    _enter(qtbot, form.edits["last_name"])
    member = services.members.search("quinn").rows[0]
    assert member.status is MemberStatus.GUEST
    assert [v.member_id for v in _visits_today(services)] == [member.id]
    assert not form.isVisible()
    assert _ready_for_next(pane)


def test_quick_add_warns_of_a_duplicate_before_creating(
    qtbot, pane: FrontDeskPane, services: Services, monkeypatch
):
    _add(services, "Ana", "Silva")
    _type(qtbot, pane, "Ana Silvaa")
    _enter(qtbot, pane.search)
    form = pane.quick_add
    last = form.edits["last_name"]
    assert last.text() == "Silvaa"
    qtbot.keyClick(last, Qt.Key.Key_Backspace)
    answers = [False, True]
    shown: list[list[str]] = []

    def confirm(rows) -> bool:
        shown.append([r.display_name for r in rows])
        return answers.pop(0)

    monkeypatch.setattr(pane, "confirm_duplicates", confirm)
    _enter(qtbot, last)
    assert shown == [["Ana Silva"]]
    assert services.members.search("ana silva").rows.__len__() == 1
    assert form.isVisible() and last.text() == "Silva"  # cancelled: nothing lost
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    assert len(services.members.search("ana silva").rows) == 2
    assert len(_visits_today(services)) == 1


def test_quick_add_shows_problems_beside_fields_and_keeps_text(
    qtbot, pane: FrontDeskPane, services: Services
):
    _type(qtbot, pane, "Priya")
    _enter(qtbot, pane.search)
    form = pane.quick_add
    assert form.edits["last_name"].hasFocus()
    qtbot.keyClicks(form.edits["phone"], "call me")
    _enter(qtbot, form.edits["phone"])
    assert form.boxes["last_name"].message == "Last name is required"
    assert "Phone should be digits" in form.boxes["phone"].message
    assert form.edits["first_name"].text() == "Priya"
    assert form.edits["phone"].text() == "call me"
    assert services.members.search("priya").rows == ()
    qtbot.keyClick(form.edits["phone"], Qt.Key.Key_Escape)
    assert not form.isVisible()
    assert pane.search.text() == "Priya" and pane.search.hasFocus()


# -- paper catch-up, leaving, the day ------------------------------------------------------


def test_paper_catch_up_records_on_the_past_date(qtbot, pane: FrontDeskPane, services: Services):
    ana = _add(services, "Ana", "Silva")
    qtbot.mouseClick(pane.paper.toggle, Qt.MouseButton.LeftButton)
    assert pane.paper.active and pane.paper.day == YESTERDAY
    assert pane.paper.banner.isVisible()
    assert "Paper catch-up for Mon 9 Mar 2026" in pane.paper.banner.text()
    assert pane.paper.date_edit.maximumDate().toPython() == YESTERDAY
    _enter(qtbot, pane.paper.date_edit)  # back to the search
    assert pane.search.hasFocus()
    qtbot.keyClicks(pane.search, ana.code)
    _enter(qtbot, pane.search)
    assert pane.message.text() == "✓ Ana Silva recorded for Mon 9 Mar 2026 (paper sheet)"
    qtbot.keyClicks(pane.search, ana.code)
    _enter(qtbot, pane.search)
    visits = _visits_today(services, YESTERDAY)
    assert [(v.member_id, v.source) for v in visits] == [(ana.id, VisitSource.PAPER)]
    assert _visits_today(services) == []
    assert pane.message.text() == (
        "↺ Ana Silva is already recorded on 2026-03-09 (paper sheet); nothing new recorded"
    )
    assert pane.day_visits.day == YESTERDAY
    assert pane.day_visits.counts_label.text() == "Visits 1 · Members 1 · Guests 0"


def test_check_out_selected_and_all(qtbot, pane: FrontDeskPane, services: Services, monkeypatch):
    for first in ("Ana", "Ben", "Chen"):
        services.visits.check_in(_add(services, first, "Okafor").id)
    services.visits.check_in_guest()
    pane.refresh_lists()
    assert pane.count_label.text() == "In the building: 4"
    pane.in_building.table.selectRow(0)
    qtbot.mouseClick(pane.in_building.check_out_button, Qt.MouseButton.LeftButton)
    assert pane.count_label.text() == "In the building: 3"
    monkeypatch.setattr(pane, "confirm_check_out_all", lambda count: False)
    qtbot.mouseClick(pane.in_building.check_out_all_button, Qt.MouseButton.LeftButton)
    assert pane.in_building.model.rowCount() == 3
    asked: list[int] = []
    monkeypatch.setattr(pane, "confirm_check_out_all", lambda count: asked.append(count) or True)
    qtbot.mouseClick(pane.in_building.check_out_all_button, Qt.MouseButton.LeftButton)
    assert asked == [3]
    assert pane.in_building.model.rowCount() == 0
    assert pane.count_label.text() == "In the building: 0"
    assert services.visits.day_counts().in_building == 0
    assert pane.message.text() == "✓ Checked out 3 people"


def test_day_list_counts_and_other_dates(qtbot, pane: FrontDeskPane, services: Services):
    ana = _add(services, "Ana", "Silva")
    ben = _add(services, "Ben", "Okafor")
    services.visits.check_in(ana.id)
    services.visits.check_in(ben.id)
    services.visits.check_in_guest("Sam")
    services.visits.check_in(ana.id, on=YESTERDAY)
    pane.refresh_lists()
    assert pane.day_visits.day == TODAY
    assert pane.day_visits.date_edit.maximumDate().toPython() == TODAY
    assert pane.day_visits.counts_label.text() == "Visits 3 · Members 2 · Guests 1"
    pane.day_visits.set_day(YESTERDAY)
    assert pane.day_visits.counts_label.text() == "Visits 1 · Members 1 · Guests 0"
    assert pane.day_visits.model.rowCount() == 1


# -- privacy ---------------------------------------------------------------------------------


def test_results_never_carry_private_details(qtbot, pane: FrontDeskPane, services: Services):
    _add(
        services,
        "Ana",
        "Silva",
        address="12 Private Lane",
        email="ana.silva@example.org",
        phone="555-0142",
        date_of_birth=dt.date(1980, 5, 17),
        desk_note="Parcel at the desk",
        emergency_contacts=(EmergencyContact("Rosa Silva", "sister", "555-0199"),),
    )
    _type(qtbot, pane, "ana")
    _shown(qtbot, pane, 1)
    model = pane.results_model
    seen = " ".join(
        str(model.index(0, c).data(role))
        for c in range(model.columnCount())
        for role in range(int(Qt.ItemDataRole.UserRole) + 20)
    )
    for private in ("Private Lane", "example.org", "555-0142", "1980", "Rosa", "555-0199"):
        assert private not in seen
    assert "Parcel at the desk" in seen  # the short desk note is meant to be seen


def test_results_table_never_takes_focus(pane: FrontDeskPane):
    assert pane.results.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert pane.results.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert isinstance(pane.search, QLineEdit)


def test_enter_on_another_unknown_name_keeps_the_form_typed_so_far(qtbot, pane: FrontDeskPane):
    _type(qtbot, pane, "Priya")
    _enter(qtbot, pane.search)
    qtbot.keyClicks(pane.quick_add.edits["last_name"], "Nair")
    pane.search.setFocus()
    pane.search.selectAll()
    _type(qtbot, pane, "Someone")
    _enter(qtbot, pane.search)
    assert pane.quick_add.edits["first_name"].text() == "Priya"
    assert pane.quick_add.edits["last_name"].text() == "Nair"


def test_day_list_follows_today_past_midnight(
    qtbot, pane: FrontDeskPane, services: Services, clock
):
    clock.advance(days=1)
    pane.refresh_lists()
    assert pane.day_visits.day == TODAY + dt.timedelta(days=1)


def test_ready_at_once_inside_the_main_window(
    qtbot, services: Services, events: AppEvents, tmp_path
):
    from PySide6.QtCore import QSettings

    from recoverydesk.ui.main_window import MainWindow

    pane = FrontDeskPane(services, events)
    state = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = show_active(qtbot, MainWindow(services, events, [("Front desk", pane)], state=state))
    qtbot.waitUntil(pane.search.hasFocus)
    qtbot.keyClicks(window.focusWidget(), "ana")
    assert pane.search.text() == "ana"


@pytest.mark.slow
def test_a_busy_morning_of_scans_stays_up(qtbot, pane: FrontDeskPane, services: Services):
    """Hundreds of check-ins in one session (each emits signals) neither crash nor drift."""
    codes = [_add(services, f"Person{n:03d}", "Queue").code for n in range(300)]
    for code in codes:
        qtbot.keyClicks(pane.search, code)
        _enter(qtbot, pane.search)
    assert services.visits.day_counts().visits == 300
    assert pane.count_label.text() == "In the building: 300"
    assert _ready_for_next(pane)


def test_the_front_desk_role_is_not_offered_an_override(
    qtbot, pane: FrontDeskPane, services: Services
):
    tomas = _add(services, "Tomás", "Ruiz", status=MemberStatus.GUEST)
    for days in (3, 2, 1):
        services.visits.check_in(tomas.id, on=TODAY - dt.timedelta(days=days))
    services.access.act_as(Actor("desk1", "Desk One", Role.FRONT_DESK, user_id=1))
    _type(qtbot, pane, "Tomás")
    _shown(qtbot, pane, 1)
    _enter(qtbot, pane.search)
    assert pane.message.kind is MessageKind.REFUSED
    assert "A coordinator can override this." in pane.message.text()
    assert not pane.message.action_button.isVisible()
    assert _visits_today(services) == []
