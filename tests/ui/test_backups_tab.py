"""Admin → Backups: back up, back up to a folder, restore, and refuse a damaged backup."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QMessageBox, QPushButton

from recoverydesk.domain.backups import BackupInfo, BackupKind
from recoverydesk.domain.errors import DatabaseUnavailableError
from recoverydesk.domain.members import MemberDraft
from recoverydesk.services.container import Services
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.models.backups_model import (
    DAMAGED,
    NOT_CHECKED,
    VERIFIED,
    BackupsTableModel,
    size_text,
)
from recoverydesk.ui.panes.admin_pane import AdminPane
from recoverydesk.ui.panes.backups_tab import BackupsTab

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

WAIT_MS = 10_000
M = BackupsTableModel


@pytest.fixture
def events() -> AppEvents:
    return AppEvents()


@pytest.fixture
def shown(monkeypatch) -> list[tuple[str, str, str]]:
    """Every message box, as (kind, title, text), recorded instead of shown."""
    seen: list[tuple[str, str, str]] = []

    def record(kind: str):
        def show(parent, title, text, *args, **kwargs):
            seen.append((kind, title, text))
            return QMessageBox.StandardButton.Ok

        return show

    for kind in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(("exec", box.text(), "")))
    return seen


@pytest.fixture
def tab(qtbot, services: Services, events: AppEvents, shown) -> BackupsTab:
    widget = BackupsTab(services, events)
    qtbot.addWidget(widget)
    widget.resize(1000, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _add(services: Services, *names: str) -> None:
    for name in names:
        services.members.create(MemberDraft(first_name=name, last_name="Testperson"))


def _cell(tab: BackupsTab, row: int, column: int) -> str:
    return tab.model.index(row, column).data()


def _wait_idle(qtbot, tab: BackupsTab) -> None:
    qtbot.waitUntil(lambda: not tab.busy, timeout=WAIT_MS)


def _member_count(services: Services) -> int:
    return len(services.members.search("", limit=100).rows)


def _back_up_now(qtbot, tab: BackupsTab) -> BackupInfo:
    before = tab.model.rowCount()
    qtbot.mouseClick(tab.back_up_button, _left())
    qtbot.waitUntil(lambda: tab.model.rowCount() == before + 1, timeout=WAIT_MS)
    _wait_idle(qtbot, tab)
    return tab.selected_backup()


def _left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_every_button_is_named_by_its_label(tab: BackupsTab):
    buttons = tab.findChildren(QPushButton)
    assert {b.text() for b in buttons} == {"Back up now", "Back up to…", "Restore…", "Open folder"}
    assert all(b.accessibleName() == b.text() for b in buttons)
    assert tab.table.accessibleName() == "Backups"


def test_back_up_now_lists_a_verified_backup_with_its_counts(qtbot, tab, services):
    _add(services, "Alex", "Sam", "Kit")
    assert tab.model.rowCount() == 0
    assert not tab.restore_button.isEnabled()
    info = _back_up_now(qtbot, tab)
    assert info.path.parent == services.backups.folder
    assert info.path.exists()
    assert _cell(tab, 0, M.COL_CHECK) == VERIFIED
    assert _cell(tab, 0, M.COL_MEMBERS) == "3"
    assert _cell(tab, 0, M.COL_VISITS) == "0"
    assert _cell(tab, 0, M.COL_KIND) == BackupKind.MANUAL.label
    assert _cell(tab, 0, M.COL_TAKEN) == "Tue 10 Mar 2026, 10:00"  # the site's time (UTC)
    assert tab.status_text() == "Backup verified: 3 members, 0 visits"
    assert tab.restore_button.isEnabled()


def test_back_up_to_a_chosen_folder_writes_the_copy_there(qtbot, tab, services, tmp_path):
    _add(services, "Alex")
    usb = tmp_path / "usb"
    usb.mkdir()
    assert tab.reminder.isVisible()
    assert "No backup has been copied off this PC yet" in tab.reminder.text()
    tab.choose_folder = lambda: usb
    qtbot.mouseClick(tab.back_up_to_button, _left())
    qtbot.waitUntil(lambda: "Backup verified" in tab.status_text(), timeout=WAIT_MS)
    copies = list(usb.glob("*.sqlite3"))
    assert len(copies) == 1
    assert tab.status_text() == f"Backup verified: 1 member, 0 visits — in {usb}"
    assert not tab.reminder.isVisible()  # the off-PC copy is fresh


def test_cancelling_the_folder_choice_does_nothing(qtbot, tab, services):
    tab.choose_folder = lambda: None
    qtbot.mouseClick(tab.back_up_to_button, _left())
    assert not tab.busy
    assert services.backups.list() == []


def test_a_missing_folder_is_explained_in_plain_words(qtbot, tab, shown, tmp_path):
    tab.choose_folder = lambda: tmp_path / "stick-removed"
    qtbot.mouseClick(tab.back_up_to_button, _left())
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)
    kind, title, text = shown[0]
    assert (kind, title) == ("warning", DatabaseUnavailableError.title)
    assert "USB stick" in text and "Nothing was changed" in text
    assert "Traceback" not in text
    assert tab.status_text() == "Nothing was changed."
    assert not (tmp_path / "stick-removed").exists()


def test_restore_brings_back_the_backup_and_tells_every_pane(qtbot, tab, services, events, shown):
    _add(services, "Alex", "Sam")
    chosen = _back_up_now(qtbot, tab)
    _add(services, "Kit")
    assert _member_count(services) == 3
    asked: list[BackupInfo] = []
    tab.confirm_restore = lambda info: asked.append(info) or True
    heard: list[str] = []
    events.members_changed.connect(lambda i: heard.append(f"members {i}"))
    events.visits_changed.connect(lambda i: heard.append(f"visits {i}"))
    events.settings_changed.connect(lambda: heard.append("settings"))

    assert tab.select(chosen.path)
    qtbot.mouseClick(tab.restore_button, _left())
    qtbot.waitUntil(lambda: any(k == "information" for k, _, _ in shown), timeout=WAIT_MS)

    assert [a.members for a in asked] == [2]  # the question showed what the backup holds
    assert _member_count(services) == 2
    assert heard == ["members -1", "visits -1", "settings"]
    kinds = [b.kind for b in tab.model.rows()]
    assert BackupKind.BEFORE_RESTORE in kinds
    before = next(b for b in tab.model.rows() if b.kind is BackupKind.BEFORE_RESTORE)
    assert before.members == 3  # nothing is lost: the replaced data is kept
    text = (
        "Restored backup of Tue 10 Mar 2026, 10:00. "
        f"The previous database is kept as {before.path.name}."
    )
    assert shown[-1] == ("information", "Backup restored", text)
    assert tab.status_text() == text


def test_restore_can_be_cancelled(qtbot, tab, services):
    _add(services, "Alex")
    chosen = _back_up_now(qtbot, tab)
    _add(services, "Sam")
    asked: list[BackupInfo] = []
    tab.confirm_restore = lambda info: asked.append(info) or False
    tab.select(chosen.path)
    qtbot.mouseClick(tab.restore_button, _left())
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT_MS)
    _wait_idle(qtbot, tab)
    assert _member_count(services) == 2
    assert tab.model.rowCount() == 1


def test_a_damaged_backup_is_shown_as_damaged_and_never_restored(qtbot, tab, services, shown):
    _add(services, "Alex")
    chosen = _back_up_now(qtbot, tab)
    _add(services, "Sam")
    with open(chosen.path, "r+b") as handle:
        handle.write(b"this is no longer SQLite" * 8)
    asked: list[BackupInfo] = []
    tab.confirm_restore = lambda info: asked.append(info) or True
    tab.select(chosen.path)
    qtbot.mouseClick(tab.restore_button, _left())
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)

    assert _cell(tab, tab.model.row_of(chosen.path), M.COL_CHECK) == DAMAGED
    kind, title, text = shown[0]
    assert (kind, title) == ("warning", "Backup damaged")
    assert "cannot be restored" in text and "Nothing was changed" in text
    assert asked == []
    assert _member_count(services) == 2
    assert tab.status_text() == "Not restored: that backup is damaged."


def test_a_backup_without_its_check_note_is_not_checked(qtbot, tab, services):
    info = _back_up_now(qtbot, tab)
    info.path.with_suffix(".json").unlink()
    tab.refresh()
    assert _cell(tab, 0, M.COL_CHECK) == NOT_CHECKED
    assert _cell(tab, 0, M.COL_MEMBERS) == "—"


def test_open_folder_opens_the_backups_folder(tab, services):
    opened: list[QUrl] = []
    tab.open_url = lambda url: opened.append(url) or True
    assert tab.open_folder()
    assert [Path(u.toLocalFile()) for u in opened] == [services.backups.folder]


def test_the_model_passes_the_model_tester(qtbot, qtmodeltester, tab, services):
    _add(services, "Alex")
    _back_up_now(qtbot, tab)
    _back_up_now(qtbot, tab)
    assert tab.model.rowCount() == 2
    qtmodeltester.check(tab.model)


def test_sizes_read_like_a_person_reads_them():
    assert size_text(20_000) == "< 0.1 MB"
    assert size_text(123_456) == "0.1 MB"
    assert size_text(12_345_678) == "12.3 MB"
    assert size_text(1_234_567_890) == "1,234.6 MB"


def test_admin_shows_restored_settings(qtbot, services, events, shown):
    pane = AdminPane(services, events)
    qtbot.addWidget(pane)
    pane.show()
    tabs = [pane.tabs.tabText(i) for i in range(pane.tabs.count())]
    assert tabs == ["Settings", "Front desk", "Backups", "Users", "Audit trail"]
    section = pane.settings_section
    section.centre_name.setText("Harbour Recovery Centre")
    assert section.save()
    chosen = _back_up_now(qtbot, pane.backups_tab)
    section.centre_name.setText("Renamed Centre")
    assert section.save()
    pane.backups_tab.confirm_restore = lambda info: True
    pane.backups_tab.select(chosen.path)
    pane.backups_tab.restore_selected()
    qtbot.waitUntil(lambda: any(k == "information" for k, _, _ in shown), timeout=WAIT_MS)
    assert section.centre_name.text() == "Harbour Recovery Centre"
    assert services.settings.get().centre_name == "Harbour Recovery Centre"
