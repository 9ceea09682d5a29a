"""The Peers pane as a coordinator and a peer use it: real widgets on a real SQLite file."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from recoverydesk.domain.accounts import Actor, Role
from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.members import Member, MemberDraft
from recoverydesk.domain.peers import AssignmentKind, ContactDraft, ContactKind, PeerDraft
from recoverydesk.services.container import Services
from recoverydesk.services.demo import generate_demo
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.forms.assign_form import AssignDialog, TransferDialog
from recoverydesk.ui.forms.contact_form import ContactDialog
from recoverydesk.ui.forms.peer_form import PeerDialog
from recoverydesk.ui.models.paged_model import PagedRowsModel
from recoverydesk.ui.models.peer_models import CaseloadModel, PeerRosterModel
from recoverydesk.ui.panes.peers_pane import TAB_SUPERVISION, PeersPane
from recoverydesk.ui.widgets.peer_table import PagedTableView

TODAY = dt.date(2026, 3, 10)
SHOTS = Path("/tmp/shots")
INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QPlainTextEdit, QAbstractItemView)


def controls(window: QWidget) -> list[QWidget]:
    """The controls a person can reach in ``window`` (not Qt's own inner parts)."""
    return [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, INTERACTIVE)
        and not isinstance(w, QHeaderView)
        and not w.objectName().startswith("qt_")
        and w.isVisibleTo(window)
    ]


def member(services: Services, first: str, last: str) -> Member:
    return services.members.create(MemberDraft(first_name=first, last_name=last))


def make_pane(qtbot, services: Services, events: AppEvents) -> PeersPane:
    pane = PeersPane(services, events)
    qtbot.addWidget(pane)
    pane.resize(1300, 760)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isVisibleTo(button.window()), button.text()
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def names(model: PagedRowsModel, col: int = 0) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def pick(qtbot, view: PagedTableView, text: str, col: int = 0) -> None:
    """Click the row whose ``col`` shows ``text``."""
    model = view.model()
    row = names(model, col).index(text)  # type: ignore[arg-type]
    rect = view.visualRect(model.index(row, col))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.current_row() == row


def type_into(qtbot, widget, text: str) -> None:
    widget.clear()
    qtbot.keyClicks(widget, text)


@pytest.fixture
def kim_and_members(services: Services) -> dict[str, int]:
    kim = services.peers.create(PeerDraft("Kim Example", caseload_cap=2)).id
    lee = services.peers.create(PeerDraft("Lee Sample")).id
    ana = member(services, "Ana", "Alpha").id
    ben = member(services, "Ben", "Beta").id
    cai = member(services, "Cai", "Gamma").id
    services.peers.assign(ana, kim, started_on=TODAY - dt.timedelta(days=30))
    services.peers.assign(ben, kim, started_on=TODAY - dt.timedelta(days=2))
    return {"kim": kim, "lee": lee, "ana": ana, "ben": ben, "cai": cai}


