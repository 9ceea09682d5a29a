"""Table models of records: the follow-up radar, contacts, assignment history, supervision.

The radar carries no note. The contact log and the supervision log do carry restricted
notes: they are built only for people allowed to read them, and every page read is written
to the audit trail by the service.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt

from recoverydesk.domain.clock import Clock
from recoverydesk.domain.peers import Assignment, Contact, RadarReason, RadarRow, SupervisionSession
from recoverydesk.services.contacts import ContactService
from recoverydesk.services.peers import PeerService
from recoverydesk.ui.models.paged_model import PAGE, PagedRowsModel, PageResult
from recoverydesk.ui.models.peer_cells import NONE_SET, bold, brush, date_text
from recoverydesk.ui.models.rows_model import RowsTableModel
from recoverydesk.ui.widgets.field_feedback import ERROR_COLOR

_RADAR = "RadarModel"
_CONTACTS = "ContactsModel"
_SUPERVISION = "SupervisionModel"
_HISTORY = "AssignmentHistoryModel"

_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_FONT = Qt.ItemDataRole.FontRole


def days_text(days: int) -> str:
    return "1 day" if days == 1 else f"{days} days"


def first_line(text: str, limit: int = 80) -> str:
    """The first line of a note, shortened for a table cell."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    more = len(line) > limit or "\n" in text.strip()
    return (line[:limit].rstrip() + "…") if more else line


class RadarModel(PagedRowsModel):
    """Members who need a follow-up, most overdue first, with why in words (no notes)."""

    COL_NAME = 0
    COL_CODE = 1
    COL_PEER = 2
    COL_OVERDUE = 3
    COL_WHY = 4
    COL_LAST_CONTACT = 5
    COL_LAST_VISIT = 6
    HEADERS = (
        QT_TRANSLATE_NOOP(_RADAR, "Name"),
        QT_TRANSLATE_NOOP(_RADAR, "Code"),
        QT_TRANSLATE_NOOP(_RADAR, "Peer"),
        QT_TRANSLATE_NOOP(_RADAR, "Overdue"),
        QT_TRANSLATE_NOOP(_RADAR, "Why"),
        QT_TRANSLATE_NOOP(_RADAR, "Last contact"),
        QT_TRANSLATE_NOOP(_RADAR, "Last visit"),
    )
    TRANSLATION_CONTEXT = _RADAR
    SORT_KEYS = {
        COL_OVERDUE: "overdue",
        COL_NAME: "name",
        COL_PEER: "peer",
        COL_LAST_CONTACT: "last_contact",
    }
    DEFAULT_SORT = "overdue"

    def __init__(
        self, contacts: ContactService, parent: QObject | None = None, page_size: int = PAGE
    ) -> None:
        super().__init__(parent, page_size)
        self._contacts = contacts
        self._peer_id: int | None = None
        self._reason: RadarReason | None = None

    @property
    def peer_id(self) -> int | None:
        return self._peer_id

    @property
    def reason(self) -> RadarReason | None:
        return self._reason

    def set_peer(self, peer_id: int | None) -> None:
        self._peer_id = peer_id
        self.refresh()

    def set_reason(self, reason: RadarReason | None) -> None:
        self._reason = reason
        self.refresh()

    def fetch_page(self, offset: int, limit: int, with_total: bool) -> PageResult:
        page = self._contacts.radar(
            peer_id=self._peer_id,
            reason=self._reason,
            text=self._text,
            **self.paging(offset, limit, with_total),
        )
        return page.rows, page.has_more, page.total

    def row_key(self, row: RadarRow) -> Hashable:
        return (row.member_id, row.peer_id)

    def radar_row(self, row: int) -> RadarRow:
        return self._rows[row]

    def cell(self, row: RadarRow, column: int, role: int) -> Any:
        urgent = column == self.COL_OVERDUE and RadarReason.FOLLOW_UP_DUE in row.reasons
        if role == _DISPLAY:
            return self._display(row, column)
        if role == _TOOLTIP and column in (self.COL_WHY, self.COL_OVERDUE):
            return f"{row.why} (due {row.due_on.isoformat()})"
        if role == _TOOLTIP and column == self.COL_NAME:
            return row.name
        if role == _FOREGROUND and urgent:
            return brush(ERROR_COLOR)
        if role == _FONT and urgent:
            return bold()
        if role == self.SortRole:
            values = {
                self.COL_OVERDUE: row.days_overdue,
                self.COL_LAST_CONTACT: row.last_contact,
                self.COL_LAST_VISIT: row.last_visit,
            }
            return values.get(column, self._display(row, column))
        return None

    def _display(self, row: RadarRow, column: int) -> str:
        if column == self.COL_NAME:
            return row.name
        if column == self.COL_CODE:
            return row.code
        if column == self.COL_PEER:
            return row.peer_name or NONE_SET
        if column == self.COL_OVERDUE:
            return days_text(row.days_overdue)
        if column == self.COL_WHY:
            return row.why
        if column == self.COL_LAST_CONTACT:
            return date_text(row.last_contact)
        return date_text(row.last_visit)


