"""Fixtures shared by the UI tests that drive the whole app through ``main``."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from recoverydesk.services.container import Services
from recoverydesk.ui import errors
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.main_window import MainWindow
from recoverydesk.ui.panes.front_desk_pane import FrontDeskPane

WINDOW_TIMEOUT_MS = 30_000


@pytest.fixture
def dialogs(monkeypatch) -> list[tuple[str, str, str]]:
    """Every message box the app would show, recorded instead of shown (nothing blocks)."""
    seen: list[tuple[str, str, str]] = []

    def record(kind: str) -> Callable[..., QMessageBox.StandardButton]:
        def show(parent, title, text, *args, **kwargs):
            seen.append((kind, title, text))
            return QMessageBox.StandardButton.Ok

        return show

    for kind in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(("exec", box.text(), "")))
    monkeypatch.setattr(
        errors,
        "show_unexpected_error",
        lambda parent, details: seen.append(("unexpected", "", details)),
    )
    return seen


@pytest.fixture
def keep_root_logging() -> Iterator[None]:
    """``main`` adds a log file in the test's folder; take it away afterwards."""
    root = logging.getLogger()
    before = list(root.handlers)
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def events() -> AppEvents:
    return AppEvents()


@pytest.fixture
def desk_pane(qtbot, services: Services, events: AppEvents) -> FrontDeskPane:
    """A shown, active Front desk pane on the test database."""
    widget = FrontDeskPane(services, events)
    qtbot.addWidget(widget)
    widget.resize(1200, 720)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


@pytest.fixture
def when_window() -> Callable[[Callable[[MainWindow], bool]], QTimer]:
    """Poll until the app's main window is up and ``check(window)`` holds, then close it."""

    def start(check: Callable[[MainWindow], bool]) -> QTimer:
        timer = QTimer()
        timer.setInterval(50)
        waited = [0]

        def tick() -> None:
            waited[0] += timer.interval()
            windows = [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w.isVisible()
            ]
            if windows and (check(windows[0]) or waited[0] > WINDOW_TIMEOUT_MS):
                timer.stop()
                windows[0].close()
            elif waited[0] > WINDOW_TIMEOUT_MS:
                timer.stop()
                QApplication.quit()

        timer.timeout.connect(tick)
        timer.start()
        return timer

    return start