def test_add_a_peer_assign_log_a_contact_and_see_the_radar_change(
    qtbot, services: Services, events: AppEvents
) -> None:
    member(services, "Ana", "Alpha")
    member(services, "Ben", "Beta")
    pane = make_pane(qtbot, services, events)
    assert pane.roster_table.empty_visible()
    assert "Add peer" in pane.roster_table.empty_text

    # add a peer through the form
    click(qtbot, pane.add_button)
    peer_form = pane.actions.dialog
    assert isinstance(peer_form, PeerDialog)
    qtbot.keyClicks(peer_form.name_edit, "Kim Example")
    qtbot.keyClicks(peer_form.cap_edit, "1")
    click(qtbot, peer_form.save_button)
    assert pane.actions.dialog is None
    assert names(pane.roster) == ["Kim Example"]
    assert pane.selected_peer() is not None and pane.selected_peer().name == "Kim Example"
    assert pane.header.name_label.text() == "Kim Example"

    # assign Ana from "Needs a peer", starting five weeks ago
    pane.tabs.setCurrentWidget(pane.needs_tab)
    assert names(pane.needs_tab.model) == ["Ana Alpha", "Ben Beta"]
    assert pane.tabs.tabText(pane.tabs.indexOf(pane.needs_tab)) == "Needs a peer (2)"
    pick(qtbot, pane.needs_tab.table, "Ana Alpha")
    click(qtbot, pane.needs_tab.assign_button)
    assign = pane.actions.dialog
    assert isinstance(assign, AssignDialog)
    assert assign.peer_combo.currentText() == "Kim Example — 0 / 1"  # the selected peer
    type_into(qtbot, assign.start_edit, "2026-02-01")
    click(qtbot, assign.save_button)
    assert names(pane.needs_tab.model) == ["Ben Beta"]
    assert "Assigned to Kim Example (primary)" in pane.status_label.text()

    # Ana is on the radar: nobody has been in touch since she was assigned
    pane.tabs.setCurrentWidget(pane.radar_tab)
    radar = pane.radar_tab.radar
    assert names(radar) == ["Ana Alpha"]
    assert radar.index(0, radar.COL_WHY).data() == "No contact or visit since assigned 37 days ago"
    assert pane.tabs.tabText(pane.tabs.indexOf(pane.radar_tab)) == "Follow-up radar (1)"

    # log a contact from the caseload
    pane.tabs.setCurrentWidget(pane.caseload_tab)
    caseload = pane.caseload_tab.caseload
    assert names(caseload) == ["Ana Alpha"]
    assert pane.header.cap_label.text() == "Caseload: 1 of 1"
    pick(qtbot, pane.caseload_tab.table, "Ana Alpha")
    click(qtbot, pane.caseload_tab.log_button)
    contact = pane.actions.dialog
    assert isinstance(contact, ContactDialog)
    assert contact.member_label.text().startswith("Ana Alpha (M")
    assert contact.peer_combo.currentText() == "Kim Example"
    qtbot.keyClicks(contact.note_edit, "Met at the cafe")
    qtbot.keyClicks(contact.minutes_edit, "25")
    click(qtbot, contact.quick_buttons[0])
    assert contact.follow_up_edit.text() == "2026-03-17"
    click(qtbot, contact.save_button)
    assert pane.actions.dialog is None
    assert caseload.index(0, CaseloadModel.COL_LAST_CONTACT).data() == "2026-03-10"
    assert caseload.index(0, CaseloadModel.COL_NEXT_FOLLOW_UP).data() == "2026-03-17"
    assert pane.caseload_tab.table.current_row() == 0  # the selection survived the refresh

    # the radar changed: Ana left it
    assert radar.rowCount() == 0
    assert pane.radar_tab.table.empty_visible()
    assert "Nobody needs a follow-up" in pane.radar_tab.table.empty_text
    assert pane.tabs.tabText(pane.tabs.indexOf(pane.radar_tab)) == "Follow-up radar (0)"

    # a second member puts Kim over her cap: said in words, not colour alone
    pane.tabs.setCurrentWidget(pane.needs_tab)
    pick(qtbot, pane.needs_tab.table, "Ben Beta")
    click(qtbot, pane.needs_tab.assign_button)
    click(qtbot, pane.actions.dialog.save_button)
    assert pane.header.cap_label.text() == "⚠ Over cap: 2 of 1"
    assert pane.status_label.text() == "Over cap: 2 of 1"
    assert pane.roster.index(0, PeerRosterModel.COL_CASELOAD).data() == "2 / 1 over cap"
    assert "Every active member has a primary peer" in pane.needs_tab.table.empty_text


def test_contacted_on_the_radar_opens_the_form_prefilled_and_clears_the_row(
    qtbot, services: Services, events: AppEvents, clock: FixedClock, kim_and_members
) -> None:
    ids = kim_and_members
    services.contacts.log_contact(
        ContactDraft(ids["ben"], ContactKind.PHONE, follow_up_on=TODAY + dt.timedelta(days=1))
    )
    clock.advance(days=5)  # Ben's follow-up is 4 days overdue now
    pane = make_pane(qtbot, services, events)
    pane.tabs.setCurrentWidget(pane.radar_tab)
    radar = pane.radar_tab.radar
    assert names(radar) == ["Ana Alpha", "Ben Beta"]  # the most overdue first
    assert radar.index(1, radar.COL_WHY).data() == "Follow-up due 4 days ago"
    pick(qtbot, pane.radar_tab.table, "Ben Beta")
    click(qtbot, pane.radar_tab.contacted_button)
    form = pane.actions.dialog
    assert isinstance(form, ContactDialog)
    assert form.member_id == ids["ben"]
    assert form.peer_combo.currentData() == ids["kim"]
    assert form.kind_combo.currentText() == "Phone"
    assert form.contacted_at() == dt.datetime(2026, 3, 15, 10, 0)
    click(qtbot, form.save_button)
    assert names(radar) == ["Ana Alpha"]
    assert services.contacts.summary(ids["ben"]).last_contact == dt.date(2026, 3, 15)


