"""Composition root of the GUI: database → services → panes → main window.

``run_gui`` is what ``recoverydesk`` without a subcommand runs. It reuses a running
``QApplication`` (tests and scripts drive the real app that way) and still runs the event
loop, so it returns only when the window is closed. A database that cannot be opened is
explained in plain words and gives exit code 1; no traceback reaches the screen.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from recoverydesk import APP_NAME, ORG_DOMAIN, ORG_NAME, __version__
from recoverydesk.cli.context import CliContext
from recoverydesk.domain.errors import DatabaseError, RecoveryDeskError
from recoverydesk.services.container import Services, open_services
from recoverydesk.services.demo import create_demo_database
from recoverydesk.ui import errors as ui_errors
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.main_window import MainWindow, ui_state
from recoverydesk.ui.panes.admin_pane import AdminPane
from recoverydesk.ui.panes.front_desk_pane import FrontDeskPane
from recoverydesk.ui.panes.members_pane import MembersPane

log = logging.getLogger("recoverydesk.app")

DEMO_MEMBERS = 300
DEMO_SEED = 1
#: how long closing waits for background work before the database is closed
SHUTDOWN_WAIT_MS = 10_000

OnReady = Callable[[MainWindow], object]


def run_gui(ctx: CliContext, demo: bool, on_ready: OnReady | None = None) -> int:
    """Open the database and show the main window until it is closed; returns the exit code.

    Args:
        ctx: where the data lives (``--db``, ``--data-dir``).
        demo: open the demo database (created with synthetic people on first use).
        on_ready: called with the window once the event loop runs (tests, scripts).
    """
    app = application()
    try:
        services = open_gui_services(ctx, demo)
    except Exception as error:
        _explain_start_failure(error, ctx)
        return 1
    try:
        window = build_window(ctx, services, demo)
    except Exception as error:
        services.close()
        _explain_start_failure(error, ctx)
        return 1
    restore_hook = ui_errors.install_excepthook(lambda: QApplication.activeWindow() or window)
    window.closed.connect(app.quit)
    try:
        window.show()
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
        ("Admin", AdminPane(services, events)),
    ]


def build_window(ctx: CliContext, services: Services, demo: bool) -> MainWindow:
    """The main window with every pane, wired to one ``AppEvents``."""
    events = AppEvents()
    panes = build_panes(services, events)
    return MainWindow(services, events, panes, demo=demo, state=ui_state(ctx.paths))


def open_gui_services(ctx: CliContext, demo: bool) -> Services:
    """The services the window will use; creates the demo database on first use."""
    ctx.paths.ensure()
    if demo:
        path = ctx.paths.demo_database
        _fill_demo(path)
        return open_services(path, backup_dir=ctx.paths.backup_dir)
    return open_services(ctx.database_target, backup_dir=ctx.paths.backup_dir)


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


def _fill_demo(path: Path) -> None:
    """Create the demo people unless the demo database already has them.

    They are added in one transaction, so an interrupted first run starts over next time.
    """
    notice = None if path.exists() else _busy_notice("Creating demo data (first time only)…")
    try:
        create_demo_database(path, members=DEMO_MEMBERS, seed=DEMO_SEED)
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
    if not QThreadPool.globalInstance().waitForDone(SHUTDOWN_WAIT_MS):
        log.warning("Background work was still running when the window closed")
    window.hide()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    services.close()
