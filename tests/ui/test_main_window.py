"""The main window: title, navigation, shortcuts, status bar, demo banner, remembered state."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from recoverydesk import __version__
from recoverydesk.paths import app_paths
from recoverydesk.services.container import Services
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.main_window import MainWindow
from recoverydesk.ui.widgets.banner import DEMO_TEXT
from recoverydesk.ui.window_parts import ui_state

# the offscreen platform says these when a window or a popup shows; not our bugs
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


def _pane(text: str) -> QWidget:
    widget = QLabel(text)
    widget.setAccessibleName(text)
    return widget


def _state(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui-state.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, services: Services, tmp_path: Path):
    def make(names=("Members", "Admin"), demo=False, state=None) -> MainWindow:
        panes = [(name, _pane(f"{name} pane")) for name in names]
        window = MainWindow(
            services,
            AppEvents(),
            panes,
            demo=demo,
            state=state if state is not None else _state(tmp_path),
        )
        qtbot.addWidget(window)
        return window

    return make


def _shown(qtbot, window: MainWindow) -> MainWindow:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_title_is_the_app_name_only(make_window):
    assert make_window().windowTitle() == "RecoveryDesk"
    assert make_window(demo=True).windowTitle() == "RecoveryDesk — Demo data"


def test_navigation_lists_the_given_panes_in_order(make_window):
    window = make_window()
    nav = window.navigation
    assert nav.accessibleName() == "Navigation"
    assert [nav.item(i).text() for i in range(nav.count())] == ["Members", "Admin"]
    assert window.current_pane_name() == "Members"


def test_clicking_a_navigation_entry_shows_its_pane(qtbot, make_window):
    window = _shown(qtbot, make_window())
    nav = window.navigation
    rect = nav.visualItemRect(nav.item(1))
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_pane_name() == "Admin"
    assert window.pane("Admin").isVisible()
    assert not window.pane("Members").isVisible()


def test_ctrl_digit_switches_by_the_fixed_pane_order(qtbot, make_window):
    window = _shown(qtbot, make_window())
    QTest.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_pane_name() == "Admin"
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_pane_name() == "Members"
    assert window.pane("Members").isVisible()


def test_shortcut_of_a_missing_pane_does_nothing(qtbot, make_window):
    window = _shown(qtbot, make_window())
    QTest.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # no Front desk
    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # no Peers
    assert window.current_pane_name() == "Admin"
    assert not window.show_pane("Peers")


def test_go_menu_actions_carry_the_shortcuts(make_window):
    window = make_window(names=("Front desk", "Members", "Admin"))
    assert window.pane_action("Front desk").shortcut().toString() == "Ctrl+1"
    assert window.pane_action("Members").shortcut().toString() == "Ctrl+2"
    assert window.pane_action("Admin").shortcut().toString() == "Ctrl+6"
    window.pane_action("Admin").trigger()
    assert window.current_pane_name() == "Admin"


def test_status_bar_shows_the_database_in_use(make_window, db_path: Path):
    window = make_window()
    assert str(db_path) in window.database_label.text()
    assert window.database_label in window.statusBar().findChildren(QLabel)


def test_demo_banner_only_in_demo_mode(qtbot, make_window):
    real = _shown(qtbot, make_window())
    assert real.demo_banner is None
    assert not [w for w in real.findChildren(QWidget) if w.accessibleName() == "Demo data"]
    demo = _shown(qtbot, make_window(demo=True))
    banner = demo.demo_banner
    assert banner is not None and banner.isVisible()
    assert banner.accessibleName() == "Demo data"
    assert banner.text == DEMO_TEXT
    assert banner.geometry().top() <= demo.navigation.geometry().top()


def test_geometry_remembered_and_every_start_opens_the_first_pane(
    qtbot, make_window, tmp_path: Path
):
    first = _shown(qtbot, make_window())
    first.resize(700, 520)
    first.show_pane("Admin")
    qtbot.waitUntil(lambda: first.size().width() == 700)
    first.close()
    assert (tmp_path / "ui-state.ini").exists()
    second = make_window()
    assert second.current_pane_name() == second.pane_names()[0]
    assert (second.size().width(), second.size().height()) == (700, 520)


def test_ui_state_lives_in_the_data_folder():
    state = ui_state()
    assert Path(state.fileName()) == app_paths().data_dir / "ui-state.ini"
    assert state.format() == QSettings.Format.IniFormat


def test_about_box_shows_the_version(make_window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    make_window().show_about()
    assert shown and __version__ in shown[0]


def test_ctrl_q_closes_the_window(qtbot, make_window):
    window = _shown(qtbot, make_window())
    with qtbot.waitSignal(window.closed, timeout=2000):
        QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_a_pane_with_unsaved_work_can_keep_the_window_open(qtbot, services, tmp_path):
    class Busy(QLabel):
        allow = False

        def can_close(self) -> bool:
            return self.allow

    busy = Busy("Admin pane")
    window = MainWindow(
        services,
        AppEvents(),
        [("Members", _pane("Members pane")), ("Admin", busy)],
        state=_state(tmp_path),
    )
    qtbot.addWidget(window)
    window = _shown(qtbot, window)
    assert not window.close()
    assert window.isVisible() and window.current_pane_name() == "Admin"
    busy.allow = True
    assert window.close()


def test_pane_status_messages_reach_the_status_bar(services, tmp_path, qtbot):
    class Talking(QLabel):
        status_message = Signal(str)

    talking = Talking("Members pane")
    window = MainWindow(services, AppEvents(), [("Members", talking)], state=_state(tmp_path))
    qtbot.addWidget(window)
    talking.status_message.emit("Saved M100008")
    assert window.statusBar().currentMessage() == "Saved M100008"