def test_the_contact_form_refuses_bad_input_and_keeps_what_was_typed(
    qtbot, services: Services, events: AppEvents, kim_and_members
) -> None:
    pane = make_pane(qtbot, services, events)
    pick(qtbot, pane.caseload_tab.table, "Ana Alpha")
    click(qtbot, pane.caseload_tab.log_button)
    form = pane.actions.dialog
    qtbot.keyClicks(form.note_edit, "Kept note")
    qtbot.keyClicks(form.follow_up_edit, "2026-13-01")
    assert "not a date" in form.message_for("follow_up_on")
    click(qtbot, form.save_button)
    assert pane.actions.dialog is form and form.isVisible()
    type_into(qtbot, form.follow_up_edit, "2026-03-01")
    assert form.message_for("follow_up_on") == "Follow-up date cannot be before the contact"
    click(qtbot, form.save_button)
    assert form.note_edit.toPlainText() == "Kept note"
    assert services.contacts.summary(kim_and_members["ana"]).contacts == 0
    type_into(qtbot, form.follow_up_edit, "")
    click(qtbot, form.save_button)
    assert services.contacts.summary(kim_and_members["ana"]).contacts == 1


def test_transfer_end_and_move_a_whole_caseload(
    qtbot, services: Services, events: AppEvents, kim_and_members
) -> None:
    ids = kim_and_members
    pane = make_pane(qtbot, services, events)
    pane.actions.ask_reason = lambda parent, title, question: "Balancing caseloads"
    caseload = pane.caseload_tab.caseload
    assert names(caseload) == ["Ana Alpha", "Ben Beta"]

    pick(qtbot, pane.caseload_tab.table, "Ana Alpha")
    click(qtbot, pane.caseload_tab.transfer_button)
    transfer = pane.actions.dialog
    assert isinstance(transfer, TransferDialog)
    click(qtbot, transfer.save_button)  # nothing chosen: refused in words
    assert transfer.message_for("peer_id") == "Choose the peer to transfer to"
    assert transfer.message_for("reason") == "A reason is required"
    transfer.peer_combo.setCurrentIndex(transfer.peer_combo.findData(ids["lee"]))
    qtbot.keyClicks(transfer.reason_edit, "Member asked")
    click(qtbot, transfer.save_button)
    assert names(caseload) == ["Ben Beta"]
    history = services.peers.member_peers(ids["ana"]).history
    assert [(a.peer_name, a.end_reason) for a in history] == [
        ("Lee Sample", ""),
        ("Kim Example", "Member asked"),
    ]

    pick(qtbot, pane.caseload_tab.table, "Ben Beta")
    click(qtbot, pane.caseload_tab.end_button)
    assert caseload.rowCount() == 0
    assert "has no members yet" in pane.caseload_tab.table.empty_text
    assert names(pane.needs_tab.model) == ["Ben Beta", "Cai Gamma"]

    pane.select_peer(ids["lee"])
    assert names(caseload) == ["Ana Alpha"]
    click(qtbot, pane.caseload_tab.transfer_all_button)
    whole = pane.actions.dialog
    assert isinstance(whole, TransferDialog) and whole.member_id is None
    whole.peer_combo.setCurrentIndex(whole.peer_combo.findData(ids["kim"]))
    qtbot.keyClicks(whole.reason_edit, "Lee is leaving")
    click(qtbot, whole.save_button)
    assert caseload.rowCount() == 0
    assert pane.status_label.text() == "Moved 1 member"
    pane.select_peer(ids["kim"])
    assert names(caseload) == ["Ana Alpha"]


