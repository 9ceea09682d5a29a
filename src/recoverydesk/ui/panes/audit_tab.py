"""Admin → Audit trail: who did what, when, from which desk; filtered, checked, exported.

The table is an ``AuditTableModel`` (newest first, paged from the database), read when the
tab shows, never while the window is being built. Filters apply as they are typed: an
action, a username (exactly as recorded), and a from/to date range in the site's time
(both days included). "Verify audit trail" recomputes the hash chain off the UI thread
and names the first entry that was changed, if any; "Export CSV…" writes what the filters
select. Both are themselves written to the trail.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from recoverydesk.domain.accounts import Action, AuditAction
from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.domain.validation import parse_date
from recoverydesk.services.audit import ChainReport
from recoverydesk.services.container import Services
from recoverydesk.ui.errors import error_text, handle_error
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.models.audit_model import AuditQuery, AuditTableModel, action_label
from recoverydesk.ui.panes.admin_tab import (
    DONE_STYLE,
    FAILED_STYLE,
    AdminTab,
    records_table,
)
from recoverydesk.ui.widgets.controls import named_button, single_shot
from recoverydesk.ui.widgets.field_feedback import FieldBox

ALL_ACTIONS = "All actions"
VERIFY = "Verify audit trail"
EXPORT = "Export CSV…"
REFRESH = "Refresh"
FILTER_DELAY_MS = 250
NOT_A_DATE = "Not a date: use YYYY-MM-DD"


def verified_text(report: ChainReport) -> str:
    """What a check of the hash chain found, in one sentence."""
    if report.ok:
        return f"Audit trail verified: {report.checked} entries, no breaks."
    return (
        f"The audit trail is broken at entry #{report.first_broken_id}: it was changed "
        f"outside RecoveryDesk ({report.checked} entries checked)."
    )


class AuditTab(AdminTab):
    """Filters, Verify audit trail, Export CSV… over the paged table of entries."""

    def __init__(
        self, services: Services, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, "Audit status", parent)
        self._audit = services.audit
        self._clock = services.clock
        self.model = AuditTableModel(services.audit, services.clock.local, self)
        self.table = _table(self.model)
        self.action = _action_box()
        self.user = _edit("User", "Exact username")
        self.user.setMinimumWidth(170)
        self.from_date = _edit("From", "YYYY-MM-DD")
        self.to_date = _edit("To", "YYYY-MM-DD")
        for date in (self.from_date, self.to_date):
            date.setMinimumWidth(date.fontMetrics().horizontalAdvance(NOT_A_DATE) + 16)
        self.boxes = {"from": FieldBox(self.from_date), "to": FieldBox(self.to_date)}
        self.refresh_button = named_button(REFRESH)
        self.verify_button = named_button(VERIFY)
        self.export_button = named_button(EXPORT)
        self.status.setWordWrap(True)
        self.count_label = QLabel()
        self._delay = single_shot(self, FILTER_DELAY_MS, self.apply_filters)
        self._build()
        self._connect()

    # ----- public API -------------------------------------------------------------------

    def query(self) -> AuditQuery | None:
        """The filters as typed; None (reasons beside the dates) while a date is not valid."""
        since, until = self._dates()
        if since is False or until is False:
            return None
        action = self.action.currentData()
        return AuditQuery(
            AuditAction(action) if action else None,
            self.user.text().strip() or None,
            since or None,
            until or None,
        )

    @Slot()
    def apply_filters(self) -> bool:
        """List the entries the filters select; False while a date is not valid."""
        self._delay.stop()
        query = self.query()
        if query is None:
            return False
        if not self._services.access.can(Action.AUDIT_VIEW):
            return False
        self.model.set_filter(query)
        self._show_count()
        return True

    @Slot()
    def verify(self) -> None:
        """Recompute the hash chain off the UI thread and say what it found."""
        self._start(self._audit.verify, self._verified, "Checking the audit trail…")

    @Slot()
    def export(self) -> None:
        """Write the entries the filters select to a CSV file the person chooses."""
        query = self.query()
        if query is None:
            return
        path = self.choose_export_path()
        if path is None:
            return

        def work() -> int:
            return self._audit.export_csv(
                path, query.action, query.username, query.since, query.until
            )

        self._start(work, lambda count: self._exported(count, path), "Exporting the audit trail…")

    def choose_export_path(self) -> Path | None:
        """Ask where to save the CSV; None when cancelled (tests replace this)."""
        name, _filter = QFileDialog.getSaveFileName(
            self, "Export the audit trail", "audit-trail.csv", "CSV files (*.csv)"
        )
        return Path(name) if name else None

    # ----- outcomes -------------------------------------------------------------------------

    def _verified(self, report: ChainReport) -> None:
        self._say(verified_text(report), DONE_STYLE if report.ok else FAILED_STYLE)
        self.apply_filters()  # the check itself is a new entry

    def _exported(self, count: int, path: Path) -> None:
        self._say(f"Exported {count} entries to {path}.", DONE_STYLE)
        self.apply_filters()

    def _failed(self, error: BaseException) -> None:
        self._say("Nothing was done.", FAILED_STYLE)
        handle_error(self, error)

    # ----- building and plumbing ------------------------------------------------------------

    def _dates(self) -> tuple[dt.datetime | bool | None, dt.datetime | bool | None]:
        """(since, until) in UTC from the typed days; False for a field with a problem."""
        days: dict[str, dt.date | None | bool] = {}
        for field, edit in (("from", self.from_date), ("to", self.to_date)):
            try:
                days[field] = parse_date(edit.text())
                self.boxes[field].set_error("")
            except ValueError:
                days[field] = False
                self.boxes[field].set_error(NOT_A_DATE)
        first, last = days["from"], days["to"]
        if isinstance(first, dt.date) and isinstance(last, dt.date) and last < first:
            self.boxes["to"].set_error("'To' is before 'From'")
            last = False
        return self._start_of(first), self._start_of(last, next_day=True)

    def _start_of(
        self, day: dt.date | None | bool, next_day: bool = False
    ) -> dt.datetime | bool | None:
        if not isinstance(day, dt.date):
            return day
        day += dt.timedelta(days=1 if next_day else 0)
        return dt.datetime.combine(day, dt.time(), tzinfo=self._clock.zone).astimezone(dt.UTC)

    def _build(self) -> None:
        filters = QGridLayout()
        filters.setHorizontalSpacing(8)
        for column, (text, widget) in enumerate(
            (
                ("Action", self.action),
                ("User", self.user),
                ("From", self.boxes["from"]),
                ("To", self.boxes["to"]),
            )
        ):
            editor = widget.editor if isinstance(widget, FieldBox) else widget
            label = QLabel(text)
            label.setBuddy(editor)
            label.setMinimumHeight(editor.sizeHint().height())  # level with the field
            filters.addWidget(label, 0, column * 2, Qt.AlignmentFlag.AlignTop)
            filters.addWidget(widget, 0, column * 2 + 1, Qt.AlignmentFlag.AlignTop)
        filters.setColumnStretch(8, 1)
        buttons = (self.refresh_button, self.verify_button, self.export_button)
        layout = self._layout("Audit trail")
        layout.addLayout(filters)
        layout.addLayout(self._button_row(buttons))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

    def _connect(self) -> None:
        self.action.currentIndexChanged.connect(lambda _index: self.apply_filters())
        for edit in (self.user, self.from_date, self.to_date):
            edit.textEdited.connect(lambda _text: self._delay.start())
            edit.returnPressed.connect(self.apply_filters)
        self.refresh_button.clicked.connect(self.apply_filters)
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(self.export)
        self.model.load_failed.connect(self._load_failed)
        self.model.rowsInserted.connect(lambda *_args: self._show_count())

    @Slot(object)
    def _load_failed(self, error: RecoveryDeskError) -> None:
        self._say(error_text(error), FAILED_STYLE)

    def _show_count(self) -> None:
        rows = self.model.rowCount()
        more = " — scroll down for older ones" if self.model.canFetchMore() else ""
        shown = "1 entry" if rows == 1 else f"{rows:,} entries"
        self.count_label.setText(f"{shown} shown, newest first{more}")

    def _update_buttons(self) -> None:
        for button in (self.verify_button, self.export_button):
            button.setEnabled(not self.busy)

    def showEvent(self, event: QShowEvent) -> None:
        self.apply_filters()  # new entries since it last showed
        super().showEvent(event)


def _action_box() -> QComboBox:
    box = QComboBox()
    box.setAccessibleName("Action")
    box.addItem(ALL_ACTIONS, "")
    for action in AuditAction:
        box.addItem(action_label(action), action.value)
    return box


def _edit(name: str, placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


def _table(model: AuditTableModel) -> QTableView:
    table = records_table(model, "Audit entries", padding=8)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    widths = (150, 110, 120, 110, 90, 60)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
    return table
