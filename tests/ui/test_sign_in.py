"""Signing in: the first admin, refusals in plain words, demo accounts, and what each role sees.

The window is the real one (every pane of ``build_panes``) on a real database, opened
with nobody signed in as ``recoverydesk`` opens it, and driven with the keyboard.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QLineEdit
from tests.ui.conftest import PASSWORD, add_user, visible_texts

from recoverydesk.domain.accounts import SYSTEM_ACTOR, AuditAction, PermissionDeniedError, Role
from recoverydesk.domain.members import Member, MemberDraft
from recoverydesk.domain.peers import ContactDraft, ContactKind, PeerDraft
from recoverydesk.services.container import Services
from recoverydesk.services.sign_in import WRONG
from recoverydesk.ui.main_window import MainWindow
from recoverydesk.ui.widgets.sign_in_parts import PASSWORDS_DIFFER

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

PRIVATE_NOTE = "Qvarnstrom private note 7731"


def _type(qtbot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    qtbot.keyClicks(edit, text)


def _enter(qtbot, edit: QLineEdit) -> None:
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def _key(window: MainWindow, digit: int) -> None:
    QTest.keyClick(window, getattr(Qt.Key, f"Key_{digit}"), Qt.KeyboardModifier.ControlModifier)


def _navigation(window: MainWindow) -> list[str]:
    nav = window.navigation
    return [nav.item(r).text() for r in range(nav.count()) if not nav.isRowHidden(r)]


def _member(services: Services, first: str, last: str) -> Member:
    return services.members.create(MemberDraft(first_name=first, last_name=last))


def _audit_actions(services: Services) -> list[tuple[str, AuditAction]]:
    """(username, action) of the newest entries, read as the command line would."""
    actor, locked = services.access.actor, services.access.locked
    services.access.act_as(SYSTEM_ACTOR)
    try:
        rows = services.audit.entries(limit=50).rows
    finally:
        services.access.act_as(actor)
        services.access.set_locked(locked)
    return [(entry.username, entry.action) for entry in rows]


# -- first start --------------------------------------------------------------------------


def test_first_admin_form_on_an_empty_database_creates_and_signs_in(
    qtbot, app_window, services: Services
):
    window = app_window()
    assert window.screen_name == "first-admin"
    assert not window.pane("Front desk").isVisible()
    form = window.first_admin_form
    qtbot.waitUntil(form.edits["username"].hasFocus)
    _type(qtbot, form.edits["username"], "ada")
    _enter(qtbot, form.edits["username"])
    assert form.edits["display_name"].hasFocus()
    _type(qtbot, form.edits["display_name"], "Ada Admin")
    _type(qtbot, form.edits["password"], "short")
    assert "at least 10 characters" in form.message_for("password")
    _type(qtbot, form.edits["password"], "-but-longer")
    _type(qtbot, form.edits["repeat"], "short-but-longe")
    assert form.message_for("repeat") == PASSWORDS_DIFFER
    _enter(qtbot, form.edits["repeat"])
    assert window.screen_name == "first-admin"  # refused: nothing created
    assert services.accounts.needs_first_admin()
    qtbot.keyClicks(form.edits["repeat"], "r")
    assert form.message_for("repeat") == ""
    _enter(qtbot, form.edits["repeat"])

    assert window.screen_name == "panes"
    assert window.session_label.text() == "Signed in: Ada Admin (Admin)"
    assert "Admin" in window.allowed_pane_names()
    assert window.current_pane_name() == "Front desk"
    assert window.windowTitle() == "RecoveryDesk"
    assert not services.accounts.needs_first_admin()
    actions = _audit_actions(services)
    assert ("ada", AuditAction.CREATE) in actions and ("ada", AuditAction.SIGN_IN) in actions


def test_a_database_with_accounts_opens_on_the_sign_in_screen(qtbot, app_window, services):
    add_user(services, "ada", Role.ADMIN)
    window = app_window()
    assert window.screen_name == "sign-in"
    assert window.session_label.text() == "Not signed in"
    assert window.allowed_pane_names() == []
    assert not window.navigation.isVisible()
    qtbot.waitUntil(window.sign_in_screen.username.hasFocus)
    assert not window.lock_action.isEnabled()
    assert not any(window.pane_action(name).isEnabled() for name in window.pane_names())


def test_wrong_password_says_so_plainly_and_keeps_the_username(qtbot, app_window, services):
    add_user(services, "desk1", Role.FRONT_DESK)
    window = app_window()
    screen = window.sign_in_screen
    _type(qtbot, screen.username, "desk1")
    _enter(qtbot, screen.username)
    assert screen.password.hasFocus()
    _type(qtbot, screen.password, "not-the-password")
    _enter(qtbot, screen.password)
    assert screen.problem_text == WRONG == "Wrong username or password."
    assert screen.username.text() == "desk1" and screen.password.text() == ""
    assert screen.password.hasFocus()
    assert window.screen_name == "sign-in" and services.access.actor is None

    screen.username.setText("nobody-here")
    _type(qtbot, screen.password, PASSWORD)
    _enter(qtbot, screen.password)
    assert screen.problem_text == WRONG  # an unknown name reads the same

    screen.username.setText("desk1")
    _type(qtbot, screen.password, PASSWORD)
    _enter(qtbot, screen.password)
    assert window.screen_name == "panes" and screen.problem_text == ""
    assert ("desk1", AuditAction.FAILED_SIGN_IN) in _audit_actions(services)


def test_five_wrong_passwords_pause_signing_in(qtbot, app_window, services):
    add_user(services, "peer1", Role.PEER)
    window = app_window()
    for _ in range(5):
        window.sign_in_as("peer1", "wrong-password")
    assert "paused until" in window.sign_in_screen.problem_text
    assert not window.sign_in_as("peer1", PASSWORD)
    assert window.sign_in_screen.problem_text.startswith("Too many wrong tries")


def test_demo_accounts_are_listed_and_fill_in_the_form(qtbot, app_window, services):
    add_user(services, "coordinator", Role.COORDINATOR, "Demo Coordinator")
    add_user(services, "desk", Role.FRONT_DESK, "Demo Front Desk")
    demo = [("coordinator", PASSWORD, Role.COORDINATOR), ("desk", PASSWORD, Role.FRONT_DESK)]
    window = app_window(demo_accounts=demo)
    table = window.sign_in_screen.demo_list
    assert table is not None and table.isVisible() and table.accessibleName() == "Demo accounts"
    rows = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
    assert rows == [["coordinator", "Coordinator", PASSWORD], ["desk", "Front desk", PASSWORD]]
    rect = table.visualRect(table.model().index(1, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    screen = window.sign_in_screen
    assert (screen.username.text(), screen.password.text()) == ("desk", PASSWORD)
    qtbot.mouseClick(screen.sign_in_button, Qt.MouseButton.LeftButton)
    assert window.session_label.text() == "Signed in: Demo Front Desk (Front desk)"


def test_no_demo_accounts_on_a_real_database(app_window, services):
    add_user(services, "ada", Role.ADMIN)
    assert app_window().sign_in_screen.demo_list is None


# -- what each role sees --------------------------------------------------------------------


@pytest.fixture
def centre(services: Services) -> dict[str, object]:
    """A peer with one member on their caseload (a private contact note) and one not."""
    peer = services.peers.create(PeerDraft(name="Pat Peerson"))
    mine = _member(services, "Casey", "Caseload")
    other = _member(services, "Otto", "Elsewhere")
    services.peers.assign(mine.id, peer.id)
    services.contacts.log_contact(
        ContactDraft(mine.id, ContactKind.PHONE, note=PRIVATE_NOTE, peer_id=peer.id)
    )
    services.plans.start(mine.id)
    services.plans.start(other.id)
    add_user(services, "desk", Role.FRONT_DESK)
    add_user(services, "pat", Role.PEER, "Pat Peerson", peer_id=peer.id)
    add_user(services, "cora", Role.COORDINATOR)
    add_user(services, "ada", Role.ADMIN)
    return {"peer": peer, "mine": mine, "other": other}


def _open_every_allowed_pane(qtbot, window: MainWindow) -> list[str]:
    """Show each pane the role may use, collecting what a person could read there."""
    texts: list[str] = []
    for name in window.allowed_pane_names():
        assert window.show_pane(name)
        qtbot.waitUntil(window.pane(name).isVisible)
        texts += visible_texts(window)
    return texts


def _select_member(qtbot, window: MainWindow, code: str) -> None:
    pane = window.pane("Members")
    window.show_pane("Members")
    pane.search.setText(code)
    views = [v for v in pane.findChildren(QAbstractItemView) if v.accessibleName() == "Members"]
    qtbot.waitUntil(lambda: views[0].model().rowCount() == 1)
    views[0].selectRow(0)
    QApplication.processEvents()


def test_front_desk_sees_the_door_and_nothing_private(qtbot, app_window, services, centre):
    window = app_window()
    assert window.sign_in_as("desk", PASSWORD)
    qtbot.waitUntil(window.pane("Front desk").search.hasFocus)  # the door, ready to type
    allowed = window.allowed_pane_names()
    assert allowed[:2] == ["Front desk", "Members"]
    for private in ("Peers", "Plans", "Reports", "Admin"):
        assert private not in allowed and private not in _navigation(window)
        assert not window.show_pane(private)
        action = window.pane_action(private)
        assert action is None or not (action.isVisible() or action.isEnabled())
    for digit in (3, 4, 5, 6):  # Peers, Plans, Reports, Admin keep their numbers: nothing
        _key(window, digit)
        assert window.current_pane_name() == "Front desk"
    _key(window, 2)
    assert window.current_pane_name() == "Members"
    _key(window, 1)
    assert window.current_pane_name() == "Front desk"

    _select_member(qtbot, window, centre["mine"].code)
    texts = _open_every_allowed_pane(qtbot, window)
    assert [text for text in texts if "Caseload" in text]  # the member's name shows
    assert not [text for text in texts if PRIVATE_NOTE in text]
    with pytest.raises(PermissionDeniedError):
        services.contacts.contacts(centre["mine"].id)


def test_peer_sees_their_own_caseload_plans_only(qtbot, app_window, services, centre):
    window = app_window()
    assert window.sign_in_as("pat", PASSWORD)
    assert window.session_label.text() == "Signed in: Pat Peerson (Peer)"
    allowed = window.allowed_pane_names()
    assert "Admin" not in allowed and "Reports" not in allowed
    assert services.plans.get(centre["mine"].id) is not None
    with pytest.raises(PermissionDeniedError):
        services.plans.get(centre["other"].id)
    if "Plans" in window.pane_names():  # the Plans pane lists the caseload's plans
        assert "Plans" in allowed
        _key(window, 4)
        assert window.current_pane_name() == "Plans"
        qtbot.waitUntil(lambda: "Caseload" in " ".join(visible_texts(window)), timeout=3000)
        assert "Elsewhere" not in " ".join(visible_texts(window))


def test_coordinator_sees_all_peer_work_but_not_admin(qtbot, app_window, services, centre):
    window = app_window()
    assert window.sign_in_as("cora", PASSWORD)
    allowed = window.allowed_pane_names()
    expected = [
        n
        for n in ("Front desk", "Members", "Peers", "Plans", "Reports")
        if n in window.pane_names()
    ]
    assert allowed == expected
    assert "Admin" not in _navigation(window)
    for digit, name in ((3, "Peers"), (4, "Plans")):
        if name in allowed:
            _key(window, digit)
            assert window.current_pane_name() == name
    _key(window, 6)
    assert window.current_pane_name() != "Admin"
    assert services.plans.get(centre["other"].id) is not None


def test_admin_reaches_admin_with_ctrl_6(qtbot, app_window, services, centre):
    window = app_window()
    assert window.sign_in_as("ada", PASSWORD)
    assert "Admin" in _navigation(window)
    _key(window, 6)
    assert window.current_pane_name() == "Admin" and window.pane("Admin").isVisible()


def test_switching_user_applies_the_new_role_at_once(qtbot, app_window, services, centre):
    window = app_window()
    assert window.sign_in_as("ada", PASSWORD)
    _key(window, 6)
    assert window.current_pane_name() == "Admin"
    assert window.sign_in_as("desk", PASSWORD)
    assert window.current_pane_name() == "Front desk"
    assert "Admin" not in _navigation(window)
    _key(window, 6)
    assert window.current_pane_name() == "Front desk"
    assert ("ada", AuditAction.SIGN_OUT) in _audit_actions(services)


def test_sign_out_from_the_file_menu(qtbot, app_window, services):
    add_user(services, "cora", Role.COORDINATOR)
    window = app_window()
    assert window.sign_in_as("cora", PASSWORD)
    assert window.sign_out_action.isEnabled()
    window.sign_out_action.trigger()
    assert window.screen_name == "sign-in" and services.access.actor is None
    assert not window.navigation.isVisible() and window.allowed_pane_names() == []
    assert window.sign_in_screen.username.text() == ""
    assert ("cora", AuditAction.SIGN_OUT) in _audit_actions(services)


def test_every_pane_is_built_before_anyone_signs_in(app_window, services):
    window = app_window()  # raises if a pane needs someone signed in to be built
    assert window.pane_names()[:2] == ["Front desk", "Members"]
    assert services.access.actor is None


def test_change_my_password(qtbot, app_window, services, monkeypatch):
    from recoverydesk.ui.forms import user_form

    add_user(services, "cora", Role.COORDINATOR)
    window = app_window()
    assert window.sign_in_as("cora", PASSWORD)
    seen: dict[str, object] = {}

    def run(dialog) -> int:
        dialog.inputs["old_password"].setText("not-my-password")
        dialog.inputs["password"].setText("a-brand-new-password")
        dialog.inputs["repeat"].setText("a-brand-new-password")
        assert not dialog.submit()
        seen["old"] = dialog.message_for("old_password")
        dialog.inputs["old_password"].setText(PASSWORD)
        return int(dialog.submit())

    monkeypatch.setattr(user_form.ChangePasswordDialog, "exec", run)
    assert window.change_password_action.isEnabled()
    assert window.change_password()
    assert seen["old"] == "This is not your current password"
    assert window.statusBar().currentMessage() == "Your password was changed."
    assert window.sign_in_as("cora", "a-brand-new-password")


def test_signing_out_closes_what_the_person_had_open(qtbot, app_window, services):
    add_user(services, "cora", Role.COORDINATOR)
    window = app_window()
    assert window.sign_in_as("cora", PASSWORD)
    preview = QDialog(window)
    preview.show()
    qtbot.waitExposed(preview)
    assert window.sign_out()
    assert not preview.isVisible()
