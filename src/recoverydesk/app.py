"""Composition root of the GUI: database → services → panes → main window.

``run_gui`` is what ``recoverydesk`` without a subcommand runs. It reuses a running
``QApplication`` (tests and scripts drive the real app that way) and still runs the event
loop, so it returns only when the window is closed. A database that cannot be opened is
explained in plain words and gives exit code 1; no traceback reaches the screen.

Before a SQLite file is opened it gets a ``quick_check``; a damaged file (or one that is
not a database) opens the recovery screen instead of the app: restore the newest good
backup, open the file read-only, or quit. Once the window shows, the day's automatic
backup runs in the background; if it fails the app keeps working and says so.

Nobody is signed in when the window opens (``access.act_as(None)`` before any pane is
built): the window shows the sign-in screen, or the first-admin form on a database without
accounts. ``--demo`` signs the demo coordinator in without asking and lists the demo
accounts on the sign-in screen for whoever switches user.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from sqlalchemy import Connection, Engine, create_engine, event

from recoverydesk import APP_NAME, ORG_DOMAIN, ORG_NAME, __version__
from recoverydesk.cli.context import CliContext
from recoverydesk.db import migrate, sqlite_file
from recoverydesk.db.engine import BEGIN_OPTION, BUSY_TIMEOUT_MS, to_url
from recoverydesk.db.engine import sqlite_file as sqlite_file_of
from recoverydesk.db.session import Database
from recoverydesk.domain.accounts import Role
from recoverydesk.domain.backups import BackupInfo
from recoverydesk.domain.errors import (
    DatabaseCorruptError,
    DatabaseError,
    DatabasePasswordError,
    RecoveryDeskError,
)
from recoverydesk.services.accounts import DEMO_PASSWORD
from recoverydesk.services.backups import newest_good_backup, restore_file
from recoverydesk.services.container import Services, build_services, open_services
from recoverydesk.services.demo import create_demo_database
from recoverydesk.services.maintenance import start_check_problems
from recoverydesk.ui import errors as ui_errors
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.live_refresh import LiveRefresh
from recoverydesk.ui.main_window import MainWindow
from recoverydesk.ui.operations import run_operation
from recoverydesk.ui.panes.admin_pane import AdminPane
from recoverydesk.ui.panes.front_desk_pane import FrontDeskPane
from recoverydesk.ui.panes.members_pane import MembersPane
from recoverydesk.ui.panes.peers_pane import PeersPane
from recoverydesk.ui.panes.plans_pane import PlansPane
from recoverydesk.ui.recovery import RecoveryChoice, RecoveryDialog, RecoveryFacts, backup_when
from recoverydesk.ui.window_parts import ui_state

log = logging.getLogger("recoverydesk.app")

DEMO_MEMBERS = 300
DEMO_SEED = 1
#: who ``--demo`` signs in as, without a prompt
DEMO_USERNAME = "coordinator"
#: how long closing waits for background work before the database is closed
SHUTDOWN_WAIT_MS = 10_000

#: the demo's backups stay apart, so a demo copy is never offered for the real database
DEMO_BACKUP_FOLDER = "demo-backups"
#: what ``quick_check`` says when the file could not be read at all (not damage): the
#: normal open explains these in its own words
_NOT_DAMAGE = ("unable to open", "locked", "disk i/o", "out of memory", "authoriz")
READ_ONLY_SUFFIX = " — Read-only"
READ_ONLY_NOTICE = (
    "Opened read-only: nothing can be saved. Restore a backup (Admin → Backups) and start "
    "again to work as usual."
)

OnReady = Callable[[MainWindow], object]
#: the recovery screen's question: facts in, choice out (tests pass their own)
AskRecovery = Callable[[RecoveryFacts], RecoveryChoice]


DemoAccounts = list[tuple[str, str, Role]]


@dataclass
class Started:
    """Open services, and how they were opened (read-only, a note for the status bar).

    ``demo_accounts`` (username, password, role) are listed on a demo's sign-in screen.
    """

    services: Services
    read_only: bool = False
    notice: str = ""
    demo_accounts: DemoAccounts = field(default_factory=list)


def run_gui(
    ctx: CliContext,
    demo: bool,
    on_ready: OnReady | None = None,
    recovery_choice: AskRecovery | None = None,
) -> int:
    """Open the database and show the main window until it is closed; returns the exit code.

    Args:
        ctx: where the data lives (``--db``, ``--data-dir``).
        demo: open the demo database (created with synthetic people on first use).
        on_ready: called with the window once the event loop runs (tests, scripts).
        recovery_choice: answers the recovery screen instead of showing it (tests).
    """
    app = application()
    try:
        started = start_services(ctx, demo, recovery_choice or RecoveryDialog.ask)
    except Exception as error:
        _explain_start_failure(error, ctx)
        return 1
    if started is None:  # Quit on the recovery screen: the file is left as it is
        return 1
    services = started.services
    services.access.act_as(None)  # the command line's actor never reaches the window
    try:
        window = build_window(ctx, services, demo, started.demo_accounts)
        if demo:
            _sign_in_demo(window)
    except Exception as error:
        services.close()
        _explain_start_failure(error, ctx)
        return 1
    restore_hook = ui_errors.install_excepthook(lambda: QApplication.activeWindow() or window)
    window.closed.connect(app.quit)
    try:
        window.show()
        _after_show(window, started, demo)
        if on_ready is not None:
            QTimer.singleShot(0, lambda: on_ready(window))
        return int(app.exec())
    finally:
        # closing the last window also posts a Quit event; left in the queue, it would end
        # the next event loop of a script or test that reuses this QApplication at once
        QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)
        restore_hook()
        _shut_down(window, services)


def application() -> QApplication:
    """The running ``QApplication``, or a new one named after the app."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setOrganizationDomain(ORG_DOMAIN)
    QCoreApplication.setApplicationVersion(__version__)
    return QApplication(sys.argv[:1])