class ContactsModel(PagedRowsModel):
    """A member's contacts, newest first, notes included (only for who may read them)."""

    COL_WHEN = 0
    COL_KIND = 1
    COL_MINUTES = 2
    COL_PEER = 3
    COL_FOLLOW_UP = 4
    COL_NOTE = 5
    COL_RECORDED_BY = 6
    HEADERS = (
        QT_TRANSLATE_NOOP(_CONTACTS, "When"),
        QT_TRANSLATE_NOOP(_CONTACTS, "Kind"),
        QT_TRANSLATE_NOOP(_CONTACTS, "Minutes"),
        QT_TRANSLATE_NOOP(_CONTACTS, "Peer"),
        QT_TRANSLATE_NOOP(_CONTACTS, "Follow-up"),
        QT_TRANSLATE_NOOP(_CONTACTS, "Note"),
        QT_TRANSLATE_NOOP(_CONTACTS, "Recorded by"),
    )
    TRANSLATION_CONTEXT = _CONTACTS

    def __init__(
        self,
        contacts: ContactService,
        clock: Clock,
        parent: QObject | None = None,
        page_size: int = 50,
    ) -> None:
        super().__init__(parent, page_size)
        self._contacts = contacts
        self._clock = clock
        self._member_id: int | None = None

    def set_member(self, member_id: int | None) -> None:
        self._member_id = member_id
        self.refresh()

    def ready(self) -> bool:
        return self._member_id is not None

    def fetch_page(self, offset: int, limit: int, with_total: bool) -> PageResult:
        assert self._member_id is not None
        page = self._contacts.contacts(
            self._member_id, limit=limit, offset=offset, with_total=with_total
        )
        return page.rows, page.has_more, page.total

    def row_key(self, row: Contact) -> Hashable:
        return row.id

    def contact(self, row: int) -> Contact:
        return self._rows[row]

    def cell(self, row: Contact, column: int, role: int) -> Any:
        if role == _DISPLAY:
            return self._display(row, column)
        if role == _TOOLTIP and column == self.COL_NOTE and row.note:
            return row.note
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_MINUTES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: Contact, column: int) -> str:
        if column == self.COL_WHEN:
            return self._clock.local(row.contacted_at).strftime("%Y-%m-%d %H:%M")
        if column == self.COL_KIND:
            return row.kind.label
        if column == self.COL_MINUTES:
            return "" if row.minutes is None else str(row.minutes)
        if column == self.COL_PEER:
            return row.peer_name or NONE_SET
        if column == self.COL_FOLLOW_UP:
            return date_text(row.follow_up_on, NONE_SET)
        if column == self.COL_NOTE:
            return first_line(row.note)
        return row.recorded_by


