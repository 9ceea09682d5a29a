"""Table models of peer work: the roster, one peer's caseload, members who need a peer.

Each is a ``PagedRowsModel``: rows come a page at a time from ``PeerService``, filtered
and sorted in SQL. None of them carries a contact note (the services never return one
here). Warnings are never colour alone: an overdue follow-up says "overdue", a caseload
over its cap says "over cap", a certificate says "expired".
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal
from PySide6.QtGui import QBrush

from recoverydesk.domain.peers import (
    AssignmentKind,
    CaseloadRow,
    CaseloadStatus,
    PeerRow,
    UnassignedRow,
)
from recoverydesk.services.peers import PeerService
from recoverydesk.ui.models.paged_model import PAGE, PagedRowsModel, PageResult
from recoverydesk.ui.models.peer_cells import (
    ERROR_COLOR,
    MUTED_COLOR,
    NONE_SET,
    WARNING_COLOR,
    bold,
    brush,
    caseload_sentence,
    caseload_text,
    certificate_text,
    date_text,
    name_with_pronouns,
)

_ROSTER = "PeerRosterModel"
_CASELOAD = "CaseloadModel"
_NEEDS = "NeedsPeerModel"

_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_FONT = Qt.ItemDataRole.FontRole


class _PeerListModel(PagedRowsModel):
    """A paged list read from ``PeerService``, by name unless a header says otherwise."""

    DEFAULT_SORT = "name"

    def __init__(
        self, peers: PeerService, parent: QObject | None = None, page_size: int = PAGE
    ) -> None:
        super().__init__(parent, page_size)
        self._peers = peers


class PeerRosterModel(_PeerListModel):
    """The peers of the centre: name, role, caseload against cap, certificate alerts."""

    COL_NAME = 0
    COL_ROLE = 1
    COL_CASELOAD = 2
    COL_CERTS = 3
    HEADERS = (
        QT_TRANSLATE_NOOP(_ROSTER, "Name"),
        QT_TRANSLATE_NOOP(_ROSTER, "Role"),
        QT_TRANSLATE_NOOP(_ROSTER, "Caseload"),
        QT_TRANSLATE_NOOP(_ROSTER, "Certificates"),
    )
    TRANSLATION_CONTEXT = _ROSTER
    SORT_KEYS = {COL_NAME: "name", COL_ROLE: "role", COL_CASELOAD: "caseload"}

    def __init__(
        self, peers: PeerService, parent: QObject | None = None, page_size: int = PAGE
    ) -> None:
        super().__init__(peers, parent, page_size)
        self._include_inactive = False

    def set_include_inactive(self, include: bool) -> None:
        self._include_inactive = include
        self.refresh()

    def fetch_page(self, offset: int, limit: int, with_total: bool) -> PageResult:
        page = self._peers.roster(
            self._text,
            include_inactive=self._include_inactive,
            **self.paging(offset, limit, with_total),
        )
        return page.rows, page.has_more, page.total

    def row_key(self, row: PeerRow) -> Hashable:
        return row.id

    def peer_row(self, row: int) -> PeerRow:
        return self._rows[row]

    def cell(self, row: PeerRow, column: int, role: int) -> Any:
        if role == _DISPLAY:
            return self._display(row, column)
        if role == _TOOLTIP:
            return self._tooltip(row, column)
        if role == _FOREGROUND:
            return self._color(row, column)
        if role == _FONT and column == self.COL_CASELOAD and row.caseload.over_cap:
            return bold()
        if role == self.SortRole:
            return self._sort_value(row, column)
        return None

    def _display(self, row: PeerRow, column: int) -> str:
        if column == self.COL_NAME:
            return row.name if row.active else f"{row.name} (inactive)"
        if column == self.COL_ROLE:
            return row.role.label
        if column == self.COL_CASELOAD:
            return caseload_text(row.caseload)
        return certificate_text(row.expired_certifications, row.expiring_certifications)

    def _tooltip(self, row: PeerRow, column: int) -> str | None:
        if column == self.COL_CASELOAD:
            return caseload_sentence(row.caseload, row.default_cap)
        if column == self.COL_NAME:
            return " · ".join(p for p in (row.name, row.phone, row.email) if p)
        if column == self.COL_CERTS and (row.expired_certifications or row.expiring_certifications):
            return "Certificates expired, or expiring within 60 days"
        return None

    def _color(self, row: PeerRow, column: int) -> QBrush | None:
        if column == self.COL_CASELOAD and row.caseload.over_cap:
            return brush(ERROR_COLOR)
        if column == self.COL_CERTS and row.expired_certifications:
            return brush(ERROR_COLOR)
        if column == self.COL_CERTS and row.expiring_certifications:
            return brush(WARNING_COLOR)
        if not row.active:
            return brush(MUTED_COLOR)
        return None

    def _sort_value(self, row: PeerRow, column: int) -> Any:
        if column == self.COL_CASELOAD:
            return row.caseload.count
        if column == self.COL_CERTS:
            return (row.expired_certifications, row.expiring_certifications)
        return self._display(row, column)


class CaseloadModel(_PeerListModel):
    """The members of one peer's caseload with last contact, next follow-up and last visit.

    Signals:
        status_changed: the peer's ``CaseloadStatus`` (count against cap) after a refresh;
            None when no peer is chosen.
    """

    COL_NAME = 0
    COL_CODE = 1
    COL_KIND = 2
    COL_SINCE = 3
    COL_LAST_CONTACT = 4
    COL_NEXT_FOLLOW_UP = 5
    COL_LAST_VISIT = 6
    HEADERS = (
        QT_TRANSLATE_NOOP(_CASELOAD, "Name"),
        QT_TRANSLATE_NOOP(_CASELOAD, "Code"),
        QT_TRANSLATE_NOOP(_CASELOAD, "Kind"),
        QT_TRANSLATE_NOOP(_CASELOAD, "Since"),
        QT_TRANSLATE_NOOP(_CASELOAD, "Last contact"),
        QT_TRANSLATE_NOOP(_CASELOAD, "Next follow-up"),
        QT_TRANSLATE_NOOP(_CASELOAD, "Last visit"),
    )
    TRANSLATION_CONTEXT = _CASELOAD
    SORT_KEYS = {
        COL_NAME: "name",
        COL_CODE: "code",
        COL_KIND: "kind",
        COL_SINCE: "started",
        COL_LAST_CONTACT: "last_contact",
        COL_NEXT_FOLLOW_UP: "next_follow_up",
        COL_LAST_VISIT: "last_visit",
    }

    status_changed = Signal(object)

    def __init__(
        self, peers: PeerService, parent: QObject | None = None, page_size: int = PAGE
    ) -> None:
        super().__init__(peers, parent, page_size)
        self._peer_id: int | None = None
        self._kind: AssignmentKind | None = None
        self.status: CaseloadStatus | None = None

    @property
    def kind(self) -> AssignmentKind | None:
        """Primary or secondary only, or None for both."""
        return self._kind

    @property
    def peer_id(self) -> int | None:
        return self._peer_id

    def set_peer(self, peer_id: int | None) -> None:
        self._peer_id = peer_id
        self.refresh()

    def set_kind(self, kind: AssignmentKind | None) -> None:
        self._kind = kind
        self.refresh()

    def ready(self) -> bool:
        return self._peer_id is not None

    def refresh(self) -> bool:
        if self._peer_id is None and self.status is not None:
            self.status = None
            self.status_changed.emit(None)
        return super().refresh()

    def fetch_page(self, offset: int, limit: int, with_total: bool) -> PageResult:
        assert self._peer_id is not None
        page = self._peers.caseload(
            self._peer_id,
            text=self._text,
            kind=self._kind,
            **self.paging(offset, limit, with_total),
        )
        if offset == 0:
            self.status = page.status
            self.status_changed.emit(page.status)
        return page.rows, page.has_more, page.total

    def row_key(self, row: CaseloadRow) -> Hashable:
        return row.assignment_id

    def caseload_row(self, row: int) -> CaseloadRow:
        return self._rows[row]

    def cell(self, row: CaseloadRow, column: int, role: int) -> Any:
        overdue = column == self.COL_NEXT_FOLLOW_UP and row.follow_up_overdue
        if role == _DISPLAY:
            return self._display(row, column)
        if role == _FOREGROUND and overdue:
            return brush(ERROR_COLOR)
        if role == _FONT and overdue:
            return bold()
        if role == _TOOLTIP and overdue:
            return "The follow-up date has passed"
        if role == _TOOLTIP and column == self.COL_NAME:
            return row.name
        if role == self.SortRole:
            return self._sort_value(row, column)
        return None

    def _display(self, row: CaseloadRow, column: int) -> str:
        if column == self.COL_NAME:
            return name_with_pronouns(row.name, row.pronouns)
        if column == self.COL_CODE:
            return row.code
        if column == self.COL_KIND:
            return row.kind.label
        if column == self.COL_SINCE:
            return row.started_on.isoformat()
        if column == self.COL_LAST_CONTACT:
            return date_text(row.last_contact)
        if column == self.COL_NEXT_FOLLOW_UP:
            text = date_text(row.next_follow_up, NONE_SET)
            return f"{text} overdue" if row.follow_up_overdue else text
        return date_text(row.last_visit)

    def _sort_value(self, row: CaseloadRow, column: int) -> Any:
        values = {
            self.COL_SINCE: row.started_on,
            self.COL_LAST_CONTACT: row.last_contact,
            self.COL_NEXT_FOLLOW_UP: row.next_follow_up,
            self.COL_LAST_VISIT: row.last_visit,
        }
        return values.get(column, self._display(row, column))


class NeedsPeerModel(_PeerListModel):
    """Active members with no primary peer: who is waiting to be assigned."""

    COL_NAME = 0
    COL_CODE = 1
    COL_JOINED = 2
    COL_LAST_VISIT = 3
    HEADERS = (
        QT_TRANSLATE_NOOP(_NEEDS, "Name"),
        QT_TRANSLATE_NOOP(_NEEDS, "Code"),
        QT_TRANSLATE_NOOP(_NEEDS, "Joined"),
        QT_TRANSLATE_NOOP(_NEEDS, "Last visit"),
    )
    TRANSLATION_CONTEXT = _NEEDS
    SORT_KEYS = {
        COL_NAME: "name",
        COL_CODE: "code",
        COL_JOINED: "joined",
        COL_LAST_VISIT: "last_visit",
    }

    def fetch_page(self, offset: int, limit: int, with_total: bool) -> PageResult:
        page = self._peers.needs_assignment(self._text, **self.paging(offset, limit, with_total))
        return page.rows, page.has_more, page.total

    def row_key(self, row: UnassignedRow) -> Hashable:
        return row.member_id

    def member_row(self, row: int) -> UnassignedRow:
        return self._rows[row]

    def cell(self, row: UnassignedRow, column: int, role: int) -> Any:
        if role == _DISPLAY:
            return self._display(row, column)
        if role == self.SortRole:
            if column == self.COL_JOINED:
                return row.joined_on
            if column == self.COL_LAST_VISIT:
                return row.last_visit
            return self._display(row, column)
        if role == _TOOLTIP and column == self.COL_NAME:
            return row.name
        return None

    def _display(self, row: UnassignedRow, column: int) -> str:
        if column == self.COL_NAME:
            return name_with_pronouns(row.name, row.pronouns)
        if column == self.COL_CODE:
            return row.code
        if column == self.COL_JOINED:
            return row.joined_on.isoformat()
        return date_text(row.last_visit)
