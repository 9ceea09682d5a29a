"""Admin → Settings: the centre's logo for handout headers (chosen from a picture file).

The logo is saved at once (it is not part of the settings form) and shared by every desk.
It prints at the top right of sign-in sheets and plans, never on member cards.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.accounts import Action
from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.services.container import Services
from recoverydesk.ui.errors import handle_error
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.widgets.controls import button_row

PREVIEW_HEIGHT = 48
NO_LOGO = "No logo: handouts show the centre's name only."


class LogoBox(QGroupBox):
    """Preview, Choose picture… and Remove for the centre's logo."""

    #: a short confirmation for the status bar
    status_message = Signal(str)

    def __init__(
        self, services: Services, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__("Logo on handouts", parent)
        self._services = services
        self._events = events
        self.preview = QLabel()
        self.preview.setAccessibleName("Logo preview")
        self.preview.setMinimumHeight(PREVIEW_HEIGHT)
        self.choose_button = QPushButton("Choose picture…")
        self.choose_button.setAccessibleName("Choose picture…")
        self.choose_button.clicked.connect(self.choose)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove")
        self.remove_button.clicked.connect(self.remove)
        hint = QLabel(
            "A PNG or JPEG up to 512 KB. It prints at the top of sign-in sheets and plans, "
            "never on member cards."
        )
        hint.setWordWrap(True)
        buttons = button_row((self.choose_button, self.remove_button))
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        events.settings_changed.connect(self.load)
        self.load()

    # -- questions (tests replace this) ----------------------------------------------------

    def ask_path(self) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Choose the centre's logo", "", "Pictures (*.png *.jpg *.jpeg)"
        )
        return Path(chosen) if chosen else None

    # -- actions -----------------------------------------------------------------------------

    def load(self) -> None:
        """Show the stored logo (or say there is none)."""
        try:
            data = self._services.settings.logo()
        except RecoveryDeskError:
            data = None
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.preview.setPixmap(
                pixmap.scaledToHeight(PREVIEW_HEIGHT, Qt.TransformationMode.SmoothTransformation)
            )
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(NO_LOGO)
        allowed = self._services.access.can(Action.SETTINGS)
        self.choose_button.setEnabled(allowed)
        self.remove_button.setEnabled(allowed and bool(data))

    def choose(self) -> bool:
        """Read a picture file and make it the logo; a problem is said and nothing changes."""
        path = self.ask_path()
        if path is None:
            return False
        try:
            data = path.read_bytes()
        except OSError as error:
            handle_error(self, RecoveryDeskError(f"Cannot read {path}: {error.strerror}."))
            return False
        return self._save(data, "Logo saved: it prints on sign-in sheets and plans.")

    def remove(self) -> bool:
        return self._save(None, "Logo removed.")

    def _save(self, data: bytes | None, message: str) -> bool:
        try:
            self._services.settings.save_logo(data)
        except RecoveryDeskError as error:
            handle_error(self, error)
            return False
        self.load()
        self._events.settings_changed.emit()
        self.status_message.emit(message)
        return True
