"""The peer-work actions one click starts: open a form, save, announce, export.

``PeerActions`` is shared by the Peers pane and a member's peer section. It opens each form
with ``open()`` (window-modal, never blocking), keeps it in ``dialog`` so tests can fill it
in, and after a successful save emits the matching ``AppEvents`` signal: every list that
shows the data refreshes itself from that, here and on other desks.

The questions it asks (where to save a CSV file, why an assignment ends) are attributes
holding plain functions, so a test replaces them with answers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.domain.peer_rules import END_REASON_MAX
from recoverydesk.domain.peers import (
    Assignment,
    AssignmentKind,
    CaseloadTransfer,
    Contact,
    ContactKind,
    Peer,
)
from recoverydesk.services.container import Services
from recoverydesk.ui.errors import call_or_report, error_title, plain_text
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.forms.assign_form import AssignDialog, TransferDialog
from recoverydesk.ui.forms.contact_form import ContactDialog
from recoverydesk.ui.forms.form_dialog import FormDialog
from recoverydesk.ui.forms.peer_form import PeerDialog
from recoverydesk.ui.operations import run_operation
from recoverydesk.ui.widgets.problem_box import ProblemBox
from recoverydesk.ui.widgets.reason_dialog import ask_reason

_T = TypeVar("_T")
_D = TypeVar("_D", bound=FormDialog)
AskPath = Callable[[QWidget, str, str], str | None]
AskReason = Callable[[QWidget, str, str], str | None]


def choose_csv_path(parent: QWidget, title: str, suggested: str) -> str | None:
    """Ask where to save a CSV file; None when cancelled. Adds ".csv" when missing."""
    path, _filter = QFileDialog.getSaveFileName(parent, title, suggested, "CSV files (*.csv)")
    if not path:
        return None
    return path if path.lower().endswith(".csv") else f"{path}.csv"


def ask_end_reason(parent: QWidget, title: str, question: str) -> str | None:
    """Why an assignment ends (required); None when cancelled."""
    return ask_reason(parent, title, question, END_REASON_MAX)


class PeerActions(QObject):
    """Opens the peer-work forms for ``parent`` and announces what they saved.

    Signals:
        message: a short confirmation or problem for a status line (text, is_problem).
        exported: a CSV export finished (its path, how many rows).
    """

    message = Signal(str, bool)
    exported = Signal(str, int)

    def __init__(self, services: Services, events: AppEvents, parent: QWidget) -> None:
        super().__init__(parent)
        self._services = services
        self._events = events
        self._parent = parent
        self._problems = ProblemBox(parent)
        #: the form open now (None when none); tests fill it in
        self.dialog: FormDialog | None = None
        #: replaceable questions
        self.ask_save_path: AskPath = choose_csv_path
        self.ask_reason: AskReason = ask_end_reason

    # -- peers ----------------------------------------------------------------------------

    def add_peer(self) -> PeerDialog:
        dialog = PeerDialog(self._services, None, self._parent)
        return self._open(dialog, self._peer_saved)

    def edit_peer(self, peer_id: int) -> PeerDialog | None:
        peer = self._call(self._services.peers.get, peer_id)
        if peer is None:
            return None
        return self._open(PeerDialog(self._services, peer, self._parent), self._peer_saved)

    def _peer_saved(self, peer: Peer) -> None:
        self._events.peers_changed.emit()
        self.message.emit(f"Saved peer {peer.name}", False)

    # -- contacts -------------------------------------------------------------------------

    def log_contact(
        self,
        member_id: int,
        member_label: str,
        peer_id: int | None = None,
        kind: ContactKind = ContactKind.IN_PERSON,
    ) -> ContactDialog:
        dialog = ContactDialog(
            self._services, member_id, member_label, peer_id=peer_id, kind=kind, parent=self._parent
        )
        return self._open(dialog, self._contact_saved)

    def _contact_saved(self, contact: Contact) -> None:
        self._events.contacts_changed.emit(contact.member_id)
        follow = contact.follow_up_on
        extra = f"; follow-up {follow.isoformat()}" if follow else ""
        self.message.emit(f"Contact logged{extra}", False)

    # -- assignments ----------------------------------------------------------------------

    def assign(
        self,
        member_id: int,
        member_label: str,
        peer_id: int | None = None,
        kind: AssignmentKind = AssignmentKind.PRIMARY,
    ) -> AssignDialog:
        dialog = AssignDialog(
            self._services, member_id, member_label, peer_id=peer_id, kind=kind, parent=self._parent
        )
        return self._open(dialog, self._assigned)

    def transfer(
        self,
        member_id: int,
        member_label: str,
        from_peer_id: int,
        from_label: str,
        kind: AssignmentKind = AssignmentKind.PRIMARY,
    ) -> TransferDialog:
        dialog = TransferDialog(
            self._services,
            from_peer_id,
            from_label,
            member_id=member_id,
            member_label=member_label,
            kind=kind,
            parent=self._parent,
        )
        return self._open(dialog, self._assigned)

    def transfer_caseload(self, from_peer_id: int, from_label: str) -> TransferDialog:
        dialog = TransferDialog(self._services, from_peer_id, from_label, parent=self._parent)
        return self._open(dialog, self._caseload_moved)

    def end_assignment(self, assignment_id: int, member_label: str) -> bool:
        """Ask why, then end the assignment (it stays in the member's history)."""
        reason = self.ask_reason(
            self._parent,
            "End assignment",
            f"Why does this assignment of {member_label} end? (required)",
        )
        if reason is None:
            return False
        ended = self._call(self._services.peers.end_assignment, assignment_id, reason)
        if ended is None:
            return False
        self._events.peers_changed.emit()
        self.message.emit(f"Assignment to {ended.peer_name} ended", False)
        return True

    def _assigned(self, assignment: Assignment) -> None:
        self._events.peers_changed.emit()
        kind = assignment.kind.label.lower()
        self.message.emit(f"Assigned to {assignment.peer_name} ({kind})", False)
        self._warn_cap(assignment.peer_id)

    def _caseload_moved(self, moved: CaseloadTransfer) -> None:
        self._events.peers_changed.emit()
        members = "1 member" if moved.opened == 1 else f"{moved.opened} members"
        warning = f" — {moved.caseload.warning}" if moved.caseload.over_cap else ""
        self.message.emit(f"Moved {members}{warning}", moved.caseload.over_cap)

    def _warn_cap(self, peer_id: int) -> None:
        status = self._call(self._services.peers.caseload_status, peer_id)
        if status is not None and status.over_cap:
            self.message.emit(status.warning, True)

    # -- exports --------------------------------------------------------------------------

    def export_csv(self, title: str, suggested: str, write: Callable[[str], int]) -> bool:
        """Ask for a path, then write the CSV file off the UI thread."""
        path = self.ask_save_path(self._parent, title, suggested)
        if not path:
            return False

        def done(count: object) -> None:
            rows = "1 row" if count == 1 else f"{count} rows"
            self.message.emit(f"Exported {rows} to {Path(path).name}", False)
            self.exported.emit(path, int(count))  # type: ignore[call-overload]

        run_operation(lambda: write(path), on_success=done, parent=self._parent, label=title)
        return True

    # -- helpers --------------------------------------------------------------------------

    def _open(self, dialog: _D, on_saved: Callable[..., None]) -> _D:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.saved.connect(on_saved)
        dialog.finished.connect(lambda _r, d=dialog: self._closed(d))
        dialog.open()
        return dialog

    def _closed(self, dialog: FormDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _call(self, action: Callable[..., _T], *args: object) -> _T | None:
        return call_or_report(self.show_problem, action, *args)

    def show_problem(self, error: RecoveryDeskError) -> None:
        """Tell the person what went wrong, in plain words (never blocks)."""
        self._problems.show(error_title(error), plain_text(error))
