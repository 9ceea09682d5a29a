"""Live refresh: panes follow other desks' changes; the window says when the server is gone.

Every second a pool thread asks ``ChangeFeed.poll`` what others changed (a primary-key
range on the audit trail, so it stays cheap at any size) and the answer is turned into the
usual ``AppEvents`` signals on the UI thread: panes refresh exactly as they do after this
desk's own changes, keeping their selection and anything typed. A failed poll (server
gone, network down) raises ``connection_lost`` once with a plain sentence; the next poll
that works raises ``connection_back``. The engine's pre-ping reconnects by itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot

from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.services.changes import Changes
from recoverydesk.ui.events import AppEvents

log = logging.getLogger("recoverydesk.ui.live_refresh")

POLL_MS = 1000
LOST_MESSAGE = (
    "Cannot reach the database right now. What you type stays on screen; "
    "RecoveryDesk keeps trying and will say when it is back."
)


class _Outcome(QObject):
    """Carries a poll's answer from the pool thread to the UI thread."""

    done = Signal(object)


class _Poll(QRunnable):
    def __init__(self, poll: Callable[[], Changes], outcome: _Outcome) -> None:
        super().__init__()
        self._poll = poll
        self._outcome = outcome

    def run(self) -> None:
        try:
            result: object = self._poll()
        except RecoveryDeskError as error:
            result = error
        except Exception as error:  # a driver error the translation did not know
            log.warning("change poll failed (%s)", type(error).__name__)
            result = error
        self._outcome.done.emit(result)


class LiveRefresh(QObject):
    """Polls for other desks' changes and re-emits them as ``AppEvents``."""

    connection_lost = Signal(str)
    connection_back = Signal()

    def __init__(
        self,
        poll: Callable[[], Changes],
        events: AppEvents,
        interval_ms: int = POLL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._poll = poll
        self._events = events
        self._busy = False
        self._lost = False
        self._outcome = _Outcome()
        self._outcome.done.connect(self._delivered, Qt.ConnectionType.QueuedConnection)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll_now)

    @property
    def lost(self) -> bool:
        return self._lost

    def start(self) -> None:
        self.poll_now()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @Slot()
    def poll_now(self) -> None:
        if self._busy:  # a slow poll (server timing out) is never stacked up
            return
        self._busy = True
        QThreadPool.globalInstance().start(_Poll(self._poll, self._outcome))

    @Slot(object)
    def _delivered(self, result: object) -> None:
        self._busy = False
        if isinstance(result, Exception):
            if not self._lost:
                self._lost = True
                self.connection_lost.emit(LOST_MESSAGE)
            return
        if self._lost:
            self._lost = False
            self.connection_back.emit()
        if isinstance(result, Changes) and result:
            self._emit(result)

    def _emit(self, changes: Changes) -> None:
        kinds = changes.kinds
        everything = "everything" in kinds
        if everything or "members" in kinds:
            ids = changes.member_ids
            self._events.members_changed.emit(next(iter(ids)) if len(ids) == 1 else -1)
        if everything or "visits" in kinds:
            self._events.visits_changed.emit(-1)
        if everything or "settings" in kinds:
            self._events.settings_changed.emit()
        if everything or "peers" in kinds:
            self._events.peers_changed.emit()
        if everything or "contacts" in kinds:
            self._events.contacts_changed.emit(-1)
        if everything or "plans" in kinds:
            self._events.plans_changed.emit(-1)
        if everything or "users" in kinds:
            self._events.users_changed.emit()