class SupervisionModel(PagedRowsModel):
    """A peer's supervision sessions, newest first; notes only for supervision rights."""

    COL_DATE = 0
    COL_SUPERVISOR = 1
    COL_TOPICS = 2
    COL_NOTE = 3
    COL_RECORDED_BY = 4
    HEADERS = (
        QT_TRANSLATE_NOOP(_SUPERVISION, "Date"),
        QT_TRANSLATE_NOOP(_SUPERVISION, "Supervisor"),
        QT_TRANSLATE_NOOP(_SUPERVISION, "Topics"),
        QT_TRANSLATE_NOOP(_SUPERVISION, "Note"),
        QT_TRANSLATE_NOOP(_SUPERVISION, "Recorded by"),
    )
    TRANSLATION_CONTEXT = _SUPERVISION

    def __init__(
        self, peers: PeerService, parent: QObject | None = None, page_size: int = 50
    ) -> None:
        super().__init__(parent, page_size)
        self._peers = peers
        self._peer_id: int | None = None

    def set_peer(self, peer_id: int | None) -> None:
        self._peer_id = peer_id
        self.refresh()

    def ready(self) -> bool:
        return self._peer_id is not None

    def fetch_page(self, offset: int, limit: int, with_total: bool) -> PageResult:
        assert self._peer_id is not None
        page = self._peers.supervision_log(self._peer_id, limit=limit, offset=offset)
        return page.rows, page.has_more, None

    def row_key(self, row: SupervisionSession) -> Hashable:
        return row.id

    def session(self, row: int) -> SupervisionSession:
        return self._rows[row]

    def cell(self, row: SupervisionSession, column: int, role: int) -> Any:
        if role == _DISPLAY:
            return self._display(row, column)
        if role == _TOOLTIP and column in (self.COL_TOPICS, self.COL_NOTE):
            return (row.topics if column == self.COL_TOPICS else row.note) or None
        return None

    def _display(self, row: SupervisionSession, column: int) -> str:
        if column == self.COL_DATE:
            return row.held_on.isoformat()
        if column == self.COL_SUPERVISOR:
            return row.supervisor
        if column == self.COL_TOPICS:
            return row.topics
        if column == self.COL_NOTE:
            return first_line(row.note)
        return row.recorded_by


class AssignmentHistoryModel(RowsTableModel):
    """A member's assignments, newest first: peer, kind, from–to, why it ended."""

    COL_PEER = 0
    COL_KIND = 1
    COL_PERIOD = 2
    COL_REASON = 3
    HEADERS = (
        QT_TRANSLATE_NOOP(_HISTORY, "Peer"),
        QT_TRANSLATE_NOOP(_HISTORY, "Kind"),
        QT_TRANSLATE_NOOP(_HISTORY, "From – to"),
        QT_TRANSLATE_NOOP(_HISTORY, "End reason"),
    )
    TRANSLATION_CONTEXT = _HISTORY

    def assignment(self, row: int) -> Assignment:
        return self._rows[row]

    def cell(self, row: Assignment, column: int, role: int) -> Any:
        if role == _DISPLAY:
            return self._display(row, column)
        if role == _TOOLTIP:
            return self._sentence(row)
        if role == _FONT and row.open and column in (self.COL_PEER, self.COL_PERIOD):
            return bold()
        return None

    def _display(self, row: Assignment, column: int) -> str:
        if column == self.COL_PEER:
            return row.peer_name
        if column == self.COL_KIND:
            return row.kind.label
        if column == self.COL_PERIOD:
            return f"{row.started_on.isoformat()} – {date_text(row.ended_on, 'now')}"
        return row.end_reason

    @staticmethod
    def _sentence(row: Assignment) -> str:
        """The whole row in words (the reason may not fit a narrow column)."""
        kind = row.kind.label.lower()
        if row.open:
            return f"{row.peer_name}, {kind} peer since {row.started_on.isoformat()}"
        period = f"{row.started_on.isoformat()} to {date_text(row.ended_on)}"
        return f"{row.peer_name}, {kind} peer from {period}: {row.end_reason}"
