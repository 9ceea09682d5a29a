"""Undo at the door: take back the check-in just recorded, from the message line.

A mistaken Enter (the wrong Maria, one card scanned for two people) should cost one key:
after a check-in the message line offers "Undo" (Alt+U) for that visit until the next
message replaces it. Only today's desk and scanner visits can be taken back (the service
refuses the rest), so a paper-sheet entry is never offered it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.domain.visits import CheckInResult, Visit, VisitSource
from recoverydesk.services.container import Services
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.widgets.desk_message import DeskMessage, MessageKind
from recoverydesk.ui.widgets.purpose_bar import PurposeBar

UNDO_ACTION = "&Undo"


class CheckInUndo(QObject):
    """Offers Undo for the visit just recorded and takes it back when asked.

    Args:
        services: where the visit is taken back and the person's name is read.
        events: told ``visits_changed(-1)`` after an undo.
        message: the desk's message line, which carries the Undo button.
        purposes: the purpose bar, hidden when it shows the visit taken back.
        search: where focus goes afterwards, ready for the next person.
        on_error: shows a refusal or a database problem in plain words.
    """

    def __init__(
        self,
        services: Services,
        events: AppEvents,
        message: DeskMessage,
        purposes: PurposeBar,
        search: QWidget,
        on_error: Callable[[RecoveryDeskError], None],
    ) -> None:
        super().__init__(message)
        self._services = services
        self._events = events
        self._message = message
        self._purposes = purposes
        self._search = search
        self._on_error = on_error

    def offer(self, result: CheckInResult, text: str) -> None:
        """Say ``text`` (a visit was recorded), with Undo when it can be taken back."""
        action = self.action_for(result)
        if action is None:
            self._message.show_message(MessageKind.DONE, text)
        else:
            self._message.show_message(MessageKind.DONE, text, *action)

    def action_for(self, result: CheckInResult) -> tuple[str, Callable[[], object]] | None:
        """The Undo (label, action) for a recorded visit; None for paper-sheet entries."""
        visit = result.visit
        if visit.source is VisitSource.PAPER:
            return None
        return UNDO_ACTION, lambda: self.undo(visit)

    def undo(self, visit: Visit) -> bool:
        """Take back ``visit``; the person can be checked in again at once."""
        try:
            name = self._name(visit)
            self._services.visits.undo_check_in(visit.id)
        except RecoveryDeskError as error:
            self._on_error(error)
            self._search.setFocus()
            return False
        if self._purposes.visit_id == visit.id:
            self._purposes.clear_visit()
        self._message.show_message(MessageKind.DONE, f"Check-in of {name} undone")
        self._events.visits_changed.emit(-1)
        self._search.setFocus()
        return True

    def _name(self, visit: Visit) -> str:
        if visit.member_id is None:
            return f"Guest {visit.guest_label}".strip()
        return self._services.members.get(visit.member_id).display_name
