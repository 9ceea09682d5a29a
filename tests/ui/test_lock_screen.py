"""The screen locks itself when left alone and hides everything personal until unlocked.

A short idle time (a few hundred milliseconds instead of minutes) stands in for a desk
left alone. "Hidden" means what a person or a screen reader can read: the panes are not
visible, and no member's name is in any visible widget or the accessibility tree.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QLabel, QVBoxLayout
from tests.ui.conftest import PASSWORD, add_user, visible_texts

from recoverydesk.domain.accounts import SYSTEM_ACTOR, AuditAction, PermissionDeniedError, Role
from recoverydesk.domain.members import MemberDraft
from recoverydesk.services.container import Services
from recoverydesk.services.sign_in import WRONG
from recoverydesk.ui.lock_screen import IdleWatcher
from recoverydesk.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

MARKER_FIRST = "Quillonette"
MARKER_LAST = "Harrowgate-Vesk"
IDLE_MS = 300


@pytest.fixture
def signed_in(qtbot, app_window, services: Services) -> MainWindow:
    """A coordinator at work on the Members pane, a member with a unique name selected."""
    member = services.members.create(MemberDraft(first_name=MARKER_FIRST, last_name=MARKER_LAST))
    add_user(services, "cora", Role.COORDINATOR, "Cora Ordinator")
    add_user(services, "desk", Role.FRONT_DESK, "Dee Desk")
    window = app_window()
    assert window.sign_in_as("cora", PASSWORD)
    assert window.show_pane("Members")
    pane = window.pane("Members")
    pane.search.setText(member.code)
    views = [v for v in pane.findChildren(QAbstractItemView) if v.accessibleName() == "Members"]
    qtbot.waitUntil(lambda: views[0].model().rowCount() == 1)
    views[0].selectRow(0)
    qtbot.waitUntil(lambda: _shows_marker(window))
    return window


def _shows_marker(window: MainWindow) -> bool:
    return any(MARKER_LAST in text for text in visible_texts(window))


def _locked_by_idling(qtbot, window: MainWindow) -> None:
    window.idle_watcher.set_timeout_ms(IDLE_MS)
    window.idle_watcher.start()
    qtbot.waitUntil(lambda: window.screen_name == "locked", timeout=5000)


def _audit(services: Services) -> list[tuple[str, AuditAction]]:
    actor, locked = services.access.actor, services.access.locked
    services.access.act_as(SYSTEM_ACTOR)
    try:
        rows = services.audit.entries(limit=50).rows
    finally:
        services.access.act_as(actor)
        services.access.set_locked(locked)
    return [(entry.username, entry.action) for entry in rows]


def test_left_alone_the_screen_locks_and_hides_personal_data(qtbot, signed_in, services):
    window = signed_in
    _locked_by_idling(qtbot, window)
    assert not window.navigation.isVisible()
    assert not any(window.pane(name).isVisible() for name in window.pane_names())
    assert window.lock_screen.isVisible()
    assert not [text for text in visible_texts(window) if MARKER_LAST in text]
    assert not [text for text in visible_texts(window) if MARKER_FIRST in text]
    assert window.lock_screen.title.text() == "Locked — Cora Ordinator"
    assert window.session_label.text() == "Locked: Cora Ordinator"
    assert window.windowTitle() == "RecoveryDesk"
    assert services.access.locked
    with pytest.raises(PermissionDeniedError):  # every use case is refused while locked
        services.members.create(MemberDraft(first_name="Not", last_name="Allowed"))
    assert not any(window.pane_action(name).isEnabled() for name in window.pane_names())
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.screen_name == "locked"
    assert ("cora", AuditAction.LOCK) in _audit(services)


def test_unlocking_needs_the_right_password_and_returns_to_the_same_pane(
    qtbot, signed_in, services
):
    window = signed_in
    _locked_by_idling(qtbot, window)
    lock = window.lock_screen
    qtbot.waitUntil(lock.password.hasFocus)
    qtbot.keyClicks(lock.password, "wrong-password")
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    assert lock.problem_text == WRONG
    assert window.screen_name == "locked" and not _shows_marker(window)
    qtbot.keyClicks(lock.password, PASSWORD)
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    assert window.screen_name == "panes"
    assert window.current_pane_name() == "Members"
    assert _shows_marker(window)  # the same member, still selected
    assert window.session_label.text() == "Signed in: Cora Ordinator (Coordinator)"
    assert not services.access.locked
    assert ("cora", AuditAction.UNLOCK) in _audit(services)


def test_use_keeps_the_screen_unlocked(qtbot, signed_in):
    window = signed_in
    window.idle_watcher.set_timeout_ms(1500)
    window.idle_watcher.start()
    search = window.pane("Members").search
    for _ in range(20):  # typing for longer than the idle time
        QTest.keyClick(search, Qt.Key.Key_Shift)
        qtbot.wait(100)
    assert window.screen_name == "panes"
    qtbot.waitUntil(lambda: window.screen_name == "locked", timeout=5000)


def test_ctrl_l_locks_on_demand(qtbot, signed_in):
    window = signed_in
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.screen_name == "locked"
    assert not _shows_marker(window)
    assert not window.lock_action.isEnabled()


def test_switch_user_from_the_lock_screen(qtbot, signed_in, services):
    window = signed_in
    window.lock()
    qtbot.mouseClick(window.lock_screen.switch_button, Qt.MouseButton.LeftButton)
    assert window.screen_name == "sign-in"
    assert services.access.actor is None
    assert ("cora", AuditAction.SIGN_OUT) in _audit(services)
    assert not _shows_marker(window)
    assert window.sign_in_as("desk", PASSWORD)
    assert window.session_label.text() == "Signed in: Dee Desk (Front desk)"
    assert window.current_pane_name() == "Front desk"
    assert "Admin" not in window.allowed_pane_names()


def test_sign_out_from_the_lock_screen(qtbot, signed_in, services):
    window = signed_in
    window.lock()
    qtbot.mouseClick(window.lock_screen.sign_out_button, Qt.MouseButton.LeftButton)
    assert window.screen_name == "sign-in" and services.access.actor is None
    assert window.session_label.text() == "Not signed in"


def test_a_preview_is_hidden_while_locked_and_comes_back(qtbot, signed_in):
    window = signed_in
    preview = QDialog(window)
    QVBoxLayout(preview).addWidget(QLabel(f"Card of {MARKER_LAST}"))
    preview.show()
    qtbot.waitExposed(preview)
    window.lock()
    assert not preview.isVisible()
    assert window.lock_screen.unlock() is False  # nothing typed yet
    window.lock_screen.password.setText(PASSWORD)
    assert window.lock_screen.unlock()
    assert preview.isVisible()
    window.lock()
    qtbot.mouseClick(window.lock_screen.switch_button, Qt.MouseButton.LeftButton)
    assert not preview.isVisible()  # closed for whoever signs in next


def test_a_question_waiting_when_the_screen_locks_is_cancelled(qtbot, signed_in):
    window = signed_in
    answers: list[int] = []

    def ask() -> None:
        box = QDialog(window)
        box.setModal(True)
        QApplication.processEvents()
        answers.append(box.exec())

    window.idle_watcher.set_timeout_ms(IDLE_MS)
    window.idle_watcher.start()
    ask()  # returns once the lock has hidden it
    assert answers == [QDialog.DialogCode.Rejected]
    assert window.screen_name == "locked"


def test_idle_watcher_says_idle_once(qtbot):
    watcher = IdleWatcher(100)
    fired: list[bool] = []
    watcher.idle.connect(lambda: fired.append(True))
    watcher.start()
    qtbot.waitUntil(lambda: bool(fired), timeout=2000)
    qtbot.wait(250)
    assert fired == [True] and not watcher.running
    watcher.set_timeout_minutes(5)
    assert watcher.timeout_ms == 300_000


def test_a_locked_window_does_not_close_before_unlocking(qtbot, signed_in):
    window = signed_in
    window.lock()
    assert not window.close()
    assert window.isVisible() and window.screen_name == "locked"
    assert window.lock_screen.problem_text.startswith("Unlock first to close RecoveryDesk")
    window.lock_screen.password.setText(PASSWORD)
    assert window.lock_screen.unlock()
    assert window.close()
