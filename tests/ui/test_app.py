"""The real app, started the way a person or a script starts it: ``main(argv)``."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication

from recoverydesk.__main__ import main
from recoverydesk.app import run_gui
from recoverydesk.cli.context import CliContext
from recoverydesk.paths import app_paths
from recoverydesk.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


@pytest.fixture(autouse=True)
def _keep_root_logging(keep_root_logging) -> None:
    """Every test here runs ``main``, which adds a log file."""


def _member_rows(window: MainWindow) -> int:
    pane = window.pane("Members")
    views = [v for v in pane.findChildren(QAbstractItemView) if v.accessibleName() == "Members"]
    return views[0].model().rowCount() if views else 0


def test_demo_opens_on_synthetic_members_and_closes_cleanly(when_window, qapp, tmp_path, dialogs):
    seen: dict[str, object] = {}

    def check(window: MainWindow) -> bool:
        seen["title"] = window.windowTitle()
        seen["panes"] = window.pane_names()
        seen["allowed"] = window.allowed_pane_names()
        seen["screen"] = window.screen_name
        seen["who"] = window.session_label.text()
        seen["current"] = window.current_pane_name()
        seen["rows"] = _member_rows(window)
        seen["banner"] = window.demo_banner is not None and window.demo_banner.isVisible()
        seen["status"] = window.database_label.text()
        return bool(seen["rows"])

    timer = when_window(check)
    assert main(["--demo", "--data-dir", str(tmp_path / "demo")]) == 0
    timer.stop()
    assert dialogs == []
    assert str(seen["title"]).startswith("RecoveryDesk")
    assert seen["title"] == "RecoveryDesk — Demo data"
    assert seen["panes"][:2] == ["Front desk", "Members"] and "Admin" in seen["panes"]
    assert seen["screen"] == "panes"  # signed in without a prompt
    assert seen["who"] == "Signed in: Demo Coordinator (Coordinator)"
    assert "Admin" not in seen["allowed"]  # a coordinator does not run the site
    assert seen["current"] == "Front desk"
    assert seen["rows"] > 0
    assert seen["banner"] is True
    assert "demo.sqlite3" in str(seen["status"])
    assert (tmp_path / "demo" / "ui-state.ini").exists()


def test_demo_lists_its_accounts_for_whoever_switches_user(qapp, tmp_path, dialogs):
    from recoverydesk.app import run_gui
    from recoverydesk.services.accounts import DEMO_PASSWORD

    seen: dict[str, object] = {}

    def ready(window: MainWindow) -> None:
        window.sign_out()
        table = window.sign_in_screen.demo_list
        seen["screen"] = window.screen_name
        seen["accounts"] = [table.item(r, 0).text() for r in range(table.rowCount())]
        seen["password"] = table.item(0, 2).text()
        window.sign_in_screen.pick_demo(seen["accounts"].index("admin"))
        seen["signed_in"] = window.sign_in_screen.submit()
        seen["allowed"] = window.allowed_pane_names()
        window.close()

    ctx = CliContext(paths=app_paths(tmp_path / "demo"), db=None)
    assert run_gui(ctx, demo=True, on_ready=ready) == 0
    assert seen["screen"] == "sign-in"
    assert seen["accounts"] == ["coordinator", "desk", "peer", "admin"]
    assert seen["password"] == DEMO_PASSWORD
    assert seen["signed_in"] is True and "Admin" in seen["allowed"]
    assert dialogs == []


def test_a_new_database_opens_on_the_first_admin_form(qapp, tmp_path, dialogs):
    ctx = CliContext(paths=app_paths(tmp_path / "data"), db=str(tmp_path / "site.sqlite3"))
    seen: dict[str, object] = {}

    def ready(window: MainWindow) -> None:
        seen["screen"] = window.screen_name
        seen["panes_shown"] = window.navigation.isVisible()
        window.close()

    assert run_gui(ctx, demo=False, on_ready=ready) == 0
    assert seen == {"screen": "first-admin", "panes_shown": False}
    assert dialogs == []


def test_a_damaged_database_opens_the_recovery_screen_not_a_traceback(
    qapp, tmp_path, dialogs, capsys
):
    from recoverydesk.ui.recovery import RecoveryChoice

    bad = tmp_path / "damaged.sqlite3"
    bad.write_bytes(b"this is not a database \x00\xff" * 400)
    before = bad.read_bytes()
    asked = []
    ctx = CliContext(paths=app_paths(tmp_path / "data"), db=str(bad))

    def quit_screen(facts):
        asked.append(facts)
        return RecoveryChoice.QUIT

    assert run_gui(ctx, demo=False, recovery_choice=quit_screen) == 1
    assert len(asked) == 1 and "not a database" in asked[0].problem
    assert dialogs == []
    assert bad.read_bytes() == before
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def test_a_real_database_opens_without_the_demo_banner(qapp, tmp_path, dialogs):
    ctx = CliContext(paths=app_paths(tmp_path / "data"), db=str(tmp_path / "site.sqlite3"))
    seen: dict[str, object] = {}

    def ready(window: MainWindow) -> None:
        seen["title"] = window.windowTitle()
        seen["banner"] = window.demo_banner
        seen["status"] = window.database_label.text()
        window.close()

    assert run_gui(ctx, demo=False, on_ready=ready) == 0
    assert seen["title"] == "RecoveryDesk"
    assert seen["banner"] is None
    assert str(tmp_path / "site.sqlite3") in str(seen["status"])
    assert dialogs == []


def test_the_previous_excepthook_is_back_after_the_app_closes(qapp, tmp_path, dialogs):
    import sys

    before = sys.excepthook
    ctx = CliContext(paths=app_paths(tmp_path / "data"), db=None)
    assert run_gui(ctx, demo=False, on_ready=lambda window: window.close()) == 0
    assert sys.excepthook is before
    assert Path(ctx.paths.database).exists()


def test_event_loops_still_run_after_the_app_closes(qapp, qtbot, tmp_path, dialogs):
    ctx = CliContext(paths=app_paths(tmp_path / "data"), db=None)
    assert run_gui(ctx, demo=False, on_ready=lambda window: window.close()) == 0
    fired = []
    QTimer.singleShot(20, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired), timeout=2000)


def test_a_busy_database_while_building_panes_is_explained(qapp, tmp_path, dialogs, monkeypatch):
    from recoverydesk import app
    from recoverydesk.domain.errors import DatabaseLockedError

    def busy(services, events):
        raise DatabaseLockedError("The database is busy: another desk is writing to it.")

    monkeypatch.setattr(app, "build_panes", busy)
    ctx = CliContext(paths=app_paths(tmp_path / "data"), db=None)
    assert run_gui(ctx, demo=False) == 1
    assert dialogs == [
        (
            "critical",
            "Database busy",
            "The database is busy: another desk is writing to it.\n\nRecoveryDesk will close now.",
        )
    ]


def test_a_bug_while_starting_gets_the_error_dialog_not_a_traceback(
    qapp, tmp_path, dialogs, monkeypatch, capsys
):
    from recoverydesk import app

    def broken(services, events):
        raise AttributeError("a pane forgot something")

    monkeypatch.setattr(app, "build_panes", broken)
    ctx = CliContext(paths=app_paths(tmp_path / "data"), db=None)
    assert run_gui(ctx, demo=False) == 1
    assert [kind for kind, _, _ in dialogs] == ["unexpected"]
    assert "AttributeError" in dialogs[0][2]
    assert "Traceback" not in capsys.readouterr().err


def test_a_database_in_a_cloud_sync_folder_is_refused_in_plain_words(
    qapp, tmp_path, dialogs, monkeypatch
):
    monkeypatch.delenv("RECOVERYDESK_ALLOW_UNSAFE_LOCATION", raising=False)
    synced = tmp_path / "Dropbox" / "centre" / "recoverydesk.sqlite3"
    assert main(["--db", str(synced), "--data-dir", str(tmp_path / "data")]) == 1
    assert len(dialogs) == 1
    kind, _title, text = dialogs[0]
    assert kind == "critical" and "Dropbox" in text
    assert not synced.parent.exists(), "nothing is created in the synced folder"