def build_panes(services: Services, events: AppEvents) -> list[tuple[str, QWidget]]:
    """Every pane, in navigation order."""
    return [
        ("Front desk", FrontDeskPane(services, events)),
        ("Members", MembersPane(services, events)),
        ("Peers", PeersPane(services, events)),
        ("Plans", PlansPane(services, events)),
        ("Admin", AdminPane(services, events)),
    ]


def build_window(
    ctx: CliContext, services: Services, demo: bool, demo_accounts: DemoAccounts | None = None
) -> MainWindow:
    """The main window with every pane, wired to one ``AppEvents``."""
    events = AppEvents()
    panes = build_panes(services, events)
    window = MainWindow(
        services,
        events,
        panes,
        demo=demo,
        state=ui_state(ctx.paths),
        demo_accounts=demo_accounts or (),
    )
    live = LiveRefresh(services.changes.poll, events, parent=window)
    live.connection_lost.connect(window.show_connection_lost)
    live.connection_back.connect(window.show_connection_back)
    window.live_refresh = live
    _open_plans_from_profiles(window)
    return window


def _open_plans_from_profiles(window: MainWindow) -> None:
    """A profile's "Open plan" switches to the Plans pane showing that member's plan."""
    members, plans = window.pane("Members"), window.pane("Plans")
    if isinstance(members, MembersPane) and isinstance(plans, PlansPane):
        members.open_plan.connect(
            lambda member_id: window.show_pane("Plans") and plans.open_member(member_id)
        )


def _sign_in_demo(window: MainWindow) -> None:
    """Sign the demo coordinator in (no prompt); on failure the sign-in screen stays."""
    if not window.sign_in_as(DEMO_USERNAME, DEMO_PASSWORD):
        log.warning("The demo coordinator could not be signed in")


def open_demo_services(ctx: CliContext) -> Started:
    """The demo database (filled on first use) and its demo accounts."""
    ctx.paths.ensure()
    path = ctx.paths.demo_database
    accounts = _fill_demo(path)
    services = open_services(path, backup_dir=ctx.paths.data_dir / DEMO_BACKUP_FOLDER)
    return Started(services, demo_accounts=accounts)


def open_gui_services(ctx: CliContext, demo: bool) -> Services:
    """The services the window will use; creates the demo database on first use."""
    if demo:
        return open_demo_services(ctx).services
    ctx.paths.ensure()
    try:
        return open_services(ctx.database_target, backup_dir=ctx.paths.backup_dir)
    except DatabasePasswordError as error:
        if not _ask_database_password(str(error)):
            raise
        return open_services(ctx.database_target, backup_dir=ctx.paths.backup_dir)


