"""A damaged database opens the recovery screen, never a traceback; restore brings data back.

The files are damaged the way disks damage them: the header overwritten ("file is not a
database") or one page of the members table overwritten ("malformed"). The app is started
the way a person starts it (``main(argv)``) and the real recovery screen is answered by
clicking its buttons.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from recoverydesk.__main__ import main
from recoverydesk.app import run_gui
from recoverydesk.cli.context import CliContext
from recoverydesk.domain.accounts import Role
from recoverydesk.domain.backups import BackupKind
from recoverydesk.domain.errors import DiskFullError
from recoverydesk.domain.members import MemberDraft
from recoverydesk.paths import AppPaths, app_paths
from recoverydesk.services.backups import BackupService
from recoverydesk.services.container import open_services
from recoverydesk.ui.main_window import MainWindow
from recoverydesk.ui.recovery import (
    QUIT_TEXT,
    READ_ONLY_TEXT,
    RESTORE_TEXT,
    RecoveryChoice,
    RecoveryDialog,
    RecoveryFacts,
)

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

BACKED_UP = 120  # members in the backup: enough for the members table to span pages
ADMIN_PASSWORD = "synthetic-admin-password"
ADDED_LATER = 5  # members added after the backup, lost with the damaged file


@pytest.fixture(autouse=True)
def _keep_root_logging(keep_root_logging) -> None:
    """Every test here runs ``main``, which adds a log file."""


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return app_paths(tmp_path / "data")


def _site_with_backup(paths: AppPaths, backed_up: int = BACKED_UP) -> None:
    """A database with a verified backup of ``backed_up`` members, and more added since."""
    paths.ensure()
    services = open_services(paths.database, backup_dir=paths.backup_dir)
    try:
        services.accounts.create_user("site-admin", "Site Admin", Role.ADMIN, ADMIN_PASSWORD)
        for number in range(backed_up):
            services.members.create(
                MemberDraft(first_name=f"Backed{number:03d}", last_name="Upperson")
            )
        if backed_up:
            services.backups.back_up()
        for number in range(ADDED_LATER):
            services.members.create(MemberDraft(first_name=f"Later{number}", last_name="Lost"))
    finally:
        services.close()


def _overwrite_header(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.write(b"not SQLite any more!" * 5)


def _overwrite_page_of(path: Path, name: str) -> None:
    """Write garbage over the root page of table or index ``name`` (a damaged sector)."""
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,))
    conn.close()
    with open(path, "r+b") as handle:
        handle.seek((root[0] - 1) * page_size)
        handle.write(bytes([0xA5]) * page_size)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _answer(button: str, seen: list[RecoveryFacts]) -> QTimer:
    """Click ``button`` on the recovery screen when it shows (and record what it said)."""
    timer = QTimer()
    timer.setInterval(30)

    def tick() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, RecoveryDialog) and widget.isVisible():
                seen.append(widget.facts)
                pressed = [b for b in widget.findChildren(QPushButton) if b.text() == button]
                if pressed and pressed[0].isEnabled():
                    pressed[0].click()
                else:
                    widget.quit_button.click()
                return

    timer.timeout.connect(tick)
    timer.start()
    return timer


def _members_shown(window: MainWindow) -> str:
    """The Members pane's count ("120 members"), as a person reads it."""
    return window.pane("Members").count_label.text()


