"""Admin → Users and Admin → Audit trail, signed in as a real admin on a real database."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from tests.ui.conftest import PASSWORD, add_user

from recoverydesk.domain.accounts import AuditAction, Role
from recoverydesk.services.accounts import LAST_ADMIN
from recoverydesk.services.audit import EXPORT_COLUMNS
from recoverydesk.services.container import Services
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.forms import user_form
from recoverydesk.ui.models.audit_model import AuditTableModel
from recoverydesk.ui.panes.admin_pane import AdminPane
from recoverydesk.ui.panes.audit_tab import AuditTab

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

USERS_TAB, AUDIT_TAB = 3, 4


@pytest.fixture
def pane(qtbot, services: Services, events: AppEvents) -> AdminPane:
    """The Admin pane, shown, with the admin "ada" signed in."""
    add_user(services, "ada", Role.ADMIN, "Ada Admin")
    services.accounts.sign_in("ada", PASSWORD)
    widget = AdminPane(services, events)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _drive(monkeypatch, dialog_class, fill) -> list[QDialog]:
    """Answer ``dialog_class`` with ``fill(dialog)`` (which returns the exec result)."""
    opened: list[QDialog] = []

    def run(dialog) -> int:
        opened.append(dialog)
        return int(fill(dialog))

    monkeypatch.setattr(dialog_class, "exec", run)
    return opened


def _users_column(pane: AdminPane, column: int) -> list[str]:
    model = pane.users_tab.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _audit_column(tab: AuditTab, column: int) -> list[str]:
    model = tab.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


# -- Users ----------------------------------------------------------------------------------


def test_users_tab_lists_the_accounts(qtbot, qtmodeltester, pane: AdminPane):
    assert pane.tabs.tabText(USERS_TAB) == "Users"
    pane.tabs.setCurrentIndex(USERS_TAB)
    qtmodeltester.check(pane.users_tab.model)
    assert _users_column(pane, 0) == ["ada"]
    assert [pane.users_tab.model.index(0, c).data() for c in range(4)] == [
        "ada",
        "Ada Admin",
        "Admin",
        "Yes",
    ]
    assert pane.users_tab.model.index(0, 4).data() == "2026-03-10 10:00"
    assert not pane.users_tab.edit_button.isEnabled()


def test_add_user_checks_as_typed_and_adds_the_account(
    qtbot, monkeypatch, pane: AdminPane, services, events
):
    pane.tabs.setCurrentIndex(USERS_TAB)
    seen: dict[str, str] = {}

    def fill(dialog) -> bool:
        dialog.inputs["username"].setText("ADA")
        dialog.inputs["display_name"].setText("Desk Person")
        role = dialog.inputs["role"]
        role.setCurrentIndex(role.findData(Role.FRONT_DESK.value))
        dialog.inputs["password"].setText("short")
        dialog.inputs["repeat"].setText("short")
        assert not dialog.submit()
        seen["password"] = dialog.message_for("password")
        dialog.inputs["password"].setText(PASSWORD)
        dialog.inputs["repeat"].setText(PASSWORD)
        assert not dialog.submit()  # the service refuses: the name is taken
        seen["username"] = dialog.message_for("username")
        dialog.inputs["username"].setText("desk2")
        return dialog.submit()

    _drive(monkeypatch, user_form.UserDialog, fill)
    with qtbot.waitSignal(events.users_changed, timeout=2000):
        qtbot.mouseClick(pane.users_tab.add_button, Qt.MouseButton.LeftButton)
    assert "at least 10 characters" in seen["password"]
    assert seen["username"] == "The username 'ADA' is already taken"
    assert _users_column(pane, 0) == ["ada", "desk2"]
    assert pane.users_tab.selected_user().username == "desk2"
    assert pane.users_tab.status.text() == "Added desk2 (Front desk)."
    user = services.accounts.sign_in("desk2", PASSWORD)
    assert user.role is Role.FRONT_DESK and user.display_name == "Desk Person"


def test_the_last_admin_cannot_be_demoted(qtbot, monkeypatch, pane: AdminPane):
    pane.tabs.setCurrentIndex(USERS_TAB)
    pane.users_tab.select(pane.users_tab.model.user(0).id)
    seen: dict[str, str] = {}

    def fill(dialog) -> bool:
        role = dialog.inputs["role"]
        role.setCurrentIndex(role.findData(Role.COORDINATOR.value))
        assert not dialog.submit()
        seen["role"] = dialog.message_for("role")
        return False  # cancelled

    opened = _drive(monkeypatch, user_form.UserDialog, fill)
    assert pane.users_tab.edit_selected() is None
    assert opened and seen["role"] == LAST_ADMIN
    assert _users_column(pane, 2) == ["Admin"]


def test_edit_switches_an_account_off(qtbot, monkeypatch, pane: AdminPane, services):
    desk = add_user(services, "desk3", Role.FRONT_DESK)
    pane.tabs.setCurrentIndex(USERS_TAB)
    assert pane.users_tab.select(desk.id)

    def fill(dialog) -> bool:
        dialog.inputs["active"].setChecked(False)
        return dialog.submit()

    _drive(monkeypatch, user_form.UserDialog, fill)
    pane.users_tab.edit_selected()
    row = pane.users_tab.model.row_of(desk.id)
    assert pane.users_tab.model.index(row, 3).data() == "No"


def test_reset_password_lets_them_in_with_the_new_one(
    qtbot, monkeypatch, pane: AdminPane, services
):
    desk = add_user(services, "desk4", Role.FRONT_DESK)
    pane.tabs.setCurrentIndex(USERS_TAB)
    pane.users_tab.select(desk.id)

    def fill(dialog) -> bool:
        dialog.inputs["password"].setText("brand-new-password")
        dialog.inputs["repeat"].setText("brand-new-passwore")
        assert not dialog.submit()
        assert dialog.message_for("repeat") == "The two passwords are not the same"
        dialog.inputs["repeat"].setText("brand-new-password")
        return dialog.submit()

    _drive(monkeypatch, user_form.ResetPasswordDialog, fill)
    qtbot.mouseClick(pane.users_tab.reset_button, Qt.MouseButton.LeftButton)
    assert pane.users_tab.status.text() == "New password set for desk4."
    assert services.accounts.sign_in("desk4", "brand-new-password").username == "desk4"


# -- Audit trail ----------------------------------------------------------------------------


@pytest.fixture
def audit_tab(qtbot, pane: AdminPane, services: Services) -> AuditTab:
    with pytest.raises(Exception):  # noqa: B017 - a failed sign-in to filter on
        services.accounts.sign_in("ada", "wrong-password")
    services.accounts.sign_in("ada", PASSWORD)
    pane.tabs.setCurrentIndex(AUDIT_TAB)
    assert pane.tabs.tabText(AUDIT_TAB) == "Audit trail"
    return pane.audit_tab


def test_audit_tab_lists_sign_ins_newest_first(qtbot, qtmodeltester, audit_tab: AuditTab):
    qtmodeltester.check(audit_tab.model)
    actions = _audit_column(audit_tab, AuditTableModel.COL_ACTION)
    assert actions[0] == "Sign in"
    assert "Failed sign in" in actions
    assert _audit_column(audit_tab, AuditTableModel.COL_USER)[0] == "ada"
    assert _audit_column(audit_tab, AuditTableModel.COL_WHEN)[0] == "2026-03-10 10:00:00"
    assert audit_tab.table.accessibleName() == "Audit entries"


def test_audit_filters_by_action_user_and_dates(qtbot, audit_tab: AuditTab, services):
    add_user(services, "desk5", Role.FRONT_DESK)
    services.accounts.switch_user("desk5", PASSWORD)
    services.accounts.switch_user("ada", PASSWORD)
    tab = audit_tab
    tab.action.setCurrentIndex(tab.action.findData(AuditAction.FAILED_SIGN_IN.value))
    assert set(_audit_column(tab, AuditTableModel.COL_ACTION)) == {"Failed sign in"}
    tab.action.setCurrentIndex(tab.action.findData(AuditAction.SIGN_IN.value))
    assert set(_audit_column(tab, AuditTableModel.COL_USER)) == {"ada", "desk5"}
    qtbot.keyClicks(tab.user, "desk5")
    qtbot.keyClick(tab.user, Qt.Key.Key_Return)
    assert _audit_column(tab, AuditTableModel.COL_USER) == ["desk5"]
    tab.user.clear()
    tab.from_date.setText("2026-03-10")
    tab.to_date.setText("2026-03-10")
    assert tab.apply_filters() and tab.model.rowCount() >= 3
    tab.from_date.setText("2026-03-11")
    tab.to_date.setText("")
    assert tab.apply_filters() and tab.model.rowCount() == 0
    tab.from_date.setText("2026-13-01")
    assert not tab.apply_filters()
    assert tab.boxes["from"].message == "Not a date: use YYYY-MM-DD"
    tab.from_date.setText("2026-03-10")
    tab.to_date.setText("2026-03-09")
    assert not tab.apply_filters()
    assert tab.boxes["to"].message == "'To' is before 'From'"


def test_audit_export_writes_what_the_filters_select(
    qtbot, audit_tab: AuditTab, tmp_path: Path, monkeypatch
):
    target = tmp_path / "audit.csv"
    monkeypatch.setattr(audit_tab, "choose_export_path", lambda: target)
    audit_tab.action.setCurrentIndex(audit_tab.action.findData(AuditAction.SIGN_IN.value))
    qtbot.mouseClick(audit_tab.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: audit_tab.status.text().startswith("Exported"), timeout=5000)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert {row[4] for row in rows[1:]} == {"sign-in"}
    assert audit_tab.status.text() == f"Exported {len(rows) - 1} entries to {target}."


def test_verify_audit_trail_says_it_is_whole_or_where_it_broke(
    qtbot, audit_tab: AuditTab, db_path: Path
):
    qtbot.mouseClick(audit_tab.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: audit_tab.status.text().startswith("Audit trail"), timeout=5000)
    text = audit_tab.status.text()
    assert text.startswith("Audit trail verified: ") and text.endswith(" entries, no breaks.")
    assert _audit_column(audit_tab, AuditTableModel.COL_ENTITY)[0] == "audit"  # the check

    with sqlite3.connect(db_path) as conn:  # someone edits the file behind RecoveryDesk
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
        ).fetchall():
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("UPDATE audit_log SET detail = 'changed' WHERE id = 2")
    conn.close()
    qtbot.mouseClick(audit_tab.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "broken" in audit_tab.status.text(), timeout=5000)
    assert audit_tab.status.text().startswith("The audit trail is broken at entry #2")


def test_audit_pages_load_as_the_table_scrolls(qtbot, qtmodeltester, audit_tab, services):
    for number in range(450):
        services.access.log(AuditAction.VIEW, "member", number)
    audit_tab.apply_filters()
    model = audit_tab.model
    assert model.rowCount() == 200 and model.canFetchMore()
    qtmodeltester.check(model)
    audit_tab.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() >= 400)
    while model.canFetchMore():
        model.fetchMore()
    ids = [model.index(r, 0).data(AuditTableModel.IdRole) for r in range(model.rowCount())]
    assert ids == sorted(ids, reverse=True) and len(ids) == len(set(ids)) >= 450
    assert "entries shown, newest first" in audit_tab.count_label.text()