def _ask_database_password(reason: str) -> bool:
    """Ask for the server's password (for this run only); False when cancelled."""
    password, ok = QInputDialog.getText(
        None,
        f"{APP_NAME} — database password",
        f"{reason}\n\nPassword:",
        QLineEdit.EchoMode.Password,
    )
    if not ok or not password:
        return False
    os.environ["PGPASSWORD"] = password  # libpq reads it; it is never shown or logged
    return True


def start_services(ctx: CliContext, demo: bool, ask: AskRecovery) -> Started | None:
    """Check the database file, recover it if it is damaged, and open it.

    Returns None when the person chose Quit on the recovery screen.
    """
    if demo:
        return open_demo_services(ctx)
    ctx.paths.ensure()
    path = sqlite_file_of(to_url(ctx.database_target))
    problem = damage_found(path, ctx.paths.data_dir / "checks.json") if path is not None else None
    if path is not None and problem is not None:
        return recover(ctx, path, problem, ask)
    try:
        return Started(open_gui_services(ctx, demo=False))
    except DatabaseCorruptError as error:
        if path is None or not path.is_file():
            raise
        return recover(ctx, path, str(error), ask)


def damage_found(path: Path, state_file: Path | None = None) -> str | None:
    """What the start check finds wrong with the file, or None (also when it cannot tell).

    ``quick_check`` every start, a full ``integrity_check`` weekly (tracked in ``state_file``).
    """
    if not path.is_file() or path.stat().st_size == 0:
        return None
    if state_file is None:
        problems = sqlite_file.integrity_problems(path, quick=True)
    else:
        problems = start_check_problems(path, state_file, dt.date.today())
    if not problems or any(word in problems[0].lower() for word in _NOT_DAMAGE):
        return None
    log.warning("The database failed its check at start (%d problem(s))", len(problems))
    return problems[0]


def recover(ctx: CliContext, path: Path, problem: str, ask: AskRecovery) -> Started | None:
    """The recovery screen until it is answered; does what was chosen."""
    folder = ctx.paths.backup_dir
    backup = _newest_backup(folder, path)
    read_only = _opens_read_only(path, folder)
    note = ""
    while True:
        choice = ask(RecoveryFacts(path, problem, backup, folder, read_only, note))
        log.info("Recovery screen: %s", choice.value)
        if choice is RecoveryChoice.RESTORE and backup is not None:
            try:
                notice = _restore(backup, path, folder)
            except RecoveryDeskError as error:
                log.warning("Restoring from the recovery screen failed (%s)", type(error).__name__)
                note, backup = f"Restoring did not work: {error}", None
                continue
            return Started(open_gui_services(ctx, demo=False), notice=notice)
        if choice is RecoveryChoice.READ_ONLY and read_only:
            return Started(open_read_only(path, folder), read_only=True, notice=READ_ONLY_NOTICE)
        return None


def open_read_only(path: Path, backup_dir: Path) -> Services:
    """Services on ``path`` opened read-only (SQLite ``mode=ro``); nothing is ever written.

    Raises:
        DatabaseError: the file is too damaged to read, or from another schema version.
    """
    db = Database(_read_only_engine(path))
    try:
        if migrate.current_revision(db) != migrate.head_revision():
            raise DatabaseCorruptError(
                "This file cannot be opened read-only: it is not a RecoveryDesk database "
                "of this version."
            )
        return build_services(db, backup_dir=backup_dir)
    except BaseException:
        db.close()
        raise


def _read_only_engine(path: Path) -> Engine:
    """An engine whose connections cannot write (not even the journal mode)."""

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(
            f"{path.as_uri()}?mode=ro",
            uri=True,
            check_same_thread=False,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000,
        )

    engine = create_engine(to_url(path), creator=connect)

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # a write asks for BEGIN IMMEDIATE, which a read-only file refuses in plain words
        mode = connection.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _opens_read_only(path: Path, folder: Path) -> bool:
    try:
        open_read_only(path, folder).close()
    except Exception as error:  # any failure only means the choice is not offered
        log.info("The damaged file does not open read-only (%s)", type(error).__name__)
        return False
    return True


def _newest_backup(folder: Path, database: Path) -> BackupInfo | None:
    notice = _busy_notice("Looking for the newest good backup…")
    try:
        return newest_good_backup(folder, database)
    except RecoveryDeskError as error:
        log.warning("The backups could not be checked (%s)", type(error).__name__)
        return None
    finally:
        notice.close()
        notice.deleteLater()