def _open_windows() -> list[MainWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def test_a_file_that_is_not_a_database_opens_the_recovery_screen_and_quit_leaves_it(
    qapp, paths, dialogs, capsys
):
    _site_with_backup(paths)
    _overwrite_header(paths.database)
    before = _digest(paths.database)
    seen: list[RecoveryFacts] = []
    timer = _answer(QUIT_TEXT, seen)
    assert main(["--data-dir", str(paths.data_dir)]) == 1
    timer.stop()
    facts = seen[0]
    assert "not a database" in facts.problem
    assert not facts.read_only_possible  # too damaged to open at all
    assert facts.backup is not None and facts.backup.members == BACKED_UP
    assert _digest(paths.database) == before
    assert list(paths.backup_dir.glob("*.damaged")) == []
    assert dialogs == []
    assert not _open_windows()
    assert "Traceback" not in "".join(capsys.readouterr())


def test_a_malformed_page_is_recovered_from_the_newest_backup(
    when_window, qapp, paths, dialogs, capsys
):
    _site_with_backup(paths)
    _overwrite_page_of(paths.database, "members")
    seen: list[RecoveryFacts] = []
    answer = _answer(RESTORE_TEXT, seen)
    shown: dict[str, object] = {}

    def check(window: MainWindow) -> bool:
        shown["members"] = _members_shown(window)
        shown["status"] = window.statusBar().currentMessage()
        shown["title"] = window.windowTitle()
        return shown["members"] == f"{BACKED_UP} members"

    timer = when_window(check)
    assert main(["--data-dir", str(paths.data_dir)]) == 0
    answer.stop()
    timer.stop()

    assert "malformed" in seen[0].problem
    assert seen[0].read_only_possible
    assert shown["members"] == f"{BACKED_UP} members"
    assert shown["title"] == "RecoveryDesk"
    assert str(shown["status"]).startswith("Restored the backup of ")
    assert dialogs == []
    assert "Traceback" not in "".join(capsys.readouterr())
    services = open_services(paths.database, backup_dir=paths.backup_dir)
    try:
        names = {row.first_name for row in services.members.search("", limit=500).rows}
        assert len(names) == BACKED_UP
        assert "Later0" not in names
    finally:
        services.close()
    damaged = list(paths.backup_dir.glob("*.damaged"))
    assert len(damaged) == 1  # the damaged file is kept, byte for byte


def test_no_good_backup_is_said_plainly(qapp, paths, dialogs):
    _site_with_backup(paths, backed_up=0)
    _overwrite_header(paths.database)
    seen: list[RecoveryFacts] = []
    timer = _answer(RESTORE_TEXT, seen)  # not offered: the screen is quit instead
    assert main(["--data-dir", str(paths.data_dir)]) == 1
    timer.stop()
    assert seen[0].backup is None
    assert dialogs == []


def test_read_only_shows_what_can_still_be_read(qapp, paths, dialogs):
    _site_with_backup(paths)
    _overwrite_page_of(paths.database, "ix_members_phone_last4")
    before = _digest(paths.database)
    backups_before = sorted(p.name for p in paths.backup_dir.iterdir())
    shown: dict[str, object] = {}

    def ready(window: MainWindow) -> None:
        shown["screen"] = window.screen_name
        shown["wrong"] = window.sign_in_as("site-admin", "not-the-password")
        shown["problem"] = window.sign_in_screen.problem_text
        shown["signed_in"] = window.sign_in_as("site-admin", ADMIN_PASSWORD)
        shown["title"] = window.windowTitle()
        shown["database"] = window.database_label.text()
        shown["members"] = _members_shown(window)
        window.lock()
        window.lock_screen.password.setText(ADMIN_PASSWORD)
        shown["unlocked"] = window.lock_screen.unlock()
        window.close()

    ctx = CliContext(paths=paths, db=None)
    answer = lambda facts: RecoveryChoice.READ_ONLY  # noqa: E731
    assert run_gui(ctx, demo=False, on_ready=ready, recovery_choice=answer) == 0
    assert shown["screen"] == "sign-in"  # people still sign in on a read-only database
    assert shown["wrong"] is False and shown["problem"] == "Wrong username or password."
    assert shown["signed_in"] is True and shown["unlocked"] is True
    assert shown["title"] == "RecoveryDesk — Read-only"
    assert str(shown["database"]).startswith("Database (read-only): ")
    assert shown["members"] == f"{BACKED_UP + ADDED_LATER} members"
    assert _digest(paths.database) == before
    assert sorted(p.name for p in paths.backup_dir.iterdir()) == backups_before  # no backup


def test_a_restore_that_fails_is_explained_and_asked_again(qapp, paths, dialogs):
    _site_with_backup(paths)
    _overwrite_header(paths.database)
    asked: list[RecoveryFacts] = []

    def answer(facts: RecoveryFacts) -> RecoveryChoice:
        asked.append(facts)
        if facts.backup is None:
            return RecoveryChoice.QUIT
        _overwrite_header(facts.backup.path)  # the backup goes bad after it was checked
        return RecoveryChoice.RESTORE

    ctx = CliContext(paths=paths, db=None)
    assert run_gui(ctx, demo=False, recovery_choice=answer) == 1
    assert len(asked) == 2
    assert asked[1].note.startswith("Restoring did not work: That backup cannot be restored")
    assert dialogs == []


def test_the_day_starts_with_a_verified_backup(qapp, paths, dialogs):
    ctx = CliContext(paths=paths, db=None)
    assert run_gui(ctx, demo=False, on_ready=lambda window: window.close()) == 0
    services = open_services(paths.database, backup_dir=paths.backup_dir)
    try:
        kinds = [b.kind for b in services.backups.list()]
    finally:
        services.close()
    assert kinds == [BackupKind.DAILY]
    assert dialogs == []


def test_a_failed_daily_backup_never_stops_the_app(
    when_window, qapp, qtbot, paths, dialogs, monkeypatch
):
    def full(self):
        raise DiskFullError("Backing up failed: the disk is full. Nothing was changed.")

    monkeypatch.setattr(BackupService, "daily_if_needed", full)
    shown: dict[str, object] = {}

    def check(window: MainWindow) -> bool:
        boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
        shown["status"] = window.statusBar().currentMessage()
        shown["boxes"] = [(b.windowTitle(), b.text(), b.isModal()) for b in boxes]
        return bool(boxes)

    timer = when_window(check)
    assert main(["--data-dir", str(paths.data_dir)]) == 0
    timer.stop()
    assert "backup was not made" in str(shown["status"])
    ((title, text, modal),) = shown["boxes"]
    assert title == "Disk full"
    assert "the disk is full" in text and not modal
    assert dialogs == []


def test_the_demo_keeps_its_backups_apart_and_shows_no_dialog(
    when_window, qapp, paths, dialogs, monkeypatch
):
    def full(self):
        raise DiskFullError("Backing up failed: the disk is full.")

    monkeypatch.setattr(BackupService, "daily_if_needed", full)
    seen: dict[str, object] = {}

    def check(window: MainWindow) -> bool:
        seen["status"] = window.statusBar().currentMessage()
        seen["boxes"] = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
        return "backup" in str(seen["status"])

    timer = when_window(check)
    assert main(["--demo", "--data-dir", str(paths.data_dir)]) == 0
    timer.stop()
    assert "backup was not made" in str(seen["status"])
    assert seen["boxes"] == []
    assert dialogs == []
    assert not list(paths.backup_dir.glob("demo-*"))


def test_the_recovery_screen_names_its_buttons_and_disables_what_cannot_work(qtbot, tmp_path):
    facts = RecoveryFacts(
        database=tmp_path / "recoverydesk.sqlite3",
        problem="file is not a database",
        backup=None,
        backups_folder=tmp_path / "backups",
        read_only_possible=False,
    )
    dialog = RecoveryDialog(facts)
    qtbot.addWidget(dialog)
    buttons = {b.text(): b for b in dialog.findChildren(QPushButton)}
    assert set(buttons) == {RESTORE_TEXT, READ_ONLY_TEXT, QUIT_TEXT}
    assert all(b.accessibleName() == text for text, b in buttons.items())
    assert not buttons[RESTORE_TEXT].isEnabled()
    assert not buttons[READ_ONLY_TEXT].isEnabled()
    assert buttons[QUIT_TEXT].isDefault()
    qtbot.mouseClick(buttons[QUIT_TEXT], Qt.MouseButton.LeftButton)
    assert dialog.choice is RecoveryChoice.QUIT
