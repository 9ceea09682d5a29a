"""No personal data in the log files or the window title, whatever a session did.

The real app is started through ``main`` on a fresh data folder. A first admin is created
on the form, a person with a unique synthetic name is added and checked in at the front
desk, a bug happens while their name is on screen, the screen is locked and unlocked, the
admin signs out and the window closes. Then every file in the log folder is read.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from tests.ui.conftest import visible_texts

from recoverydesk.__main__ import main
from recoverydesk.paths import app_paths
from recoverydesk.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

FIRST, LAST = "Zyxquoriel", "Vantablack-Ødegaard"
MARKER = f"{FIRST} {LAST}"
#: the name's pieces as a log line might carry them (folded, without accents)
PIECES = ("zyxquoriel", "vantablack", "ødegaard", "odegaard")
ADMIN_PASSWORD = "synthetic-admin-password"
STEP_TIMEOUT_MS = 30_000


@pytest.fixture(autouse=True)
def _keep_root_logging(keep_root_logging) -> None:
    """``main`` adds a log file."""


def _type(widget: QLineEdit, text: str) -> None:
    """Type as a person would; every character as a key event carrying its text."""
    widget.setFocus()
    for char in text:
        event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char)
        QApplication.sendEvent(widget, event)


def _enter(widget: QLineEdit) -> None:
    QTest.keyClick(widget, Qt.Key.Key_Return)


class _Session:
    """Runs the steps one after another once the window shows; records every title."""

    def __init__(self, steps: list[Callable[[MainWindow], bool]]) -> None:
        self.steps = steps
        self.titles: list[str] = []
        self.done: list[str] = []
        self.waited = 0
        self.timer = QTimer()
        self.timer.setInterval(50)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.waited += self.timer.interval()
        windows = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        if not windows:
            if self.waited > STEP_TIMEOUT_MS:
                self.timer.stop()
                QApplication.quit()
            return
        window = windows[0]
        self.titles.append(window.windowTitle())
        if self.steps and self.steps[0](window):
            self.done.append(self.steps.pop(0).__name__)
            self.waited = 0
        if not self.steps or self.waited > STEP_TIMEOUT_MS:
            self.timer.stop()
            window.close()


def test_a_session_with_a_named_person_leaves_no_trace_in_the_logs(qapp, tmp_path: Path, dialogs):
    seen: dict[str, object] = {}

    def create_first_admin(window: MainWindow) -> bool:
        form = window.first_admin_form
        if window.screen_name != "first-admin":
            return False
        for field, text in (
            ("username", "site-admin"),
            ("display_name", "Site Admin"),
            ("password", ADMIN_PASSWORD),
            ("repeat", ADMIN_PASSWORD),
        ):
            _type(form.edits[field], text)
        _enter(form.edits["repeat"])
        return window.screen_name == "panes"

    def add_and_check_in(window: MainWindow) -> bool:
        desk = window.pane("Front desk")
        _type(desk.search, MARKER)
        _enter(desk.search)
        form = desk.quick_add
        seen["prefilled"] = (form.edits["first_name"].text(), form.edits["last_name"].text())
        _enter(form.edits["last_name"])
        return True

    def name_on_screen(window: MainWindow) -> bool:
        return any(LAST in text for text in visible_texts(window))

    def a_bug_while_the_name_shows(window: MainWindow) -> bool:
        try:
            raise ValueError(f"could not handle {MARKER}")
        except ValueError as error:
            sys.excepthook(type(error), error, error.__traceback__)
        return True

    def lock_and_unlock(window: MainWindow) -> bool:
        window.lock()
        seen["locked_texts"] = visible_texts(window)
        window.lock_screen.password.setText(ADMIN_PASSWORD)
        return window.lock_screen.unlock()

    def sign_out(window: MainWindow) -> bool:
        return window.sign_out()

    steps = [
        create_first_admin,
        add_and_check_in,
        name_on_screen,
        a_bug_while_the_name_shows,
        lock_and_unlock,
        sign_out,
    ]
    session = _Session(list(steps))
    data_dir = tmp_path / "site"
    assert main(["--data-dir", str(data_dir)]) == 0
    session.timer.stop()

    assert session.done == [step.__name__ for step in steps]
    assert seen["prefilled"] == (FIRST, LAST)
    assert not [t for t in seen["locked_texts"] if LAST in t]  # type: ignore[union-attr]
    assert session.titles and set(session.titles) == {"RecoveryDesk"}
    assert [kind for kind, _title, _text in dialogs] == ["unexpected"]
    logs = [p for p in app_paths(data_dir).log_dir.rglob("*") if p.is_file()]
    assert logs, "the app wrote a log"
    text = "\n".join(p.read_bytes().decode("utf-8", "replace") for p in logs).casefold()
    assert "unexpected error" in text or "valueerror" in text  # the bug was logged...
    assert [piece for piece in PIECES if piece in text] == []  # ...without the name
