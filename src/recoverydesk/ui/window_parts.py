"""The parts of the main window around its panes: title, saved state, navigation, menus.

The window title never says anything about a person. Window state lives in an ini file in
the data folder (``ui_state``), never in the registry. Each known pane name has a fixed
shortcut, Ctrl+1 … Ctrl+6 in the order of ``PANE_NAMES``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListWidget, QMenu

from recoverydesk import APP_NAME, __version__
from recoverydesk.paths import AppPaths, app_paths
from recoverydesk.services.container import Services

#: every pane the product has, in shortcut order (Ctrl+1 is the first)
PANE_NAMES = ("Front desk", "Members", "Peers", "Plans", "Reports", "Admin")
UI_STATE_FILE = "ui-state.ini"
DEMO_SUFFIX = " — Demo data"
_NAV_STYLE = """
QListWidget#navigation { border: none; background: palette(window); outline: 0; }
QListWidget#navigation::item {
    padding: 10px 14px; border-radius: 4px; margin: 2px 6px; color: palette(window-text);
}
QListWidget#navigation::item:hover { background: palette(midlight); }
QListWidget#navigation::item:selected {
    background: palette(highlight); color: palette(highlighted-text); font-weight: bold;
}
"""


def ui_state(paths: AppPaths | None = None) -> QSettings:
    """The window-state store: ``ui-state.ini`` in the data folder."""
    folder = (paths or app_paths()).data_dir
    return QSettings(str(folder / UI_STATE_FILE), QSettings.Format.IniFormat)


def window_title(demo: bool) -> str:
    """The title bar text; never anything about a person."""
    return APP_NAME + (DEMO_SUFFIX if demo else "")


def pane_shortcut(name: str) -> QKeySequence | None:
    """Ctrl+N for a known pane name, None for any other."""
    if name not in PANE_NAMES:
        return None
    return QKeySequence(f"Ctrl+{PANE_NAMES.index(name) + 1}")


def about_text(services: Services | None = None) -> str:
    text = (
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Front desk, members, peers and recovery plans for peer-run recovery "
        "centres. Works offline.</p>"
    )
    if services is not None:
        text += f"<p>Database: {_escape(services.description)}</p>"
    return text


def navigation_list(names: list[str]) -> QListWidget:
    """The list of pane names on the left, each with its Ctrl+N shortcut as a tooltip."""
    navigation = QListWidget()
    navigation.setObjectName("navigation")
    navigation.setAccessibleName("Navigation")
    navigation.setStyleSheet(_NAV_STYLE)
    font = navigation.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    navigation.setFont(font)
    navigation.addItems(names)
    for row, name in enumerate(names):
        shortcut = pane_shortcut(name)
        if shortcut is not None:
            hint = shortcut.toString(QKeySequence.SequenceFormat.NativeText)
            navigation.item(row).setToolTip(f"{name} ({hint})")
    navigation.setFixedWidth(max(170, navigation.sizeHintForColumn(0) + 40))
    navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return navigation


def add_action(menu: QMenu, text: str, slot: Callable[[], object], keys: str = "") -> QAction:
    """A menu entry running ``slot``, with the shortcut ``keys`` if given."""
    action = menu.addAction(text)
    if keys:
        action.setShortcut(QKeySequence(keys))
    action.triggered.connect(lambda _checked=False: slot())
    return action


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
