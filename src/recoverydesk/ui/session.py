"""Who is at the desk: the sign-in, first-admin and lock screens in place of the panes.

``PANE_ACTIONS`` says what a role must be allowed to do to see each pane.

``SessionScreens`` is the main window's central stack. Its first page is the window's
workspace (navigation and panes); the others are the sign-in screen, the first-admin form
and the lock screen. Only the workspace holds personal data, and it is hidden (not
covered) whenever nobody is signed in or the screen is locked. An ``IdleWatcher`` locks
the screen after ``SiteSettings.lock_minutes`` without use.

On lock, dialogs and previews are hidden too: a question waiting for an answer ends as
if cancelled; a preview comes back after unlocking and is closed on sign-out.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget, QWidget

from recoverydesk.domain.accounts import Action, User
from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.domain.settings import SiteSettings
from recoverydesk.services.access import Access
from recoverydesk.services.container import Services
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.lock_screen import MINUTE_MS, IdleWatcher, LockScreen
from recoverydesk.ui.sign_in import DemoAccount, FirstAdminForm, SignInScreen

log = logging.getLogger("recoverydesk.ui.session")

PANES = "panes"
SIGN_IN = "sign-in"
FIRST_ADMIN = "first-admin"
LOCKED = "locked"
NOT_SIGNED_IN = "Not signed in"
#: what a role must be allowed to do to see a pane (panes not listed: everyone signed in)
PANE_ACTIONS = {
    "Front desk": Action.CHECK_IN,
    "Members": Action.MEMBER_EDIT,
    "Peers": Action.PEERS_VIEW,
    "Plans": Action.PLANS_VIEW,
    "Reports": Action.REPORTS,
    "Admin": Action.SETTINGS,
}


def pane_allowed(access: Access, name: str) -> bool:
    """True when the signed-in, unlocked person's role may see the pane ``name``."""
    actor = access.actor
    if actor is None or access.locked:
        return False
    action = PANE_ACTIONS.get(name)
    return action is None or actor.may(action)


def who_text(access: Access) -> str:
    """The status bar's "Signed in: <name> (<role>)" (staff names only, never members)."""
    actor = access.actor
    if actor is None:
        return NOT_SIGNED_IN
    if access.locked:
        return f"Locked: {actor.display_name}"
    return f"Signed in: {actor.display_name} ({actor.role.label})"


