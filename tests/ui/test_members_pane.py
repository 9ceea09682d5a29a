"""The Members pane as a front-desk worker uses it: real widgets on a real SQLite file."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from recoverydesk.db.engine import create_database_engine
from recoverydesk.db.session import Database
from recoverydesk.domain.accounts import Actor, Role
from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.members import Member, MemberDraft, MemberStatus
from recoverydesk.services.container import Services, build_services
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.models.members_model import PAGE, MembersTableModel
from recoverydesk.ui.panes.members_pane import MembersPane

M = MembersTableModel


def add(services: Services, first: str, last: str, **fields: object) -> Member:
    return services.members.create(MemberDraft(first, last, **fields))  # type: ignore[arg-type]


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, as a keyboard would (keyClicks aborts on non-ASCII with PySide6)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def names(pane: MembersPane) -> list[str]:
    return [pane.model.index(r, M.COL_NAME).data() for r in range(pane.model.rowCount())]


def selected_name(pane: MembersPane) -> str | None:
    current = pane.table.selectionModel().currentIndex()
    return pane.model.index(current.row(), M.COL_NAME).data() if current.isValid() else None


def field(pane: MembersPane, name: str) -> QLineEdit:
    editor = pane.form.editor(name)
    assert isinstance(editor, QLineEdit)
    return editor


def select(pane: MembersPane, qtbot, name: str) -> None:
    """Click the row showing ``name``."""
    row = names(pane).index(name)
    rect = pane.table.visualRect(pane.model.index(row, M.COL_NAME))
    qtbot.mouseClick(pane.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def new_member(pane: MembersPane, qtbot, first: str, last: str) -> None:
    qtbot.mouseClick(pane.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(field(pane, "first_name"), first)
    qtbot.keyClicks(field(pane, "last_name"), last)


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def make_pane(services: Services, events: AppEvents, qtbot) -> MembersPane:
    pane = MembersPane(services, events)
    qtbot.addWidget(pane)
    pane.resize(1280, 800)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


@pytest.fixture
def events() -> AppEvents:
    return AppEvents()


@pytest.fixture
def pane(services: Services, events: AppEvents, qtbot) -> MembersPane:
    add(services, "José", "García", phone="+1 555 010 4321")
    add(services, "Zoë", "Nguyễn")
    add(services, "Alex", "Rivera", recovery_start=dt.date(2023, 12, 1))
    return make_pane(services, events, qtbot)


def test_lists_members_with_their_count(pane: MembersPane) -> None:
    assert names(pane) == ["García, José", "Nguyễn, Zoë", "Rivera, Alex"]
    assert pane.count_label.text() == "3 members"
    assert pane.table.accessibleName() == "Members"
    assert pane.search.accessibleName() == "Member search"


def test_every_input_is_named_as_its_label(pane: MembersPane) -> None:
    for label in pane.form.findChildren(QLabel):
        if label.buddy() is not None:
            assert label.buddy().accessibleName() == label.text()
    kinds = (QAbstractButton, QLineEdit, QComboBox, QPlainTextEdit, QTableView)
    for widget in pane.findChildren(QWidget):
        if isinstance(widget, kinds) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            assert widget.accessibleName(), widget
    assert field(pane, "first_name").accessibleName() == "First name"


def test_typing_finds_people_whatever_the_accents(pane: MembersPane, qtbot) -> None:
    qtbot.keyClicks(pane.search, "jose")
    qtbot.waitUntil(lambda: names(pane) == ["García, José"])

    pane.search.clear()
    type_text(pane.search, "Zoë")
    qtbot.waitUntil(lambda: names(pane) == ["Nguyễn, Zoë"])
    assert pane.search.text() == "Zoë"
    assert pane.count_label.text() == "1 member"

    pane.search.clear()
    qtbot.keyClicks(pane.search, "NGUYEN")
    qtbot.waitUntil(lambda: names(pane) == ["Nguyễn, Zoë"])


def test_enter_searches_at_once_and_opens_the_best_match(pane: MembersPane, qtbot) -> None:
    qtbot.keyClicks(pane.search, "4321")  # last 4 digits of José's phone
    qtbot.keyClick(pane.search, Qt.Key.Key_Return)

    assert names(pane) == ["García, José"]  # no waiting for the debounce
    qtbot.waitUntil(lambda: pane.form.member is not None)
    assert field(pane, "first_name").text() == "José"


def test_creates_a_member_through_the_form(
    pane: MembersPane, services: Services, events: AppEvents, qtbot
) -> None:
    new_member(pane, qtbot, "Robin", "Okafor")
    qtbot.keyClicks(field(pane, "phone"), "555 010 7788")
    qtbot.keyClicks(field(pane, "date_of_birth"), "1990-04-05")

    with qtbot.waitSignal(events.members_changed):
        click(qtbot, pane.save_button)

    saved = services.members.search("okafor").rows
    assert [r.display_name for r in saved] == ["Robin Okafor"]
    assert "Okafor, Robin" in names(pane)
    selected = pane.table.selectionModel().currentIndex()
    assert selected.data(M.IdRole) == saved[0].id
    assert pane.status_label.text() == f"Saved {saved[0].code}"
    assert services.members.get(saved[0].id).date_of_birth == dt.date(1990, 4, 5)
    assert not pane.save_button.isEnabled()


def test_missing_first_name_is_refused_and_typed_text_kept(
    pane: MembersPane, services: Services, qtbot
) -> None:
    qtbot.mouseClick(pane.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(field(pane, "last_name"), "Okafor")

    click(qtbot, pane.save_button)

    assert pane.form.error_text("first_name") == "First name is required"
    assert pane.form.error_label("first_name").isVisible()
    assert field(pane, "last_name").text() == "Okafor"
    assert services.members.search("okafor").rows == ()
    assert pane.model.total == 3


def test_date_of_birth_is_checked_as_it_is_typed(
    pane: MembersPane, services: Services, qtbot
) -> None:
    new_member(pane, qtbot, "Robin", "Okafor")
    dob = field(pane, "date_of_birth")

    qtbot.keyClicks(dob, "2030-01-01")
    assert pane.form.error_text("date_of_birth") == "Date of birth cannot be in the future"
    click(qtbot, pane.save_button)
    assert services.members.search("okafor").rows == ()
    assert dob.text() == "2030-01-01"

    dob.clear()
    qtbot.keyClicks(dob, "1899-12-31")
    assert pane.form.error_text("date_of_birth") == "Date of birth cannot be before 1900"
    dob.clear()
    qtbot.keyClicks(dob, "31/12/1980")
    assert "YYYY-MM-DD" in pane.form.error_text("date_of_birth")
    dob.clear()
    qtbot.keyClicks(dob, "1980-12-31")
    assert pane.form.error_text("date_of_birth") == ""


def test_conflicting_save_is_refused_and_typed_text_kept(
    pane: MembersPane, services: Services, qtbot
) -> None:
    select(pane, qtbot, "Rivera, Alex")
    qtbot.waitUntil(lambda: pane.form.member is not None)
    opened = pane.form.member
    assert opened is not None
    services.members.update(
        opened.id, MemberDraft("Alex", "Rivera", phone="555 010 9999"), opened.version
    )  # another desk saves first

    first = field(pane, "first_name")
    first.clear()
    qtbot.keyClicks(first, "Alexis")
    click(qtbot, pane.save_button)

    box = pane.message_box
    assert box is not None and box.isVisible()
    assert "Someone else saved this member" in box.informativeText()
    assert first.text() == "Alexis"
    assert services.members.get(opened.id).first_name == "Alex"
    box.close()


def test_archive_with_reason_then_show_archived_then_restore(
    pane: MembersPane, services: Services, qtbot
) -> None:
    select(pane, qtbot, "Rivera, Alex")
    qtbot.waitUntil(lambda: pane.form.member is not None)
    pane.ask_archive_reason = lambda member: "Moved to another city"  # type: ignore[method-assign]

    click(qtbot, pane.archive_button)

    assert "Rivera, Alex" not in names(pane)
    assert pane.count_label.text() == "2 members"
    assert pane.status_label.text().startswith("Archived M")
    qtbot.mouseClick(pane.show_archived, Qt.MouseButton.LeftButton)
    row = names(pane).index("Rivera, Alex")
    assert pane.model.index(row, M.COL_STATUS).data() == "Archived"
    member = services.members.search("rivera", include_archived=True).rows[0]
    assert member.status is MemberStatus.ARCHIVED
    assert services.members.get(member.id).archived_reason == "Moved to another city"

    assert pane.restore_button.isVisible()
    click(qtbot, pane.restore_button)
    assert services.members.get(member.id).status is MemberStatus.MEMBER
    assert pane.model.index(row, M.COL_STATUS).data() == "Member"


def test_cancelled_archive_changes_nothing(pane: MembersPane, services: Services, qtbot) -> None:
    select(pane, qtbot, "Rivera, Alex")
    qtbot.waitUntil(lambda: pane.form.member is not None)
    pane.ask_archive_reason = lambda member: None  # type: ignore[method-assign]

    click(qtbot, pane.archive_button)

    assert "Rivera, Alex" in names(pane)
    assert services.members.search("rivera").rows[0].status is MemberStatus.MEMBER


def test_possible_duplicate_is_asked_about_first(
    pane: MembersPane, services: Services, qtbot
) -> None:
    asked: list[list[str]] = []
    answer = False

    def confirm(rows):  # the person's answer to "This may be the same person as …"
        asked.append([r.display_name for r in rows])
        return answer

    pane.confirm_duplicates = confirm  # type: ignore[method-assign]
    new_member(pane, qtbot, "alex", "RIVERA")

    click(qtbot, pane.save_button)
    assert asked == [["Alex Rivera"]]
    assert len(services.members.search("rivera").rows) == 1
    assert field(pane, "first_name").text() == "alex"

    answer = True
    click(qtbot, pane.save_button)
    assert len(services.members.search("rivera").rows) == 2
    assert pane.model.total == 4


def test_leaving_unsaved_changes_asks_first(pane: MembersPane, services: Services, qtbot) -> None:
    select(pane, qtbot, "García, José")
    qtbot.waitUntil(lambda: pane.form.member is not None)
    qtbot.keyClicks(field(pane, "pronouns"), "he/him")
    answers = ["cancel", "save"]
    pane.confirm_discard = lambda: answers.pop(0)  # type: ignore[method-assign]

    select(pane, qtbot, "Rivera, Alex")  # cancel: stay on José with the edit
    qtbot.waitUntil(lambda: selected_name(pane) == "García, José")
    assert field(pane, "pronouns").text() == "he/him"

    select(pane, qtbot, "Rivera, Alex")  # save, then open Alex
    qtbot.waitUntil(lambda: field(pane, "first_name").text() == "Alex")
    assert selected_name(pane) == "Rivera, Alex"
    jose = services.members.search("jose").rows[0]
    assert jose.pronouns == "he/him"


def test_changes_made_elsewhere_refresh_the_list_keeping_search_and_selection(
    pane: MembersPane, services: Services, events: AppEvents, qtbot
) -> None:
    qtbot.keyClicks(pane.search, "riv")
    qtbot.waitUntil(lambda: names(pane) == ["Rivera, Alex"])
    select(pane, qtbot, "Rivera, Alex")
    qtbot.waitUntil(lambda: pane.form.member is not None)

    other = add(services, "Sam", "Rivers")
    events.members_changed.emit(other.id)

    assert names(pane) == ["Rivera, Alex", "Rivers, Sam"]
    assert pane.search.text() == "riv"
    assert selected_name(pane) == "Rivera, Alex"


def test_recovery_milestone_follows_the_start_date(pane: MembersPane, qtbot) -> None:
    select(pane, qtbot, "Rivera, Alex")
    qtbot.waitUntil(lambda: pane.form.member is not None)
    milestone = next(
        label
        for label in pane.form.findChildren(QLabel)
        if label.accessibleName() == "Recovery milestone"
    )
    assert milestone.text() == "2 years 3 months"

    start = field(pane, "recovery_start")
    start.clear()
    qtbot.keyClicks(start, "2025-12-10")
    assert milestone.text() == "3 months"


def test_header_click_sorts_in_sql_and_unsortable_columns_stay_put(
    pane: MembersPane, qtbot
) -> None:
    header = pane.table.horizontalHeader()

    def click_header(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
        )

    click_header(M.COL_CODE)
    codes = [pane.model.index(r, M.COL_CODE).data() for r in range(3)]
    assert codes == sorted(codes)
    assert pane.model.sort_key == "code"

    click_header(M.COL_PRONOUNS)
    assert pane.model.sort_key == "code"
    assert header.sortIndicatorSection() == M.COL_CODE


def test_list_holds_one_page_of_many_members(services: Services, events: AppEvents, qtbot) -> None:
    for n in range(PAGE + 20):
        add(services, f"Person{n:03d}", "Example")
    pane = make_pane(services, events, qtbot)

    assert pane.model.rowCount() == PAGE
    assert pane.count_label.text() == f"{PAGE + 20} members"
    pane.table.scrollToBottom()
    qtbot.waitUntil(lambda: pane.model.rowCount() == PAGE + 20)


@pytest.fixture
def impatient(services: Services, db_path: Path, clock: FixedClock) -> Iterator[Services]:
    """Services on the same file that give up on a lock after 50 ms."""
    opened = build_services(Database(create_database_engine(db_path, busy_timeout_ms=50)), clock)
    yield opened
    opened.close()


def test_locked_database_is_explained_and_typed_text_kept(
    impatient: Services, db_path: Path, events: AppEvents, qtbot
) -> None:
    pane = make_pane(impatient, events, qtbot)
    new_member(pane, qtbot, "Robin", "Okafor")
    other_desk = sqlite3.connect(db_path, isolation_level=None)
    other_desk.execute("BEGIN IMMEDIATE")
    try:
        click(qtbot, pane.save_button)
    finally:
        other_desk.rollback()
        other_desk.close()

    box = pane.message_box
    assert box is not None and box.isVisible()
    assert box.text() == "Database busy"
    assert "Nothing was saved" in box.informativeText()
    assert "Traceback" not in box.informativeText()
    assert field(pane, "first_name").text() == "Robin"
    box.close()

    click(qtbot, pane.save_button)
    assert [r.display_name for r in impatient.members.search("okafor").rows] == ["Robin Okafor"]


def test_emergency_contacts_are_checked_and_saved(
    pane: MembersPane, services: Services, qtbot
) -> None:
    new_member(pane, qtbot, "Robin", "Okafor")
    contacts = pane.form.editor("emergency_contacts")
    click(qtbot, contacts.add_button)
    contacts.table.item(0, 0).setText("Sam Okafor")
    contacts.table.item(0, 1).setText("brother")

    click(qtbot, pane.save_button)
    assert pane.form.error_text("emergency_contacts") == ("Emergency contact 1: phone is required")
    assert services.members.search("okafor").rows == ()

    contacts.table.item(0, 2).setText("555 010 2222")
    assert pane.form.error_text("emergency_contacts") == ""
    click(qtbot, pane.save_button)
    saved = services.members.get(services.members.search("robin").rows[0].id)
    assert [(c.name, c.relationship, c.phone) for c in saved.emergency_contacts] == [
        ("Sam Okafor", "brother", "555 010 2222")
    ]


def test_cancel_puts_back_the_saved_details(pane: MembersPane, qtbot) -> None:
    select(pane, qtbot, "Rivera, Alex")
    qtbot.waitUntil(lambda: pane.form.member is not None)
    qtbot.keyClicks(field(pane, "email"), "not-an-email")
    assert pane.form.error_text("email") == "Email should look like name@example.org"

    click(qtbot, pane.cancel_button)

    assert field(pane, "email").text() == ""
    assert pane.form.error_text("email") == ""
    assert not pane.save_button.isEnabled()


def test_closing_with_unsaved_edits_asks_first(pane: MembersPane, qtbot) -> None:
    new_member(pane, qtbot, "Robin", "Okafor")
    pane.confirm_discard = lambda: "cancel"  # type: ignore[method-assign]
    assert not pane.can_close()
    assert field(pane, "first_name").text() == "Robin"
    pane.confirm_discard = lambda: "discard"  # type: ignore[method-assign]
    assert pane.can_close()


def test_the_front_desk_role_cannot_archive_and_sees_no_peer_work(
    pane: MembersPane, services: Services, events: AppEvents, qtbot
) -> None:
    select(pane, qtbot, "Rivera, Alex")
    qtbot.waitUntil(lambda: pane.form.member is not None)
    assert pane.archive_button.isVisible()
    services.access.act_as(Actor("desk1", "Desk One", Role.FRONT_DESK, user_id=1))
    events.users_changed.emit()
    assert not pane.archive_button.isVisible() and not pane.restore_button.isVisible()
    assert not pane.peers_box.isVisible() and not pane.plan_box.isVisible()