def test_exports_write_csv_files_off_the_ui_thread(
    qtbot, services: Services, events: AppEvents, kim_and_members, tmp_path: Path
) -> None:
    pane = make_pane(qtbot, services, events)
    asked: list[str] = []

    def answer(parent, title: str, suggested: str) -> str:
        asked.append(suggested)
        return str(tmp_path / suggested)

    pane.actions.ask_save_path = answer
    for tab, button in (
        (pane.caseload_tab, pane.caseload_tab.export_button),
        (pane.radar_tab, pane.radar_tab.export_button),
        (pane.needs_tab, pane.needs_tab.export_button),
        (None, pane.export_button),
    ):
        if tab is not None:
            pane.tabs.setCurrentWidget(tab)
        with qtbot.waitSignal(pane.actions.exported, timeout=10_000):
            click(qtbot, button)
    assert asked == ["caseload.csv", "follow-up-radar.csv", "needs-a-peer.csv", "peers.csv"]
    rows = {name: list(csv.reader((tmp_path / name).open(encoding="utf-8-sig"))) for name in asked}
    assert [r[1] for r in rows["caseload.csv"][1:]] == ["Ana Alpha", "Ben Beta"]
    assert [r[1] for r in rows["follow-up-radar.csv"][1:]] == ["Ana Alpha"]
    assert [r[1] for r in rows["needs-a-peer.csv"][1:]] == ["Cai Gamma"]
    assert [r[0] for r in rows["peers.csv"][1:]] == ["Kim Example", "Lee Sample"]
    assert pane.status_label.text() == "Exported 2 rows to peers.csv"


def test_a_peer_sees_my_caseload_and_only_what_their_role_allows(
    qtbot, services: Services, events: AppEvents, kim_and_members
) -> None:
    ids = kim_and_members
    services.peers.assign(ids["cai"], ids["lee"])
    services.access.act_as(Actor("kim", "Kim", Role.PEER, peer_id=ids["kim"]))
    pane = make_pane(qtbot, services, events)
    assert pane.selected_peer().id == ids["kim"]
    assert pane.tabs.tabText(0) == "My caseload (2)"
    assert not pane.add_button.isVisibleTo(pane) and not pane.edit_button.isVisibleTo(pane)
    assert not pane.tabs.isTabVisible(TAB_SUPERVISION)
    tab = pane.caseload_tab
    assert tab.log_button.isVisibleTo(pane)
    for button in (tab.transfer_button, tab.end_button, tab.transfer_all_button):
        assert not button.isVisibleTo(pane)
    assert not pane.needs_tab.assign_button.isVisibleTo(pane)
    pick(qtbot, tab.table, "Ana Alpha")
    assert tab.log_button.isEnabled()
    pane.select_peer(ids["lee"])
    assert pane.tabs.tabText(0) == "Caseload (1)"
    pick(qtbot, tab.table, "Cai Gamma")
    assert not tab.log_button.isEnabled()  # not on Kim's caseload


def test_after_a_peer_signs_in_the_pane_starts_on_their_caseload(
    qtbot, services: Services, events: AppEvents, kim_and_members
) -> None:
    ids = kim_and_members
    pane = make_pane(qtbot, services, events)
    pane.select_peer(ids["lee"])
    assert pane.add_button.isVisibleTo(pane)
    services.access.act_as(Actor("kim", "Kim", Role.PEER, peer_id=ids["kim"]))
    events.users_changed.emit()  # what a sign-in announces
    assert pane.selected_peer().id == ids["kim"]
    assert pane.tabs.tabText(0) == "My caseload (2)"
    assert not pane.add_button.isVisibleTo(pane)
    assert not pane.radar_tab.only_peer.isVisibleTo(pane)  # a peer's radar is their own


def test_keyboard_only_assign_from_needs_a_peer(
    qtbot, services: Services, events: AppEvents, kim_and_members
) -> None:
    pane = make_pane(qtbot, services, events)
    pane.tabs.setCurrentWidget(pane.needs_tab)
    table = pane.needs_tab.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.current_row() == 0
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = pane.actions.dialog
    assert isinstance(dialog, AssignDialog)
    qtbot.keyClick(dialog.start_edit, Qt.Key.Key_Return)  # the default button: Assign
    assert pane.actions.dialog is None
    assert names(pane.needs_tab.model) == []
    assert "Cai Gamma" in names(pane.caseload_tab.caseload)


