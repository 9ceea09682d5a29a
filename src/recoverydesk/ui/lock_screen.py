"""The lock screen, and the idle watcher that brings it up when a desk is left alone.

The lock screen takes the place of the window's content: the navigation and every pane are
hidden (not covered), so nothing personal is on screen or readable by accessibility tools.
It names the signed-in staff member, takes their password to unlock (back to the same
pane, with everything typed still there), and offers Switch user and Sign out.

``IdleWatcher`` is an event filter on the ``QApplication``: a key press, a click, the wheel
or a mouse move counts as use. It only notes the time; a timer checks it a few times per
lock period, so the filter stays cheap whatever flows through the event loop.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.services.accounts import AccountService
from recoverydesk.ui.widgets.controls import named_button
from recoverydesk.ui.widgets.sign_in_parts import (
    BusyCursor,
    card_page,
    labelled_edit,
    problem_label,
    say_problem,
    settle_password,
    title_label,
)

UNLOCK = "Unlock"
SWITCH_USER = "Switch user"
SIGN_OUT = "Sign out"
LOCKED_PREFIX = "Locked — "
LOCKED_HINT = (
    "Personal information is hidden while the screen is locked. Type your password to go "
    "on where you left off."
)
MINUTE_MS = 60_000
#: the idle check runs this many times per lock period (at most once a second)
_CHECKS_PER_PERIOD = 5
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
    }
)


class IdleWatcher(QObject):
    """Says ``idle`` once after ``timeout_ms`` without keyboard or mouse use, while started.

    Signals:
        idle: nobody used the app for the whole period (the watcher then stops).
    """

    idle = Signal()

    def __init__(self, timeout_ms: int = 5 * MINUTE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeout_ms = max(1, timeout_ms)
        self._last_use = time.monotonic()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check)
        self._set_check_interval()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def set_timeout_ms(self, timeout_ms: int) -> None:
        """Lock after ``timeout_ms`` without use from now on (tests use a few hundred)."""
        self._timeout_ms = max(1, timeout_ms)
        self._set_check_interval()

    def set_timeout_minutes(self, minutes: int) -> None:
        self.set_timeout_ms(minutes * MINUTE_MS)

    @Slot()
    def start(self) -> None:
        """Count from now (a sign-in or an unlock is use)."""
        self._last_use = time.monotonic()
        self._timer.start()

    @Slot()
    def stop(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._last_use = time.monotonic()
        return False

    def _set_check_interval(self) -> None:
        self._timer.setInterval(max(20, min(1000, self._timeout_ms // _CHECKS_PER_PERIOD)))

    @Slot()
    def _check(self) -> None:
        if (time.monotonic() - self._last_use) * 1000 >= self._timeout_ms:
            self._timer.stop()
            self.idle.emit()


class LockScreen(QWidget):
    """Locked — <staff name>: password and Unlock, Switch user, Sign out.

    Signals:
        unlocked: the right password was typed; the window shows its panes again.
        switch_user_requested: someone else wants to sign in (the window signs out first).
        sign_out_requested: the signed-in person signs out from the lock screen.
    """

    unlocked = Signal()
    switch_user_requested = Signal()
    sign_out_requested = Signal()

    def __init__(self, accounts: AccountService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self.title = title_label(LOCKED_PREFIX.rstrip(" —"))
        self.title.setAccessibleName("Locked")
        self.hint = QLabel(LOCKED_HINT)
        self.hint.setWordWrap(True)
        self.password = labelled_edit("Password", password=True)
        self.problem = problem_label("Unlock problem")
        self.unlock_button = named_button(UNLOCK)
        self.unlock_button.setDefault(True)
        self.switch_button = named_button(SWITCH_USER)
        self.sign_out_button = named_button(SIGN_OUT)
        self._build()
        self.password.returnPressed.connect(self.unlock)
        self.unlock_button.clicked.connect(self.unlock)
        self.switch_button.clicked.connect(self.switch_user_requested)
        self.sign_out_button.clicked.connect(self.sign_out_requested)

    @property
    def problem_text(self) -> str:
        return self.problem.text() if self.problem.isVisibleTo(self) else ""

    def show_for(self, display_name: str) -> None:
        """Name who is locked out, and start with an empty password."""
        self.title.setText(f"{LOCKED_PREFIX}{display_name}")
        self.title.setAccessibleName(self.title.text())
        self.password.clear()
        say_problem(self.problem, "")

    def say(self, text: str) -> None:
        """Show ``text`` on the problem line (e.g. why the window did not close)."""
        say_problem(self.problem, text)

    @Slot()
    def unlock(self) -> bool:
        """Unlock with the typed password; True when the panes can show again."""
        try:
            with BusyCursor():
                self._accounts.unlock(self.password.text())
        except RecoveryDeskError as error:
            return settle_password(self.password, self.problem, error)
        settle_password(self.password, self.problem)
        self.unlocked.emit()
        return True

    def _build(self) -> None:
        label = QLabel("Password")
        label.setBuddy(self.password)
        field = QWidget()
        row = QHBoxLayout(field)
        row.setContentsMargins(0, 6, 0, 0)
        row.addWidget(label)
        row.addWidget(self.password, 1)
        buttons = QWidget()
        button_row = QHBoxLayout(buttons)
        button_row.setContentsMargins(0, 4, 0, 0)
        button_row.addWidget(self.switch_button)
        button_row.addWidget(self.sign_out_button)
        button_row.addStretch(1)
        button_row.addWidget(self.unlock_button)
        parts = [self.title, self.hint, field, self.problem, buttons]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(card_page(parts, self))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.password.setFocus()