def _restore(backup: BackupInfo, path: Path, folder: Path) -> str:
    """Put ``backup`` in place of the damaged file (kept aside); returns what to tell."""
    kept = restore_file(backup.path, path, folder, dt.datetime.now(dt.UTC))
    return (
        f"Restored the backup of {backup_when(backup)}. The damaged file is kept in the "
        f"backups folder as {kept.path.name}."
    )


def _after_show(window: MainWindow, started: Started, demo: bool) -> None:
    """Say how the database was opened, then take the day's backup in the background."""
    if started.read_only:
        window.setWindowTitle(window.windowTitle() + READ_ONLY_SUFFIX)
        window.database_label.setText(f"Database (read-only): {started.services.description}")
    if started.notice:
        window.statusBar().showMessage(started.notice)
    if isinstance(window.live_refresh, LiveRefresh):
        window.start_live_refresh()  # while someone is signed in and the screen unlocked
    if started.read_only:
        return
    run_operation(
        started.services.backups.daily_if_needed,
        on_success=lambda _info: None,
        on_error=lambda error: _daily_backup_failed(window, error, demo),
        parent=window,
        show_progress=False,
    )


def _daily_backup_failed(window: MainWindow, error: BaseException, demo: bool) -> None:
    """The app keeps working; the person is told once, without a modal dialog."""
    if isinstance(error, RecoveryDeskError):
        log.warning("The daily backup was not made (%s)", type(error).__name__)
        title = ui_errors.error_title(error)
        text = f"Today's automatic backup was not made. {error}"
        if isinstance(error, DatabaseCorruptError):
            text += (
                " This can mean the database file is damaged: restore the newest backup "
                "in Admin → Backups, or ask for help."
            )
    else:
        log.error("The daily backup failed\n%s", ui_errors.safe_traceback(error))
        title, text = "Backup not made", "Today's automatic backup was not made (see the log)."
    window.statusBar().showMessage("Today's automatic backup was not made: see Admin → Backups.")
    if demo:
        return
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, window)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()


def _explain_start_failure(error: Exception, ctx: CliContext) -> None:
    """Say in plain words why the app cannot start; bugs get the exception dialog."""
    if isinstance(error, RecoveryDeskError):
        log.warning("The app could not start (%s)", type(error).__name__)
        title = error.title if isinstance(error, DatabaseError) else f"{APP_NAME} cannot start"
        QMessageBox.critical(None, title, f"{error}\n\n{APP_NAME} will close now.")
    elif isinstance(error, OSError):
        log.warning("The data folder could not be prepared (%s)", type(error).__name__)
        QMessageBox.critical(
            None,
            f"{APP_NAME} cannot start",
            f"The data folder {ctx.paths.data_dir} cannot be used "
            f"({error.strerror}).\n\n{APP_NAME} will close now.",
        )
    else:
        details = ui_errors.safe_traceback(error)
        log.error("Unexpected error while starting\n%s", details)
        ui_errors.show_unexpected_error(None, details)


def _fill_demo(path: Path) -> DemoAccounts:
    """Create the demo people unless the demo database already has them; the demo accounts.

    They are added in one transaction, so an interrupted first run starts over next time.
    """
    notice = None if path.exists() else _busy_notice("Creating demo data (first time only)…")
    try:
        return create_demo_database(path, members=DEMO_MEMBERS, seed=DEMO_SEED)
    finally:
        if notice is not None:
            notice.close()
            notice.deleteLater()


def _busy_notice(text: str) -> QLabel:
    """A small window saying what is happening while the UI cannot respond yet."""
    notice = QLabel(text)
    notice.setWindowTitle(APP_NAME)
    notice.setMargin(24)
    notice.show()
    QCoreApplication.processEvents()
    return notice


def _shut_down(window: MainWindow, services: Services) -> None:
    if isinstance(window.live_refresh, LiveRefresh):
        window.live_refresh.stop()
    if not QThreadPool.globalInstance().waitForDone(SHUTDOWN_WAIT_MS):
        log.warning("Background work was still running when the window closed")
    if services.access.actor is not None:
        try:
            services.accounts.sign_out()  # written to the audit trail
        except RecoveryDeskError as error:
            log.warning("Signing out at exit was not recorded (%s)", type(error).__name__)
    window.hide()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    services.close()
