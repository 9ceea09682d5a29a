"""Fixtures shared by the UI tests: the whole app through ``main``, a signed-in window.

``app_window()`` builds the real main window (every pane of ``build_panes``) on the test
database with nobody signed in, as ``recoverydesk`` opens it; sign in with
``window.sign_in_as(username, PASSWORD)`` after ``add_user``. ``visible_texts`` collects
what a person or a screen reader could read in a window right now.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QModelIndex, QSettings, QTimer
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from recoverydesk.domain.accounts import Role, User
from recoverydesk.services.container import Services
from recoverydesk.ui import errors
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.main_window import MainWindow
from recoverydesk.ui.panes.front_desk_pane import FrontDeskPane

WINDOW_TIMEOUT_MS = 30_000
#: every test account's password (synthetic, long enough for the rules)
PASSWORD = "test-password-123"

_W = TypeVar("_W", bound=QWidget)


def add_user(
    services: Services,
    username: str,
    role: Role,
    display_name: str = "",
    peer_id: int | None = None,
    password: str = PASSWORD,
) -> User:
    """An account made by the (admin) command-line actor the ``services`` fixture has."""
    name = display_name or f"Test {username.capitalize()}"
    return services.accounts.create_user(username, name, role, password, peer_id)


def show_active(qtbot, widget: _W, size: tuple[int, int] | None = None) -> _W:
    """``widget`` (closed after the test) resized to ``size``, shown and made active."""
    qtbot.addWidget(widget)
    if size is not None:
        widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def visible_texts(window: QWidget) -> list[str]:
    """Every text a person or a screen reader can read in ``window`` now.

    Labels, fields, buttons, list and table cells, tooltips and accessible names of the
    widgets that show, and the names and values of the visible accessibility tree.
    """
    texts: list[str] = [window.windowTitle()]
    for widget in [window, *window.findChildren(QWidget)]:
        if widget.isVisible():
            texts += _widget_texts(widget)
    texts += _accessible_texts(QAccessible.queryAccessibleInterface(window))
    return [text for text in texts if text]


def _widget_texts(widget: QWidget) -> list[str]:
    texts = [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
    if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
        texts.append(widget.text())
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        texts.append(widget.toPlainText())
    elif isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        texts += _model_texts(widget.model(), QModelIndex())
    return [str(text) for text in texts]


def _model_texts(model, parent: QModelIndex, depth: int = 0) -> list[str]:
    texts = []
    for row in range(model.rowCount(parent)):
        column = 0  # (list models keep columnCount private)
        while (index := model.index(row, column, parent)).isValid():
            texts += [str(index.data() or ""), str(index.data(3) or "")]  # display, tooltip
            if depth < 3 and column == 0 and model.rowCount(index) > 0:
                texts += _model_texts(model, index, depth + 1)
            column += 1
    return texts


def _accessible_texts(node: QAccessibleInterface | None, depth: int = 0) -> list[str]:
    if node is None or not node.isValid() or node.state().invisible or depth > 60:
        return []
    texts = [node.text(QAccessible.Text.Name), node.text(QAccessible.Text.Value)]
    for child in range(node.childCount()):
        texts += _accessible_texts(node.child(child), depth + 1)
    return texts


@pytest.fixture
def app_window(
    qtbot, services: Services, events: AppEvents, tmp_path: Path
) -> Callable[..., MainWindow]:
    """The real main window on the test database, shown, with nobody signed in."""
    from recoverydesk.app import build_panes

    def make(demo_accounts: Sequence[tuple[str, str, Role]] = ()) -> MainWindow:
        services.access.act_as(None)
        state = QSettings(str(tmp_path / "ui-state.ini"), QSettings.Format.IniFormat)
        panes = build_panes(services, events)
        window = MainWindow(services, events, panes, state=state, demo_accounts=demo_accounts)
        return show_active(qtbot, window, (1200, 760))

    return make


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
    return show_active(qtbot, FrontDeskPane(services, events), (1200, 720))


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