def test_the_front_desk_is_told_peer_work_is_not_for_their_role(
    qtbot, services: Services, events: AppEvents
) -> None:
    services.access.act_as(Actor("desk", "Desk", Role.FRONT_DESK))
    pane = make_pane(qtbot, services, events)
    assert pane.stack.currentWidget() is pane.denied_label
    assert "not available to your role (Front desk)" in pane.denied_label.text()
    services.access.act_as(Actor("coord", "Coordinator", Role.COORDINATOR))
    events.users_changed.emit()
    assert pane.stack.currentIndex() == 0


def test_a_peer_with_an_expired_certificate_is_flagged(
    qtbot, services: Services, events: AppEvents, kim_and_members
) -> None:
    pane = make_pane(qtbot, services, events)
    pane.select_peer(kim_and_members["lee"])
    click(qtbot, pane.edit_button)
    form = pane.actions.dialog
    assert isinstance(form, PeerDialog)
    certs = form.certifications
    click(qtbot, certs.add_button)
    for column, text in enumerate(("CPRS", "CPRS-1", "2024-01-01", "2026-13-45")):
        certs.table.item(0, column).setText(text)
    assert certs.table.item(0, 4).text() == "Check the date"
    click(qtbot, form.save_button)
    assert "Certification 1: Expiry date" in form.message_box.informativeText()
    assert services.peers.certifications(kim_and_members["lee"]) == []
    certs.table.item(0, 3).setText("2026-02-01")
    assert certs.table.item(0, 4).text() == "Expired"
    click(qtbot, form.save_button)
    assert pane.actions.dialog is None
    row = pane.roster.row_of(kim_and_members["lee"])
    assert pane.roster.index(row, PeerRosterModel.COL_CERTS).data() == "1 expired"
    assert pane.header.certs_label.text() == "⚠ CPRS expired 2026-02-01"


def test_a_peer_with_members_cannot_be_made_inactive(
    qtbot, services: Services, events: AppEvents, kim_and_members
) -> None:
    pane = make_pane(qtbot, services, events)
    click(qtbot, pane.edit_button)
    form = pane.actions.dialog
    form.active_check.setChecked(False)
    click(qtbot, form.save_button)
    assert "transfer the caseload first" in form.message_for("active")
    assert services.peers.get(kim_and_members["kim"]).active


def test_supervision_sessions_are_added_and_their_notes_shown_only_there(
    qtbot, services: Services, events: AppEvents, kim_and_members
) -> None:
    pane = make_pane(qtbot, services, events)
    pane.tabs.setCurrentIndex(TAB_SUPERVISION)
    tab = pane.supervision_tab
    assert "No supervision sessions recorded for Kim Example" in tab.table.empty_text
    click(qtbot, tab.add_button)
    assert tab._boxes["supervisor"].message == "Supervisor is required"
    qtbot.keyClicks(tab.supervisor_edit, "Sam Supervisor")
    qtbot.keyClicks(tab.topics_edit, "Boundaries")
    qtbot.keyClicks(tab.note_edit, "Private supervision note")
    click(qtbot, tab.add_button)
    assert tab.model.rowCount() == 1
    assert tab.model.index(0, tab.model.COL_NOTE).data() == "Private supervision note"
    assert tab.status_label.text() == "Session added"


def test_changes_from_another_desk_refresh_and_keep_the_selection(
    qtbot, services: Services, events: AppEvents, kim_and_members
) -> None:
    ids = kim_and_members
    pane = make_pane(qtbot, services, events)
    pick(qtbot, pane.caseload_tab.table, "Ben Beta")
    qtbot.keyClicks(pane.search, "ki")
    services.contacts.log_contact(ContactDraft(ids["ana"], ContactKind.TEXT, peer_id=ids["kim"]))
    events.contacts_changed.emit(ids["ana"])  # what live refresh does for another desk
    caseload = pane.caseload_tab.caseload
    assert caseload.index(0, CaseloadModel.COL_LAST_CONTACT).data() == "2026-03-10"
    assert pane.caseload_tab.table.current_key() == caseload.key_at(1)  # still Ben
    assert pane.search.text() == "ki"


