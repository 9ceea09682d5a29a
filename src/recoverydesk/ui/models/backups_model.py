"""The backups of this site as the Admin → Backups tab lists them, newest first.

``BackupsTableModel`` holds ``BackupInfo`` values (a handful of files, so all of them at
once). What a check found is spelled out as text — "Verified", "Not checked", "Damaged" —
and only then coloured, so it reads the same in any theme and to a screen reader.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from recoverydesk.domain.backups import BackupInfo
from recoverydesk.ui.models.rows_model import RowsTableModel

_CONTEXT = "BackupsTableModel"
_HEADERS = (
    QT_TRANSLATE_NOOP(_CONTEXT, "Taken"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Kind"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Size"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Members"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Visits"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Check"),
)

VERIFIED = "Verified"
NOT_CHECKED = "Not checked"
DAMAGED = "Damaged"
NO_COUNT = "—"
DATE_FORMAT = "%a %d %b %Y, %H:%M"

_CHECK_COLOURS = {VERIFIED: "#2e7d32", NOT_CHECKED: "#6d4c00", DAMAGED: "#c62828"}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def check_text(info: BackupInfo) -> str:
    """What the last check of a backup found, in one word or two."""
    if info.verified:
        return VERIFIED
    return DAMAGED if info.problems else NOT_CHECKED


def size_text(size: int) -> str:
    """A file size in megabytes, as people read it ("12.3 MB", "< 0.1 MB")."""
    megabytes = max(size, 0) / 1_000_000
    return "< 0.1 MB" if megabytes < 0.05 else f"{megabytes:,.1f} MB"


class BackupsTableModel(RowsTableModel):
    """Backups with when they were taken, why, how big, what they hold and their check."""

    COL_TAKEN = 0
    COL_KIND = 1
    COL_SIZE = 2
    COL_MEMBERS = 3
    COL_VISITS = 4
    COL_CHECK = 5
    HEADERS = _HEADERS
    TRANSLATION_CONTEXT = _CONTEXT

    #: the backup file's path
    PathRole = Qt.ItemDataRole.UserRole + 2

    def __init__(
        self, local: Callable[[dt.datetime], dt.datetime], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._local = local

    def row_key(self, row: BackupInfo) -> Path:
        return row.path

    def backup(self, row: int) -> BackupInfo:
        return self._rows[row]

    def taken_text(self, info: BackupInfo) -> str:
        """When a backup was taken, in the site's time."""
        return self._local(info.created_at).strftime(DATE_FORMAT)

    def cell(self, info: BackupInfo, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(info, column)
        if role == self.SortRole:
            return self._sort_value(info, column)
        if role == self.PathRole:
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self._numeric():
            return int(_RIGHT.value)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_CHECK:
            return QBrush(QColor(_CHECK_COLOURS[check_text(info)]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(info, column)
        return None

    def _numeric(self) -> tuple[int, ...]:
        return (self.COL_SIZE, self.COL_MEMBERS, self.COL_VISITS)

    def _display(self, info: BackupInfo, column: int) -> str:
        if column == self.COL_TAKEN:
            return self.taken_text(info)
        if column == self.COL_KIND:
            return info.kind.label
        if column == self.COL_SIZE:
            return size_text(info.size)
        if column in (self.COL_MEMBERS, self.COL_VISITS):
            if not info.counts:
                return NO_COUNT
            return f"{info.members if column == self.COL_MEMBERS else info.visits:,}"
        return check_text(info)

    def _sort_value(self, info: BackupInfo, column: int) -> Any:
        if column == self.COL_TAKEN:
            return info.created_at
        if column == self.COL_SIZE:
            return info.size
        if column == self.COL_MEMBERS:
            return info.members
        if column == self.COL_VISITS:
            return info.visits
        return self._display(info, column)

    def _tooltip(self, info: BackupInfo, column: int) -> str | None:
        if column == self.COL_TAKEN:
            return info.path.name
        if column == self.COL_CHECK:
            if info.problems:
                return "; ".join(info.problems[:3])
            if not info.verified:
                return "Not checked since it was written or changed; Restore… checks it first."
            return "Opened and checked in full; its member and visit counts were read."
        return None
