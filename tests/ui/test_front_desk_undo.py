"""Front desk: a mistaken check-in taken back from the message line, by click or Alt+U."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from recoverydesk.domain.members import Member, MemberDraft, MemberStatus
from recoverydesk.domain.visits import VisitSource
from recoverydesk.services.container import Services
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.panes.front_desk_pane import FrontDeskPane
from recoverydesk.ui.widgets.desk_message import MessageKind

# the offscreen platform says these when a window shows; not our bugs
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def pane(desk_pane: FrontDeskPane) -> FrontDeskPane:
    return desk_pane


@pytest.fixture
def ana(services: Services) -> Member:
    return services.members.create(MemberDraft("Ana", "Silva"))


def _enter(qtbot, pane: FrontDeskPane, text: str) -> None:
    qtbot.keyClicks(pane.search, text)
    qtbot.keyClick(pane.search, Qt.Key.Key_Return)


def _visits(services: Services, day: dt.date = TODAY) -> list:
    return services.visits.visits_on(day)


def _undo_offered(pane: FrontDeskPane) -> bool:
    button = pane.message.action_button
    return button.isVisible() and button.accessibleName() == "Undo"


def test_undo_takes_the_check_in_back_and_allows_it_again(
    qtbot, pane: FrontDeskPane, services: Services, events: AppEvents, ana: Member
):
    _enter(qtbot, pane, "ana")
    assert pane.message.text() == "✓ Ana Silva checked in at 10:00"
    assert _undo_offered(pane) and pane.message.action_button.text() == "&Undo"
    qtbot.mouseClick(pane.purposes.buttons[3], Qt.MouseButton.LeftButton)  # Meal, stored
    assert pane.count_label.text() == "In the building: 1"
    with qtbot.waitSignal(events.visits_changed) as signal:
        qtbot.mouseClick(pane.message.action_button, Qt.MouseButton.LeftButton)
    assert signal.args == [-1]
    assert _visits(services) == []
    assert services.visits.day_counts().visits == 0
    assert pane.in_building.model.rowCount() == 0
    assert pane.count_label.text() == "In the building: 0"
    assert pane.message.kind is MessageKind.DONE
    assert pane.message.text() == "✓ Check-in of Ana Silva undone"
    assert not pane.message.action_button.isVisible()
    assert not pane.purposes.isVisible() and pane.purposes.visit_id is None
    assert pane.search.hasFocus() and pane.search.text() == ""
    _enter(qtbot, pane, "ana")  # the right person after all
    assert pane.message.text() == "✓ Ana Silva checked in at 10:00"
    assert [(v.member_id, v.purposes) for v in _visits(services)] == [(ana.id, ())]


def test_alt_u_undoes_a_scanned_check_in(qtbot, pane: FrontDeskPane, services, ana: Member):
    _enter(qtbot, pane, ana.code)
    assert [v.source for v in _visits(services)] == [VisitSource.SCANNER]
    qtbot.keyClick(pane.search, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # no mouse
    qtbot.waitUntil(lambda: _visits(services) == [])  # a button's shortcut clicks it animated
    assert pane.message.text() == "✓ Check-in of Ana Silva undone"
    assert pane.search.hasFocus()


def test_a_guest_check_in_can_be_undone(qtbot, pane: FrontDeskPane, services: Services):
    qtbot.keyClick(pane.search, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(pane.guest_entry.field, "J.K.")
    qtbot.keyClick(pane.guest_entry.field, Qt.Key.Key_Return)
    assert _undo_offered(pane)
    qtbot.mouseClick(pane.message.action_button, Qt.MouseButton.LeftButton)
    assert _visits(services) == []
    assert pane.message.text() == "✓ Check-in of Guest J.K. undone"
    assert pane.search.hasFocus()


def test_undo_is_only_for_the_visit_just_recorded(
    qtbot, pane: FrontDeskPane, services: Services, ana: Member
):
    ben = services.members.create(MemberDraft("Ben", "Okafor"))
    _enter(qtbot, pane, ana.code)
    _enter(qtbot, pane, ben.code)
    qtbot.mouseClick(pane.message.action_button, Qt.MouseButton.LeftButton)
    assert [v.member_id for v in _visits(services)] == [ana.id]
    assert pane.message.text() == "✓ Check-in of Ben Okafor undone"
    assert pane.purposes.isHidden()


def test_no_undo_when_nothing_new_was_recorded(
    qtbot, pane: FrontDeskPane, services: Services, ana: Member
):
    services.visits.check_in(ana.id)
    _enter(qtbot, pane, ana.code)
    assert pane.message.kind is MessageKind.ALREADY
    assert not pane.message.action_button.isVisible()


def test_guest_at_the_limit_gets_make_member_and_undo(
    qtbot, pane: FrontDeskPane, services: Services
):
    lena = services.members.create(MemberDraft("Lena", "Berg", status=MemberStatus.GUEST))
    for days in (2, 1):
        services.visits.check_in(lena.id, on=TODAY - dt.timedelta(days=days))
    _enter(qtbot, pane, lena.code)
    assert pane.message.action_button.accessibleName() == "Make member"
    assert pane.message.extra_button.accessibleName() == "Undo"
    qtbot.mouseClick(pane.message.extra_button, Qt.MouseButton.LeftButton)
    assert services.visits.day_counts(TODAY).visits == 0
    assert "undone" in pane.message.text()


def test_no_undo_for_a_paper_sheet_entry(
    qtbot, pane: FrontDeskPane, services: Services, ana: Member
):
    qtbot.mouseClick(pane.paper.toggle, Qt.MouseButton.LeftButton)
    pane.search.setFocus()
    _enter(qtbot, pane, ana.code)
    assert pane.message.text() == "✓ Ana Silva recorded for Mon 9 Mar 2026 (paper sheet)"
    assert not pane.message.action_button.isVisible()


def test_an_undo_refused_is_said_plainly_and_keeps_the_visit(
    qtbot, pane: FrontDeskPane, services: Services, ana: Member, clock
):
    _enter(qtbot, pane, ana.code)
    clock.advance(days=1)  # the desk stayed open past midnight
    qtbot.mouseClick(pane.message.action_button, Qt.MouseButton.LeftButton)
    assert pane.message.kind is MessageKind.PROBLEM
    assert "Only today's check-ins at the desk can be undone" in pane.message.text()
    assert [v.member_id for v in _visits(services)] == [ana.id]
    assert pane.search.hasFocus()
