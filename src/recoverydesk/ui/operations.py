"""Slow work off the UI thread.

``run_operation(fn, on_success=...)`` runs ``fn()`` on the global ``QThreadPool`` and
hands its result (or its error) back on the UI thread through a queued Qt signal. A
progress dialog appears only if the work takes longer than ``PROGRESS_DELAY_MS``, so quick
operations never flash a window. When no ``on_error`` is given, a ``RecoveryDeskError`` is
shown in plain words and any other error goes to the exception dialog.

``fn`` must not touch widgets: it gets data from services and returns plain values.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.ui.errors import handle_error, safe_traceback

log = logging.getLogger("recoverydesk.ui.operations")

PROGRESS_DELAY_MS = 400

#: operations still waiting for their result; keeps them alive until delivery
_running: set[Operation] = set()


class _Signals(QObject):
    """Carries a result from the worker thread to the UI thread."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    """Runs the function on a pool thread and emits its outcome."""

    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._fn = fn
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as error:  # every outcome must reach the UI thread
            self._signals.failed.emit(error)
        else:
            self._signals.succeeded.emit(result)


class Operation(QObject):
    """One piece of work in flight: its callbacks, its progress dialog, its outcome."""

    #: the result or error was delivered (after the callback ran)
    finished = Signal()

    def __init__(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], object],
        on_error: Callable[[BaseException], object] | None,
        parent: QWidget | None,
        label: str,
        show_progress: bool,
    ) -> None:
        super().__init__()
        self._fn = fn
        self._on_success = on_success
        self._on_error = on_error
        self._parent = parent
        self._signals = _Signals()
        queued = Qt.ConnectionType.QueuedConnection
        self._signals.succeeded.connect(self._succeeded, queued)
        self._signals.failed.connect(self._failed, queued)
        self._progress = _progress_dialog(parent, label) if show_progress else None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PROGRESS_DELAY_MS)
        self._timer.timeout.connect(self._show_progress)
        self.running = False

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        return self._progress

    def start(self) -> None:
        self.running = True
        _running.add(self)
        if self._progress is not None:
            self._timer.start()
        QThreadPool.globalInstance().start(_Job(self._fn, self._signals))

    @Slot()
    def _show_progress(self) -> None:
        if self.running and self._progress is not None and shiboken6.isValid(self._progress):
            self._progress.show()

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        try:
            if self._end():
                self._on_success(result)
        finally:
            self.finished.emit()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        try:
            if not self._end():
                _log_dropped(error)
            elif self._on_error is not None:
                self._on_error(error)
            else:
                handle_error(self._parent, error)
        finally:
            self.finished.emit()

    def _end(self) -> bool:
        """Stop the progress dialog; False when the parent widget is gone (drop the result)."""
        self.running = False
        self._timer.stop()
        _running.discard(self)
        if self._progress is not None and shiboken6.isValid(self._progress):
            self._progress.hide()
            self._progress.deleteLater()
        self._progress = None
        return self._parent is None or shiboken6.isValid(self._parent)


def run_operation(
    fn: Callable[[], Any],
    *,
    on_success: Callable[[Any], object],
    on_error: Callable[[BaseException], object] | None = None,
    parent: QWidget | None = None,
    label: str = "Working…",
    show_progress: bool = True,
) -> Operation:
    """Run ``fn()`` off the UI thread; call ``on_success(result)`` or ``on_error(error)`` on it.

    Args:
        fn: the work; must not touch widgets.
        on_success: called on the UI thread with what ``fn`` returned.
        on_error: called on the UI thread with what ``fn`` raised; when None, domain errors
            are shown in plain words and bugs go to the exception dialog.
        parent: the widget the work is for; if it is deleted first, the outcome is dropped.
        label: the progress dialog's text.
        show_progress: False for background refreshes that must never show a dialog.
    """
    operation = Operation(fn, on_success, on_error, parent, label, show_progress)
    operation.start()
    return operation


def _log_dropped(error: BaseException) -> None:
    """The window is gone, so nobody sees ``error``; a bug must still reach the log."""
    if isinstance(error, RecoveryDeskError):
        log.info("%s ignored: its window was closed", type(error).__name__)
    else:
        log.error("Unexpected error after its window closed\n%s", safe_traceback(error))


def _progress_dialog(parent: QWidget | None, label: str) -> QProgressDialog:
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowTitle("RecoveryDesk")
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setAccessibleName(label)
    if parent is not None:
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.hide()
    return dialog
