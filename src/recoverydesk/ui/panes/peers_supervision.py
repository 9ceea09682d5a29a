"""The Supervision tab of the Peers pane: a peer's supervision log and a form to add a session.

Only people with supervision rights see this tab (``Action.SUPERVISION``): the session notes
are restricted and shown nowhere else. Every read of the log is audited by the service, so
the log is loaded only while the tab is on screen.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.errors import FieldError, RecoveryDeskError, ValidationError
from recoverydesk.domain.peer_rules import SUPERVISOR_MAX, TOPICS_MAX
from recoverydesk.domain.peers import SupervisionDraft
from recoverydesk.domain.validation import parse_date
from recoverydesk.services.container import Services
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.models.peer_contact_models import SupervisionModel
from recoverydesk.ui.widgets.field_feedback import ERROR_COLOR, FieldBox
from recoverydesk.ui.widgets.peer_actions import PeerActions
from recoverydesk.ui.widgets.peer_table import PagedTableView

_FIELDS = ("held_on", "supervisor", "topics", "note")


class SupervisionTab(QWidget):
    """A peer's supervision sessions (newest first) and an "Add session" form."""

    def __init__(
        self,
        services: Services,
        events: AppEvents,
        actions: PeerActions,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._peers = services.peers
        self._clock = services.clock
        self._events = events
        self._actions = actions
        self._peer_id: int | None = None
        self._peer_name = ""
        self.model = SupervisionModel(services.peers, self)
        m = SupervisionModel
        samples = {
            m.COL_DATE: "2026-12-31",
            m.COL_SUPERVISOR: "Κώστας Βασιλείου  ",
            m.COL_NOTE: "n" * 40,
        }
        self.table = PagedTableView(self.model, "Supervision sessions", samples, m.COL_TOPICS, self)
        self._boxes: dict[str, FieldBox] = {}
        form = self._build_form()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.table, 1)
        layout.addWidget(form)
        self._update_empty()

    def _build_form(self) -> QGroupBox:
        group = QGroupBox("Add a supervision session", self)
        grid = QFormLayout(group)
        self.date_edit = QLineEdit(self._clock.today().isoformat(), group)
        self.date_edit.setPlaceholderText("YYYY-MM-DD")
        self.supervisor_edit = QLineEdit(group)
        self.supervisor_edit.setMaxLength(SUPERVISOR_MAX)
        self.topics_edit = QLineEdit(group)
        self.topics_edit.setMaxLength(TOPICS_MAX)
        self.topics_edit.setPlaceholderText("e.g. boundaries; caseload; self-care")
        self.note_edit = QPlainTextEdit(group)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText("Restricted: seen only by people with supervision rights")
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        labels = ("Session date", "Supervisor", "Topics", "Note")
        editors = (self.date_edit, self.supervisor_edit, self.topics_edit, self.note_edit)
        for field, label, editor in zip(_FIELDS, labels, editors, strict=True):
            editor.setAccessibleName(label)
            box = FieldBox(editor, parent=group)
            self._boxes[field] = box
            grid.addRow(label, box)
        self.add_button = QPushButton("Add session", group)
        self.add_button.setAccessibleName("Add session")
        self.add_button.clicked.connect(lambda _c=False: self.add_session())
        self.status_label = QLabel(group)
        row = QHBoxLayout()
        row.addWidget(self.status_label, 1)
        row.addWidget(self.add_button)
        grid.addRow(row)
        return group

    def set_peer(self, peer_id: int | None, name: str, load: bool = True) -> None:
        """Show ``peer_id``'s log (loaded now only when ``load``: reads are audited)."""
        self._peer_id = peer_id
        self._peer_name = name
        self.add_button.setEnabled(peer_id is not None)
        if load:
            self.refresh()

    def refresh(self) -> None:
        self.model.set_peer(self._peer_id)
        self._update_empty()

    def _update_empty(self) -> None:
        if self._peer_id is None:
            text = "Choose a peer on the left to see their supervision sessions."
        else:
            text = f"No supervision sessions recorded for {self._peer_name} yet."
        self.table.set_empty_text(text)

    def draft(self) -> SupervisionDraft:
        """The session as typed (ValueError on an unreadable date)."""
        held_on = parse_date(self.date_edit.text())
        return SupervisionDraft(
            held_on=held_on,  # type: ignore[arg-type]
            supervisor=self.supervisor_edit.text(),
            topics=self.topics_edit.text(),
            note=self.note_edit.toPlainText(),
        )

    def add_session(self) -> bool:
        """Save the session typed for the selected peer; keep everything on a problem."""
        if self._peer_id is None:
            return False
        for box in self._boxes.values():
            box.set_error("")
        try:
            draft = self.draft()
        except ValueError as error:
            self._show_errors([FieldError("held_on", f"Session date: {error}")])
            return False
        try:
            self._peers.add_supervision(self._peer_id, draft)
        except ValidationError as error:
            self._show_errors(list(error.errors))
            return False
        except RecoveryDeskError as error:
            self._actions.show_problem(error)
            return False
        for editor in (self.topics_edit, self.supervisor_edit):
            editor.clear()
        self.note_edit.clear()
        self.status_label.setStyleSheet("")
        self.status_label.setText("Session added")
        self._events.peers_changed.emit()
        return True

    def _show_errors(self, errors: list[FieldError]) -> None:
        leftover = []
        for error in errors:
            box = self._boxes.get(error.field)
            if box is None:
                leftover.append(error.message)
            else:
                box.set_error(error.message)
        self.status_label.setStyleSheet(f"color: {ERROR_COLOR};")
        self.status_label.setText("Not saved: " + "; ".join(leftover) if leftover else "Not saved")
