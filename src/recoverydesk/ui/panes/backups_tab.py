"""Admin → Backups: the verified copies of this database, and putting one back.

Copying and checking run off the UI thread with a progress dialog (``run_operation``).
Restoring checks the chosen backup first, then asks with what it holds, then swaps it
in; the database as it was is kept as a before-restore backup, so a restore can itself be
undone. Afterwards every pane is told that members, visits and settings changed.

Disk full, a read-only or missing folder and a damaged file are shown in plain words with
the error's title; nothing is half-written, because every copy is written under a
temporary name and renamed only once it has passed its check.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QWidget

from recoverydesk.domain.backups import BackupInfo
from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.services.container import Services
from recoverydesk.ui.errors import handle_error
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.models.backups_model import BackupsTableModel
from recoverydesk.ui.panes.admin_tab import (
    DONE_STYLE,
    FAILED_STYLE,
    AdminTab,
    records_table,
)
from recoverydesk.ui.widgets.controls import named_button

BACK_UP_NOW = "Back up now"
BACK_UP_TO = "Back up to…"
RESTORE = "Restore…"
OPEN_FOLDER = "Open folder"
SERVER_SIDE_TEXT = (
    "This desk uses a shared PostgreSQL database: back it up on the server with pg_dump "
    "(see the README's 'Several desks' section)."
)
_INTRO = (
    "RecoveryDesk makes a verified copy of this database on the first start of every day "
    "and before every upgrade, and keeps 7 daily, 4 weekly and 12 monthly copies. "
    "Copies made by hand are never deleted. Keep a copy off this PC too, with Back up to…"
)
_REMINDER_STYLE = (
    "QLabel { background: #fff8e1; color: #4e342e; border-left: 4px solid #ffb300;"
    " padding: 8px 12px; }"
)
_HINT_STYLE = "color: #616161;"


class BackupsTab(AdminTab):
    """The list of backups with Back up now, Back up to…, Restore… and Open folder.

    Signals:
        restored: a backup was put in place of the database (after every pane was told).
    """

    restored = Signal()

    def __init__(
        self, services: Services, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, "Backup status", parent)
        self._backups = services.backups
        self._events = events
        self.model = BackupsTableModel(services.clock.local, self)
        self.table = records_table(self.model, "Backups", min_section=80)
        self.reminder = _reminder_label()
        self.folder_label = QLabel()
        self.server_note = QLabel(SERVER_SIDE_TEXT)
        self.back_up_button = named_button(BACK_UP_NOW)
        self.back_up_to_button = named_button(BACK_UP_TO)
        self.restore_button = named_button(RESTORE)
        self.open_folder_button = named_button(OPEN_FOLDER)
        self._build()
        self._connect()
        self.refresh()

    # ----- public API -------------------------------------------------------------------

    @property
    def server_side(self) -> bool:
        """True on a shared PostgreSQL database, whose backups are made on the server."""
        return not self._services.db.is_sqlite

    def refresh(self) -> None:
        """Read the list of backups and the off-PC reminder again."""
        if self.server_side:
            return
        chosen = self.selected_backup()
        self.model.set_rows(self._backups.list())
        self._reselect(chosen.path if chosen is not None else None)
        self._show_reminder()
        self._update_buttons()

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup(rows[0].row()) if rows else None

    def select(self, path: Path) -> bool:
        """Select the backup at ``path``; False when it is not listed."""
        return self._reselect(path)

    def status_text(self) -> str:
        return self.status.text()

    @Slot()
    def back_up_now(self) -> None:
        """Make a verified copy in the backups folder."""
        self._start(self._backups.back_up, self._backed_up, "Making a verified backup…")

    @Slot()
    def back_up_to(self) -> None:
        """Make a verified copy in a folder the person chooses (a USB stick)."""
        folder = self.choose_folder()
        if folder is None:
            return
        self._start(
            lambda: self._backups.back_up_to(folder),
            self._backed_up,
            f"Making a verified backup in {folder}…",
        )

    @Slot()
    def restore_selected(self) -> None:
        """Check the chosen backup, ask, then put it in place of the database."""
        chosen = self.selected_backup()
        if chosen is None:
            return
        self._start(lambda: self._backups.check(chosen.path), self._checked, "Checking the backup…")

    @Slot()
    def open_folder(self) -> bool:
        """Show the backups folder in the file manager."""
        folder = self._backups.folder
        with contextlib.suppress(OSError):  # if it cannot be made, opening says so below
            folder.mkdir(parents=True, exist_ok=True)
        if self.open_url(QUrl.fromLocalFile(str(folder))):
            return True
        QMessageBox.warning(
            self, "Folder not opened", f"The backups folder could not be opened. It is {folder}"
        )
        return False

    # ----- replaceable in tests -------------------------------------------------------------

    def choose_folder(self) -> Path | None:
        """Ask for the folder to back up to; None when the person cancels."""
        chosen = QFileDialog.getExistingDirectory(self, "Back up to which folder?")
        return Path(chosen) if chosen else None

    def confirm_restore(self, info: BackupInfo) -> bool:
        """Ask before restoring, saying when the backup was taken and what it holds."""
        box = QMessageBox(QMessageBox.Icon.Question, "Restore this backup?", "", parent=self)
        box.setText(f"Restore the backup taken {self.model.taken_text(info)}?")
        box.setInformativeText(
            f"It holds {_count(info.members, 'member')} and {_count(info.visits, 'visit')}. "
            "Everything entered since then will be replaced by what the backup holds.\n\n"
            "The database as it is now is kept as a before-restore backup, so nothing is lost."
        )
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is restore

    def open_url(self, url: QUrl) -> bool:
        return QDesktopServices.openUrl(url)

    # ----- outcomes -------------------------------------------------------------------------

    def _backed_up(self, info: BackupInfo) -> None:
        self.refresh()
        self._reselect(info.path)
        if info.verified:
            text = f"Backup verified: {_holds(info)}"
            if info.path.parent != self._backups.folder:
                text += f" — in {info.path.parent}"
            self._say(text, DONE_STYLE)
        else:
            self._say("The backup was written but did not pass its check.", FAILED_STYLE)

    def _checked(self, info: BackupInfo) -> None:
        self.refresh()
        self._reselect(info.path)
        if not info.verified:
            self._say("Not restored: that backup is damaged.", FAILED_STYLE)
            reason = info.problems[0] if info.problems else "it did not pass its check"
            QMessageBox.warning(
                self,
                "Backup damaged",
                f"The backup taken {self.model.taken_text(info)} cannot be restored: it is "
                f"damaged ({reason}).\n\nNothing was changed. Choose another backup.",
            )
            return
        if not self.confirm_restore(info):
            self._say("", "")
            return
        self._start(
            lambda: self._backups.restore(info.path),
            lambda before: self._restored(info, before),
            "Restoring the backup…",
        )

    def _restored(self, chosen: BackupInfo, before: BackupInfo) -> None:
        self._events.members_changed.emit(-1)
        self._events.visits_changed.emit(-1)
        self._events.settings_changed.emit()
        self.refresh()
        self._reselect(chosen.path)
        text = (
            f"Restored backup of {self.model.taken_text(chosen)}. "
            f"The previous database is kept as {before.path.name}."
        )
        self._say(text, DONE_STYLE)
        self.restored.emit()
        QMessageBox.information(self, "Backup restored", text)

    def _failed(self, error: BaseException) -> None:
        self._update_buttons()
        self._say("Nothing was changed.", FAILED_STYLE)
        self.refresh()
        handle_error(self, error)

    # ----- building and plumbing ------------------------------------------------------------

    def _build(self) -> None:
        layout = self._layout("Backups")
        layout.addWidget(self.reminder)
        if self.server_side:
            self.server_note.setWordWrap(True)
            layout.addWidget(self.server_note)
            layout.addStretch(1)
            return
        intro = QLabel(_INTRO)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.folder_label.setText(f"Backups folder: {self._backups.folder}")
        self.folder_label.setStyleSheet(_HINT_STYLE)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        layout.addWidget(self.folder_label)
        layout.addSpacing(6)
        self.status.setWordWrap(True)
        buttons = (
            self.back_up_button,
            self.back_up_to_button,
            self.restore_button,
            self.open_folder_button,
        )
        layout.addLayout(self._button_row(buttons))
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.back_up_button.clicked.connect(self.back_up_now)
        self.back_up_to_button.clicked.connect(self.back_up_to)
        self.restore_button.clicked.connect(self.restore_selected)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())

    def _update_buttons(self) -> None:
        idle = not self.busy
        for button in (self.back_up_button, self.back_up_to_button, self.open_folder_button):
            button.setEnabled(idle)
        self.restore_button.setEnabled(idle and self.selected_backup() is not None)

    def _reselect(self, path: Path | None) -> bool:
        row = self.model.row_of(path) if path is not None else None
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def _show_reminder(self) -> None:
        try:
            text = self._backups.reminder()
        except RecoveryDeskError:
            text = None  # the list still shows; the reminder is a nicety
        self.reminder.setText(text or "")
        self.reminder.setVisible(bool(text))

    def showEvent(self, event: QShowEvent) -> None:
        # the day's automatic backup may have finished since the list was read
        if not self.busy:
            self.refresh()
        super().showEvent(event)


def _holds(info: BackupInfo) -> str:
    return f"{_count(info.members, 'member')}, {_count(info.visits, 'visit')}"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def _reminder_label() -> QLabel:
    label = QLabel()
    label.setAccessibleName("Backup reminder")
    label.setWordWrap(True)
    label.setStyleSheet(_REMINDER_STYLE)
    label.hide()
    return label
