"""The recovery screen: shown instead of the app when the database file is damaged.

It says in plain words what is wrong and what each way out does: restore the newest
backup that passes its check (the damaged file is kept beside the backups), open the
file read-only to look at what can still be read, or quit and leave everything as it is.
The screen only asks; ``app.py`` does what was chosen. Tests drive the real dialog or
pass their own ``ask`` to ``run_gui``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from recoverydesk import APP_NAME
from recoverydesk.domain.backups import BackupInfo

TITLE = f"{APP_NAME} — database damaged"
RESTORE_TEXT = "Restore this backup"
READ_ONLY_TEXT = "Open read-only"
QUIT_TEXT = "Quit"
DATE_FORMAT = "%A %d %B %Y at %H:%M"

_HINT_STYLE = "color: #616161;"
_BACKUP_STYLE = (
    "QFrame#backupBox { background: #e8f5e9; border: 1px solid #a5d6a7; border-radius: 6px; }"
    "QFrame#backupBox QLabel { background: transparent; color: #1b5e20; }"
)
_NO_BACKUP_STYLE = (
    "QFrame#backupBox { background: #fff8e1; border: 1px solid #ffcc80; border-radius: 6px; }"
    "QFrame#backupBox QLabel { background: transparent; color: #4e342e; }"
)


class RecoveryChoice(Enum):
    """What the person chose on the recovery screen."""

    RESTORE = "restore"
    READ_ONLY = "read-only"
    QUIT = "quit"


@dataclass(frozen=True)
class RecoveryFacts:
    """What the recovery screen shows.

    Attributes:
        database: the damaged file.
        problem: what the check found (SQLite's words, shown small for whoever helps).
        backup: the newest backup that passes its check now, if any.
        backups_folder: where backups were looked for.
        read_only_possible: the file still opens read-only.
        note: why a previous choice did not work (e.g. restoring failed), if it did not.
    """

    database: Path
    problem: str
    backup: BackupInfo | None
    backups_folder: Path
    read_only_possible: bool
    note: str = ""


def backup_when(info: BackupInfo) -> str:
    """When a backup was taken, in this computer's time."""
    return info.created_at.astimezone().strftime(DATE_FORMAT)


def backup_summary(info: BackupInfo) -> str:
    """When a backup was taken and what it holds, in one sentence."""
    members = f"{info.members:,} member" + ("" if info.members == 1 else "s")
    visits = f"{info.visits:,} visit" + ("" if info.visits == 1 else "s")
    return f"Taken {backup_when(info)}: {members} and {visits}."


class RecoveryDialog(QDialog):
    """Restore the newest good backup, open read-only, or quit."""

    def __init__(self, facts: RecoveryFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts = facts
        self.choice = RecoveryChoice.QUIT
        self.setWindowTitle(TITLE)
        self.setAccessibleName("Database damaged")
        self.setMinimumWidth(600)
        self.restore_button = _button(RESTORE_TEXT)
        self.read_only_button = _button(READ_ONLY_TEXT)
        self.quit_button = _button(QUIT_TEXT)
        self._build()
        self._connect()

    @classmethod
    def ask(cls, facts: RecoveryFacts) -> RecoveryChoice:
        """Show the screen until the person chooses; closing it counts as Quit."""
        dialog = cls(facts)
        dialog.exec()
        choice = dialog.choice
        dialog.deleteLater()
        return choice

    def choose(self, choice: RecoveryChoice) -> None:
        self.choice = choice
        if choice is RecoveryChoice.QUIT:
            self.reject()
        else:
            self.accept()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addLayout(self._header())
        layout.addWidget(_wrapped(_EXPLANATION))
        if self.facts.note:
            layout.addWidget(_wrapped(self.facts.note, "color: #c62828; font-weight: bold;"))
        layout.addWidget(self._backup_box())
        layout.addWidget(_wrapped(self._read_only_text()))
        layout.addWidget(self._details())
        layout.addSpacing(6)
        layout.addLayout(self._buttons())

    def _header(self) -> QHBoxLayout:
        icon = QLabel()
        size = 40
        pixmap = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(pixmap.pixmap(size, size))
        heading = QLabel("The database file is damaged")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addSpacing(8)
        row.addWidget(heading, 1)
        return row

    def _backup_box(self) -> QFrame:
        box = QFrame()
        box.setObjectName("backupBox")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(14, 10, 14, 10)
        backup = self.facts.backup
        if backup is None:
            box.setStyleSheet(_NO_BACKUP_STYLE)
            inner.addWidget(_bold("No good backup was found."))
            inner.addWidget(
                _wrapped(
                    f"RecoveryDesk looked in {self.facts.backups_folder}. If a copy was made "
                    "elsewhere (on a USB stick), copy that backup file into this folder and "
                    "start RecoveryDesk again: it will be offered here."
                )
            )
        else:
            box.setStyleSheet(_BACKUP_STYLE)
            inner.addWidget(_bold("Newest good backup"))
            inner.addWidget(_wrapped(backup_summary(backup)))
            inner.addWidget(
                _wrapped(
                    "Restoring puts it in place of the damaged file and opens RecoveryDesk. "
                    "Anything entered after it was taken will need to be entered again."
                )
            )
        return box

    def _read_only_text(self) -> str:
        if self.facts.read_only_possible:
            return (
                "Open read-only shows what can still be read (for example today's sign-ins) "
                "without changing anything. Some lists may not open."
            )
        return "The file is too damaged to open even read-only."

    def _details(self) -> QLabel:
        kept = (
            "Restoring keeps a copy of the damaged file in the backups folder. "
            if self.facts.backup is not None
            else ""
        )
        label = _wrapped(
            f"Database file: {self.facts.database}\nWhat the check found: {self.facts.problem}\n"
            f"{kept}Quit leaves everything as it is.",
            _HINT_STYLE,
        )
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName("Details")
        return label

    def _buttons(self) -> QHBoxLayout:
        has_backup = self.facts.backup is not None
        self.restore_button.setEnabled(has_backup)
        self.restore_button.setVisible(has_backup)
        self.read_only_button.setEnabled(self.facts.read_only_possible)
        default = self.restore_button if has_backup else self.quit_button
        default.setDefault(True)
        default.setFocus()
        row = QHBoxLayout()
        row.addStretch(1)
        for button in (self.restore_button, self.read_only_button, self.quit_button):
            row.addWidget(button)
        return row

    def _connect(self) -> None:
        self.restore_button.clicked.connect(lambda: self.choose(RecoveryChoice.RESTORE))
        self.read_only_button.clicked.connect(lambda: self.choose(RecoveryChoice.READ_ONLY))
        self.quit_button.clicked.connect(lambda: self.choose(RecoveryChoice.QUIT))


_EXPLANATION = (
    "RecoveryDesk checks its database every time it starts, and this time the check found "
    "damage (a power cut or a failing disk can cause it). To keep what is left safe, "
    "RecoveryDesk will not write to the file as it is."
)


def _button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text)
    button.setAutoDefault(False)
    button.setMinimumHeight(32)
    return button


def _wrapped(text: str, style: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    return label


def _bold(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
