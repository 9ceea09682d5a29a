"""Where RecoveryDesk keeps its files.

Data and logs go to the platform's per-user folders (platformdirs). ``--data-dir`` or the
``RECOVERYDESK_DATA_DIR`` environment variable put everything under one folder instead,
which tests, demos and portable installs use. ``resource_path`` finds bundled files both
from a source checkout and from a PyInstaller build.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from recoverydesk import APP_NAME, ORG_NAME

ENV_DATA_DIR = "RECOVERYDESK_DATA_DIR"
DB_FILENAME = "recoverydesk.sqlite3"
DEMO_DB_FILENAME = "demo.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    """The folders one run of the app uses."""

    data_dir: Path
    log_dir: Path
    backup_dir: Path

    @property
    def database(self) -> Path:
        """The default SQLite database file."""
        return self.data_dir / DB_FILENAME

    @property
    def demo_database(self) -> Path:
        """The demo database file, created on first use of ``--demo``."""
        return self.data_dir / DEMO_DB_FILENAME

    def ensure(self) -> None:
        """Create the folders if they do not exist yet."""
        for folder in (self.data_dir, self.log_dir, self.backup_dir):
            folder.mkdir(parents=True, exist_ok=True)


def app_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """Resolve the folders: explicit argument, then environment, then platform defaults."""
    override = data_dir or os.environ.get(ENV_DATA_DIR)
    if override:
        root = Path(override).expanduser().resolve()
        return AppPaths(data_dir=root, log_dir=root / "logs", backup_dir=root / "backups")
    data = Path(platformdirs.user_data_dir(APP_NAME, ORG_NAME))
    logs = Path(platformdirs.user_log_dir(APP_NAME, ORG_NAME))
    return AppPaths(data_dir=data, log_dir=logs, backup_dir=data / "backups")


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource (``resources/...``), from source or a frozen build."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root, "resources", *parts)
    return Path(__file__).resolve().parents[2].joinpath("resources", *parts)