def test_a_hidden_pane_catches_up_when_shown(
    qtbot, services: Services, events: AppEvents, kim_and_members
) -> None:
    pane = make_pane(qtbot, services, events)
    pane.hide()
    services.peers.assign(kim_and_members["cai"], kim_and_members["kim"])
    events.peers_changed.emit()
    assert names(pane.caseload_tab.caseload) == ["Ana Alpha", "Ben Beta"]  # not yet
    pane.show()
    assert names(pane.caseload_tab.caseload) == ["Ana Alpha", "Ben Beta", "Cai Gamma"]
    assert pane.header.cap_label.text() == "⚠ Over cap: 3 of 2"


def test_filters_sort_and_empty_states(
    qtbot, services: Services, events: AppEvents, kim_and_members
) -> None:
    pane = make_pane(qtbot, services, events)
    qtbot.keyClicks(pane.search, "zz")
    pane.apply_search()
    assert pane.roster.rowCount() == 0
    assert pane.roster_table.empty_text.startswith("No peer matches the filter.")
    assert pane.header.name_label.text() == "No peer selected"
    assert "Choose a peer" in pane.caseload_tab.table.empty_text
    pane.search.clear()
    pane.apply_search()
    assert names(pane.roster) == ["Kim Example", "Lee Sample"]
    pane.roster_table.horizontalHeader().setSortIndicator(
        PeerRosterModel.COL_CASELOAD, Qt.SortOrder.DescendingOrder
    )
    assert names(pane.roster) == ["Kim Example", "Lee Sample"]
    pane.roster_table.horizontalHeader().setSortIndicator(
        PeerRosterModel.COL_CASELOAD, Qt.SortOrder.AscendingOrder
    )
    assert names(pane.roster) == ["Lee Sample", "Kim Example"]
    pane.select_peer(kim_and_members["kim"])
    needs = pane.needs_tab
    qtbot.keyClicks(needs.search, "nobody")
    needs.apply_search()
    assert needs.table.empty_text == "No member waiting for a peer matches the filter."
    pane.caseload_tab.kind_combo.setCurrentIndex(
        pane.caseload_tab.kind_combo.findData(AssignmentKind.SECONDARY.value)
    )
    assert pane.caseload_tab.table.empty_text == "No member of this caseload matches the filter."


def test_every_control_has_an_accessible_name(
    qtbot, services: Services, events: AppEvents, kim_and_members
) -> None:
    pane = make_pane(qtbot, services, events)
    for open_form in (
        pane.actions.add_peer,
        lambda: pane.actions.log_contact(kim_and_members["ana"], "Ana Alpha (M1)"),
        lambda: pane.actions.assign(kim_and_members["cai"], "Cai Gamma (M3)"),
        lambda: pane.actions.transfer_caseload(kim_and_members["kim"], "Kim Example"),
    ):
        form = open_form()
        for widget in controls(form):
            assert widget.accessibleName(), (type(widget).__name__, form.windowTitle())
        form.reject()
    for widget in controls(pane):
        assert widget.accessibleName(), type(widget).__name__
        if isinstance(widget, QAbstractButton) and widget.text():
            assert widget.accessibleName() == widget.text()


def test_screenshot_with_demo_data(qtbot, services: Services, events: AppEvents) -> None:
    generate_demo(services, 300, days=120)
    pane = make_pane(qtbot, services, events)
    pane.resize(1400, 820)
    over = [
        pane.roster.peer_row(r).name
        for r in range(pane.roster.rowCount())
        if pane.roster.peer_row(r).caseload.over_cap
    ]
    assert over, "the demo has a peer over their cap"
    row = names(pane.roster).index(over[0])
    pane.roster_table.select_row(row)
    assert pane.header.cap_label.text().startswith("⚠ Over cap:")
    pane.tabs.setCurrentWidget(pane.radar_tab)
    assert pane.radar_tab.radar.rowCount() > 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    pane.tabs.setCurrentWidget(pane.caseload_tab)
    qtbot.wait(50)
    assert pane.grab().save(str(SHOTS / "peers_pane.png"))
    pane.tabs.setCurrentWidget(pane.radar_tab)
    qtbot.wait(50)
    assert pane.grab().save(str(SHOTS / "peers_pane_radar.png"))