class SessionScreens(QStackedWidget):
    """The workspace, or the screen that stands in for it (sign-in, first admin, locked).

    Signals:
        work_shown: the workspace shows again; True after a sign-in, False after unlocking.
        work_hidden: the workspace was hidden (signed out or locked).
    """

    work_shown = Signal(bool)
    work_hidden = Signal()

    def __init__(
        self,
        services: Services,
        events: AppEvents,
        workspace: QWidget,
        demo_accounts: Sequence[DemoAccount] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._access = services.access
        self._events = events
        self._hidden_windows: list[QWidget] = []
        self.workspace = workspace
        self.who_label = QLabel(NOT_SIGNED_IN)
        self.who_label.setAccessibleName("Signed in")
        self.who_label.setContentsMargins(0, 0, 12, 0)
        self.sign_in_screen = SignInScreen(services.accounts, self._centre_name, demo_accounts)
        self.first_admin_form = FirstAdminForm(services.accounts)
        self.lock_screen = LockScreen(services.accounts)
        for page in (workspace, self.sign_in_screen, self.first_admin_form, self.lock_screen):
            self.addWidget(page)
        self._lock_minutes = self._read_lock_minutes()
        self.idle_watcher = IdleWatcher(self._lock_minutes * MINUTE_MS, self)
        self._connect()

    @property
    def name(self) -> str:
        """What shows: "panes", "sign-in", "first-admin" or "locked"."""
        current = self.currentWidget()
        for page, name in (
            (self.sign_in_screen, SIGN_IN),
            (self.first_admin_form, FIRST_ADMIN),
            (self.lock_screen, LOCKED),
        ):
            if current is page:
                return name
        return PANES

    def start(self) -> None:
        """The first screen: the panes when someone already acts, else the sign-in."""
        if self._access.actor is None:
            self.show_sign_in()
        else:
            self._show(self.workspace, first_pane=True)

    def sign_in_as(self, username: str, password: str) -> bool:
        """Sign in through the sign-in screen, signing out whoever is signed in first."""
        if self._access.actor is not None:
            self.sign_out()
        if self.name != SIGN_IN:
            self._show(self.sign_in_screen)
        self.sign_in_screen.username.setText(username)
        self.sign_in_screen.password.setText(password)
        return self.sign_in_screen.submit()

    @Slot()
    def show_sign_in(self) -> None:
        """The sign-in screen, or the first-admin form on a database without accounts."""
        try:
            first = self._services.accounts.needs_first_admin()
        except RecoveryDeskError:
            first = False  # the sign-in screen will say what is wrong with the database
        self.sign_in_screen.reset()
        self._show(self.first_admin_form if first else self.sign_in_screen)

    @Slot()
    def lock(self) -> None:
        """Hide the workspace behind the lock screen; the person stays signed in."""
        actor = self._access.actor
        if actor is None or self._access.locked:
            return
        try:
            self._services.accounts.lock()
        except RecoveryDeskError as error:  # not audited (database gone): lock anyway
            log.warning("Locking was not written to the audit trail (%s)", type(error).__name__)
            self._access.set_locked(True)
        self._hide_other_windows()
        self.lock_screen.show_for(actor.display_name)
        self._show(self.lock_screen)

    def sign_out(self) -> None:
        """Sign out now (no questions) and close what the previous person had open."""
        try:
            self._services.accounts.sign_out()
        except RecoveryDeskError as error:  # not audited (database gone): sign out anyway
            log.warning("Signing out was not written to the audit trail (%s)", type(error).__name__)
            self._access.act_as(None)
        self._hide_other_windows()  # previews of the person signing out
        for widget in self._take_hidden_windows():
            widget.close()

    # ----- inside ---------------------------------------------------------------------------

    def _connect(self) -> None:
        self.sign_in_screen.signed_in.connect(self._signed_in)
        self.first_admin_form.signed_in.connect(self._signed_in)
        self.first_admin_form.accounts_exist.connect(self.show_sign_in)
        self.lock_screen.unlocked.connect(self._unlocked)
        self.idle_watcher.idle.connect(self.lock)
        self._events.settings_changed.connect(self._follow_lock_minutes)
        self._events.users_changed.connect(lambda: self.who_label.setText(who_text(self._access)))

    @Slot(object)
    def _signed_in(self, _user: User) -> None:
        self._show(self.workspace, first_pane=True)
        self._announce_everything()

    @Slot()
    def _unlocked(self) -> None:
        self._show(self.workspace, first_pane=False)
        for widget in self._take_hidden_windows():
            widget.show()

    def _show(self, page: QWidget, first_pane: bool = False) -> None:
        self.setCurrentWidget(page)
        self.who_label.setText(who_text(self._access))
        if page is self.workspace:
            self.idle_watcher.start()
            self.work_shown.emit(first_pane)
        else:
            self.idle_watcher.stop()
            self.work_hidden.emit()

    def _announce_everything(self) -> None:
        """Someone else may see other things now: every pane reloads what it shows.

        (The window says ``users_changed`` itself whenever the actor changes.)
        """
        events = self._events
        events.members_changed.emit(-1)
        events.visits_changed.emit(-1)
        events.settings_changed.emit()
        events.peers_changed.emit()
        events.contacts_changed.emit(-1)
        events.plans_changed.emit(-1)

    def _hide_other_windows(self) -> None:
        """Hide popups, dialogs and previews; those that wait for no answer come back."""
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
            if QApplication.activePopupWidget() is popup:
                break
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMainWindow) or not widget.isVisible():
                continue
            if not widget.isModal():
                self._hidden_windows.append(widget)
            widget.hide()  # a modal dialog's question ends as if cancelled

    def _take_hidden_windows(self) -> list[QWidget]:
        hidden = [w for w in self._hidden_windows if shiboken6.isValid(w)]
        self._hidden_windows = []
        return hidden

    def _centre_name(self) -> str:
        return self._services.settings.get().centre_name

    def _read_lock_minutes(self) -> int:
        try:
            return self._services.settings.get().lock_minutes
        except RecoveryDeskError:
            return SiteSettings().lock_minutes

    @Slot()
    def _follow_lock_minutes(self) -> None:
        """A new lock time from Admin → Settings (a test's own timeout stays otherwise)."""
        minutes = self._read_lock_minutes()
        if minutes != self._lock_minutes:
            self._lock_minutes = minutes
            self.idle_watcher.set_timeout_minutes(minutes)
