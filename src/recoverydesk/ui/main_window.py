"""The main window: a navigation list on the left, the chosen pane on the right.

Panes are given to the window (it never builds them) as ``(name, widget)`` pairs. Each
known pane name has a fixed shortcut, Ctrl+1 … Ctrl+6 in the order of
``window_parts.PANE_NAMES``, so the same keys reach the same pane on every desk whatever
panes exist yet. The window remembers its geometry and pane in an ini file in the data
folder (``window_parts.ui_state``), never in the registry, so tests and portable installs
stay self-contained.

The window's content is one of four screens: the panes, the sign-in screen, the
first-admin form (a database without accounts) and the lock screen. Only the panes'
screen holds personal data, and it is hidden whenever nobody is signed in or the screen
is locked. The signed-in role decides which panes the navigation lists (``PANE_ACTIONS``);
a hidden pane keeps its shortcut number, which then does nothing. Whenever someone else
(or nobody) acts, ``AppEvents.users_changed`` tells the panes to decide again what they
show; after a sign-in every other change signal follows, so they reload their data too.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from recoverydesk import APP_NAME
from recoverydesk.domain.accounts import Actor
from recoverydesk.services.container import Services
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.forms.user_form import ChangePasswordDialog
from recoverydesk.ui.session import PANE_ACTIONS as PANE_ACTIONS
from recoverydesk.ui.session import SessionScreens, pane_allowed
from recoverydesk.ui.sign_in import DemoAccount
from recoverydesk.ui.widgets.banner import DemoBanner
from recoverydesk.ui.window_parts import (
    about_text,
    add_action,
    navigation_list,
    pane_shortcut,
    ui_state,
    window_title,
)

#: first-run size, at most; the window also keeps a margin inside the screen
DEFAULT_SIZE = (1440, 900)
STATUS_MESSAGE_MS = 5000
UNLOCK_TO_CLOSE = "Unlock first to close RecoveryDesk, so that unsaved work can be saved."

_GEOMETRY_KEY = "main_window/geometry"


class MainWindow(QMainWindow):
    """Navigation list, pane stack, menus, status bar and (on demo data) the banner.

    With nobody signed in (``services.access.actor`` is None) the window opens on the
    sign-in screen, or on the first-admin form when the database has no accounts.
    """

    #: the window was closed (the app quits on it)
    closed = Signal()
    #: follows other desks' changes (set by the composition root; None in bare tests)
    live_refresh: QObject | None = None

    def __init__(
        self,
        services: Services,
        events: AppEvents,
        panes: Sequence[tuple[str, QWidget]],
        demo: bool = False,
        state: QSettings | None = None,
        parent: QWidget | None = None,
        demo_accounts: Sequence[DemoAccount] = (),
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._access = services.access
        self._events = events
        self._state = state if state is not None else ui_state()
        self._names = [name for name, _ in panes]
        self._live_wanted = False
        self._told_actor: Actor | None = self._access.actor
        self.setWindowTitle(window_title(demo))
        self.navigation = navigation_list(self._names)
        self._stack = QStackedWidget()
        self._stack.setAccessibleName("Pane")
        for _, widget in panes:
            self._stack.addWidget(widget)
        self.demo_banner = DemoBanner() if demo else None
        self.screens = SessionScreens(services, events, self._workspace(), demo_accounts)
        self.sign_in_screen = self.screens.sign_in_screen
        self.first_admin_form = self.screens.first_admin_form
        self.lock_screen = self.screens.lock_screen
        self.idle_watcher = self.screens.idle_watcher
        self.setCentralWidget(self._central())
        self.database_label = self._status_bar(demo)
        self._menus()
        self._listen_to_panes([widget for _, widget in panes])
        self.navigation.currentRowChanged.connect(self._pane_chosen)
        self.screens.work_shown.connect(self._work_shown)
        self.screens.work_hidden.connect(self._work_hidden)
        self.lock_screen.switch_user_requested.connect(self.sign_out)
        self.lock_screen.sign_out_requested.connect(self.sign_out)
        self._restore_state()
        self.screens.start()

    # ----- public API -------------------------------------------------------------------

    def pane_names(self) -> list[str]:
        """Every pane the window holds, whether or not the signed-in role may see it."""
        return list(self._names)

    def allowed_pane_names(self) -> list[str]:
        """The panes the navigation lists now (none while signed out or locked)."""
        return [name for name in self._names if self._allowed(name)]

    def current_pane_name(self) -> str | None:
        row = self.navigation.currentRow()
        return self._names[row] if 0 <= row < len(self._names) else None

    def pane(self, name: str) -> QWidget | None:
        if name not in self._names:
            return None
        return self._stack.widget(self._names.index(name))

    def show_pane(self, name: str) -> bool:
        """Switch to the pane ``name``; False (nothing happens) if it is missing or not allowed."""
        if not self._allowed(name):
            return False
        self.navigation.setCurrentRow(self._names.index(name))
        return True

    def pane_action(self, name: str) -> QAction | None:
        """The Go menu entry of ``name`` (carries its Ctrl+N shortcut)."""
        return self._pane_actions.get(name)

    @property
    def screen_name(self) -> str:
        """What the window shows: "panes", "sign-in", "first-admin" or "locked"."""
        return self.screens.name

    def sign_in_as(self, username: str, password: str) -> bool:
        """Sign ``username`` in through the sign-in screen (scripts, tests, ``--demo``).

        Whoever is signed in now is signed out first. True when the panes show.
        """
        return self.screens.sign_in_as(username, password)

    def start_live_refresh(self) -> None:
        """Follow other desks' changes whenever someone is signed in and not locked."""
        self._live_wanted = True
        self._update_live()

    @Slot()
    def lock(self) -> None:
        """Hide every pane behind the lock screen; the person stays signed in."""
        self.screens.lock()

    @Slot()
    def sign_out(self) -> bool:
        """Sign out (unsaved work settled first, unless locked) and show the sign-in screen."""
        if self._access.actor is None:
            return True
        if not self._access.locked and not self._panes_can_close():
            return False
        self.screens.sign_out()
        self._tell_panes_who()
        self.screens.show_sign_in()
        return True

    @Slot()
    def change_password(self) -> bool:
        """The signed-in person changes their own password."""
        if self.screen_name != "panes":
            return False
        changed = ChangePasswordDialog.ask(self, self._services.accounts)
        if changed:
            self.statusBar().showMessage("Your password was changed.", STATUS_MESSAGE_MS)
        return changed

    # ----- building -----------------------------------------------------------------------

    def _workspace(self) -> QWidget:
        """The navigation beside the pane stack: what the lock screen hides."""
        workspace = QWidget()
        body = QHBoxLayout(workspace)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.navigation)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        body.addWidget(line)
        body.addWidget(self._stack, 1)
        return workspace

    def _central(self) -> QWidget:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        if self.demo_banner is not None:
            outer.addWidget(self.demo_banner)
        outer.addWidget(self.screens, 1)
        return central

    def _status_bar(self, demo: bool) -> QLabel:
        self.session_label = self.screens.who_label
        self.statusBar().addPermanentWidget(self.session_label)
        prefix = "Demo database" if demo else "Database"
        label = QLabel(f"{prefix}: {self._services.description}")
        label.setToolTip("Where this desk reads and writes its data")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(label)
        self.connection_label = QLabel()
        self.connection_label.setAccessibleName("Connection problem")
        self.connection_label.setWordWrap(True)
        self.connection_label.setStyleSheet("QLabel { color: #8a1c1c; font-weight: bold; }")
        self.connection_label.setVisible(False)
        self.statusBar().addWidget(self.connection_label, 1)
        return label

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.lock_action = add_action(file_menu, "&Lock", self.lock, "Ctrl+L")
        self.switch_user_action = add_action(file_menu, "S&witch user…", self.sign_out)
        self.sign_out_action = add_action(file_menu, "Sign &out", self.sign_out)
        self.change_password_action = add_action(
            file_menu, "&Change my password…", self.change_password
        )
        file_menu.addSeparator()
        quit_action = add_action(file_menu, "&Quit", self.close, "Ctrl+Q")
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        go_menu = self.menuBar().addMenu("&Go")
        self._pane_actions: dict[str, QAction] = {}
        for name in self._names:
            action = go_menu.addAction(name)
            shortcut = pane_shortcut(name)
            if shortcut is not None:
                action.setShortcut(shortcut)
            action.triggered.connect(lambda _checked=False, n=name: self.show_pane(n))
            self._pane_actions[name] = action
        help_menu = self.menuBar().addMenu("&Help")
        about = help_menu.addAction(f"&About {APP_NAME}")
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)

    def _listen_to_panes(self, panes: list[QWidget]) -> None:
        """Show a pane's short confirmations ("Saved M100008") in the status bar."""
        for pane in panes:
            signal = getattr(pane, "status_message", None)
            if signal is not None:
                signal.connect(self._show_status_message)

    # ----- behaviour ----------------------------------------------------------------------

    @Slot(str)
    def _show_status_message(self, text: str) -> None:
        if self.screen_name == "panes":
            self.statusBar().showMessage(text, STATUS_MESSAGE_MS)

    @Slot(str)
    def show_connection_lost(self, text: str) -> None:
        """Say, until it is back, that the database cannot be reached (nothing is closed)."""
        self.connection_label.setText(text)
        self.connection_label.setVisible(True)

    @Slot()
    def show_connection_back(self) -> None:
        self.connection_label.setVisible(False)
        self.statusBar().showMessage("Connected to the database again.", STATUS_MESSAGE_MS)

    @Slot()
    def show_about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}", about_text(self._services))

    @Slot(int)
    def _pane_chosen(self, row: int) -> None:
        if row < 0:
            return
        self._stack.setCurrentIndex(row)

    def _restore_state(self) -> None:
        geometry = self._state.value(_GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            self._default_geometry()
        # Every start opens on the first pane (the Front desk): the door comes first.
        if self._names:
            self.navigation.setCurrentRow(0)

    def _default_geometry(self) -> None:
        width, height = DEFAULT_SIZE
        screen = self.screen()
        if screen is None:
            self.resize(width, height)
            return
        available = screen.availableGeometry()
        width = min(width, available.width() * 95 // 100)
        height = min(height, available.height() * 95 // 100)
        self.setGeometry(
            available.x() + (available.width() - width) // 2,
            available.y() + (available.height() - height) // 2,
            width,
            height,
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.screen_name == "locked":  # asking about unsaved work would show it
            self.lock_screen.say(UNLOCK_TO_CLOSE)
            event.ignore()
            return
        if not self._panes_can_close():
            event.ignore()
            return
        self.idle_watcher.stop()
        self._state.setValue(_GEOMETRY_KEY, self.saveGeometry())
        self._state.sync()
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()

    def _panes_can_close(self) -> bool:
        """Ask every pane with unsaved work (``can_close()``); any of them may refuse."""
        for index in range(self._stack.count()):
            can_close = getattr(self._stack.widget(index), "can_close", None)
            if callable(can_close) and not can_close():
                self.navigation.setCurrentRow(index)
                return False
        return True

    # ----- who may see what ---------------------------------------------------------------

    def _allowed(self, name: str) -> bool:
        return name in self._names and pane_allowed(self._access, name)

    @Slot(bool)
    def _work_shown(self, first_pane: bool) -> None:
        """The panes the role may see (the first of them, or the same one after unlocking)."""
        allowed = self.allowed_pane_names()
        for row, name in enumerate(self._names):
            self.navigation.setRowHidden(row, name not in allowed)
        if allowed and (first_pane or self.current_pane_name() not in allowed):
            self.navigation.setCurrentRow(self._names.index(allowed[0]))
        self._update_actions()
        self._update_live()
        if self._access.actor != self._told_actor:
            self._tell_panes_who()
        pane = self._stack.currentWidget()
        if pane is not None:
            target = pane.focusWidget() or pane
            target.setFocus()

    @Slot()
    def _work_hidden(self) -> None:
        self.statusBar().clearMessage()
        self._update_actions()
        self._update_live()

    def _tell_panes_who(self) -> None:
        """Someone else (or nobody) acts now: ``users_changed`` tells every pane.

        Panes are built before anyone signs in; a pane that decides what to show from
        ``services.access.can(...)`` decides again on that signal.
        """
        self._told_actor = self._access.actor
        self._events.users_changed.emit()

    def _update_actions(self) -> None:
        actor = self._access.actor
        working = self.screen_name == "panes" and actor is not None
        self.lock_action.setEnabled(working)
        self.switch_user_action.setEnabled(actor is not None)
        self.sign_out_action.setEnabled(actor is not None)
        self.change_password_action.setEnabled(
            working and actor is not None and actor.user_id is not None
        )
        for name, action in self._pane_actions.items():
            allowed = working and self._allowed(name)
            action.setVisible(allowed)
            action.setEnabled(allowed)

    def _update_live(self) -> None:
        live = self.live_refresh
        if live is None:
            return
        if self._live_wanted and self.screen_name == "panes":
            live.start()  # type: ignore[attr-defined]
        else:
            live.stop()  # type: ignore[attr-defined]
